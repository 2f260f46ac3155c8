package num

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// Figure 3's batched LSTM step (smp/hdnet) spends its time in three places:
// the product of the states with the weights, the logistic function and
// tanh; figure 2's slot place scores in exponentials (AddExp); figure 3's
// autocovariance in lagged dot products (LagDots). On amd64 with AVX2 and
// FMA, vector kernels (vec_amd64.s) do these four lanes at a time. They are
// exact replicas, operation for operation, of the scalar code they replace:
// the product adds the terms in the same order with the same rounding
// (multiply, round, add, round; no fusing), and the exponential repeats
// math.Exp's own fused-multiply-add algorithm (one EXP macro for all), so the
// results are bit-identical to the scalar loops. useVector confirms this at start-up
// on probe values (it would fail, for example, if the compiler fused the
// multiply-adds of math.Tanh's rational function) and otherwise falls back to
// the scalar code.
//
// Why assembly and not gonum's BLAS: measured on the 2-core VM (loaded by
// other jobs, so CPU time is the steadier figure), the whole figure-3
// command on the 200 × 500 synthetic world used, median of 3, 1.7 s of CPU
// with these kernels, 3.7 s with gonum's Dgemm for the products (and
// math.Exp/math.Tanh for the gates) and 4.9 s in plain Go; all of figure
// 3's computations (BenchmarkAnalyze, -count 5) took 3.8× (BLAS) and 4.8×
// (Go) as long as with the kernels. Only the kernels keep the whole command
// near the 0.96 s target (20× the original) on 2 cores. Dgemm gives the same
// bits as gemmAdd's scalar loop; the kernels gain on the 4-lane gates
// (sigmoid and tanh) and the register-blocked product.
var useVector = haveVector && vectorAgrees()

// AddFloats adds src, converted to float64, into dst: dst[i] +=
// float64(src[i]) for i < len(src) (len(dst) >= len(src)), bit for bit as
// that loop does: the conversion is exact and each element gets one
// rounded addition, four lanes at a time with the vector kernels.
func AddFloats[T Float](dst []float64, src []T) {
	dst = dst[:len(src)]
	n := 0
	if useVector {
		n = len(src) &^ 3
		if n > 0 {
			addFloatsVec(dst[:n], src[:n])
		}
	}
	for i := n; i < len(src); i++ {
		dst[i] += float64(src[i])
	}
}

// Sigmoids sets dst[i] = Sigmoid(src[i]) = 1/(1+exp(-src[i])), bit for bit;
// dst must be at least as long as src and may be src.
func Sigmoids(dst, src []float64) {
	dst = dst[:len(src)]
	n := 0
	if useVector {
		n = len(src) &^ 3
		if n > 0 && sigmoidVec(dst[:n], src[:n]) {
			for i, x := range src[:n] {
				if !(-x >= -708 && -x <= 709) {
					dst[i] = Sigmoid(x)
				}
			}
		}
	}
	for i := n; i < len(src); i++ {
		dst[i] = Sigmoid(src[i])
	}
}

// Tanhs sets dst[i] = math.Tanh(src[i]), bit for bit; dst must be at least
// as long as src and may be src.
func Tanhs(dst, src []float64) {
	dst = dst[:len(src)]
	n := 0
	if useVector {
		n = len(src) &^ 3
		if n > 0 && tanhVec(dst[:n], src[:n]) {
			for i, x := range src[:n] {
				if math.IsNaN(x) {
					dst[i] = math.Tanh(x)
				}
			}
		}
	}
	for i := n; i < len(src); i++ {
		dst[i] = math.Tanh(src[i])
	}
}

// GemmAdd adds a·w to z (row-major, z [rows, g], a [rows, k], w [k, g]): for r < rows and j < g,
//
//	z[r*g+j] = s + a[r*k+0]*w[0*g+j] + a[r*k+1]*w[1*g+j] + ... + a[r*k+k-1]*w[(k-1)*g+j]
//
// adding the terms one at a time in order of increasing k, exactly as
// hdnet's LSTM.Step accumulates its gates; s is z[r*g+j], or init[j] when init is
// not nil (one row [g] that every row starts from, with no copy).
func GemmAdd(z, init, a, w []float64, rows, k, g int) {
	if rows <= 0 || k <= 0 || g <= 0 {
		return
	}
	z, a, w = z[:rows*g], a[:rows*k], w[:k*g]
	if init != nil {
		init = init[:g]
	}
	r0 := 0
	if useVector && g%8 == 0 {
		r0 = rows &^ 3
		if r0 > 0 {
			gemmVec(z, init, a, w, r0, k, g)
		}
	}
	for r := r0; r < rows; r++ {
		zr := z[r*g : (r+1)*g]
		if init != nil {
			copy(zr, init)
		}
		for kk, v := range a[r*k : (r+1)*k] {
			axpy(zr, v, w[kk*g:(kk+1)*g])
		}
	}
}

