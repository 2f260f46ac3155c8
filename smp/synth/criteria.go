package synth

import (
	"fmt"
	"math"
	"slices"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/num"
)

// Detection scores how well a classifier found the units of one planted
// type within one RNN: among that RNN's units, TP units are of the type and
// flagged, FP flagged but of another type, FN of the type but not flagged.
// Precision = TP/(TP+FP), Recall = TP/(TP+FN) (NaN when undefined).
type Detection struct {
	RNN        int    // 1, 2 or 3
	Type       string // TypeHD, TypeEgoBVC or TypeBVC
	TP, FP, FN int
	Precision  float64
	Recall     float64
}

// String formats the detection as one line.
func (d Detection) String() string {
	return fmt.Sprintf("RNN-%d %-6s precision %.3f recall %.3f (TP %d, FP %d, FN %d)", d.RNN, d.Type, d.Precision, d.Recall, d.TP, d.FP, d.FN)
}

// ScoreClassification compares figure 2's classification of the
// concatenated units (flags isHD, isEgo, isAllo, one per unit in the
// order of truth.Units) with the planted types, the way the world's
// criteria read it: HD detection within RNN-1, egoBVC detection within
// RNN-2, BVC detection within RNN-3.
func ScoreClassification(truth *Truth, isHD, isEgo, isAllo []bool) ([]Detection, error) {
	if truth == nil {
		return nil, fmt.Errorf("synth: score: no ground truth")
	}
	n := len(truth.Units)
	if len(isHD) != n || len(isEgo) != n || len(isAllo) != n {
		return nil, fmt.Errorf("synth: score: %d, %d and %d flags for %d units", len(isHD), len(isEgo), len(isAllo), n)
	}
	jobs := []struct {
		rnn   int
		typ   string
		flags []bool
	}{{1, TypeHD, isHD}, {2, TypeEgoBVC, isEgo}, {3, TypeBVC, isAllo}}
	var out []Detection
	for _, j := range jobs {
		d := Detection{RNN: j.rnn, Type: j.typ}
		for i, u := range truth.Units {
			if u.RNN != j.rnn {
				continue
			}
			planted := u.Type == j.typ
			switch {
			case planted && j.flags[i]:
				d.TP++
			case j.flags[i]:
				d.FP++
			case planted:
				d.FN++
			}
		}
		d.Precision = float64(d.TP) / float64(d.TP+d.FP)
		d.Recall = float64(d.TP) / float64(d.TP+d.FN)
		out = append(out, d)
	}
	return out, nil
}

// PlaceFields summarises how place-like the slots of one memory map are.
// For each slot, its ratemap r is the mean of p(slot | view) = exp(log p)
// per spatial bin (figure 2's ratemap bins: smp.RatemapEdges over the
// positions' range, 0.14 m), smoothed by the mean of the visited bins of
// each 3 x 3 neighbourhood, as place-field analyses usually smooth;
// normalised to m = (r - min)/(max - min), its field is the set of bins
// with m ≥ 0.5, split into 8-connected components of at least
// MinFieldBins bins. A slot is place-like when it has exactly one such
// component and the field covers at most MaxFieldFraction of the visited
// bins.
type PlaceFields struct {
	Slots        int       // slots scored
	SingleField  int       // slots with exactly one field component
	Compact      int       // place-like slots (one component, small)
	FieldArea    []float64 // per slot, total area of its field components, m^2
	Components   []int     // per slot, number of field components
	PeakDistance []float64 // per slot, distance from the ratemap's peak bin centre to where the slot was written, m (NaN when unknown)
}

// MaxFieldFraction is the largest share of the visited bins a compact
// field may cover.
const MaxFieldFraction = 0.25

// MinFieldBins is the smallest component counted as a field.
const MinFieldBins = 2

// PlaceLike returns the fraction of place-like slots.
func (p *PlaceFields) PlaceLike() float64 { return float64(p.Compact) / float64(p.Slots) }

// MedianFieldArea returns the median field area, m^2.
func (p *PlaceFields) MedianFieldArea() float64 { return num.NaNMedian(p.FieldArea) }

// MedianPeakDistance returns the median distance between ratemap peak and
// write position, m.
func (p *PlaceFields) MedianPeakDistance() float64 { return num.NaNMedian(p.PeakDistance) }

