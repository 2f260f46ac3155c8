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
	ac := make([]float64, N*lags)
	chunks := (N + runChunk - 1) / runChunk
	num.ParallelFor(chunks, workers, progress, func(_, k int) {
		lo, hi := k*runChunk, min((k+1)*runChunk, N)
		traj, _ := n.Unroll(h0[lo*H:hi*H], w, steps)          // h0 is checked
		a, _ := Autocovariance(traj, steps+1, hi-lo, H, lags) // and so are the sizes
		copy(ac[lo*lags:], a)
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

// Curve is a trajectory or curve at one angular velocity.
type Curve struct {
	W    float64   // angular velocity, radians per step
	Run  int       // random run it starts from (panel E), or -1
	Data []float64 // panel E: projected trajectory [FlowSteps+1, 2]; panel F: mean autocovariance [lags]
}

// Unroll runs the prediction LSTM at a fixed angular velocity w (radians per
// step) from the initial hidden states h0 [B, H], the cell states starting
// equal to the hidden states (c = h). Every step receives the velocity code
// 10·(cos w, sin w). It returns the B trajectories [steps+1, B, H], the
// initial states first.
func (n *Network) Unroll(h0 []float64, w float64, steps int) ([]float64, error) {
	H := n.H
	if len(h0) == 0 || len(h0)%H != 0 {
		return nil, fmt.Errorf("hdnet: Unroll: %d initial values are not a whole number of states of size %d", len(h0), H)
	}
	if steps < 0 {
		return nil, fmt.Errorf("hdnet: Unroll: negative number of steps %d", steps)
	}
	B := len(h0) / H
	out := make([]float64, (steps+1)*B*H)
	copy(out, h0)
	h := append([]float64(nil), h0...)
	c := append([]float64(nil), h0...)
	g := n.Prediction.InputGates(nil, VelocityCode(w))
	z := make([]float64, B*4*H)
	for t := 1; t <= steps; t++ {
		n.Prediction.StepGates(g, h, c, B, z)
		copy(out[t*B*H:], h)
	}
	return out, nil
}

// RunVelocities runs the prediction LSTM on one state from h0 [H] (c = h),
// step t receiving the velocity code of angular velocity w[t]. It returns the
// len(w) outputs [len(w), H] (the initial state is not included).
func (n *Network) RunVelocities(h0 []float64, w []float64) ([]float64, error) {
	H := n.H
	if len(h0) != H {
		return nil, fmt.Errorf("hdnet: RunVelocities: initial state has %d values, want %d", len(h0), H)
	}
	h := append([]float64(nil), h0...)
	c := append([]float64(nil), h0...)
	z := make([]float64, 4*H)
	out := make([]float64, len(w)*H)
	for t, v := range w {
		n.Prediction.Step(VelocityCode(v), h, c, 1, z)
		copy(out[t*H:], h)
	}
	return out, nil
}
