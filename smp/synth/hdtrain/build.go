package hdtrain

import (
	"fmt"
	"math/rand/v2"
)

// Build makes the committed head-direction network for a seed: the units'
// preferred headings are evenly spread and shuffled by the seed
// (PreferredDirections), the network is Construct(DefaultRing()) with
// VelGain and VelCurv tuned by CalibrateVelocity, and every parameter is
// rounded to float32 as Save stores it. It returns the model, the scalars
// used and the worst remaining relative speed error of the calibration.
func Build(seed uint64) (*Model, Ring, float64, error) {
	rng := rand.New(rand.NewPCG(seed, 0x4d7a))
	pref := PreferredDirections(Units, rng)
	tun := DefaultTuning()
	r, worst, err := CalibrateVelocity(pref, DefaultRing(), tun)
	if err != nil {
		return nil, r, 0, fmt.Errorf("hdtrain: build: %w", err)
	}
	m, err := Construct(pref, r, tun)
	if err != nil {
		return nil, r, 0, fmt.Errorf("hdtrain: build: %w", err)
	}
	m.Round32()
	return m, r, worst, nil
}
