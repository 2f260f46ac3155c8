package smp

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/internal/cputime"
)

func TestClassifyFixture(t *testing.T) {
	acts, hd, pos, wd := fixInputs(t)
	var stages []string
	c, err := Classify(acts, hd, pos, wd, ClassifyOptions{Seed: 1, Progress: func(s string, done, total int) {
		stages = append(stages, s)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(stages) == 0 || stages[len(stages)-1] != "done" {
		t.Errorf("progress stages %v", stages)
	}
	// Deterministic outputs.
	assertClose(t, "classify_hd_score", c.HDScore, fixFloats(t, "classify_hd_score"), fig2Tol)
	assertClose(t, "classify_hd_rv_len", c.HDLength, fixFloats(t, "classify_hd_rv_len"), fig2Tol)
	assertClose(t, "classify_hd_rv_angles", c.HDAngle, fixFloats(t, "classify_hd_rv_angles"), fig2Tol)
	assertClose(t, "classify_ego_score", c.EgoScore, fixFloats(t, "classify_ego_score"), fig2Tol)
	assertClose(t, "classify_ego_dist", c.EgoDistance, fixFloats(t, "classify_ego_dist"), fig2Tol)
	assertClose(t, "classify_ego_ang", c.EgoAngle, fixFloats(t, "classify_ego_ang"), fig2Tol)
	assertClose(t, "classify_allo_score", c.AlloScore, fixFloats(t, "classify_allo_score"), fig2Tol)
	assertClose(t, "classify_allo_dist", c.AlloDistance, fixFloats(t, "classify_allo_dist"), fig2Tol)
	assertClose(t, "classify_allo_ang", c.AlloAngle, fixFloats(t, "classify_allo_ang"), fig2Tol)
	assertClose(t, "distances", c.Distances, fixFloats(t, "bvc_distances"), fig2Tol)

	// Thresholds within the seeds' spread; flags agree wherever the score
	// is farther from the threshold than that spread.
	for _, k := range []struct {
		name   string
		th     float64
		score  []float64
		is     []bool
		wantIs string
	}{
		{"hd", c.HDThreshold, c.HDScore, c.IsHD, "classify_is_hd"},
		{"ego", c.EgoThreshold, c.EgoScore, c.IsEgo, "classify_is_ego"},
		{"allo", c.AlloThreshold, c.AlloScore, c.IsAllo, "classify_is_allo"},
	} {
		mean, sd := seedTolerance(t, "threshold_"+k.name+"_seeds")
		if math.Abs(k.th-mean) > 4*sd {
			t.Errorf("%s threshold %v outside %v +- 4*%v", k.name, k.th, mean, sd)
		}
		want := fixBools(t, k.wantIs)
		checked := 0
		for u, s := range k.score {
			if k.is[u] != (s > k.th) {
				t.Errorf("%s unit %d: flag %v with score %v and threshold %v", k.name, u, k.is[u], s, k.th)
			}
			if math.Abs(s-mean) <= 4*sd {
				continue
			}
			checked++
			if k.is[u] != want[u] {
				t.Errorf("%s unit %d: flag %v, want %v (score %v)", k.name, u, k.is[u], want[u], s)
			}
		}
		t.Logf("%s: threshold %.6f (seeds %.6f +- %.6f), %d of %d flags checked", k.name, k.th, mean, sd, checked, len(k.score))
	}

	// Same seed, same result.
	c2, _ := Classify(acts, hd, pos, wd, ClassifyOptions{Seed: 1})
	if c2.HDThreshold != c.HDThreshold || c2.EgoThreshold != c.EgoThreshold || c2.AlloThreshold != c.AlloThreshold {
		t.Errorf("seed 1 twice gives different thresholds")
	}
}

func TestClassifyErrors(t *testing.T) {
	acts, hd, pos, wd := fixInputs(t)
	opt := ClassifyOptions{NShuffles: 2}
	if _, err := Classify(acts, hd[:10], pos, wd, opt); err == nil {
		t.Error("short hd: no error")
	}
	if _, err := Classify(acts, hd, wd, wd, opt); err == nil {
		t.Error("positions [N, 20]: no error")
	}
	if _, err := Classify(acts, hd, pos, data.New(make([]float64, 20), 1, 20), opt); err == nil {
		t.Error("wall distances of one sample: no error")
	}
	tiny := data.New([]float64{0, 0, 0.03, 0}, 2, 2)
	if _, err := Classify(data.New([]float64{1, 2}, 2, 1), []float64{0, 1}, tiny, data.New([]float64{1, 1}, 2, 1), opt); err == nil {
		t.Error("arena too small for two distance bins: no error")
	}
	// Every head direction 0: the other head-direction bins have no
	// samples, the threshold is NaN, and the original would classify no
	// unit; that is an error here.
	same := make([]float64, len(hd))
	if _, err := Classify(acts, same, pos, wd, opt); err == nil || !strings.Contains(err.Error(), "hd threshold is NaN") {
		t.Errorf("one head direction: got %v, want an error about the NaN threshold", err)
	}
}

func TestTypeCounts(t *testing.T) {
	c := &Classification{
		IsHD:      []bool{true, true, false, true, false, false},
		IsEgo:     []bool{false, true, false, true, true, false},
		IsAllo:    []bool{false, false, false, false, true, true},
		EgoScore:  []float64{0, 0.3, 0, 0.3, 0.2, 0},
		AlloScore: []float64{0, 0.4, 0, 0.1, 0.3, 0.5},
	}
	tc, err := c.TypeCounts([]int{3, 3})
	if err != nil {
		t.Fatal(err)
	}
	want := "------ RNN-1 -------\n\tHD 2 (66.7%)\n\tegoBVC 1 (33.3%)\n\tBVC 0 (0.0%)\n\t\tBVC (allocentric) score > egoBVC score 1"
	if got := tc[0].String(); got != want {
		t.Errorf("RNN-1:\n%s\nwant\n%s", got, want)
	}
	if tc[1].HD != 1 || tc[1].Ego != 2 || tc[1].Allo != 2 || tc[1].EgoAlloHigher != 1 {
		t.Errorf("RNN-2 counts %+v", tc[1])
	}
	if !strings.HasPrefix(tc[1].String(), "------ RNN-2 -------\n") {
		t.Errorf("RNN-2 header: %q", tc[1].String())
	}
	if _, err := c.TypeCounts([]int{3, 4}); err == nil {
		t.Error("units not adding up: no error")
	}
	parts, err := SplitByRNN(c.EgoScore, []int{2, 4})
	if err != nil || len(parts[0]) != 2 || len(parts[1]) != 4 || parts[1][0] != 0 {
		t.Errorf("SplitByRNN = %v, %v", parts, err)
	}
	if _, err := SplitByRNN(c.EgoScore, []int{2, 2}); err == nil {
		t.Error("SplitByRNN short: no error")
	}
}

// benchSet is a deterministic data set of the real data's size: 800
// trajectories of 500 steps (400,000 samples) of a random walk in a 2.2 m
// square arena, head directions, wall distances along 20 directions, and
// random float32 activations of three RNNs of 32, 128 and 128 units.
type benchSet struct {
	hd   []float64
	pos  *data.Array   // [N, 2] float32
	wd   *data.Array   // [N, 20] float32
	rnns []*data.Array // [N, U_k] float32
	acts *data.Array   // [N, 288] float32, the RNNs concatenated
}

var (
	benchOnce sync.Once
	benchData *benchSet
)

func getBenchSet() *benchSet {
	benchOnce.Do(func() { benchData = newBenchSet(800, 500, 20, []int{32, 128, 128}) })
	return benchData
}

func newBenchSet(nTraj, nSteps, nAngles int, units []int) *benchSet {
	const half = 1.1
	r := rand.New(rand.NewPCG(2024, 11))
	n := nTraj * nSteps
	s := &benchSet{hd: make([]float64, n)}
	pos := make([]float32, 2*n)
	wd := make([]float32, n*nAngles)
	i := 0
	for tr := 0; tr < nTraj; tr++ {
		x, y := (2*r.Float64()-1)*0.9*half, (2*r.Float64()-1)*0.9*half
		h := (2*r.Float64() - 1) * math.Pi
		for st := 0; st < nSteps; st++ {
			h += r.NormFloat64() * 0.3
			speed := 0.02 + 0.02*r.Float64()
			nx, ny := x+speed*math.Cos(h), y+speed*math.Sin(h)
			if math.Abs(nx) > half-0.02 || math.Abs(ny) > half-0.02 {
				h += math.Pi / 2 // turn away from the wall
				nx, ny = x, y
			}
			x, y = nx, ny
			s.hd[i] = WrapAngle(h)
			pos[2*i], pos[2*i+1] = float32(x), float32(y)
			for k := 0; k < nAngles; k++ {
				t := -math.Pi + float64(k)*2*math.Pi/float64(nAngles)
				c, sn := math.Cos(t), math.Sin(t)
				d := math.Inf(1)
				if c > 0 {
					d = math.Min(d, (half-x)/c)
				} else if c < 0 {
					d = math.Min(d, (-half-x)/c)
				}
				if sn > 0 {
					d = math.Min(d, (half-y)/sn)
				} else if sn < 0 {
					d = math.Min(d, (-half-y)/sn)
				}
				wd[i*nAngles+k] = float32(d)
			}
			i++
		}
	}
	s.pos = data.New(pos, n, 2)
	s.wd = data.New(wd, n, nAngles)
	total := 0
	for _, u := range units {
		total += u
	}
	all := make([]float32, n*total)
	for k := range all {
		all[k] = r.Float32()
	}
	s.acts = data.New(all, n, total)
	off := 0
	for _, u := range units {
		d := make([]float32, n*u)
		for j := 0; j < n; j++ {
			copy(d[j*u:(j+1)*u], all[j*total+off:j*total+off+u])
		}
		s.rnns = append(s.rnns, data.New(d, n, u))
		off += u
	}
	return s
}

// BenchmarkClassify classifies 288 units over 400,000 samples with 1000
// shuffles per threshold (the original takes about 144 s).
func BenchmarkClassify(b *testing.B) {
	s := getBenchSet()
	b.ResetTimer()
	c0 := cputime.Now()
	defer func() { cputime.Report(b, c0) }()
	for i := 0; i < b.N; i++ {
		if _, err := Classify(s.acts, s.hd, s.pos, s.wd, ClassifyOptions{Seed: int64(i)}); err != nil {
			b.Fatal(err)
		}
	}
}
