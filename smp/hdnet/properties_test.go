package hdnet

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"gonum.org/v1/gonum/mat"
)

func TestSingleClusterMatchesTakeIfFartherThan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for trial := 0; trial < 3000; trial++ {
		B := 1 + r.IntN(40)
		spread := []float64{0.001, 0.02, 0.05, 0.2, 1}[r.IntN(5)]
		p := make([]float64, 2*B)
		cx, cy := r.NormFloat64(), r.NormFloat64()
		for b := 0; b < B; b++ {
			p[2*b], p[2*b+1] = cx+spread*r.NormFloat64(), cy+spread*r.NormFloat64()
		}
		if trial%50 == 0 {
			p[2*r.IntN(B)] = math.NaN()
		}
		idx, _ := TakeIfFartherThan(p, 2, 0.1)
		if got, want := SingleCluster(p, 2, 0.1), len(idx) == 1; got != want {
			t.Fatalf("trial %d: SingleCluster = %v, TakeIfFartherThan kept %d of %v", trial, got, len(idx), p)
		}
	}
}

func TestConvergenceTimeEdgeCases(t *testing.T) {
	// Identical points: converged from the start.
	same := []float64{0.3, -0.2, 0.3, -0.2, 0.3, -0.2}
	if got := ConvergenceTime(append(same, same...), 3, 0.1); got != 0 {
		t.Errorf("identical points: %v, want 0", got)
	}
	// Two far points that stay far: never.
	far := []float64{0, 0, 1, 1}
	if got := ConvergenceTime(append(append(far, far...), far...), 2, 0.1); !math.IsInf(got, 1) {
		t.Errorf("far points: %v, want +Inf", got)
	}
	// Two points meeting at step 2.
	run := []float64{0, 0, 1, 0 /**/, 0, 0, 0.5, 0 /**/, 0, 0, 0.05, 0}
	if got := ConvergenceTime(run, 2, 0.1); got != 2 {
		t.Errorf("meeting points: %v, want 2", got)
	}
	q, nv := ConvergenceExamples([]float64{0, 3, 9, 10, math.Inf(1), 200, 5}, 200)
	if !reflect.DeepEqual(q, []int{1, 2, 6}) || !reflect.DeepEqual(nv, []int{4}) {
		t.Errorf("examples %v %v", q, nv)
	}
}

func TestFitPCAProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	const n, H = 300, 6
	units := []int{4, 0, 2, 5}
	pts := make([]float64, n*H)
	for i := 0; i < n; i++ {
		a, b := r.NormFloat64()*3, r.NormFloat64()
		for u := 0; u < H; u++ {
			pts[i*H+u] = a*float64(u+1)*0.3 + b*float64(H-u)*0.2 + 0.05*r.NormFloat64() + float64(u)
		}
	}
	p, err := FitPCA(pts, H, units)
	if err != nil {
		t.Fatal(err)
	}
	D := len(units)
	// The original takes np.linalg.eig's (LAPACK dgeev's) eigenpairs in the
	// solver's order and with the solver's signs, unsorted: FitPCA must
	// return exactly what gonum's port of dgeev returns for the covariance
	// (these eigenvalues are well separated, so no canonical sign applies).
	// The earlier convention (sorted, largest component positive) negated
	// PC 1 against the original on the synthetic world, which changed 108 of
	// 512 convergence times.
	x := SelectUnits(pts, H, units)
	_, cov := meanCov(x, n, D)
	var eig mat.Eigen
	if !eig.Factorize(mat.DenseCopyOf(cov), mat.EigenRight) {
		t.Fatal("eigen-decomposition failed")
	}
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	for k, v := range eig.Values(nil) {
		if p.Values[k] != real(v) || imag(v) != 0 {
			t.Errorf("value %d = %v, dgeev's is %v", k, p.Values[k], v)
		}
		if ambiguous(p.Values, k) {
			t.Errorf("value %d counted as ambiguous in %v", k, p.Values)
		}
		for i := 0; i < D; i++ {
			if p.Vectors[i*D+k] != real(vecs.At(i, k)) {
				t.Errorf("vector %d differs from dgeev's at %d", k, i)
			}
		}
	}
	// Orthonormal eigenvectors with C v = λ v. The general solver normalises
	// each vector but does not enforce orthogonality: it holds to rounding,
	// 1e-10 here.
	for k := 0; k < D; k++ {
		for j := 0; j < D; j++ {
			dot := 0.0
			for i := 0; i < D; i++ {
				dot += p.Vectors[i*D+k] * p.Vectors[i*D+j]
			}
			want := 0.0
			if j == k {
				want = 1
			}
			if math.Abs(dot-want) > 1e-10 {
				t.Errorf("v%d·v%d = %v", k, j, dot)
			}
		}
		for i := 0; i < D; i++ {
			cv := 0.0
			for j := 0; j < D; j++ {
				cv += cov.At(i, j) * p.Vectors[j*D+k]
			}
			if math.Abs(cv-p.Values[k]*p.Vectors[i*D+k]) > 1e-9*math.Abs(p.Values[0]) {
				t.Errorf("C v%d != λ v%d at %d", k, k, i)
			}
		}
	}
	// The projection of the mean is the origin.
	m := make([]float64, H)
	for k, u := range units {
		m[u] = p.Mean[k]
	}
	if a, b := p.Project(m); a != 0 || b != 0 {
		t.Errorf("projection of the mean = (%v, %v)", a, b)
	}
}

