package hdtrain

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"gonum.org/v1/gonum/floats"

	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/num"
)

// Integration is the outcome of the integration demo.
type Integration struct {
	Outputs []float64 // h_t after step t, t = 0..T−1 [T, H]
	True    []float64 // θ_t = θ_0 + Σ_{s≤t} w_s (radians, unwrapped)
	// MAE is the mean over steps of |wrap(decoded − true)| (radians), the
	// decoded heading being DecodeHeading(h_t).
	MAE float64
	// MAELagged is the same with the true heading one step behind,
	// θ_0 + Σ_{s<t} w_s (the notebook's "cumulative sum of the first T−1
	// velocities" read literally).
	MAELagged float64
}

// IntegrationDemo runs figure 3's demo (hdnet.Network.RunVelocities) from
// the on-ring state of heading theta0 (StateAt, with c = h) over the
// velocities vel (figure 3's: hdnet.DemoVelocities(hdnet.DemoSteps)) and
// decodes the heading of every output.
func (m *Model) IntegrationDemo(theta0 float64, vel []float64) (*Integration, error) {
	out, err := m.Network().RunVelocities(m.StateAt(theta0), vel)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: integration demo: %w", err)
	}
	H := len(m.Pref)
	r := &Integration{Outputs: out, True: make([]float64, len(vel))}
	th := theta0
	for t, w := range vel {
		th += w
		r.True[t] = th
		d := DecodeHeading(out[t*H:(t+1)*H], m.Pref)
		r.MAE += math.Abs(Wrap(d-th)) / float64(len(vel))
		r.MAELagged += math.Abs(Wrap(d-(th-w))) / float64(len(vel))
	}
	return r, nil
}

// Figure3 is figure 3's setting (cells 9–12) for a model: the integration
// demo from StateAt(0); the plane of all units (hdnet.PCA) and the
// distribution of random initial states (hdnet.InitialDistribution), both
// fitted to the demo's outputs thinned by hdnet.TakeIfFartherThan with
// threshold hdnet.ClusterThreshold; random initial states; and the runs
// from them at zero velocity.
type Figure3 struct {
	Demo   *Integration
	PCA    *hdnet.PCA
	Starts []float64 // random initial states [N, H]
	// Change over the runs of ‖h_{t+1} − h_t‖ (h_0 the initial state) at
	// each step t: its mean and 95% quantile.
	ChangeMean, ChangeQ95 []float64
	// SettleStep is the first t from which ChangeQ95 stays below
	// SettleTolerance; −1 if it never does.
	SettleStep int
	// Unsettled counts the runs whose last change is ≥ SettleTolerance.
	Unsettled int
	// RadiusSpread is (max − min)/median of the final states' distances
	// from the PCA origin; small for states on a ring.
	RadiusSpread float64
	// MaxGap is the largest angular gap (radians) between the PCA angles of
	// the final states; small when they go all around the ring.
	MaxGap float64
	// Attractors are the distinct attractor states [B, H] (cell 12,
	// hdnet.AttractorIndices of the final states).
	Attractors []float64
}

// SettleTolerance is the step-to-step change below which the state counts
// as settled: 0.01, against changes of order 1 at the start (figure 3C's
// axis spans 0–2).
const SettleTolerance = 0.01

