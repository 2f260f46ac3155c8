// Package notebook is the session of the GoNB notebooks: which data they
// show, making the synthetic world on first use, the one cache helper their
// cells call, and one-line guidance when something is missing.
//
// Every GoNB cell is compiled and run as a new process, so a cell's results
// do not survive it. A cell keeps them with Cached: the analysis call is
// written out in the cell, and Cached stores its result on disk (package
// smp/cache), keyed by the step, the data, the parameters and the code, and
// remembers it for the later cells of the same kernel (Last):
//
//	opt := smp.ClassifyOptions{Seed: 0, NShuffles: 1000, Percentile: 99}
//	c := notebook.Cached("classification", opt, func() (*smp.Classification, error) {
//		t := notebook.Trajectories()
//		return smp.Classify(t.Activations(), t.HD, t.Pos, t.WorldDistances, opt)
//	})
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
