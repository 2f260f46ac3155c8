package data

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/smp-go/smp-go/smp/internal/cputime"
)

// BenchmarkLoadTrajectoriesNPZ loads, checks and flattens a trajectory set
// laid out as DeepMind's trajectories with 100 trajectories of 500 steps
// instead of 800: hd [100, 500, 1], pos [.., 2], world_distances [.., 20],
// predicted_outputs [.., 32], [.., 128], [.., 128] and log_ps_given_y
// 2 × [.., 512], 267 MB in all, as an uncompressed .npz written once into
// b.TempDir. MB/s is file bytes per second, with the page cache warm after
// the first iteration. The arrays are mapped, so the time is the CRC-32
// check, the value checks and the page mapping. scripts/bench times the
// full-size pickle and .npz in fresh processes. The pickle decoder has its
// own benchmark (smp/internal/pickle).
func BenchmarkLoadTrajectoriesNPZ(b *testing.B) {
	const nt, ns = 100, 500
	path := filepath.Join(b.TempDir(), "trajectories.npz")
	if err := WriteNPZ(path, benchTrajectories(nt, ns)); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	c0 := cputime.Now()
	defer func() { cputime.Report(b, c0) }()
	for b.Loop() {
		t, err := LoadTrajectories(path)
		if err != nil {
			b.Fatal(err)
		}
		if t.N() != nt*ns || len(t.PredictedOutputs) != 3 || len(t.LogPsGivenY) != 2 || t.WorldDistances.Shape[1] != 20 {
			b.Fatalf("loaded %d samples, %d RNNs, %d maps", t.N(), len(t.PredictedOutputs), len(t.LogPsGivenY))
		}
		t.Close()
	}
}

// benchTrajectories returns a trajectory set of nt trajectories of ns steps
// with the real data's arrays, filled with deterministic values in [0, 1).
func benchTrajectories(nt, ns int) Dict {
	seq := uint32(1)
	arr := func(last int) *Array {
		v := make([]float32, nt*ns*last)
		for i := range v {
			seq = seq*1664525 + 1013904223
			v[i] = float32(seq>>8) / (1 << 24)
		}
		return New(v, nt, ns, last)
	}
	return Dict{
		"hd":                arr(1),
		"pos":               arr(2),
		"world_distances":   arr(20),
		"predicted_outputs": List{arr(32), arr(128), arr(128)},
		"log_ps_given_y":    List{arr(512), arr(512)},
	}
}
