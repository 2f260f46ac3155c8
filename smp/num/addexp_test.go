package num

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestAddExpBitIdentical(t *testing.T) {
	t.Logf("haveVector=%v useVector=%v", haveVector, useVector)
	if haveVector && !useVector {
		t.Error("vector kernel available but disagrees with math.Exp")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 3, 4, 7, 1001} {
		x := make([]float64, n)
		for i := range x {
			switch i % 4 {
			case 0:
				x[i] = r.NormFloat64() * 5
			case 1:
				x[i] = (r.Float64()*2 - 1) * 800
			case 2:
				x[i] = -700 - r.Float64()*60
			default:
				x[i] = -r.ExpFloat64() * 30
			}
		}
		if n > 10 {
			copy(x, []float64{math.Inf(-1), math.Inf(1), math.NaN(), 0, math.Copysign(0, -1), 709.5, -745.2})
		}
		x32 := make([]float32, n)
		for i, v := range x {
			x32[i] = float32(v)
		}
		for name, run := range map[string]func(dst []float64){
			"float64": func(dst []float64) { AddExp(dst, x) },
			"float32": func(dst []float64) { AddExp(dst, x32) },
		} {
			got, want := make([]float64, n), make([]float64, n)
			for i := range got {
				got[i] = float64(i % 3)
				want[i] = got[i]
			}
			run(got)
			run(got)
			for k := 0; k < 2; k++ {
				for i := range want {
					v := x[i]
					if name == "float32" {
						v = float64(x32[i])
					}
					want[i] += math.Exp(v)
				}
			}
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
					t.Errorf("%s n=%d: exp(%v) sums to %v, want %v", name, n, x[i], got[i], want[i])
				}
			}
		}
	}
}

func BenchmarkAddExp(b *testing.B) {
	src := make([]float32, 512)
	for i := range src {
		src[i] = -float32(i) / 20
	}
	dst := make([]float64, len(src))
	b.SetBytes(int64(4 * len(src)))
	for b.Loop() {
		AddExp(dst, src)
	}
}
