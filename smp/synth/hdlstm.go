package synth

import (
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// LSTMNetwork is the real head-direction network, the LSTM pair of package
// hdtrain (a prediction LSTM fed 10*(cos w, sin w) and a correction LSTM fed
// the correction code, h = sigmoid(c)*sigmoid(o), forget bias 1; both
// hdnet.LSTM, stepped by hdnet.LSTM.Step), as a HeadingNetwork.
type LSTMNetwork struct {
	M *hdtrain.Model
}

// LoadLSTMNetwork reads the network's parameters from an .npz file written
// by hdtrain (e.g. data/hdnet/params.npz).
func LoadLSTMNetwork(path string) (*LSTMNetwork, error) {
	m, err := hdtrain.Load(path)
	if err != nil {
		return nil, err
	}
	return &LSTMNetwork{M: m}, nil
}

// Units returns the number of units.
func (n *LSTMNetwork) Units() int { return len(n.M.Pref) }

// StateAt returns hdtrain's on-ring output for heading theta.
func (n *LSTMNetwork) StateAt(theta float64) []float64 { return n.M.StateAt(theta) }

// Step applies a correction step (if correction is not nil), then a
// prediction step with angular velocity w: hdtrain's Model.Correct and
// Model.Predict without their checks, since Step runs once per step of
// every trajectory. As HeadingNetwork.Step requires, h, c and correction
// must hold Units() values and M must pass Model.Check (Generate and
// LoadLSTMNetwork ensure both); wrong sizes panic or, if longer, are
// silently truncated.
func (n *LSTMNetwork) Step(w float64, correction, h, c []float64) {
	if correction != nil {
		n.M.Corr.Step(correction, h, c, 1, make([]float64, 4*n.M.Corr.H))
	}
	n.M.Pred.Step(hdnet.VelocityCode(w), h, c, 1, make([]float64, 4*n.M.Pred.H))
}

// PreferredHeadings returns the units' planted preferred headings.
func (n *LSTMNetwork) PreferredHeadings() []float64 { return append([]float64(nil), n.M.Pref...) }

// Weights returns the two LSTMs' parameters.
func (n *LSTMNetwork) Weights() (predW, predB, corrW, corrB []float64) {
	return n.M.Pred.W, n.M.Pred.B, n.M.Corr.W, n.M.Corr.B
}
