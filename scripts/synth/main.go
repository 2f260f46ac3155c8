// Command synth generates the synthetic Spatial Memory Pipeline world: the
// four data sets of the real model (trajectories, parameters,
// visual_inputs, hd_stats) as .npz, the ground truth (truth.json) and a
// manifest, deterministically from a seed: the same flags give
// byte-identical files.
//
//	go run ./scripts/synth [-seed 1] [-full] [-o DIR] [-hdnet FILE]
//
// The default world has 200 trajectories of 500 steps; -full makes the
// real data's 800. RNN-1 is the LSTM in -hdnet (default: the repository's
// data/hdnet/params.npz, made by smp/synth/hdtrain); -ideal replaces it by
// an ideal von Mises integrator, for testing only. DIR defaults to the
// repository's data/synthetic, where the notebooks look.
//
// Files are written atomically, the manifest last, under the lock
// .DIR.lock that the notebooks take too when they make the world. An
// interrupt removes the file being written; temporary files of a killed
// run are removed at the next start.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/smp-go/smp-go/scripts/internal/outputs"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/synth"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

func main() {
	seed := flag.Uint64("seed", 1, "random seed")
	full := flag.Bool("full", false, "full size: 800 trajectories (default 200)")
	out := flag.String("o", "", "output `directory` (default: data/synthetic in the repository)")
	hdnet := flag.String("hdnet", "", "head-direction LSTM parameters (.npz from smp/synth/hdtrain; default: "+hdtrain.Committed+" in the repository)")
	ideal := flag.Bool("ideal", false, "use the ideal von Mises head-direction network instead of the LSTM (testing only)")
	traj := flag.Int("trajectories", 0, "number of trajectories (0: 200, or 800 with -full)")
	workers := flag.Int("workers", 0, "goroutines (0: all CPUs); the data do not depend on it")
	quiet := flag.Bool("q", false, "no progress output")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "synth: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	opt := options{seed: *seed, full: *full, out: *out, hdnet: *hdnet, ideal: *ideal, traj: *traj, workers: *workers}
	var progress io.Writer = os.Stderr
	if *quiet {
		progress = nil
	}
	if err := run(opt, os.Stderr, progress); err != nil {
		// The errors of package synth already start with "synth: ".
		msg := err.Error()
		if !strings.HasPrefix(msg, "synth: ") {
			msg = "synth: " + msg
		}
		fmt.Fprintln(os.Stderr, msg)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	seed          uint64
	full, ideal   bool
	out, hdnet    string
	traj, workers int
}

// outputFiles are the files synth writes into its output directory.
var outputFiles = []string{
	data.TrajectoriesName + ".npz", data.ParametersName + ".npz", data.VisualInputsName + ".npz",
	data.HDStatsName + ".npz", synth.TruthFile, synth.ManifestFile,
}

// run generates the world of opt. Messages go to stderr, progress to
// progress (nil: none).
func run(opt options, stderr, progress io.Writer) error {
	if opt.traj < 0 || opt.workers < 0 {
		return fmt.Errorf("-trajectories %d, -workers %d: want numbers ≥ 0", opt.traj, opt.workers)
	}
	hdLabel := opt.hdnet
	if opt.out == "" || (opt.hdnet == "" && !opt.ideal) {
		root, err := data.FindRoot("")
		if err != nil {
			return fmt.Errorf("%w; give -o and -hdnet", err)
		}
		if opt.out == "" {
			opt.out = filepath.Join(root, "data", "synthetic")
		}
		if opt.hdnet == "" {
			opt.hdnet, hdLabel = filepath.Join(root, hdtrain.Committed), hdtrain.Committed
		}
	}
	out, err := filepath.Abs(opt.out)
	if err != nil {
		return err
	}
	if err := outputs.CheckDir(out, true); err != nil {
		return err
	}
	unlock, err := outputs.Lock(context.Background(), stderr, "synth", out)
	if err != nil {
		return err
	}
	defer unlock()
	var paths []string
	for _, f := range outputFiles {
		paths = append(paths, filepath.Join(out, f))
	}
	if removed := outputs.RemoveTemps(paths...); len(removed) > 0 {
		fmt.Fprintf(stderr, "synth: removed partial files of an interrupted run: %s\n", strings.Join(removed, ", "))
	}
	stop := outputs.OnInterrupt(stderr, "synth", paths...)
	defer stop()

	cfg := synth.DefaultConfig(opt.seed)
	if opt.full {
		cfg.Trajectories = 800 // the real data's
	}
	if opt.traj > 0 {
		cfg.Trajectories = opt.traj
	}
	cfg.Workers = opt.workers
	cfg.Progress = progress
	var net synth.HeadingNetwork
	if opt.ideal {
		cfg.HDNetwork = "ideal von Mises integrator (testing only; LSTM weights are zeros)"
		net = synth.NewIdealHD()
	} else if net, cfg.HDNetwork, err = synth.LoadLSTM(opt.hdnet, hdLabel); err != nil {
		return fmt.Errorf("%w (the head-direction LSTM is made by package smp/synth/hdtrain; -ideal uses a stand-in)", err)
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
	if progress != nil {
		var total int64
		for _, f := range m.Files {
			total += f.Bytes
		}
		fmt.Fprintf(progress, "synth: %d x %d world (seed %d) in %s: %d files, %.1f MB, in %.1fs\n",
			cfg.Trajectories, cfg.Steps, opt.seed, out, len(m.Files)+1, float64(total)/1e6, time.Since(start).Seconds())
	}
	return nil
}
