package smp

import (
	"math"
	"runtime"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
)

// seedTolerance returns mean and standard deviation of the fixture's
// thresholds over 12 seeds.
func seedTolerance(t testing.TB, name string) (mean, sd float64) {
	v := fixFloats(t, name)
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		sd += (x - mean) * (x - mean)
	}
	sd = math.Sqrt(sd / float64(len(v)-1))
	return mean, sd
}

func TestShuffleThresholdHDFixture(t *testing.T) {
	acts, hd, _, _ := fixInputs(t)
	s, _ := NewHDScorer(20)
	maps, err := s.Ratemaps(hd, acts)
	if err != nil {
		t.Fatal(err)
	}
	mean, sd := seedTolerance(t, "threshold_hd_seeds")
	for seed := int64(1); seed <= 3; seed++ {
		th, err := ShuffleThreshold(maps, 1000, 99, seed)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(th-mean) > 4*sd {
			t.Errorf("seed %d: threshold %v outside %v +- 4*%v", seed, th, mean, sd)
		}
	}
}

func TestShuffleThresholdReproducible(t *testing.T) {
	acts, hd, _, _ := fixInputs(t)
	s, _ := NewHDScorer(20)
	maps, _ := s.Ratemaps(hd, acts)
	a, _ := ShuffleThreshold(maps, 200, 99, 42)
	prev := runtime.GOMAXPROCS(1)
	b, _ := ShuffleThreshold(maps, 200, 99, 42)
	runtime.GOMAXPROCS(prev)
	if a != b {
		t.Errorf("threshold depends on GOMAXPROCS: %v vs %v", a, b)
	}
	c, _ := ShuffleThreshold(maps, 200, 99, 43)
	if c == a {
		t.Errorf("seeds 42 and 43 give the same threshold %v", a)
	}
}

func TestShuffleThresholdEdgeCases(t *testing.T) {
	// A constant map shuffles to itself: every length is the same.
	m := data.New([]float64{1, 1, 1, 1}, 1, 4)
	th, err := ShuffleThreshold(m, 10, 99, 1)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := NewHDScorer(4)
	if want := s.Score([]float64{1, 1, 1, 1}); th != want {
		t.Errorf("constant map: %v, want %v", th, want)
	}
	// One unit with a single non-zero bin: every permutation has length
	// 1/(1+1e-5).
	m = data.New([]float64{0, 0, 1, 0, 0}, 1, 5)
	th, _ = ShuffleThreshold(m, 50, 50, 1)
	if math.Abs(th-1/(1+1e-5)) > 1e-12 {
		t.Errorf("one-hot map: %v", th)
	}
	m = data.New([]float64{0, math.NaN(), 1}, 1, 3)
	if th, _ := ShuffleThreshold(m, 5, 99, 1); !math.IsNaN(th) {
		t.Errorf("NaN map: threshold %v, want NaN", th)
	}
	if _, err := ShuffleThreshold(m, 0, 99, 1); err == nil {
		t.Error("0 shuffles: no error")
	}
	if _, err := ShuffleThreshold(m, 5, 101, 1); err == nil {
		t.Error("percentile 101: no error")
	}
	if _, err := ShuffleThreshold(data.New([]float64{1, 2}, 2), 5, 99, 1); err == nil {
		t.Error("1-D maps: no error")
	}
}

func TestShufflePermutationsUniform(t *testing.T) {
	// The map [1, 2, 0, 0] shuffles to two lengths: the non-zero bins
	// adjacent (probability 2/3) or opposite (1/3). Uniform permutations
	// put the 30th percentile at "opposite" and the 40th at "adjacent".
	m := data.New([]float64{1, 2, 0, 0}, 1, 4)
	s, _ := NewHDScorer(4)
	adjacent := s.Score([]float64{1, 2, 0, 0})
	opposite := s.Score([]float64{1, 0, 2, 0})
	if !(opposite < adjacent) {
		t.Fatalf("opposite %v >= adjacent %v", opposite, adjacent)
	}
	p30, _ := ShuffleThreshold(m, 30000, 30, 7)
	p40, _ := ShuffleThreshold(m, 30000, 40, 7)
	if math.Abs(p30-opposite) > 1e-12 || math.Abs(p40-adjacent) > 1e-12 {
		t.Errorf("percentiles 30, 40 = %v, %v; want %v, %v", p30, p40, opposite, adjacent)
	}
}
