package hdtrain

import (
	"math"
	"math/rand/v2"
)

// Tuning is the von Mises head-direction tuning curve that the training
// targets give each unit:
//
//	r_u(θ) = Base + (Peak − Base)·exp(κ·(cos(θ − θ_u) − 1))
//
// where θ_u is unit u's preferred heading (radians). r peaks at Peak when
// θ = θ_u and falls to about Base opposite to it. Peak and Base lie in
// (0, 1), the range of the LSTM's outputs σ(c)·σ(o).
type Tuning struct {
	Kappa float64 // concentration κ
	Base  float64 // activity far from the preferred heading
	Peak  float64 // activity at the preferred heading
}

// DefaultTuning returns the training targets' tuning (and StateAt's
// starting point): κ = 3, from 0.02 to 0.7.
func DefaultTuning() Tuning { return Tuning{Kappa: 3, Base: 0.02, Peak: 0.7} }

// Population writes into dst (len(pref) values) the activity r_u(θ) of
// every unit u at heading theta and returns dst; dst nil allocates.
func (t Tuning) Population(dst []float64, theta float64, pref []float64) []float64 {
	if dst == nil {
		dst = make([]float64, len(pref))
	}
	for u, p := range pref {
		dst[u] = t.Base + (t.Peak-t.Base)*math.Exp(t.Kappa*(math.Cos(theta-p)-1))
	}
	return dst
}

// PreferredDirections returns n preferred headings evenly spread around the
// circle, θ_k = −π + 2πk/n for k = 0..n−1, assigned to units in a random
// order drawn from rng (rng nil keeps them sorted), as a trained network's
// units have no particular order.
func PreferredDirections(n int, rng *rand.Rand) []float64 {
	p := make([]float64, n)
	for k := range p {
		p[k] = -math.Pi + 2*math.Pi*float64(k)/float64(n)
	}
	if rng != nil {
		rng.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	}
	return p
}

// DecodeHeading is the population-vector decoder: the direction (radians,
// in (−π, π]) of the resultant Σ_u h_u·(cos θ_u, sin θ_u) of the units'
// preferred headings θ_u weighted by their activities h_u. A uniform
// baseline cancels because the preferred headings are evenly spread.
// h must hold at least len(pref) values (unchecked).
func DecodeHeading(h, pref []float64) float64 {
	var x, y float64
	for u, p := range pref {
		x += h[u] * math.Cos(p)
		y += h[u] * math.Sin(p)
	}
	return math.Atan2(y, x)
}

// Wrap maps an angle to (−π, π].
func Wrap(a float64) float64 {
	a = math.Mod(a+math.Pi, 2*math.Pi)
	if a <= 0 {
		a += 2 * math.Pi
	}
	return a - math.Pi
}
