//go:build !amd64 || purego

package num

// haveVector is false: there are no vector kernels for this architecture,
// so the functions below are never called.
const haveVector = false

const noVector = "num: no vector kernels"

func sigmoidVec(dst, src []float64) bool                      { panic(noVector) }
func tanhVec(dst, src []float64) bool                         { panic(noVector) }
func gemmVec(z, init, a, w []float64, rows, k, n int)         { panic(noVector) }
func lagSums4Vec(sums *[16]float64, x, y []float64, n, d int) { panic(noVector) }
func addExp32Vec(dst []float64, src []float32) bool           { panic(noVector) }
func addExp64Vec(dst, src []float64) bool                     { panic(noVector) }
func addFloats32Vec(dst []float64, src []float32)             { panic(noVector) }
func addFloats64Vec(dst, src []float64)                       { panic(noVector) }
