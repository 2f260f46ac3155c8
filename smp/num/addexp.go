package num

import "math"

// AddExp adds math.Exp(float64(src[i])) to dst[i] for every i < len(src),
// bit for bit as that scalar loop does. On amd64 with AVX2 and FMA, a
// vector kernel (vec_amd64.s) computes four exponentials at a time with
// math.Exp's own operations; useAddExpVector confirms at start-up that it
// agrees on probe values, and otherwise the scalar loop runs. dst must be
// at least as long as src.
func AddExp[T float32 | float64](dst []float64, src []T) {
	dst = dst[:len(src)]
	n := 0
	if useAddExpVector {
		n = len(src) &^ 3
		if n > 0 && addExpVector(dst[:n], src[:n]) {
			// The kernel added nothing in the lanes it skipped.
			for i, v := range src[:n] {
				if x := float64(v); !(x >= -708 && x <= 709) {
					dst[i] += math.Exp(x)
				}
			}
		}
	}
	for i := n; i < len(src); i++ {
		dst[i] += math.Exp(float64(src[i]))
	}
}

var useAddExpVector = haveVector && addExpAgrees()

// addExpAgrees checks the vector kernel against math.Exp, bit for bit, on
// probe values from -750 to 750 and the special values.
func addExpAgrees() bool {
	probe := []float64{0, math.Copysign(0, -1), 708, -708, 709, -709, 710, -746, 1e-300, 5e-324,
		math.Inf(1), math.Inf(-1), math.NaN()}
	for x := 0.123456789; len(probe) < 1024; {
		x = math.Mod(x*7.919+0.3183, 1)
		probe = append(probe, 1500*x-750, 20*x-10)
	}
	probe = probe[:len(probe)&^3]
	got := make([]float64, len(probe))
	addExpVector(got, probe)
	for i, v := range probe {
		if v >= -708 && v <= 709 && math.Float64bits(got[i]) != math.Float64bits(math.Exp(v)) {
			return false
		}
	}
	return true
}
