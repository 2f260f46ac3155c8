// Package notebook is the session of the GoNB notebooks: which data they
// show (Data, ChooseData), making the synthetic world on first use
// (MakeSynthetic), the figures' steps their cells call, and one-line
// guidance when something is missing (Stop).
//
// Every GoNB cell is compiled and run as a new process, so a cell's results
// do not survive it. The steps of figure 2 (Figure2) and figure 3 (Figure3)
// are methods, one per step of the original notebooks; each result is
// stored on disk (package smp/cache), keyed by the step, the data, the
// parameters and the code, so that the next cell, or the next run, reads
// it back. A step obtains the results it builds on itself. go run
// ./scripts/figures calls the same steps in turn (Input):
//
//	opt := smp.ClassifyOptions{Seed: 0, NShuffles: 1000, Percentile: 99, HDBins: 20, DistanceBin: 0.025}
//	c := notebook.Must(notebook.OpenFigure2().Classification(opt))
//	d := notebook.Must(notebook.OpenFigure3(notebook.PaperFigure3(0)).Demo())
//
// A later cell of the same kernel takes a step's last result, whatever its
// parameters, with Last; a computation that is not a figure's step is
// cached the same way with Cached.
//
// The functions that stop the cell (Data, Trajectories, Network, Cached,
// Last, Must, Check) are meant for notebook cells and commands' main
// functions; library code returns errors.
package notebook
