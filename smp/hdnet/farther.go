package hdnet

import "math"

// TakeIfFartherThan filters points [n, d] (row-major) in order: it keeps the
// first point, then each later point whose Euclidean distance to every point
// kept so far is greater than threshold. (A distance that is NaN does not
// count against a point, as in the original.) It returns the kept indices
// and the kept points [len(idx), d].
func TakeIfFartherThan(points []float64, d int, threshold float64) (idx []int, kept []float64) {
	if d <= 0 {
		return nil, nil
	}
	n := len(points) / d
	for i := 0; i < n; i++ {
		p := points[i*d : (i+1)*d]
		far := true
		for _, j := range idx {
			if distance(p, points[j*d:(j+1)*d]) <= threshold {
				far = false
				break
			}
		}
		if far {
			idx = append(idx, i)
			kept = append(kept, p...)
		}
	}
	return idx, kept
}

// SingleCluster reports whether TakeIfFartherThan(points, d, threshold)
// would keep exactly one point, in O(n) time instead of O(n²).
//
// The first point is always kept. A later point j is kept exactly when no
// point kept before it lies within threshold; so if every point lies within
// threshold of the first, nothing else is kept, and if some point does not,
// the first such point sees only the first point kept and is kept itself.
// Hence the answer is: the distance of every point to the first is ≤
// threshold (and not NaN). It is false for an empty set.
func SingleCluster(points []float64, d int, threshold float64) bool {
	if d <= 0 || len(points) < d {
		return false
	}
	first := points[:d]
	for i := d; i+d <= len(points); i += d {
		if !(distance(points[i:i+d], first) <= threshold) {
			return false
		}
	}
	return true
}

// distance returns the Euclidean distance |a - b|.
func distance(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for i, v := range a {
		e := v - b[i]
		s += e * e
	}
	return math.Sqrt(s)
}
