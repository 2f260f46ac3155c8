package hdnet

import "sort"

// HDCutoff is the resultant-vector length above which a unit of the
// prediction LSTM counts as a head-direction cell in figure 3.
const HDCutoff = 0.56

// SelectHDCells returns the units ordered by preferred angle (ascending;
// ties by unit number) and restricted to those with resultant-vector length
// greater than cutoff. angles and lengths hold one value per unit; lengths
// must be at least as long as angles (unchecked: shorter panics), and only
// its first len(angles) values are read.
func SelectHDCells(angles, lengths []float64, cutoff float64) []int {
	order := make([]int, len(angles))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return angles[order[a]] < angles[order[b]] })
	cells := order[:0]
	for _, u := range order {
		if lengths[u] > cutoff {
			cells = append(cells, u)
		}
	}
	return cells
}

// HDCells returns the network's HD cells: SelectHDCells of its resultant
// vectors with HDCutoff. Without resultant vectors it returns every unit in
// order 0..H-1.
func (n *Network) HDCells() []int {
	if n.RVAngles == nil {
		all := make([]int, n.H)
		for i := range all {
			all[i] = i
		}
		return all
	}
	return SelectHDCells(n.RVAngles, n.RVLengths, HDCutoff)
}
