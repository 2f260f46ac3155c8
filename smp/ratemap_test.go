package smp

import (
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
)

func TestRatemapFixture(t *testing.T) {
	acts, hd, pos, _ := fixInputs(t)
	for _, u := range []int{0, 20} {
		rs, err := Ratemaps(pos, acts, []int{u}, RatemapOptions{HD: hd})
		if err != nil {
			t.Fatal(err)
		}
		r := rs[0]
		sfx := "_u" + map[int]string{0: "0", 20: "20"}[u]
		want := fixArray(t, "ratemap"+sfx)
		if r.NX != want.Shape[0] || r.NY != want.Shape[1] {
			t.Fatalf("unit %d: %dx%d bins, want %s", u, r.NX, r.NY, data.FormatShape(want.Shape))
		}
		assertClose(t, "ratemap"+sfx, r.Plain, want.Float64(), fig2Tol)
		assertClose(t, "ratemap_octants"+sfx, r.Octants, fixFloats(t, "ratemap_octants"+sfx), fig2Tol)
		assertClose(t, "ratemap_xedges"+sfx, r.XEdges, fixFloats(t, "ratemap_xedges"+sfx), fig2Tol)
		assertClose(t, "ratemap_yedges"+sfx, r.YEdges, fixFloats(t, "ratemap_yedges"+sfx), fig2Tol)
	}
}

func TestRatemapRangeFixture(t *testing.T) {
	acts, _, pos, _ := fixInputs(t)
	rng := [2][2]float64{{-1.1, 1.1}, {-1.1, 1.1}}
	rs, err := Ratemaps(pos, acts, []int{3}, RatemapOptions{Range: &rng})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	if r.Octants != nil {
		t.Errorf("octant maps without head directions")
	}
	assertClose(t, "ratemap_range_u3", r.Plain, fixFloats(t, "ratemap_range_u3"), fig2Tol)
	assertClose(t, "ratemap_range_xedges", r.XEdges, fixFloats(t, "ratemap_range_xedges"), fig2Tol)
	assertClose(t, "ratemap_range_yedges", r.YEdges, fixFloats(t, "ratemap_range_yedges"), fig2Tol)
}

func TestRatemapsAllUnits(t *testing.T) {
	acts, _, pos, _ := fixInputs(t)
	all, err := Ratemaps(pos, acts, nil, RatemapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != acts.Shape[1] {
		t.Fatalf("%d maps for %d units", len(all), acts.Shape[1])
	}
	some, err := Ratemaps(pos, acts, []int{20, 0}, RatemapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "unit 20", some[0].Plain, all[20].Plain, 0)
	assertClose(t, "unit 0", some[1].Plain, all[0].Plain, 0)
	assertClose(t, "ratemap_u20", all[20].Plain, fixFloats(t, "ratemap_u20"), fig2Tol)
}

func TestRatemapEmptyCellsAndOutliers(t *testing.T) {
	// (x, y) pairs; the last sample is outside the y range.
	pos := data.New([]float64{0, 0, 0.05, 0.05, 1, 1, 0.5, 2}, 4, 2)
	acts := data.New([]float64{1, 3, 5, 100}, 4, 1)
	rng := [2][2]float64{{0, 1}, {0, 1}}
	r, err := Ratemaps(pos, acts, nil, RatemapOptions{BinSize: 0.5, Range: &rng})
	if err != nil {
		t.Fatal(err)
	}
	// 2x2 bins, edges [0, 0.5, 1]; (1, 1) sits on the last edge: last bin.
	want := []float64{2, math.NaN(), math.NaN(), 5}
	assertClose(t, "plain", r[0].Plain, want, 0)
}

func TestOctant(t *testing.T) {
	cases := map[float64]int{0: 0, math.Pi / 4: 1, math.Pi: 4, -math.Pi: 4, -math.Pi / 4: 7, math.Pi / 8: 0, 3 * math.Pi / 8: 2, -3 * math.Pi / 8: 6}
	for hd, want := range cases {
		if got := Octant(hd); got != want {
			t.Errorf("Octant(%v) = %d, want %d", hd, got, want)
		}
	}
	if Octant(math.NaN()) != -1 {
		t.Errorf("Octant(NaN) != -1")
	}
}

func TestRatemapErrors(t *testing.T) {
	acts, hd, pos, _ := fixInputs(t)
	if _, err := Ratemaps(data.New([]float64{1, 1, 2, 2}, 2, 2), data.New([]float64{1}, 1, 1), nil, RatemapOptions{}); err == nil {
		t.Error("mismatched lengths: no error")
	}
	if _, err := Ratemaps(data.New([]float64{}, 0, 2), data.New([]float64{}, 0, 1), nil, RatemapOptions{}); err == nil {
		t.Error("no samples: no error")
	}
	if _, err := Ratemaps(data.New([]float64{1, 1, 1, 2}, 2, 2), data.New([]float64{1, 2}, 2, 1), nil, RatemapOptions{}); err == nil {
		t.Error("zero x range: no error")
	}
	if _, err := Ratemaps(pos, acts, nil, RatemapOptions{HD: hd[:10]}); err == nil || !strings.Contains(err.Error(), "head directions") {
		t.Errorf("short hd: %v", err)
	}
	if _, err := Ratemaps(acts, acts, nil, RatemapOptions{}); err == nil {
		t.Error("positions of the wrong shape: no error")
	}
	if _, err := Ratemaps(pos, acts, []int{40}, RatemapOptions{}); err == nil {
		t.Error("unit out of range: no error")
	}
	if _, err := Ratemaps(pos, data.New(make([]float64, 6000), 6000), nil, RatemapOptions{}); err == nil {
		t.Error("1-D activations: no error")
	}
}

func TestCellMeansLarge(t *testing.T) {
	// More samples than one block: the block sums agree with a direct
	// per-unit mean to rounding, and do not depend on GOMAXPROCS.
	s := newBenchSet(300, 500, 4, []int{40})
	maps, err := Ratemaps(s.pos, s.acts, nil, RatemapOptions{HD: s.hd})
	if err != nil {
		t.Fatal(err)
	}
	some, err := Ratemaps(s.pos, s.acts, []int{3, 17}, RatemapOptions{HD: s.hd})
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "unit 3 alone", some[0].Plain, maps[3].Plain, 1e-12)
	assertClose(t, "unit 17 octants alone", some[1].Octants, maps[17].Octants, 1e-12)
	for _, k := range []int{0, 39} {
		r, err := Ratemaps(s.pos, s.acts, []int{k}, RatemapOptions{}) // summed in sample order
		if err != nil {
			t.Fatal(err)
		}
		assertClose(t, "batched vs single", maps[k].Plain, r[0].Plain, 1e-12)
	}
	prev := runtime.GOMAXPROCS(1)
	again, _ := Ratemaps(s.pos, s.acts, nil, RatemapOptions{})
	runtime.GOMAXPROCS(prev)
	for k := range again {
		assertClose(t, "one CPU", again[k].Plain, maps[k].Plain, 0)
	}
}
