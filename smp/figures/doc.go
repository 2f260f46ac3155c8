// Package figures draws figures 2 and 3 of the Spatial Memory Pipeline
// from computed results. It draws only: loading, caching and the choice of
// data are package smp/notebook's, the analyses packages smp's and
// smp/hdnet's. A notebook cell and scripts/figures call the same functions.
//
// Figure 2 from its analyses, and figure 3 from its steps, as
// smp/notebook's Figure2 and Figure3 compute them (one method per step; the
// notebooks' cells call them one by one, scripts/figures through their
// Input):
//
//	c, _ := smp.Classify(acts, hd, pos, dists, opt)          // HD, egoBVC and BVC cells
//	st, _ := smp.SpatialStability(pos, acts)                 // per RNN
//	units, _ := figures.ChoosePanelUnits(kind, unitsPerRNN, slots, c, slotScores)
//	maps, _ := figures.ComputePanelMaps(traj, units)          // tuning curves and ratemaps
//	fig, _ := figures.Figure2(figures.Figure2Input{...})      // the nine panels A–I
//
// # Panels
//
// Each panel can be drawn on its own, as a small figure, from plain
// analysis results, so that a notebook shows it in the section that
// explains it: Figure2A (HD tuning) ... Figure2I (BVC scores) and
// Figure3A (integration demo) ... Figure3I (a never-converging image). The
// whole figures, Figure2 and Figure3, are drawn by the same code, panel by
// panel: a panel alone is, pixel for pixel, its region of the whole figure.
//
// # Display
//
// Figures are rendered at plot.PixelDensity (2) PNG pixels per display
// pixel and shown at their display size, sharp on high-density screens.
// Figure 2 is shown 1.5 times the original's size (Figure2Scale), figure
// 3 at the original's.
package figures
