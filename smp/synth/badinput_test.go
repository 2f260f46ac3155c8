package synth

import "testing"

func TestBadInputNoPanic(t *testing.T) {
	if _, err := ScoreClassification(nil, nil, nil, nil); err == nil {
		t.Error("ScoreClassification(nil truth): no error")
	}
	if _, err := Walk(DefaultArena(), DefaultMotion(), nil, 3); err == nil {
		t.Error("Walk with a nil rng: no error")
	}
}
