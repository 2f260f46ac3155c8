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

import (
	"fmt"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// Units is the number of units of RNN-1.
const Units = 32

// Model is the head-direction network: two LSTMs sharing one state (h, c).
// Each step of the network is an optional correction step, with the
// correction code as input, followed by a prediction step, with the
// velocity code as input. The zero Model is not usable (its LSTMs are nil):
// make one with Construct, Build or Load.
type Model struct {
	Pred *hdnet.LSTM // input: the velocity code hdnet.VelocityCode, In = 2
	Corr *hdnet.LSTM // input: the correction code, In = H
	// Pref holds the preferred heading (radians) of each unit: the heading
	// at which its training target peaks.
	Pref []float64
	// Tuning is the units' target tuning curve.
	Tuning Tuning
}

// Check verifies the shapes of the model's parameters.
func (m *Model) Check() error {
	h := len(m.Pref)
	if h == 0 {
		return fmt.Errorf("hdtrain: model has no units")
	}
	if err := checkLSTM(m.Pred); err != nil {
		return fmt.Errorf("hdtrain: prediction %w", err)
	}
	if err := checkLSTM(m.Corr); err != nil {
		return fmt.Errorf("hdtrain: correction %w", err)
	}
	if m.Pred.In != 2 || m.Pred.H != h || m.Corr.In != h || m.Corr.H != h {
		return fmt.Errorf("hdtrain: sizes: prediction %d→%d, correction %d→%d, %d units",
			m.Pred.In, m.Pred.H, m.Corr.In, m.Corr.H, h)
	}
	return nil
}

// State is the network's state (h, c), each of H values.
type State struct {
	H, C []float64
}

// NewState returns the state the figure-3 notebook starts from for a
// stored output vector h: the cell equal to the output, c = h.
func NewState(h []float64) State {
	return State{H: append([]float64(nil), h...), C: append([]float64(nil), h...)}
}

// Predict advances s by one prediction step with angular velocity w, whose
// input is hdnet.VelocityCode(w). It returns an error, leaving s unchanged,
// if the model fails Check or s does not hold H values in each of h and c.
func (m *Model) Predict(s State, w float64) error {
	if err := m.checkState("predict", s); err != nil {
		return err
	}
	m.predict(s, w)
	return nil
}

// Correct advances s by one correction step with correction code code [H].
// It returns an error, leaving s unchanged, if the model fails Check, s
// does not hold H values in each of h and c or code does not hold H values.
func (m *Model) Correct(s State, code []float64) error {
	if err := m.checkState("correct", s); err != nil {
		return err
	}
	if len(code) != len(m.Pref) {
		return fmt.Errorf("hdtrain: correct: code has %d values, want %d", len(code), len(m.Pref))
	}
	m.correct(s, code)
	return nil
}

// checkState checks the model and the sizes of the state s for op.
func (m *Model) checkState(op string, s State) error {
	if err := m.Check(); err != nil {
		return fmt.Errorf("hdtrain: %s: %w", op, err)
	}
	if h := len(m.Pref); len(s.H) != h || len(s.C) != h {
		return fmt.Errorf("hdtrain: %s: state has %d and %d values, want %d", op, len(s.H), len(s.C), h)
	}
	return nil
}

// predict is Predict without the checks, for loops over checked states.
func (m *Model) predict(s State, w float64) {
	m.Pred.Step(hdnet.VelocityCode(w), s.H, s.C, 1, make([]float64, 4*m.Pred.H))
}

// correct is Correct without the checks.
func (m *Model) correct(s State, code []float64) {
	m.Corr.Step(code, s.H, s.C, 1, make([]float64, 4*m.Corr.H))
}

// network returns m as an hdnet.Network without memory (S = 0), for hdnet's
// runs of the prediction and correction LSTMs.
func (m *Model) network() *hdnet.Network {
	return &hdnet.Network{Prediction: m.Pred, Correction: m.Corr, H: len(m.Pref)}
}

// Run unrolls the network from s (updated in place) over len(vel) steps.
// Step t applies, if corr is not nil and corr[t] is not nil, a correction
// step with code corr[t], then a prediction step with angular velocity
// vel[t]. It returns the T outputs h_1..h_T, each a new slice of H values.
func (m *Model) Run(s State, vel []float64, corr [][]float64) ([][]float64, error) {
	h := len(m.Pref)
	if err := m.Check(); err != nil {
		return nil, fmt.Errorf("hdtrain: run: %w", err)
	}
	if len(s.H) != h || len(s.C) != h {
		return nil, fmt.Errorf("hdtrain: run: state has %d and %d values, want %d", len(s.H), len(s.C), h)
	}
	if corr != nil && len(corr) != len(vel) {
		return nil, fmt.Errorf("hdtrain: run: %d correction codes for %d steps", len(corr), len(vel))
	}
	z := make([]float64, 4*h)
	out := make([][]float64, len(vel))
	for t, w := range vel {
		if corr != nil && corr[t] != nil {
			if len(corr[t]) != h {
				return nil, fmt.Errorf("hdtrain: run: step %d: correction code has %d values, want %d", t, len(corr[t]), h)
			}
			m.Corr.Step(corr[t], s.H, s.C, 1, z)
		}
		m.Pred.Step(hdnet.VelocityCode(w), s.H, s.C, 1, z)
		out[t] = append([]float64(nil), s.H...)
	}
	return out, nil
}

// SettleSteps is the number of zero-velocity steps StateAt runs.
const SettleSteps = 5

// StateAt returns the network's on-ring output vector for heading theta
// (radians): the output h after SettleSteps zero-velocity prediction steps
// from the state h = c = r(theta), the units' target tuning curves at theta.
// This is the state the network holds when it believes the heading is
// theta, the one to write into memory slots as m(x). m must pass Check
// (models from Construct, Build and Load do); StateAt does not check it, and a malformed model panics.
func (m *Model) StateAt(theta float64) []float64 {
	s := NewState(m.Tuning.Population(nil, theta, m.Pref))
	for k := 0; k < SettleSteps; k++ {
		m.predict(s, 0)
	}
	return s.H
}

// newLSTM returns a zero layer with input size in and h units.
func newLSTM(in, h int) *hdnet.LSTM {
	return &hdnet.LSTM{In: in, H: h, W: make([]float64, (in+h)*4*h), B: make([]float64, 4*h)}
}

// checkLSTM verifies that the shapes of W and B agree with In and H.
func checkLSTM(l *hdnet.LSTM) error {
	if l == nil || l.In <= 0 || l.H <= 0 || len(l.B) != 4*l.H {
		return fmt.Errorf("lstm: missing, or bad sizes")
	}
	_, err := hdnet.NewLSTM(l.In, l.W, l.B)
	return err
}
