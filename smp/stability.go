package smp

import (
	"fmt"
	"math"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// SpatialStability returns each unit's spatial stability
// (positional_correlations): the samples are split at half = N/2; for each
// unit the plain spatial ratemap (mean, 0.14 m bins) of the first half and
// of the second half are computed, each half with its own default
// coordinate range (its own min and max); the two maps are flattened, the
// cells finite in both kept, and the stability is their Pearson
// correlation (NaN when fewer than two cells remain or a map is constant).
//
// Deviation: where the two halves' ranges give different numbers of bins
// the original fails with an array-shape error; then only, both halves are
// binned over the whole data set's range.
//
// pos is [N, 2] (x, y) and acts [N, U], float32 or float64.
func SpatialStability(pos, acts *data.Array) ([]float64, error) {
	n, u, err := checkActs(acts)
	if err != nil {
		return nil, fmt.Errorf("spatial stability: %w", err)
	}
	if err := checkPos(pos, n); err != nil {
		return nil, fmt.Errorf("spatial stability: %w", err)
	}
	if n < 2 {
		return nil, fmt.Errorf("spatial stability: %d samples, need at least 2", n)
	}
	half := n / 2
	opt := RatemapOptions{}
	halves := [2][2]int{{0, half}, {half, n}}
	var xe, ye [2][]float64
	for h, r := range halves {
		if xe[h], ye[h], err = gridEdges(pos, r[0], r[1], opt); err != nil {
			return nil, fmt.Errorf("spatial stability: half %d: %w", h+1, err)
		}
	}
	if len(xe[0]) != len(xe[1]) || len(ye[0]) != len(ye[1]) {
		all, allY, err := gridEdges(pos, 0, n, opt)
		if err != nil {
			return nil, fmt.Errorf("spatial stability: %w", err)
		}
		xe = [2][]float64{all, all}
		ye = [2][]float64{allY, allY}
	}
	var maps [2][][]float64
	for h, r := range halves {
		cells := floatsOf(pos).cells(r[0], r[1], xe[h], ye[h])
		maps[h] = cellMeans(cells, (len(xe[h])-1)*(len(ye[h])-1), acts, r[0], allUnits(u))
	}
	out := make([]float64, u)
	var a, b []float64
	for k := range out {
		a, b = a[:0], b[:0]
		for c, va := range maps[0][k] {
			vb := maps[1][k][c]
			if !math.IsNaN(va) && !math.IsInf(va, 0) && !math.IsNaN(vb) && !math.IsInf(vb, 0) {
				a = append(a, va)
				b = append(b, vb)
			}
		}
		out[k] = num.Pearson(a, b)
	}
	return out, nil
}
