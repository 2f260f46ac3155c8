package smp

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// DefaultBinSize is the spatial ratemap bin size in metres: 0.14 divides the
// 2.2 m arena into 16 bins.
const DefaultBinSize = 0.14

// RatemapOptions configures a spatial ratemap (calculate_ratemap).
type RatemapOptions struct {
	// BinSize is the bin width in metres; 0 means DefaultBinSize.
	BinSize float64
	// Range is ((xmin, xmax), (ymin, ymax)); nil means the min and max of
	// the positions given.
	Range *[2][2]float64
	// HD, when not nil, holds one head direction (radians) per sample, and
	// the per-octant ratemaps are computed too.
	HD []float64
}

// maxBins bounds the number of bins per axis of a spatial ratemap.
const maxBins = 1 << 16

// A Ratemap is a spatial ratemap: the mean activation of the samples in each
// (x-bin, y-bin) cell, NaN where a cell has no sample.
//
// Binning follows scipy's binned_statistic_2d: a bin holds
// edge[i] <= v < edge[i+1], the last bin also holds v equal to the last edge
// (to scipy's rounding), and values outside the edges are dropped.
type Ratemap struct {
	NX, NY int
	XEdges []float64 // NX+1 x bin edges
	YEdges []float64 // NY+1 y bin edges
	// Plain holds the map indexed [x][y]: Plain[x*NY+y].
	Plain []float64
	// Octants, computed when head directions are given, holds the
	// per-octant maps indexed [x][y][o]: Octants[(x*NY+y)*8+o], where
	// octant o = round-half-to-even(hd/(pi/4)) mod 8 is centred on o*45
	// degrees. Nil without head directions.
	Octants []float64
}

// RatemapEdges returns the bin edges calculate_ratemap uses along one axis
// of range [lo, hi] with bins of size bin: n = ceil((hi-lo)/bin) bins,
// pad = (n*bin - (hi-lo))/2, and n+1 edges evenly spaced from lo - pad/2 to
// hi + pad/2. Only half the pad goes on each side, so the bins are slightly
// narrower than bin; the original does this and the figure keeps it.
func RatemapEdges(lo, hi, bin float64) []float64 {
	return ratemapEdges(lo, hi, hi-lo, bin)
}

// ratemapEdges is RatemapEdges with the range width given: numpy computes
// hi-lo in the positions' own precision (float32 for the real data).
func ratemapEdges(lo, hi, width, bin float64) []float64 {
	n := math.Ceil(width / bin)
	pad := (n*bin - width) / 2
	return num.Linspace(lo-pad/2, hi+pad/2, int(n)+1)
}

// posRange returns for each axis the min and max of the coordinates of
// samples [lo, hi) of positions v [N, 2] and their difference, computed in
// the positions' precision as numpy does (float32 for the real data); all
// three are NaN if a coordinate is NaN, as numpy's min and max.
func (v values[T]) posRange(lo, hi int) (r [2][3]float64) {
	for k := range r {
		mn, mx := v[2*lo+k], v[2*lo+k]
		for i := lo + 1; i < hi; i++ {
			x := v[2*i+k]
			if x != x {
				mn, mx = x, x
				break
			}
			if x < mn {
				mn = x
			}
			if x > mx {
				mx = x
			}
		}
		r[k] = [3]float64{float64(mn), float64(mx), float64(mx - mn)}
	}
	return r
}

// gridEdges returns the x and y edges for the positions of samples
// [lo, hi) of pos [N, 2] under opt; without opt.Range, over posRange.
func gridEdges(pos *data.Array, lo, hi int, opt RatemapOptions) (xe, ye []float64, err error) {
	bin := cmp.Or(opt.BinSize, DefaultBinSize)
	if !(bin > 0) || math.IsInf(bin, 0) {
		return nil, nil, fmt.Errorf("ratemap: bin size %v is not positive and finite", bin)
	}
	var r [2][3]float64 // lo, hi, width per axis
	if opt.Range != nil {
		for k := range r {
			r[k] = [3]float64{opt.Range[k][0], opt.Range[k][1], opt.Range[k][1] - opt.Range[k][0]}
		}
	} else {
		r = floatsOf(pos).posRange(lo, hi) // lo < hi: checkActs wants a sample
	}
	for k, name := range []string{"x", "y"} {
		if nb := r[k][2] / bin; !(nb > 0 && nb <= maxBins) {
			return nil, nil, fmt.Errorf("ratemap: %s range [%v, %v] with bins of %v m gives no usable number of bins", name, r[k][0], r[k][1], bin)
		}
	}
	// 1 to maxBins bins of a finite width: at least 2 finite edges.
	return ratemapEdges(r[0][0], r[0][1], r[0][2], bin), ratemapEdges(r[1][0], r[1][1], r[1][2], bin), nil
}

