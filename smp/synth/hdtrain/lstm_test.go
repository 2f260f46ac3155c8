package hdtrain

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRecordStepMatchesStep checks that BPTT's recording forward step gives
// hdnet.LSTM.Step's results bit for bit, for both input sizes and for
// inputs with zeros, and records the gates it applied.
func TestRecordStepMatchesStep(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const h, batch = 5, 4
	for _, in := range []int{2, h} {
		l := newLSTM(in, h)
		for i := range l.W {
			l.W[i] = rng.NormFloat64()
		}
		for i := range l.B {
			l.B[i] = rng.NormFloat64()
		}
		x := make([]float64, batch*in)
		hs := make([]float64, batch*h)
		cs := make([]float64, batch*h)
		for i := range x {
			if i%3 != 1 {
				x[i] = 3 * rng.NormFloat64()
			}
		}
		for i := range hs {
			hs[i] = rng.Float64()
			cs[i] = rng.NormFloat64()
		}
		hr, cr := append([]float64(nil), hs...), append([]float64(nil), cs...)
		l.Step(x, hr, cr, batch, make([]float64, 4*h))
		z := make([]float64, 4*h)
		sc := newStepCache(in, h)
		for b := 0; b < batch; b++ {
			recordStep(l, x[b*in:(b+1)*in], hs[b*h:(b+1)*h], cs[b*h:(b+1)*h], z, sc)
			for u := 0; u < h; u++ {
				if sc.sc[u]*sc.so[u] != hs[b*h+u] || sc.c[u] != cs[b*h+u] {
					t.Fatalf("in=%d: sequence %d unit %d: recorded gates do not give the output", in, b, u)
				}
			}
		}
		for i := range hs {
			if math.Float64bits(hs[i]) != math.Float64bits(hr[i]) || math.Float64bits(cs[i]) != math.Float64bits(cr[i]) {
				t.Fatalf("in=%d: value %d: h %v c %v, hdnet h %v c %v", in, i, hs[i], cs[i], hr[i], cr[i])
			}
		}
	}
}
