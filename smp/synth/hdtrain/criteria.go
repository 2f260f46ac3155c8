package hdtrain

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/num"
)

// DemoVelocities returns figure 3's integration demo velocities (radians
// per step), hdnet.DemoVelocities(hdnet.DemoSteps): π/20 for 250 steps, 0
// for 250, −π/40 for 500.
func DemoVelocities() []float64 { return hdnet.DemoVelocities(hdnet.DemoSteps) }

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

// IntegrationDemo runs figure 3's demo (hdnet.Network.RunVelocities) from
// the on-ring state of heading theta0 (StateAt, with c = h) over the
// velocities vel and decodes the heading of every output.
func (m *Model) IntegrationDemo(theta0 float64, vel []float64) (*Integration, error) {
	out, err := m.network().RunVelocities(m.StateAt(theta0), vel)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: integration demo: %w", err)
	}
	r := &Integration{Outputs: rows(out, len(m.Pref)), True: make([]float64, len(vel)), Decoded: make([]float64, len(vel))}
	th, prev := theta0, theta0
	for t, w := range vel {
		th += w
		r.True[t] = th
		d := DecodeHeading(r.Outputs[t], m.Pref)
		d = prev + Wrap(d-prev)
		r.Decoded[t] = d
		prev = d
		r.MAE += math.Abs(Wrap(d-th)) / float64(len(vel))
		r.MAELagged += math.Abs(Wrap(d-(th-w))) / float64(len(vel))
	}
	return r, nil
}

// Plane is figure 3's cell 10 fitted to a run's states: the PCA plane of
// all units (hdnet.PCA) and the distribution of random initial states
// (hdnet.InitialDistribution), both fitted to the states thinned by
// hdnet.TakeIfFartherThan with threshold hdnet.ClusterThreshold.
type Plane struct {
	*hdnet.PCA
	Init *hdnet.InitialDistribution
}

// DemoPCA fits figure 3's plane (cell 10) to the integration demo's
// outputs, each of H values.
func DemoPCA(outputs [][]float64) (*Plane, error) {
	if len(outputs) == 0 {
		return nil, fmt.Errorf("hdtrain: pca: no states")
	}
	H := len(outputs[0])
	flat, err := flatten(outputs, H)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: pca: %w", err)
	}
	_, kept := hdnet.TakeIfFartherThan(flat, H, hdnet.ClusterThreshold)
	units := make([]int, H)
	for u := range units {
		units[u] = u
	}
	pca, err := hdnet.FitPCA(kept, H, units)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: %w", err)
	}
	init, err := hdnet.NewInitialDistribution(kept, H)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: %w", err)
	}
	return &Plane{PCA: pca, Init: init}, nil
}

// RandomStates draws n of figure 3's random initial states from rng
// (hdnet.InitialDistribution.Sample): per unit u, Mean_u + √Var_u·N(0, 1).
// n must not be negative and rng must not be nil.
func (p *Plane) RandomStates(n int, rng *rand.Rand) [][]float64 {
	return rows(p.Init.Sample(rng, n), len(p.Init.Mean))
}

// angle returns the angle atan2(pc2, pc1) of state x in the plane.
func (p *Plane) angle(x []float64) float64 {
	a, b := p.Project(x)
	return math.Atan2(b, a)
}

// rows splits flat [n, d] into n row views.
func rows(flat []float64, d int) [][]float64 {
	out := make([][]float64, len(flat)/d)
	for i := range out {
		out[i] = flat[i*d : (i+1)*d : (i+1)*d]
	}
	return out
}

