package data

import (
	"fmt"
	"math"
)

// MaxHeadDirection bounds the head directions, in radians: |hd| must not
// exceed 2π. The original's data lie in [-π, π); one more turn admits the
// [0, 2π) convention.
const MaxHeadDirection = 2 * math.Pi

// checkTrajectoryValues checks the values of a trajectory set whose schema
// has been checked:
//   - hd finite, |hd| ≤ MaxHeadDirection;
//   - pos finite, |x|, |y| ≤ MaxCoordinate;
//   - world_distances finite and ≥ 0;
//   - predicted_outputs finite.
//
// log_ps_given_y (1.6 GB of the real file's 2.1 GB, read only by figure 2's
// memory-slot panel) is not scanned here: that would read the whole file
// for every classification.
//
// The first bad value is reported with the data set, the key and its index,
// e.g. "/x/trajectories.npz: predicted_outputs[1][123,45,7]: NaN". Every
// value the analyses read is thus a number they can bin, so their memory
// and time depend on the data's size only, and no analysis silently
// produces nothing from a NaN.
func checkTrajectoryValues(ds *Dataset, s *trajectorySchema) error {
	type check struct {
		a    *Array
		path []any
		bad  func(a *Array) (int, string)
	}
	checks := []check{
		{s.hd, []any{"hd"}, func(a *Array) (int, string) { return firstOutside(a, -MaxHeadDirection, MaxHeadDirection) }},
		{s.pos, []any{"pos"}, func(a *Array) (int, string) { return firstOutside(a, -MaxCoordinate, MaxCoordinate) }},
		{s.wd, []any{"world_distances"}, func(a *Array) (int, string) { return firstOutside(a, 0, math.MaxFloat64) }},
	}
	for i, a := range s.outputs {
		checks = append(checks, check{a, []any{"predicted_outputs", i}, firstNonFinite})
	}
	for _, c := range checks {
		if ds.file != nil {
			_, b := rawBytes(c.a)
			ds.file.Prefault(b)
		}
		if i, msg := c.bad(c.a); i >= 0 {
			return &PathError{Source: ds.Source, Path: formatPath(c.path) + formatIndex(c.a.Shape, i), Msg: msg}
		}
	}
	return nil
}

// formatIndex formats the multi-index of flat index i in shape: "[3,17,0]".
func formatIndex(shape []int, i int) string {
	idx := make([]any, len(shape))
	for k := len(shape) - 1; k >= 0; k-- {
		if shape[k] > 0 {
			idx[k] = i % shape[k]
			i /= shape[k]
		}
	}
	s := "["
	for k, x := range idx {
		if k > 0 {
			s += ","
		}
		s += fmt.Sprint(x)
	}
	return s + "]"
}

// firstOutside returns the flat index of the first value of a float array
// that is not in [lo, hi] (NaN included) and what is wrong with it, or -1.
func firstOutside(a *Array, lo, hi float64) (int, string) {
	i, x := scan(a, func(v []float32) int { return outside(v, lo, hi) }, func(v []float64) int { return outside(v, lo, hi) })
	switch {
	case i < 0:
		return -1, ""
	case math.IsNaN(x) || math.IsInf(x, 0):
		return i, describeNonFinite(x)
	case hi == math.MaxFloat64:
		return i, fmt.Sprintf("%v is below %v", x, lo)
	}
	return i, fmt.Sprintf("%v is outside [%v, %v]", x, lo, hi)
}

// scan calls f32 or f64 on the values of a float array and returns the
// index they return (-1 for none) with the value there.
func scan(a *Array, f32 func([]float32) int, f64 func([]float64) int) (int, float64) {
	switch v := a.values.(type) {
	case []float32:
		if i := f32(v); i >= 0 {
			return i, float64(v[i])
		}
	case []float64:
		if i := f64(v); i >= 0 {
			return i, v[i]
		}
	}
	return -1, 0
}

func outside[T float32 | float64](v []T, lo, hi float64) int {
	l, h := T(lo), T(hi)
	if hi == math.MaxFloat64 {
		h = T(math.Inf(1)) // finite values only; +Inf fails x-x == 0 below
	}
	for i, x := range v {
		if !(x >= l && x <= h) || x-x != 0 {
			return i
		}
	}
	return -1
}

// firstNonFinite returns the flat index of the first NaN or ±Inf of a float
// array and its name, or -1.
func firstNonFinite(a *Array) (int, string) {
	i, x := scan(a, nonFinite[float32], nonFinite[float64])
	if i < 0 {
		return -1, ""
	}
	return i, describeNonFinite(x)
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

// describeNonFinite names a value for an error: "NaN", "+Inf", "-Inf".
func describeNonFinite(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "+Inf"
	case math.IsInf(x, -1):
		return "-Inf"
	}
	return fmt.Sprint(x)
}
