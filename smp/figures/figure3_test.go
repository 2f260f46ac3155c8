package figures

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	fixtures "github.com/smp-go/smp-go/internal/fixture"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/plot"
)

// Figure3Steps runs figure 3's steps with small sizes (100 random runs of
// 200 steps, 48 images corrected for 40 steps) on the data sets in dir
// (notebook.Figure3, without a cache) and returns the figure's input, the
// PCA space, the distribution of random initial states and the attractor
// states [B, H]. Package figures cannot import smp/notebook (which imports
// it), so its external test package sets it (steps_test.go).
var Figure3Steps func(t testing.TB, dir string) (in Figure3Input, pca *hdnet.PCA, init *hdnet.InitialDistribution, attractors []float64)

// smallInput writes a random network in dir (writeFigure3Data) and returns
// figure 3's input from it with the small sizes (Figure3Steps).
func smallInput(t testing.TB, dir string) Figure3Input {
	t.Helper()
	writeFigure3Data(t, dir)
	in, _, _, _ := Figure3Steps(t, dir)
	return in
}

// writeFigure3Data writes a random network (fixture.RandomFigure3Network,
// H = 32, S = 64, E = 16, 60 random 12 × 10 images) as the three data sets
// of figure 3 in dir, and returns it as loaded back.
func writeFigure3Data(t testing.TB, dir string) *hdnet.Network {
	t.Helper()
	n, err := fixtures.RandomFigure3Network(32, 64, 16, 60, 12, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := fixtures.WriteFigure3(n, dir); err != nil {
		t.Fatal(err)
	}
	var ds [3]*data.Dataset
	for i, name := range []string{data.ParametersName, data.VisualInputsName, data.HDStatsName} {
		if ds[i], err = data.LoadDataset(dir, name); err != nil {
			t.Fatal(err)
		}
	}
	net, err := hdnet.FromDatasets(ds[0], ds[1], ds[2])
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// TestFigure3PNG draws the figure from the small data set and checks its
// size, then draws it again with every image shown (quick and
// never-converging images made up by hand, since a random network
// converges at once).
func TestFigure3PNG(t *testing.T) {
	dir := t.TempDir()
	net := writeFigure3Data(t, dir)
	in, pca, init, attractors := Figure3Steps(t, dir)
	checkFigure3PNG(t, in, "figure3_small")

	// Made-up convergence: images 0, 1, 2 quick, 3, 4, 5 never; the
	// example runs are real corrected runs from the attractor states.
	c := *in.Corrections
	c.Times = append([]float64(nil), c.Times...)
	copy(c.Times, []float64{3, 5, 8, math.Inf(1), math.Inf(1), math.Inf(1), 50, 120})
	c.Quick, c.Never = hdnet.ConvergenceExamples(c.Times, c.Steps)
	c.Examples = nil
	for _, i := range []int{0, 1, 3} {
		codes, err := net.ImageCodes(i + 1)
		if err != nil {
			t.Fatal(err)
		}
		// Start from the attractor states and from two shifted copies, so
		// that there is more than one start state to colour.
		start := append(append([]float64(nil), attractors...), init.Mean...)
		start = append(start, net.Written[:net.H]...)
		run, err := net.CorrectionRun(codes[i*net.H:], start, c.Steps, pca)
		if err != nil {
			t.Fatal(err)
		}
		c.Examples = append(c.Examples, hdnet.Example{Image: i, Time: c.Times[i], PCA: run})
	}
	c.Attractors = len(attractors)/net.H + 2
	in.Corrections = &c
	for _, k := range in.Corrections.ImagesShown() {
		img, err := net.Image(k)
		if err != nil {
			t.Fatal(err)
		}
		in.Images[k] = img
	}
	if len(in.Images) != 6 {
		t.Fatalf("%d images shown, want 6", len(in.Images))
	}
	checkFigure3PNG(t, in, "figure3_examples")
}

// checkFigure3PNG draws the figure, checks the PNG's size and that it is
// not blank, and saves it in $FIGURE3_OUT when set (to look at it).
func checkFigure3PNG(t *testing.T, in Figure3Input, name string) {
	t.Helper()
	f, err := Figure3(in)
	if err != nil {
		t.Fatal(err)
	}
	img, b := decodeFigurePNG(t, f, 2232, 1818)
	nonWhite := 0
	for y := 0; y < 1818; y += 6 {
		for x := 0; x < 2232; x += 6 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r&g&bl != 0xffff {
				nonWhite++
			}
		}
	}
	if nonWhite < 5000 {
		t.Errorf("%s: only %d of the sampled pixels are not white", name, nonWhite)
	}
	if out := os.Getenv("FIGURE3_OUT"); out != "" {
		if err := os.WriteFile(filepath.Join(out, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFigure3InputCheck rejects inconsistent input.
func TestFigure3InputCheck(t *testing.T) {
	dir := t.TempDir()
	in := smallInput(t, dir)
	for name, mutate := range map[string]func(in *Figure3Input){
		"no demo":        func(in *Figure3Input) { in.Demo = nil },
		"bad HD cell":    func(in *Figure3Input) { in.HDCells = []int{0, 99} },
		"short demo PCA": func(in *Figure3Input) { in.DemoPCA = in.DemoPCA[:10] },
		"zero limits":    func(in *Figure3Input) { in.Limits = [2]float64{} },
		"no corrections": func(in *Figure3Input) { in.Corrections = nil },
		"bad example": func(in *Figure3Input) {
			c := *in.Corrections
			c.Examples = []hdnet.Example{{Image: 0, PCA: []float64{1, 2}}}
			in.Corrections = &c
		},
	} {
		bad := in
		mutate(&bad)
		if _, err := Figure3(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// BenchmarkFigure3Draw times drawing and encoding the figure from the
// small data set (the computations excluded).
func BenchmarkFigure3Draw(b *testing.B) {
	dir := b.TempDir()
	in := smallInput(b, dir)
	for b.Loop() {
		f, err := Figure3(in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFigure3Stages checks that figure 3 drawn and rendered a few panels at
// a time is the figure of Figure3.
func TestFigure3Stages(t *testing.T) {
	dir := t.TempDir()
	in := smallInput(t, dir)
	whole, err := Figure3(in)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewFigure3Stages()
	if err != nil {
		t.Fatal(err)
	}
	for _, upTo := range []byte{'D', 'E', 'F', 'I'} {
		if err := s.Draw(in, upTo); err != nil {
			t.Fatal(err)
		}
		if err := s.Figure.Render(); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Draw(in, 'I'); err == nil {
		t.Error("drawing panel I twice: no error")
	}
	out := []string{t.TempDir(), t.TempDir()}
	for i, f := range []*plot.SuperFigure{whole, s.Figure} {
		if err := f.Save(filepath.Join(out[i], "f.png"), filepath.Join(out[i], "f.svg")); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"f.png", "f.svg"} {
		a, _ := os.ReadFile(filepath.Join(out[0], name))
		b, _ := os.ReadFile(filepath.Join(out[1], name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: %d bytes from Figure3, %d drawn in stages, different", name, len(a), len(b))
		}
	}
}