// Figure3 runs figure 3's setting: the demo over
// hdnet.DemoVelocities(hdnet.DemoSteps), runs random initial states drawn
// from rng (hdnet.InitialDistribution.Sample) and steps zero-velocity steps
// (velocity code 10·(1, 0)) from each, all runs as one batch
// (hdnet.LSTM.StepGates).
func (m *Model) Figure3(runs, steps int, rng *rand.Rand) (*Figure3, error) {
	if runs < 1 || steps < 1 || rng == nil {
		return nil, fmt.Errorf("hdtrain: figure 3: %d runs of %d steps (want at least 1 and 1) and a random source", runs, steps)
	}
	if H := len(m.Pref); m.Pred.H != H || m.Corr.H != H || m.Corr.In != H {
		return nil, fmt.Errorf("hdtrain: figure 3: LSTMs of %d and %d units for %d preferred headings", m.Pred.H, m.Corr.H, H)
	}
	demo, err := m.IntegrationDemo(0, hdnet.DemoVelocities(hdnet.DemoSteps))
	if err != nil {
		return nil, err
	}
	H := len(m.Pref)
	_, kept := hdnet.TakeIfFartherThan(demo.Outputs, H, hdnet.ClusterThreshold)
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
	f := &Figure3{Demo: demo, PCA: pca, Starts: init.Sample(rng, runs), SettleStep: -1,
		ChangeMean: make([]float64, steps), ChangeQ95: make([]float64, steps)}
	h := append([]float64(nil), f.Starts...)
	c := append([]float64(nil), h...)
	prev := make([]float64, runs*H)
	g := m.Pred.InputGates(nil, hdnet.VelocityCode(0))
	z := make([]float64, runs*4*H)
	change := make([]float64, runs)
	for t := 0; t < steps; t++ {
		copy(prev, h)
		m.Pred.StepGates(g, h, c, runs, z)
		for r := range change {
			change[r] = floats.Distance(prev[r*H:(r+1)*H], h[r*H:(r+1)*H], 2)
		}
		f.ChangeMean[t] = floats.Sum(change) / float64(runs)
		f.ChangeQ95[t] = num.Quantile(change, 0.95)
	}
	for _, v := range change {
		if v >= SettleTolerance {
			f.Unsettled++
		}
	}
	for t := steps - 1; t >= 0 && f.ChangeQ95[t] < SettleTolerance; t-- {
		f.SettleStep = t
	}
	proj := pca.ProjectAll(h, H)
	radii, angles := make([]float64, runs), make([]float64, runs)
	for i := range radii {
		radii[i] = math.Hypot(proj[2*i], proj[2*i+1])
		angles[i] = math.Atan2(proj[2*i+1], proj[2*i])
	}
	sort.Float64s(radii)
	f.RadiusSpread = (radii[runs-1] - radii[0]) / radii[runs/2]
	sort.Float64s(angles)
	f.MaxGap = angles[0] + 2*math.Pi - angles[runs-1]
	for i := 1; i < runs; i++ {
		f.MaxGap = math.Max(f.MaxGap, angles[i]-angles[i-1])
	}
	for _, i := range hdnet.AttractorIndices(proj) {
		f.Attractors = append(f.Attractors, h[i*H:(i+1)*H]...)
	}
	return f, nil
}

// rotation returns the mean rate (radians per step) at which the decoded
// heading and the PCA angle atan2(pc2, pc1) turn when the network runs at
// constant angular velocity w for steps ≥ 2 steps from each of starts
// [n, H] (hdnet.Network.Unroll): over steps 1..steps of each run,
// unwrapped along the run, averaged over runs.
func (m *Model) rotation(pca *hdnet.PCA, starts []float64, w float64, steps int) (decoded, pcaAngle float64, err error) {
	traj, err := m.Network().Unroll(starts, w, steps)
	if err != nil {
		return 0, 0, fmt.Errorf("hdtrain: rotation: %w", err)
	}
	H := len(m.Pref)
	n := len(starts) / H
	heading := func(i, t int) (float64, float64) {
		x := traj[(t*n+i)*H : (t*n+i+1)*H]
		p1, p2 := pca.Project(x)
		return DecodeHeading(x, m.Pref), math.Atan2(p2, p1)
	}
	for i := 0; i < n; i++ {
		d0, a0 := heading(i, 1)
		var dd, da float64
		for t := 2; t <= steps; t++ {
			d, a := heading(i, t)
			dd += Wrap(d - d0)
			da += Wrap(a - a0)
			d0, a0 = d, a
		}
		decoded += dd / float64(steps-1) / float64(n)
		pcaAngle += da / float64(steps-1) / float64(n)
	}
	return decoded, pcaAngle, nil
}

// correction is the outcome of correcting a set of states with one code.
type correction struct {
	// time is the first step t (t = 0 being the start) at which the
	// projected states form a single cluster (hdnet.SingleCluster with
	// threshold hdnet.ClusterThreshold); −1 if they never do.
	time  int
	final []float64 // final states [B, H]
	// minClusters is the least number of clusters seen: of projected
	// states hdnet.TakeIfFartherThan keeps.
	minClusters int
}

