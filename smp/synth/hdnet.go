package synth

import (
	"fmt"
	"math"

	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// HeadingNetwork is the head-direction network RNN-1 as the generator
// drives it: a recurrent network with state (h, c) of Units() values each,
// whose output h represents the heading. Implementations must be safe for
// concurrent use on distinct states; Generate checks the sizes, so Step
// need not.
type HeadingNetwork interface {
	// Units returns the number of units H.
	Units() int
	// StateAt returns the output h (a new slice) the network holds when it
	// represents heading theta (radians): the state memories store.
	StateAt(theta float64) []float64
	// Step advances the state (h, c) in place by one step: if correction is
	// not nil, first one correction step with that code, then one
	// prediction step with angular velocity w (radians per step), fed as
	// the velocity code 10*(cos w, sin w).
	Step(w float64, correction, h, c []float64)
	// PreferredHeadings returns each unit's planted preferred heading
	// (radians; NaN for a unit without one): the ground truth of RNN-1.
	PreferredHeadings() []float64
	// Weights returns the prediction LSTM's weights [2+H, 4H] and biases
	// [4H] and the correction LSTM's weights [2H, 4H] and biases [4H], flat
	// row-major, as parameters.npz stores them.
	Weights() (predW, predB, corrW, corrB []float64)
}

// LoadLSTM reads the real head-direction network, the LSTM pair made by
// package hdtrain (a *hdtrain.Model), from path (e.g.
// data/hdnet/params.npz) and returns it with its description for the
// manifest (Config.HDNetwork): "LSTM from label (sha256 of the file)".
func LoadLSTM(path, label string) (HeadingNetwork, string, error) {
	m, err := hdtrain.Load(path)
	if err != nil {
		return nil, "", err
	}
	fi, err := hashFile(path)
	if err != nil {
		return nil, "", err
	}
	return m, fmt.Sprintf("LSTM from %s (sha256 %s)", label, fi.SHA256), nil
}

// IdealHD is an ideal head-direction network for testing: H units with
// preferred headings Pref and the von Mises tuning curve Tuning
// (hdtrain.Tuning),
//
//	h_u = Base + (Peak - Base) * exp(Kappa*(cos(theta - Pref_u) - 1))
//
// for the represented heading theta. A step decodes theta from h by the
// population vector, theta = arg sum_u h_u exp(i Pref_u)
// (hdtrain.DecodeHeading); applies the correction code x if there is one;
// adds w and re-encodes; c is set equal to h. A correction reads the code's
// first and second circular moments R1 = sum_u x_u exp(i Pref_u) and
// R2 = sum_u x_u exp(2i Pref_u): a one-bump code (|R1| ≥ |R2|) sets
// theta = arg R1; a two-bump code (as from an ambiguous view) sets theta to
// whichever of arg(R2)/2 and arg(R2)/2 + pi is nearer the current theta, as
// the trained correction network is taught to. It integrates perfectly. It
// is not an LSTM: Weights returns zero arrays of the right shapes.
type IdealHD struct {
	Pref   []float64
	Tuning hdtrain.Tuning
}

// NewIdealHD returns an ideal network of hdtrain.Units units with evenly
// spaced preferred headings -pi + 2 pi k/H (hdtrain.PreferredDirections,
// not shuffled) and hdtrain.DefaultTuning: kappa 3, from 0.02 to 0.7.
func NewIdealHD() *IdealHD {
	return &IdealHD{Pref: hdtrain.PreferredDirections(hdtrain.Units, nil), Tuning: hdtrain.DefaultTuning()}
}

// Units returns the number of units.
func (n *IdealHD) Units() int { return len(n.Pref) }

// StateAt returns the tuning-curve output for heading theta.
func (n *IdealHD) StateAt(theta float64) []float64 { return n.Tuning.Population(nil, theta, n.Pref) }

// Step integrates w exactly, after resetting to the correction's heading.
func (n *IdealHD) Step(w float64, correction, h, c []float64) {
	theta := hdtrain.DecodeHeading(h, n.Pref)
	if correction != nil {
		var x1, y1, x2, y2 float64
		for u, p := range n.Pref {
			x1 += correction[u] * math.Cos(p)
			y1 += correction[u] * math.Sin(p)
			x2 += correction[u] * math.Cos(2*p)
			y2 += correction[u] * math.Sin(2*p)
		}
		if math.Hypot(x1, y1) >= math.Hypot(x2, y2) {
			theta = math.Atan2(y1, x1)
		} else {
			psi := math.Atan2(y2, x2) / 2
			if math.Cos(psi-theta) < 0 {
				psi += math.Pi
			}
			theta = psi
		}
	}
	n.Tuning.Population(h, theta+w, n.Pref)
	copy(c, h)
}

// PreferredHeadings returns Pref.
func (n *IdealHD) PreferredHeadings() []float64 { return append([]float64(nil), n.Pref...) }

// Weights returns zero placeholders of the LSTM shapes.
func (n *IdealHD) Weights() (predW, predB, corrW, corrB []float64) {
	h := len(n.Pref)
	return make([]float64, (2+h)*4*h), make([]float64, 4*h), make([]float64, 2*h*4*h), make([]float64, 4*h)
}
