package hdnet

import (
	"math"
	"sort"
)

func nan() float64 { return math.NaN() }

// quantile returns the q-quantile of v (sorted in place) with linear
// interpolation between order statistics, numpy's default, in numpy's
// floating-point steps: the virtual index is (n·q + (1 - q)) - 1 = q·(n-1),
// and with a, b the order statistics around it and t its fractional part the
// value is a + (b-a)·t for t < 0.5 and b - (b-a)·(1-t) otherwise.
func quantile(v []float64, q float64) float64 {
	n := len(v)
	if n == 0 {
		return math.NaN()
	}
	sort.Float64s(v)
	vi := float64(n)*q + (1 + q*(1-1-1)) - 1
	lo := math.Floor(vi)
	t := vi - lo
	i := min(max(int(lo), 0), n-1)
	j := min(i+1, n-1)
	a, b := v[i], v[j]
	if t >= 0.5 {
		return b - (b-a)*(1-t)
	}
	return a + (b-a)*t
}

// SelectUnits returns the columns units of the rows of states [n, H], as
// [n, len(units)]. H must be positive and every unit in [0, H); these are
// not checked (a zero H or a unit out of range panics).
func SelectUnits(states []float64, H int, units []int) []float64 {
	n := len(states) / H
	out := make([]float64, n*len(units))
	for i := 0; i < n; i++ {
		row := states[i*H : (i+1)*H]
		o := out[i*len(units) : (i+1)*len(units)]
		for k, u := range units {
			o[k] = row[u]
		}
	}
	return out
}
