package synth

import (
	"hash/fnv"
	"math/rand/v2"

	"github.com/smp-go/smp-go/smp/num"
)

// stream returns the random stream of one piece of the world (named by
// piece, e.g. "motion") and one item of it (e.g. a trajectory index), for
// the world's seed. Streams are PCG generators whose two seed words are
// SplitMix64 hashes of the seed, the FNV-1a hash of the piece name and the
// index, so every piece and item draws independent numbers whatever order
// the work is done in.
func stream(seed uint64, piece string, index uint64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(piece))
	k := num.SplitMix64(seed ^ num.SplitMix64(h.Sum64()) ^ num.SplitMix64(index+0x9e3779b97f4a7c15))
	return rand.New(rand.NewPCG(k, num.SplitMix64(k+index)))
}
