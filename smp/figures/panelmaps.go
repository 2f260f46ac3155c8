package figures

import (
	"fmt"
	"math"
	"slices"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
)

// PanelHDBins is the number of head-direction bins of panel A's tuning
// curves (the classification uses 20).
const PanelHDBins = 36

// PanelMaps holds what panels A–E draw for the chosen units (PanelUnits),
// in the same order.
type PanelMaps struct {
	// HDCentres are the PanelHDBins bin centres (directions, radians, from
	// -pi + pi/36) and HDCurves each HD unit's head-direction ratemap there
	// (mean activation per bin, NaN where empty): panel A.
	HDCentres []float64
	HDCurves  [][]float64
	// HD, Ego and Allo are the spatial ratemaps with per-octant maps of the
	// RNN-1, RNN-2 and RNN-3 units: panels B, C and D.
	HD, Ego, Allo []*smp.Ratemap
	// Slots are the plain spatial ratemaps of each slot's reactivation
	// p(slot | view) = exp(log p) in memory map 1: panel E.
	Slots []*smp.Ratemap
}

// ComputePanelMaps computes panels A–E's curves and ratemaps (PanelMaps)
// from t for the units u, as the original does; the spatial ratemaps have
// 0.14 m bins over the positions' own range.
func ComputePanelMaps(t *data.Trajectories, u *PanelUnits) (*PanelMaps, error) {
	if t == nil || u == nil {
		return nil, fmt.Errorf("panel maps: missing trajectories or panel units")
	}
	if len(t.PredictedOutputs) < 3 {
		return nil, fmt.Errorf("panel maps: figure 2 needs 3 RNNs, the data has %d", len(t.PredictedOutputs))
	}
	if len(t.LogPsGivenY) <= PanelMemoryMap {
		return nil, fmt.Errorf("panel maps: log_ps_given_y has %d memory maps, panel E needs map %d", len(t.LogPsGivenY), PanelMemoryMap)
	}
	hd, err := columns(t.PredictedOutputs[0], u.HD, "RNN-1 unit")
	if err != nil {
		return nil, err
	}
	probs, err := columns(t.LogPsGivenY[PanelMemoryMap], u.Slots, "slot")
	if err != nil {
		return nil, err
	}
	scorer, err := smp.NewHDScorer(PanelHDBins)
	if err != nil {
		return nil, err
	}
	m := &PanelMaps{HDCentres: scorer.Centres()}
	// Empty unit lists are skipped: smp.Ratemaps reads nil as "all units".
	if len(u.HD) > 0 {
		hdMaps, err := scorer.Ratemaps(t.HD, hd)
		if err != nil {
			return nil, fmt.Errorf("panel maps: %w", err)
		}
		m.HDCurves = slices.Collect(slices.Chunk(hdMaps.Float64(), PanelHDBins))
	}
	opt := smp.RatemapOptions{HD: t.HD}
	for r, dst := range []*[]*smp.Ratemap{&m.HD, &m.Ego, &m.Allo} {
		units := [][]int{u.HD, u.Ego, u.Allo}[r]
		if len(units) == 0 {
			continue
		}
		if *dst, err = smp.Ratemaps(t.Pos, t.PredictedOutputs[r], units, opt); err != nil {
			return nil, fmt.Errorf("panel maps: RNN-%d: %w", r+1, err)
		}
	}
	if len(u.Slots) == 0 {
		return m, nil
	}
	p := probs.Values().([]float64)
	for i, v := range p {
		p[i] = math.Exp(v)
	}
	if m.Slots, err = smp.Ratemaps(t.Pos, probs, nil, smp.RatemapOptions{}); err != nil {
		return nil, fmt.Errorf("panel maps: memory slots: %w", err)
	}
	return m, nil
}

// columns returns the given columns of a [N, U] float array as a new
// float64 array [N, len(cols)]; what names a column in the error for one
// out of range.
func columns(a *data.Array, cols []int, what string) (*data.Array, error) {
	for _, c := range cols {
		if c < 0 || c >= a.Shape[1] {
			return nil, fmt.Errorf("panel maps: %s %d out of range [0, %d)", what, c, a.Shape[1])
		}
	}
	if d, ok := data.Values[float32](a); ok {
		return pickColumns(d, a.Shape[0], a.Shape[1], cols), nil
	}
	return pickColumns(a.Float64(), a.Shape[0], a.Shape[1], cols), nil
}

func pickColumns[T float32 | float64](d []T, n, u int, cols []int) *data.Array {
	out := make([]float64, n*len(cols))
	for i := range n {
		for j, c := range cols {
			out[i*len(cols)+j] = float64(d[i*u+c])
		}
	}
	return data.New(out, n, len(cols))
}
