package smp

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// ClassifyOptions configures Classify. Zero fields take the original's
// values.
type ClassifyOptions struct {
	NShuffles   int     // shuffles per unit for each threshold; 0 means 1000
	Percentile  float64 // percentile of the shuffled lengths; 0 means 99
	DistanceBin float64 // boundary distance bin, metres; 0 means 0.025
	HDBins      int     // head-direction bins; 0 means 20
	// Seed makes the shuffles repeatable; the three thresholds use
	// streams derived from it.
	Seed int64
	// Progress, if not nil, is called as the stages advance with the stage
	// name and done/total steps.
	Progress func(stage string, done, total int)
}

func (o ClassifyOptions) withDefaults() ClassifyOptions {
	o.NShuffles = cmp.Or(o.NShuffles, 1000)
	o.Percentile = cmp.Or(o.Percentile, 99)
	o.DistanceBin = cmp.Or(o.DistanceBin, DefaultDistanceBin)
	o.HDBins = cmp.Or(o.HDBins, 20)
	if o.Progress == nil {
		o.Progress = func(string, int, int) {}
	}
	return o
}

// Classification is the result of Classify
// (classify_units_into_representations), one entry per unit in every
// slice. The categories are not exclusive.
type Classification struct {
	IsHD        []bool    // HDScore > HDThreshold
	HDThreshold float64   // 99th percentile of shuffled HD resultant vector lengths
	HDScore     []float64 // HD resultant vector length (equal to HDLength)
	HDLength    []float64 // HD resultant vector length
	HDAngle     []float64 // HD resultant vector angle, atan2(x, y) (see HDScorer.Angle)

	IsEgo        []bool    // EgoScore > EgoThreshold
	EgoThreshold float64   // threshold of shuffled egocentric profiles
	EgoScore     []float64 // egocentric BVC score
	EgoDistance  []float64 // preferred egocentric wall distance, metres
	EgoAngle     []float64 // preferred egocentric wall angle, atan2(x, y)

	IsAllo        []bool    // AlloScore > AlloThreshold
	AlloThreshold float64   // threshold of shuffled allocentric profiles
	AlloScore     []float64 // allocentric BVC score
	AlloDistance  []float64 // preferred allocentric wall distance, metres
	AlloAngle     []float64 // preferred allocentric wall angle, atan2(x, y)

	// Distances are the boundary distance bin centres used.
	Distances []float64
}

// Classify sorts the units of acts [N, U] into head-direction,
// egocentric-BVC and allocentric-BVC cells, given head directions hd [N]
// (radians), positions pos [N, 2] and wall distances wd [N, A]:
//
//  1. Distance centres: BVCDistances(max_d, 0.025) with max_d = (max x -
//     min x)/2, half the arena (the difference in pos's precision, as numpy).
//  2. HD: 20-bin HD ratemaps; threshold = ShuffleThreshold (1000 shuffles,
//     99th percentile); per unit length, angle and length > threshold.
//  3. egoBVC: egocentric BVC ratemaps; threshold = ShuffleThreshold of the
//     angular profiles (ratemaps summed over distance); BVCCellParameters.
//  4. BVC: the same with allocentric ratemaps.
//
// The ego and allo ratemaps are made in one pass (EgoAlloBVCRatemaps).
func Classify(acts *data.Array, hd []float64, pos, wd *data.Array, opt ClassifyOptions) (*Classification, error) {
	opt = opt.withDefaults()
	n, _, err := checkActs(acts)
	if err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	if err := checkPos(pos, n); err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	const stages = 6
	width := floatsOf(pos).posRange(0, n)[0][2]
	distances := BVCDistances(width/2, opt.DistanceBin)
	if len(distances) < 2 {
		return nil, fmt.Errorf("classify: x extent %v m gives %d distance bins of %v m, need at least 2", width, len(distances), opt.DistanceBin)
	}
	c := &Classification{Distances: distances}
	// threshold is the shuffle threshold of one cell type's maps, drawing
	// from stream k of the seed. A NaN threshold, from a ratemap bin without
	// samples, is an error: with it the original silently classifies no unit.
	threshold := func(name string, k uint64, maps *data.Array) (float64, error) {
		seed := int64(num.SplitMix64(uint64(opt.Seed) ^ num.SplitMix64(k)))
		th, err := ShuffleThreshold(maps, opt.NShuffles, opt.Percentile, seed)
		switch {
		case err != nil:
			return 0, fmt.Errorf("classify: %s: %w", name, err)
		case math.IsNaN(th):
			return 0, fmt.Errorf("classify: %s threshold is NaN: a %s ratemap has a bin without samples, so no unit could be classified", name, name)
		}
		return th, nil
	}

	opt.Progress("hd ratemaps", 0, stages)
	scorer, err := NewHDScorer(opt.HDBins)
	if err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	hdMaps, err := scorer.Ratemaps(hd, acts) // checks hd
	if err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	opt.Progress("hd shuffles", 1, stages)
	if c.HDThreshold, err = threshold("hd", 1, hdMaps); err != nil {
		return nil, err
	}
	hdc := scorer.cells(hdMaps, c.HDThreshold)
	c.IsHD, c.HDLength, c.HDAngle = hdc.IsHD, hdc.Length, hdc.Angle
	c.HDScore = append([]float64(nil), hdc.Length...)

	opt.Progress("bvc ratemaps", 2, stages)
	ego, allo, err := EgoAlloBVCRatemaps(acts, wd, hd, distances)
	if err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	opt.Progress("ego shuffles", 3, stages)
	if c.EgoThreshold, err = threshold("ego", 2, ego.Profiles()); err != nil {
		return nil, err
	}
	ep, _ := BVCCellParameters(ego, c.EgoThreshold) // well-formed maps
	c.IsEgo, c.EgoScore, c.EgoDistance, c.EgoAngle = ep.IsBVC, ep.Score, ep.Distance, ep.Angle

	opt.Progress("allo shuffles", 4, stages)
	if c.AlloThreshold, err = threshold("allo", 3, allo.Profiles()); err != nil {
		return nil, err
	}
	ap, _ := BVCCellParameters(allo, c.AlloThreshold)
	c.IsAllo, c.AlloScore, c.AlloDistance, c.AlloAngle = ap.IsBVC, ap.Score, ap.Distance, ap.Angle
	opt.Progress("done", stages, stages)
	return c, nil
}

