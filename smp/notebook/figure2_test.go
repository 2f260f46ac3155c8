package notebook

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/internal/fixture"
	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/figures"
)

// writeTrajectories writes the golden fixture's inputs (12 trajectories x
// 500 steps, 8 + 16 + 16 units, 16 slots) as dir/trajectories.npz.
func writeTrajectories(t *testing.T, dir string) {
	t.Helper()
	if err := fixture.WriteFigure2Trajectories("../../testdata/reference/figure2.npz", dir); err != nil {
		t.Fatal(err)
	}
}

// TestFigure2Input computes figure 2's input from the fixture with 100
// shuffles, checks the panel units and maps, draws the figure, then
// computes it again: every step from the cache, nothing read.
func TestFigure2Input(t *testing.T) {
	t.Setenv("SMP_CACHE_DIR", t.TempDir())
	dir := t.TempDir()
	writeTrajectories(t, dir)
	src, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if src.Kind != figures.OtherData {
		t.Errorf("fixture npz without manifest: kind %v, want other", src.Kind)
	}
	opt := PaperClassifyOptions(1)
	opt.NShuffles = 100
	var log bytes.Buffer
	in, err := NewFigure2(src, &log).Input(opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{8, 16, 16}; !slices.Equal(in.UnitsPerRNN, want) {
		t.Errorf("units per RNN %v, want %v", in.UnitsPerRNN, want)
	}
	u := in.Units
	if strings.Contains(u.Rule, "picked by hand") {
		t.Errorf("fixture data got the hand-picked units")
	}
	c := in.Classification
	checkTop(t, "HD", u.HD, c.HDScore[:8])
	checkTop(t, "ego", u.Ego, c.EgoScore[8:24])
	checkTop(t, "allo", u.Allo, c.AlloScore[24:40])
	if len(u.Slots) != figures.PanelRowLength {
		t.Errorf("%d slots, want %d", len(u.Slots), figures.PanelRowLength)
	}
	m := in.Maps
	if len(m.HDCentres) != figures.PanelHDBins || len(m.HDCurves) != 5 {
		t.Errorf("panel A: %d centres, %d curves", len(m.HDCentres), len(m.HDCurves))
	}
	for _, rm := range m.Slots {
		for _, v := range rm.Plain {
			if !math.IsNaN(v) && (v < 0 || v > 1) {
				t.Fatalf("panel E: reactivation %v outside [0, 1]", v)
			}
		}
	}
	if _, err := figures.Figure2(in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "classification: computed") {
		t.Errorf("progress:\n%s", log.String())
	}

	log.Reset()
	in2, err := NewFigure2(src, &log).Input(opt)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(log.String(), "read ") || strings.Contains(log.String(), "computed") {
		t.Errorf("the second run read or computed something:\n%s", log.String())
	}
	if in2.Classification.HDThreshold != c.HDThreshold || !slices.Equal(in2.Units.Ego, u.Ego) {
		t.Errorf("cached results differ")
	}
	// The notebook's classification cell writes the options out; they
	// must give the same cache key as PaperClassifyOptions.
	cell := smp.ClassifyOptions{Seed: 0, NShuffles: 1000, Percentile: 99, HDBins: 20, DistanceBin: 0.025}
	if formatParams(cell) != formatParams(PaperClassifyOptions(0)) {
		t.Errorf("the notebook's options %s differ from PaperClassifyOptions", formatParams(cell))
	}
}

// checkTop checks that units are the len(units) best of scores, best first.
func checkTop(t *testing.T, name string, units []int, scores []float64) {
	t.Helper()
	if len(units) != min(figures.PanelRowLength, len(scores)) {
		t.Fatalf("%s: %d units, want %d", name, len(units), min(figures.PanelRowLength, len(scores)))
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
	src := &Source{Dir: "/x", Kind: figures.RealData}
	if r, err := TruthReport(src, c, nil); err != nil || !strings.Contains(r, "No ground truth") {
		t.Errorf("truth report on real data: %q, %v", r, err)
	}
}
