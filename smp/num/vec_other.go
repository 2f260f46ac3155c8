//go:build !amd64 || purego

package num

// haveVector is false: there are no vector kernels for this architecture.
const haveVector = false

func sigmoidVec(dst, src []float64) bool { panic("num: no vector kernels") }
func tanhVec(dst, src []float64) bool    { panic("num: no vector kernels") }
func gemmVec(z, init, a, w []float64, rows, k, g int) {
	panic("num: no vector kernels")
}
func lagSums4Vec(sums *[16]float64, x, y []float64, n, d int) {
	panic("num: no vector kernels")
}
func addExpVector[T float32 | float64](dst []float64, src []T) bool {
	panic("num: no vector kernels")
}
func addFloatsVec[T Float](dst []float64, src []T) {
	panic("num: no vector kernels")
}
