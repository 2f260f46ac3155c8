package smp

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"testing"
)

const figure2Path = "../testdata/reference/figure2.npz"

var (
	figure2Once sync.Once
	figure2DS   *Dataset
	figure2Err  error
)

// figure2 returns the golden fixture of figure 2 (loaded once).
func figure2(t testing.TB) *Dataset {
	t.Helper()
	figure2Once.Do(func() { figure2DS, figure2Err = LoadNPZ(figure2Path) })
	if figure2Err != nil {
		t.Fatal(figure2Err)
	}
	return figure2DS
}

// fixArray returns the fixture array name.
func fixArray(t testing.TB, name string) *Array {
	t.Helper()
	a, err := figure2(t).Array(name)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// fixFloats returns the fixture array name as float64 values.
func fixFloats(t testing.TB, name string) []float64 {
	t.Helper()
	return fixArray(t, name).Float64()
}

// fixBools returns the fixture bool array name.
func fixBools(t testing.TB, name string) []bool {
	t.Helper()
	b, ok := fixArray(t, name).Data.([]bool)
	if !ok {
		t.Fatalf("%s: not a bool array", name)
	}
	return b
}

// fixInputs returns the fixture's inputs: activations [N, U], hd [N],
// positions [N, 2] and wall distances [N, A], with their stored types.
func fixInputs(t testing.TB) (acts *Array, hd []float64, pos, wd *Array) {
	t.Helper()
	return fixArray(t, "in_acts"), fixFloats(t, "in_hd"), fixArray(t, "in_pos"), fixArray(t, "in_world_distances")
}

// close reports whether got and want agree to rel relative tolerance (an
// absolute floor of rel*1e-3 guards values near zero), NaN matching NaN.
func closeTo(got, want, rel float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if got == want {
		return true
	}
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-3)
}

// assertClose checks got against want element by element.
func assertClose(t testing.TB, name string, got, want []float64, rel float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	bad := 0
	for i := range want {
		if !closeTo(got[i], want[i], rel) {
			if bad < 5 {
				t.Errorf("%s[%d] = %.17g, want %.17g", name, i, got[i], want[i])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d values differ", name, bad, len(want))
	}
}

func assertBools(t testing.TB, name string, got, want []bool) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

const fig2Tol = 1e-9

func TestPercentileNumpy(t *testing.T) {
	// Values from numpy 1.24: np.percentile(v, q).
	v := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	cases := []struct{ q, want float64 }{
		{0, 1}, {100, 9}, {50, 3.5}, {99, 8.79}, {25, 1.75}, {10, 1},
	}
	for _, c := range cases {
		if got := Percentile(v, c.q); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Percentile(%v) = %v, want %v", c.q, got, c.want)
		}
	}
	if !slices.Equal(v, []float64{3, 1, 4, 1, 5, 9, 2, 6}) {
		t.Errorf("Percentile modified its input")
	}
	if !math.IsNaN(Percentile([]float64{1, math.NaN(), 3}, 50)) {
		t.Errorf("Percentile with NaN is not NaN")
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Errorf("Percentile of nothing is not NaN")
	}
}

func TestPercentileMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		n := 1 + r.IntN(500)
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(r.IntN(50)) / 7 // many ties
		}
		q := r.Float64() * 100
		s := append([]float64(nil), v...)
		sort.Float64s(s)
		vi := float64(n-1) * (q / 100)
		lo := int(math.Floor(vi))
		want := s[lo]
		if lo+1 < n {
			g := vi - float64(lo)
			d := s[lo+1] - s[lo]
			if g >= 0.5 {
				want = s[lo+1] - d*(1-g)
			} else {
				want = s[lo] + d*g
			}
		}
		if got := Percentile(v, q); got != want {
			t.Fatalf("n=%d q=%v: got %v, want %v", n, q, got, want)
		}
	}
}

func TestPearson(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	y := []float64{2, 4, 5, 4, 5}
	// np.corrcoef(x, y)[0, 1]
	if got, want := Pearson(x, y), 0.7745966692414834; math.Abs(got-want) > 1e-15 {
		t.Errorf("Pearson = %.17g, want %.17g", got, want)
	}
	if !math.IsNaN(Pearson([]float64{1}, []float64{2})) {
		t.Errorf("Pearson of one pair is not NaN")
	}
	if !math.IsNaN(Pearson([]float64{1, 1, 1}, []float64{1, 2, 3})) {
		t.Errorf("Pearson of a constant is not NaN")
	}
}

func TestPairwiseSum(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 8, 9, 20, 128, 129, 1000} {
		v := make([]float64, n)
		exact := 0.0
		for i := range v {
			v[i] = r.Float64()
			exact += v[i]
		}
		if got := pairwiseSum(v); math.Abs(got-exact) > 1e-12*float64(n+1) {
			t.Errorf("n=%d: %v, want about %v", n, got, exact)
		}
	}
	// The 8-way split rounds differently from a plain loop on this input.
	v := []float64{1e16, 1, 1, 1, 1, 1, 1, 1, 1, -1e16}
	if got := pairwiseSum(v); got != 8 {
		t.Errorf("pairwiseSum = %v, want 8 (numpy's order)", got)
	}
}

func TestLinspaceArange(t *testing.T) {
	if got := Linspace(-math.Pi, math.Pi, 21); got[20] != math.Pi || got[0] != -math.Pi || len(got) != 21 {
		t.Errorf("Linspace ends: %v", got)
	}
	assertClose(t, "bvc_plot_angles", Linspace(-math.Pi, math.Pi, 21), fixFloats(t, "bvc_plot_angles"), 0)
	// numpy: (0.1-0.025)/0.025 = 3.0000000000000004, so arange gives 4
	// values, the last one equal to the stop.
	if got := Arange(0.025, 0.1, 0.025); len(got) != 4 || got[2] != 0.07500000000000001 || got[3] != 0.1 {
		t.Errorf("Arange = %v", got)
	}
}

func TestBinnerMatchesDigitize(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	edges := RatemapEdges(-1.1, 1.1, 0.14)
	b := newBinner(edges)
	for i := 0; i < 100000; i++ {
		v := -1.3 + 2.6*r.Float64()
		if i%10 == 0 {
			v = edges[r.IntN(len(edges))]
		}
		want := sort.Search(len(edges), func(k int) bool { return edges[k] > v })
		if got := b.digitize(v); got != want {
			t.Fatalf("digitize(%v) = %d, want %d", v, got, want)
		}
	}
	if got := b.digitize(math.NaN()); got != len(edges) {
		t.Errorf("digitize(NaN) = %d", got)
	}
	sb := newStatBinner(edges)
	if got := sb.bin(edges[len(edges)-1]); got != len(edges)-2 {
		t.Errorf("last edge goes to bin %d, want the last bin", got)
	}
	if got := sb.bin(edges[len(edges)-1] + 1e-9); got != len(edges)-2 {
		t.Errorf("a value rounding to the last edge goes to bin %d, want the last bin", got)
	}
	if got := sb.bin(edges[len(edges)-1] + 1e-5); got != -1 {
		t.Errorf("a value beyond the last edge goes to bin %d, want none", got)
	}
}

func TestHistogramPropHist(t *testing.T) {
	values := fixFloats(t, "prop_hist_values")
	want := fixFloats(t, "prop_hist_heights")
	counts := Histogram(values, Linspace(0, 1, 11))
	got := make([]float64, len(counts))
	for i, c := range counts {
		got[i] = float64(c) / float64(len(values))
	}
	assertClose(t, "prop_hist_heights", got, want, fig2Tol)
}
