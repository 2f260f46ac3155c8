package hdtrain

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// Ring holds the few scalars of the analytic ring-attractor construction
// (see Construct).
type Ring struct {
	// Prediction LSTM, output gate: o_u = Gain·Σ_v [cos(Δ_uv − s_v·Offset)
	// + Harm2·cos 2(Δ_uv − s_v·Offset)]·h_v + Global·Σ_v h_v + BiasO, with
	// Δ_uv = θ_u − θ_v.
	Gain, Harm2, Global, BiasO float64
	// Offset (radians) is how far ahead (s = +1) or behind (s = −1) of its
	// own preferred heading a unit pushes the bump.
	Offset float64
	// Prediction LSTM, cell: c' = σ(i_u)·tanh(j_u) (the forget gate is
	// shut), j_u = s_u·VelGain·10·sin ω, i_u = GateI + VelCurv·10·(cos ω − 1)
	// (weight VelCurv on the input 10·cos ω, bias GateI − 10·VelCurv).
	VelGain, VelCurv, GateI float64
	// Correction LSTM, output gate: o_u = CorrGain·Σ_v [cos Δ_uv +
	// CorrHarm2·cos 2Δ_uv]·(h_v + Lambda·x̃_v) + CorrGlobal·Σ_v (h_v +
	// Lambda·x̃_v) + CorrBiasO, x̃ the correction code; its cell is 0.
	CorrGain, CorrHarm2, CorrGlobal, CorrBiasO, Lambda float64
}

// DefaultRing returns the scalars of the committed construction, before
// CalibrateVelocity tunes VelGain and VelCurv. They were chosen by hand on
// the criteria of the package (see criteria.go): a strong output-gate gain
// with mild global inhibition and a second harmonic gives a stable,
// flat-topped bump about 110° wide that settles within a few steps from
// figure 3's random states; Offset π/4 gives turning rates up to about
// 0.3 rad/step; Lambda 1.5 lets a clean code win over the current state;
// CorrHarm2 1 keeps an ambiguous code bistable while its two headings are
// mixed up to about 65:35 (a mix of 70:30 or more collapses the states to
// its dominant heading within 10 steps).
func DefaultRing() Ring {
	return Ring{
		Gain: 4, Harm2: 0.5, Global: -0.5, BiasO: -1,
		Offset: math.Pi / 4, VelGain: 0.4, VelCurv: 0, GateI: 0,
		CorrGain: 1, CorrHarm2: 1, CorrGlobal: 0, CorrBiasO: -4, Lambda: 1.5,
	}
}

// shutForget is the forget-gate bias that makes both LSTMs memoryless:
// σ(−12 + 1) ≈ 2e−5.
const shutForget = -12

// RotationSign returns s_u for each unit: +1 and −1 alternately in the
// order of increasing preferred heading (ties in unit order). Units with
// s = +1 drive the bump towards increasing heading, s = −1 towards
// decreasing heading.
func RotationSign(pref []float64) []float64 {
	s := make([]float64, len(pref))
	for i, p := range pref {
		rank := 0
		for j, q := range pref {
			if q < p || (q == p && j < i) {
				rank++
			}
		}
		s[i] = 1
		if rank%2 == 1 {
			s[i] = -1
		}
	}
	return s
}

// Construct returns the analytic ring-attractor network for units with
// preferred headings pref (data/hdnet/README.md explains it at length).
// Both LSTMs have their forget gates shut (bias −12), so the state is the
// output h alone: h' = σ(σ(i)·tanh(j))·σ(o). Prediction: through cosine
// connectivity the output gate sees only the first two circular harmonics
// of h and recreates a bump around its population vector (ring attractor);
// the cell gate σ(c'), c' = σ(i)·tanh(s·VelGain·10 sin ω), raises the s = +1
// units (pushing Offset ahead) and lowers the s = −1 units (Offset behind)
// for ω > 0, so the bump turns by about atan(tan(Offset)·tanh(c'/2)) per
// step. Correction: the output gate sees the harmonics of h + Lambda·x̃, so a
// clean code wins over the state, while an ambiguous code (two opposite
// bumps, no first harmonic) only pulls it to the nearer of its headings.
func Construct(pref []float64, r Ring, tuning Tuning) (*Model, error) {
	if len(pref) < 4 {
		return nil, fmt.Errorf("hdtrain: construct: %d units, want at least 4", len(pref))
	}
	return construct(pref, r, tuning), nil
}

