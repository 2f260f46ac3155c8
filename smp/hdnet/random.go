package hdnet

import (
	"fmt"
	"math"
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
	parallelFor(chunks, opts.Workers, opts.Progress, func(_, k int) {
		lo, hi := k*runChunk, min((k+1)*runChunk, N)
		B := hi - lo
		h := append([]float64(nil), h0[lo*H:hi*H]...)
		c := append([]float64(nil), h...)
		z := make([]float64, B*4*H)
		bd := EmptyBounds()
		record := func(t int) {
			if t <= keep {
				for b := 0; b < B; b++ {
					copy(r.Head[((lo+b)*(keep+1)+t)*H:], h[b*H:(b+1)*H])
				}
			}
			if opts.PCA != nil && t >= opts.ProjectFrom {
				for b := 0; b < B; b++ {
					bd.Add(opts.PCA.Project(h[b*H : (b+1)*H]))
				}
			}
		}
		record(0)
		for t := 1; t <= steps; t++ {
			n.Prediction.StepGates(g, h, c, B, z)
			record(t)
		}
		copy(r.Final[lo*H:], h)
		bounds[k] = bd
	})
	for _, b := range bounds {
		r.Bounds.Merge(b)
	}
	return r, nil
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
		cs.Q05[t] = quantile(d, 0.05)
		cs.Q95[t] = quantile(d, 0.95)
	}
	return cs, nil
}
