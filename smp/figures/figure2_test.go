package figures

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/plot"
)

// fixtureFigure2 opens figure 2's data in dir (the fixture written by
// writeFixture) with 100 shuffles, to keep the test short, and a cache.
func fixtureFigure2(t *testing.T, dir string, cache *Cache) *Figure2Data {
	t.Helper()
	src, err := Source(dir, data.TrajectoriesName)
	if err != nil {
		t.Fatal(err)
	}
	if src.Kind != OtherData {
		t.Errorf("fixture npz without manifest: kind %v, want other", src.Kind)
	}
	d, err := OpenFigure2(src, Figure2Options{Seed: 1, NShuffles: 100, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestFigure2Fixture(t *testing.T) {
	cache, err := NewCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFixture(t, t.TempDir())
	d := fixtureFigure2(t, dir, cache)
	in, err := d.Figure2Input()
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{8, 16, 16}; !equalInts(in.UnitsPerRNN, want) {
		t.Errorf("units per RNN %v, want %v", in.UnitsPerRNN, want)
	}
	u := in.Units
	if u.HandPicked {
		t.Errorf("fixture data got the hand-picked units")
	}
	// The five best of each type, by the classification's scores.
	c := in.Classification
	checkTop(t, "HD", u.HD, c.HDScore[:8])
	checkTop(t, "ego", u.Ego, c.EgoScore[8:24])
	checkTop(t, "allo", u.Allo, c.AlloScore[24:40])
	if len(u.Slots) != PanelRowLength {
		t.Errorf("%d slots, want %d", len(u.Slots), PanelRowLength)
	}
	m := in.Maps
	if len(m.HDCentres) != PanelHDBins || len(m.HDCurves) != 5 {
		t.Errorf("panel A: %d centres, %d curves", len(m.HDCentres), len(m.HDCurves))
	}
	for i, rm := range m.HD {
		if rm.Octants == nil || rm.NX*rm.NY != len(rm.Plain) {
			t.Errorf("panel B map %d: %dx%d, %d values, octants %v", i, rm.NX, rm.NY, len(rm.Plain), rm.Octants != nil)
		}
	}
	for _, rm := range m.Slots {
		if rm.Octants != nil {
			t.Errorf("panel E maps should be plain")
		}
		for _, v := range rm.Plain {
			if !math.IsNaN(v) && (v < 0 || v > 1) {
				t.Fatalf("panel E: reactivation %v outside [0, 1]", v)
			}
		}
	}

	f, err := Figure2(in)
	if err != nil {
		t.Fatal(err)
	}
	decodeFigurePNG(t, f, 1620, 3402)
	svg, err := f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<svg", "RNN-1:", "Mem:", "Spatial stability", "Egocentric-BVC score"} {
		if !strings.Contains(svg, s) {
			t.Errorf("SVG lacks %q", s)
		}
	}

	// A second opening finds every result in the cache and reads no array.
	d2 := fixtureFigure2(t, dir, cache)
	in2, err := d2.Figure2Input()
	if err != nil {
		t.Fatal(err)
	}
	if d2.traj != nil {
		t.Errorf("the trajectories were read although every result was cached")
	}
	if in2.Classification.HDThreshold != c.HDThreshold || !equalInts(in2.Units.Ego, u.Ego) {
		t.Errorf("cached results differ")
	}
}

// checkTop checks that units are the len(units) best of scores, best first.
func checkTop(t *testing.T, name string, units []int, scores []float64) {
	t.Helper()
	if len(units) != min(PanelRowLength, len(scores)) {
		t.Fatalf("%s: %d units, want %d", name, len(units), min(PanelRowLength, len(scores)))
	}
	chosen := map[int]bool{}
	for i, u := range units {
		chosen[u] = true
		if i > 0 && scores[u] > scores[units[i-1]] {
			t.Errorf("%s: unit %d (%v) after unit %d (%v)", name, u, scores[u], units[i-1], scores[units[i-1]])
		}
	}
	worst := scores[units[len(units)-1]]
	for u, s := range scores {
		if !chosen[u] && s > worst {
			t.Errorf("%s: unit %d scores %v > %v but was not chosen", name, u, s, worst)
		}
	}
}

func TestFigure2RejectsBadInput(t *testing.T) {
	tr := fixtureTrajectories(t)
	c := &smp.Classification{HDLength: make([]float64, 40), HDAngle: make([]float64, 40),
		EgoScore: make([]float64, 40), AlloScore: make([]float64, 40)}
	u := &PanelUnits{HD: []int{0, 1}, Ego: []int{2}, Allo: []int{3}, Slots: []int{4}}
	m, err := ComputePanelMaps(tr, u)
	if err != nil {
		t.Fatal(err)
	}
	good := Figure2Input{UnitsPerRNN: []int{8, 16, 16}, Classification: c, Stability: make([]float64, 40), Units: u, Maps: m}
	if _, err := Figure2(good); err != nil {
		t.Fatalf("valid input: %v", err)
	}
	bad := []Figure2Input{
		{UnitsPerRNN: []int{8, 32}, Classification: c, Stability: make([]float64, 40), Units: u, Maps: m},
		{UnitsPerRNN: []int{8, 16, 16}, Classification: c, Stability: make([]float64, 39), Units: u, Maps: m},
		{UnitsPerRNN: []int{8, 16, 16}, Stability: make([]float64, 40), Units: u, Maps: m},
		{UnitsPerRNN: []int{8, 16, 16}, Classification: c, Stability: make([]float64, 40), Units: &PanelUnits{HD: []int{0}}, Maps: m},
	}
	for i, in := range bad {
		if _, err := Figure2(in); err == nil {
			t.Errorf("bad input %d: no error", i)
		}
	}
	if _, err := ComputePanelMaps(tr, &PanelUnits{HD: []int{8}}); err == nil {
		t.Errorf("RNN-1 unit 8 of 8: no error")
	}
	if _, err := ComputePanelMaps(tr, &PanelUnits{Slots: []int{16}}); err == nil {
		t.Errorf("slot 16 of 16: no error")
	}
}

func TestOctantGuide(t *testing.T) {
	tr := fixtureTrajectories(t)
	m, err := ComputePanelMaps(tr, &PanelUnits{HD: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := OctantGuide(m.HDCentres, m.HDCurves[0], m.HD[0], "RNN-1:0")
	if err != nil {
		t.Fatal(err)
	}
	img, err := f.Image()
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != 1620 || r.Dy() != 648 {
		t.Errorf("guide is %dx%d, want 1620x648 (810 x 324 at PixelDensity 2)", r.Dx(), r.Dy())
	}
	if _, err := OctantGuide(m.HDCentres, m.HDCurves[0], &smp.Ratemap{}, ""); err == nil {
		t.Errorf("ratemap without octants: no error")
	}
}

func TestReports(t *testing.T) {
	c := &smp.Classification{HDThreshold: 0.5, EgoThreshold: 0.25, AlloThreshold: 0.125,
		IsHD: []bool{true, false, true}, IsEgo: []bool{false, true, false}, IsAllo: []bool{false, false, false}}
	got := ClassificationReport(c)
	want := "HD threshold 0.5000, egoBVC threshold 0.2500, BVC threshold 0.1250\n" +
		"HD units (2): [0 2]\negoBVC units (1): [1]\nBVC units (0): []\n"
	if got != want {
		t.Errorf("classification report\n%s\nwant\n%s", got, want)
	}
	s, err := StabilityReport([]float64{0.9, 0.1, 0.6, math.NaN(), 0.2}, []int{2, 3})
	if err != nil {
		t.Fatal(err)
	}
	want = "RNN-1: 2 units, median stability 0.50, 1 above 0.5\n" +
		"RNN-2: 3 units, median stability 0.40, 1 above 0.5 (1 undefined)\n"
	if s != want {
		t.Errorf("stability report\n%s\nwant\n%s", s, want)
	}
	if _, err := StabilityReport([]float64{1}, []int{2}); err == nil {
		t.Errorf("mismatched sizes: no error")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BenchmarkFigure2Draw draws figure 2 from the fixture's results and
// encodes it as PNG (the notebook's last cell with warm caches).
func BenchmarkFigure2Draw(b *testing.B) {
	tr := fixtureTrajectories(b)
	c, err := ClassifyUnits(tr, 1, 20, nil)
	if err != nil {
		b.Fatal(err)
	}
	st, err := UnitsStability(tr)
	if err != nil {
		b.Fatal(err)
	}
	scores, err := SlotPlaceScores(tr.Pos, tr.LogPsGivenY[PanelMemoryMap])
	if err != nil {
		b.Fatal(err)
	}
	u, err := ChoosePanelUnits(OtherData, tr.UnitsPerRNN(), 16, c, scores)
	if err != nil {
		b.Fatal(err)
	}
	m, err := ComputePanelMaps(tr, u)
	if err != nil {
		b.Fatal(err)
	}
	in := Figure2Input{UnitsPerRNN: tr.UnitsPerRNN(), Classification: c, Stability: st, Units: u, Maps: m}
	b.ResetTimer()
	for b.Loop() {
		f, err := Figure2(in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}

// decodeFigurePNG renders f as PNG, decodes it and checks that it is w × h
// pixels; it returns the image and the PNG bytes.
func decodeFigurePNG(t *testing.T, f *plot.SuperFigure, w, h int) (image.Image, []byte) {
	t.Helper()
	b, err := f.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != w || r.Dy() != h {
		t.Errorf("PNG is %dx%d, want %dx%d", r.Dx(), r.Dy(), w, h)
	}
	return img, b
}
