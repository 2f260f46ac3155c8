//go:build !amd64 || purego

package num

// haveAddExpVector is false: there is no vector kernel for this
// architecture.
const haveAddExpVector = false

func addExpVector[T float32 | float64](dst []float64, src []T) bool {
	panic("num: no vector kernel")
}
