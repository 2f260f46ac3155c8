package hdtrain

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestDecodeTuningCurves(t *testing.T) {
	pref := PreferredDirections(Units, rand.New(rand.NewPCG(5, 6)))
	tun := DefaultTuning()
	for k := 0; k < 50; k++ {
		theta := -math.Pi + 2*math.Pi*float64(k)/50 + 0.01
		if d := Wrap(DecodeHeading(tun.Population(nil, theta, pref), pref) - theta); math.Abs(d) > 1e-9 {
			t.Errorf("heading %.3f decoded with error %.3g", theta, d)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, c := range [][2]float64{{0, 0}, {math.Pi, math.Pi}, {-math.Pi, math.Pi}, {3 * math.Pi / 2, -math.Pi / 2}, {-7, -7 + 2*math.Pi}} {
		if got := Wrap(c[0]); math.Abs(got-c[1]) > 1e-12 {
			t.Errorf("Wrap(%v) = %v, want %v", c[0], got, c[1])
		}
	}
}