// flatten copies the rows, each of d values, into one slice [n, d].
func flatten(rows [][]float64, d int) ([]float64, error) {
	out := make([]float64, 0, len(rows)*d)
	for i, r := range rows {
		if len(r) != d {
			return nil, fmt.Errorf("state %d has %d values, want %d", i, len(r), d)
		}
		out = append(out, r...)
	}
	return out, nil
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
// code 10·(1, 0)) for steps steps, all runs as one batch
// (hdnet.LSTM.StepGates), and measures how it settles.
func (m *Model) Attractor(pca *Plane, starts [][]float64, steps int) (*Attractor, error) {
	if len(starts) == 0 || steps < 1 {
		return nil, fmt.Errorf("hdtrain: attractor: %d starts, %d steps", len(starts), steps)
	}
	N, H := len(starts), len(m.Pref)
	if err := m.Check(); err != nil {
		return nil, fmt.Errorf("hdtrain: attractor: %w", err)
	}
	if err := checkPlane(pca, H); err != nil {
		return nil, fmt.Errorf("hdtrain: attractor: %w", err)
	}
	h, err := flatten(starts, H)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: attractor: %w", err)
	}
	c := append([]float64(nil), h...)
	prev := make([]float64, N*H)
	g := m.Pred.InputGates(nil, hdnet.VelocityCode(0))
	z := make([]float64, N*4*H)
	changes := make([][]float64, steps)
	for t := range changes {
		changes[t] = make([]float64, N)
		copy(prev, h)
		m.Pred.StepGates(g, h, c, N, z)
		for r := range changes[t] {
			changes[t][r] = distance(prev[r*H:(r+1)*H], h[r*H:(r+1)*H])
		}
	}
	a := &Attractor{Final: rows(h, H)}
	a.ChangeMean = make([]float64, steps)
	a.ChangeQ95 = make([]float64, steps)
	a.SettleStep = -1
	for t, ch := range changes {
		var s float64
		for _, v := range ch {
			s += v
		}
		a.ChangeMean[t] = s / float64(len(ch))
		a.ChangeQ95[t] = num.Quantile(ch, 0.95)
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
		p1, p2 := pca.Project(x)
		radii[i] = math.Hypot(p1, p2)
		angles[i] = math.Atan2(p2, p1)
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

// distance returns the Euclidean distance |a − b|.
func distance(a, b []float64) float64 {
	var s float64
	for i := range a {
		d := a[i] - b[i]
		s += d * d
	}
	return math.Sqrt(s)
}

// AttractorStates is figure 3's cell 12 (hdnet.AttractorIndices): the final
// states walked in increasing PCA angle, keeping the first and each one
// whose angle exceeds the last kept one's by more than
// hdnet.AttractorAngleStep = 0.1·π/360·2 radians. Every state of final must
// hold at least the units pca reads (as Attractor's final states do);
// AttractorStates does not check, and shorter states panic.
func AttractorStates(pca *Plane, final [][]float64) [][]float64 {
	proj := make([]float64, 0, 2*len(final))
	for _, x := range final {
		p1, p2 := pca.Project(x)
		proj = append(proj, p1, p2)
	}
	var out [][]float64
	for _, i := range hdnet.AttractorIndices(proj) {
		out = append(out, final[i])
	}
	return out
}

// Rotation runs the network from each of starts at the constant angular
// velocity w for steps steps and returns the mean rate (radians per step)
// at which the decoded heading and the PCA angle atan2(pc2, pc1) turn,
// each unwrapped along the run and averaged over runs. It needs at least
// one start of H values, steps ≥ 2 and a plane over H units.
func (m *Model) Rotation(pca *Plane, starts [][]float64, w float64, steps int) (decoded, pcaAngle float64, err error) {
	if err := m.Check(); err != nil {
		return 0, 0, fmt.Errorf("hdtrain: rotation: %w", err)
	}
	if len(starts) == 0 || steps < 2 {
		return 0, 0, fmt.Errorf("hdtrain: rotation: %d starts, %d steps; want at least 1 and 2", len(starts), steps)
	}
	if err := checkPlane(pca, len(m.Pref)); err != nil {
		return 0, 0, fmt.Errorf("hdtrain: rotation: %w", err)
	}
	if _, err := flatten(starts, len(m.Pref)); err != nil {
		return 0, 0, fmt.Errorf("hdtrain: rotation: %w", err)
	}
	for _, x := range starts {
		s := NewState(x)
		m.predict(s, w)
		d0, a0 := DecodeHeading(s.H, m.Pref), pca.angle(s.H)
		var dd, da float64
		for t := 1; t < steps; t++ {
			m.predict(s, w)
			d, a := DecodeHeading(s.H, m.Pref), pca.angle(s.H)
			dd += Wrap(d - d0)
			da += Wrap(a - a0)
			d0, a0 = d, a
		}
		decoded += dd / float64(steps-1) / float64(len(starts))
		pcaAngle += da / float64(steps-1) / float64(len(starts))
	}
	return decoded, pcaAngle, nil
}

// checkPlane checks that p is a fitted plane whose PCA reads units of
// states of h values.
func checkPlane(p *Plane, h int) error {
	if p == nil || p.PCA == nil {
		return fmt.Errorf("no PCA plane")
	}
	for _, u := range p.Units {
		if u < 0 || u >= h {
			return fmt.Errorf("PCA plane reads unit %d, states have %d units", u, h)
		}
	}
	return nil
}

// Correction is the outcome of correcting a set of states with one code.
type Correction struct {
	// Time is the first step t (t = 0 being the start) at which the
	// projected states form a single cluster (hdnet.SingleCluster with
	// threshold hdnet.ClusterThreshold); −1 if they never do.
	Time  int
	Final [][]float64
	// Clusters[t] is the number of clusters at step t: the number of
	// projected states hdnet.TakeIfFartherThan keeps.
	Clusters []int
}

// CorrectionRun runs figure 3's cell 14 for one code, as
// hdnet.Network.CorrectionRun does: from each of states (c = h), steps steps
// each of a correction step with input code and a prediction step at zero
// velocity, all states as one batch; the convergence time is cell 15's.
func (m *Model) CorrectionRun(pca *Plane, states [][]float64, code []float64, steps int) (*Correction, error) {
	H, B := len(m.Pref), len(states)
	if err := m.Check(); err != nil {
		return nil, fmt.Errorf("hdtrain: correct: %w", err)
	}
	if steps < 0 {
		return nil, fmt.Errorf("hdtrain: correct: %d steps, want at least 0", steps)
	}
	if err := checkPlane(pca, H); err != nil {
		return nil, fmt.Errorf("hdtrain: correct: %w", err)
	}
	if len(code) != H {
		return nil, fmt.Errorf("hdtrain: correct: code has %d values, want %d", len(code), H)
	}
	h, err := flatten(states, H)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: correct: %w", err)
	}
	c := append([]float64(nil), h...)
	cg := m.Corr.InputGates(nil, code)
	pg := m.Pred.InputGates(nil, hdnet.VelocityCode(0))
	z := make([]float64, B*4*H)
	cr := &Correction{Time: -1, Clusters: make([]int, steps+1)}
	for t := 0; t <= steps; t++ {
		if t > 0 {
			m.Corr.StepGates(cg, h, c, B, z)
			m.Pred.StepGates(pg, h, c, B, z)
		}
		pts := pca.ProjectAll(h, H)
		idx, _ := hdnet.TakeIfFartherThan(pts, 2, hdnet.ClusterThreshold)
		cr.Clusters[t] = len(idx)
		if cr.Time < 0 && hdnet.SingleCluster(pts, 2, hdnet.ClusterThreshold) {
			cr.Time = t
		}
	}
	cr.Final = rows(h, H)
	return cr, nil
}
