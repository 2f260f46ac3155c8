package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/synth"
)

// smallWorld generates a 3-trajectory synthetic world of seed with the
// ideal head-direction network.
func smallWorld(t *testing.T, seed uint64) *synth.World {
	t.Helper()
	cfg := synth.DefaultConfig(seed)
	cfg.Trajectories, cfg.Images = 3, 64
	net, err := synth.NewIdealHD(32)
	if err != nil {
		t.Fatal(err)
	}
	cfg.HDNetwork = "ideal"
	w, err := synth.Generate(cfg, net)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestWriteWorld writes a small world's trajectories and reads them back:
// DeepMind's keys plus the marker, the world's shapes and values, and a
// file that reusable accepts for its own configuration only.
func TestWriteWorld(t *testing.T) {
	w := smallWorld(t, 7)
	path := filepath.Join(t.TempDir(), "trajectories.pickle")
	size, err := writeWorld(path, w)
	if err != nil {
		t.Fatal(err)
	}

	ds, err := data.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range ds.Root {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := append([]string{markerKey}, deepMindKeys...)
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	if m, _ := ds.Root[markerKey].(string); m != marker(w.Config, size) {
		t.Errorf("marker %q, want %q", m, marker(w.Config, size))
	}

	tr, err := data.NewTrajectories(ds)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkShape(tr, w.Config); err != nil {
		t.Error(err)
	}
	if err := checkShape(tr, synth.FullConfig(7)); err == nil {
		t.Error("a 3-trajectory file passes the full-size check")
	}
	if u := tr.UnitsPerRNN(); !slices.Equal(u, []int{32, 128, 128}) {
		t.Errorf("units per RNN %v, want [32 128 128]", u)
	}
	hd := make([]float64, len(w.HD))
	for i, v := range w.HD {
		hd[i] = float64(v)
	}
	if !slices.Equal(tr.HD, hd) || !slices.Equal(tr.Pos.Float32(), w.Pos) ||
		!slices.Equal(tr.WorldDistances.Float32(), w.WallDist) ||
		!slices.Equal(tr.PredictedOutputs[0].Float32(), w.Outputs[0]) ||
		!slices.Equal(tr.PredictedOutputs[2].Float32(), w.Outputs[2]) ||
		!slices.Equal(tr.LogPsGivenY[1].Float32(), w.LogPs[1]) {
		t.Error("the file's arrays differ from the world's")
	}

	if got, ok := reusable(path, w.Config); !ok || got != size {
		t.Errorf("reusable(own config) = %d, %v; want %d, true", got, ok, size)
	}
	other := w.Config
	other.Seed++
	if _, ok := reusable(path, other); ok {
		t.Error("reusable accepts the file for another seed")
	}
	other = w.Config
	other.HDNetwork = "another"
	if _, ok := reusable(path, other); ok {
		t.Error("reusable accepts the file for another head-direction network")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.pickle")
	if err := os.WriteFile(cut, b[:len(b)-1], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := reusable(cut, w.Config); ok {
		t.Error("reusable accepts a truncated file")
	}
}

// TestWriteWorldSize checks the pickle's size against the array bytes: the
// float32 data of hd, pos, world_distances, the 3 RNNs and the maps plus
// a small header.
func TestWriteWorldSize(t *testing.T) {
	w := smallWorld(t, 3)
	size, err := writeWorld(filepath.Join(t.TempDir(), "t.pickle"), w)
	if err != nil {
		t.Fatal(err)
	}
	cfg := w.Config
	data := int64(w.N() * (1 + 2 + cfg.Sensors + 32 + cfg.RNN2.Units + cfg.RNN3.Units + cfg.Maps*cfg.Slots) * 4)
	if size < data || size > data+4096 {
		t.Errorf("file size %d, array data alone %d", size, data)
	}
}

// TestMarkerWidth checks that the marker's length does not depend on the
// size it records, so that writing it does not change the size.
func TestMarkerWidth(t *testing.T) {
	cfg := synth.FullConfig(1)
	if a, b := marker(cfg, 0), marker(cfg, 2_140_000_000); len(a) != len(b) {
		t.Errorf("marker lengths %d and %d differ", len(a), len(b))
	}
}
