package hdnet

import (
	"fmt"
	"math"
	"sort"

	"github.com/smp-go/smp-go/smp/num"
)

// Figure 3's runs from random initial states (cell 11).
const (
	RandomRunsCount = 1000 // runs (10 batches of 100 in the original)
	RandomRunsSteps = 2000 // steps per run
	LimitsFromStep  = 3    // PCA limits use the projections of steps ≥ 3
)

// RunOptions configures Network.Runs.
type RunOptions struct {
	W    float64 // angular velocity, radians per step (cell 11: 0)
	Keep int     // keep the states of steps 0..Keep (Keep ≥ steps keeps all)

	// PCA, if set, makes Runs track the bounds of the projections of all
	// states from step ProjectFrom on (cell 12's PCA limits).
	PCA         *PCA
	ProjectFrom int

	Workers  int                   // goroutines; ≤ 0 means GOMAXPROCS
	Progress func(done, total int) // called as chunks of runs finish; may be nil
}

// Runs holds N trajectories of the prediction LSTM from given initial
// states, without storing every step: the first Keep+1 states of each run
// and the final one.
type Runs struct {
	N, Steps, H int
	Keep        int       // states 0..Keep are kept
	Head        []float64 // [N, Keep+1, H]
	Final       []float64 // state after Steps steps [N, H]
	// Bounds of the PCA projections of steps ≥ ProjectFrom (when RunOptions.PCA
	// was set; otherwise empty).
	Bounds Bounds
}

// runChunk is the number of runs one task advances through all steps.
const runChunk = 40

// Runs runs the prediction LSTM from the initial states h0 [N, H] (c = h) for
// steps steps at angular velocity opts.W, in parallel over chunks of runs.
// Cell 11 is Runs(initial, RandomRunsSteps, RunOptions{Keep: ..., PCA: pca,
// ProjectFrom: LimitsFromStep}).
func (n *Network) Runs(h0 []float64, steps int, opts RunOptions) (*Runs, error) {
	H := n.H
	if len(h0) == 0 || len(h0)%H != 0 {
		return nil, fmt.Errorf("hdnet: Runs: %d initial values are not a whole number of states of size %d", len(h0), H)
	}
	if steps < 0 {
		return nil, fmt.Errorf("hdnet: Runs: negative number of steps %d", steps)
	}
	N := len(h0) / H
	keep := min(max(opts.Keep, 0), steps)
	r := &Runs{N: N, Steps: steps, H: H, Keep: keep,
		Head: make([]float64, N*(keep+1)*H), Final: make([]float64, N*H), Bounds: EmptyBounds()}
	g := n.Prediction.InputGates(nil, VelocityCode(opts.W))
	chunks := (N + runChunk - 1) / runChunk
	bounds := make([]Bounds, chunks)
	num.ParallelFor(chunks, opts.Workers, opts.Progress, func(_, k int) {
		lo, hi := k*runChunk, min((k+1)*runChunk, N)
		bounds[k] = n.runChunk(r, g, h0[lo*H:hi*H], lo, opts)
	})
	for _, b := range bounds {
		r.Bounds.Merge(b)
	}
	return r, nil
}

// runChunk advances the runs lo, lo+1, ... from their initial states h0
// [B, H] through r.Steps steps with input gates g, stores their kept and
// final states in r and returns the bounds of their projections.
//
// A run whose state (h, c) comes out of a step bit for bit unchanged has
// reached a fixed point of the deterministic step: every later state equals
// it. Such a run leaves the batch; its remaining kept states and its final
// state are copies, and its projection is already in the bounds. The
// results are identical to running every step (each row of a batch step is
// computed independently of the others).
func (n *Network) runChunk(r *Runs, g, h0 []float64, lo int, opts RunOptions) Bounds {
	H, keep, steps := r.H, r.Keep, r.Steps
	B := len(h0) / H
	h := append([]float64(nil), h0...)
	c := append([]float64(nil), h0...)
	ph, pc := make([]float64, B*H), make([]float64, B*H)
	z := make([]float64, B*4*H)
	run := make([]int, B) // run[j]: the run (offset from lo) in row j of the batch
	for j := range run {
		run[j] = j
	}
	bd := EmptyBounds()
	record := func(t, m int) {
		for j := 0; j < m; j++ {
			x := h[j*H : (j+1)*H]
			if t <= keep {
				copy(r.Head[((lo+run[j])*(keep+1)+t)*H:], x)
			}
			if opts.PCA != nil && t >= opts.ProjectFrom {
				bd.Add(opts.PCA.Project(x))
			}
		}
	}
	// finish stores the final state of row j, fixed from step t on, and
	// the kept states after t.
	finish := func(j, t int) {
		x := h[j*H : (j+1)*H]
		for u := t + 1; u <= keep; u++ {
			copy(r.Head[((lo+run[j])*(keep+1)+u)*H:], x)
		}
		if opts.PCA != nil && t < opts.ProjectFrom && steps >= opts.ProjectFrom {
			bd.Add(opts.PCA.Project(x))
		}
		copy(r.Final[(lo+run[j])*H:], x)
	}
	m := B // rows still moving
	record(0, m)
	for t := 1; t <= steps && m > 0; t++ {
		copy(ph, h[:m*H])
		copy(pc, c[:m*H])
		n.Prediction.StepGates(g, h[:m*H], c[:m*H], m, z)
		record(t, m)
		moving := 0
		for j := 0; j < m; j++ {
			rows := func(v []float64) []float64 { return v[j*H : (j+1)*H] }
			if t < steps && !sameState(rows(h), rows(c), rows(ph), rows(pc)) {
				if moving != j {
					copy(h[moving*H:(moving+1)*H], rows(h))
					copy(c[moving*H:(moving+1)*H], rows(c))
					run[moving] = run[j]
				}
				moving++
				continue
			}
			finish(j, t)
		}
		m = moving
	}
	if steps == 0 {
		for j := 0; j < B; j++ {
			finish(j, 0)
		}
	}
	return bd
}

