package plot

import (
	"fmt"
	"math"
	"slices"
)

// NaNPercentiles returns the q-th percentiles (q in [0, 100]) of the non-NaN
// values of data, as numpy's nanpercentile with its default "linear" method:
// with the n sorted values s, the virtual index is h = (n−1)·q/100, and the
// result is the linear interpolation between s[⌊h⌋] and s[⌊h⌋+1] with weight
// g = h − ⌊h⌋, computed as numpy's _lerp does (a + (b−a)·g for g < 0.5,
// b − (b−a)·(1−g) otherwise). If every value is NaN (or data is empty) the
// percentiles are NaN, as numpy returns (with a warning).
func NaNPercentiles(data []float64, qs ...float64) ([]float64, error) {
	for _, q := range qs {
		if !(q >= 0 && q <= 100) {
			return nil, fmt.Errorf("plot: percentile %v outside [0, 100]", q)
		}
	}
	s := make([]float64, 0, len(data))
	for _, v := range data {
		if !math.IsNaN(v) {
			s = append(s, v)
		}
	}
	slices.Sort(s)
	out := make([]float64, len(qs))
	for i, q := range qs {
		out[i] = sortedPercentile(s, q)
	}
	return out, nil
}

// sortedPercentile is numpy's linear-method percentile of sorted, NaN-free s.
func sortedPercentile(s []float64, q float64) float64 {
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * (q / 100)
	lo := math.Floor(h)
	i := int(lo)
	j := min(i+1, n-1)
	g := h - lo
	a, b := s[i], s[j]
	d := b - a
	if g >= 0.5 {
		return b - float64(d*(1-g))
	}
	return a + float64(d*g)
}
