package hdtrain

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// DemoVelocities returns figure 3's integration demo: 1000 angular
// velocities (radians per step), π/20 for 250 steps, 0 for 250, −π/40 for
// 500.
func DemoVelocities() []float64 {
	v := make([]float64, 1000)
	for t := range v {
		switch {
		case t < 250:
			v[t] = math.Pi / 20
		case t < 500:
			v[t] = 0
		default:
			v[t] = -math.Pi / 40
		}
	}
	return v
}

// Integration is the outcome of the integration demo.
type Integration struct {
	Outputs [][]float64 // h_t after step t, t = 0..T−1
	True    []float64   // θ_t = θ_0 + Σ_{s≤t} w_s (radians, unwrapped)
	Decoded []float64   // DecodeHeading(h_t), unwrapped to follow True
	// MAE is the mean over steps of |wrap(decoded − true)| (radians).
	MAE float64
	// MAELagged is the same with the true heading one step behind,
	// θ_0 + Σ_{s<t} w_s (the notebook's "cumulative sum of the first T−1
	// velocities" read literally).
	MAELagged float64
}

// IntegrationDemo runs the network without corrections from the on-ring
// state of heading theta0 (StateAt, with c = h) over the velocities vel and
// decodes the heading of every output.
func (m *Model) IntegrationDemo(theta0 float64, vel []float64) (*Integration, error) {
	out, err := m.Run(NewState(m.StateAt(theta0)), vel, nil)
	if err != nil {
		return nil, err
	}
	r := &Integration{Outputs: out, True: make([]float64, len(vel)), Decoded: make([]float64, len(vel))}
	th, prev := theta0, theta0
	for t, w := range vel {
		th += w
		r.True[t] = th
		d := DecodeHeading(out[t], m.Pref)
		d = prev + Wrap(d-prev)
		r.Decoded[t] = d
		prev = d
		r.MAE += math.Abs(Wrap(d-th)) / float64(len(vel))
		r.MAELagged += math.Abs(Wrap(d-(th-w))) / float64(len(vel))
	}
	return r, nil
}

// DemoPCA is figure 3's cell 10 on the demo outputs: it thins them with
// TakeIfFartherThan(·, 0.1) and fits the PCA plane to the kept points.
func DemoPCA(outputs [][]float64) (*PCA, error) {
	idx := TakeIfFartherThan(outputs, 0.1)
	kept := make([][]float64, len(idx))
	for i, k := range idx {
		kept[i] = outputs[k]
	}
	return FitPCA(kept)
}

// RandomStates draws n of figure 3's random initial states: per unit u,
// Mean_u + √(16·(Var_u + 1e-4))·N(0, 1), from the PCA's mean and variances.
func (p *PCA) RandomStates(n int, rng *rand.Rand) [][]float64 {
	s := make([][]float64, n)
	for i := range s {
		s[i] = make([]float64, len(p.Mean))
		for u := range s[i] {
			s[i][u] = p.Mean[u] + math.Sqrt(16*(p.Var[u]+1e-4))*rng.NormFloat64()
		}
	}
	return s
}

// Attractor is the outcome of zero-velocity runs from random initial
// states (figure 3, cells 11–12 and panels C, D).
type Attractor struct {
	// Change[t] holds, for each run, ‖h_{t+1} − h_t‖ (h_0 the initial
	// state); ChangeMean and ChangeQ95 are their mean and 95% quantile.
	ChangeMean, ChangeQ95 []float64
	// SettleStep is the first t from which ChangeQ95 stays below
	// SettleTolerance; −1 if it never does.
	SettleStep int
	// Unsettled counts the runs whose last change is ≥ SettleTolerance.
	Unsettled int
	Final     [][]float64 // final states
	// RadiusSpread is (max − min)/median of the final states' distances
	// from the PCA origin; small for states on a ring.
	RadiusSpread float64
	// MedianRadius is the median of those distances.
	MedianRadius float64
	// MaxGap is the largest angular gap (radians) between the PCA angles of
	// the final states; small when they go all around the ring.
	MaxGap float64
	// States are the distinct attractor states (AttractorStates).
	States [][]float64
}

// SettleTolerance is the step-to-step change below which the state counts
// as settled: 0.01, against changes of order 1 at the start (figure 3C's
// axis spans 0–2).
const SettleTolerance = 0.01

