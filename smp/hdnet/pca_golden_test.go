package hdnet

import (
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
)

// The PCA golden test compares figure 3's cells 7 to 15 (HD cells, demo,
// PCA, random runs, attractor states, correction runs, time to convergence)
// with numpy's, run by testdata/figure3_pca.py on the same inputs:
//
//   - testdata/figure3_pca_in.npz: the synthetic world's figure-3 network
//     (its parameters.npz without memory map 1; the first 512 embeddings of
//     visual_inputs.npz; hd_stats.npz), and z, the standard-normal draws of
//     the 1000 random initial states, NewRand(0)'s, as Sample draws them.
//     Written by `go test ./smp/hdnet -run TestPCAGolden -pca-inputs-from
//     DIR` from the world in DIR (data/synthetic).
//   - testdata/figure3_pca.npz: what the numpy script computed from them.
//
// The fixture's random network (testdata/reference/figure3.npz) cannot
// serve: its 1000 random states all end at one point, a single attractor
// state, and every image "converges" at step 0.
//
// These are the sizes and seed of the figure itself (scripts/figures, the
// notebook): the test checks the figure's own numbers on the synthetic world.
const (
	pcaGoldenIn   = "testdata/figure3_pca_in.npz"
	pcaGoldenOut  = "testdata/figure3_pca.npz"
	pcaGoldenSeed = 0
)

var pcaInputsFrom = flag.String("pca-inputs-from", "", "write "+pcaGoldenIn+" from the synthetic world in this directory, for testdata/figure3_pca.py")

// writePCAInputs writes pcaGoldenIn from the data set in dir.
func writePCAInputs(t *testing.T, dir string) {
	root := data.Dict{}
	for _, f := range []struct {
		file string
		keys []string
	}{
		{data.ParametersName, []string{KeyPredictionW, KeyPredictionB, KeyCorrectionW, KeyCorrectionB, KeyMemoryHD, KeyMemoryVis, KeyWritten, KeyBeta}},
		{data.VisualInputsName, []string{KeyEmbeddings}},
		{data.HDStatsName, []string{KeyRVAngles, KeyRVLengths}},
	} {
		ds, err := data.LoadNPZ(filepath.Join(dir, f.file+".npz"))
		if err != nil {
			t.Fatal(err)
		}
		defer ds.Close()
		for _, k := range f.keys {
			a, err := ds.Array(k)
			if err != nil {
				t.Fatal(err)
			}
			root[k] = a
		}
	}
	emb := root[KeyEmbeddings].(*data.Array)
	E := emb.Shape[1]
	v, ok := data.Values[float32](emb)
	if !ok {
		t.Fatalf("%s: embeddings are %s, want float32", dir, emb.DType())
	}
	root[KeyEmbeddings] = data.New(v[:CorrectionImages*E], CorrectionImages, E)
	H := root[KeyMemoryHD].(*data.Array).Shape[1]
	root["z"] = data.New(pcaDraws(RandomRunsCount, H), RandomRunsCount, H)
	if err := data.WriteNPZ(pcaGoldenIn, root); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s; now run testdata/figure3_pca.py", pcaGoldenIn)
}

// pcaDraws returns the standard-normal draws [n, H] behind
// InitialDistribution.Sample(NewRand(pcaGoldenSeed), n).
func pcaDraws(n, H int) []float64 {
	unit := &InitialDistribution{Mean: make([]float64, H), Var: make([]float64, H)}
	for u := range unit.Var {
		unit.Var[u] = 1
	}
	return unit.Sample(NewRand(pcaGoldenSeed), n)
}

// figure3Chain is figure 3's computation from the HD cells to the times to
// convergence (cells 7 to 15), made with hdnet's steps as smp/notebook's
// Figure3 makes them, with the figure's sizes.
type figure3Chain struct {
	net      *Network
	HDCells  []int
	Demo     *Demo
	Kept     []int // demo states the PCA is fitted to
	PCA      *PCA
	Init     *InitialDistribution
	DemoPCA  []float64
	Limits   [2]float64
	Final    []float64 // final states of the random runs [N, H]
	FinalPCA []float64
	// Attractors are the random runs whose final states are the attractor
	// states, States those states.
	Attractors []int
	States     []float64
	Codes      []float64
	Times      []float64 // per image
	Examples   []int     // panels H and I: the first two quick images, the first never converging
	ExamplePCA []float64 // their projected correction runs
}