// ScorePlaceFields scores the slots of one map from positions pos [N, 2]
// and log probabilities logp [N, S]. written, if not nil, is the map's
// ground truth (S slots): where each slot was written, for PeakDistance.
func ScorePlaceFields(pos []float32, logp []float32, s int, written []SlotTruth) (*PlaceFields, error) {
	n := len(pos) / 2
	if len(pos) != 2*n || n == 0 || s < 1 || len(logp) != n*s || (written != nil && len(written) != s) {
		return nil, fmt.Errorf("synth: place fields: %d positions, %d log probabilities for %d slots", len(pos), len(logp), s)
	}
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range xs {
		xs[i], ys[i] = float64(pos[2*i]), float64(pos[2*i+1])
	}
	xe := smp.RatemapEdges(slices.Min(xs), slices.Max(xs), smp.DefaultBinSize)
	ye := smp.RatemapEdges(slices.Min(ys), slices.Max(ys), smp.DefaultBinSize)
	nx, ny := len(xe)-1, len(ye)-1
	cell := make([]int, n)
	count := make([]float64, nx*ny)
	for i := 0; i < n; i++ {
		bx, by := binOf(xe, xs[i]), binOf(ye, ys[i])
		cell[i] = bx*ny + by
		count[cell[i]]++
	}
	sum := make([]float64, nx*ny*s)
	for i := 0; i < n; i++ {
		num.AddExp(sum[cell[i]*s:(cell[i]+1)*s], logp[i*s:(i+1)*s])
	}
	visited := 0
	for _, c := range count {
		if c > 0 {
			visited++
		}
	}
	binArea := (xe[1] - xe[0]) * (ye[1] - ye[0])
	pf := &PlaceFields{Slots: s}
	raw := make([]float64, nx*ny)
	m := make([]float64, nx*ny)
	for j := 0; j < s; j++ {
		for c := range raw {
			raw[c] = math.NaN()
			if count[c] > 0 {
				raw[c] = sum[c*s+j] / count[c]
			}
		}
		smooth3(raw, m, nx, ny)
		mn, mx, peak := math.Inf(1), math.Inf(-1), -1
		for c, v := range m {
			if math.IsNaN(v) {
				continue
			}
			if v < mn {
				mn = v
			}
			if v > mx {
				mx, peak = v, c
			}
		}
		in := make([]bool, nx*ny)
		for c, v := range m {
			in[c] = !math.IsNaN(v) && mx > mn && (v-mn)/(mx-mn) >= 0.5
		}
		comps, area := components(in, nx, ny, MinFieldBins)
		pf.Components = append(pf.Components, comps)
		pf.FieldArea = append(pf.FieldArea, float64(area)*binArea)
		if comps == 1 {
			pf.SingleField++
			if float64(area) <= MaxFieldFraction*float64(visited) {
				pf.Compact++
			}
		}
		d := math.NaN()
		if written != nil && peak >= 0 {
			px := (xe[peak/ny] + xe[peak/ny+1]) / 2
			py := (ye[peak%ny] + ye[peak%ny+1]) / 2
			d = math.Hypot(px-written[j].X, py-written[j].Y)
		}
		pf.PeakDistance = append(pf.PeakDistance, d)
	}
	return pf, nil
}

// binOf returns the bin of v among edges e (the last bin holds the last
// edge; values outside are clamped: the edges span all positions).
func binOf(e []float64, v float64) int {
	return max(0, min(len(e)-2, num.Digitize(e, v)-1))
}

// smooth3 writes into dst the mean of the non-NaN values of each 3 x 3
// neighbourhood of src (an nx x ny grid indexed [x*ny+y]); bins NaN in src
// stay NaN.
func smooth3(src, dst []float64, nx, ny int) {
	for x := 0; x < nx; x++ {
		for y := 0; y < ny; y++ {
			c := x*ny + y
			if math.IsNaN(src[c]) {
				dst[c] = math.NaN()
				continue
			}
			s, k := 0.0, 0
			for qx := max(0, x-1); qx <= min(nx-1, x+1); qx++ {
				for qy := max(0, y-1); qy <= min(ny-1, y+1); qy++ {
					if v := src[qx*ny+qy]; !math.IsNaN(v) {
						s += v
						k++
					}
				}
			}
			dst[c] = s / float64(k)
		}
	}
}

// components returns the number of 8-connected components of at least
// minSize true cells of an nx x ny grid indexed [x*ny+y], and their total
// number of cells.
func components(in []bool, nx, ny, minSize int) (n, cells int) {
	seen := make([]bool, len(in))
	var stack []int
	for c := range in {
		if !in[c] || seen[c] {
			continue
		}
		size := 0
		seen[c] = true
		stack = append(stack[:0], c)
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			size++
			x, y := p/ny, p%ny
			for dx := -1; dx <= 1; dx++ {
				for dy := -1; dy <= 1; dy++ {
					qx, qy := x+dx, y+dy
					if qx < 0 || qy < 0 || qx >= nx || qy >= ny {
						continue
					}
					q := qx*ny + qy
					if in[q] && !seen[q] {
						seen[q] = true
						stack = append(stack, q)
					}
				}
			}
		}
		if size >= minSize {
			n++
			cells += size
		}
	}
	return n, cells
}
