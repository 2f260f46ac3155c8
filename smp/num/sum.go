package num

import "math"

// Float is the set of element types of activations and positions: the real
// data is float32, the golden fixtures float64. Sums are always accumulated
// in float64.
type Float interface {
	~float32 | ~float64
}

// Pearson returns the correlation coefficient of x and y as np.corrcoef
// computes it: with means m_x, m_y, c_xy = sum (x_i-m_x)(y_i-m_y) * 1/(n-1)
// (likewise c_xx, c_yy), r = c_xy / sqrt(c_xx) / sqrt(c_yy), clipped to
// [-1, 1]. It is NaN when n < 2, when either vector is constant, or when
// the lengths differ.
func Pearson(x, y []float64) float64 {
	n := len(x)
	if n != len(y) || n == 0 {
		return math.NaN()
	}
	mx := PairwiseSum(x) / float64(n)
	my := PairwiseSum(y) / float64(n)
	var sxx, sxy, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	f := 1 / float64(n-1)
	r := sxy * f / math.Sqrt(sxx*f) / math.Sqrt(syy*f)
	return max(-1, min(1, r))
}

// PairwiseSum adds a as numpy's add.reduce (np.sum) does along a contiguous
// axis: plainly below 8 elements, with 8 interleaved partial sums up to 128
// elements, and by recursive halving (at a multiple of 8) above.
func PairwiseSum(a []float64) float64 {
	n := len(a)
	switch {
	case n < 8:
		s := 0.0
		for _, v := range a {
			s += v
		}
		return s
	case n <= 128:
		var r [8]float64
		copy(r[:], a[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			b := a[i : i+8 : i+8]
			r[0] += b[0]
			r[1] += b[1]
			r[2] += b[2]
			r[3] += b[3]
			r[4] += b[4]
			r[5] += b[5]
			r[6] += b[6]
			r[7] += b[7]
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += a[i]
		}
		return s
	}
	n2 := n / 2
	n2 -= n2 % 8
	return PairwiseSum(a[:n2]) + PairwiseSum(a[n2:])
}

// Sigmoid is the logistic function σ(x) = 1/(1+exp(-x)).
func Sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// SplitMix64 is the SplitMix64 finaliser (Steele, Lea and Flood 2014), a
// bijective 64-bit mixing function: x + 0x9e3779b97f4a7c15, then two
// xor-shift-multiply rounds and a final xor-shift. It derives independent
// random seeds from a seed and an index.
func SplitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
