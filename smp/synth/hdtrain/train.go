package hdtrain

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// Config sets up a training run.
type Config struct {
	Seed       uint64
	Units      int
	Task       Task
	Iterations int
	// LearningRate is Adam's step size at the start; it decays with a
	// cosine schedule to FinalRate·LearningRate at the last iteration.
	LearningRate float64
	FinalRate    float64
	Beta1, Beta2 float64 // Adam's moment decay rates
	ClipNorm     float64 // gradients with a larger global norm are rescaled to it
	InitScale    float64 // initial weights N(0, InitScale²/(In+H))
	ForgetBias   float64 // initial forget-gate bias (added to the fixed +1)
	Workers      int     // parallel goroutines per episode (fixes the summation order)
	// LogEvery is the number of iterations between progress lines.
	LogEvery int
}

// DefaultConfig returns the default training configuration
// (scripts/hdtrain -method train); the committed network is constructed
// instead (Build).
func DefaultConfig(seed uint64) Config {
	return Config{
		Seed: seed, Units: Units, Task: DefaultTask(), Iterations: 4000,
		LearningRate: 3e-3, FinalRate: 0.05, Beta1: 0.9, Beta2: 0.999, ClipNorm: 1,
		InitScale: 1, ForgetBias: 0, Workers: 2, LogEvery: 100,
	}
}

// Adam is the Adam optimiser (Kingma & Ba 2015): for gradient g at step k,
//
//	m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²
//	θ ← θ − η · (m/(1−β1^k)) / (√(v/(1−β2^k)) + 1e-8)
type Adam struct {
	Beta1, Beta2 float64
	m, v         [][]float64
	k            int
}

// Step updates params with gradients grads at learning rate lr. grads must
// match params slice for slice and value for value, and params must keep
// the shapes of the first call (the moments m and v are allocated then);
// Step is the inner loop of training and does not check, so mismatched
// slices panic.
func (a *Adam) Step(params, grads [][]float64, lr float64) {
	if a.m == nil {
		for _, p := range params {
			a.m = append(a.m, make([]float64, len(p)))
			a.v = append(a.v, make([]float64, len(p)))
		}
	}
	a.k++
	c1 := 1 - math.Pow(a.Beta1, float64(a.k))
	c2 := 1 - math.Pow(a.Beta2, float64(a.k))
	for i, p := range params {
		m, v, g := a.m[i], a.v[i], grads[i]
		for j := range p {
			m[j] = a.Beta1*m[j] + (1-a.Beta1)*g[j]
			v[j] = a.Beta2*v[j] + (1-a.Beta2)*g[j]*g[j]
			p[j] -= lr * (m[j] / c1) / (math.Sqrt(v[j]/c2) + 1e-8)
		}
	}
}

// params returns m's trainable parameters in the order of Grads.slices.
func (m *Model) params() [][]float64 { return [][]float64{m.Pred.W, m.Pred.B, m.Corr.W, m.Corr.B} }

// Train trains a new model on cfg.Task with Adam and returns it with the
// loss of every iteration. Progress goes to log (nil for none). For a given
// Config the result is deterministic.
func Train(cfg Config, log io.Writer) (*Model, []float64, error) {
	if cfg.Units < 2 || cfg.Iterations < 1 || cfg.Task.Batch < 1 || cfg.Task.Steps < 1 {
		return nil, nil, fmt.Errorf("hdtrain: bad config: %d units, %d iterations, batch %d, %d steps",
			cfg.Units, cfg.Iterations, cfg.Task.Batch, cfg.Task.Steps)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed4d))
	pref := PreferredDirections(cfg.Units, rng)
	m := NewModel(pref, cfg.Task.Tuning, cfg.InitScale, cfg.ForgetBias, rng)
	losses, err := Continue(m, cfg, rng, log)
	return m, losses, err
}

// Continue trains m further for cfg.Iterations iterations, drawing episodes
// from rng, and returns the losses.
func Continue(m *Model, cfg Config, rng *rand.Rand, log io.Writer) ([]float64, error) {
	opt := &Adam{Beta1: cfg.Beta1, Beta2: cfg.Beta2}
	g := NewGrads(m)
	losses := make([]float64, cfg.Iterations)
	start := time.Now()
	var recent float64
	for it := 0; it < cfg.Iterations; it++ {
		ep := cfg.Task.Episode(m.Pref, rng)
		g.zero()
		loss, err := Loss(m, ep, g, cfg.Workers)
		if err != nil {
			return losses[:it], fmt.Errorf("hdtrain: iteration %d: %w", it, err)
		}
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return losses[:it], fmt.Errorf("hdtrain: iteration %d: loss is %v", it, loss)
		}
		losses[it] = loss
		clipNorm(g.slices(), cfg.ClipNorm)
		frac := float64(it) / math.Max(1, float64(cfg.Iterations-1))
		lr := cfg.LearningRate * (cfg.FinalRate + (1-cfg.FinalRate)*0.5*(1+math.Cos(math.Pi*frac)))
		opt.Step(m.params(), g.slices(), lr)
		recent += loss
		if log != nil && cfg.LogEvery > 0 && (it+1)%cfg.LogEvery == 0 {
			fmt.Fprintf(log, "iteration %5d/%d  loss %.5f  lr %.2g  %.0fs\n",
				it+1, cfg.Iterations, recent/float64(cfg.LogEvery), lr, time.Since(start).Seconds())
			recent = 0
		}
	}
	return losses, nil
}

// clipNorm rescales the gradients so that their global L2 norm is at most
// max (max ≤ 0: no clipping).
func clipNorm(gs [][]float64, max float64) {
	if max <= 0 {
		return
	}
	var s float64
	for _, g := range gs {
		for _, v := range g {
			s += v * v
		}
	}
	if n := math.Sqrt(s); n > max {
		for _, g := range gs {
			for j := range g {
				g[j] *= max / n
			}
		}
	}
}