// cells returns for each sample of [lo, hi) of positions v [N, 2] its flat
// cell x*ny+y, or -1 when the sample is outside the edges.
func (v values[T]) cells(lo, hi int, xe, ye []float64) []int32 {
	xb, yb := newStatBinner(xe), newStatBinner(ye)
	ny := len(ye) - 1
	cells := make([]int32, hi-lo)
	for i := range cells {
		x, y := xb.bin(float64(v[2*(lo+i)])), yb.bin(float64(v[2*(lo+i)+1]))
		if x < 0 || y < 0 {
			cells[i] = -1
		} else {
			cells[i] = int32(x*ny + y)
		}
	}
	return cells
}

// RatemapCells returns the flat cell x*ny+y of each sample of positions
// pos [N, 2] (float32 or float64) on the grid Ratemaps bins them into
// without opt.Range (bins of DefaultBinSize over the positions' range), -1
// for a sample outside it, and the grid's size nx × ny.
func RatemapCells(pos *data.Array) (cells []int32, nx, ny int, err error) {
	n, _, err := checkFloat2D(pos, "positions", "[samples, 2]", 2)
	if err == nil && n == 0 {
		err = fmt.Errorf("positions: no samples")
	}
	if err != nil {
		return nil, 0, 0, err
	}
	xe, ye, err := gridEdges(pos, 0, n, RatemapOptions{})
	if err != nil {
		return nil, 0, 0, err
	}
	return floatsOf(pos).cells(0, n, xe, ye), len(xe) - 1, len(ye) - 1, nil
}

// Octant returns the head-direction octant of the original's per-octant
// ratemaps: round-half-to-even(hd/(pi/4)) mod 8, so octant k is centred on
// k*45 degrees; -1 for a NaN or infinite hd. The division is done in
// float64; numpy does it in the precision of hd (float32 for the real
// data), which can differ only for hd within a float32 rounding of an
// octant boundary.
func Octant(hd float64) int {
	o := math.RoundToEven(hd / (math.Pi / 4))
	if math.IsNaN(o) || math.IsInf(o, 0) {
		return -1
	}
	o = math.Mod(o, 8)
	if o < 0 {
		o += 8
	}
	return int(o)
}

// Ratemaps computes the spatial ratemaps (calculate_ratemap with the mean
// statistic) of the given units of acts [N, U] (all units when units is
// nil) at positions pos [N, 2] (x, y), binning every sample once; with
// opt.HD also the per-octant maps. Without opt.Range the range is the min
// and max of the positions. pos and acts may be float32 or float64.
func Ratemaps(pos, acts *data.Array, units []int, opt RatemapOptions) ([]*Ratemap, error) {
	n, u, err := checkActs(acts)
	if err != nil {
		return nil, fmt.Errorf("ratemaps: %w", err)
	}
	if err := checkPos(pos, n); err != nil {
		return nil, fmt.Errorf("ratemaps: %w", err)
	}
	if opt.HD != nil && len(opt.HD) != n {
		return nil, fmt.Errorf("ratemaps: %d head directions for %d samples", len(opt.HD), n)
	}
	if units == nil {
		units = allUnits(u)
	}
	for _, k := range units {
		if k < 0 || k >= u {
			return nil, fmt.Errorf("ratemaps: unit %d out of range [0, %d)", k, u)
		}
	}
	xe, ye, err := gridEdges(pos, 0, n, opt)
	if err != nil {
		return nil, err
	}
	cells := floatsOf(pos).cells(0, n, xe, ye)
	nx, ny := len(xe)-1, len(ye)-1
	nc := nx * ny
	plain := cellMeans(cells, nc, acts, 0, units)
	var octs [][]float64
	if opt.HD != nil {
		oct := make([]int32, len(cells))
		for i, c := range cells {
			o := Octant(opt.HD[i])
			if c < 0 || o < 0 {
				oct[i] = -1
			} else {
				oct[i] = c*8 + int32(o)
			}
		}
		octs = cellMeans(oct, nc*8, acts, 0, units)
	}
	out := make([]*Ratemap, len(units))
	for k := range units {
		out[k] = &Ratemap{NX: nx, NY: ny, XEdges: xe, YEdges: ye, Plain: plain[k]}
		if octs != nil {
			out[k].Octants = octs[k]
		}
	}
	return out, nil
}