// TestFitPCAAmbiguousSign checks the canonical sign rule where the solver's
// eigenvectors are not well defined: points evenly spread on a circle have
// the covariance ½·I (a double eigenvalue), so each eigenvector gets its
// component of largest magnitude positive.
func TestFitPCAAmbiguousSign(t *testing.T) {
	const n = 64
	pts := make([]float64, 0, 2*n)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / n
		pts = append(pts, math.Cos(a), math.Sin(a))
	}
	p, err := FitPCA(pts, 2, []int{0, 1})
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 2; k++ {
		if !ambiguous(p.Values, k) {
			t.Fatalf("values %v: %d not ambiguous", p.Values, k)
		}
		a, b := p.Vectors[k], p.Vectors[2+k]
		if big := map[bool]float64{true: a, false: b}[math.Abs(a) >= math.Abs(b)]; big <= 0 {
			t.Errorf("vector %d = (%v, %v): largest component not positive", k, a, b)
		}
	}
}

func TestInitialDistribution(t *testing.T) {
	pts := []float64{0, 1, 2, 1, 4, 3, 6, 5} // 4 points of H = 2
	d, err := NewInitialDistribution(pts, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Column 0: 0 2 4 6 (mean 3, var 20/3); column 1: 1 1 3 5 (mean 2.5, var 11/3).
	wantMean := []float64{3, 2.5}
	wantVar := []float64{16 * (20.0/3 + 1e-4), 16 * (11.0/3 + 1e-4)}
	for u := 0; u < 2; u++ {
		if math.Abs(d.Mean[u]-wantMean[u]) > 1e-12 || math.Abs(d.Var[u]-wantVar[u]) > 1e-9 {
			t.Errorf("unit %d: mean %v var %v, want %v %v", u, d.Mean[u], d.Var[u], wantMean[u], wantVar[u])
		}
	}
	a := d.Sample(NewRand(7), 20000)
	b := d.Sample(NewRand(7), 20000)
	c := d.Sample(NewRand(8), 20000)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different samples")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same samples")
	}
	for u := 0; u < 2; u++ {
		var s, s2 float64
		for i := 0; i < 20000; i++ {
			v := a[2*i+u]
			s += v
			s2 += v * v
		}
		mean := s / 20000
		v := s2/20000 - mean*mean
		if math.Abs(mean-wantMean[u]) > 5*math.Sqrt(wantVar[u]/20000) || math.Abs(v/wantVar[u]-1) > 0.05 {
			t.Errorf("unit %d: sample mean %v var %v, want %v %v", u, mean, v, wantMean[u], wantVar[u])
		}
	}
}

func TestSelectHDCells(t *testing.T) {
	angles := []float64{2, -1, 0.5, 3, -2}
	lengths := []float64{0.9, 0.1, 0.57, 0.56, 0.8}
	if got := SelectHDCells(angles, lengths, HDCutoff); !reflect.DeepEqual(got, []int{4, 2, 0}) {
		t.Errorf("got %v, want [4 2 0]", got)
	}
}

func TestBoundsLimits(t *testing.T) {
	b := EmptyBounds()
	b.Add(-1, 2)
	b.Add(3, 4)
	// x: range 4, |-1-0.4| = 1.4, |3+0.4| = 3.4; y: range 2, |2-0.2| = 1.8, |4+0.2| = 4.2.
	if L := b.Limits(); math.Abs(L[0]-3.4) > 1e-12 || math.Abs(L[1]-4.2) > 1e-12 {
		t.Errorf("limits %v, want [3.4 4.2]", L)
	}
}

func TestAttractorIndices(t *testing.T) {
	step := AttractorAngleStep
	angles := []float64{0.5, 0.5 + step/2, -1, 0.5 + 3*step, -1 + step/10, 2}
	proj := make([]float64, 0, 2*len(angles))
	for _, a := range angles {
		proj = append(proj, math.Cos(a), math.Sin(a))
	}
	if got := AttractorIndices(proj); !reflect.DeepEqual(got, []int{2, 0, 3, 5}) {
		t.Errorf("got %v, want [2 0 3 5]", got)
	}
}

func TestAutocovarianceDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	const T, B, D, L = 30, 3, 4, 10
	x := randomSlice(T*B*D, 1, r)
	got, err := Autocovariance(x, T, B, D, L)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; b < B; b++ {
		// Centre and form the full T×T matrix, as the original does.
		c := make([]float64, T*D)
		for k := 0; k < D; k++ {
			m := 0.0
			for tt := 0; tt < T; tt++ {
				m += x[(tt*B+b)*D+k]
			}
			m /= T
			for tt := 0; tt < T; tt++ {
				c[tt*D+k] = x[(tt*B+b)*D+k] - m
			}
		}
		for l := 0; l < L; l++ {
			s := 0.0
			for i := 0; i+l < T; i++ {
				s += dot(c[i*D:(i+1)*D], c[(i+l)*D:(i+l+1)*D])
			}
			if want := s / float64(T-l); math.Abs(got[b*L+l]-want) > 1e-12 {
				t.Errorf("b %d lag %d: %v, want %v", b, l, got[b*L+l], want)
			}
		}
	}
}

// testNetwork returns a network with random parameters of the given sizes.
func testNetwork(H, S, E, I int, seed uint64) *Network {
	n, err := RandomNetwork(H, S, E, I, seed)
	if err != nil {
		panic(err)
	}
	return n
}

// TestRunsMatchUnroll checks Runs against a plain unroll of every step: at
// ω = 0.1 the states keep moving; at ω = 0 they reach exact fixed points
// after 65 to 72 steps, so Runs stops them early, some before and some
// after the last kept step 69, and the results must not change.
func TestRunsMatchUnroll(t *testing.T) {
	n := testNetwork(8, 16, 4, 4, 1)
	h0 := randomSlice(45*8, 0.5, rand.New(rand.NewPCG(4, 4)))
	pca, err := FitPCA(h0, 8, []int{0, 1, 2, 3, 4, 5, 6, 7})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		w           float64
		steps, keep int
	}{{0.1, 30, 5}, {0, 100, 69}, {0, 0, 0}, {0, 2, 5}} {
		u, _ := n.Unroll(h0, c.w, c.steps)
		want := EmptyBounds()
		for tt := 3; tt <= c.steps; tt++ {
			for i := 0; i < 45; i++ {
				want.Add(pca.Project(u[(tt*45+i)*8 : (tt*45+i+1)*8]))
			}
		}
		for _, workers := range []int{1, 2, 3} {
			r, err := n.Runs(h0, c.steps, RunOptions{W: c.w, Keep: c.keep, PCA: pca, ProjectFrom: 3, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			for tt := 0; tt <= c.steps; tt++ {
				if tt > c.keep && tt != c.steps {
					continue
				}
				for i := 0; i < 45; i++ {
					got, err := r.State(i, tt)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, u[(tt*45+i)*8:(tt*45+i+1)*8]) {
						t.Fatalf("%+v, workers %d: run %d step %d differs", c, workers, i, tt)
					}
				}
			}
			if r.Bounds != want {
				t.Errorf("%+v: bounds %+v, want %+v", c, r.Bounds, want)
			}
		}
	}
}

func TestMeanAutocovarianceMatchesUnroll(t *testing.T) {
	n := testNetwork(8, 16, 4, 4, 2)
	h0 := randomSlice(45*8, 0.5, rand.New(rand.NewPCG(5, 5)))
	u, _ := n.Unroll(h0, -0.16, 40)
	ac, err := Autocovariance(u, 41, 45, 8, 20)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]float64, 20)
	for b := 0; b < 45; b++ {
		for l := range want {
			want[l] += ac[b*20+l] / 45
		}
	}
	got, err := n.MeanAutocovariance(h0, -0.16, 40, 20, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	for l := range want {
		if math.Abs(got[l]-want[l]) > 1e-12*math.Abs(want[0]) {
			t.Errorf("lag %d: %v, want %v", l, got[l], want[l])
		}
	}
	// The same numbers, bit for bit, with any number of workers.
	for _, workers := range []int{1, 3} {
		if w, err := n.MeanAutocovariance(h0, -0.16, 40, 20, workers, nil); err != nil || !slices.Equal(w, got) {
			t.Errorf("workers %d: %v, %v; with 2 workers %v", workers, w, err, got)
		}
	}
}

