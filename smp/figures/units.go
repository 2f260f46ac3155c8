package figures

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// DataKind says where a data set comes from, which decides the units
// panels A–E of figure 2 show (ChoosePanelUnits).
type DataKind int

const (
	// RealData is DeepMind's files: the trained model's recordings,
	// downloaded by go run ./scripts/download into data/real.
	RealData DataKind = iota + 1
	// SyntheticData is the simulated world made by go run ./scripts/synth
	// (a directory holding synth.ManifestFile): not DeepMind's model, but a
	// simulation whose planted cell types are known.
	SyntheticData
	// OtherData is any other directory in the same schema (for example a
	// small test set): neither DeepMind's pickles nor a generated world.
	OtherData
)

// String returns "real", "synthetic" or "other".
func (k DataKind) String() string {
	switch k {
	case RealData:
		return "real"
	case SyntheticData:
		return "synthetic"
	case OtherData:
		return "other"
	}
	return fmt.Sprintf("DataKind(%d)", int(k))
}

// PanelMemoryMap is the memory map whose slots panel E draws: element 1 of
// log_ps_given_y.
const PanelMemoryMap = 1

// PanelRowLength is the number of units or slots in each of panels A–E.
const PanelRowLength = 5

// PanelUnits are the units and memory slots panels A–E show. Unit numbers
// count within their RNN (unit 14 of RNN-2 is unit 32+14 of the
// concatenation).
type PanelUnits struct {
	HD    []int // RNN-1 units of panels A (HD tuning) and B (ratemaps)
	Ego   []int // RNN-2 units of panel C
	Allo  []int // RNN-3 units of panel D
	Slots []int // slots of memory map 1 (PanelMemoryMap) of panel E
	// Rule says in a sentence how the units were chosen.
	Rule string
}

// String lists the units per panel, e.g. "A, B: RNN-1 units [0 1 2 3 4];
// C: RNN-2 units [14 56 73 76 81]; D: RNN-3 units [57 64 87 104 119]; E:
// memory-map-1 slots [43 45 96 508 510]".
func (u *PanelUnits) String() string {
	return fmt.Sprintf("A, B: RNN-1 units %v; C: RNN-2 units %v; D: RNN-3 units %v; E: memory-map-%d slots %v",
		u.HD, u.Ego, u.Allo, PanelMemoryMap, u.Slots)
}

// OriginalUnitsApply reports whether the original's hand-picked units are
// meaningful: only on DeepMind's data (kind RealData) with RNNs of 32, 128
// and 128 units and at least 511 slots in memory map 1.
func OriginalUnitsApply(kind DataKind, unitsPerRNN []int, slots int) bool {
	return kind == RealData && slices.Equal(unitsPerRNN, []int{32, 128, 128}) && slots > 510
}

// ChoosePanelUnits chooses the units and slots of panels A–E. When
// OriginalUnitsApply, they are the original's, picked by hand for
// DeepMind's trained model.
// Otherwise the hand-picked numbers mean nothing, and each panel shows the
// PanelRowLength best-scoring units of its type, best first (ties by
// index, NaN scores last):
//
//   - A, B: RNN-1 units by HD score (resultant vector length, c.HDScore);
//   - C: RNN-2 units by egocentric BVC score (c.EgoScore);
//   - D: RNN-3 units by allocentric BVC score (c.AlloScore);
//   - E: memory-map-1 slots by slotScores, the place score of each slot
//     (SlotPlaceScores).
//
// A panel whose RNN has fewer units shows them all. unitsPerRNN needs at
// least three RNNs, and slotScores (needed unless the original's units
// apply) one score per slot.
func ChoosePanelUnits(kind DataKind, unitsPerRNN []int, slots int, c *smp.Classification, slotScores []float64) (*PanelUnits, error) {
	if OriginalUnitsApply(kind, unitsPerRNN, slots) {
		return &PanelUnits{
			HD:    []int{0, 1, 2, 3, 4},
			Ego:   []int{14, 56, 73, 76, 81},
			Allo:  []int{57, 64, 87, 104, 119},
			Slots: []int{43, 45, 96, 508, 510},
			Rule:  "the units and slots of the original figure, picked by hand for DeepMind's trained model",
		}, nil
	}
	if len(unitsPerRNN) < 3 {
		return nil, fmt.Errorf("panel units: figure 2 needs 3 RNNs, the data has %d", len(unitsPerRNN))
	}
	total := 0
	for _, u := range unitsPerRNN {
		total += u
	}
	if c == nil || len(c.HDScore) != total || len(c.EgoScore) != total || len(c.AlloScore) != total {
		return nil, fmt.Errorf("panel units: classification does not cover the %d units of RNNs %v", total, unitsPerRNN)
	}
	if len(slotScores) != slots {
		return nil, fmt.Errorf("panel units: %d slot scores for %d slots", len(slotScores), slots)
	}
	off1 := unitsPerRNN[0]
	off2 := off1 + unitsPerRNN[1]
	u := &PanelUnits{
		HD:    topK(c.HDScore[:off1], PanelRowLength),
		Ego:   topK(c.EgoScore[off1:off2], PanelRowLength),
		Allo:  topK(c.AlloScore[off2:off2+unitsPerRNN[2]], PanelRowLength),
		Slots: topK(slotScores, PanelRowLength),
	}
	why := "on this data the original's hand-picked unit numbers mean nothing"
	if kind == RealData {
		why = "the data does not have the original's sizes (RNNs of 32, 128 and 128 units, 511 or more slots)"
	}
	u.Rule = why + ": each panel shows the five best-scoring units of its type, best first (A, B: " +
		"RNN-1 by HD score; C: RNN-2 by egocentric BVC score; D: RNN-3 by allocentric BVC score; " +
		"E: memory-map-1 slots by spatial information rate)"
	return u, nil
}

