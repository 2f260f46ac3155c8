//go:build amd64 && !purego

package num

import "golang.org/x/sys/cpu"

// haveVector reports whether the AVX2 kernels (vec_amd64.s) may run.
// math.Exp takes its fused-multiply-add path exactly when the CPU has AVX
// and FMA; the kernels repeat that path, so they also need FMA (and AVX2
// for the integer shift).
var haveVector = cpu.X86.HasAVX && cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func sigmoidVec(dst, src []float64) bool

//go:noescape
func tanhVec(dst, src []float64) bool

//go:noescape
func gemmVec(z, init, a, w []float64, rows, k, n int)

//go:noescape
func lagSums4Vec(sums *[16]float64, x, y []float64, n, d int)

//go:noescape
func addExp32Vec(dst []float64, src []float32) bool

//go:noescape
func addExp64Vec(dst, src []float64) bool

//go:noescape
func addFloats32Vec(dst []float64, src []float32)

//go:noescape
func addFloats64Vec(dst, src []float64)