// frozenNetwork returns a network whose LSTMs keep their cell state
// (input gate shut, forget gate open, output gate open): h = σ(c) forever.
func frozenNetwork(H int) *Network {
	w := func(in int) *data.Array { return data.New(make([]float64, (in+H)*4*H), in+H, 4*H) }
	b := func() *data.Array {
		v := make([]float64, 4*H)
		for u := 0; u < H; u++ {
			v[u], v[2*H+u], v[3*H+u] = -40, 40, 40
		}
		return data.New(v, 4*H)
	}
	m := data.New(make([]float64, 4*H), 4, H)
	params := data.Dict{KeyPredictionW: w(2), KeyPredictionB: b(), KeyCorrectionW: w(H), KeyCorrectionB: b(),
		KeyMemoryHD: m, KeyMemoryVis: data.New(make([]float64, 8), 4, 2), KeyWritten: m, KeyBeta: data.New([]float64{0})}
	visual := data.Dict{KeyEmbeddings: data.New(make([]float64, 6), 3, 2)}
	n, err := FromDatasets(&data.Dataset{Source: "frozen", Root: params}, &data.Dataset{Source: "frozen", Root: visual}, nil)
	if err != nil {
		panic(err)
	}
	return n
}

func TestConvergenceTimesEarlyExit(t *testing.T) {
	start := randomSlice(10*8, 2, rand.New(rand.NewPCG(6, 6)))
	for i := range start {
		start[i] = 1 / (1 + math.Exp(-start[i]))
	}
	pca, _ := FitPCA(start, 8, []int{0, 1, 2, 3, 4, 5, 6, 7})
	for _, n := range []*Network{testNetwork(8, 16, 4, 30, 3), frozenNetwork(8)} {
		codes, err := n.ImageCodes(n.NumImages)
		if err != nil {
			t.Fatal(err)
		}
		for i := range codes {
			codes[i] *= float64(i/8) / 10
		}
		const steps, threshold = 60, 0.001
		// Whole runs (CorrectionRun) and their times (ConvergenceTime).
		var full []float64
		var runs [][]float64
		for i := 0; i < len(codes)/8; i++ {
			run, err := n.CorrectionRun(codes[i*8:(i+1)*8], start, steps, pca)
			if err != nil {
				t.Fatal(err)
			}
			runs = append(runs, run)
			full = append(full, ConvergenceTime(run, 10, threshold))
		}
		for _, workers := range []int{1, 2} {
			fast, err := n.ConvergenceTimes(codes, start, pca, CorrectionOptions{Steps: steps, Threshold: threshold, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(fast, full) {
				t.Errorf("workers %d: early exit %v, full runs %v", workers, fast, full)
			}
		}
		for i, run := range runs {
			// The quadratic take-if-farther-than gives the same time.
			want := math.Inf(1)
			for tt := 0; tt <= steps; tt++ {
				if idx, _ := TakeIfFartherThan(run[tt*20:(tt+1)*20], 2, threshold); len(idx) == 1 {
					want = float64(tt)
					break
				}
			}
			if full[i] != want {
				t.Errorf("image %d: time %v, take-if-farther-than gives %v", i, full[i], want)
			}
		}
		t.Logf("times %v", full)
	}
}

func TestFromDatasetsErrors(t *testing.T) {
	ds := loadFixture(t)
	params, visual := fixtureParams(t, ds)
	bad := data.New(make([]float64, 64*31), 64, 31)
	params.Root[KeyMemoryHD] = bad
	_, err := FromDatasets(params, visual, nil)
	if err == nil || !strings.Contains(err.Error(), "figure3.npz: "+KeyMemoryHD) || !strings.Contains(err.Error(), "(64, 32)") {
		t.Errorf("error %v", err)
	}
	params, _ = fixtureParams(t, ds)
	delete(params.Root, KeyPredictionW)
	if _, err := FromDatasets(params, nil, nil); err == nil || !strings.Contains(err.Error(), KeyPredictionW) {
		t.Errorf("error %v", err)
	}
	params, _ = fixtureParams(t, ds)
	params.Root[KeyCorrectionW] = data.New(make([]float64, 34*128), 34, 128)
	if _, err := FromDatasets(params, nil, nil); err == nil || !strings.Contains(err.Error(), "(64, 128)") {
		t.Errorf("error %v", err)
	}
	stats := &data.Dataset{Source: "hd_stats.npz", Root: data.Dict{
		KeyRVAngles: data.New(make([]float64, 31), 31), KeyRVLengths: data.New(make([]float64, 32), 32)}}
	params, _ = fixtureParams(t, ds)
	if _, err := FromDatasets(params, nil, stats); err == nil || !strings.HasPrefix(err.Error(), "hd_stats.npz: "+KeyRVAngles) {
		t.Errorf("error %v", err)
	}
	vis := &data.Dataset{Source: "visual_inputs.npz", Root: data.Dict{
		KeyEmbeddings: visual.Root[KeyEmbeddings],
		KeyImages:     data.New(make([]uint8, 24*4*4*3), 24, 4, 4, 3)}}
	n, err := FromDatasets(params, vis, nil)
	if err != nil {
		t.Fatal(err)
	}
	if img, err := n.Image(23); err != nil || img.Bounds().Dx() != 4 {
		t.Errorf("image: %v", err)
	}
}
