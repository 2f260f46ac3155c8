package figures

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	fixtures "github.com/smp-go/smp-go/internal/fixture"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/internal/fig3ref"
	"github.com/smp-go/smp-go/smp/plot"
)

// smallFigure3 are reduced sizes for tests: 100 random runs of 200 steps,
// 48 images corrected for 40 steps.
var smallFigure3 = fig3ref.Options{Seed: 7, RandomRuns: 100, RandomSteps: 200, AutocovSteps: 60,
	Images: 48, CorrectionSteps: 40}

// smallInput runs the analysis of net with the small sizes and returns the
// figure's input and the analysis.
func smallInput(t testing.TB, net *hdnet.Network) (Figure3Input, *fig3ref.Analysis) {
	t.Helper()
	a, err := fig3ref.Analyze(net, smallFigure3)
	if err != nil {
		t.Fatal(err)
	}
	in, err := inputFrom(a)
	if err != nil {
		t.Fatal(err)
	}
	return in, a
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
	in, a := smallInput(t, net)
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
		start := append(append([]float64(nil), a.Attractors...), a.Init.Mean...)
		start = append(start, net.Written[:net.H]...)
		run, err := net.CorrectionRun(codes[i*net.H:], start, c.Steps, a.PCA)
		if err != nil {
			t.Fatal(err)
		}
		c.Examples = append(c.Examples, hdnet.Example{Image: i, Time: c.Times[i], PCA: run})
	}
	c.Attractors = len(a.AttractorRuns) + 2
	in.Corrections = &c
	for _, k := range in.ImagesShown() {
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
	in, _ := smallInput(t, writeFigure3Data(t, dir))
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
	in, _ := smallInput(b, writeFigure3Data(b, dir))
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

// inputFrom gathers the figure's input from a complete analysis
// (fig3ref.Analyze), with the images of its network.
func inputFrom(a *fig3ref.Analysis) (Figure3Input, error) {
	if a == nil || a.Demo == nil || a.PCA == nil || a.Random == nil || a.Convergence == nil {
		return Figure3Input{}, fmt.Errorf("figure 3: the analysis is not complete")
	}
	in := Figure3Input{HDCells: slices.Clone(a.HDCells), Demo: a.Demo, DemoPCA: a.DemoPCA, Limits: a.Limits,
		Change: a.Change, InitialPCA: a.InitialPCA, Step10PCA: a.Step10PCA, FinalPCA: a.FinalPCA,
		Flows: a.Flows, Autocov: a.Autocov,
		Corrections: &Figure3Corrections{Steps: a.Options.CorrectionSteps, Attractors: len(a.AttractorRuns),
			Times: a.Convergence, Quick: a.Quick, Never: a.Never, Examples: a.Examples}}
	in.Images = map[int]*image.RGBA{}
	if net := a.Net(); net.Images != nil {
		for _, k := range in.ImagesShown() {
			img, err := net.Image(k)
			if err != nil {
				return in, fmt.Errorf("figure 3: %w", err)
			}
			in.Images[k] = img
		}
	}
	return in, nil
}

// TestFigure3Stages checks that figure 3 drawn and rendered a few panels at
// a time is the figure of Figure3.
func TestFigure3Stages(t *testing.T) {
	dir := t.TempDir()
	in, _ := smallInput(t, writeFigure3Data(t, dir))
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