// correct runs figure 3's cell 14 for one code [H], as
// hdnet.Network.CorrectionRun does: from each of states [B, H] (c = h),
// 200 steps each of a correction step with input code and a prediction
// step at zero velocity, all states as one batch; the convergence time is
// cell 15's.
func (m *Model) correct(pca *hdnet.PCA, states, code []float64) *correction {
	H, B := len(m.Pref), len(states)/len(m.Pref)
	h := append([]float64(nil), states...)
	c := append([]float64(nil), h...)
	cg := m.Corr.InputGates(nil, code)
	pg := m.Pred.InputGates(nil, hdnet.VelocityCode(0))
	z := make([]float64, B*4*H)
	cr := &correction{time: -1, minClusters: math.MaxInt}
	for t := 0; t <= hdnet.CorrectionSteps; t++ {
		if t > 0 {
			m.Corr.StepGates(cg, h, c, B, z)
			m.Pred.StepGates(pg, h, c, B, z)
		}
		pts := pca.ProjectAll(h, H)
		idx, _ := hdnet.TakeIfFartherThan(pts, 2, hdnet.ClusterThreshold)
		cr.minClusters = min(cr.minClusters, len(idx))
		if cr.time < 0 && hdnet.SingleCluster(pts, 2, hdnet.ClusterThreshold) {
			cr.time = t
		}
	}
	cr.final = h
	return cr
}

// Report holds the measured criteria of a head-direction network.
type Report struct {
	// The figure-3 setting measured: the integration demo (figure 3A,
	// Demo.MAE), and the attractor from Runs random states at zero velocity
	// (figure 3C, D: SettleStep, Unsettled, RadiusSpread, MaxGap).
	*Figure3
	DemoRadius float64 // median PCA radius of the demo states
	// Rotation (figure 3E): mean turning rate (radians per step) of the
	// decoded heading and of the PCA angle at ω = +0.16 and ω = −0.16.
	RotPlusDecoded, RotMinusDecoded float64
	RotPlusPCA, RotMinusPCA         float64
	// Clean correction codes (StateAt of 16 headings): convergence time of
	// all attractor states, per code (−1 never).
	CleanTimes []int
	// Spread clean codes: the mean of StateAt(θ + δ) over 11 offsets δ
	// evenly spaced in [−0.5, 0.5] rad, like a memory read that blends
	// slots written near one heading; their convergence times.
	SpreadTimes []int
	// Ambiguous codes (½·StateAt(ψ) + ½·StateAt(ψ+π)): convergence time per
	// code (−1 never), the least number of clusters seen in 200 steps, and
	// the fraction of attractor states (away from the boundary, more than
	// 0.3 rad from ψ ± π/2) that end within 0.3 rad of the nearer of ψ, ψ+π.
	AmbiguousTimes       []int
	AmbiguousMinClusters int
	AmbiguousNearer      float64
	// Unbalanced ambiguous codes (0.6·StateAt(ψ) + 0.4·StateAt(ψ+π)):
	// convergence times (−1 never).
	UnbalancedTimes []int
}

// The evaluation's sizes: clean codes at evalClean evenly spaced headings,
// ambiguous codes at evalAmbiguous headings ψ evenly spaced in [0, π), and
// random initial states drawn from PCG(evalSeed, 0xe7a1).
const (
	evalClean     = 16
	evalAmbiguous = 8
	evalSeed      = 7
)

