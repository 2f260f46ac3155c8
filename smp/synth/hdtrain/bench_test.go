package hdtrain

import (
	"testing"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// BenchmarkIntegrationDemo measures figure 3's 1000-step integration demo
// on the built network.
func BenchmarkIntegrationDemo(b *testing.B) {
	m, _, _, err := Build(1)
	if err != nil {
		b.Fatal(err)
	}
	vel := hdnet.DemoVelocities(hdnet.DemoSteps)
	for b.Loop() {
		if _, err := m.IntegrationDemo(0, vel); err != nil {
			b.Fatal(err)
		}
	}
}
