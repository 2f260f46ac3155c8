package hdnet

import (
	"fmt"
	"math"
	"slices"

	"github.com/smp-go/smp-go/smp/num"
)

// TakeIfFartherThan filters points [n, d] (row-major) in order: it keeps the
// first point, then each later point whose Euclidean distance to every point
// kept so far is greater than threshold. (A distance that is NaN does not
// count against a point, as in the original.) It returns the kept indices
// and the kept points [len(idx), d].
func TakeIfFartherThan(points []float64, d int, threshold float64) (idx []int, kept []float64) {
	if d <= 0 {
		return nil, nil
	}
	n := len(points) / d
	for i := 0; i < n; i++ {
		p := points[i*d : (i+1)*d]
		near := func(j int) bool { return distance(p, points[j*d:(j+1)*d]) <= threshold }
		if !slices.ContainsFunc(idx, near) {
			idx = append(idx, i)
			kept = append(kept, p...)
		}
	}
	return idx, kept
}

// SingleCluster reports whether TakeIfFartherThan(points, d, threshold)
// would keep exactly one point, in O(n) time instead of O(n²): that is
// whether every point lies within threshold of the first (distance not
// NaN), since otherwise the first point that does not sees only the first
// one kept and is kept too. It is false for an empty set.
func SingleCluster(points []float64, d int, threshold float64) bool {
	if d <= 0 || len(points) < d {
		return false
	}
	first := points[:d]
	for i := d; i+d <= len(points); i += d {
		if !(distance(points[i:i+d], first) <= threshold) {
			return false
		}
	}
	return true
}

// distance returns the Euclidean distance |a - b|.
func distance(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for i, v := range a {
		e := v - b[i]
		s += e * e
	}
	return math.Sqrt(s)
}

// AutocovLags is the number of lags of figure 3's autocovariance, 0..49.
const AutocovLags = 50

// Autocovariance returns the autocovariance of each of B trajectories
// x [T, B, D] (time-major, as Unroll returns them) at lags 0..lags-1,
// [B, lags]. For trajectory b, each unit is centred on its mean over time,
// giving x̃_t [D]; then
//
//	A[b, l] = 1/(T-l) · Σ_{i=0}^{T-l-1} x̃_i · x̃_{i+l}
//
// (the mean of the l-th superdiagonal of X̃X̃ᵀ). Lags ≥ T give NaN.
func Autocovariance(x []float64, T, B, D, lags int) ([]float64, error) {
	if T <= 0 || B <= 0 || D <= 0 || lags <= 0 || len(x) != T*B*D {
		return nil, fmt.Errorf("hdnet: Autocovariance: %d values for T=%d, B=%d, D=%d, lags=%d", len(x), T, B, D, lags)
	}
	out := make([]float64, B*lags)
	traj := make([]float64, T*D) // trajectory b [T, D], centred
	mean := make([]float64, D)
	for b := 0; b < B; b++ {
		clear(mean)
		for t := 0; t < T; t++ {
			copy(traj[t*D:(t+1)*D], x[(t*B+b)*D:(t*B+b+1)*D])
			for k, v := range traj[t*D : (t+1)*D] {
				mean[k] += v
			}
		}
		for k := range mean {
			mean[k] /= float64(T)
		}
		for t := 0; t < T; t++ {
			row := traj[t*D : (t+1)*D]
			for k := range row {
				row[k] -= mean[k]
			}
		}
		// Rows are contiguous, so Σ_i x̃_i · x̃_{i+l} is one dot product of
		// the flattened rows 0..T-l-1 with the rows l..T-1.
		dst := out[b*lags : (b+1)*lags]
		num.LagDots(dst[:min(lags, T)], traj, D)
		for l := range dst {
			if l >= T {
				dst[l] = math.NaN()
			} else {
				dst[l] /= float64(T - l)
			}
		}
	}
	return out, nil
}
