package smp

import (
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
)

const figure2Path = "../testdata/reference/figure2.npz"

var (
	figure2Once sync.Once
	figure2DS   *data.Dataset
	figure2Err  error
)

// figure2 returns the golden fixture of figure 2 (loaded once).
func figure2(t testing.TB) *data.Dataset {
	t.Helper()
	figure2Once.Do(func() { figure2DS, figure2Err = data.LoadNPZ(figure2Path) })
	if figure2Err != nil {
		t.Fatal(figure2Err)
	}
	return figure2DS
}

// fixArray returns the fixture array name.
func fixArray(t testing.TB, name string) *data.Array {
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
	b, ok := fixArray(t, name).Values().([]bool)
	if !ok {
		t.Fatalf("%s: not a bool array", name)
	}
	return b
}

// fixInputs returns the fixture's inputs: activations [N, U], hd [N],
// positions [N, 2] and wall distances [N, A], with their stored types.
func fixInputs(t testing.TB) (acts *data.Array, hd []float64, pos, wd *data.Array) {
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
