package synth

import (
	"hash/fnv"
	"math/rand/v2"
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
	k := splitmix(seed ^ splitmix(h.Sum64()) ^ splitmix(index+0x9e3779b97f4a7c15))
	return rand.New(rand.NewPCG(k, splitmix(k+index)))
}

// splitmix is the SplitMix64 finaliser, a bijective 64-bit mixing function.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