// Evaluate measures every criterion of the network: figure 3's setting
// (Model.Figure3 with 500 random states and 500 steps, or with full figure
// 3's 1000 and 2000), the rotation by ±0.16 rad/step (from the first 20
// random states, 50 steps), and 200-step corrections of the attractor
// states with clean and ambiguous codes.
func Evaluate(m *Model, full bool) (*Report, error) {
	runs, steps := 500, 500
	if full {
		runs, steps = hdnet.RandomRunsCount, hdnet.RandomRunsSteps
	}
	f, err := m.Figure3(runs, steps, rand.New(rand.NewPCG(evalSeed, 0xe7a1)))
	if err != nil {
		return nil, err
	}
	H := len(m.Pref)
	r := &Report{Figure3: f}
	proj := f.PCA.ProjectAll(f.Demo.Outputs, H)
	radii := make([]float64, len(proj)/2)
	for i := range radii {
		radii[i] = math.Hypot(proj[2*i], proj[2*i+1])
	}
	r.DemoRadius = num.Quantile(radii, 0.5)
	few := f.Starts[:min(20, runs)*H]
	if r.RotPlusDecoded, r.RotPlusPCA, err = m.rotation(f.PCA, few, 0.16, 50); err != nil {
		return nil, err
	}
	if r.RotMinusDecoded, r.RotMinusPCA, err = m.rotation(f.PCA, few, -0.16, 50); err != nil {
		return nil, err
	}

	for k := 0; k < evalClean; k++ {
		theta := -math.Pi + 2*math.Pi*float64(k)/evalClean
		r.CleanTimes = append(r.CleanTimes, m.correct(f.PCA, f.Attractors, m.StateAt(theta)).time)
		code := make([]float64, H)
		for i := 0; i < 11; i++ {
			for u, v := range m.StateAt(theta - 0.5 + 0.1*float64(i)) {
				code[u] += v / 11
			}
		}
		r.SpreadTimes = append(r.SpreadTimes, m.correct(f.PCA, f.Attractors, code).time)
	}
	r.AmbiguousMinClusters = math.MaxInt
	var near, total int
	for k := 0; k < evalAmbiguous; k++ {
		psi := math.Pi * float64(k) / evalAmbiguous
		a, b := m.StateAt(psi), m.StateAt(psi+math.Pi)
		code := make([]float64, H)
		for u := range code {
			code[u] = 0.5*a[u] + 0.5*b[u]
		}
		c := m.correct(f.PCA, f.Attractors, code)
		r.AmbiguousTimes = append(r.AmbiguousTimes, c.time)
		r.AmbiguousMinClusters = min(r.AmbiguousMinClusters, c.minClusters)
		for u := range code {
			code[u] = 0.6*a[u] + 0.4*b[u]
		}
		r.UnbalancedTimes = append(r.UnbalancedTimes, m.correct(f.PCA, f.Attractors, code).time)
		for i := 0; i < len(f.Attractors)/H; i++ {
			d0 := Wrap(DecodeHeading(f.Attractors[i*H:(i+1)*H], m.Pref) - psi)
			if math.Abs(math.Abs(d0)-math.Pi/2) < 0.3 {
				continue
			}
			goal := psi
			if math.Abs(d0) > math.Pi/2 {
				goal = psi + math.Pi
			}
			total++
			if math.Abs(Wrap(DecodeHeading(c.final[i*H:(i+1)*H], m.Pref)-goal)) < 0.3 {
				near++
			}
		}
	}
	if total > 0 {
		r.AmbiguousNearer = float64(near) / float64(total)
	}
	return r, nil
}

// maxTime returns the largest of times, or −1 if any is −1 (never).
func maxTime(times []int) int {
	if slices.Contains(times, -1) {
		return -1
	}
	return slices.Max(times)
}

// Print writes the report in a readable form.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "integration demo: MAE %.3f rad (lagged truth %.3f), PCA ring radius %.3f\n", r.Demo.MAE, r.Demo.MAELagged, r.DemoRadius)
	fmt.Fprintf(w, "attractor: settled (q95 change < %.2g) from step %d; change at step 50: mean %.2g, q95 %.2g; %d runs unsettled at the end\n", SettleTolerance, r.SettleStep, r.ChangeMean[50], r.ChangeQ95[50], r.Unsettled)
	fmt.Fprintf(w, "ring: radius spread %.3f, largest angular gap %.3f rad, %d attractor states\n", r.RadiusSpread, r.MaxGap, len(r.Attractors)/len(r.PCA.Units))
	fmt.Fprintf(w, "rotation at +0.16: decoded %+.4f rad/step, PCA %+.4f; at -0.16: decoded %+.4f, PCA %+.4f\n", r.RotPlusDecoded, r.RotPlusPCA, r.RotMinusDecoded, r.RotMinusPCA)
	fmt.Fprintf(w, "clean codes: convergence times %v (max %d)\n", r.CleanTimes, maxTime(r.CleanTimes))
	fmt.Fprintf(w, "spread clean codes (±0.5 rad): convergence times %v (max %d)\n", r.SpreadTimes, maxTime(r.SpreadTimes))
	fmt.Fprintf(w, "ambiguous codes: convergence times %v, fewest clusters %d, states to the nearer heading %.3f\n", r.AmbiguousTimes, r.AmbiguousMinClusters, r.AmbiguousNearer)
	fmt.Fprintf(w, "ambiguous codes mixed 60:40: convergence times %v\n", r.UnbalancedTimes)
}
