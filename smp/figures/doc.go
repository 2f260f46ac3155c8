// Package figures draws figures 2 and 3 of the Spatial Memory Pipeline
// from computed results. It draws only: loading, caching and the choice of
// data are package smp/notebook's, the analyses packages smp's and
// smp/hdnet's. A notebook cell and scripts/figures call the same functions.
//
// Figure 2 is drawn from its analyses and figure 3 from its steps, as
// smp/notebook's Figure2 and Figure3 compute them (one method per step):
//
//	c, _ := smp.Classify(acts, hd, pos, dists, opt)          // HD, egoBVC and BVC cells
//	st, _ := smp.SpatialStability(pos, acts)                 // per RNN
//	units, _ := figures.ChoosePanelUnits(kind, unitsPerRNN, slots, c, slotScores)
//	maps, _ := figures.ComputePanelMaps(traj, units)          // tuning curves and ratemaps
//	fig, _ := figures.Figure2(figures.Figure2Input{...})      // the nine panels A–I
//
// Each panel can also be drawn on its own (Figure2A ... Figure2I, Figure3A
// ... Figure3I), so that a notebook shows it in the section that explains
// it; a panel alone is, pixel for pixel, its region of the whole figure.
//
// Figures are rendered at plot.PixelDensity (2) PNG pixels per display
// pixel and shown at their display size: figure 2 at 1.5 times the
// original's (Figure2Scale), figure 3 at the original's.
package figures
