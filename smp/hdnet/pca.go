package hdnet

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// PCA is the principal-component analysis of network states restricted to
// some units (the HD cells), as the original's cell 10 does it.
//
// For the fitted points X [n, D] (the states' Units columns), Mean is the
// column mean and C = (X-Mean)ᵀ(X-Mean)/(n-1) the covariance (np.cov).
// Values and Vectors are C's eigen-decomposition by LAPACK's general
// eigensolver dgeev (gonum's mat.Eigen, the routine np.linalg.eig calls), in
// the solver's order (not sorted, as in the original) and with its signs;
// column k of Vectors pairs with Values[k], and complex results keep their
// real parts (the original's .real). Only the eigenvector of an eigenvalue
// within AmbiguousGap·max|λ| of another, which rounding decides, gets a
// canonical sign instead: its component of largest magnitude positive.
//
// The projection of a state x is
//
//	(x[Units] - Mean) · Vectors[:, :2]
type PCA struct {
	Units   []int     // columns of the states used, D = len(Units)
	Mean    []float64 // [D]
	Values  []float64 // [D], in dgeev's order
	Vectors []float64 // [D, D], row-major; column k pairs with Values[k]
}

// AmbiguousGap is the relative eigenvalue gap below which FitPCA applies
// the canonical sign rule (see PCA): √ε of float64, the accuracy to which
// rounding can perturb an eigenvector's direction per unit of relative gap.
const AmbiguousGap = 1.4901161193847656e-08

// FitPCA fits a PCA to the points [n, H] restricted to units (n ≥ 2).
func FitPCA(points []float64, H int, units []int) (*PCA, error) {
	D := len(units)
	if H <= 0 || len(points)%H != 0 || D == 0 {
		return nil, fmt.Errorf("hdnet: FitPCA: %d values, %d units for states of size %d", len(points), D, H)
	}
	for _, u := range units {
		if u < 0 || u >= H {
			return nil, fmt.Errorf("hdnet: FitPCA: unit %d out of range [0, %d)", u, H)
		}
	}
	n := len(points) / H
	if n < 2 {
		return nil, fmt.Errorf("hdnet: FitPCA: need at least 2 points, have %d", n)
	}
	x := SelectUnits(points, H, units)
	mean, cov := meanCov(x, n, D)
	var eig mat.Eigen
	if !eig.Factorize(mat.DenseCopyOf(cov), mat.EigenRight) {
		return nil, fmt.Errorf("hdnet: FitPCA: eigen-decomposition failed")
	}
	vals := eig.Values(nil)
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	p := &PCA{Units: append([]int(nil), units...), Mean: mean, Values: make([]float64, D), Vectors: make([]float64, D*D)}
	for k, v := range vals {
		p.Values[k] = real(v)
	}
	for k := range D {
		sign := 1.0
		if ambiguous(p.Values, k) {
			big := 0.0
			for i := range D {
				if v := real(vecs.At(i, k)); math.Abs(v) > math.Abs(big) {
					big = v
				}
			}
			if big < 0 {
				sign = -1
			}
		}
		for i := range D {
			p.Vectors[i*D+k] = sign * real(vecs.At(i, k))
		}
	}
	return p, nil
}

// ambiguous reports whether values[k] lies within AmbiguousGap·max|λ| of
// another eigenvalue, so that the solver's eigenvector is not well defined.
func ambiguous(values []float64, k int) bool {
	scale := 0.0
	for _, v := range values {
		scale = math.Max(scale, math.Abs(v))
	}
	for j, v := range values {
		if j != k && math.Abs(v-values[k]) <= AmbiguousGap*scale {
			return true
		}
	}
	return false
}

// meanCov returns the column means [D], summed row by row, and the
// covariance [D, D] (divisor n-1, numpy's np.cov with the columns as
// variables) of x [n, D].
func meanCov(x []float64, n, D int) (mean []float64, cov *mat.SymDense) {
	mean = make([]float64, D)
	for i := 0; i < n; i++ {
		for k, v := range x[i*D : (i+1)*D] {
			mean[k] += v
		}
	}
	for k := range mean {
		mean[k] /= float64(n)
	}
	cov = &mat.SymDense{}
	stat.CovarianceMatrix(cov, mat.NewDense(n, D, x), nil)
	return mean, cov
}

// Project returns the first two principal coordinates of a state x [H]:
// (x[Units] - Mean) · Vectors[:, :2]. x must hold every unit of Units
// (unchecked).
func (p *PCA) Project(x []float64) (pc1, pc2 float64) {
	D := len(p.Units)
	for k, u := range p.Units {
		d := x[u] - p.Mean[k]
		pc1 += d * p.Vectors[k*D]
		pc2 += d * p.Vectors[k*D+1]
	}
	return pc1, pc2
}

// ProjectAll projects the states [n, H] and returns [n, 2]. H must be
// positive and at least every unit of Units (unchecked; a zero H panics).
func (p *PCA) ProjectAll(states []float64, H int) []float64 {
	n := len(states) / H
	out := make([]float64, 2*n)
	for i := 0; i < n; i++ {
		out[2*i], out[2*i+1] = p.Project(states[i*H : (i+1)*H])
	}
	return out
}

// Bounds holds the per-axis extremes of points in the PCA plane.
type Bounds struct {
	Min, Max [2]float64
}

// EmptyBounds returns bounds containing nothing (Min = +Inf, Max = -Inf).
func EmptyBounds() Bounds {
	inf := math.Inf(1)
	return Bounds{Min: [2]float64{inf, inf}, Max: [2]float64{-inf, -inf}}
}

// Add extends b to contain the point (x, y).
func (b *Bounds) Add(x, y float64) {
	b.Min[0], b.Max[0] = math.Min(b.Min[0], x), math.Max(b.Max[0], x)
	b.Min[1], b.Max[1] = math.Min(b.Min[1], y), math.Max(b.Max[1], y)
}

// Merge extends b to contain o (nothing, if o is empty).
func (b *Bounds) Merge(o Bounds) {
	if o.Min[0] > o.Max[0] {
		return
	}
	b.Add(o.Min[0], o.Min[1])
	b.Add(o.Max[0], o.Max[1])
}

// Limits returns figure 3's symmetric axis limits: for each axis, with
// r = Max - Min,
//
//	L = max(|Min - 0.1·r|, |Max + 0.1·r|)
//
// and the axis runs from -L to L.
func (b Bounds) Limits() [2]float64 {
	var L [2]float64
	for a := 0; a < 2; a++ {
		r := b.Max[a] - b.Min[a]
		L[a] = math.Max(math.Abs(b.Min[a]-0.1*r), math.Abs(b.Max[a]+0.1*r))
	}
	return L
}

// SelectUnits returns the columns units of the rows of states [n, H], as
// [n, len(units)]. H must be positive and every unit in [0, H); these are
// not checked (a zero H or a unit out of range panics).
func SelectUnits(states []float64, H int, units []int) []float64 {
	n := len(states) / H
	out := make([]float64, n*len(units))
	for i := 0; i < n; i++ {
		row := states[i*H : (i+1)*H]
		o := out[i*len(units) : (i+1)*len(units)]
		for k, u := range units {
			o[k] = row[u]
		}
	}
	return out
}

// Constants of figure 3's distribution of random initial states.
const (
	InitVarianceFactor = 16   // multiplies the variances of the demo's states
	InitVarianceFloor  = 1e-4 // added to the covariance's diagonal first
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
