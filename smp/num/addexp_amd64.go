//go:build amd64 && !purego

package num

import "golang.org/x/sys/cpu"

// haveAddExpVector reports whether the AVX2 kernels of AddExp may run:
// math.Exp takes its fused-multiply-add path exactly when the CPU has AVX
// and FMA, and the kernels repeat that path (AVX2 for the integer shift).
var haveAddExpVector = cpu.X86.HasAVX && cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func addExp32AVX2(dst []float64, src []float32) bool

//go:noescape
func addExp64AVX2(dst, src []float64) bool

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