// TypeCounts summarises one RNN's cell types (cell 5 of the original).
type TypeCounts struct {
	RNN   int // 1-based RNN number
	Units int // number of units
	HD    int // HD cells
	Ego   int // egocentric BVCs
	Allo  int // allocentric BVCs
	// EgoAlloHigher counts the egocentric BVCs whose allocentric score is
	// higher than their egocentric score.
	EgoAlloHigher int
}

// String prints the counts in the original's format:
//
//	------ RNN-1 -------
//		HD 30 (93.8%)
//		egoBVC 0 (0.0%)
//		BVC 0 (0.0%)
//			BVC (allocentric) score > egoBVC score 0
//
// Percentages are 100*(count/units) with one decimal, as the original's
// 100*np.mean (NaN for no units).
func (t TypeCounts) String() string {
	pct := func(k int) float64 { return 100 * (float64(k) / float64(t.Units)) } // 100 * np.mean
	var b strings.Builder
	fmt.Fprintf(&b, "------ RNN-%d -------\n", t.RNN)
	fmt.Fprintf(&b, "\tHD %d (%.1f%%)\n", t.HD, pct(t.HD))
	fmt.Fprintf(&b, "\tegoBVC %d (%.1f%%)\n", t.Ego, pct(t.Ego))
	fmt.Fprintf(&b, "\tBVC %d (%.1f%%)\n", t.Allo, pct(t.Allo))
	fmt.Fprintf(&b, "\t\tBVC (allocentric) score > egoBVC score %d", t.EgoAlloHigher)
	return b.String()
}

// TypeCounts splits the classification of concatenated units into RNNs of
// unitsPerRNN units each (e.g. 32, 128, 128) and counts each RNN's types.
func (c *Classification) TypeCounts(unitsPerRNN []int) ([]TypeCounts, error) {
	if _, err := SplitByRNN(c.IsHD, unitsPerRNN); err != nil {
		return nil, fmt.Errorf("type counts: %w", err)
	}
	out := make([]TypeCounts, len(unitsPerRNN))
	off := 0
	for r, k := range unitsPerRNN {
		t := TypeCounts{RNN: r + 1, Units: k}
		for u := off; u < off+k; u++ {
			if c.IsHD[u] {
				t.HD++
			}
			if c.IsEgo[u] {
				t.Ego++
				if c.AlloScore[u] > c.EgoScore[u] {
					t.EgoAlloHigher++
				}
			}
			if c.IsAllo[u] {
				t.Allo++
			}
		}
		out[r] = t
		off += k
	}
	return out, nil
}

// SplitByRNN splits per-unit values of concatenated RNNs into one slice per
// RNN (sharing storage).
func SplitByRNN[E any](v []E, unitsPerRNN []int) ([][]E, error) {
	out := make([][]E, len(unitsPerRNN))
	off := 0
	for i, k := range unitsPerRNN {
		if k < 0 || off+k > len(v) {
			return nil, fmt.Errorf("split by rnn: RNNs of %v units do not fit %d values", unitsPerRNN, len(v))
		}
		out[i] = v[off : off+k : off+k]
		off += k
	}
	if off != len(v) {
		return nil, fmt.Errorf("split by rnn: RNNs of %v units add up to %d, have %d values", unitsPerRNN, off, len(v))
	}
	return out, nil
}
