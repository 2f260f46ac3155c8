package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/synth"
)

// deepMindKeys are the keys of DeepMind's trajectories.pickle.
var deepMindKeys = []string{"hd", "pos", "world_distances", "predicted_outputs", "log_ps_given_y"}

// markerKey is the key of the generated file that identifies its
// generator; it sorts before every key of deepMindKeys, so the encoder
// (which writes keys in sorted order) puts it near the start of the file.
const markerKey = "generator"

// marker returns the string stored under markerKey in the pickle of the
// world of cfg that is size bytes long: it names this program, the
// synthetic world's generator version, the seed, the size of the world,
// its head-direction network (cfg.HDNetwork) and the file size, written
// with a fixed width (%012d) so that the size in the marker does not
// change the file's size.
func marker(cfg synth.Config, size int64) string {
	return fmt.Sprintf("smp-go scripts/bench2: synth world %s, seed %d, %d x %d, HD network %s; %012d bytes",
		synth.GeneratorVersion, cfg.Seed, cfg.Trajectories, cfg.Steps, cfg.HDNetwork, size)
}

// trajectoriesTree returns w's trajectories data set (World.Datasets)
// with the keys and shapes of DeepMind's file — hd [T, S, 1], pos
// [T, S, 2], world_distances [T, S, A], predicted_outputs (one
// [T, S, U_k] array per RNN), log_ps_given_y (one [T, S, slots] array per
// memory map), all float32 views of w, not copies — plus markerKey: mark.
// The synthetic world's extra keys (angular_velocity) are left out.
func trajectoriesTree(w *synth.World, mark string) (data.Dict, error) {
	all := w.Datasets()[data.TrajectoriesName]
	t := data.Dict{markerKey: mark}
	for _, k := range deepMindKeys {
		v, ok := all[k]
		if !ok {
			return nil, fmt.Errorf("synthetic trajectories have no key %q", k)
		}
		t[k] = v
	}
	return t, nil
}

// countWriter counts the bytes written to it and discards them.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// writeWorld writes w's trajectories (trajectoriesTree) to path as a
// protocol-4 pickle (data.WritePickle), atomically, with the marker of its
// own size, and returns that size. The size is found first by encoding
// to a counter, which costs no copy of the data.
func writeWorld(path string, w *synth.World) (int64, error) {
	// The marker's width does not depend on the size it holds.
	t, err := trajectoriesTree(w, marker(w.Config, 0))
	if err != nil {
		return 0, err
	}
	var c countWriter
	if err := data.EncodePickle(&c, t); err != nil {
		return 0, err
	}
	t[markerKey] = marker(w.Config, c.n)
	if err := data.WritePickle(path, t); err != nil {
		return 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	if st.Size() != c.n {
		return 0, fmt.Errorf("%s: wrote %d bytes, expected %d", path, st.Size(), c.n)
	}
	return c.n, nil
}

// reusable returns the size of the file at path and whether it is a
// complete pickle of the world of cfg written by writeWorld: its first
// 4 KiB hold the marker of cfg and of the file's actual size.
func reusable(path string, cfg synth.Config) (int64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, false
	}
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return st.Size(), bytes.Contains(head[:n], []byte(marker(cfg, st.Size())))
}

// worldConfig returns the configuration of the benchmark's world, the
// full-size synthetic world of seed (synth.FullConfig) whose RNN-1 is the
// head-direction LSTM of the .npz file hdnet, and that network;
// cfg.HDNetwork names the network by its file's SHA-256.
func worldConfig(seed uint64, hdnet string) (synth.Config, synth.HeadingNetwork, error) {
	net, err := synth.LoadLSTMNetwork(hdnet)
	if err != nil {
		return synth.Config{}, nil, fmt.Errorf("%w\n(the head-direction LSTM is made by package smp/synth/hdtrain)", err)
	}
	sum, err := synth.FileSHA256(hdnet)
	if err != nil {
		return synth.Config{}, nil, err
	}
	cfg := synth.FullConfig(seed)
	cfg.HDNetwork = "LSTM sha256 " + sum
	return cfg, net, nil
}

// runGenerate is the child that generates the world (arguments path hdnet
// seed) and writes it to path with writeWorld. Its result times the
// generation and the writing; its note is the file's marker.
func runGenerate(args []string, out io.Writer) error {
	if len(args) != 3 {
		return fmt.Errorf("child: want %s path hdnet seed, got %q", stageGenerate, args)
	}
	path, hdnet := args[0], args[1]
	seed, err := strconv.ParseUint(args[2], 10, 64)
	if err != nil {
		return err
	}
	cfg, net, err := worldConfig(seed, hdnet)
	if err != nil {
		return err
	}
	cfg.Progress = os.Stderr
	var res childResult
	c0, t0 := cpuTime(), time.Now()
	w, err := synth.Generate(cfg, net)
	if err != nil {
		return err
	}
	c1, t1 := cpuTime(), time.Now()
	size, err := writeWorld(path, w)
	if err != nil {
		return err
	}
	res.Wall = []float64{t1.Sub(t0).Seconds(), time.Since(t1).Seconds()}
	res.CPU = []float64{(c1 - c0).Seconds(), (cpuTime() - c1).Seconds()}
	res.Note = marker(cfg, size)
	return json.NewEncoder(out).Encode(res)
}
