package smp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// An HDScorer scores how strongly a unit's activity depends on a direction
// (the original's ResultantVectorHeadDirectionScorer). With nb bins its
// edges are nb+1 values evenly spaced from -pi to pi, its bin centres the
// midpoints c_i = (e_i + e_{i+1})/2, each with the unit vector
// (cos c_i, sin c_i).
type HDScorer struct {
	edges   []float64
	centres []float64
	cos     []float64
	sin     []float64
}

// NewHDScorer returns a scorer with nb angular bins (nb >= 1).
func NewHDScorer(nb int) (*HDScorer, error) {
	if nb < 1 {
		return nil, fmt.Errorf("hd scorer: %d bins, want at least 1", nb)
	}
	s := &HDScorer{edges: num.Linspace(-math.Pi, math.Pi, nb+1)}
	s.centres = make([]float64, nb)
	s.cos = make([]float64, nb)
	s.sin = make([]float64, nb)
	for i := range s.centres {
		c := 0.5*s.edges[i] + 0.5*s.edges[i+1]
		s.centres[i] = c
		s.cos[i], s.sin[i] = math.Cos(c), math.Sin(c)
	}
	return s, nil
}

// NBins returns the number of angular bins.
func (s *HDScorer) NBins() int { return len(s.centres) }

// Centres returns the nb bin centres.
func (s *HDScorer) Centres() []float64 { return append([]float64(nil), s.centres...) }

// WrapAngle returns a wrapped into (-pi, pi] as atan2(sin a, cos a) does.
// Angles already in (-pi, pi] are returned unchanged (the exact value of
// the wrap; numpy's float32 sin/cos/atan2 on float32 data can move such
// an angle by a float32 rounding, which matters only at a bin edge).
func WrapAngle(a float64) float64 {
	if a > -math.Pi && a <= math.Pi {
		return a
	}
	return math.Atan2(math.Sin(a), math.Cos(a))
}

// bins returns each sample's angular bin of WrapAngle(hd), or -1 outside.
func (s *HDScorer) bins(hd []float64) []int32 {
	b := newStatBinner(s.edges)
	out := make([]int32, len(hd))
	for i, h := range hd {
		out[i] = int32(b.bin(WrapAngle(h)))
	}
	return out
}

// Ratemaps returns the head-direction ratemaps of every unit of acts
// [N, U] as a float64 array [U, nb]: entry (u, i) is the mean activation of
// unit u over the samples whose head direction (hd [N], radians), wrapped
// into (-pi, pi], falls in bin i (lo <= v < hi, the last bin also holding
// pi), NaN where a bin is empty. Sums are added as in Ratemaps (cellSums).
func (s *HDScorer) Ratemaps(hd []float64, acts *data.Array) (*data.Array, error) {
	n, u, err := checkActs(acts)
	if err != nil {
		return nil, fmt.Errorf("hd ratemaps: %w", err)
	}
	if len(hd) != n {
		return nil, fmt.Errorf("hd ratemaps: %d head directions for %d samples", len(hd), n)
	}
	maps := cellMeans(s.bins(hd), s.NBins(), acts, 0, allUnits(u))
	out := make([]float64, 0, u*s.NBins())
	for _, m := range maps {
		out = append(out, m...)
	}
	return data.New(out, u, s.NBins()), nil
}

// ResultantVector returns the resultant vector of a ratemap r of nb values:
// (sum_i r_i cos c_i, sum_i r_i sin c_i) / (sum_i r_i + 1e-5). NaNs in r
// propagate. It returns NaNs if len(r) != nb.
func (s *HDScorer) ResultantVector(r []float64) (x, y float64) {
	if len(r) != len(s.centres) {
		return math.NaN(), math.NaN()
	}
	var sx, sy float64
	for i, v := range r {
		sx += v * s.cos[i]
		sy += v * s.sin[i]
	}
	d := num.PairwiseSum(r) + 1e-5
	return sx / d, sy / d
}

// Score returns the length of r's resultant vector, hypot(x, y).
func (s *HDScorer) Score(r []float64) float64 {
	return math.Hypot(s.ResultantVector(r))
}

// Angle returns the angle of r's resultant vector as the original computes
// it: atan2(x, y), with the arguments deliberately swapped, so the angle is
// measured from the second (y) axis towards the first (x). Ratemaps and
// polar plots are drawn with the first index upwards, so a direction theta
// is drawn at polar angle pi/2 - theta; the figure relies on this.
func (s *HDScorer) Angle(r []float64) float64 {
	x, y := s.ResultantVector(r)
	return math.Atan2(x, y)
}

