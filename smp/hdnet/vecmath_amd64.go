//go:build amd64 && !purego

package hdnet

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

func sigmoidVec(dst, src []float64) bool { return sigmoidAVX2(dst, src) }
func tanhVec(dst, src []float64) bool    { return tanhAVX2(dst, src) }
func gemmVec(z, init, a, w []float64, rows, k, g int) {
	gemmAVX2(z, init, a, w, rows, k, g)
}
func lagSums4Vec(sums *[16]float64, x, y []float64, n, d int) { lagSums4AVX2(sums, x, y, n, d) }
