package hdtrain

import (
	"math"
	"math/rand/v2"
)

// Task describes the training sequences: heading integration with
// occasional visual corrections, from on-ring and from random states.
//
// Every sequence has its own kind, drawn with the probabilities below:
//
//   - integrate: from the tuning-curve state of a random heading θ0 (plus
//     noise, c = h), integrate the velocities; target r(θ_t) at every step,
//     θ_t = θ0 + Σ_{s≤t} w_s; a clean correction code of θ_t at each step
//     with probability CorrectionProb.
//   - random start: from a random state drawn like figure 3's random
//     initial states (per unit, the mean of the tuning curve plus
//     RandomScale times its standard deviation times N(0, 1); c = h);
//     anchored at step SettleSteps (see Episode): the state must settle on
//     the ring by then and integrate from the heading it settled at.
//   - clean correction: from the state of a wrong heading (or a random
//     state), a clean code of the true heading at every one of the first
//     10–25 steps; target r(θ_t) from step PullSteps on.
//   - two bumps: from a mixture α·r(θ0) + (1−α)·r(θ0 + δ) of the tuning
//     curves of two headings, α uniform in [MixMin, MixMax] and δ uniform
//     in [π/4, 7π/4] (c = h); target r(θ_t) from step PullSteps on: the
//     dominant bump wins, which makes the ring a winner-take-all attractor.
//   - ambiguous correction: zero velocity, from the state of heading φ, at
//     every step a code mixing the states of two opposite headings ψ and
//     ψ+π with weights α, 1−α, α uniform in [0.5 − AmbiguityJitter,
//     0.5 + AmbiguityJitter]; target r of whichever of ψ, ψ+π is nearer to
//     φ (no loss when φ is within 0.3 rad of the boundary between them):
//     an ambiguous view must not pull states across.
//
// Velocities (radians per step) are, per sequence, zero (probability
// ZeroVelocityProb), constant and uniform in [−MaxVelocity, MaxVelocity]
// (ConstantVelocityProb), or an Ornstein–Uhlenbeck process
// w_t = (1 − 1/τ)·w_{t−1} + σ·√(2/τ)·N(0, 1) with τ = VelocityTau and
// σ = VelocityStd, clipped to ±MaxVelocity.
//
// A clean code for heading θ is a mixture Σ_k a_k·r(θ + δ_k) of the tuning
// curves of four headings around θ (δ_k ~ N(0, s²), s uniform in
// [0, CodeSpread], a_k uniform then normalised) plus N(0, CodeNoise²) noise:
// a memory read returns a blend of states written near that heading.
type Task struct {
	Tuning    Tuning
	Batch     int // sequences per episode
	Steps     int // steps per sequence
	Integrate float64
	Random    float64
	Clean     float64
	Ambiguous float64
	TwoBumps  float64

	CorrectionProb  float64
	InitNoise       float64 // s.d. of the noise on on-ring initial states
	RandomScale     float64 // random states: s.d. multiple (figure 3: 4)
	SettleSteps     int     // random states: anchor step
	PullSteps       int     // clean correction: first step with a loss
	AmbiguityJitter float64
	AmbiguousWeight float64 // loss weight of ambiguous sequences
	AmbiguousPull   int     // ambiguous: first step with a loss
	MixMin, MixMax  float64 // two bumps: range of the dominant weight α

	ZeroVelocityProb     float64
	ConstantVelocityProb float64
	MaxVelocity          float64
	VelocityStd          float64
	VelocityTau          float64

	CodeSpread float64
	CodeNoise  float64
}

// DefaultTask returns the default training task (scripts/hdtrain -method
// train); the committed network is constructed instead (Build).
func DefaultTask() Task {
	return Task{
		Tuning: DefaultTuning(), Batch: 32, Steps: 50,
		Integrate: 0.3, Random: 0.2, Clean: 0.15, Ambiguous: 0.2, TwoBumps: 0.15,
		CorrectionProb: 0.1, InitNoise: 0.03, RandomScale: 4, SettleSteps: 10, PullSteps: 4,
		AmbiguityJitter: 0.1, AmbiguousWeight: 2, AmbiguousPull: 15, MixMin: 0.6, MixMax: 0.9,
		ZeroVelocityProb: 0.1, ConstantVelocityProb: 0.3, MaxVelocity: 0.2, VelocityStd: 0.1, VelocityTau: 10,
		CodeSpread: 0.25, CodeNoise: 0.01,
	}
}

// tuningStats returns the mean and standard deviation over headings of a
// unit's tuning curve (the same for every unit).
func tuningStats(t Tuning) (mean, sd float64) {
	const n = 720
	var s, s2 float64
	for k := 0; k < n; k++ {
		r := t.Rate(2*math.Pi*float64(k)/n, 0)
		s += r
		s2 += r * r
	}
	mean = s / n
	return mean, math.Sqrt(s2/n - mean*mean)
}

