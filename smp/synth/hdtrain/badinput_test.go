package hdtrain

import (
	"math/rand/v2"
	"testing"
)

func TestCriteriaCheckInputs(t *testing.T) {
	m, err := Construct(PreferredDirections(8, nil), DefaultRing(), DefaultTuning())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	if _, err := m.Figure3(0, 10, rng); err == nil {
		t.Error("Figure3 accepted no runs")
	}
	if _, err := m.Figure3(10, 0, rng); err == nil {
		t.Error("Figure3 accepted no steps")
	}
	if _, err := m.Figure3(10, 10, nil); err == nil {
		t.Error("Figure3 accepted no random source")
	}
	bad := *m
	bad.Pref = bad.Pref[:4]
	if _, err := bad.Figure3(10, 10, rng); err == nil {
		t.Error("Figure3 accepted a model whose LSTMs do not match its units")
	}
	if _, err := Evaluate(&bad, false); err == nil {
		t.Error("Evaluate accepted a model whose LSTMs do not match its units")
	}
}