// construct is Construct for at least 4 units.
func construct(pref []float64, r Ring, tuning Tuning) *Model {
	h := len(pref)
	m := &Model{Pred: newLSTM(2, h), Corr: newLSTM(h, h), Pref: append([]float64(nil), pref...), Tuning: tuning}
	s := RotationSign(pref)
	G := 4 * h
	p, c := m.Pred, m.Corr
	for u := 0; u < h; u++ {
		p.B[u] = r.GateI - hdnet.VelocityScale*r.VelCurv
		p.W[0*G+u] = r.VelCurv
		p.W[1*G+h+u] = s[u] * r.VelGain
		p.B[2*h+u] = shutForget
		p.B[3*h+u] = r.BiasO
		c.B[2*h+u] = shutForget
		c.B[3*h+u] = r.CorrBiasO
		for v := 0; v < h; v++ {
			d := pref[u] - pref[v] - s[v]*r.Offset
			p.W[(2+v)*G+3*h+u] = r.Gain*(math.Cos(d)+r.Harm2*math.Cos(2*d)) + r.Global
			e := pref[u] - pref[v]
			w := r.CorrGain*(math.Cos(e)+r.CorrHarm2*math.Cos(2*e)) + r.CorrGlobal
			c.W[(h+v)*G+3*h+u] = w
			c.W[v*G+3*h+u] = r.Lambda * w
		}
	}
	return m
}

// MeasureSpeed returns the rate (radians per step) at which the decoded
// heading of m turns at constant angular velocity w: from StateAt(0), 20
// steps to reach a steady motion, then the mean decoded change over 100
// steps.
func MeasureSpeed(m *Model, w float64) float64 {
	h := m.StateAt(0)
	c := append([]float64(nil), h...)
	for t := 0; t < 20; t++ {
		m.predict(h, c, w)
	}
	prev := DecodeHeading(h, m.Pref)
	var tot float64
	for t := 0; t < 100; t++ {
		m.predict(h, c, w)
		d := DecodeHeading(h, m.Pref)
		tot += Wrap(d - prev)
		prev = d
	}
	return tot / 100
}

// calibrationSpeeds are the angular velocities (radians per step) at which
// CalibrateVelocity matches the turning rate to the velocity.
var calibrationSpeeds = [...]float64{0.04, 0.08, 0.12, 0.16, 0.2}

// CalibrateVelocity tunes r.VelGain and r.VelCurv so that the constructed
// network turns at the rate it is told: it minimises
// Σ_w (MeasureSpeed(w)/w − 1)² over w = 0.04, 0.08, ..., 0.2 rad/step by
// Gauss–Newton with finite-difference derivatives, starting from r. It
// returns the tuned scalars and the worst remaining |speed/w − 1|.
func CalibrateVelocity(pref []float64, r Ring, tuning Tuning) (Ring, float64, error) {
	if _, err := Construct(pref, r, tuning); err != nil {
		return r, 0, err
	}
	resid := func(r Ring) []float64 {
		m := construct(pref, r, tuning)
		res := make([]float64, len(calibrationSpeeds))
		for k, w := range calibrationSpeeds {
			res[k] = MeasureSpeed(m, w)/w - 1
		}
		return res
	}
	worst := func(res []float64) float64 { return floats.Norm(res, math.Inf(1)) } // max |res_k|
	res := resid(r)
	const h = 1e-4
	for it := 0; it < 20; it++ {
		r1, r2 := r, r
		r1.VelGain += h
		r2.VelCurv += h
		a, b := resid(r1), resid(r2)
		// Normal equations of the 2-parameter least-squares step.
		var aa, ab, bb, ar, br float64
		for k := range res {
			ja, jb := (a[k]-res[k])/h, (b[k]-res[k])/h
			aa += ja * ja
			ab += ja * jb
			bb += jb * jb
			ar += ja * res[k]
			br += jb * res[k]
		}
		det := aa*bb - ab*ab
		if det == 0 {
			break
		}
		next := r
		next.VelGain -= (bb*ar - ab*br) / det
		next.VelCurv -= (aa*br - ab*ar) / det
		nres := resid(next)
		if worst(nres) >= worst(res) && it > 0 {
			break
		}
		r, res = next, nres
	}
	return r, worst(res), nil
}

// Build makes the committed head-direction network for a seed: the units'
// preferred headings are evenly spread and shuffled by the seed
// (PreferredDirections), the network is Construct(DefaultRing()) with
// VelGain and VelCurv tuned by CalibrateVelocity, and every parameter is
// rounded to float32 as Save stores it. It returns the model, the scalars
// used and the worst remaining relative speed error of the calibration.
func Build(seed uint64) (*Model, Ring, float64, error) {
	rng := rand.New(rand.NewPCG(seed, 0x4d7a))
	pref := PreferredDirections(Units, rng)
	tun := DefaultTuning()
	r, worst, err := CalibrateVelocity(pref, DefaultRing(), tun)
	if err != nil {
		return nil, r, 0, fmt.Errorf("hdtrain: build: %w", err)
	}
	m := construct(pref, r, tun)
	m.Round32()
	return m, r, worst, nil
}
