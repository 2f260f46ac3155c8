package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MaxHeadDirection bounds the head directions, in radians: |hd| must not
// exceed 2π. The original's data lie in [-π, π); one more turn admits the
// [0, 2π) convention.
const MaxHeadDirection = 2 * math.Pi

// checkTrajectoryValues checks the values of a trajectory set whose schema
// has been checked: hd finite with |hd| ≤ MaxHeadDirection, pos finite with
// |x|, |y| ≤ MaxCoordinate, world_distances finite and ≥ 0, and
// predicted_outputs finite. log_ps_given_y (1.6 GB of the real file's
// 2.1 GB, read only by figure 2's memory-slot panel) is not scanned: that
// would read the whole file for every classification.
//
// The first bad value is reported with the data set, the key and its index,
// e.g. "/x/trajectories.npz: predicted_outputs[1][123,45,7]: NaN". Every
// value the analyses read is thus a number they can bin, so their memory
// and time depend on the data's size only.
func checkTrajectoryValues(ds *Dataset, s *trajectorySchema) error {
	type check struct {
		a      *Array
		path   []any
		lo, hi float64 // bounds of the values, besides being finite
	}
	inf := math.Inf(1)
	checks := []check{
		{s.hd, []any{"hd"}, -MaxHeadDirection, MaxHeadDirection},
		{s.pos, []any{"pos"}, -MaxCoordinate, MaxCoordinate},
		{s.wd, []any{"world_distances"}, 0, inf},
	}
	for i, a := range s.outputs {
		checks = append(checks, check{a, []any{"predicted_outputs", i}, -inf, inf})
	}
	for _, c := range checks {
		if ds.file != nil {
			_, b := rawBytes(c.a)
			ds.file.Prefault(b)
		}
		if i, msg := firstBad(c.a, c.lo, c.hi); i >= 0 {
			return &PathError{Source: ds.Source, Path: formatPath(c.path) + formatIndex(c.a.Shape, i), Msg: msg}
		}
	}
	return nil
}

// formatIndex formats the multi-index of flat index i in shape: "[3,17,0]".
func formatIndex(shape []int, i int) string {
	idx := make([]string, len(shape))
	for k := len(shape) - 1; k >= 0; k-- {
		idx[k] = strconv.Itoa(i % shape[k])
		i /= shape[k]
	}
	return "[" + strings.Join(idx, ",") + "]"
}

// firstBad returns the flat index of the first value of a float array that
// is not finite or not in [lo, hi], and what is wrong with it; or -1.
func firstBad(a *Array, lo, hi float64) (int, string) {
	i, x := -1, 0.0
	switch v := a.values.(type) {
	case []float32:
		i, x = badIndex(v, lo, hi)
	case []float64:
		i, x = badIndex(v, lo, hi)
	}
	switch {
	case i < 0:
		return -1, ""
	case math.IsNaN(x) || math.IsInf(x, 0):
		return i, fmt.Sprint(x) // NaN, +Inf or -Inf
	case math.IsInf(hi, 1):
		return i, fmt.Sprintf("%v is below %v", x, lo)
	}
	return i, fmt.Sprintf("%v is outside [%v, %v]", x, lo, hi)
}

// badIndex returns the index and value of the first value of v that is not
// finite or not in [lo, hi], or -1; without bounds, it is nonFinite's fast
// scan.
func badIndex[T float32 | float64](v []T, lo, hi float64) (int, float64) {
	i := -1
	if math.IsInf(lo, -1) && math.IsInf(hi, 1) {
		i = nonFinite(v)
	} else {
		l, h := T(lo), T(hi)
		for k, x := range v {
			if !(x >= l && x <= h) || x-x != 0 {
				i = k
				break
			}
		}
	}
	if i < 0 {
		return -1, 0
	}
	return i, float64(v[i])
}

// nonFinite returns the index of the first NaN or ±Inf in v, or -1. It
// scans blocks with four independent accumulators of x·0, which is 0 for a
// finite x and NaN otherwise, and searches a block element by element only
// when it holds a bad value.
func nonFinite[T float32 | float64](v []T) int {
	const block = 1 << 12
	for lo := 0; lo < len(v); lo += block {
		b := v[lo:min(lo+block, len(v))]
		var a0, a1, a2, a3 T
		k := 0
		for ; k+4 <= len(b); k += 4 {
			a0 += b[k] * 0
			a1 += b[k+1] * 0
			a2 += b[k+2] * 0
			a3 += b[k+3] * 0
		}
		for ; k < len(b); k++ {
			a0 += b[k] * 0
		}
		if a0+a1+a2+a3 == 0 {
			continue
		}
		for k, x := range b {
			if x-x != 0 {
				return lo + k
			}
		}
	}
	return -1
}
