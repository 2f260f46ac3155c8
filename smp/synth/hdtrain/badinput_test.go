package hdtrain

import (
	"testing"
)

func badInputModel(t *testing.T) (*Model, *Plane) {
	t.Helper()
	m, err := Construct(PreferredDirections(8, nil), DefaultRing(), DefaultTuning())
	if err != nil {
		t.Fatal(err)
	}
	demo, err := m.IntegrationDemo(0, DemoVelocities()[:300])
	if err != nil {
		t.Fatal(err)
	}
	p, err := DemoPCA(demo.Outputs)
	if err != nil {
		t.Fatal(err)
	}
	return m, p
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
