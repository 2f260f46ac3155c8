package smp

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Float is the set of element types of activations and positions: the real
// data is float32, the golden fixtures float64. Sums are always accumulated
// in float64.
type Float interface {
	~float32 | ~float64
}

// Percentile returns the q-th percentile (0 <= q <= 100) of values with
// numpy's default "linear" method: with the values sorted as v_0 <= ... <=
// v_{n-1}, the virtual index is i = (n-1)*q/100 and the result interpolates
// between v_floor(i) and v_floor(i)+1 with g = i - floor(i) as numpy's _lerp
// does: v_lo + (v_hi-v_lo)*g, or v_hi - (v_hi-v_lo)*(1-g) when g >= 0.5.
// It is NaN when values is empty or holds a NaN (as np.percentile).
// values is not modified.
func Percentile(values []float64, q float64) float64 {
	buf := append([]float64(nil), values...)
	return percentileInPlace(buf, q)
}

// percentileInPlace is Percentile, reordering values.
func percentileInPlace(values []float64, q float64) float64 {
	n := len(values)
	if n == 0 || math.IsNaN(q) {
		return math.NaN()
	}
	for _, v := range values {
		if v != v {
			return math.NaN()
		}
	}
	vi := float64(n-1) * (q / 100)
	if vi <= 0 {
		return minOf(values)
	}
	if vi >= float64(n-1) {
		return maxOf(values)
	}
	lo := int(math.Floor(vi))
	g := vi - float64(lo)
	selectKth(values, lo)
	a := values[lo]
	b := minOf(values[lo+1:])
	d := b - a
	if g >= 0.5 {
		return b - d*(1-g)
	}
	return a + d*g
}

func minOf(v []float64) float64 {
	m := v[0]
	for _, x := range v[1:] {
		if x < m {
			m = x
		}
	}
	return m
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v[1:] {
		if x > m {
			m = x
		}
	}
	return m
}

// selectKth reorders a (free of NaN) so that a[k] is the value that would
// be at index k after sorting, with a[:k] <= a[k] <= a[k+1:]. It is
// Hoare's quickselect with a median-of-three pivot and an insertion sort for
// short ranges.
func selectKth(a []float64, k int) {
	lo, hi := 0, len(a)-1
	for hi-lo > 16 {
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return // a[j+1 : i] all equal the pivot
		}
	}
	for i := lo + 1; i <= hi; i++ {
		for j := i; j > lo && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// Pearson returns the correlation coefficient of x and y as np.corrcoef
// computes it: with means m_x, m_y, c_xy = sum (x_i-m_x)(y_i-m_y) * 1/(n-1)
// (likewise c_xx, c_yy), r = c_xy / sqrt(c_xx) / sqrt(c_yy), clipped to
// [-1, 1]. It is NaN when n < 2, when either vector is constant, or when
// the lengths differ.
func Pearson(x, y []float64) float64 {
	n := len(x)
	if n != len(y) || n == 0 {
		return math.NaN()
	}
	mx := pairwiseSum(x) / float64(n)
	my := pairwiseSum(y) / float64(n)
	var sxx, sxy, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	f := 1 / float64(n-1)
	r := sxy * f / math.Sqrt(sxx*f) / math.Sqrt(syy*f)
	if r > 1 {
		r = 1
	} else if r < -1 {
		r = -1
	}
	return r
}

// pairwiseSum adds a as numpy's add.reduce does along a contiguous axis:
// plainly below 8 elements, with 8 interleaved partial sums up to 128
// elements, and by recursive halving (at a multiple of 8) above.
func pairwiseSum(a []float64) float64 {
	n := len(a)
	switch {
	case n < 8:
		s := 0.0
		for _, v := range a {
			s += v
		}
		return s
	case n <= 128:
		var r [8]float64
		copy(r[:], a[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			b := a[i : i+8 : i+8]
			r[0] += b[0]
			r[1] += b[1]
			r[2] += b[2]
			r[3] += b[3]
			r[4] += b[4]
			r[5] += b[5]
			r[6] += b[6]
			r[7] += b[7]
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += a[i]
		}
		return s
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseSum(a[:n2]) + pairwiseSum(a[n2:])
}

// Histogram counts values into the bins of increasing edges as
// np.histogram does: bin i holds edges[i] <= v < edges[i+1], the last bin
// also holds v == edges[len-1]; values outside the edges or NaN are not
// counted. It returns len(edges)-1 counts (nil with fewer than two edges).
func Histogram(values, edges []float64) []int {
	if len(edges) < 2 {
		return nil
	}
	counts := make([]int, len(edges)-1)
	last := edges[len(edges)-1]
	for _, v := range values {
		if !(v >= edges[0] && v <= last) {
			continue
		}
		i := digitize(edges, v) - 1
		if i == len(counts) {
			i-- // v == last edge
		}
		counts[i]++
	}
	return counts
}

// Linspace returns num evenly spaced values from start to stop inclusive,
// computed as numpy's linspace does: start + i*step with step =
// (stop-start)/(num-1), the last value set to stop exactly.
func Linspace(start, stop float64, num int) []float64 {
	if num <= 0 {
		return nil
	}
	out := make([]float64, num)
	if num == 1 {
		out[0] = start
		return out
	}
	step := (stop - start) / float64(num-1)
	for i := range out {
		out[i] = float64(i)*step + start
	}
	out[num-1] = stop
	return out
}

// Arange returns start, start+d, start+2d, ... while below stop, with
// ceil((stop-start)/step) values, computed as numpy's arange does: d is
// (start+step)-start and value i is start + i*d.
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

// digitize returns numpy's digitize(v, edges) for increasing edges: the i
// with edges[i-1] <= v < edges[i], 0 below the first edge and len(edges) at
// or above the last edge or for NaN.
func digitize(edges []float64, v float64) int {
	lo, hi := 0, len(edges)
	if !(v >= edges[0]) {
		if v != v {
			return len(edges)
		}
		return 0
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if edges[m] <= v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

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

// parallelFor calls fn(i) for i in [0, n) on GOMAXPROCS goroutines, each
// taking the next index from a shared counter.
func parallelFor(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// unitChunks splits [0, u) into chunks of at most size units.
func unitChunks(u, size int) [][2]int {
	var c [][2]int
	for lo := 0; lo < u; lo += size {
		c = append(c, [2]int{lo, min(lo+size, u)})
	}
	return c
}

// addRow adds src, converted to float64, into dst (len(dst) >= len(src)).
func addRow[T Float](dst []float64, src []T) {
	dst = dst[:len(src)]
	i := 0
	for ; i+8 <= len(src); i += 8 {
		s := src[i : i+8 : i+8]
		d := dst[i : i+8 : i+8]
		d[0] += float64(s[0])
		d[1] += float64(s[1])
		d[2] += float64(s[2])
		d[3] += float64(s[3])
		d[4] += float64(s[4])
		d[5] += float64(s[5])
		d[6] += float64(s[6])
		d[7] += float64(s[7])
	}
	for ; i < len(src); i++ {
		dst[i] += float64(src[i])
	}
}
