package hdnet

import (
	"fmt"
	"testing"

	"github.com/smp-go/smp-go/smp/internal/cputime"
	"github.com/smp-go/smp-go/smp/num"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// Benchmarks at the real sizes (H = 32, S = 512, E = 64, 512 images) with
// random parameters.

func benchNetwork(b *testing.B) *Network {
	n, err := RandomNetwork(32, 512, 64, CorrectionImages, 1)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// benchStates returns count states drawn around the written states.
func benchStates(n *Network, count int, seed uint64) []float64 {
	d, _ := NewInitialDistribution(n.Written, n.H)
	return d.Sample(NewRand(seed), count)
}

func benchPCA(b *testing.B, n *Network) *PCA {
	units := make([]int, n.H)
	for i := range units {
		units[i] = i
	}
	p, err := FitPCA(n.Written, n.H, units)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkRandomRuns is cell 11: 1000 runs of 2000 steps.
func BenchmarkRandomRuns(b *testing.B) {
	n := benchNetwork(b)
	h0 := benchStates(n, RandomRunsCount, 1)
	pca := benchPCA(b, n)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			c0 := cputime.Now()
			defer func() { cputime.Report(b, c0) }()
			for i := 0; i < b.N; i++ {
				if _, err := n.Runs(h0, RandomRunsSteps, RunOptions{Keep: 100, PCA: pca, ProjectFrom: 3, Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCorrectionRuns is cell 14 at its worst: 512 images × 200 steps
// from B states, every run to the end (KeepRuns), as when no image converges.
func BenchmarkCorrectionRuns(b *testing.B) {
	n := benchNetwork(b)
	pca := benchPCA(b, n)
	codes, err := n.ImageCodes(CorrectionImages)
	if err != nil {
		b.Fatal(err)
	}
	for _, B := range []int{16, 64} {
		start := benchStates(n, B, 2)
		b.Run(fmt.Sprintf("B=%d", B), func(b *testing.B) {
			c0 := cputime.Now()
			defer func() { cputime.Report(b, c0) }()
			for i := 0; i < b.N; i++ {
				// Whole runs, none stopping early: the worst case of ConvergenceTimes.
				num.ParallelFor(len(codes)/n.H, 0, nil, func(_, k int) {
					if _, err := n.CorrectionRun(codes[k*n.H:(k+1)*n.H], start, CorrectionSteps, pca); err != nil {
						panic(err)
					}
				})
			}
		})
	}
}

// BenchmarkAutocovRuns is panel F: 1000 states × 200 steps at ±0.16.
func BenchmarkAutocovRuns(b *testing.B) {
	n := benchNetwork(b)
	h0 := benchStates(n, RandomRunsCount, 3)
	c0 := cputime.Now()
	defer func() { cputime.Report(b, c0) }()
	for i := 0; i < b.N; i++ {
		for _, w := range []float64{-FlowVelocity, FlowVelocity} {
			if _, err := n.MeanAutocovariance(h0, w, AutocovSteps, AutocovLags, 0, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLSTMStep compares ways of doing one correction-LSTM step
// (In = H = 32) on a batch of 64: the plain scalar loops (stepReference),
// the gate product by gonum's Dgemm followed by the same gates, and Step
// (vector kernels where available).
func BenchmarkLSTMStep(b *testing.B) {
	const batch = 64
	l := randomLSTM(32, 32, 0.35, 1)
	x := make([]float64, batch*32)
	h := make([]float64, batch*32)
	c := make([]float64, batch*32)
	for i := range x {
		x[i], h[i], c[i] = 0.5, 0.5, 0.1
	}
	z := make([]float64, batch*128)
	b.Run("scalar", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			stepReference(l, x, h, c, batch)
		}
	})
	b.Run("Dgemm", func(b *testing.B) {
		impl := gonum.Implementation{}
		in := make([]float64, batch*64)
		for i := 0; i < b.N; i++ {
			for r := 0; r < batch; r++ {
				copy(in[r*64:], x[r*32:(r+1)*32])
				copy(in[r*64+32:], h[r*32:(r+1)*32])
				copy(z[r*128:(r+1)*128], l.B)
			}
			impl.Dgemm(blas.NoTrans, blas.NoTrans, batch, 128, 64, 1, in, 64, l.W, 128, 1, z, 128)
			l.gates(h, c, batch, z)
		}
	})
	b.Run("Step", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			l.Step(x, h, c, batch, z)
		}
	})
}