// Attractor runs the network from each of starts at zero velocity (velocity
// code 10·(1, 0)) for steps steps and measures how it settles.
func (m *Model) Attractor(pca *PCA, starts [][]float64, steps int) (*Attractor, error) {
	if len(starts) == 0 || steps < 1 {
		return nil, fmt.Errorf("hdtrain: attractor: %d starts, %d steps", len(starts), steps)
	}
	changes := make([][]float64, steps)
	for t := range changes {
		changes[t] = make([]float64, len(starts))
	}
	a := &Attractor{Final: make([][]float64, len(starts))}
	prev := make([]float64, len(m.Pref))
	for r, x := range starts {
		s := NewState(x)
		for t := 0; t < steps; t++ {
			copy(prev, s.H)
			m.Predict(s, 0)
			changes[t][r] = math.Sqrt(sqDist(prev, s.H))
		}
		a.Final[r] = s.H
	}
	a.ChangeMean = make([]float64, steps)
	a.ChangeQ95 = make([]float64, steps)
	a.SettleStep = -1
	for t, c := range changes {
		var s float64
		for _, v := range c {
			s += v
		}
		a.ChangeMean[t] = s / float64(len(c))
		a.ChangeQ95[t] = quantile(c, 0.95)
	}
	for _, v := range changes[steps-1] {
		if v >= SettleTolerance {
			a.Unsettled++
		}
	}
	for t := steps - 1; t >= 0 && a.ChangeQ95[t] < SettleTolerance; t-- {
		a.SettleStep = t
	}
	radii := make([]float64, len(a.Final))
	angles := make([]float64, len(a.Final))
	for i, x := range a.Final {
		p := pca.Project(x)
		radii[i] = math.Hypot(p[0], p[1])
		angles[i] = math.Atan2(p[1], p[0])
	}
	sort.Float64s(radii)
	a.MedianRadius = radii[len(radii)/2]
	a.RadiusSpread = (radii[len(radii)-1] - radii[0]) / a.MedianRadius
	sort.Float64s(angles)
	a.MaxGap = angles[0] + 2*math.Pi - angles[len(angles)-1]
	for i := 1; i < len(angles); i++ {
		a.MaxGap = math.Max(a.MaxGap, angles[i]-angles[i-1])
	}
	a.States = AttractorStates(pca, a.Final)
	return a, nil
}

// AttractorStates is figure 3's cell 12: the final states walked in
// increasing PCA angle, keeping the first and each one whose angle exceeds
// the last kept one's by more than 0.1·π/360·2 radians.
func AttractorStates(pca *PCA, final [][]float64) [][]float64 {
	idx := make([]int, len(final))
	ang := make([]float64, len(final))
	for i, x := range final {
		idx[i] = i
		p := pca.Project(x)
		ang[i] = math.Atan2(p[1], p[0])
	}
	sort.SliceStable(idx, func(a, b int) bool { return ang[idx[a]] < ang[idx[b]] })
	var out [][]float64
	last := math.Inf(-1)
	for _, i := range idx {
		if ang[i] > last+0.1*math.Pi/360*2 {
			out = append(out, final[i])
			last = ang[i]
		}
	}
	return out
}

// quantile returns the q-quantile of v (linear interpolation, numpy's
// default) without changing v.
func quantile(v []float64, q float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	p := q * float64(len(s)-1)
	i := int(p)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (p-float64(i))*(s[i+1]-s[i])
}

// Rotation runs the network from each of starts at the constant angular
// velocity w for steps steps and returns the mean rate (radians per step)
// at which the decoded heading and the PCA angle atan2(pc2, pc1) turn,
// each unwrapped along the run and averaged over runs.
func (m *Model) Rotation(pca *PCA, starts [][]float64, w float64, steps int) (decoded, pcaAngle float64) {
	for _, x := range starts {
		s := NewState(x)
		m.Predict(s, w)
		d0 := DecodeHeading(s.H, m.Pref)
		p := pca.Project(s.H)
		a0 := math.Atan2(p[1], p[0])
		var dd, da float64
		for t := 1; t < steps; t++ {
			m.Predict(s, w)
			d := DecodeHeading(s.H, m.Pref)
			p := pca.Project(s.H)
			a := math.Atan2(p[1], p[0])
			dd += Wrap(d - d0)
			da += Wrap(a - a0)
			d0, a0 = d, a
		}
		decoded += dd / float64(steps-1) / float64(len(starts))
		pcaAngle += da / float64(steps-1) / float64(len(starts))
	}
	return decoded, pcaAngle
}

// Correction is the outcome of correcting a set of states with one code.
type Correction struct {
	// Time is the first step t (t = 0 being the start) at which the
	// projected states form a single cluster (TakeIfFartherThan with 0.1
	// keeps one point); −1 if they never do.
	Time  int
	Final [][]float64
	// Clusters[t] is the number of clusters at step t.
	Clusters []int
}

// CorrectionRun runs figure 3's cell 14 for one code: from each of states, steps
// steps each of a correction step with input code and a prediction step at
// zero velocity; the convergence time is cell 15's.
func (m *Model) CorrectionRun(pca *PCA, states [][]float64, code []float64, steps int) (*Correction, error) {
	if len(code) != len(m.Pref) {
		return nil, fmt.Errorf("hdtrain: correct: code has %d values, want %d", len(code), len(m.Pref))
	}
	ss := make([]State, len(states))
	pts := make([][]float64, len(states))
	for i, x := range states {
		ss[i] = NewState(x)
	}
	c := &Correction{Time: -1, Clusters: make([]int, steps+1)}
	for t := 0; t <= steps; t++ {
		if t > 0 {
			for _, s := range ss {
				m.Correct(s, code)
				m.Predict(s, 0)
			}
		}
		for i, s := range ss {
			p := pca.Project(s.H)
			pts[i] = p[:]
		}
		c.Clusters[t] = len(TakeIfFartherThan(pts, 0.1))
		if c.Clusters[t] == 1 && c.Time < 0 {
			c.Time = t
		}
	}
	for _, s := range ss {
		c.Final = append(c.Final, s.H)
	}
	return c, nil
}
