package hdtrain

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkLoss measures one training iteration's forward and backward
// pass: the default episode (32 sequences of 50 steps) on 32 units.
func BenchmarkLoss(b *testing.B) {
	cfg := DefaultConfig(1)
	rng := rand.New(rand.NewPCG(1, 1))
	m := NewModel(PreferredDirections(Units, rng), cfg.Task.Tuning, 1, 0, rng)
	ep := cfg.Task.Episode(m.Pref, rng)
	g := NewGrads(m)
	for b.Loop() {
		g.zero()
		if _, err := Loss(m, ep, g, cfg.Workers); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIntegrationDemo measures figure 3's 1000-step integration demo
// on the built network.
func BenchmarkIntegrationDemo(b *testing.B) {
	m, _, _, err := Build(1)
	if err != nil {
		b.Fatal(err)
	}
	vel := DemoVelocities()
	for b.Loop() {
		if _, err := m.IntegrationDemo(0, vel); err != nil {
			b.Fatal(err)
		}
	}
}