// Episode draws an episode of the task for units with preferred headings
// pref. rng must not be nil, and tk's Batch and Steps must not be negative.
func (tk Task) Episode(pref []float64, rng *rand.Rand) *Episode {
	H, B, T := len(pref), tk.Batch, tk.Steps
	ep := NewEpisode(B, T, H)
	mean, sd := tuningStats(tk.Tuning)
	vel := make([]float64, T)
	buf := make([]float64, H)
	for b := 0; b < B; b++ {
		h0 := ep.H0[b*H : (b+1)*H]
		onRing := func(theta float64) {
			tk.Tuning.Population(h0, theta, pref)
			for u := range h0 {
				h0[u] = math.Min(0.999, math.Max(0.001, h0[u]+tk.InitNoise*rng.NormFloat64()))
			}
		}
		randomState := func() {
			for u := range h0 {
				h0[u] = mean + tk.RandomScale*sd*rng.NormFloat64()
			}
		}
		tk.velocities(vel, rng)
		theta := 2 * math.Pi * rng.Float64()
		code := func(t int, heading float64) []float64 {
			i := t*B + b
			ep.HasCode[i] = true
			c := ep.Code[i*H : (i+1)*H]
			tk.code(c, buf, heading, pref, rng)
			return c
		}
		target := func(t int, heading float64) {
			i := t*B + b
			tk.Tuning.Population(ep.Target[i*H:(i+1)*H], heading, pref)
			ep.Weight[i] = 1
		}
		switch u := rng.Float64() * (tk.Integrate + tk.Random + tk.Clean + tk.Ambiguous + tk.TwoBumps); {
		case u < tk.Integrate:
			onRing(theta)
			for t := 0; t < T; t++ {
				ep.Vel[t*B+b] = vel[t]
				theta += vel[t]
				if rng.Float64() < tk.CorrectionProb {
					code(t, theta)
				}
				target(t, theta)
			}
		case u < tk.Integrate+tk.Random:
			randomState()
			ep.Anchor[b] = tk.SettleSteps
			for t := 0; t < T; t++ {
				ep.Vel[t*B+b] = vel[t]
				if t > tk.SettleSteps {
					ep.Weight[t*B+b] = 1
				}
			}
		case u < tk.Integrate+tk.Random+tk.Clean:
			if rng.Float64() < 0.3 {
				randomState()
			} else {
				onRing(2 * math.Pi * rng.Float64())
			}
			pull := 10 + rng.IntN(16)
			for t := 0; t < T; t++ {
				ep.Vel[t*B+b] = vel[t]
				theta += vel[t]
				if t < pull || rng.Float64() < tk.CorrectionProb {
					code(t, theta)
				}
				if t >= tk.PullSteps {
					target(t, theta)
				}
			}
		case u < tk.Integrate+tk.Random+tk.Clean+tk.TwoBumps:
			alpha := tk.MixMin + (tk.MixMax-tk.MixMin)*rng.Float64()
			tk.Tuning.Population(buf, theta+math.Pi/4+1.5*math.Pi*rng.Float64(), pref)
			onRing(theta)
			for u := range h0 {
				h0[u] = alpha*h0[u] + (1-alpha)*buf[u]
			}
			for t := 0; t < T; t++ {
				ep.Vel[t*B+b] = vel[t]
				theta += vel[t]
				if t >= tk.PullSteps {
					target(t, theta)
				}
			}
		default:
			phi := 2 * math.Pi * rng.Float64()
			onRing(phi)
			alpha := 0.5 + tk.AmbiguityJitter*(2*rng.Float64()-1)
			d := Wrap(phi - theta)
			goal := theta
			if math.Abs(d) > math.Pi/2 {
				goal = theta + math.Pi
			}
			useLoss := math.Abs(math.Abs(d)-math.Pi/2) > 0.3
			other := make([]float64, H)
			for t := 0; t < T; t++ {
				c := code(t, theta)
				tk.code(other, buf, theta+math.Pi, pref, rng)
				for u := range c {
					c[u] = alpha*c[u] + (1-alpha)*other[u]
				}
				if useLoss && t >= tk.AmbiguousPull {
					target(t, goal)
					ep.Weight[t*B+b] = tk.AmbiguousWeight
				}
			}
		}
		copy(ep.C0[b*H:(b+1)*H], h0)
	}
	return ep
}

// velocities fills vel with one sequence's angular velocities.
func (tk Task) velocities(vel []float64, rng *rand.Rand) {
	switch u := rng.Float64(); {
	case u < tk.ZeroVelocityProb:
		clear(vel)
	case u < tk.ZeroVelocityProb+tk.ConstantVelocityProb:
		w := tk.MaxVelocity * (2*rng.Float64() - 1)
		for t := range vel {
			vel[t] = w
		}
	default:
		a := 1 - 1/tk.VelocityTau
		s := tk.VelocityStd * math.Sqrt(2/tk.VelocityTau)
		w := tk.VelocityStd * rng.NormFloat64()
		for t := range vel {
			w = a*w + s*rng.NormFloat64()
			w = math.Max(-tk.MaxVelocity, math.Min(tk.MaxVelocity, w))
			vel[t] = w
		}
	}
}

// code writes into dst a clean correction code for heading theta; buf is
// scratch space of len(pref) values.
func (tk Task) code(dst, buf []float64, theta float64, pref []float64, rng *rand.Rand) {
	clear(dst)
	spread := tk.CodeSpread * rng.Float64()
	var wsum float64
	var ws [4]float64
	for k := range ws {
		ws[k] = rng.Float64() + 0.05
		wsum += ws[k]
	}
	for k := range ws {
		tk.Tuning.Population(buf, theta+spread*rng.NormFloat64(), pref)
		for u := range dst {
			dst[u] += ws[k] / wsum * buf[u]
		}
	}
	for u := range dst {
		dst[u] += tk.CodeNoise * rng.NormFloat64()
	}
}
