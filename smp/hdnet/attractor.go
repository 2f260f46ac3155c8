package hdnet

import (
	"math"
	"sort"
)

// AttractorAngleStep is the angular separation (radians, 0.1 degree) above
// which cell 12 keeps a converged state as a new attractor state.
const AttractorAngleStep = 0.1 * math.Pi / 360 * 2

// AttractorIndices picks distinct attractor states from converged states'
// projections proj [N, 2] (cell 12): it orders the states by their angle in
// the PCA plane, atan2(pc2, pc1), ascending (ties by index), keeps the first
// and then each state whose angle exceeds the last kept one's by more than
// AttractorAngleStep. It returns the kept indices, in that order.
func AttractorIndices(proj []float64) []int {
	N := len(proj) / 2
	ang := make([]float64, N)
	order := make([]int, N)
	for i := range ang {
		ang[i] = math.Atan2(proj[2*i+1], proj[2*i])
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ang[order[a]] < ang[order[b]] })
	var chosen []int
	last := 0.0
	for _, i := range order {
		if len(chosen) == 0 || ang[i]-last > AttractorAngleStep {
			chosen = append(chosen, i)
			last = ang[i]
		}
	}
	return chosen
}
