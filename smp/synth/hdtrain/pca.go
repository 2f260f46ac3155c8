package hdtrain

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// TakeIfFartherThan walks points in order, keeps the first and keeps each
// later point whose Euclidean distance to every kept point is greater than
// thr. It returns the indices of the kept points (figure 3's thinning).
func TakeIfFartherThan(points [][]float64, thr float64) []int {
	var kept []int
	thr2 := thr * thr
	for i, p := range points {
		far := true
		for _, k := range kept {
			if sqDist(p, points[k]) <= thr2 {
				far = false
				break
			}
		}
		if far {
			kept = append(kept, i)
		}
	}
	return kept
}

func sqDist(a, b []float64) float64 {
	var s float64
	for i := range a {
		d := a[i] - b[i]
		s += d * d
	}
	return s
}

// PCA is figure 3's principal-component plane of the HD units: the
// projection of a state x is ((x − Mean)·V1, (x − Mean)·V2), V1 and V2 the
// covariance eigenvectors of the two largest eigenvalues.
type PCA struct {
	Mean   []float64
	V1, V2 []float64
	// Var holds the per-unit variances of the points PCA was fitted on
	// (the diagonal of their covariance, without regularisation).
	Var []float64
}

// FitPCA fits the plane to points (each of D values): their mean and the
// leading eigenvectors of their covariance (normalised by n − 1). Each
// eigenvector's sign is fixed so that its largest-magnitude entry is
// positive.
func FitPCA(points [][]float64) (*PCA, error) {
	n := len(points)
	if n < 3 {
		return nil, fmt.Errorf("hdtrain: pca: %d points, want at least 3", n)
	}
	d := len(points[0])
	mean := make([]float64, d)
	for _, p := range points {
		for i, v := range p {
			mean[i] += v / float64(n)
		}
	}
	cov := mat.NewSymDense(d, nil)
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			var s float64
			for _, p := range points {
				s += (p[i] - mean[i]) * (p[j] - mean[j])
			}
			cov.SetSym(i, j, s/float64(n-1))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(cov, true) {
		return nil, fmt.Errorf("hdtrain: pca: eigendecomposition failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	order := make([]int, d)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return vals[order[a]] > vals[order[b]] })
	col := func(k int) []float64 {
		v := mat.Col(nil, order[k], &vecs)
		big := 0
		for i := range v {
			if math.Abs(v[i]) > math.Abs(v[big]) {
				big = i
			}
		}
		if v[big] < 0 {
			for i := range v {
				v[i] = -v[i]
			}
		}
		return v
	}
	vr := make([]float64, d)
	for i := range vr {
		vr[i] = cov.At(i, i)
	}
	return &PCA{Mean: mean, V1: col(0), V2: col(1), Var: vr}, nil
}

// Project returns the PCA coordinates of x.
func (p *PCA) Project(x []float64) [2]float64 {
	var a, b float64
	for i, v := range x {
		d := v - p.Mean[i]
		a += d * p.V1[i]
		b += d * p.V2[i]
	}
	return [2]float64{a, b}
}
