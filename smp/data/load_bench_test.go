package data

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/smp-go/smp-go/smp/internal/cputime"
	"github.com/smp-go/smp-go/smp/internal/pickle"
)

// BenchmarkLoadTrajectoriesPickle loads and flattens a trajectory set laid
// out as DeepMind's trajectories.pickle (a protocol-4 pickle of a dict of
// float32 numpy arrays, as Python 3's pickle.dump writes it) with 100
// trajectories of 500 steps instead of 800: hd [100, 500, 1], pos [.., 2],
// world_distances [.., 20], predicted_outputs [.., 32], [.., 128], [.., 128]
// and log_ps_given_y 2 × [.., 512], 267 MB in all. The file is written once
// into b.TempDir; MB/s is file bytes per second, with the page cache warm
// after the first iteration. scripts/bench2 times the full-size file.
func BenchmarkLoadTrajectoriesPickle(b *testing.B) {
	const nt, ns = 100, 500
	path := filepath.Join(b.TempDir(), "trajectories.pickle")
	if err := writeBenchTrajectories(path, nt, ns); err != nil {
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
	}
}

// writeBenchTrajectories writes a trajectory set of nt trajectories of ns
// steps with the real data's arrays and key order, filled with
// deterministic values, as a protocol-4 pickle.
func writeBenchTrajectories(path string, nt, ns int) error {
	seq := uint32(1)
	arr := func(last int) *pickle.Array {
		data := make([]float32, nt*ns*last)
		for i := range data {
			seq = seq*1664525 + 1013904223
			data[i] = float32(int32(seq)>>8) / (1 << 23) // in [-1, 1)
		}
		a, err := pickle.NewArray(data, nt, ns, last)
		if err != nil {
			panic(err) // the shape matches the data by construction
		}
		return a
	}
	v := pickle.Dict{
		{Key: "hd", Value: arr(1)},
		{Key: "pos", Value: arr(2)},
		{Key: "world_distances", Value: arr(20)},
		{Key: "predicted_outputs", Value: []any{arr(32), arr(128), arr(128)}},
		{Key: "log_ps_given_y", Value: []any{arr(512), arr(512)}},
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pickle.Encode(f, v, pickle.EncodeOptions{Protocol: 4}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
