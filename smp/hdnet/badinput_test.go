package hdnet

import (
	"math"
	"testing"
)

func TestBadInputNoPanic(t *testing.T) {
	// B = 0 used to loop forever.
	if got := ConvergenceTime(nil, 0, 0.1); !math.IsInf(got, 1) {
		t.Errorf("ConvergenceTime(nil, 0) = %v, want +Inf", got)
	}
	if got := DemoVelocities(-1); len(got) != 0 {
		t.Errorf("DemoVelocities(-1) has %d values, want 0", len(got))
	}
	n, err := RandomNetwork(4, 3, 2, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Demo(0, -1); err == nil {
		t.Error("Demo with -1 steps: no error")
	}
}