// cellMeans returns, for each unit u of units, the nc-cell map of the mean
// of acts[lo+i, u] over the samples i with cells[i] == cell (cells[i] < 0:
// dropped), NaN where a cell is empty. acts [N, U] is float32 or float64;
// sums are accumulated in float64 (cellSums).
func cellMeans(cells []int32, nc int, acts *data.Array, lo int, units []int) [][]float64 {
	cnt := make([]int, nc)
	for _, c := range cells {
		if c >= 0 {
			cnt[c]++
		}
	}
	sum := floatsOf(acts).cellSums(cells, nc, lo, acts.Shape[1], units) // [nc][len(units)]
	m := len(units)
	out := make([][]float64, m)
	for j := range out {
		r := make([]float64, nc)
		for c := range r {
			if cnt[c] == 0 {
				r[c] = math.NaN()
			} else {
				r[c] = sum[c*m+j] / float64(cnt[c])
			}
		}
		out[j] = r
	}
	return out
}

// cellSums returns sum[c*len(units)+j], the sum of acts[lo+i, units[j]]
// over the samples i with cells[i] == c, for activations v [N, u].
//
// For all the columns, blockSums: the samples are split into sampleBlocks
// contiguous blocks (a number that depends on N alone, not on GOMAXPROCS),
// summed in parallel and added in block order; with one block (up to 65536
// samples) that is sample order, exactly as np.bincount. For a subset of
// units, chunks of units in parallel, each in sample order.
func (v values[T]) cellSums(cells []int32, nc, lo, u int, units []int) []float64 {
	acts := v[lo*u:]
	m := len(units)
	if m > 0 && slices.Equal(units, allUnits(u)) {
		return blockSums(cells, nc, acts, u)
	}
	sum := make([]float64, nc*m)
	chunks := unitChunks(m, unitChunkSize(m, 64))
	num.ParallelFor(len(chunks), 0, nil, func(_, k int) {
		us := units[chunks[k][0]:chunks[k][1]]
		for i, c := range cells {
			if c >= 0 {
				row := acts[i*u : (i+1)*u]
				dst := sum[int(c)*m+chunks[k][0]:]
				for j, v := range us {
					dst[j] += float64(row[v])
				}
			}
		}
	})
	return sum
}

// sampleBlocks returns the number of blocks n samples are split into for
// parallel sums: 1 up to 65536 samples, otherwise an even number of blocks
// of at most 131072 samples.
func sampleBlocks(n int) int {
	if n <= 1<<16 {
		return 1
	}
	return 2 * ((n + 1<<18 - 1) >> 18)
}

// blockSums returns sum[c*u+j], the sum of acts[i*u+j] over the samples
// with cells[i] == c, reading full rows; see cellSums for the order.
func blockSums[T num.Float](cells []int32, nc int, acts []T, u int) []float64 {
	n := len(cells)
	nb := sampleBlocks(n)
	sums := make([][]float64, nb)
	num.ParallelFor(nb, 0, nil, func(_, b int) {
		s := make([]float64, nc*u)
		for i := b * n / nb; i < (b+1)*n/nb; i++ {
			if c := cells[i]; c >= 0 {
				num.AddFloats(s[int(c)*u:], acts[i*u:(i+1)*u])
			}
		}
		sums[b] = s
	})
	for _, s := range sums[1:] {
		num.AddFloats(sums[0], s)
	}
	return sums[0]
}

