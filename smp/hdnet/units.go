package hdnet

// SelectUnits returns the columns units of the rows of states [n, H], as
// [n, len(units)]. H must be positive and every unit in [0, H); these are
// not checked (a zero H or a unit out of range panics).
func SelectUnits(states []float64, H int, units []int) []float64 {
	n := len(states) / H
	out := make([]float64, n*len(units))
	for i := 0; i < n; i++ {
		row := states[i*H : (i+1)*H]
		o := out[i*len(units) : (i+1)*len(units)]
		for k, u := range units {
			o[k] = row[u]
		}
	}
	return out
}
