//go:build amd64 && !purego

package num

import "golang.org/x/sys/cpu"

// haveVector reports whether the AVX2 kernels may run. math.Exp takes its
// fused-multiply-add path exactly when the CPU has AVX and FMA; the kernels
// repeat that path, so they also need FMA (and AVX2 for the integer shift).
var haveVector = cpu.X86.HasAVX && cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func sigmoidAVX2(dst, src []float64) bool

//go:noescape
func tanhAVX2(dst, src []float64) bool

//go:noescape
func gemmAVX2(z, init, a, w []float64, rows, k, n int)

//go:noescape
func lagSums4AVX2(sums *[16]float64, x, y []float64, n, d int)

//go:noescape
func addExp32AVX2(dst []float64, src []float32) bool

//go:noescape
func addExp64AVX2(dst, src []float64) bool

//go:noescape
func addFloats32AVX2(dst []float64, src []float32)

//go:noescape
func addFloats64AVX2(dst, src []float64)

// addFloatsVec adds src to dst for the first len(src)&^3 elements.
func addFloatsVec[T Float](dst []float64, src []T) {
	switch s := any(src).(type) {
	case []float32:
		addFloats32AVX2(dst, s)
	case []float64:
		addFloats64AVX2(dst, s)
	}
}

func sigmoidVec(dst, src []float64) bool { return sigmoidAVX2(dst, src) }
func tanhVec(dst, src []float64) bool    { return tanhAVX2(dst, src) }
func gemmVec(z, init, a, w []float64, rows, k, g int) {
	gemmAVX2(z, init, a, w, rows, k, g)
}
func lagSums4Vec(sums *[16]float64, x, y []float64, n, d int) { lagSums4AVX2(sums, x, y, n, d) }

// addExpVector adds exp(src[i]) to dst[i] for the first len(src)&^3
// elements, four lanes at a time, except lanes outside [-708, 709] or NaN;
// it reports whether it skipped some.
func addExpVector[T float32 | float64](dst []float64, src []T) bool {
	switch s := any(src).(type) {
	case []float32:
		return addExp32AVX2(dst, s)
	case []float64:
		return addExp64AVX2(dst, s)
	}
	panic("unreachable")
}
