package notebook

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/internal/fixture"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// smallFigure3 are reduced sizes for tests: 100 random runs of 200 steps,
// 48 images corrected for 40 steps.
var smallFigure3 = func() Figure3Params {
	p := PaperFigure3(7)
	p.RandomRuns, p.RandomSteps, p.AutocovSteps, p.CorrectionImages, p.CorrectionSteps = 100, 200, 60, 48, 40
	return p
}()

// writeFigure3Data writes a random network (fixture.RandomFigure3Network,
// H = 32, S = 64, E = 16, 60 random 12 × 10 images) as the three data sets
// of figure 3 in dir, and returns it as loaded back.
func writeFigure3Data(t testing.TB, dir string) *hdnet.Network {
	t.Helper()
	n, err := fixture.RandomFigure3Network(32, 64, 16, 60, 12, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := fixture.WriteFigure3(n, dir); err != nil {
		t.Fatal(err)
	}
	src, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	net, err := newSteps(src, nil).network()
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func openSmallFigure3(t *testing.T, dir string, log *bytes.Buffer) *Figure3 {
	t.Helper()
	src, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return NewFigure3(src, smallFigure3, log)
}

// TestFigure3Stepwise runs the notebook's steps with a cache, each in its
// own Figure3 as in separate notebook cells, checks them against one
// Figure3 run in one go without a cache, then reopens the data: every step must come
// from the cache without reading the data files, with the same results.
func TestFigure3Stepwise(t *testing.T) {
	t.Setenv("SMP_CACHE_DIR", t.TempDir())
	dir := t.TempDir()
	writeFigure3Data(t, dir)
	var log bytes.Buffer
	d := openSmallFigure3(t, dir, &log)

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
	for _, f := range []func(d *Figure3) error{
		func(d *Figure3) error { _, err := d.Demo(); return err },
		func(d *Figure3) error { _, err := d.PCA(); return err },
		func(d *Figure3) error { _, err := d.RandomRuns(); return err },
		func(d *Figure3) error { _, err := d.Attractors(); return err },
		func(d *Figure3) error { _, err := d.Corrections(); return err },
	} {
		if err := f(openSmallFigure3(t, dir, &log)); err != nil {
			t.Fatal(err)
		}
	}
	in, err := openSmallFigure3(t, dir, &log).Input()
	if err != nil {
		t.Fatal(err)
	}

	// One go, no cache.
	one, err := NewFigure3(&Source{Dir: dir, NoCache: true}, smallFigure3, nil).Input()
	if err != nil {
		t.Fatal(err)
	}
	c, c1 := in.Corrections, one.Corrections
	for _, x := range []struct {
		name      string
		got, want any
	}{
		{"HD cells", in.HDCells, one.HDCells}, {"demo", in.Demo, one.Demo}, {"demo PCA", in.DemoPCA, one.DemoPCA},
		{"limits", in.Limits, one.Limits}, {"change", in.Change, one.Change}, {"initial", in.InitialPCA, one.InitialPCA},
		{"step 10", in.Step10PCA, one.Step10PCA}, {"final", in.FinalPCA, one.FinalPCA}, {"flows", in.Flows, one.Flows},
		{"autocovariance", in.Autocov, one.Autocov}, {"attractors", c.Attractors, c1.Attractors},
		{"times", c.Times, c1.Times}, {"quick", c.Quick, c1.Quick}, {"never", c.Never, c1.Never},
		{"examples", c.Examples, c1.Examples}, {"steps", c.Steps, smallFigure3.CorrectionSteps},
		{"images", in.Images, one.Images},
	} {
		if !reflect.DeepEqual(x.got, x.want) {
			t.Errorf("stepwise %s differ from the uncached run's", x.name)
		}
	}
	if len(in.Images) != len(in.Corrections.ImagesShown()) {
		t.Errorf("%d images for the %d shown", len(in.Images), len(in.Corrections.ImagesShown()))
	}
	if _, err := figures.Figure3(in); err != nil {
		t.Fatal(err)
	}
	r, err := openSmallFigure3(t, dir, &log).RandomRuns()
	if err != nil {
		t.Fatal(err)
	}

	// Reopen: everything from the cache, the data files not read.
	log.Reset()
	d2 := openSmallFigure3(t, dir, &log)
	in2, err := d2.Input()
	if err != nil {
		t.Fatal(err)
	}
	if d2.net != nil {
		t.Errorf("the data files were read although every step was cached:\n%s", log.String())
	}
	if strings.Contains(log.String(), "computed") || !strings.Contains(log.String(), "from the cache") {
		t.Errorf("progress after reopening:\n%s", log.String())
	}
	if !reflect.DeepEqual(in2, in) {
		t.Errorf("cached input differs from the computed one")
	}
	// Another seed is another cache entry.
	o := smallFigure3
	o.Seed = 8
	r3, err := NewFigure3(d2.src, o, nil).RandomRuns()
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(r3.Initial, r.Initial) {
		t.Errorf("seed 8 gave the same random initial states as seed 7")
	}
}

// TestPaperFigure3 checks that the parameters the notebook's load cell
// writes out are the original's.
func TestPaperFigure3(t *testing.T) {
	cell := Figure3Params{HDCutoff: 0.56, DemoState: 8, DemoSteps: 1000, ClusterThreshold: 0.1, Seed: 0,
		RandomRuns: 1000, RandomSteps: 2000, FlowVelocity: 0.16, FlowSteps: 50, AutocovVelocity: 0.16,
		AutocovSteps: 200, AutocovLags: 50, CorrectionImages: 512, CorrectionSteps: 200}
	if cell != PaperFigure3(0) {
		t.Errorf("the notebook's parameters %+v differ from PaperFigure3(0) %+v", cell, PaperFigure3(0))
	}
}

// TestFigure3MissingData reports a missing data set by name.
func TestFigure3MissingData(t *testing.T) {
	t.Setenv("SMP_CACHE_DIR", t.TempDir())
	dir := t.TempDir()
	writeFigure3Data(t, dir)
	if err := os.Remove(filepath.Join(dir, data.HDStatsName+".npz")); err != nil {
		t.Fatal(err)
	}
	_, err := openSmallFigure3(t, dir, nil).Demo()
	if err == nil || !strings.Contains(err.Error(), "hd_stats") {
		t.Errorf("got %v, want an error naming hd_stats", err)
	}
}

// TestRingTracking: a ring traversed with the true angle (mirrored and
// shifted) tracks it exactly; points at random angles do not.
func TestRingTracking(t *testing.T) {
	if _, _, err := RingTracking(nil, nil); err == nil {
		t.Error("RingTracking(nil): no error")
	}
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
