package hdnet

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Constants of figure 3's distribution of random initial states.
const (
	// InitVarianceFactor multiplies the variances of the demo's states.
	InitVarianceFactor = 16
	// InitVarianceFloor is added to the covariance's diagonal first.
	InitVarianceFloor = 1e-4
)

// InitialDistribution is the normal distribution of random initial states
// of figure 3: independent units with the given means and variances.
//
// From points X [n, H] (the demo's states farther than 0.1 from each other),
// with C = cov(X) (divisor n-1):
//
//	Mean = column mean of X
//	Var[u] = 16 · (C[u, u] + 1e-4)
//
// that is, the diagonal of 16·(C + 1e-4·I); the covariances are dropped.
type InitialDistribution struct {
	Mean []float64 // [H]
	Var  []float64 // [H]
}

// NewInitialDistribution fits the distribution to points [n, H], n ≥ 2.
func NewInitialDistribution(points []float64, H int) (*InitialDistribution, error) {
	if H <= 0 || len(points)%H != 0 || len(points)/H < 2 {
		return nil, fmt.Errorf("hdnet: NewInitialDistribution: need at least 2 states of size %d, have %d values", H, len(points))
	}
	n := len(points) / H
	mean, cov := meanCov(points, n, H)
	d := &InitialDistribution{Mean: mean, Var: make([]float64, H)}
	for u := range d.Var {
		d.Var[u] = (cov.At(u, u) + InitVarianceFloor) * InitVarianceFactor
	}
	return d, nil
}

// Sample draws count states [count, H]: state i, unit u is
// Mean[u] + sqrt(Var[u])·N(0, 1), drawn in order of i then u from r.
func (d *InitialDistribution) Sample(r *rand.Rand, count int) []float64 {
	H := len(d.Mean)
	sd := make([]float64, H)
	for u, v := range d.Var {
		sd[u] = math.Sqrt(v)
	}
	out := make([]float64, count*H)
	for i := 0; i < count; i++ {
		for u := 0; u < H; u++ {
			out[i*H+u] = d.Mean[u] + sd[u]*r.NormFloat64()
		}
	}
	return out
}

// NewRand returns the random source used for seed: PCG seeded with
// (seed, 0x5eed).
func NewRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }
