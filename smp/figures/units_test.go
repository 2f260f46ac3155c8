package figures

import (
	"math"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
)

// scoresClassification returns a classification of units with the given
// scores (HD, ego, allo per unit).
func scoresClassification(hd, ego, allo []float64) *smp.Classification {
	return &smp.Classification{HDScore: hd, HDLength: hd, EgoScore: ego, AlloScore: allo}
}

func TestChoosePanelUnitsOriginal(t *testing.T) {
	sizes := []int{32, 128, 128}
	u, err := ChoosePanelUnits(RealData, sizes, 512, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u.Rule, "picked by hand") || !equalInts(u.HD, []int{0, 1, 2, 3, 4}) || !equalInts(u.Ego, []int{14, 56, 73, 76, 81}) ||
		!equalInts(u.Allo, []int{57, 64, 87, 104, 119}) || !equalInts(u.Slots, []int{43, 45, 96, 508, 510}) {
		t.Errorf("real data: got %+v, want the original's units", u)
	}
	// Not on synthetic data of the same sizes, nor on real data of other
	// sizes.
	for _, c := range []struct {
		kind  DataKind
		sizes []int
		slots int
		why   string
	}{
		{SyntheticData, sizes, 512, "mean nothing"},
		{OtherData, sizes, 512, "mean nothing"},
		{RealData, []int{32, 128, 64}, 512, "sizes"},
		{RealData, sizes, 500, "sizes"},
	} {
		if OriginalUnitsApply(c.kind, c.sizes, c.slots) {
			t.Errorf("%v %v %d: original units apply", c.kind, c.sizes, c.slots)
		}
		total := c.sizes[0] + c.sizes[1] + c.sizes[2]
		z := make([]float64, total)
		u, err := ChoosePanelUnits(c.kind, c.sizes, c.slots, scoresClassification(z, z, z), make([]float64, c.slots))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(u.Rule, "picked by hand") || !strings.Contains(u.Rule, c.why) {
			t.Errorf("%v %v %d: rule %q", c.kind, c.sizes, c.slots, u.Rule)
		}
		// All scores tie: the lowest indices, in order.
		if !equalInts(u.HD, []int{0, 1, 2, 3, 4}) || !equalInts(u.Slots, []int{0, 1, 2, 3, 4}) {
			t.Errorf("ties: HD %v, slots %v", u.HD, u.Slots)
		}
	}
}

func TestChoosePanelUnitsBest(t *testing.T) {
	nan := math.NaN()
	// RNN-1: 6 units, RNN-2: 7, RNN-3: 3 (fewer than five).
	hd := []float64{0.1, 0.9, nan, 0.5, 0.9, 0.2 /* RNN-2 */, 1, 1, 1, 1, 1, 1, 1 /* RNN-3 */, 1, 1, 1}
	ego := []float64{1, 1, 1, 1, 1, 1 /* RNN-2 */, 0.3, nan, 0.8, 0.1, 0.7, 0.2, 0.6 /* RNN-3 */, 1, 1, 1}
	allo := []float64{1, 1, 1, 1, 1, 1 /* RNN-2 */, 1, 1, 1, 1, 1, 1, 1 /* RNN-3 */, nan, 0.2, 0.3}
	slots := []float64{0.5, 0.4, 0.3, 0.2, 0.1, 0.6, 0}
	u, err := ChoosePanelUnits(SyntheticData, []int{6, 7, 3}, 7, scoresClassification(hd, ego, allo), slots)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want []int
	}{
		{"HD", u.HD, []int{1, 4, 3, 5, 0}},   // ties by index; NaN (unit 2) last
		{"ego", u.Ego, []int{2, 4, 6, 0, 5}}, // within RNN-2
		{"allo", u.Allo, []int{2, 1, 0}},     // all three, NaN last
		{"slots", u.Slots, []int{5, 0, 1, 2, 3}},
	} {
		if !equalInts(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	if _, err := ChoosePanelUnits(SyntheticData, []int{6, 7, 3}, 8, scoresClassification(hd, ego, allo), slots); err == nil {
		t.Errorf("7 slot scores for 8 slots: no error")
	}
	if _, err := ChoosePanelUnits(SyntheticData, []int{6, 10}, 7, scoresClassification(hd, ego, allo), slots); err == nil {
		t.Errorf("two RNNs: no error")
	}
	if _, err := ChoosePanelUnits(SyntheticData, []int{6, 7, 4}, 7, scoresClassification(hd, ego, allo), slots); err == nil {
		t.Errorf("classification of 16 units for 17: no error")
	}
}

// TestSlotPlaceScores checks the ranking on a 1 m square visited on a
// regular grid: a slot reactivated only in one corner is the most
// place-like, one reactivated a little everywhere and one never reactivated
// score zero, and a broad field ranks between.
func TestSlotPlaceScores(t *testing.T) {
	const g = 50
	n := g * g
	// The corner is the first 2 x 2 ratemap bins.
	lim := smp.RatemapEdges(0, 1, smp.DefaultBinSize)[2]
	pos := make([]float64, 0, 2*n)
	logp := make([]float32, 0, 4*n)
	for i := range g {
		for j := range g {
			x, y := float64(i)/(g-1), float64(j)/(g-1)
			pos = append(pos, x, y)
			corner := float32(math.Log(1e-6))
			if x < lim && y < lim {
				corner = float32(math.Log(0.9))
			}
			broad := float32(math.Log(0.05 + 0.4*x))
			logp = append(logp, corner, float32(math.Log(0.01)), float32(math.Inf(-1)), broad)
		}
	}
	s, err := SlotPlaceScores(data.New(pos, n, 2), data.New(logp, n, 4))
	if err != nil {
		t.Fatal(err)
	}
	if !(s[0] > s[3] && s[3] > 0) {
		t.Errorf("scores %v: want corner > broad > 0", s)
	}
	if math.Abs(s[1]) > 1e-12 || s[2] != 0 {
		t.Errorf("uniform and silent slots score %v, %v; want 0", s[1], s[2])
	}
	// The corner slot: reactivation 0.9 in a fraction q of the samples,
	// about 0 elsewhere, gives I = q 0.9 log2(1/q).
	q := 0.0
	for i := range n {
		if pos[2*i] < lim && pos[2*i+1] < lim {
			q++
		}
	}
	q /= float64(n)
	if want := q * 0.9 * math.Log2(1/q); math.Abs(s[0]-want) > 1e-3*want {
		t.Errorf("corner slot scores %v, want about %v", s[0], want)
	}
	if _, err := SlotPlaceScores(data.New(pos[:20], 10, 2), data.New(logp, n, 4)); err == nil {
		t.Errorf("mismatched sample counts: no error")
	}
}

func TestPanelUnitsString(t *testing.T) {
	want := "A, B: RNN-1 units [0 1 2 3 4]; C: RNN-2 units [14 56 73 76 81]; D: RNN-3 units [57 64 87 104 119]; E: memory-map-1 slots [43 45 96 508 510]"
	u, err := ChoosePanelUnits(RealData, []int{32, 128, 128}, 512, nil, nil) // the original's units
	if err != nil {
		t.Fatal(err)
	}
	if got := u.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
