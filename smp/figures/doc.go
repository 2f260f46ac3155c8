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
package figures
