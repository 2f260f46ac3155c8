package num

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// Figure 3's batched LSTM step (smp/hdnet) spends its time in the product
// of the states with the weights, the logistic function and tanh; figure 2
// in the ratemaps' sums (AddFloats) and the slot place scores' exponentials
// (AddExp); figure 3's autocovariance in lagged dot products (LagDots). On
// amd64 with AVX2 and FMA, vector kernels (vec_amd64.s) do these four lanes
// at a time. They are exact replicas, operation for operation, of the scalar
// loops they replace: products are rounded before they are added (no
// fusing), in the same order, and the exponential repeats math.Exp's own
// fused-multiply-add algorithm (one EXP macro for all), so the results are
// bit-identical. useVector confirms this at start-up on probe values (it
// would fail, for example, if the compiler fused the multiply-adds of
// math.Tanh's rational function), and otherwise the scalar loops run.
//
// The kernels keep figure 3's command near its time target on 2 cores: with
// gonum's Dgemm for the products (the same bits as gemmGo) and math.Exp and
// math.Tanh for the gates it takes about twice the CPU time, in plain Go
// about three times.
var useVector = haveVector && vectorAgrees()

// vecLen returns the length of the prefix of n elements that the vector
// kernels take, n rounded down to a multiple of 4; 0 without the kernels.
func vecLen(n int) int {
	if !useVector {
		return 0
	}
	return n &^ 3
}

// AddFloats adds src, converted to float64, into dst: dst[i] +=
// float64(src[i]) for i < len(src) (len(dst) >= len(src)), bit for bit as
// that loop does: the conversion is exact and each element gets one
// rounded addition.
func AddFloats[T Float](dst []float64, src []T) {
	dst = dst[:len(src)]
	n := vecLen(len(src))
	if n > 0 {
		switch s := any(src[:n]).(type) {
		case []float32:
			addFloats32Vec(dst[:n], s)
		case []float64:
			addFloats64Vec(dst[:n], s)
		default:
			n = 0
		}
	}
	for i := n; i < len(src); i++ {
		dst[i] += float64(src[i])
	}
}

// AddExp adds math.Exp(float64(src[i])) to dst[i] for i < len(src)
// (len(dst) >= len(src), not overlapping src), bit for bit as that loop does.
func AddExp[T Float](dst []float64, src []T) {
	dst = dst[:len(src)]
	n := vecLen(len(src))
	if n > 0 {
		var skipped bool
		switch s := any(src[:n]).(type) {
		case []float32:
			skipped = addExp32Vec(dst[:n], s)
		case []float64:
			skipped = addExp64Vec(dst[:n], s)
		default:
			n = 0
		}
		// The kernel adds nothing in the lanes outside [-708, 709] or NaN.
		for i := 0; skipped && i < n; i++ {
			if x := float64(src[i]); !(x >= -708 && x <= 709) {
				dst[i] += math.Exp(x)
			}
		}
	}
	for i := n; i < len(src); i++ {
		dst[i] += math.Exp(float64(src[i]))
	}
}

// Sigmoids sets dst[i] = Sigmoid(src[i]) = 1/(1+exp(-src[i])), bit for bit;
// dst must be at least as long as src and may be src.
func Sigmoids(dst, src []float64) {
	dst = dst[:len(src)]
	n := vecLen(len(src))
	if n > 0 && sigmoidVec(dst[:n], src[:n]) {
		for i, x := range src[:n] {
			if !(-x >= -708 && -x <= 709) {
				dst[i] = Sigmoid(x)
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
	n := vecLen(len(src))
	if n > 0 && tanhVec(dst[:n], src[:n]) {
		for i, x := range src[:n] {
			if math.IsNaN(x) {
				dst[i] = math.Tanh(x)
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
	if rows <= 0 || k < 0 || g <= 0 {
		return
	}
	z, a, w = z[:rows*g], a[:rows*k], w[:k*g]
	if init != nil {
		init = init[:g]
	}
	r0 := 0
	if g%8 == 0 && k > 0 {
		if r0 = vecLen(rows); r0 > 0 {
			gemmVec(z, init, a, w, r0, k, g)
		}
	}
	gemmGo(z[r0*g:], init, a[r0*k:], w, rows-r0, k, g)
}

// gemmGo is GemmAdd's scalar loop.
func gemmGo(z, init, a, w []float64, rows, k, g int) {
	for r := 0; r < rows; r++ {
		zr := z[r*g : (r+1)*g]
		if init != nil {
			copy(zr, init)
		}
		for kk, v := range a[r*k : (r+1)*k] {
			wk := w[kk*g : (kk+1)*g]
			for j := range zr {
				zr[j] += v * wk[j]
			}
		}
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

// vectorAgrees checks the vector kernels with a result that depends on
// rounding (logistic, tanh, exponential, product) against the scalar
// functions on probe values covering every branch, bit for bit.
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
	agree := func(use func(x float64) bool, f func(x float64) float64) bool {
		for i, v := range probe {
			if use(v) && math.Float64bits(got[i]) != math.Float64bits(f(v)) {
				return false
			}
		}
		return true
	}
	inExpRange := func(x float64) bool { return x >= -708 && x <= 709 }
	sigmoidVec(got, probe)
	if !agree(func(x float64) bool { return inExpRange(-x) }, Sigmoid) {
		return false
	}
	tanhVec(got, probe)
	if !agree(func(x float64) bool { return !math.IsNaN(x) }, math.Tanh) {
		return false
	}
	clear(got)
	addExp64Vec(got, probe)
	if !agree(inExpRange, math.Exp) {
		return false
	}
	// A 4x8 product with k = 3 against the scalar loop.
	const rows, k, g = 4, 3, 8
	a, w := probe[:rows*k], probe[100:100+k*g]
	z := slices.Clone(probe[200 : 200+rows*g])
	want := slices.Clone(z)
	gemmVec(z, nil, a, w, rows, k, g)
	gemmGo(want, nil, a, w, rows, k, g)
	return slices.EqualFunc(z, want, func(p, q float64) bool { return math.Float64bits(p) == math.Float64bits(q) })
}
