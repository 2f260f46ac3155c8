// Command synth generates the synthetic Spatial Memory Pipeline world: the
// four data sets of the real model (trajectories, parameters,
// visual_inputs, hd_stats) as .npz, the ground truth (truth.json) and a
// manifest, deterministically from a seed.
//
// Usage (from the repository root):
//
//	go run ./scripts/synth [-seed 1] [-full] [-o data/synthetic] [-hdnet data/hdnet/params.npz]
//
// The default world has 200 trajectories of 500 steps; -full makes the
// real data's 800. The head-direction network RNN-1 is the LSTM whose
// parameters -hdnet names (made by package smp/synth/hdtrain); -ideal
// replaces it by an ideal von Mises integrator, for testing only (its
// parameters.npz LSTM weights are zeros). Progress goes to stderr. The same
// flags give byte-identical files; each file is written atomically and the
// manifest last.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/smp-go/smp-go/smp/synth"
)

func main() {
	seed := flag.Uint64("seed", 1, "random seed")
	full := flag.Bool("full", false, "full size: 800 trajectories (default 200)")
	out := flag.String("o", "data/synthetic", "output directory")
	hdnet := flag.String("hdnet", "data/hdnet/params.npz", "head-direction LSTM parameters (.npz from smp/synth/hdtrain)")
	ideal := flag.Bool("ideal", false, "use the ideal von Mises head-direction network instead of the LSTM (testing only)")
	traj := flag.Int("trajectories", 0, "number of trajectories (0: 200, or 800 with -full)")
	workers := flag.Int("workers", 0, "goroutines (0: all CPUs); the data do not depend on it")
	quiet := flag.Bool("q", false, "no progress output")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "synth: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	if err := run(*seed, *full, *out, *hdnet, *ideal, *traj, *workers, *quiet); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(seed uint64, full bool, out, hdnet string, ideal bool, traj, workers int, quiet bool) error {
	cfg := synth.DefaultConfig(seed)
	if full {
		cfg = synth.FullConfig(seed)
	}
	if traj > 0 {
		cfg.Trajectories = traj
	}
	cfg.Workers = workers
	var progress io.Writer = os.Stderr
	if quiet {
		progress = nil
	}
	cfg.Progress = progress
	var net synth.HeadingNetwork
	if ideal {
		n, err := synth.NewIdealHD(32)
		if err != nil {
			return err
		}
		net, cfg.HDNetwork = n, "ideal von Mises integrator (testing only; LSTM weights are zeros)"
	} else {
		n, err := synth.LoadLSTMNetwork(hdnet)
		if err != nil {
			return fmt.Errorf("%w\n(the head-direction LSTM is made by package smp/synth/hdtrain; -ideal uses a stand-in)", err)
		}
		sum, err := synth.FileSHA256(hdnet)
		if err != nil {
			return err
		}
		net, cfg.HDNetwork = n, fmt.Sprintf("LSTM from %s (sha256 %s)", hdnet, sum)
	}
	start := time.Now()
	w, err := synth.Generate(cfg, net)
	if err != nil {
		return err
	}
	m, err := w.Write(out)
	if err != nil {
		return err
	}
	if !quiet {
		var total int64
		for _, f := range m.Files {
			total += f.Bytes
		}
		fmt.Fprintf(os.Stderr, "synth: %d x %d world (seed %d) in %s: %d files, %.1f MB, in %.1fs\n",
			cfg.Trajectories, cfg.Steps, seed, out, len(m.Files)+1, float64(total)/1e6, time.Since(start).Seconds())
	}
	return nil
}
