package num

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// Linspace returns num evenly spaced values from start to stop inclusive,
// computed as numpy's linspace does: start + i*step with step =
// (stop-start)/(num-1) (gonum's floats.Span), the last value set to stop
// exactly. start and stop are expected finite.
func Linspace(start, stop float64, num int) []float64 {
	switch {
	case num <= 0:
		return nil
	case num == 1:
		return []float64{start}
	}
	out := floats.Span(make([]float64, num), start, stop)
	out[num-1] = stop
	return out
}

// Arange returns start, start+d, start+2d, ... while below stop, with
// ceil((stop-start)/step) values, computed as numpy's arange does: d is
// (start+step)-start and value i is start + i*d. It is nil when there is no
// value (or step is zero, or an argument is NaN).
func Arange(start, stop, step float64) []float64 {
	l := math.Ceil((stop - start) / step)
	if !(l > 0) || step == 0 {
		return nil
	}
	n := int(l)
	out := make([]float64, n)
	out[0] = start
	d := (start + step) - start
	for i := 1; i < n; i++ {
		out[i] = start + float64(i)*d
	}
	return out
}

// Digitize returns np.digitize(v, edges) for increasing edges: the i with
// edges[i-1] <= v < edges[i], 0 below the first edge and len(edges) at or
// above the last edge or for NaN.
func Digitize(edges []float64, v float64) int { return NewDigitizer(edges).Digitize(v) }

// A Digitizer is Digitize over fixed edges in O(1) time for nearly evenly
// spaced edges (numpy's linspace, distance intervals): it guesses the bin
// from the mean spacing and corrects the guess by comparisons, so the
// result is exactly Digitize's for any increasing edges.
type Digitizer struct {
	edges   []float64
	invStep float64 // (len(edges)-1) / (last - first); 0 unless last > first
}

// NewDigitizer returns the Digitizer of increasing edges (at least one).
func NewDigitizer(edges []float64) Digitizer {
	d := Digitizer{edges: edges}
	if n := len(edges); n > 1 && edges[n-1] > edges[0] {
		d.invStep = float64(n-1) / (edges[n-1] - edges[0])
	}
	return d
}

// Digitize returns np.digitize(v, edges) (see the function Digitize).
func (d Digitizer) Digitize(v float64) int {
	e := d.edges
	if !(v >= e[0]) {
		if v != v {
			return len(e)
		}
		return 0
	}
	if v >= e[len(e)-1] {
		return len(e)
	}
	i := min(int((v-e[0])*d.invStep)+1, len(e)-1)
	for i > 1 && e[i-1] > v {
		i--
	}
	for i < len(e)-1 && e[i] <= v {
		i++
	}
	return i
}

// Histogram counts values into the bins of increasing edges as
// np.histogram does: bin i holds edges[i] <= v < edges[i+1], the last bin
// also holds v == edges[len-1]; values outside the edges or NaN are not
// counted. It returns len(edges)-1 counts, or an error when there are fewer
// than two edges or they decrease.
func Histogram(values, edges []float64) ([]int, error) {
	if len(edges) < 2 {
		return nil, fmt.Errorf("histogram needs at least 2 bin edges, got %d", len(edges))
	}
	for i := 1; i < len(edges); i++ {
		if !(edges[i] >= edges[i-1]) {
			return nil, fmt.Errorf("histogram bin edges must increase: edges[%d] = %v after %v", i, edges[i], edges[i-1])
		}
	}
	counts := make([]int, len(edges)-1)
	last := edges[len(edges)-1]
	for _, v := range values {
		if !(v >= edges[0] && v <= last) {
			continue
		}
		counts[min(Digitize(edges, v)-1, len(counts)-1)]++ // v == last edge: last bin
	}
	return counts, nil
}
