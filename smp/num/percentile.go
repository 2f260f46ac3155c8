package num

import (
	"fmt"
	"math"
	"slices"
)

// Quantile returns the q-th quantile (0 <= q <= 1) of values with numpy's
// default "linear" method (np.quantile): with the values sorted as
// v_0 <= ... <= v_{n-1}, the virtual index is i = (n-1)*q and the result
// interpolates between v_floor(i) and v_floor(i)+1 with g = i - floor(i),
// as numpy's _lerp does: v_lo + (v_hi-v_lo)*g, or v_hi - (v_hi-v_lo)*(1-g)
// when g >= 0.5. It is NaN when values is empty or holds a NaN, or when q
// is NaN. values is not modified.
func Quantile(values []float64, q float64) float64 {
	return quantileInPlace(slices.Clone(values), q)
}

// Percentile returns the q-th percentile (0 <= q <= 100) of values as
// np.percentile does: Quantile(values, q/100). values is not modified.
func Percentile(values []float64, q float64) float64 {
	return Quantile(values, q/100)
}

// quantileInPlace is Quantile, reordering values.
func quantileInPlace(values []float64, q float64) float64 {
	n := len(values)
	if n == 0 || math.IsNaN(q) || slices.ContainsFunc(values, math.IsNaN) {
		return math.NaN()
	}
	vi := float64(n-1) * q
	if vi <= 0 {
		return slices.Min(values)
	}
	if vi >= float64(n-1) {
		return slices.Max(values)
	}
	lo := int(math.Floor(vi))
	selectKth(values, lo)
	return lerp(values[lo], slices.Min(values[lo+1:]), vi-float64(lo))
}

// lerp is numpy's _lerp(a, b, g): a + (b-a)*g, computed as b - (b-a)*(1-g)
// when g >= 0.5.
func lerp(a, b, g float64) float64 {
	d := b - a
	if g >= 0.5 {
		return b - d*(1-g)
	}
	return a + d*g
}

// NaNPercentiles returns the q-th percentiles (q in [0, 100]) of the
// non-NaN values of data, as np.nanpercentile with its default "linear"
// method (see Quantile). If every value is NaN (or data is empty) the
// percentiles are NaN, as numpy returns (with a warning). A q outside
// [0, 100] is an error. data is not modified.
func NaNPercentiles(data []float64, qs ...float64) ([]float64, error) {
	for _, q := range qs {
		if !(q >= 0 && q <= 100) {
			return nil, fmt.Errorf("percentile %v outside [0, 100]", q)
		}
	}
	s := withoutNaN(data)
	out := make([]float64, len(qs))
	for i, q := range qs {
		out[i] = quantileInPlace(s, q/100)
	}
	return out, nil
}

// NaNMedian returns the median of the non-NaN values of v as np.nanmedian
// does: the middle value, or the mean (a+b)/2 of the two middle values for
// an even count; NaN when no value is left. v is not modified.
func NaNMedian(v []float64) float64 {
	w := withoutNaN(v)
	n := len(w)
	if n == 0 {
		return math.NaN()
	}
	slices.Sort(w)
	if n%2 == 1 {
		return w[n/2]
	}
	return (w[n/2-1] + w[n/2]) / 2
}

// withoutNaN returns a new slice of the values of v that are not NaN.
func withoutNaN(v []float64) []float64 {
	return slices.DeleteFunc(slices.Clone(v), math.IsNaN)
}

// selectKth reorders a (free of NaN) so that a[k] is the value that would
// be at index k after sorting, with a[:k] <= a[k] <= a[k+1:]. It is
// Hoare's quickselect with a median-of-three pivot and an insertion sort for
// short ranges.
func selectKth(a []float64, k int) {
	lo, hi := 0, len(a)-1
	for hi-lo > 16 {
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return // a[j+1 : i] all equal the pivot
		}
	}
	for i := lo + 1; i <= hi; i++ {
		for j := i; j > lo && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
