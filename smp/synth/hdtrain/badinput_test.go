package hdtrain

import (
	"slices"
	"testing"
)

func badInputModel(t *testing.T) (*Model, *Plane) {
	t.Helper()
	m, err := Construct(PreferredDirections(8, nil), DefaultRing(), DefaultTuning())
	if err != nil {
		t.Fatal(err)
	}
	out, err := m.Run(NewState(m.StateAt(0)), DemoVelocities()[:300], nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := DemoPCA(out)
	if err != nil {
		t.Fatal(err)
	}
	return m, p
}

func TestPredictCorrectCheckSizes(t *testing.T) {
	m, _ := badInputModel(t)
	for _, s := range []State{{H: []float64{1}, C: []float64{1}}, {H: make([]float64, 20), C: make([]float64, 20)}, {}} {
		if err := m.Predict(s, 0.1); err == nil {
			t.Errorf("Predict accepted a state of %d and %d values", len(s.H), len(s.C))
		}
		if err := m.Correct(s, m.StateAt(0)); err == nil {
			t.Errorf("Correct accepted a state of %d and %d values", len(s.H), len(s.C))
		}
	}
	s := NewState(m.StateAt(0))
	before := slices.Clone(s.H)
	for _, code := range [][]float64{nil, {1}, make([]float64, 9)} {
		if err := m.Correct(s, code); err == nil {
			t.Errorf("Correct accepted a code of %d values", len(code))
		}
	}
	if !slices.Equal(s.H, before) {
		t.Error("a rejected Correct changed the state")
	}
	if err := (&Model{}).Predict(s, 0); err == nil {
		t.Error("Predict on the zero Model: no error")
	}
	if _, err := (&Model{}).Run(State{}, []float64{1}, nil); err == nil {
		t.Error("Run on the zero Model: no error")
	}
	// The checked step matches the unchecked one used by StateAt.
	a, b := NewState(m.StateAt(0.3)), NewState(m.StateAt(0.3))
	if err := m.Predict(a, 0.1); err != nil {
		t.Fatal(err)
	}
	m.predict(b, 0.1)
	if !slices.Equal(a.H, b.H) || !slices.Equal(a.C, b.C) {
		t.Error("Predict and predict differ")
	}
}

func TestCriteriaCheckInputs(t *testing.T) {
	m, p := badInputModel(t)
	good := [][]float64{m.StateAt(0)}
	if _, _, err := m.Rotation(p, [][]float64{{1, 2}}, 0.1, 10); err == nil {
		t.Error("Rotation accepted a start of 2 values")
	}
	if _, _, err := m.Rotation(p, good, 0.1, 1); err == nil {
		t.Error("Rotation accepted 1 step (the rate would be NaN)")
	}
	if _, _, err := m.Rotation(p, nil, 0.1, 10); err == nil {
		t.Error("Rotation accepted no starts")
	}
	if _, _, err := m.Rotation(nil, good, 0.1, 10); err == nil {
		t.Error("Rotation accepted a nil plane")
	}
	if _, err := m.Attractor(nil, good, 10); err == nil {
		t.Error("Attractor accepted a nil plane")
	}
	if _, err := m.CorrectionRun(p, good, m.StateAt(0), -2); err == nil {
		t.Error("CorrectionRun accepted -2 steps")
	}
	if _, err := m.CorrectionRun(nil, good, m.StateAt(0), 2); err == nil {
		t.Error("CorrectionRun accepted a nil plane")
	}
}