// unitChunkSize returns a chunk size of at most max units that splits u
// units into a multiple of GOMAXPROCS chunks of nearly equal size (which
// changes no result).
func unitChunkSize(u, max int) int {
	p := runtime.GOMAXPROCS(0)
	k := (u + max - 1) / max
	k = (k + p - 1) / p * p
	if k < 1 {
		k = 1
	}
	return (u + k - 1) / k
}

// allUnits returns the unit numbers 0, 1, ..., u-1.
func allUnits(u int) []int {
	units := make([]int, u)
	for i := range units {
		units[i] = i
	}
	return units
}

// checkActs checks that acts is a float array [samples, units] with at
// least one sample and returns its shape.
func checkActs(acts *data.Array) (n, u int, err error) {
	if n, u, err = checkFloat2D(acts, "activations", "[samples, units]", -1); err == nil && n == 0 {
		err = fmt.Errorf("activations: want at least one sample, got shape %s", data.FormatShape(acts.Shape))
	}
	return n, u, err
}

// checkPos checks that pos is a float array [n, 2].
func checkPos(pos *data.Array, n int) error {
	m, _, err := checkFloat2D(pos, "positions", "[samples, 2]", 2)
	if err == nil && m != n {
		err = fmt.Errorf("positions: %d samples, activations have %d", m, n)
	}
	return err
}

// checkFloat2D checks that a, the array what, is a 2-D float32 or float64
// array (layout describes its axes) with cols columns (0: at least one;
// < 0: any number) and storage of exactly the shape's size (Shape is
// settable), and returns the shape.
func checkFloat2D(a *data.Array, what, layout string, cols int) (n, m int, err error) {
	if a == nil {
		return 0, 0, fmt.Errorf("%s: nil array", what)
	}
	if a.NDim() != 2 || !a.IsFloat() || (cols > 0 && a.Shape[1] != cols) || (cols == 0 && a.Shape[1] < 1) {
		return 0, 0, fmt.Errorf("%s: want a 2-D float array %s, got %s", what, layout, describeArray(a))
	}
	if stored := floatsOf(a).len(); a.Shape[0] < 0 || a.Shape[1] < 0 || stored != a.Len() {
		return 0, 0, fmt.Errorf("%s: shape %s does not match its storage of %d values", what, data.FormatShape(a.Shape), stored)
	}
	return a.Shape[0], a.Shape[1], nil
}

// floats is the storage of a float32 or float64 array. Its methods are the
// analyses' loops over samples, written once for both element types; they
// read float32 data in place, converting one value at a time, and
// accumulate in float64.
type floats interface {
	len() int
	posRange(lo, hi int) [2][3]float64
	cells(lo, hi int, xe, ye []float64) []int32
	bvcCells(n, a int, edges []float64) (start, cell []int32)
	cellSums(cells []int32, nc, lo, u int, units []int) []float64
	accumulateBVC(p *bvcAccumulator) [2]bvcMaps
}

// values is the storage of an array of element type T.
type values[T num.Float] []T

func (v values[T]) len() int { return len(v) }

// floatsOf returns the storage of a float32 or float64 array, and nil for
// any other element type (checkFloat2D rejects those).
func floatsOf(a *data.Array) floats {
	if v, ok := data.Values[float32](a); ok {
		return values[float32](v)
	}
	if v, ok := data.Values[float64](a); ok {
		return values[float64](v)
	}
	return nil
}

// unitChunks splits [0, u) into chunks of at most size units.
func unitChunks(u, size int) [][2]int {
	var c [][2]int
	for lo := 0; lo < u; lo += size {
		c = append(c, [2]int{lo, min(lo+size, u)})
	}
	return c
}

// binner assigns values to the bins of increasing edges under scipy's
// binned_statistic rules: digitize (num.Digitizer), and a value v >= the
// last edge that equals it when both are rounded (np.around) to
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
