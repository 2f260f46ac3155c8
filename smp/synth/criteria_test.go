package synth

import (
	"math"
	"os"
	"testing"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// criteriaWorld generates a world large enough for figure 2's analyses:
// 60 trajectories of 500 steps (30,000 samples).
func criteriaWorld(t *testing.T, net HeadingNetwork) *World {
	t.Helper()
	cfg := DefaultConfig(1)
	cfg.Trajectories, cfg.Images = 60, 64
	w, err := Generate(cfg, net)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// checkClassification runs figure 2's classification on w and checks the
// world's criterion: precision and recall ≥ 0.9 for HD in RNN-1, egoBVC in
// RNN-2 and BVC in RNN-3.
func checkClassification(t *testing.T, w *World) {
	t.Helper()
	tr, err := data.NewTrajectories(&data.Dataset{Source: "world", Root: w.Datasets()[data.TrajectoriesName]})
	if err != nil {
		t.Fatal(err)
	}
	c, err := smp.Classify(tr.Activations(), tr.HD, tr.Pos, tr.WorldDistances, smp.ClassifyOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	det, err := ScoreClassification(w.Truth, c.IsHD, c.IsEgo, c.IsAllo)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range det {
		t.Log(d)
		if !(d.Precision >= 0.9) || !(d.Recall >= 0.9) {
			t.Errorf("%v: want precision and recall ≥ 0.9", d)
		}
	}
	// Detected units point where they were planted.
	for i, u := range w.Truth.Units {
		var got float64
		switch {
		case u.Type == TypeHD && c.IsHD[i]:
			got = c.HDAngle[i]
		case u.Type == TypeEgoBVC && u.RNN == 2 && c.IsEgo[i]:
			got = c.EgoAngle[i]
		case u.Type == TypeBVC && u.RNN == 3 && c.IsAllo[i]:
			got = c.AlloAngle[i]
		default:
			continue
		}
		if d := math.Abs(hdtrain.Wrap(got - *u.AnalysisAngle)); d > 0.5 {
			t.Errorf("unit %d (%s): analysis angle %.2f, planted %.2f", i, u.Type, got, *u.AnalysisAngle)
		}
	}
}

func TestCriteriaIdealWorld(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 60-trajectory world")
	}
	w := criteriaWorld(t, NewIdealHD())
	checkClassification(t, w)
	for k := range w.Maps {
		pf, err := ScorePlaceFields(w.Pos, w.LogPs[k], slots, w.Truth.Maps[k])
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("map %d: place-like %.3f, median field %.3f m^2, median peak-to-write %.3f m", k, pf.PlaceLike(), pf.MedianFieldArea(), pf.MedianPeakDistance())
		if pf.PlaceLike() < 0.5 {
			t.Errorf("map %d: %.3f of slots have one compact field, want most", k, pf.PlaceLike())
		}
		if d := pf.MedianPeakDistance(); d > 0.3 {
			t.Errorf("map %d: slot ratemaps peak %.3f m from where the slot was written (median)", k, d)
		}
	}
}

// TestCriteriaLSTMWorld checks the classification with the real
// head-direction LSTM, when its parameters have been made.
func TestCriteriaLSTMWorld(t *testing.T) {
	const path = "../../data/hdnet/params.npz"
	if testing.Short() {
		t.Skip("generates a 60-trajectory world")
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no head-direction LSTM parameters at %s (made by smp/synth/hdtrain): %v", path, err)
	}
	net, _, err := LoadLSTM(path, path)
	if err != nil {
		t.Fatal(err)
	}
	checkClassification(t, criteriaWorld(t, net))
}

func TestPlaceFieldsMetric(t *testing.T) {
	// Synthetic slots: slot 0 a single Gaussian bump, slot 1 two far-apart
	// bumps, slot 2 flat noise-free but for one corner bump.
	n := 0
	var pos []float32
	for x := -1.05; x <= 1.05; x += 0.02 {
		for y := -1.05; y <= 1.05; y += 0.02 {
			pos = append(pos, float32(x), float32(y))
			n++
		}
	}
	const s = 3
	logp := make([]float32, n*s)
	bump := func(x, y, cx, cy float64) float64 {
		return math.Exp(-((x-cx)*(x-cx) + (y-cy)*(y-cy)) / (2 * 0.15 * 0.15))
	}
	for i := 0; i < n; i++ {
		x, y := float64(pos[2*i]), float64(pos[2*i+1])
		p := []float64{
			0.01 + bump(x, y, 0.3, -0.2),
			0.01 + bump(x, y, -0.6, 0.6) + bump(x, y, 0.6, -0.6),
			0.01 + bump(x, y, 0.9, 0.9),
		}
		for j, v := range p {
			logp[i*s+j] = float32(math.Log(v))
		}
	}
	pf, err := ScorePlaceFields(pos, logp, s, []SlotTruth{{X: 0.3, Y: -0.2}, {X: -0.6, Y: 0.6}, {X: 0.9, Y: 0.9}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ScorePlaceFields(pos, logp, s, []SlotTruth{{}}); err == nil {
		t.Error("ground truth of 1 slot for 3: want an error")
	}
	if pf.Components[0] != 1 || pf.Components[1] != 2 || pf.Components[2] != 1 {
		t.Errorf("components %v, want [1 2 1]", pf.Components)
	}
	if pf.Compact != 2 || pf.SingleField != 2 {
		t.Errorf("compact %d, single %d, want 2 and 2", pf.Compact, pf.SingleField)
	}
	if pf.PeakDistance[0] > 0.1 || pf.PeakDistance[2] > 0.15 {
		t.Errorf("peak distances %v, want the bumps found", pf.PeakDistance)
	}
}

func TestScoreClassification(t *testing.T) {
	truth := &Truth{Units: []UnitTruth{
		{RNN: 1, Type: TypeHD}, {RNN: 1, Type: TypeHD}, {RNN: 1, Type: TypeUntuned},
		{RNN: 2, Type: TypeEgoBVC}, {RNN: 2, Type: TypePlace},
		{RNN: 3, Type: TypeBVC}, {RNN: 3, Type: TypeBVC},
	}}
	isHD := []bool{true, false, true, false, false, false, false}
	isEgo := []bool{false, false, false, true, true, false, false}
	isAllo := []bool{false, false, false, false, false, true, true}
	det, err := ScoreClassification(truth, isHD, isEgo, isAllo)
	if err != nil {
		t.Fatal(err)
	}
	want := []Detection{
		{RNN: 1, Type: TypeHD, TP: 1, FP: 1, FN: 1, Precision: 0.5, Recall: 0.5},
		{RNN: 2, Type: TypeEgoBVC, TP: 1, FP: 1, FN: 0, Precision: 0.5, Recall: 1},
		{RNN: 3, Type: TypeBVC, TP: 2, FP: 0, FN: 0, Precision: 1, Recall: 1},
	}
	for i := range want {
		if det[i] != want[i] {
			t.Errorf("detection %d: %+v, want %+v", i, det[i], want[i])
		}
	}
	if _, err := ScoreClassification(truth, isHD[:2], isEgo, isAllo); err == nil {
		t.Error("short flags: want an error")
	}
}
