package hdnet

import (
	"fmt"

	"github.com/smp-go/smp-go/smp/num"
)

// Figure 3's velocity-driven dynamics (panels E and F).
const (
	FlowVelocity = 0.16 // |ω|, radians per step
	FlowSteps    = 50   // panel E
	AutocovSteps = 200  // panel F
)

// The random runs whose initial states panel E drives: run 11 at ω = -0.16
// (red) and run 41 at ω = +0.16 (blue). Panel F uses ω = -0.16 (red) and
// +0.16 (blue) from all random initial states.
const (
	FlowRunRed  = 11
	FlowRunBlue = 41
)

// Flow unrolls the prediction LSTM from h0 [B, H] at angular velocity w for
// steps steps and returns the projected trajectories [steps+1, B, 2].
func (n *Network) Flow(h0 []float64, w float64, steps int, pca *PCA) ([]float64, error) {
	traj, err := n.Unroll(h0, w, steps)
	if err != nil {
		return nil, fmt.Errorf("flow: %w", err)
	}
	return pca.ProjectAll(traj, n.H), nil
}

// MeanAutocovariance unrolls the prediction LSTM from each state of h0
// [N, H] at angular velocity w for steps steps and returns the mean over the
// runs of their autocovariances (all H units, see Autocovariance) at lags
// 0..lags-1 (panel F). Runs go in parallel over chunks; the mean adds the
// runs in order, so the result does not depend on the number of workers.
func (n *Network) MeanAutocovariance(h0 []float64, w float64, steps, lags, workers int, progress func(done, total int)) ([]float64, error) {
	H := n.H
	if len(h0) == 0 || len(h0)%H != 0 || steps < 0 || lags <= 0 {
		return nil, fmt.Errorf("hdnet: MeanAutocovariance: %d initial values, %d steps, %d lags (H = %d)", len(h0), steps, lags, H)
	}
	N := len(h0) / H
	T := steps + 1
	ac := make([]float64, N*lags)
	g := n.Prediction.InputGates(nil, VelocityCode(w))
	chunks := (N + runChunk - 1) / runChunk
	num.ParallelFor(chunks, workers, progress, func(_, k int) {
		lo, hi := k*runChunk, min((k+1)*runChunk, N)
		B := hi - lo
		h := append([]float64(nil), h0[lo*H:hi*H]...)
		c := append([]float64(nil), h...)
		z := make([]float64, B*4*H)
		traj := make([]float64, B*T*H) // [B, T, H]
		for b := 0; b < B; b++ {
			copy(traj[b*T*H:], h[b*H:(b+1)*H])
		}
		for t := 1; t <= steps; t++ {
			n.Prediction.StepGates(g, h, c, B, z)
			for b := 0; b < B; b++ {
				copy(traj[(b*T+t)*H:], h[b*H:(b+1)*H])
			}
		}
		for b := 0; b < B; b++ {
			autocovariance1(ac[(lo+b)*lags:(lo+b+1)*lags], traj[b*T*H:(b+1)*T*H], T, H)
		}
	})
	mean := make([]float64, lags)
	for i := 0; i < N; i++ {
		for l := range mean {
			mean[l] += ac[i*lags+l]
		}
	}
	for l := range mean {
		mean[l] /= float64(N)
	}
	return mean, nil
}
