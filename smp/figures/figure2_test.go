package figures

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/plot"
)

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
	c, err := smp.Classify(tr.Activations(), tr.HD, tr.Pos, tr.WorldDistances, smp.ClassifyOptions{Seed: 1, NShuffles: 20})
	if err != nil {
		b.Fatal(err)
	}
	var st []float64
	for _, acts := range tr.PredictedOutputs {
		s, err := smp.SpatialStability(tr.Pos, acts)
		if err != nil {
			b.Fatal(err)
		}
		st = append(st, s...)
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
