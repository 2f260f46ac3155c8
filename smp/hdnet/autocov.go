package hdnet

import (
	"fmt"
	"math"

	"github.com/smp-go/smp-go/smp/num"
)

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
	traj := make([]float64, T*D)
	for b := 0; b < B; b++ {
		for t := 0; t < T; t++ {
			copy(traj[t*D:(t+1)*D], x[(t*B+b)*D:(t*B+b+1)*D])
		}
		autocovariance1(out[b*lags:(b+1)*lags], traj, T, D)
	}
	return out, nil
}

// autocovariance1 fills dst [lags] with the autocovariance of one trajectory
// traj [T, D], centring traj in place.
func autocovariance1(dst, traj []float64, T, D int) {
	mean := make([]float64, D)
	for t := 0; t < T; t++ {
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
	// Rows are contiguous, so Σ_i x̃_i · x̃_{i+l} is one dot product of the
	// flattened rows 0..T-l-1 with the rows l..T-1.
	lags := min(len(dst), T)
	num.LagDots(dst[:lags], traj, D)
	for l := range dst {
		if l >= T {
			dst[l] = math.NaN()
			continue
		}
		dst[l] /= float64(T - l)
	}
}
