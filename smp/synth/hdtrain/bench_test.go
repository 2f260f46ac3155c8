package hdtrain

import "testing"

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
