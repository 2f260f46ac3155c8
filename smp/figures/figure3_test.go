package figures

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// smallFigure3 are reduced sizes for tests: 100 random runs of 200 steps,
// 48 images corrected for 40 steps.
var smallFigure3 = hdnet.Options{Seed: 7, RandomRuns: 100, RandomSteps: 200, AutocovSteps: 60,
	Images: 48, CorrectionSteps: 40}

// writeFigure3Data writes a random network (hdnet.RandomNetworkWithViews,
// H = 32, S = 64, E = 16, 60 random 12 × 10 images) as the three data sets
// of figure 3 in dir, and returns it as loaded back.
func writeFigure3Data(t testing.TB, dir string) *hdnet.Network {
	t.Helper()
	n, err := hdnet.RandomNetworkWithViews(32, 64, 16, 60, 12, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.WriteNPZ(dir); err != nil {
		t.Fatal(err)
	}
	var ds [3]*data.Dataset
	for i, name := range Figure3Names() {
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

func openSmallFigure3(t *testing.T, dir string, cache *Cache, log io.Writer) *Figure3Data {
	t.Helper()
	src, err := Source(dir, Figure3Names()...)
	if err != nil {
		t.Fatal(err)
	}
	d, err := OpenFigure3(src, Figure3Options{Analysis: smallFigure3, Cache: cache, Progress: log})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFigure3Stepwise runs the notebook's steps with a cache, checks them
// against hdnet.Analyze run in one go, then reopens the data: every step
// must come from the cache without reading the data files, with the same
// results.
func TestFigure3Stepwise(t *testing.T) {
	dir := t.TempDir()
	net := writeFigure3Data(t, dir)
	cache, err := NewCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	d := openSmallFigure3(t, dir, cache, &log)

	s, err := d.Summary()
	if err != nil {
		t.Fatal(err)
	}
	if s.H != 32 || s.S != 64 || s.E != 16 || s.Images != 60 || s.ImageH != 12 || s.ImageW != 10 {
		t.Errorf("summary %+v", s)
	}
	if !strings.Contains(s.String(), "H = 32 units") {
		t.Errorf("summary string %q", s)
	}
	cells, err := d.HDCells()
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != s.HDCount {
		t.Errorf("%d HD cells, summary says %d", len(cells), s.HDCount)
	}
	for i := 1; i < len(cells); i++ {
		if net.RVAngles[cells[i]] < net.RVAngles[cells[i-1]] {
			t.Errorf("HD cells not ordered by angle: %v", cells)
		}
	}
	// The steps in the notebook's order, each in its own Figure3Data as in
	// separate notebook cells.
	for _, f := range []func(d *Figure3Data) error{
		func(d *Figure3Data) error { _, err := d.Demo(); return err },
		func(d *Figure3Data) error { _, err := d.PCA(); return err },
		func(d *Figure3Data) error { _, err := d.RandomRuns(); return err },
		func(d *Figure3Data) error { _, err := d.Attractors(); return err },
		func(d *Figure3Data) error { _, err := d.Corrections(); return err },
	} {
		if err := f(openSmallFigure3(t, dir, cache, &log)); err != nil {
			t.Fatal(err)
		}
	}
	in, err := openSmallFigure3(t, dir, cache, &log).Figure3Input()
	if err != nil {
		t.Fatal(err)
	}

	// One go, no cache.
	opt := smallFigure3
	a, err := hdnet.Analyze(net, opt)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Figure3InputFrom(a)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("stepwise input differs from hdnet.Analyze's:\nattractors %d vs %d, times %v\nvs %v",
			in.Corrections.Attractors, want.Corrections.Attractors, in.Corrections.Times, want.Corrections.Times)
	}
	r, err := openSmallFigure3(t, dir, cache, &log).RandomRuns()
	if err != nil {
		t.Fatal(err)
	}
	if r.N != 100 || r.Steps != 200 || len(r.Initial) != 100*32 || len(r.Final) != 100*32 {
		t.Errorf("random runs: N %d, steps %d, %d initial and %d final values", r.N, r.Steps, len(r.Initial), len(r.Final))
	}

	// Reopen: everything from the cache, the data files not read.
	log.Reset()
	d2 := openSmallFigure3(t, dir, cache, &log)
	in2, err := d2.Figure3Input()
	if err != nil {
		t.Fatal(err)
	}
	if d2.net != nil {
		t.Errorf("the data files were read although every step was cached:\n%s", log.String())
	}
	if strings.Contains(log.String(), "computed in") || !strings.Contains(log.String(), "0 computed") {
		t.Errorf("progress after reopening:\n%s", log.String())
	}
	if !reflect.DeepEqual(in2, in) {
		t.Errorf("cached input differs from the computed one")
	}
	// Another seed is another cache entry.
	o := smallFigure3
	o.Seed = 8
	d3, err := OpenFigure3(d2.Source, Figure3Options{Analysis: o, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	r3, err := d3.RandomRuns()
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(r3.Initial, r.Initial) {
		t.Errorf("seed 8 gave the same random initial states as seed 7")
	}
}

// TestFigure3PNG draws the figure from the small data set and checks its
// size, then draws it again with every image shown (quick and
// never-converging images made up by hand, since a random network
// converges at once).
func TestFigure3PNG(t *testing.T) {
	dir := t.TempDir()
	net := writeFigure3Data(t, dir)
	d := openSmallFigure3(t, dir, nil, nil)
	in, err := d.Figure3Input()
	if err != nil {
		t.Fatal(err)
	}
	checkFigure3PNG(t, in, "figure3_small")

	// Made-up convergence: images 0, 1, 2 quick, 3, 4, 5 never; the
	// example runs are real corrected runs from the attractor states.
	at, err := d.Attractors()
	if err != nil {
		t.Fatal(err)
	}
	p, err := d.PCA()
	if err != nil {
		t.Fatal(err)
	}
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
		start := append(append([]float64(nil), at.States...), p.Init.Mean...)
		start = append(start, net.Written[:net.H]...)
		run, err := net.CorrectionRun(codes[i*net.H:], start, c.Steps, p.PCA)
		if err != nil {
			t.Fatal(err)
		}
		c.Examples = append(c.Examples, hdnet.Example{Image: i, Time: c.Times[i], PCA: run})
	}
	c.Attractors = len(at.Runs) + 2
	in.Corrections = &c
	imgs, err := d.Images(in.ImagesShown())
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range in.ImagesShown() {
		in.Images[k] = imgs[i]
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
	writeFigure3Data(t, dir)
	in, err := openSmallFigure3(t, dir, nil, nil).Figure3Input()
	if err != nil {
		t.Fatal(err)
	}
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

// TestFigure3MissingData reports a missing data set by name.
func TestFigure3MissingData(t *testing.T) {
	dir := t.TempDir()
	writeFigure3Data(t, dir)
	if err := os.Remove(filepath.Join(dir, "hd_stats.npz")); err != nil {
		t.Fatal(err)
	}
	_, err := OpenFigure3(DataSource{Dir: dir, Kind: OtherData}, Figure3Options{})
	if err == nil || !strings.Contains(err.Error(), "hd_stats") {
		t.Errorf("got %v, want an error naming hd_stats", err)
	}
}

// BenchmarkFigure3Draw times drawing and encoding the figure from the
// small data set (the computations excluded).
func BenchmarkFigure3Draw(b *testing.B) {
	dir := b.TempDir()
	writeFigure3Data(b, dir)
	src := DataSource{Dir: dir, Kind: OtherData}
	d, err := OpenFigure3(src, Figure3Options{Analysis: smallFigure3})
	if err != nil {
		b.Fatal(err)
	}
	in, err := d.Figure3Input()
	if err != nil {
		b.Fatal(err)
	}
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

// TestRingTracking: a ring traversed with the true angle (mirrored and
// shifted) tracks it exactly; points at random angles do not.
func TestRingTracking(t *testing.T) {
	d := &hdnet.Demo{TrueOffset: []float64{0.1, 0.5, 1.5, 3, 4.5, 6, 7.5, 9}}
	pca := make([]float64, 2*(len(d.TrueOffset)+1))
	for i, th := range d.TrueOffset {
		pca[2*i], pca[2*i+1] = 2*math.Cos(-th+0.7), 2*math.Sin(-th+0.7)
	}
	e, s, err := RingTracking(d, pca)
	if err != nil || e > 1e-12 || s != -1 {
		t.Errorf("mirrored ring: error %g, sign %d, %v; want 0, -1", e, s, err)
	}
	r := hdnet.NewRand(1)
	d.TrueOffset = make([]float64, 2000)
	pca = make([]float64, 2*2000)
	for i := range d.TrueOffset {
		d.TrueOffset[i] = float64(i) * 0.1
		a := r.Float64() * 2 * math.Pi
		pca[2*i], pca[2*i+1] = math.Cos(a), math.Sin(a)
	}
	if e, _, _ := RingTracking(d, pca); math.Abs(e-math.Pi/2) > 0.1 {
		t.Errorf("random angles: error %g, want about pi/2", e)
	}
	if _, _, err := RingTracking(d, pca[:10]); err == nil {
		t.Error("short projection accepted")
	}
}
