//go:build !amd64 || purego

package hdnet

// haveVector is false: there are no vector kernels for this architecture.
const haveVector = false

func sigmoidVec(dst, src []float64) bool { panic("hdnet: no vector kernels") }
func tanhVec(dst, src []float64) bool    { panic("hdnet: no vector kernels") }
func gemmVec(z, init, a, w []float64, rows, k, g int) {
	panic("hdnet: no vector kernels")
}
func lagSums4Vec(sums *[16]float64, x, y []float64, n, d int) {
	panic("hdnet: no vector kernels")
}
