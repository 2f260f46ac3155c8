package hdnet

import "fmt"

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
