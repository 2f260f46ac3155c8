package smp

import (
	"fmt"
	"math"
	"runtime"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// DefaultDistanceBin is the boundary-distance bin size of the
// classification, in metres.
const DefaultDistanceBin = 0.025

// BVCDistances returns the boundary-vector distance bin centres the
// classification considers: step, 2*step, ... while below maxD (numpy's
// arange(step, maxD, step)). The original uses step 0.025 m and maxD half
// the arena's x extent.
func BVCDistances(maxD, step float64) []float64 {
	return num.Arange(step, maxD, step)
}

// DistanceEdges returns the bin edges around distance centres d
// (_make_intervals): d_0 - (d_1-d_0)/2, then the midpoints
// d_i + (d_{i+1}-d_i)/2, then d_last + (d_last-d_prev)/2. It needs at least
// two centres.
func DistanceEdges(d []float64) ([]float64, error) {
	n := len(d)
	if n < 2 {
		return nil, fmt.Errorf("distance edges: %d distance centres, need at least 2", n)
	}
	e := make([]float64, n+1)
	e[0] = d[0] - (d[1]-d[0])/2
	for i := 0; i < n-1; i++ {
		e[i+1] = d[i] + (d[i+1]-d[i])/2
	}
	e[n] = d[n-1] + (d[n-1]-d[n-2])/2
	return e, nil
}

// BVCAngles returns the A angles of the wall-distance columns: evenly
// spaced from -pi (inclusive) to pi (exclusive), column k at -pi + k*2pi/A
// (numpy's linspace(-pi, pi, A+1)[:-1]).
func BVCAngles(a int) []float64 {
	if a < 1 {
		return nil
	}
	return num.Linspace(-math.Pi, math.Pi, a+1)[:a]
}

// RotationShift returns the column shift that makes a row of A allocentric
// wall distances egocentric for head direction hd (radians):
// (-round-half-to-even(A*hd/(2*pi))) mod A, in [0, A). The rotated row is
// out[c] = in[(c - shift) mod A]. The product and quotient are computed in
// float64; numpy computes them in the precision of hd (float32 for the real
// data), which can differ only when A*hd/(2*pi) is within a float32
// rounding of a half-integer.
func RotationShift(hd float64, a int) int {
	r := math.RoundToEven(float64(a) * hd / (2 * math.Pi))
	s := math.Mod(-r, float64(a))
	if s < 0 {
		s += float64(a)
	}
	return int(s)
}

// rotationShifts returns RotationShift of every head direction.
func rotationShifts(hd []float64, a int) ([]int32, error) {
	out := make([]int32, len(hd))
	for i, h := range hd {
		if math.IsNaN(h) || math.IsInf(h, 0) {
			return nil, fmt.Errorf("head direction %d is %v", i, h)
		}
		out[i] = int32(RotationShift(h, a))
	}
	return out, nil
}

func checkWallDistances(wd *data.Array) (n, a int, err error) {
	if wd == nil {
		return 0, 0, fmt.Errorf("wall distances: nil array")
	}
	if wd.NDim() != 2 || !wd.IsFloat() || wd.Shape[1] < 1 {
		return 0, 0, fmt.Errorf("wall distances: want a float array [samples, angles], got %s %s", wd.DType(), data.FormatShape(wd.Shape))
	}
	if err := checkStorage(wd); err != nil {
		return 0, 0, fmt.Errorf("wall distances: %w", err)
	}
	return wd.Shape[0], wd.Shape[1], nil
}

// BVCRatemaps are boundary-vector ratemaps (bvc_rms): the mean activation
// of each unit binned by the distance to the nearest wall (D distance bins)
// along each of A directions.
//
// Each wall distance gets a bin by numpy's digitize over DistanceEdges of
// the centres; for every direction column a, distance bin d and unit u the
// value is sum / (count + 1e-12) over the samples whose column-a distance
// falls in bin d, so an empty bin is 0, not NaN. Distances below the first
// or at or above the last edge are dropped.
type BVCRatemaps struct {
	Distances []float64 // D distance bin centres, metres
	Angles    []float64 // A direction angles, BVCAngles(A)
	NUnits    int       // U
	// Values holds the ratemaps indexed [d][a][u]: Values[(d*A+a)*U+u].
	Values []float64
	// Counts holds the number of samples in each bin, [d][a]: Counts[d*A+a].
	Counts []int
}

// At returns the value for distance bin d, angle a and unit u,
// Values[(d*A+a)*U+u]. Like a slice index it is unchecked: indices out of
// range panic.
func (r *BVCRatemaps) At(d, a, u int) float64 {
	return r.Values[(d*len(r.Angles)+a)*r.NUnits+u]
}

// Profiles returns each unit's angular profile, the ratemap summed over
// the distance axis (in order of distance), as a float64 array [U, A].
func (r *BVCRatemaps) Profiles() *data.Array {
	nd, na, nu := len(r.Distances), len(r.Angles), r.NUnits
	out := make([]float64, nu*na)
	for d := 0; d < nd; d++ {
		for a := 0; a < na; a++ {
			row := r.Values[(d*na+a)*nu : (d*na+a+1)*nu]
			for u, v := range row {
				out[u*na+a] += v
			}
		}
	}
	return data.New(out, nu, na)
}

// EgoAlloBVCRatemaps computes the egocentric and the allocentric ratemaps
// in one pass over the samples. Samples are grouped by rotation shift; each
// group's sums per (distance, allocentric column) are added into the
// allocentric maps and, with columns shifted, into the egocentric maps. The
// sums are therefore added in a different order than the original's
// (rounding differences of order 1e-16 relative).
func EgoAlloBVCRatemaps(acts, wd *data.Array, hd []float64, distances []float64) (ego, allo *BVCRatemaps, err error) {
	return bvcRatemaps(acts, wd, hd, distances, true, true)
}

func bvcRatemaps(acts, wd *data.Array, hd []float64, distances []float64, wantEgo, wantAllo bool) (ego, allo *BVCRatemaps, err error) {
	n, u, err := checkActs(acts)
	if err != nil {
		return nil, nil, fmt.Errorf("bvc ratemaps: %w", err)
	}
	wn, a, err := checkWallDistances(wd)
	if err != nil {
		return nil, nil, fmt.Errorf("bvc ratemaps: %w", err)
	}
	if wn != n {
		return nil, nil, fmt.Errorf("bvc ratemaps: %d samples of wall distances, %d of activations", wn, n)
	}
	edges, err := DistanceEdges(distances)
	if err != nil {
		return nil, nil, fmt.Errorf("bvc ratemaps: %w", err)
	}
	for i := 1; i < len(edges); i++ {
		if !(edges[i] > edges[i-1]) {
			return nil, nil, fmt.Errorf("bvc ratemaps: distance centres are not increasing")
		}
	}
	if int64(n)*int64(a) > math.MaxInt32 {
		return nil, nil, fmt.Errorf("bvc ratemaps: %d samples of %d directions are too many", n, a)
	}
	var shifts []int32
	if wantEgo {
		if len(hd) != n {
			return nil, nil, fmt.Errorf("bvc ratemaps: %d head directions for %d samples", len(hd), n)
		}
		if shifts, err = rotationShifts(hd, a); err != nil {
			return nil, nil, fmt.Errorf("bvc ratemaps: %w", err)
		}
	}
	// Ego alone: rotate the columns while binning, then accumulate as
	// allocentric maps in sample order. Both: group by shift (one pass).
	var rot []int32
	if wantEgo && !wantAllo {
		rot = shifts
	}
	var cs *bvcCells
	switch w := wd.Values().(type) {
	case []float32:
		cs = newBVCCells(w, n, a, edges, rot)
	default:
		cs = newBVCCells(wd.Values().([]float64), n, a, edges, rot)
	}
	acc := &bvcAccumulator{cells: cs, n: n, u: u, a: a, nd: len(distances)}
	if wantEgo && wantAllo {
		acc.shifts = shifts
	}
	var first, second []float64
	var firstCnt, secondCnt []int
	switch x := acts.Values().(type) {
	case []float32:
		first, firstCnt, second, secondCnt = accumulateBVC(acc, x)
	default:
		first, firstCnt, second, secondCnt = accumulateBVC(acc, acts.Values().([]float64))
	}
	mk := func(v []float64, c []int) *BVCRatemaps {
		return &BVCRatemaps{Distances: append([]float64(nil), distances...), Angles: BVCAngles(a), NUnits: u, Values: v, Counts: c}
	}
	switch {
	case wantEgo && wantAllo:
		return mk(second, secondCnt), mk(first, firstCnt), nil
	case wantEgo:
		return mk(first, firstCnt), nil, nil
	}
	return nil, mk(first, firstCnt), nil
}

// bvcCells lists, per sample, the flat bins d*A+c of the direction columns
// whose wall distance falls inside the distance edges (compressed rows).
// With shifts, column a of sample i is stored as egocentric column
// (a + shifts[i]) mod A.
type bvcCells struct {
	start []int32 // sample i's bins are cell[start[i]:start[i+1]]
	cell  []int32
}

func newBVCCells[W num.Float](wd []W, n, a int, edges []float64, shifts []int32) *bvcCells {
	b := newBinner(edges)
	nb := len(edges)
	c := &bvcCells{start: make([]int32, n+1), cell: make([]int32, 0, n*a)}
	for i := 0; i < n; i++ {
		row := wd[i*a : (i+1)*a]
		s := 0
		if shifts != nil {
			s = int(shifts[i])
		}
		for col, v := range row {
			k := b.digitize(float64(v))
			if k >= 1 && k < nb {
				c.cell = append(c.cell, int32((k-1)*a+(col+s)%a))
			}
		}
		c.start[i+1] = int32(len(c.cell))
	}
	return c
}

type bvcAccumulator struct {
	cells       *bvcCells
	n, u, a, nd int
	// shifts, when set, are the per-sample rotation shifts: the maps of
	// cells (allocentric) and of cells rotated (egocentric) are both made.
	shifts []int32
}

// bvcTableBytes bounds the size of one chunk of units' table of sums
// (D*A*units float64): measured best near a core's L2 cache size, where
// fewer, longer rows outweigh the cache misses.
const bvcTableBytes = 1280 << 10

// accumulateBVC returns the ratemap values [D*A*U] and counts [D*A] of the
// cells, and with p.shifts also those of the rotated cells.
//
// Without shifts every bin's sum is accumulated in sample order (as
// np.bincount). With shifts the samples are ordered by shift (stable
// counting sort): each group's sums are added into the first maps as they
// are and into the second with columns rotated by the group's shift.
func accumulateBVC[T num.Float](p *bvcAccumulator, acts []T) (vals []float64, cnt []int, rvals []float64, rcnt []int) {
	nc := p.nd * p.a
	ngroups := 1
	gstart := []int{0, p.n}
	var order []int32 // processing position -> sample; nil: identity
	if p.shifts != nil {
		ngroups = p.a
		gstart = make([]int, ngroups+1)
		for _, s := range p.shifts {
			gstart[s+1]++
		}
		for g := 0; g < ngroups; g++ {
			gstart[g+1] += gstart[g]
		}
		order = make([]int32, p.n)
		next := append([]int(nil), gstart[:ngroups]...)
		for i, s := range p.shifts {
			order[next[s]] = int32(i)
			next[s]++
		}
	}

	cnt = make([]int, nc)
	if p.shifts != nil {
		rcnt = make([]int, nc)
	}
	for i := 0; i < p.n; i++ {
		for _, c := range p.cells.cell[p.cells.start[i]:p.cells.start[i+1]] {
			cnt[c]++
			if rcnt != nil {
				rcnt[egoCell(int(c), int(p.shifts[i]), p.a)]++
			}
		}
	}

	// Cells in processing order.
	cells := p.cells
	if order != nil {
		cells = &bvcCells{start: make([]int32, p.n+1), cell: make([]int32, 0, len(p.cells.cell))}
		for k, i := range order {
			cells.cell = append(cells.cell, p.cells.cell[p.cells.start[i]:p.cells.start[i+1]]...)
			cells.start[k+1] = int32(len(cells.cell))
		}
	}

	chunks := unitChunks(p.u, unitChunkSize(p.u, max(8, bvcTableBytes/(8*nc))))
	vals = make([]float64, nc*p.u)
	if p.shifts != nil {
		rvals = make([]float64, nc*p.u)
	}
	type state struct {
		table, sum, rsum []float64
		group            int // group of the positions in table
	}
	st := make([]state, len(chunks))
	for k, c := range chunks {
		m := c[1] - c[0]
		st[k].table = make([]float64, nc*m)
		st[k].sum = st[k].table
		if p.shifts != nil {
			st[k].sum, st[k].rsum = make([]float64, nc*m), make([]float64, nc*m)
		}
	}
	// fold adds chunk k's table of group g into its sums and clears it.
	fold := func(k, g int) {
		if p.shifts == nil {
			return
		}
		m := chunks[k][1] - chunks[k][0]
		s := &st[k]
		for c := 0; c < nc; c++ {
			src := s.table[c*m : (c+1)*m]
			addRow(s.sum[c*m:], src)
			addRow(s.rsum[egoCell(c, g, p.a)*m:], src)
			clear(src)
		}
	}

	// Positions are processed in blocks: a block's rows are first copied
	// (gathered in processing order) into one contiguous buffer per chunk
	// of units, which each chunk's pass then reads sequentially.
	const blockLen = 8192
	bufs := make([][]T, len(chunks))
	for k, c := range chunks {
		bufs[k] = make([]T, blockLen*(c[1]-c[0]))
	}
	parts := 2 * runtime.GOMAXPROCS(0)
	for j0 := 0; j0 < p.n; j0 += blockLen {
		j1 := min(j0+blockLen, p.n)
		num.ParallelFor(parts, 0, nil, func(_, w int) {
			for j := j0 + w*(j1-j0)/parts; j < j0+(w+1)*(j1-j0)/parts; j++ {
				i := j
				if order != nil {
					i = int(order[j])
				}
				row := acts[i*p.u : (i+1)*p.u]
				for k, c := range chunks {
					m := c[1] - c[0]
					copy(bufs[k][(j-j0)*m:(j-j0+1)*m], row[c[0]:c[1]])
				}
			}
		})
		num.ParallelFor(len(chunks), 0, nil, func(_, k int) {
			m := chunks[k][1] - chunks[k][0]
			s := &st[k]
			buf := bufs[k]
			for j := j0; j < j1; {
				for j >= gstart[s.group+1] {
					fold(k, s.group)
					s.group++
				}
				end := min(j1, gstart[s.group+1])
				for ; j < end; j++ {
					row := buf[(j-j0)*m : (j-j0+1)*m]
					for _, c := range cells.cell[cells.start[j]:cells.start[j+1]] {
						addRow(s.table[int(c)*m:], row)
					}
				}
			}
		})
	}
	num.ParallelFor(len(chunks), 0, nil, func(_, k int) {
		for ; st[k].group < ngroups; st[k].group++ {
			fold(k, st[k].group)
		}
		u0, u1 := chunks[k][0], chunks[k][1]
		m := u1 - u0
		store := func(dst, sum []float64, cnt []int) {
			for c := 0; c < nc; c++ {
				den := float64(cnt[c]) + 1e-12
				for j := 0; j < m; j++ {
					dst[c*p.u+u0+j] = sum[c*m+j] / den
				}
			}
		}
		store(vals, st[k].sum, cnt)
		if p.shifts != nil {
			store(rvals, st[k].rsum, rcnt)
		}
	})
	return vals, cnt, rvals, rcnt
}

// egoCell maps the flat bin d*A+a of allocentric column a to the
// egocentric column (a + shift) mod A of the same distance bin.
func egoCell(c, shift, a int) int {
	d, col := c/a, c%a
	return d*a + (col+shift)%a
}

// BVCCells holds the boundary-vector parameters of every unit.
type BVCCells struct {
	IsBVC    []bool    // Score > threshold
	Angle    []float64 // preferred angle atan2(x, y) (swapped, as HDScorer.Angle)
	Distance []float64 // preferred distance, metres
	Score    []float64 // resultant vector length of the angular profile
}

// BVCCellParameters computes each unit's boundary-vector parameters
// (get_bvc_cell_parameters) from ratemaps r with angles theta_a:
//
//   - l[a] = sum over distance bins of the ratemap (Profiles);
//   - y = sum_a sin(theta_a) l[a], x = sum_a cos(theta_a) l[a];
//   - Angle = atan2(x, y), swapped like the HD angle;
//   - the ordinary angle atan2(y, x) picks the column digitize(angle,
//     [theta..., pi]) - 1 (an angle of exactly pi, where the original would
//     index out of range, wraps to column 0), and Distance is the distance
//     centre where the unit's ratemap in that column is largest (first
//     maximum; the first NaN if any, as numpy's argmax);
//   - Score = resultant vector length of l with an A-bin HDScorer. That
//     scorer's bin centres are the midpoints of -pi..pi in A bins, half a
//     bin away from theta_a: the original's quirk, kept on purpose;
//   - IsBVC = Score > threshold.
func BVCCellParameters(r *BVCRatemaps, threshold float64) (*BVCCells, error) {
	if r == nil || len(r.Angles) == 0 || len(r.Distances) == 0 || len(r.Values) != len(r.Distances)*len(r.Angles)*r.NUnits {
		return nil, fmt.Errorf("bvc parameters: malformed ratemaps")
	}
	na, nd, nu := len(r.Angles), len(r.Distances), r.NUnits
	scorer, err := NewHDScorer(na)
	if err != nil {
		return nil, err
	}
	prof := r.Profiles().Values().([]float64)
	sinA := make([]float64, na)
	cosA := make([]float64, na)
	for i, t := range r.Angles {
		sinA[i], cosA[i] = math.Sin(t), math.Cos(t)
	}
	colEdges := append(append([]float64(nil), r.Angles...), math.Pi)
	out := &BVCCells{
		IsBVC:    make([]bool, nu),
		Angle:    make([]float64, nu),
		Distance: make([]float64, nu),
		Score:    make([]float64, nu),
	}
	for u := 0; u < nu; u++ {
		l := prof[u*na : (u+1)*na]
		var x, y float64
		for a, v := range l {
			y += sinA[a] * v
			x += cosA[a] * v
		}
		out.Angle[u] = math.Atan2(x, y)
		orig := math.Atan2(y, x)
		col := num.Digitize(colEdges, orig) - 1
		switch {
		case math.IsNaN(orig):
			out.Distance[u] = math.NaN()
		default:
			if col >= na {
				col = 0
			}
			best := 0
			bv := r.At(0, col, u)
			for d := 1; d < nd && !math.IsNaN(bv); d++ {
				if v := r.At(d, col, u); v > bv || math.IsNaN(v) {
					best, bv = d, v
				}
			}
			out.Distance[u] = r.Distances[best]
		}
		out.Score[u] = scorer.Score(l)
		out.IsBVC[u] = out.Score[u] > threshold
	}
	return out, nil
}
