// Command hdtrain makes the synthetic world's head-direction network
// (RNN-1: prediction and correction LSTMs, 32 units), writes its parameters
// under the trained model's names to an .npz file and prints the measured
// criteria.
//
//	go run ./scripts/hdtrain -seed 1 -o data/hdnet/params.npz
//
// It builds the analytic ring attractor and calibrates its velocity gain
// (hdtrain.Build); see data/hdnet/README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

func main() {
	seed := flag.Uint64("seed", 1, "seed: shuffles the units' preferred headings")
	out := flag.String("o", hdtrain.Committed, "output .npz file")
	full := flag.Bool("full", false, "evaluate with figure 3's sizes (1000 random states, 2000 steps)")
	flag.Parse()
	if err := run(*seed, *out, *full); err != nil {
		fmt.Fprintln(os.Stderr, "hdtrain:", err)
		os.Exit(1)
	}
}

func run(seed uint64, out string, full bool) error {
	start := time.Now()
	fmt.Fprintf(os.Stderr, "constructing the ring attractor (seed %d) and calibrating its velocity gain...\n", seed)
	m, r, worst, err := hdtrain.Build(seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "scalars: %+v\nworst relative speed error at 0.04..0.2 rad/step: %.4f\n", r, worst)
	fmt.Fprintf(os.Stderr, "made in %.1fs\n", time.Since(start).Seconds())
	if err := m.Save(out); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s; evaluating...\n", out)
	rep, err := hdtrain.Evaluate(m, full)
	if err != nil {
		return err
	}
	rep.Print(os.Stdout)
	fmt.Fprintf(os.Stderr, "done in %.1fs\n", time.Since(start).Seconds())
	return nil
}
