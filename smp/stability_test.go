package smp

import (
	"math"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/internal/cputime"
)

func TestSpatialStabilityFixture(t *testing.T) {
	acts, _, pos, _ := fixInputs(t)
	got, err := SpatialStability(pos, acts)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "positional_correlations", got, fixFloats(t, "positional_correlations"), fig2Tol)

	// Unit by unit on float64 positions of the same values.
	pos64 := data.New(pos.Float64(), pos.Shape...)
	got64, err := SpatialStability(pos64, acts)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "positional_correlations (float64 positions)", got64, got, fig2Tol)
}

func TestSpatialStabilityFallback(t *testing.T) {
	// First half covers 1 m, second half 2 m: 8 and 15 bins of 0.14 m. The
	// original fails here; the fallback bins both halves over the whole
	// range, so a purely spatial unit is perfectly stable.
	var pos, acts []float64
	for h := 0; h < 2; h++ {
		w := 1.0 + float64(h)
		for i := 0; i < 40; i++ {
			for j := 0; j < 40; j++ {
				x, y := w*float64(i)/39, w*float64(j)/39
				pos = append(pos, x, y)
				acts = append(acts, math.Sin(3*x)+math.Cos(2*y), x*y)
			}
		}
	}
	n := len(pos) / 2
	s, err := SpatialStability(data.New(pos, n, 2), data.New(acts, n, 2))
	if err != nil {
		t.Fatal(err)
	}
	for u, v := range s {
		if !(v > 0.9) {
			t.Errorf("unit %d: stability %v, want near 1", u, v)
		}
	}
}

func TestSpatialStabilityErrors(t *testing.T) {
	if _, err := SpatialStability(data.New(make([]float64, 4), 2, 2), data.New(make([]float64, 3), 3, 1)); err == nil {
		t.Error("sample count mismatch: no error")
	}
	if _, err := SpatialStability(data.New(make([]float64, 2), 1, 2), data.New(make([]float64, 1), 1, 1)); err == nil {
		t.Error("one sample: no error")
	}
	if _, err := SpatialStability(data.New(make([]float64, 6), 2, 3), data.New(make([]float64, 2), 2, 1)); err == nil {
		t.Error("positions [N, 3]: no error")
	}
}

// BenchmarkStability computes the spatial stability of the three RNNs
// (32, 128 and 128 units) over 400,000 samples, as cell 6 of the original
// does (about 13 s there).
func BenchmarkStability(b *testing.B) {
	s := getBenchSet()
	b.ResetTimer()
	c0 := cputime.Now()
	defer func() { cputime.Report(b, c0) }()
	for i := 0; i < b.N; i++ {
		for _, a := range s.rnns {
			if _, err := SpatialStability(s.pos, a); err != nil {
				b.Fatal(err)
			}
		}
	}
}