// topK returns the indices of the k largest scores, largest first; ties are
// broken by the smaller index and NaNs come last.
func topK(scores []float64, k int) []int {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		sa, sb := scores[a], scores[b]
		switch na, nb := math.IsNaN(sa), math.IsNaN(sb); {
		case na && nb:
			return 0
		case na:
			return 1
		case nb:
			return -1
		}
		return cmp.Compare(sb, sa)
	})
	return idx[:min(k, len(idx))]
}

// SlotPlaceScores returns how place-like each memory slot is: the spatial
// information rate (Skaggs et al. 1993) of its reactivation
// λ = p(slot | view) = exp(log p) over the arena,
//
//	I = Σ_i p_i λ_i log2(λ_i / λ̄),   λ̄ = Σ_i p_i λ_i,
//
// where bin i runs over the spatial bins of figure 2's ratemaps
// (smp.RatemapCells: smp.DefaultBinSize over the positions' range), p_i is
// the fraction of samples in bin i and λ_i the mean reactivation there;
// bins with λ_i = 0 add nothing. I is high for a slot reactivated strongly
// in a small part of the arena and low for one reactivated weakly or
// everywhere (a slot that is never reactivated scores 0, a ratio-only
// score would rank it arbitrarily). Units: bits per sample, as λ is a
// probability.
//
// pos is [N, 2] and logp [N, S], float32 or float64.
func SlotPlaceScores(pos, logp *data.Array) ([]float64, error) {
	cells, nx, ny, err := smp.RatemapCells(pos)
	if err != nil {
		return nil, fmt.Errorf("slot place scores: %w", err)
	}
	if logp == nil || logp.NDim() != 2 || !logp.IsFloat() || logp.Shape[0] != len(cells) {
		return nil, fmt.Errorf("slot place scores: want log p [%d, S], got %v", len(cells), shapeOf(logp))
	}
	if d, ok := data.Values[float32](logp); ok {
		return placeScores(d, cells, logp.Shape[1], nx*ny), nil
	}
	return placeScores(logp.Float64(), cells, logp.Shape[1], nx*ny), nil
}

// placeScores accumulates exp(logp) per bin and slot over samples split
// into a fixed number of chunks summed in parallel, then adds the chunks in
// order and computes the information rates. The chunks do not depend on
// the number of CPUs, so neither does the rounding.
func placeScores[T float32 | float64](logp []T, bins []int32, s, nb int) []float64 {
	n := len(bins)
	cnt, total := make([]int, nb), 0
	for _, b := range bins {
		if b >= 0 {
			cnt[b]++
			total++
		}
	}
	out := make([]float64, s)
	if total == 0 {
		return out
	}
	workers := max(1, min(16, n/1000))
	sums := make([][]float64, workers)
	num.ParallelFor(workers, 0, nil, func(_, w int) {
		sum := make([]float64, nb*s)
		for i := w * n / workers; i < (w+1)*n/workers; i++ {
			if b := int(bins[i]); b >= 0 {
				num.AddExp(sum[b*s:(b+1)*s], logp[i*s:(i+1)*s])
			}
		}
		sums[w] = sum
	})
	sum := sums[0]
	for _, sw := range sums[1:] {
		for j, v := range sw {
			sum[j] += v
		}
	}
	for k := range s {
		var mean float64
		for b := range cnt {
			mean += sum[b*s+k] / float64(total) // p_b λ_b = (c/total)(sum/c); 0 for an empty bin
		}
		if !(mean > 0) {
			continue
		}
		var info float64
		for b, c := range cnt {
			if lam := sum[b*s+k] / float64(c); c > 0 && lam > 0 {
				info += float64(c) / float64(total) * lam * math.Log2(lam/mean)
			}
		}
		out[k] = info
	}
	return out
}

func shapeOf(a *data.Array) string {
	if a == nil {
		return "nil"
	}
	return a.DType() + " " + data.FormatShape(a.Shape)
}
