package smp

import "math"

// binner assigns values to the bins of increasing, nearly evenly spaced
// edges (numpy linspace or distance intervals) in O(1): a guess from the
// mean spacing corrected by comparisons, so the result is exactly
// digitize's.
type binner struct {
	edges     []float64
	first     float64
	last      float64
	invStep   float64
	onEdge    bool    // scipy rule: values rounding to the last edge go in the last bin
	decScale  float64 // 10^|decimal| of scipy's rounding
	decPos    bool    // decimal >= 0
	lastRound float64 // the last edge rounded to decimal places
}

func newBinner(edges []float64) *binner {
	n := len(edges)
	b := &binner{edges: edges, first: edges[0], last: edges[n-1]}
	if n > 1 && edges[n-1] > edges[0] {
		b.invStep = float64(n-1) / (edges[n-1] - edges[0])
	}
	return b
}

// newStatBinner returns a binner that also applies scipy's
// binned_statistic rule for the rightmost edge: a value v >= the last edge
// that equals it when both are rounded (np.around) to
// int(-log10(min edge spacing)) + 6 decimals belongs to the last bin.
func newStatBinner(edges []float64) *binner {
	b := newBinner(edges)
	dmin := math.Inf(1)
	for i := 1; i < len(edges); i++ {
		dmin = math.Min(dmin, edges[i]-edges[i-1])
	}
	dec := int(-math.Log10(dmin)) + 6
	b.onEdge = true
	b.decPos = dec >= 0
	if dec < 0 {
		dec = -dec
	}
	b.decScale = math.Pow(10, float64(dec))
	b.lastRound = b.round(b.last)
	return b
}

// round is np.around(v, decimal).
func (b *binner) round(v float64) float64 {
	if b.decPos {
		return math.RoundToEven(v*b.decScale) / b.decScale
	}
	return math.RoundToEven(v/b.decScale) * b.decScale
}

// digitize is digitize(b.edges, v).
func (b *binner) digitize(v float64) int {
	e := b.edges
	if !(v >= b.first) {
		if v != v {
			return len(e)
		}
		return 0
	}
	if v >= b.last {
		return len(e)
	}
	i := int((v-b.first)*b.invStep) + 1
	if i > len(e)-1 {
		i = len(e) - 1
	}
	for i > 1 && e[i-1] > v {
		i--
	}
	for i < len(e)-1 && e[i] <= v {
		i++
	}
	return i
}

// bin returns the 0-based bin of v under scipy's binned_statistic rules, or
// -1 when v falls outside the edges (or is NaN).
func (b *binner) bin(v float64) int {
	i := b.digitize(v)
	if i == len(b.edges) && b.onEdge && v >= b.last && b.round(v) == b.lastRound {
		i--
	}
	if i <= 0 || i >= len(b.edges) {
		return -1
	}
	return i - 1
}
