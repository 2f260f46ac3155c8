// Package hdtrain makes the synthetic world's head-direction network
// (RNN-1 of the Spatial Memory Pipeline, 32 units): a prediction LSTM that
// integrates angular velocity and a correction LSTM that pulls its state to
// the heading named by a visual correction code. Both are hdnet.LSTM, the
// trained model's LSTM, and the network runs with package hdnet's steps; the
// figure-3 measurements (criteria.go) use hdnet's demo velocities, PCA,
// random initial states, attractor selection and convergence test.
//
// Build makes the committed network: an analytic ring attractor
// (Construct) whose velocity gain is calibrated by a two-scalar least-squares
// fit (CalibrateVelocity). It meets every criterion of criteria.go
// (Evaluate).
//
// Headings are in radians, 0 along +x, counter-clockwise positive; angular
// velocities in radians per step.
package hdtrain

import "github.com/smp-go/smp-go/smp/hdnet"

// Units is the number of units of RNN-1.
const Units = 32

// Committed is where the committed network lives, relative to the
// repository's root (made by go run ./scripts/hdtrain -seed 1); the
// synthetic world's manifest names it so.
const Committed = "data/hdnet/params.npz"

// Model is the head-direction network: two LSTMs sharing one state (h, c).
// Each step of the network is an optional correction step, with the
// correction code as input, followed by a prediction step, with the
// velocity code as input. Make one with Construct, Build or Load.
type Model struct {
	Pred *hdnet.LSTM // input: the velocity code hdnet.VelocityCode, In = 2
	Corr *hdnet.LSTM // input: the correction code, In = H
	// Pref holds the preferred heading (radians) of each unit: the heading
	// at which its training target peaks.
	Pref []float64
	// Tuning is the units' target tuning curve.
	Tuning Tuning
}

// predict advances the state (h, c) by one prediction step with angular
// velocity w, whose input is hdnet.VelocityCode(w).
func (m *Model) predict(h, c []float64, w float64) {
	m.Pred.Step(hdnet.VelocityCode(w), h, c, 1, make([]float64, 4*m.Pred.H))
}

// Units returns the number of units H.
func (m *Model) Units() int { return len(m.Pref) }

// Step is synth.HeadingNetwork's step on the state (h, c), in place: a
// correction step with input correction when it is not nil, then a
// prediction step with angular velocity w.
func (m *Model) Step(w float64, correction, h, c []float64) {
	if correction != nil {
		m.Corr.Step(correction, h, c, 1, make([]float64, 4*m.Corr.H))
	}
	m.predict(h, c, w)
}

// PreferredHeadings returns a copy of Pref.
func (m *Model) PreferredHeadings() []float64 { return append([]float64(nil), m.Pref...) }

// Weights returns the LSTMs' parameters, flat row-major (the storage
// itself): prediction weights [2+H, 4H] and biases [4H], correction
// weights [2H, 4H] and biases [4H].
func (m *Model) Weights() (predW, predB, corrW, corrB []float64) {
	return m.Pred.W, m.Pred.B, m.Corr.W, m.Corr.B
}

// Network returns m as an hdnet.Network without memory (S = 0), for
// hdnet's runs of the prediction and correction LSTMs.
func (m *Model) Network() *hdnet.Network {
	return &hdnet.Network{Prediction: m.Pred, Correction: m.Corr, H: len(m.Pref)}
}

// SettleSteps is the number of zero-velocity steps StateAt runs.
const SettleSteps = 5

// StateAt returns the network's on-ring output vector for heading theta
// (radians): the output h after SettleSteps zero-velocity prediction steps
// from the state h = c = r(theta), the units' target tuning curves at theta.
// This is the state the network holds when it believes the heading is
// theta, the one to write into memory slots as m(x).
func (m *Model) StateAt(theta float64) []float64 {
	h := m.Tuning.Population(nil, theta, m.Pref)
	c := append([]float64(nil), h...)
	for k := 0; k < SettleSteps; k++ {
		m.predict(h, c, 0)
	}
	return h
}

// newLSTM returns a zero layer with input size in and h units.
func newLSTM(in, h int) *hdnet.LSTM {
	return &hdnet.LSTM{In: in, H: h, W: make([]float64, (in+h)*4*h), B: make([]float64, 4*h)}
}
