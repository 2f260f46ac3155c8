package hdtrain

import (
	"math"
	"slices"
	"testing"
)

func TestRotationSign(t *testing.T) {
	pref := []float64{0.5, -1, 2, 0}
	got := RotationSign(pref)
	want := []float64{1, 1, -1, -1} // ranks 2, 0, 3, 1: even ranks +1
	if !slices.Equal(got, want) {
		t.Errorf("RotationSign(%v) = %v, want %v", pref, got, want)
	}
}

// TestBuild checks that Build is deterministic for a seed, that the seed
// only permutes the units, and that the velocity calibration converged.
func TestBuild(t *testing.T) {
	a, ra, worst, err := Build(1)
	if err != nil {
		t.Fatal(err)
	}
	if worst > 0.01 {
		t.Errorf("worst relative speed error after calibration %.4f, want ≤ 0.01", worst)
	}
	b, rb, _, err := Build(1)
	if err != nil {
		t.Fatal(err)
	}
	if ra != rb || !slices.Equal(a.Pred.W, b.Pred.W) || !slices.Equal(a.Corr.W, b.Corr.W) ||
		!slices.Equal(a.Pred.B, b.Pred.B) || !slices.Equal(a.Corr.B, b.Corr.B) || !slices.Equal(a.Pref, b.Pref) {
		t.Error("Build(1) twice gives different networks")
	}
	c, _, _, err := Build(2)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(a.Pref, c.Pref) {
		t.Error("seeds 1 and 2 give the same unit order")
	}
	pa, pc := slices.Clone(a.Pref), slices.Clone(c.Pref)
	slices.Sort(pa)
	slices.Sort(pc)
	if !slices.Equal(pa, pc) {
		t.Error("seeds 1 and 2 give different sets of preferred headings")
	}
	for k, w := range calibrationSpeeds {
		if s := MeasureSpeed(a, w); math.Abs(s/w-1) > 0.01 {
			t.Errorf("speed %d: at %.2f rad/step the heading turns %.4f rad/step", k, w, s)
		}
	}
}

// TestStateAt checks that the on-ring state of a heading decodes to that
// heading and that its most active units prefer headings near it.
func TestStateAt(t *testing.T) {
	m, _, _, err := Build(1)
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 64; k++ {
		theta := -math.Pi + 2*math.Pi*float64(k)/64
		h := m.StateAt(theta)
		if d := math.Abs(Wrap(DecodeHeading(h, m.Pref) - theta)); d > 0.05 {
			t.Errorf("StateAt(%.3f) decodes to %.3f", theta, DecodeHeading(h, m.Pref))
		}
		best := 0
		for u := range h {
			if h[u] > h[best] {
				best = u
			}
		}
		if d := math.Abs(Wrap(m.Pref[best] - theta)); d > math.Pi/4 {
			t.Errorf("StateAt(%.3f): most active unit prefers %.3f", theta, m.Pref[best])
		}
	}
}
