package hdtrain

import "testing"

// TestShortTrainingLowersLoss re-runs a short training (8 units, 200
// iterations of 8 sequences of 20 steps) and checks that the loss falls by
// at least a quarter and that training is deterministic.
func TestShortTrainingLowersLoss(t *testing.T) {
	cfg := DefaultConfig(1)
	cfg.Units = 8
	cfg.Task.Batch = 8
	cfg.Task.Steps = 20
	cfg.Iterations = 200
	cfg.LearningRate = 1e-2
	cfg.LogEvery = 0
	_, losses, err := Train(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	mean := func(v []float64) float64 {
		var s float64
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	first, last := mean(losses[:10]), mean(losses[len(losses)-10:])
	t.Logf("mean loss of the first 10 iterations %.4f, of the last 10 %.4f", first, last)
	if !(last < 0.75*first) {
		t.Errorf("loss did not fall enough: first 10 iterations %.4f, last 10 %.4f", first, last)
	}
	_, again, err := Train(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range losses {
		if losses[i] != again[i] {
			t.Fatalf("iteration %d: loss %v, then %v: training is not deterministic", i, losses[i], again[i])
		}
	}
}
