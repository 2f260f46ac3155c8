package synth_test

import (
	"math"
	"sort"
	"testing"
	"time"

	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/notebook"
	"github.com/smp-go/smp-go/smp/synth"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// committedHDNet is the head-direction LSTM the generator uses for figure 3
// (made by smp/synth/hdtrain, see data/hdnet/README.md).
const committedHDNet = "../../data/hdnet/params.npz"

// figure3Config is a small world for figure 3's criteria: 24 trajectories
// of 200 steps (4,800 samples, enough for two maps of 512 slots) and the
// 512 views figure 3's corrections use.
func figure3Config() synth.Config {
	c := synth.DefaultConfig(3)
	c.Trajectories, c.Steps, c.Images = 24, 200, hdnet.CorrectionImages
	return c
}

// figure3Params are figure 3's parameters with fewer random runs and
// steps, so the test stays fast. Runs 11 and 41 (panel E) exist.
func figure3Params() notebook.Figure3Params {
	p := notebook.PaperFigure3(1)
	p.RandomRuns, p.RandomSteps = 200, 300
	return p
}

// TestFigure3CriteriaGeneratedWorld generates a small world with the
// committed head-direction LSTM, writes it, loads figure 3's three data
// sets back, runs figure 3's steps on them (notebook.Figure3, no cache)
// and checks the spec's figure-3 criteria:
//
//   - the population-decoded heading on the demo tracks the true heading
//     with a mean absolute error below 0.3 rad;
//   - from random initial states at zero velocity the step-to-step change
//     falls to near zero within about 50 steps, and the final states lie
//     on a ring in the PCA plane;
//   - ω = +0.16 and -0.16 rad/step turn the state around the ring in
//     opposite directions;
//   - a clear majority of the first min(512, I) views collapse all
//     attractor states within 10 steps, a visible minority never do in 200.
func TestFigure3CriteriaGeneratedWorld(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a world and runs figure 3's analysis")
	}
	net, _, err := synth.LoadLSTM(committedHDNet, committedHDNet)
	if err != nil {
		t.Fatalf("the committed head-direction LSTM (made by smp/synth/hdtrain): %v", err)
	}
	w, err := synth.Generate(figure3Config(), net)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := w.Write(dir); err != nil {
		t.Fatal(err)
	}
	truth, err := synth.ReadTruth(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := figure3Params()
	f := notebook.NewFigure3(&notebook.Source{Dir: dir, NoCache: true}, p, nil)
	sum, err := f.Summary()
	if err != nil {
		t.Fatal(err)
	}
	pref := make([]float64, sum.H)
	for _, u := range truth.Units {
		if u.RNN != 1 {
			continue
		}
		if u.Angle == nil {
			t.Fatalf("RNN-1 unit %d has no planted preferred heading", u.Unit)
		}
		pref[u.Unit] = *u.Angle
	}

	p.CorrectionImages = min(hdnet.CorrectionImages, sum.Images)
	f.Params = p
	var in figures.Figure3Input
	var att *notebook.Figure3Attractors
	t0 := time.Now()
	for _, s := range []struct {
		name string
		f    func() error
	}{
		{"HD cells", func() (err error) { in.HDCells, err = f.HDCells(); return err }},
		{"demo", func() (err error) { in.Demo, err = f.Demo(); return err }},
		{"random runs", func() error {
			r, err := f.RandomRuns()
			if err == nil {
				in.Change, in.FinalPCA = r.Change, r.FinalPCA
			}
			return err
		}},
		{"attractors", func() (err error) { att, err = f.Attractors(); return err }},
		{"flows", func() (err error) { in.Flows, err = f.Flows(); return err }},
		{"corrections", func() (err error) { in.Corrections, err = f.Corrections(); return err }},
	} {
		if err := s.f(); err != nil {
			t.Fatalf("figure 3 %s: %v", s.name, err)
		}
	}
	t.Logf("world: %d x %d samples, %d images; %d HD cells; steps %.1f s",
		w.Config.Trajectories, w.Config.Steps, sum.Images, len(in.HDCells), time.Since(t0).Seconds())

	t.Run("Integration", func(t *testing.T) {
		checkFigure3Demo(t, in.Demo, p.DemoState, truth.Maps[0][p.DemoState].HD, pref)
	})
	t.Run("Attractor", func(t *testing.T) { checkFigure3Attractor(t, in, p, len(att.Runs)) })
	t.Run("Rotation", func(t *testing.T) { checkFigure3Flows(t, in.Flows) })
	t.Run("Correction", func(t *testing.T) { checkFigure3Corrections(t, in.Corrections, truth) })
}

// checkFigure3Demo decodes the demo's outputs by the population vector of
// the planted preferred headings pref and compares them with the true
// heading, theta0 (the heading the demo's written state was written at)
// plus the velocities integrated up to and including each step.
func checkFigure3Demo(t *testing.T, d *hdnet.Demo, state int, theta0 float64, pref []float64) {
	H := d.H
	th := theta0
	var mae, maeLagged, worst float64
	for k, v := range d.Velocities {
		th += v
		dec := hdtrain.DecodeHeading(d.Trajectory[k*H:(k+1)*H], pref)
		e := math.Abs(hdtrain.Wrap(dec - th))
		mae += e
		maeLagged += math.Abs(hdtrain.Wrap(dec - (th - v)))
		worst = math.Max(worst, e)
	}
	mae /= float64(d.T)
	maeLagged /= float64(d.T)
	t.Logf("demo (%d steps from written state %d at heading %.3f rad): decoding MAE %.3f rad (%.3f against the truth one step behind), worst %.3f rad",
		d.T, state, theta0, mae, maeLagged, worst)
	if !(mae < 0.3) {
		t.Errorf("demo: decoded heading's mean absolute error %.3f rad, want < 0.3", mae)
	}
}

// figure3SettleTolerance is the step-to-step change below which a run
// counts as settled (hdtrain.SettleTolerance, against changes of order 1
// at the start).
const figure3SettleTolerance = hdtrain.SettleTolerance

// checkFigure3Attractor checks panel C's change statistics and panel D's
// final states.
func checkFigure3Attractor(t *testing.T, in figures.Figure3Input, p notebook.Figure3Params, attractors int) {
	ch := in.Change
	n := len(ch.Q95)
	settle := -1
	for s := n - 1; s >= 0 && ch.Q95[s] < figure3SettleTolerance; s-- {
		settle = s
	}
	at := func(v []float64, s int) float64 { return v[min(s, len(v)-1)] }
	t.Logf("random runs: %d x %d steps; change mean %.3g at step 0, %.3g at 10, %.3g at 50, %.3g at %d; 95%% quantile %.3g at 50; below %.2g from step %d",
		p.RandomRuns, p.RandomSteps, ch.Mean[0], at(ch.Mean, 10), at(ch.Mean, 50), ch.Mean[n-1], n-1, at(ch.Q95, 50), figure3SettleTolerance, settle)
	if settle < 0 || settle > 50 {
		t.Errorf("attractor: the 95%% quantile of the step-to-step change stays below %g only from step %d (want ≤ 50; -1: never within %d steps)",
			figure3SettleTolerance, settle, n)
	}

	// Final states on a ring: their distances from the PCA origin vary
	// little, and their angles go all around.
	N := len(in.FinalPCA) / 2
	radii, angles := make([]float64, N), make([]float64, N)
	for i := range radii {
		x, y := in.FinalPCA[2*i], in.FinalPCA[2*i+1]
		radii[i], angles[i] = math.Hypot(x, y), math.Atan2(y, x)
	}
	sort.Float64s(radii)
	sort.Float64s(angles)
	med := radii[N/2]
	spread := (radii[N-1] - radii[0]) / med
	gap := angles[0] + 2*math.Pi - angles[N-1]
	for i := 1; i < N; i++ {
		gap = math.Max(gap, angles[i]-angles[i-1])
	}
	t.Logf("final states: median PCA radius %.3f, spread (max-min)/median %.3f, largest angular gap %.3f rad, %d attractor states",
		med, spread, gap, attractors)
	if !(spread <= 0.2) || !(gap <= math.Pi/4) || attractors < 8 {
		t.Errorf("ring: radius spread %.3f (want ≤ 0.2), largest gap %.3f rad (want ≤ π/4), %d attractor states (want ≥ 8)",
			spread, gap, attractors)
	}
}

// checkFigure3Flows checks panel E: the PCA angle of the state turns one
// way at ω = -0.16 and the other way at +0.16, about 0.16 rad per step
// once the state has reached the ring (from step 10).
func checkFigure3Flows(t *testing.T, flows [2]hdnet.Curve) {
	const from = 10
	var rate [2]float64
	for k, f := range flows {
		steps := len(f.Data)/2 - 1
		if steps <= from {
			t.Fatalf("flow at ω = %+.2f has %d steps, want more than %d", f.W, steps, from)
		}
		turn := 0.0
		for s := from; s < steps; s++ {
			a0 := math.Atan2(f.Data[2*s+1], f.Data[2*s])
			a1 := math.Atan2(f.Data[2*s+3], f.Data[2*s+2])
			turn += hdtrain.Wrap(a1 - a0)
		}
		rate[k] = turn / float64(steps-from)
		t.Logf("flow from random run %d at ω = %+.2f rad/step: PCA angle turns %+.4f rad/step (steps %d..%d)", f.Run, f.W, rate[k], from, steps)
	}
	if !(rate[0]*rate[1] < 0) {
		t.Errorf("ω = ±0.16 turn the PCA angle at %+.4f and %+.4f rad/step, want opposite directions", rate[0], rate[1])
	}
	for k, r := range rate {
		if math.Abs(math.Abs(r)-hdnet.FlowVelocity) > 0.25*hdnet.FlowVelocity {
			t.Errorf("ω = %+.2f turns the PCA angle at %+.4f rad/step, want about ±%.2f", flows[k].W, r, hdnet.FlowVelocity)
		}
	}
}

// checkFigure3Corrections checks panel G: the fraction of views that
// collapse all attractor states within 10 steps, and of those that never do
// in CorrectionSteps steps. It also reports how these relate to the views
// the ground truth marks ambiguous.
func checkFigure3Corrections(t *testing.T, c *figures.Figure3Corrections, truth *synth.Truth) {
	I := len(c.Times)
	var quick, never, ambig, ambigNever, quickAmbig int
	hist := map[string]int{}
	for i, tm := range c.Times {
		amb := truth.Images[i].Ambiguous
		if amb {
			ambig++
		}
		switch {
		case math.IsInf(tm, 1):
			never++
			hist["never"]++
			if amb {
				ambigNever++
			}
		case tm <= 10:
			quick++
			hist["0-10"]++
			if amb {
				quickAmbig++
			}
		case tm <= 50:
			hist["11-50"]++
		default:
			hist["51-200"]++
		}
	}
	fq, fn := float64(quick)/float64(I), float64(never)/float64(I)
	t.Logf("corrections: %d views from %d attractor states, %d steps; collapse within 10 steps %d (%.1f%%), never %d (%.1f%%); histogram %v",
		I, c.Attractors, c.Steps, quick, 100*fq, never, 100*fn, hist)
	t.Logf("ground truth: %d views ambiguous (north/south walls only); %d of them never collapse, %d collapse within 10 steps; %d non-ambiguous views never collapse",
		ambig, ambigNever, quickAmbig, never-ambigNever)
	if !(fq > 0.5) {
		t.Errorf("%.1f%% of the views collapse all attractor states within 10 steps, want a clear majority (> 50%%)", 100*fq)
	}
	if !(fn >= 0.03) {
		t.Errorf("%.1f%% of the views never collapse them in %d steps, want a visible minority (≥ 3%%)", 100*fn, c.Steps)
	}
}