// runFigure3 runs cells 7 to 10 on n, then the rest (runAfterPCA).
func runFigure3(t *testing.T, n *Network) *figure3Chain {
	c := &figure3Chain{net: n, HDCells: SelectHDCells(n.RVAngles, n.RVLengths, HDCutoff)}
	var err error
	if c.Demo, err = n.Demo(DemoState, DemoSteps); err != nil {
		t.Fatal(err)
	}
	var points []float64
	c.Kept, points = TakeIfFartherThan(c.Demo.Trajectory, n.H, ClusterThreshold)
	if c.PCA, err = FitPCA(points, n.H, c.HDCells); err != nil {
		t.Fatal(err)
	}
	if c.Init, err = NewInitialDistribution(points, n.H); err != nil {
		t.Fatal(err)
	}
	c.runAfterPCA(t)
	return c
}

// runAfterPCA runs cells 11 to 15 from c's PCA and initial distribution.
func (c *figure3Chain) runAfterPCA(t *testing.T) {
	n, H := c.net, c.net.H
	c.DemoPCA = c.PCA.ProjectAll(c.Demo.Trajectory, H)
	h0 := c.Init.Sample(NewRand(pcaGoldenSeed), RandomRunsCount)
	r, err := n.Runs(h0, RandomRunsSteps, RunOptions{Keep: 100, PCA: c.PCA, ProjectFrom: LimitsFromStep})
	if err != nil {
		t.Fatal(err)
	}
	c.Final, c.Limits, c.FinalPCA = r.Final, r.Bounds.Limits(), c.PCA.ProjectAll(r.Final, H)
	c.Attractors = AttractorIndices(c.FinalPCA)
	c.States = nil
	for _, i := range c.Attractors {
		c.States = append(c.States, r.Final[i*H:(i+1)*H]...)
	}
	if c.Codes, err = n.ImageCodes(CorrectionImages); err != nil {
		t.Fatal(err)
	}
	cv, err := n.ConvergenceTimes(c.Codes, c.States, c.PCA, CorrectionOptions{Steps: CorrectionSteps, Threshold: ClusterThreshold})
	if err != nil {
		t.Fatal(err)
	}
	c.Times = cv
	quick, never := ConvergenceExamples(cv, CorrectionSteps)
	c.Examples = slices.Concat(quick[:min(2, len(quick))], never[:min(1, len(never))])
	c.ExamplePCA = nil
	for _, i := range c.Examples {
		run, err := n.CorrectionRun(c.Codes[i*H:(i+1)*H], c.States, CorrectionSteps, c.PCA)
		if err != nil {
			t.Fatal(err)
		}
		c.ExamplePCA = append(c.ExamplePCA, run...)
	}
}

// pcaGolden runs figure 3's chain on the golden inputs and returns it with
// numpy's results.
func pcaGolden(t *testing.T) (*figure3Chain, *data.Dataset) {
	in, err := data.LoadNPZ(pcaGoldenIn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	n, err := FromDatasets(in, in, in)
	if err != nil {
		t.Fatal(err)
	}
	if z := fixtureFloats(t, in, "z"); !slices.Equal(z, pcaDraws(len(z)/n.H, n.H)) {
		t.Fatalf("%s: z is not NewRand(%d)'s draws", pcaGoldenIn, pcaGoldenSeed)
	}
	c := runFigure3(t, n)
	want, err := data.LoadNPZ(pcaGoldenOut)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { want.Close() })
	return c, want
}

func TestPCAGolden(t *testing.T) {
	if *pcaInputsFrom != "" {
		writePCAInputs(t, *pcaInputsFrom)
		return
	}
	if testing.Short() {
		t.Skip("figure 3's whole analysis (about 1 s)")
	}
	a, want := pcaGolden(t)
	for _, err := range pcaMismatches(t, a, want) {
		t.Error(err)
	}
	quick, never := ConvergenceExamples(a.Times, CorrectionSteps)
	t.Logf("%d HD cells, PCA from %d demo states, eigenvalues %.4g; %d attractor states; times to convergence: %d quick (0 < t < 10), %d never",
		len(a.HDCells), len(a.Kept), a.PCA.Values[:3], len(a.Attractors), len(quick), len(never))
}

