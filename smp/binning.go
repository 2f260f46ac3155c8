package smp

import (
	"math"

	"github.com/smp-go/smp-go/smp/num"
)

// binner assigns values to the bins of increasing, nearly evenly spaced
// edges under scipy's binned_statistic rules: digitize (num.Digitizer, in
// O(1)), and for the rightmost edge, a value v >= the last edge that
// equals it when both are rounded (np.around) to
// int(-log10(min edge spacing)) + 6 decimals belongs to the last bin.
type binner struct {
	num.Digitizer
	n         int     // number of edges
	last      float64 // the last edge
	decScale  float64 // 10^|decimal| of scipy's rounding
	decPos    bool    // decimal >= 0
	lastRound float64 // the last edge rounded to decimal places
}

func newStatBinner(edges []float64) *binner {
	b := &binner{Digitizer: num.NewDigitizer(edges), n: len(edges), last: edges[len(edges)-1]}
	dmin := math.Inf(1)
	for i := 1; i < len(edges); i++ {
		dmin = math.Min(dmin, edges[i]-edges[i-1])
	}
	dec := int(-math.Log10(dmin)) + 6
	b.decPos = dec >= 0
	b.decScale = math.Pow(10, math.Abs(float64(dec)))
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

// bin returns the 0-based bin of v, or -1 when v falls outside the edges
// (or is NaN).
func (b *binner) bin(v float64) int {
	i := b.Digitize(v)
	if i == b.n && v >= b.last && b.round(v) == b.lastRound {
		i--
	}
	if i <= 0 || i >= b.n {
		return -1
	}
	return i - 1
}
