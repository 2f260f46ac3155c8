package hdtrain

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// TestStepMatchesHdnet checks that the step used here is the figure-3 LSTM
// step of package hdnet, for both input sizes.
func TestStepMatchesHdnet(t *testing.T) {
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
		ref, err := hdnet.NewLSTM(in, l.W, l.B)
		if err != nil {
			t.Fatal(err)
		}
		x := make([]float64, batch*in)
		hs := make([]float64, batch*h)
		cs := make([]float64, batch*h)
		for i := range x {
			x[i] = 3 * rng.NormFloat64()
		}
		for i := range hs {
			hs[i] = rng.Float64()
			cs[i] = rng.NormFloat64()
		}
		hr, cr := append([]float64(nil), hs...), append([]float64(nil), cs...)
		ref.Step(x, hr, cr, batch, make([]float64, 4*h))
		z := make([]float64, 4*h)
		for b := 0; b < batch; b++ {
			l.step(x[b*in:(b+1)*in], hs[b*h:(b+1)*h], cs[b*h:(b+1)*h], z, nil)
		}
		for i := range hs {
			if math.Abs(hs[i]-hr[i]) > 1e-12 || math.Abs(cs[i]-cr[i]) > 1e-12 {
				t.Fatalf("in=%d: value %d: h %v c %v, hdnet h %v c %v", in, i, hs[i], cs[i], hr[i], cr[i])
			}
		}
	}
}