// Scores returns the Score and Angle of each row of maps [U, nb].
func (s *HDScorer) Scores(maps *data.Array) (scores, angles []float64, err error) {
	u, nb, err := checkFloat2D(maps, "hd ratemaps", fmt.Sprintf("[units, %d]", s.NBins()), s.NBins())
	if err != nil {
		return nil, nil, fmt.Errorf("hd scores: %w", err)
	}
	scores, angles = make([]float64, u), make([]float64, u)
	m := maps.Float64()
	for i := range scores {
		r := m[i*nb : (i+1)*nb]
		scores[i], angles[i] = s.Score(r), s.Angle(r)
	}
	return scores, angles, nil
}

// HDCells holds the head-direction parameters of every unit.
type HDCells struct {
	IsHD   []bool    // Length > threshold
	Length []float64 // resultant vector length of the unit's HD ratemap (the HD score)
	Angle  []float64 // resultant vector angle, atan2(x, y) (see HDScorer.Angle)
}

// HDCellParameters computes each unit's HD ratemap with an nb-bin scorer
// (the original uses 20), its resultant vector length and angle, and
// whether the length exceeds threshold (get_hd_cell_parameters).
func HDCellParameters(acts *data.Array, hd []float64, threshold float64, nb int) (*HDCells, error) {
	s, err := NewHDScorer(nb)
	if err != nil {
		return nil, err
	}
	maps, err := s.Ratemaps(hd, acts)
	if err != nil {
		return nil, err
	}
	return s.cells(maps, threshold), nil
}

func (s *HDScorer) cells(maps *data.Array, threshold float64) *HDCells {
	l, a, _ := s.Scores(maps)
	c := &HDCells{IsHD: make([]bool, len(l)), Length: l, Angle: a}
	for i, v := range l {
		c.IsHD[i] = v > threshold
	}
	return c
}

func describeArray(a *data.Array) string {
	if a == nil {
		return "nil"
	}
	return a.DType() + " " + data.FormatShape(a.Shape)
}

// shuffleChunks is the fixed number of random streams of the shuffles.
const shuffleChunks = 64

// ShuffleThreshold returns the resultant-vector-length threshold of
// angular ratemaps maps [U, nb] (get_resvec_shuffled_bins_threshold): for
// i = 0 .. U*nShuffles-1 the bins of unit (i mod U)'s ratemap are randomly
// permuted and the resultant vector length of the permuted map taken
// (HDScorer with nb bins); the threshold is the given percentile (99 in the
// original) of all U*nShuffles lengths, interpolated linearly as numpy's
// percentile (see num.Percentile). It is NaN if a ratemap holds a NaN.
//
// The original's shuffles are not seeded; here the U*nShuffles shuffles are
// split into shuffleChunks contiguous chunks, chunk k drawing from a PCG
// generator seeded from (seed, k) (math/rand/v2's Shuffle, Fisher–Yates),
// so the result depends on the seed only, not on GOMAXPROCS.
func ShuffleThreshold(maps *data.Array, nShuffles int, percentile float64, seed int64) (float64, error) {
	u, nb, err := checkFloat2D(maps, "ratemaps", "[units, bins]", 0)
	if err != nil {
		return 0, fmt.Errorf("shuffle threshold: %w", err)
	}
	if nShuffles < 1 {
		return 0, fmt.Errorf("shuffle threshold: %d shuffles, want at least 1", nShuffles)
	}
	if !(percentile >= 0 && percentile <= 100) {
		return 0, fmt.Errorf("shuffle threshold: percentile %v outside [0, 100]", percentile)
	}
	if u == 0 {
		return math.NaN(), nil
	}
	m := maps.Float64()
	for _, v := range m {
		if math.IsNaN(v) {
			return math.NaN(), nil
		}
	}
	s, _ := NewHDScorer(nb) // nb >= 1
	// The denominator sum(r) + 1e-5 does not change under permutation.
	den := make([]float64, u)
	for k := range den {
		den[k] = num.PairwiseSum(m[k*nb:(k+1)*nb]) + 1e-5
	}
	total := u * nShuffles
	lens := make([]float64, total)
	nch := min(shuffleChunks, total)
	num.ParallelFor(nch, 0, nil, func(_, c int) {
		lo, hi := c*total/nch, (c+1)*total/nch
		rng := rand.New(rand.NewPCG(num.SplitMix64(uint64(seed)^0x5eed5eed5eed5eed), num.SplitMix64(uint64(c)+0x9e3779b97f4a7c15*uint64(seed))))
		buf := make([]float64, nb)
		swap := func(i, j int) { buf[i], buf[j] = buf[j], buf[i] }
		for i := lo; i < hi; i++ {
			k := i % u
			copy(buf, m[k*nb:(k+1)*nb])
			rng.Shuffle(nb, swap)
			var x, y float64
			for j, v := range buf {
				x += v * s.cos[j]
				y += v * s.sin[j]
			}
			lens[i] = math.Hypot(x/den[k], y/den[k])
		}
	})
	return num.Percentile(lens, percentile), nil
}
