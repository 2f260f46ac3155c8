// Package figures draws the figures of the Spatial Memory Pipeline
// reproduction from computed results, and holds each computational step the
// notebooks and the figures command share, so that a notebook cell and the
// command call the same code.
//
// Figure 2 (which kinds of spatial cell the model's units became) is made
// in these steps, each a method of Figure2Data cached on disk:
//
//	src, _ := figures.DataDir(root, data.TrajectoriesName) // data/real or data/synthetic
//	d, _ := figures.OpenFigure2(src, figures.Figure2Options{})
//	sum, _ := d.Summary()         // sizes and the original's description printout
//	c, _ := d.Classification()    // HD, egoBVC and BVC cells (smp.Classify)
//	st, _ := d.Stability()        // spatial stability of every unit (smp.SpatialStability)
//	units, _ := d.PanelUnits()    // the units and memory slots panels A–E show
//	maps, _ := d.PanelMaps()      // their HD tuning curves and ratemaps
//	in, _ := d.Figure2Input()     // all of the above
//	fig, _ := figures.Figure2(in) // the nine panels A–I
//
// # Which data
//
// DataDir chooses DeepMind's real files (data/real) when they are present
// and the synthetic world (data/synthetic) otherwise, and says which
// (DataSource.Describe). Figure 3 uses the same helper with its own data
// set names.
//
// # Caching
//
// Every GoNB notebook cell runs as a new process, so results that take
// seconds to compute are kept between cells (and between runs) in a Cache:
// gob files in a directory, keyed by the step, the data file's path, size
// and modification time, and the options (seed, shuffles). The arrays are
// read from disk only when some step is not cached.
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
