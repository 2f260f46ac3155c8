package smp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// shuffleChunks is the fixed number of independent random streams the
// shuffles are split into. It does not depend on the number of CPUs, so a
// seed gives the same threshold on any machine.
const shuffleChunks = 64

// ShuffleThreshold returns the resultant-vector-length threshold of
// angular ratemaps maps [U, nb] (get_resvec_shuffled_bins_threshold): for
// i = 0 .. U*nShuffles-1 the bins of unit (i mod U)'s ratemap are randomly
// permuted and the resultant vector length of the permuted map taken
// (HDScorer with nb bins); the threshold is the given percentile (99 in the
// original) of all U*nShuffles lengths, interpolated linearly as numpy's
// percentile (see num.Percentile). It is NaN if a ratemap holds a NaN.
//
// The shuffles are random; seed makes them repeatable. The U*nShuffles
// shuffles are split into a fixed number of contiguous chunks, chunk k
// drawing from a PCG generator seeded from (seed, k), and the chunks are
// run in parallel, so the result depends on the seed only, not on
// GOMAXPROCS. Permutations are math/rand/v2's Shuffle (Fisher–Yates).
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
	s, err := NewHDScorer(nb)
	if err != nil {
		return 0, err
	}
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
	return num.PercentileInPlace(lens, percentile), nil
}
