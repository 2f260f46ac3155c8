package smp

import (
	"fmt"
	"math"
	"runtime"

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

func (o RatemapOptions) binSize() float64 {
	if o.BinSize == 0 {
		return DefaultBinSize
	}
	return o.BinSize
}

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

// At returns the plain map's value in cell (x, y), 0 ≤ x < NX, 0 ≤ y < NY.
// Like a slice index it is unchecked: indices out of range panic.
func (r *Ratemap) At(x, y int) float64 { return r.Plain[x*r.NY+y] }

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

// axisRange returns the min and max of v[off], v[off+stride], ... (n
// values) and their difference computed in P, as numpy does for the
// default range; all NaN if a value is NaN.
func axisRange[P num.Float](v []P, off, stride, n int) (lo, hi, width float64) {
	mn, mx := v[off], v[off]
	for i := 1; i < n; i++ {
		x := v[off+i*stride]
		if x != x { // NaN propagates, as numpy's min and max
			return math.NaN(), math.NaN(), math.NaN()
		}
		if x < mn {
			mn = x
		}
		if x > mx {
			mx = x
		}
	}
	return float64(mn), float64(mx), float64(mx - mn)
}

// gridEdges returns the x and y edges for positions xs = v[0], v[stride],
// ... and ys = v[1], ... (n samples) under opt.
func gridEdges[P num.Float](xs, ys []P, stride, n int, opt RatemapOptions) (xe, ye []float64, err error) {
	bin := opt.binSize()
	if !(bin > 0) || math.IsInf(bin, 0) {
		return nil, nil, fmt.Errorf("ratemap: bin size %v is not positive and finite", bin)
	}
	var r [2][3]float64 // lo, hi, width per axis
	if opt.Range != nil {
		for k := range r {
			r[k] = [3]float64{opt.Range[k][0], opt.Range[k][1], opt.Range[k][1] - opt.Range[k][0]}
		}
	} else {
		if n == 0 {
			return nil, nil, fmt.Errorf("ratemap: no samples to take the coordinate range from")
		}
		r[0][0], r[0][1], r[0][2] = axisRange(xs, 0, stride, n)
		r[1][0], r[1][1], r[1][2] = axisRange(ys, 0, stride, n)
	}
	for k, name := range []string{"x", "y"} {
		if nb := r[k][2] / bin; !(nb > 0 && nb <= maxBins) {
			return nil, nil, fmt.Errorf("ratemap: %s range [%v, %v] with bins of %v m gives no usable number of bins", name, r[k][0], r[k][1], bin)
		}
	}
	xe = ratemapEdges(r[0][0], r[0][1], r[0][2], bin)
	ye = ratemapEdges(r[1][0], r[1][1], r[1][2], bin)
	for _, e := range [][]float64{xe, ye} {
		if len(e) < 2 || math.IsNaN(e[0]) || math.IsNaN(e[len(e)-1]) || !(e[len(e)-1] > e[0]) {
			return nil, nil, fmt.Errorf("ratemap: coordinate range gives no bins (edges %v)", e)
		}
	}
	return xe, ye, nil
}

// cellIndices returns for each of n samples its flat cell x*ny+y, or -1
// when the sample is outside the edges.
func cellIndices[P num.Float](xs, ys []P, stride, n int, xe, ye []float64) []int32 {
	xb, yb := newStatBinner(xe), newStatBinner(ye)
	ny := len(ye) - 1
	cells := make([]int32, n)
	for i := range cells {
		x := xb.bin(float64(xs[i*stride]))
		y := yb.bin(float64(ys[i*stride]))
		if x < 0 || y < 0 {
			cells[i] = -1
			continue
		}
		cells[i] = int32(x*ny + y)
	}
	return cells
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

// SpatialRatemap computes one unit's spatial ratemap (calculate_ratemap
// with the mean statistic) from positions xs, ys and activations acts, all
// of the same length; with opt.HD also the per-octant maps. Without
// opt.Range the range is the min and max of xs and ys, its width computed
// in P as numpy does.
func SpatialRatemap[P, T num.Float](xs, ys []P, acts []T, opt RatemapOptions) (*Ratemap, error) {
	n := len(xs)
	if len(ys) != n || len(acts) != n {
		return nil, fmt.Errorf("ratemap: %d x positions, %d y positions and %d activations differ in length", n, len(ys), len(acts))
	}
	if opt.HD != nil && len(opt.HD) != n {
		return nil, fmt.Errorf("ratemap: %d head directions for %d samples", len(opt.HD), n)
	}
	xe, ye, err := gridEdges(xs, ys, 1, n, opt)
	if err != nil {
		return nil, err
	}
	cells := cellIndices(xs, ys, 1, n, xe, ye)
	maps := ratemapsFromCells(cells, acts, 1, []int{0}, xe, ye, opt.HD)
	return maps[0], nil
}

// Ratemaps computes the spatial ratemaps of the given units of acts [N, U]
// (all units when units is nil) at positions pos [N, 2] (x, y), binning
// every sample once; see SpatialRatemap. pos and acts may be float32 or
// float64.
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
	if n == 0 {
		return nil, fmt.Errorf("ratemaps: no samples")
	}
	if units == nil {
		units = make([]int, u)
		for i := range units {
			units[i] = i
		}
	}
	for _, k := range units {
		if k < 0 || k >= u {
			return nil, fmt.Errorf("ratemaps: unit %d out of range [0, %d)", k, u)
		}
	}
	var xe, ye []float64
	var cells []int32
	switch p := pos.Values().(type) {
	case []float32:
		if xe, ye, err = gridEdges(p, p[1:], 2, n, opt); err == nil {
			cells = cellIndices(p, p[1:], 2, n, xe, ye)
		}
	case []float64:
		if xe, ye, err = gridEdges(p, p[1:], 2, n, opt); err == nil {
			cells = cellIndices(p, p[1:], 2, n, xe, ye)
		}
	}
	if err != nil {
		return nil, err
	}
	switch a := acts.Values().(type) {
	case []float32:
		return ratemapsFromCells(cells, a, u, units, xe, ye, opt.HD), nil
	default:
		return ratemapsFromCells(cells, acts.Values().([]float64), u, units, xe, ye, opt.HD), nil
	}
}

// ratemapsFromCells averages columns units of acts [N, stride] over cells.
func ratemapsFromCells[T num.Float](cells []int32, acts []T, stride int, units []int, xe, ye []float64, hd []float64) []*Ratemap {
	nx, ny := len(xe)-1, len(ye)-1
	nc := nx * ny
	var oct []int32
	if hd != nil {
		oct = make([]int32, len(cells))
		for i, c := range cells {
			o := Octant(hd[i])
			if c < 0 || o < 0 {
				oct[i] = -1
			} else {
				oct[i] = c*8 + int32(o)
			}
		}
	}
	plain := cellMeans(cells, nc, acts, stride, units)
	var octs [][]float64
	if oct != nil {
		octs = cellMeans(oct, nc*8, acts, stride, units)
	}
	out := make([]*Ratemap, len(units))
	for k := range units {
		out[k] = &Ratemap{NX: nx, NY: ny, XEdges: xe, YEdges: ye, Plain: plain[k]}
		if octs != nil {
			out[k].Octants = octs[k]
		}
	}
	return out
}

// cellMeans returns, for each unit u of units, the nc-cell map of the mean
// of acts[i*stride+u] over the samples i with cells[i] == cell (cells[i] <
// 0: dropped), NaN where a cell is empty. Sums are accumulated in float64.
//
// When units are all the columns, the samples are split into sampleBlocks
// contiguous blocks whose full rows are summed in parallel and the block
// sums added in block order; with one block (up to 65536 samples) every
// cell's sum is accumulated in sample order, exactly as np.bincount does,
// otherwise the order differs by the block split only. The split depends
// on the number of samples alone, not on GOMAXPROCS. For a subset of
// units, units are processed in chunks, each in sample order.
func cellMeans[T num.Float](cells []int32, nc int, acts []T, stride int, units []int) [][]float64 {
	cnt := make([]int, nc)
	for _, c := range cells {
		if c >= 0 {
			cnt[c]++
		}
	}
	m := len(units)
	var sum []float64 // [nc][m]
	if m > 0 && m == stride && contiguous(units) && units[0] == 0 {
		sum = blockSums(cells, nc, acts, stride)
	} else {
		sum = make([]float64, nc*m)
		chunks := unitChunks(m, unitChunkSize(m, 64))
		num.ParallelFor(len(chunks), 0, nil, func(_, k int) {
			us := units[chunks[k][0]:chunks[k][1]]
			k0 := chunks[k][0]
			if contiguous(us) {
				u0, u1 := us[0], us[0]+len(us)
				for i, c := range cells {
					if c >= 0 {
						addRow(sum[int(c)*m+k0:], acts[i*stride+u0:i*stride+u1])
					}
				}
				return
			}
			for i, c := range cells {
				if c >= 0 {
					row := acts[i*stride : (i+1)*stride]
					dst := sum[int(c)*m+k0 : int(c)*m+k0+len(us)]
					for j, u := range us {
						dst[j] += float64(row[u])
					}
				}
			}
		})
	}
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
// with cells[i] == c, reading full rows; see cellMeans for the order.
func blockSums[T num.Float](cells []int32, nc int, acts []T, u int) []float64 {
	n := len(cells)
	nb := sampleBlocks(n)
	sums := make([][]float64, nb)
	num.ParallelFor(nb, 0, nil, func(_, b int) {
		s := make([]float64, nc*u)
		for i := b * n / nb; i < (b+1)*n/nb; i++ {
			if c := cells[i]; c >= 0 {
				addRow(s[int(c)*u:], acts[i*u:(i+1)*u])
			}
		}
		sums[b] = s
	})
	for _, s := range sums[1:] {
		addRow(sums[0], s)
	}
	return sums[0]
}

// unitChunkSize returns a chunk size of at most max units that splits u
// units into a multiple of GOMAXPROCS chunks of nearly equal size. How
// units are chunked does not change any result.
func unitChunkSize(u, max int) int {
	p := runtime.GOMAXPROCS(0)
	k := (u + max - 1) / max
	k = (k + p - 1) / p * p
	if k < 1 {
		k = 1
	}
	return (u + k - 1) / k
}

// contiguous reports whether us is a run of consecutive unit indices.
func contiguous(us []int) bool {
	for j, u := range us {
		if u != us[0]+j {
			return false
		}
	}
	return true
}

// checkActs checks that acts is a 2-D float array and returns its shape.
func checkActs(acts *data.Array) (n, u int, err error) {
	if acts == nil {
		return 0, 0, fmt.Errorf("activations: nil array")
	}
	if acts.NDim() != 2 || !acts.IsFloat() {
		return 0, 0, fmt.Errorf("activations: want a 2-D float array [samples, units], got %s %s", acts.DType(), data.FormatShape(acts.Shape))
	}
	if err := checkStorage(acts); err != nil {
		return 0, 0, fmt.Errorf("activations: %w", err)
	}
	if acts.Shape[0] == 0 {
		return 0, 0, fmt.Errorf("activations: want at least one sample, got shape %s", data.FormatShape(acts.Shape))
	}
	return acts.Shape[0], acts.Shape[1], nil
}

// checkPos checks that pos is a float array [n, 2].
func checkPos(pos *data.Array, n int) error {
	if pos == nil {
		return fmt.Errorf("positions: nil array")
	}
	if pos.NDim() != 2 || pos.Shape[1] != 2 || !pos.IsFloat() {
		return fmt.Errorf("positions: want a float array [samples, 2], got %s %s", pos.DType(), data.FormatShape(pos.Shape))
	}
	if err := checkStorage(pos); err != nil {
		return fmt.Errorf("positions: %w", err)
	}
	if pos.Shape[0] != n {
		return fmt.Errorf("positions: %d samples, activations have %d", pos.Shape[0], n)
	}
	return nil
}

// checkStorage checks that a float array's shape has no negative dimension
// and that its storage holds exactly the product of the shape's values, so
// that indexing by the shape stays in range.
func checkStorage(a *data.Array) error {
	for _, d := range a.Shape {
		if d < 0 {
			return fmt.Errorf("negative dimension in shape %s", data.FormatShape(a.Shape))
		}
	}
	var n int
	switch d := a.Values().(type) {
	case []float32:
		n = len(d)
	case []float64:
		n = len(d)
	default:
		return fmt.Errorf("want float32 or float64 values, got %s", a.DType())
	}
	if n != a.Len() {
		return fmt.Errorf("shape %s needs %d values, storage holds %d", data.FormatShape(a.Shape), a.Len(), n)
	}
	return nil
}