// TestPCAGoldenCatchesFlippedPC checks that the golden comparison fails when
// a principal axis has the opposite orientation: with PC 1 or PC 2 negated,
// the eigenvectors and projections differ, and so do the attractor states
// (their order by angle) and the times to convergence.
func TestPCAGoldenCatchesFlippedPC(t *testing.T) {
	if testing.Short() {
		t.Skip("figure 3's whole analysis, then its random and correction runs twice")
	}
	a, want := pcaGolden(t)
	D := len(a.PCA.Units)
	flip := func(pc int) {
		for i := range D {
			a.PCA.Vectors[i*D+pc] *= -1
		}
	}
	for pc := range 2 {
		flip(pc)
		a.runAfterPCA(t) // on the flipped axis
		errs := pcaMismatches(t, a, want)
		var kinds []string
		for _, err := range errs {
			kinds = append(kinds, err.(pcaMismatch).what)
		}
		for _, k := range []string{"pca_vectors", "demo_pca", "final_pca", "attractors", "times"} {
			if !slices.Contains(kinds, k) {
				t.Errorf("PC %d negated: no mismatch in %s (mismatches: %v)", pc+1, k, kinds)
			}
		}
		t.Logf("PC %d negated: %d mismatches: %v", pc+1, len(errs), errs)
		flip(pc)
	}
}

type pcaMismatch struct{ what, msg string }

func (m pcaMismatch) Error() string { return m.what + ": " + m.msg }

