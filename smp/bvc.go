package smp

import (
	"fmt"
	"math"
	"runtime"
	"slices"

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
// of acts [N, U] from wall distances wd [N, A] (float32 or float64), head
// directions hd [N] (radians) and distance bin centres distances, in one
// pass over the samples. The egocentric maps are those of the wall
// distances rotated by RotationShift(hd, A) (the original's
// _rotate_distances): column c of sample i holds wd[i][(c - shift) mod A].
// The sums are added group by group of samples with the same shift (see
// accumulateBVC), so in another order than the original's bincount
// (differences of order 1e-16 relative); with one shift in sample order.
func EgoAlloBVCRatemaps(acts, wd *data.Array, hd []float64, distances []float64) (ego, allo *BVCRatemaps, err error) {
	n, u, err := checkActs(acts)
	if err != nil {
		return nil, nil, fmt.Errorf("bvc ratemaps: %w", err)
	}
	wn, a, err := checkFloat2D(wd, "wall distances", "[samples, angles]", 0)
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
	if len(hd) != n {
		return nil, nil, fmt.Errorf("bvc ratemaps: %d head directions for %d samples", len(hd), n)
	}
	shifts, err := rotationShifts(hd, a)
	if err != nil {
		return nil, nil, fmt.Errorf("bvc ratemaps: %w", err)
	}
	p := &bvcAccumulator{n: n, u: u, a: a, nd: len(distances), shifts: shifts}
	p.start, p.cell = floatsOf(wd).bvcCells(n, a, edges)
	m := floatsOf(acts).accumulateBVC(p)
	mk := func(m bvcMaps) *BVCRatemaps {
		return &BVCRatemaps{Distances: slices.Clone(distances), Angles: BVCAngles(a), NUnits: u, Values: m.vals, Counts: m.cnt}
	}
	return mk(m[1]), mk(m[0]), nil
}

// bvcCells lists, per sample of wall distances v [n, a], the flat bins
// d*a+c of the allocentric direction columns c whose wall distance falls
// inside the distance edges (digitize over the edges), as compressed rows:
// sample i's bins are cell[start[i]:start[i+1]].
func (v values[T]) bvcCells(n, a int, edges []float64) (start, cell []int32) {
	b := num.NewDigitizer(edges)
	nb := len(edges)
	start, cell = make([]int32, n+1), make([]int32, 0, n*a)
	for i := 0; i < n; i++ {
		for col, x := range v[i*a : (i+1)*a] {
			if k := b.Digitize(float64(x)); k >= 1 && k < nb {
				cell = append(cell, int32((k-1)*a+col))
			}
		}
		start[i+1] = int32(len(cell))
	}
	return start, cell
}

// bvcAccumulator holds the binned samples of EgoAlloBVCRatemaps.
type bvcAccumulator struct {
	start, cell []int32 // bvcCells
	n, u, a, nd int     // samples, units, directions, distances
	shifts      []int32 // per-sample rotation shifts
}

// bvcMaps are the ratemap values [D*A*U] and bin counts [D*A] of one map.
type bvcMaps struct {
	vals []float64
	cnt  []int
}

// bvcTableBytes bounds the size of one chunk of units' table of sums
// (D*A*units float64), near a core's L2 cache size.
const bvcTableBytes = 1280 << 10

// accumulateBVC returns the allocentric maps [0] and the egocentric maps
// [1] of the binned samples p with activations acts [N, U]: the value of a
// bin and unit is sum / (count + 1e-12). The samples are ordered by shift
// (stable counting sort); each group's sums are added into the allocentric
// sums as they are and into the egocentric sums with columns rotated by the
// group's shift (egoCell).
func (acts values[T]) accumulateBVC(p *bvcAccumulator) [2]bvcMaps {
	nc, ngroups := p.nd*p.a, p.a
	gstart := make([]int, ngroups+1) // group g is positions gstart[g] to gstart[g+1]-1
	for _, s := range p.shifts {
		gstart[s+1]++
	}
	for g := 0; g < ngroups; g++ {
		gstart[g+1] += gstart[g]
	}
	order := make([]int32, p.n) // processing position -> sample
	next := slices.Clone(gstart[:ngroups])
	for i, s := range p.shifts {
		order[next[s]] = int32(i)
		next[s]++
	}

	var maps [2]bvcMaps
	for k := range maps {
		maps[k] = bvcMaps{vals: make([]float64, nc*p.u), cnt: make([]int, nc)}
	}
	// The bins in processing order, and their counts.
	start, cell := make([]int32, p.n+1), make([]int32, 0, len(p.cell))
	for j, i := range order {
		for _, c := range p.cell[p.start[i]:p.start[i+1]] {
			maps[0].cnt[c]++
			maps[1].cnt[egoCell(int(c), int(p.shifts[i]), p.a)]++
		}
		cell = append(cell, p.cell[p.start[i]:p.start[i+1]]...)
		start[j+1] = int32(len(cell))
	}

	chunks := unitChunks(p.u, unitChunkSize(p.u, max(8, bvcTableBytes/(8*nc))))
	type state struct {
		table, sum, rsum []float64 // this group's sums, allocentric and egocentric sums
		group            int       // group of the positions in table
	}
	st := make([]state, len(chunks))
	for k, c := range chunks {
		m := c[1] - c[0]
		st[k] = state{table: make([]float64, nc*m), sum: make([]float64, nc*m), rsum: make([]float64, nc*m)}
	}
	// fold adds chunk k's table of group g into its sums and clears it.
	fold := func(k, g int) {
		m := chunks[k][1] - chunks[k][0]
		s := &st[k]
		for c := 0; c < nc; c++ {
			src := s.table[c*m : (c+1)*m]
			num.AddFloats(s.sum[c*m:], src)
			num.AddFloats(s.rsum[egoCell(c, g, p.a)*m:], src)
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
				row := acts[int(order[j])*p.u : (int(order[j])+1)*p.u]
				for k, c := range chunks {
					m := c[1] - c[0]
					copy(bufs[k][(j-j0)*m:(j-j0+1)*m], row[c[0]:c[1]])
				}
			}
		})
		num.ParallelFor(len(chunks), 0, nil, func(_, k int) {
			m := chunks[k][1] - chunks[k][0]
			s := &st[k]
			for j := j0; j < j1; {
				for j >= gstart[s.group+1] {
					fold(k, s.group)
					s.group++
				}
				for end := min(j1, gstart[s.group+1]); j < end; j++ {
					row := bufs[k][(j-j0)*m : (j-j0+1)*m]
					for _, c := range cell[start[j]:start[j+1]] {
						num.AddFloats(s.table[int(c)*m:], row)
					}
				}
			}
		})
	}
	num.ParallelFor(len(chunks), 0, nil, func(_, k int) {
		for ; st[k].group < ngroups; st[k].group++ {
			fold(k, st[k].group)
		}
		u0, m := chunks[k][0], chunks[k][1]-chunks[k][0]
		for i, sum := range [2][]float64{st[k].sum, st[k].rsum} {
			for c := 0; c < nc; c++ {
				den := float64(maps[i].cnt[c]) + 1e-12
				for j := 0; j < m; j++ {
					maps[i].vals[c*p.u+u0+j] = sum[c*m+j] / den
				}
			}
		}
	})
	return maps
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
	scorer, _ := NewHDScorer(na) // na >= 1
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
