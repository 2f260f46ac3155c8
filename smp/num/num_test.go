package num_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	. "github.com/smp-go/smp-go/smp/num"
)

const figure2Path = "../../testdata/reference/figure2.npz"

var (
	figure2Once sync.Once
	figure2DS   *data.Dataset
	figure2Err  error
)

// fixFloats returns the array name of figure 2's golden fixture (loaded
// once) as float64 values.
func fixFloats(t testing.TB, name string) []float64 {
	t.Helper()
	figure2Once.Do(func() { figure2DS, figure2Err = data.LoadNPZ(figure2Path) })
	if figure2Err != nil {
		t.Fatal(figure2Err)
	}
	a, err := figure2DS.Array(name)
	if err != nil {
		t.Fatal(err)
	}
	return a.Float64()
}

// maxRelDiff returns the largest |got-want|/|want| (|got-want| where want
// is 0), or +Inf when the lengths differ or a value is NaN.
func maxRelDiff(got, want []float64) float64 {
	if len(got) != len(want) {
		return math.Inf(1)
	}
	m := 0.0
	for i, w := range want {
		d := math.Abs(got[i] - w)
		if w != 0 {
			d /= math.Abs(w)
		}
		if math.IsNaN(d) {
			return math.Inf(1)
		}
		m = max(m, d)
	}
	return m
}

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
		if got := PairwiseSum(v); math.Abs(got-exact) > 1e-12*float64(n+1) {
			t.Errorf("n=%d: %v, want about %v", n, got, exact)
		}
	}
	// The 8-way split rounds differently from a plain loop on this input.
	v := []float64{1e16, 1, 1, 1, 1, 1, 1, 1, 1, -1e16}
	if got := PairwiseSum(v); got != 8 {
		t.Errorf("pairwiseSum = %v, want 8 (numpy's order)", got)
	}
}

func TestLinspaceArange(t *testing.T) {
	if got := Linspace(-math.Pi, math.Pi, 21); got[20] != math.Pi || got[0] != -math.Pi || len(got) != 21 {
		t.Errorf("Linspace ends: %v", got)
	}
	if d := maxRelDiff(Linspace(-math.Pi, math.Pi, 21), fixFloats(t, "bvc_plot_angles")); d != 0 {
		t.Errorf("Linspace(-pi, pi, 21) differs from bvc_plot_angles by %g", d)
	}
	// numpy: (0.1-0.025)/0.025 = 3.0000000000000004, so arange gives 4
	// values, the last one equal to the stop.
	if got := Arange(0.025, 0.1, 0.025); len(got) != 4 || got[2] != 0.07500000000000001 || got[3] != 0.1 {
		t.Errorf("Arange = %v", got)
	}
}
func TestHistogramPropHist(t *testing.T) {
	values := fixFloats(t, "prop_hist_values")
	want := fixFloats(t, "prop_hist_heights")
	counts, err := Histogram(values, Linspace(0, 1, 11))
	if err != nil {
		t.Fatal(err)
	}
	got := make([]float64, len(counts))
	for i, c := range counts {
		got[i] = float64(c) / float64(len(values))
	}
	if d := maxRelDiff(got, want); d > 1e-9 {
		t.Errorf("prop_hist_heights differ by %g relative", d)
	}
}

func TestNaNPercentiles(t *testing.T) {
	data := []float64{3, math.NaN(), 1, 4, 1, 5, 9, 2, 6}
	got, err := NaNPercentiles(data, 0, 25, 50, 90, 100)
	if err != nil {
		t.Fatal(err)
	}
	// numpy.nanpercentile([3,nan,1,4,1,5,9,2,6], [0,25,50,90,100])
	want := []float64{1, 1.75, 3.5, 6.9, 9}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("percentile %d: got %v want %v", i, got[i], want[i])
		}
	}
	if got, _ := NaNPercentiles([]float64{math.NaN()}, 50); !math.IsNaN(got[0]) {
		t.Errorf("all-NaN percentile = %v, want NaN", got[0])
	}
	if !slices.Equal(data[:1], []float64{3}) {
		t.Errorf("input modified")
	}
}

func TestHistogramEdges(t *testing.T) {
	got, err := Histogram([]float64{0, 0.5, 1, 1.5, 2, 2.5, math.NaN(), -1}, []float64{0, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	// [0,1): 0, 0.5; [1,2]: 1, 1.5, 2 (last bin closed); 2.5, NaN, -1 dropped.
	if !slices.Equal(got, []int{2, 3}) {
		t.Errorf("counts %v, want [2 3]", got)
	}
	if _, err := Histogram(nil, []float64{1, 0}); err == nil {
		t.Error("decreasing edges: no error")
	}
	if _, err := Histogram(nil, []float64{1}); err == nil {
		t.Error("one edge: no error")
	}
}

func TestQuantileIsPercentile(t *testing.T) {
	v := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	// np.quantile(v, 0.99) == np.percentile(v, 99) == 8.79
	if got := Quantile(v, 0.99); math.Abs(got-8.79) > 1e-12 {
		t.Errorf("Quantile(0.99) = %v, want 8.79", got)
	}
	if got, want := Percentile(v, 25), Quantile(v, 0.25); got != want {
		t.Errorf("Percentile(25) = %v, Quantile(0.25) = %v", got, want)
	}
}

func TestNaNMedian(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want float64
	}{ // np.nanmedian
		{[]float64{3, math.NaN(), 1, 4}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{0.1, 0.2}, 0.15000000000000002},
	} {
		if got := NaNMedian(c.v); got != c.want {
			t.Errorf("NaNMedian(%v) = %v, want %v", c.v, got, c.want)
		}
	}
	if !math.IsNaN(NaNMedian([]float64{math.NaN()})) {
		t.Error("NaNMedian of only NaN is not NaN")
	}
}

func TestSplitMix64AndSigmoid(t *testing.T) {
	// The first output of SplitMix64 seeded with 0 (Vigna's reference code).
	if got := SplitMix64(0); got != 0xe220a8397b1dcdaf {
		t.Errorf("SplitMix64(0) = %#x", got)
	}
	if Sigmoid(0) != 0.5 || Sigmoid(math.Inf(1)) != 1 || Sigmoid(math.Inf(-1)) != 0 {
		t.Error("Sigmoid at 0 or ±Inf")
	}
}

func TestParallelFor(t *testing.T) {
	const n = 1000
	out := make([]int, n)
	calls := 0
	ParallelFor(n, 4, func(done, total int) {
		calls++
		if done != calls || total != n {
			t.Fatalf("progress(%d, %d) at call %d", done, total, calls)
		}
	}, func(_, i int) { out[i] = i * i })
	for i, v := range out {
		if v != i*i {
			t.Fatalf("out[%d] = %d", i, v)
		}
	}
	if calls != n {
		t.Errorf("progress called %d times, want %d", calls, n)
	}
	// The lowest failing index's error, whatever the scheduling.
	for trial := 0; trial < 20; trial++ {
		err := ParallelForErr(n, 8, nil, func(_, i int) error {
			if i%100 == 37 {
				return fmt.Errorf("item %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "item 37" {
			t.Fatalf("error %v, want item 37", err)
		}
	}
	if err := ParallelForErr(0, 0, nil, nil); err != nil {
		t.Error(err)
	}
}
