package hdtrain

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"github.com/smp-go/smp-go/smp/num"
)

// Report holds the measured criteria of a head-direction network.
type Report struct {
	// Integration demo (figure 3A): decoding error in radians.
	DemoMAE, DemoMAELagged float64
	DemoRadius             float64 // median PCA radius of the demo states
	// Attractor (figure 3C, D), from Runs random states at zero velocity.
	SettleStep     int     // first step from which the 95% quantile of the change is < 0.01
	ChangeMean50   float64 // mean change at step 50
	ChangeQ95At50  float64 // its 95% quantile
	Unsettled      int     // runs still changing by ≥ 0.01 at the last step
	RadiusSpread   float64 // (max − min)/median PCA radius of the final states
	MaxGap         float64 // largest angular gap (radians) between final states
	AttractorCount int     // distinct attractor states (cell 12)
	// Rotation (figure 3E): mean turning rate (radians per step) of the
	// decoded heading and of the PCA angle at ω = +0.16 and ω = −0.16.
	RotPlusDecoded, RotMinusDecoded float64
	RotPlusPCA, RotMinusPCA         float64
	// Clean correction codes (StateAt of CleanCodes headings): convergence
	// time of all attractor states, per code, and its maximum (−1 never).
	CleanTimes   []int
	CleanMaxTime int
	// Spread clean codes: the mean of StateAt(θ + δ) over 11 offsets δ
	// evenly spaced in [−0.5, 0.5] rad, like a memory read that blends
	// slots written near one heading; their convergence times.
	SpreadTimes   []int
	SpreadMaxTime int
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

// EvalConfig sets the sizes of the evaluation.
type EvalConfig struct {
	Seed       uint64
	Runs       int // random initial states (figure 3: 1000)
	Steps      int // zero-velocity steps per run (figure 3: 2000)
	CleanCodes int // headings of clean codes, evenly spaced
	Ambiguous  int // headings ψ of ambiguous codes, evenly spaced in [0, π)
}

// DefaultEval returns the evaluation the tests use.
func DefaultEval() EvalConfig {
	return EvalConfig{Seed: 7, Runs: 500, Steps: 500, CleanCodes: 16, Ambiguous: 8}
}

// Evaluate measures every criterion of the network: the integration demo
// from StateAt(0), the attractor from figure 3's random initial states, the
// rotation by ±0.16 rad/step (from the first 20 random states, 50 steps),
// and 200-step corrections of the attractor states with clean and
// ambiguous codes.
func Evaluate(m *Model, cfg EvalConfig) (*Report, error) {
	if err := m.Check(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xe7a1))
	r := &Report{}
	demo, err := m.IntegrationDemo(0, DemoVelocities())
	if err != nil {
		return nil, err
	}
	r.DemoMAE, r.DemoMAELagged = demo.MAE, demo.MAELagged
	pca, err := DemoPCA(demo.Outputs)
	if err != nil {
		return nil, err
	}
	radii := make([]float64, len(demo.Outputs))
	for i, x := range demo.Outputs {
		p1, p2 := pca.Project(x)
		radii[i] = math.Hypot(p1, p2)
	}
	r.DemoRadius = num.Quantile(radii, 0.5)
	starts := pca.RandomStates(cfg.Runs, rng)
	att, err := m.Attractor(pca, starts, cfg.Steps)
	if err != nil {
		return nil, err
	}
	r.SettleStep, r.Unsettled = att.SettleStep, att.Unsettled
	if len(att.ChangeMean) > 50 {
		r.ChangeMean50, r.ChangeQ95At50 = att.ChangeMean[50], att.ChangeQ95[50]
	}
	r.RadiusSpread, r.MaxGap, r.AttractorCount = att.RadiusSpread, att.MaxGap, len(att.States)
	few := starts[:min(20, len(starts))]
	if r.RotPlusDecoded, r.RotPlusPCA, err = m.Rotation(pca, few, 0.16, 50); err != nil {
		return nil, err
	}
	if r.RotMinusDecoded, r.RotMinusPCA, err = m.Rotation(pca, few, -0.16, 50); err != nil {
		return nil, err
	}

	for k := 0; k < cfg.CleanCodes; k++ {
		theta := -math.Pi + 2*math.Pi*float64(k)/float64(cfg.CleanCodes)
		c, err := m.CorrectionRun(pca, att.States, m.StateAt(theta), 200)
		if err != nil {
			return nil, err
		}
		r.CleanTimes = append(r.CleanTimes, c.Time)
		code := make([]float64, len(m.Pref))
		for i := 0; i < 11; i++ {
			for u, v := range m.StateAt(theta - 0.5 + 0.1*float64(i)) {
				code[u] += v / 11
			}
		}
		if c, err = m.CorrectionRun(pca, att.States, code, 200); err != nil {
			return nil, err
		}
		r.SpreadTimes = append(r.SpreadTimes, c.Time)
	}
	r.CleanMaxTime, r.SpreadMaxTime = maxTime(r.CleanTimes), maxTime(r.SpreadTimes)
	r.AmbiguousMinClusters = math.MaxInt
	var near, total int
	for k := 0; k < cfg.Ambiguous; k++ {
		psi := math.Pi * float64(k) / float64(cfg.Ambiguous)
		a, b := m.StateAt(psi), m.StateAt(psi+math.Pi)
		code := make([]float64, len(a))
		for u := range code {
			code[u] = 0.5*a[u] + 0.5*b[u]
		}
		c, err := m.CorrectionRun(pca, att.States, code, 200)
		if err != nil {
			return nil, err
		}
		r.AmbiguousTimes = append(r.AmbiguousTimes, c.Time)
		for u := range code {
			code[u] = 0.6*a[u] + 0.4*b[u]
		}
		cu, err := m.CorrectionRun(pca, att.States, code, 200)
		if err != nil {
			return nil, err
		}
		r.UnbalancedTimes = append(r.UnbalancedTimes, cu.Time)
		for _, n := range c.Clusters {
			r.AmbiguousMinClusters = min(r.AmbiguousMinClusters, n)
		}
		for i, x := range att.States {
			d0 := Wrap(DecodeHeading(x, m.Pref) - psi)
			if math.Abs(math.Abs(d0)-math.Pi/2) < 0.3 {
				continue
			}
			goal := psi
			if math.Abs(d0) > math.Pi/2 {
				goal = psi + math.Pi
			}
			total++
			if math.Abs(Wrap(DecodeHeading(c.Final[i], m.Pref)-goal)) < 0.3 {
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
	m := 0
	for _, t := range times {
		if t < 0 {
			return -1
		}
		m = max(m, t)
	}
	return m
}

// Print writes the report in a readable form.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "integration demo: MAE %.3f rad (lagged truth %.3f), PCA ring radius %.3f\n", r.DemoMAE, r.DemoMAELagged, r.DemoRadius)
	fmt.Fprintf(w, "attractor: settled (q95 change < %.2g) from step %d; change at step 50: mean %.2g, q95 %.2g; %d runs unsettled at the end\n", SettleTolerance, r.SettleStep, r.ChangeMean50, r.ChangeQ95At50, r.Unsettled)
	fmt.Fprintf(w, "ring: radius spread %.3f, largest angular gap %.3f rad, %d attractor states\n", r.RadiusSpread, r.MaxGap, r.AttractorCount)
	fmt.Fprintf(w, "rotation at +0.16: decoded %+.4f rad/step, PCA %+.4f; at -0.16: decoded %+.4f, PCA %+.4f\n", r.RotPlusDecoded, r.RotPlusPCA, r.RotMinusDecoded, r.RotMinusPCA)
	fmt.Fprintf(w, "clean codes: convergence times %v (max %d)\n", r.CleanTimes, r.CleanMaxTime)
	fmt.Fprintf(w, "spread clean codes (±0.5 rad): convergence times %v (max %d)\n", r.SpreadTimes, r.SpreadMaxTime)
	fmt.Fprintf(w, "ambiguous codes: convergence times %v, fewest clusters %d, states to the nearer heading %.3f\n", r.AmbiguousTimes, r.AmbiguousMinClusters, r.AmbiguousNearer)
	fmt.Fprintf(w, "ambiguous codes mixed 60:40: convergence times %v\n", r.UnbalancedTimes)
}
