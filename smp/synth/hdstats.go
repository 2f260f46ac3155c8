package synth

import (
	"fmt"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
)

// HDBins is the number of head-direction bins of figure 2's HD analysis.
const HDBins = 20

// hdResultantVectors returns the resultant vector length and angle of every
// unit of acts [N, h] against head directions hd [N], computed by figure
// 2's HD analysis (smp.HDCellParameters with 20 bins): the angle uses the
// swapped atan2(first, second) convention, so a unit preferring heading
// theta gets angle ≈ pi/2 - theta.
func hdResultantVectors(hd []float32, acts []float32, h int) (lengths, angles []float64, err error) {
	hd64 := make([]float64, len(hd))
	for i, v := range hd {
		hd64[i] = float64(v)
	}
	cells, err := smp.HDCellParameters(data.New(acts, len(hd), h), hd64, 0, HDBins)
	if err != nil {
		return nil, nil, fmt.Errorf("synth: hd stats: %w", err)
	}
	return cells.Length, cells.Angle, nil
}