// sameState reports whether the states (h, c) and (ph, pc) are equal bit
// for bit.
func sameState(h, c, ph, pc []float64) bool {
	for u := range h {
		if math.Float64bits(h[u]) != math.Float64bits(ph[u]) || math.Float64bits(c[u]) != math.Float64bits(pc[u]) {
			return false
		}
	}
	return true
}

// State returns the state of run i after t steps [H]: t ≤ Keep or t = Steps.
func (r *Runs) State(i, t int) ([]float64, error) {
	if i < 0 || i >= r.N {
		return nil, fmt.Errorf("hdnet: run %d out of range [0, %d)", i, r.N)
	}
	switch {
	case t == r.Steps:
		return r.Final[i*r.H : (i+1)*r.H], nil
	case t >= 0 && t <= r.Keep:
		o := (i*(r.Keep+1) + t) * r.H
		return r.Head[o : o+r.H], nil
	}
	return nil, fmt.Errorf("hdnet: step %d of the runs was not kept (kept 0..%d and %d)", t, r.Keep, r.Steps)
}

// StatesAt returns the states of all runs after t steps [N, H] (t ≤ Keep or
// t = Steps).
func (r *Runs) StatesAt(t int) ([]float64, error) {
	out := make([]float64, 0, r.N*r.H)
	for i := 0; i < r.N; i++ {
		s, err := r.State(i, t)
		if err != nil {
			return nil, err
		}
		out = append(out, s...)
	}
	return out, nil
}

// ChangeStats summarises the step-to-step change of runs (panel C): for
// run i and step t, d[i, t] = |x_{t+1}[units] - x_t[units]| (Euclidean), and
// over the runs, per step t: the mean, and the 5% and 95% quantiles (linear
// interpolation, as numpy).
type ChangeStats struct {
	Mean, Q05, Q95 []float64 // [steps]
}

// Change returns the change statistics of the first steps steps (≤ Keep).
func (r *Runs) Change(units []int, steps int) (*ChangeStats, error) {
	if steps < 0 || steps > r.Keep {
		return nil, fmt.Errorf("hdnet: Change: %d steps requested, %d kept", steps, r.Keep)
	}
	cs := &ChangeStats{Mean: make([]float64, steps), Q05: make([]float64, steps), Q95: make([]float64, steps)}
	d := make([]float64, r.N)
	for t := 0; t < steps; t++ {
		for i := range d {
			a, _ := r.State(i, t)
			b, _ := r.State(i, t+1)
			s := 0.0
			for _, u := range units {
				e := b[u] - a[u]
				s += e * e
			}
			d[i] = math.Sqrt(s)
		}
		sum := 0.0
		for _, v := range d {
			sum += v
		}
		cs.Mean[t] = sum / float64(len(d))
		cs.Q05[t] = num.Quantile(d, 0.05)
		cs.Q95[t] = num.Quantile(d, 0.95)
	}
	return cs, nil
}

// AttractorAngleStep is the angular separation (radians, 0.1 degree) above
// which cell 12 keeps a converged state as a new attractor state.
const AttractorAngleStep = 0.1 * math.Pi / 360 * 2

// AttractorIndices picks distinct attractor states from converged states'
// projections proj [N, 2] (cell 12): it orders the states by their angle in
// the PCA plane, atan2(pc2, pc1), ascending (ties by index), keeps the first
// and then each state whose angle exceeds the last kept one's by more than
// AttractorAngleStep. It returns the kept indices, in that order.
func AttractorIndices(proj []float64) []int {
	N := len(proj) / 2
	ang := make([]float64, N)
	order := make([]int, N)
	for i := range ang {
		ang[i] = math.Atan2(proj[2*i+1], proj[2*i])
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ang[order[a]] < ang[order[b]] })
	var chosen []int
	last := 0.0
	for _, i := range order {
		if len(chosen) == 0 || ang[i]-last > AttractorAngleStep {
			chosen = append(chosen, i)
			last = ang[i]
		}
	}
	return chosen
}
