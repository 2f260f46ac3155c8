package hdnet

import (
	"fmt"
	"math"
)

// Figure 3's velocity-integration demo (cell 9).
const (
	DemoSteps = 1000 // T
	DemoState = 8    // written state the demo starts from (its angle starts at 0)
)

// DemoVelocities returns the demo's angular velocities (radians per step):
// π/20 for the first T/4 steps, 0 for the next T/4 and -π/40 for the last
// T/2 (integer divisions, so the length is 2·(T/4) + T/2; none for T ≤ 0).
func DemoVelocities(T int) []float64 {
	w := make([]float64, 0, max(T, 0))
	for i := 0; i < T/4; i++ {
		w = append(w, math.Pi/20)
	}
	for i := 0; i < T/4; i++ {
		w = append(w, 0)
	}
	for i := 0; i < T/2; i++ {
		w = append(w, -math.Pi/20/2)
	}
	return w
}

// Demo is the velocity-integration demo: the prediction LSTM driven by
// DemoVelocities from one written state.
type Demo struct {
	T          int       // steps
	H          int       // units
	Velocities []float64 // ω per step [T]
	// TrueOffset is the integrated angle after each of the first T-1 steps,
	// the cumulative sum of atan2(sin ω, cos ω) [T-1].
	TrueOffset []float64
	Trajectory []float64 // the T outputs, all units [T, H]
}

// Demo runs the demo for T steps from written state number state (cell 9
// uses DemoState and DemoSteps). T must be at least 1.
func (n *Network) Demo(state, T int) (*Demo, error) {
	if T < 1 {
		return nil, fmt.Errorf("demo: %d steps, want at least 1", T)
	}
	h0, err := n.WrittenState(state)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	w := DemoVelocities(T)
	traj, _ := n.RunVelocities(h0, w) // h0 has H values
	d := &Demo{T: len(w), H: n.H, Velocities: w, Trajectory: traj}
	sum := 0.0
	for _, v := range w[:max(len(w)-1, 0)] {
		sum += math.Atan2(math.Sin(v), math.Cos(v))
		d.TrueOffset = append(d.TrueOffset, sum)
	}
	return d, nil
}

// DisplayAngle returns panel A's true angle: the true offset shifted by -π
// and wrapped to (-π, π], atan2(sin(θ-π), cos(θ-π)) [T-1].
func (d *Demo) DisplayAngle() []float64 {
	out := make([]float64, len(d.TrueOffset))
	for i, v := range d.TrueOffset {
		out[i] = math.Atan2(math.Sin(v-math.Pi), math.Cos(v-math.Pi))
	}
	return out
}
