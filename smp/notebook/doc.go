// Package notebook is the session of the GoNB notebooks: which data they
// show, making the synthetic world on first use, the figures' steps their
// cells call, and one-line guidance when something is missing.
//
// Every GoNB cell is compiled and run as a new process, so a cell's results
// do not survive it. The steps of figure 2 (Figure2) and figure 3 (Figure3)
// are methods, one per step of the original notebooks: a cell calls one of
// them, and its result is stored on disk (package smp/cache), keyed by the
// step, the data, the parameters and the code, so that the next cell, or
// the next run, reads it back. A step obtains the results it builds on
// itself. go run ./scripts/figures calls the same steps in turn (Input), so
// the notebooks and the command share their results:
//
//	opt := smp.ClassifyOptions{Seed: 0, NShuffles: 1000, Percentile: 99, HDBins: 20, DistanceBin: 0.025}
//	c := notebook.Must(notebook.OpenFigure2().Classification(opt))
//	d := notebook.Must(notebook.OpenFigure3(notebook.PaperFigure3(0)).Demo())
//
// A later cell of the same kernel takes a step's last result, whatever its
// parameters, with Last; a computation that is not a figure's step is
// cached the same way with Cached.
//
// # Which data
//
// Data chooses, in this order: the directory $SMP_DATA_DIR; DeepMind's four
// files in data/real (go run ./scripts/download); the synthetic world in
// data/synthetic, which Data makes on first use (the same code as go run
// ./scripts/synth), once, under a file lock, so that two notebooks started
// together make it once.
//
// # Messages
//
// A notebook cell that cannot go on calls Stop: it prints one line starting
// with "smp-go: " that says what to do, and ends the cell. Within one kernel
// the same message is printed in full once; later cells point back to it.
//
// The functions that stop the cell (Data, Trajectories, Network, Cached,
// Last, Must) are meant for notebook cells and commands' main functions;
// library code returns errors.
package notebook
