package num

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
)

func TestLagDotsBitIdentical(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct{ T, d, lags int }{{200, 32, 50}, {60, 32, 50}, {7, 4, 7}, {10, 8, 3}, {5, 3, 5}, {3, 32, 3}} {
		x := make([]float64, tc.T*tc.d)
		for i := range x {
			x[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(6)-3))
		}
		got := make([]float64, tc.lags)
		LagDots(got, x, tc.d)
		for l := range got {
			if want := floats.Dot(x[:len(x)-l*tc.d], x[l*tc.d:]); math.Float64bits(got[l]) != math.Float64bits(want) {
				t.Errorf("T=%d d=%d lag %d: %v, want %v", tc.T, tc.d, l, got[l], want)
			}
		}
	}
}