// pcaMismatches compares the analysis with numpy's results and returns
// every difference: eigenvectors of PC 1 and PC 2 (with their signs),
// eigenvalues, means and projections to 1e-5 relative; HD cells, kept demo
// states, attractor states and times to convergence exactly.
func pcaMismatches(t *testing.T, a *figure3Chain, want *data.Dataset) []error {
	var errs []error
	bad := func(what, format string, args ...any) {
		errs = append(errs, pcaMismatch{what, fmt.Sprintf(format, args...)})
	}
	ints := func(key string, got []int) {
		w := goldenInts(t, want, key)
		g := make([]float64, len(got))
		for i, v := range got {
			g[i] = float64(v)
		}
		if !slices.Equal(g, w) {
			bad(key, "%v, numpy %v", got, w)
		}
	}
	// near compares to 1e-5 relative with an absolute floor of 1e-8·scale.
	near := func(key string, got []float64, scale float64) {
		w := fixtureFloats(t, want, key)
		if len(got) != len(w) {
			bad(key, "%d values, numpy %d", len(got), len(w))
			return
		}
		n, worst, at := 0, 0.0, 0
		for i := range got {
			d := math.Abs(got[i] - w[i])
			if !(d <= relTol*math.Abs(w[i])+absTol*scale) {
				n++
				if d > worst {
					worst, at = d, i
				}
			}
		}
		if n > 0 {
			bad(key, "%d of %d values differ, most at %d: %.9g, numpy %.9g", n, len(got), at, got[at], w[at])
		}
		t.Logf("%s: %d values, largest difference %.2g (relative to max(|numpy|, 1e-8·%.3g))", key, len(got), worstRel(got, w, 1e-8*scale), scale)
	}
	D := len(a.PCA.Units)
	ints("hd_cells", a.HDCells)
	ints("kept", a.Kept)
	near("init_mean", a.Init.Mean, 1)
	near("init_var", a.Init.Var, 1)
	near("codes", a.Codes, 1)
	near("pca_mean", a.PCA.Mean, 1)
	near("pca_values", a.PCA.Values, math.Abs(a.PCA.Values[0])) // all, in dgeev's order
	// PC 1 and PC 2: the columns the figure projects on.
	pcs := make([]float64, 0, 2*D)
	w := fixtureFloats(t, want, "pca_vectors")
	wpcs := make([]float64, 0, 2*D)
	for i := range D {
		pcs = append(pcs, a.PCA.Vectors[i*D], a.PCA.Vectors[i*D+1])
		wpcs = append(wpcs, w[i*D], w[i*D+1])
	}
	for i := range pcs {
		if d := math.Abs(pcs[i] - wpcs[i]); !(d <= relTol*math.Abs(wpcs[i])+absTol) {
			bad("pca_vectors", "PC %d differs at unit %d: %.9g, numpy %.9g", i%2+1, a.PCA.Units[i/2], pcs[i], wpcs[i])
			break
		}
	}
	t.Logf("pca_vectors: PC 1 and PC 2 largest difference %.2g; columns equal to numpy's to 1e-5 (with the sign): %v of %d",
		worstRel(pcs, wpcs, 1e-8), sameColumns(a.PCA.Vectors, w, D), D)
	scale := math.Max(a.Limits[0], a.Limits[1])
	near("demo_pca", a.DemoPCA, scale)
	near("final_pca", a.FinalPCA, scale)
	near("limits", a.Limits[:], 1)
	// np.argsort is not stable: among runs that ended at the same fixed
	// point, bit for bit, numpy picks any one and AttractorIndices the
	// first. attractor_ties[j] = k when run j ended exactly at numpy's
	// attractor state k.
	ties := goldenInts(t, want, "attractor_ties")
	if w := goldenInts(t, want, "attractors"); len(a.Attractors) != len(w) {
		bad("attractors", "%d attractor states %v, numpy %d %v", len(a.Attractors), a.Attractors, len(w), w)
	} else {
		for k, i := range a.Attractors {
			if ties[i] != float64(k) {
				bad("attractors", "attractor state %d is run %d, which did not end at numpy's (run %v)", k, i, w[k])
				break
			}
		}
	}
	if g, w := a.Times, fixtureFloats(t, want, "times"); len(g) != len(w) {
		bad("times", "%d images, numpy %d", len(g), len(w))
	} else {
		var diff []string
		for i := range g {
			if g[i] != w[i] {
				diff = append(diff, fmt.Sprintf("image %d: %v, numpy %v", i, g[i], w[i]))
			}
		}
		if len(diff) > 0 {
			bad("times", "%d of %d images differ (%s, ...)", len(diff), len(w), strings.Join(diff[:min(3, len(diff))], "; "))
		}
	}
	ex, expca := a.Examples, a.ExamplePCA
	ints("examples", ex)
	if slices.Equal(ex, intsOf(goldenInts(t, want, "examples"))) {
		// The original's correction codes are float32 (its parameters
		// are), Go's float64: they differ by up to 4.5e-6 relative, which
		// the runs carry (3.6e-6 at most, against limits of 1.47). With
		// numpy's codes computed in float64, the runs agree to 1e-5
		// relative; with the original's float32 codes, to 1e-5 of the
		// axis limits.
		near("example_pca_f64codes", expca, scale)
		w := fixtureFloats(t, want, "example_pca")
		for i := range w {
			if d := math.Abs(expca[i] - w[i]); !(d <= relTol*scale) {
				bad("example_pca", "value %d: %.9g, numpy %.9g", i, expca[i], w[i])
				break
			}
		}
		t.Logf("example_pca: %d values, largest difference %.2g of the limits", len(w), worstRel(expca, w, scale)*1)
	}
	return errs
}

func intsOf(v []float64) []int {
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x)
	}
	return out
}

// goldenInts returns the integer array at key as float64 values.
func goldenInts(t *testing.T, ds *data.Dataset, key string) []float64 {
	t.Helper()
	a, err := ds.Array(key)
	if err != nil {
		t.Fatal(err)
	}
	return a.Float64()
}

// worstRel returns the largest |got - want| / max(|want|, floor).
func worstRel(got, want []float64, floor float64) float64 {
	worst := 0.0
	for i := range got {
		worst = math.Max(worst, math.Abs(got[i]-want[i])/math.Max(math.Abs(want[i]), floor))
	}
	return worst
}

// sameColumns returns the columns k of the [D, D] matrices a and b that are
// equal to 1e-5 (absolute, for unit vectors).
func sameColumns(a, b []float64, D int) []int {
	var same []int
	for k := range D {
		ok := true
		for i := range D {
			ok = ok && math.Abs(a[i*D+k]-b[i*D+k]) <= 1e-5
		}
		if ok {
			same = append(same, k)
		}
	}
	return same
}