// vectorAgrees checks the vector kernels against the scalar functions on
// probe values covering every branch, bit for bit.
func vectorAgrees() bool {
	probe := make([]float64, 0, 4096)
	x := 0.123456789
	for i := 0; len(probe) < cap(probe)-64; i++ {
		// A deterministic spread of magnitudes from 1e-6 to 1e3, both signs.
		x = math.Mod(x*7.919+0.3183, 1)
		v := math.Pow(10, 9*x-6)
		if i%2 == 1 {
			v = -v
		}
		probe = append(probe, v)
	}
	probe = append(probe, 0, math.Copysign(0, -1), 0.625, -0.625, 0.6249999999999999,
		44.014845965556525, -44.01484596555653, 708, -708, 709, -709, 710, -746,
		math.Inf(1), math.Inf(-1), math.NaN(), 1e-300, -1e-300, 5e-324, 1e300)
	for len(probe)%4 != 0 {
		probe = append(probe, 1)
	}
	got := make([]float64, len(probe))
	sigmoidVec(got, probe)
	for i, v := range probe {
		if -v >= -708 && -v <= 709 && math.Float64bits(got[i]) != math.Float64bits(Sigmoid(v)) {
			return false
		}
	}
	tanhVec(got, probe)
	for i, v := range probe {
		if !math.IsNaN(v) && math.Float64bits(got[i]) != math.Float64bits(math.Tanh(v)) {
			return false
		}
	}
	// A 4x8 product with k = 3 against the scalar loop.
	const rows, k, g = 4, 3, 8
	a := probe[:rows*k]
	w := probe[100 : 100+k*g]
	z1 := append([]float64(nil), probe[200:200+rows*g]...)
	z2 := append([]float64(nil), z1...)
	gemmVec(z1, nil, a, w, rows, k, g)
	for r := 0; r < rows; r++ {
		for kk := 0; kk < k; kk++ {
			axpy(z2[r*g:(r+1)*g], a[r*k+kk], w[kk*g:(kk+1)*g])
		}
	}
	for i := range z1 {
		if math.Float64bits(z1[i]) != math.Float64bits(z2[i]) {
			return false
		}
	}
	return true
}

// axpy adds a*x to y.
func axpy(y []float64, a float64, x []float64) {
	x = x[:len(y)]
	for i := range y {
		y[i] += a * x[i]
	}
}

// LagDots sets dst[l] = floats.Dot(x[:len(x)-l*d], x[l*d:]) for each l <
// len(dst) (l*d < len(x)), bit for bit. With the vector kernels, and d
// and len(x) multiples of 4, four lags at a time: gonum's DotUnitary sums the products
// of the elements i ≡ k (mod 4) in lane k, adds the lanes as (s0+s2) +
// (s1+s3), and here each lag has the same four lanes (lagSums4Vec for the
// elements the four lags share, then the rest of each).
func LagDots(dst, x []float64, d int) {
	l := 0
	if useVector && d%4 == 0 && len(x)%4 == 0 {
		for ; l+4 <= len(dst); l += 4 {
			n := len(x) - (l+3)*d
			if n < 4 {
				break
			}
			var s [16]float64
			lagSums4Vec(&s, x, x[l*d:], n, d)
			for j := range 4 {
				y := x[(l+j)*d:]
				for i := n; i < len(x)-(l+j)*d; i++ {
					s[4*j+i%4] += float64(x[i] * y[i]) // rounded, never fused
				}
				dst[l+j] = (s[4*j] + s[4*j+2]) + (s[4*j+1] + s[4*j+3])
			}
		}
	}
	for ; l < len(dst); l++ {
		dst[l] = floats.Dot(x[:len(x)-l*d], x[l*d:])
	}
}
