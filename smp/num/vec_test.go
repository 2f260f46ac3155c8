package num

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func randomArgs(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 11))
	x := make([]float64, n)
	for i := range x {
		switch i % 5 {
		case 0:
			x[i] = r.NormFloat64() * 3
		case 1:
			x[i] = (r.Float64()*2 - 1) * 800
		case 2:
			x[i] = r.NormFloat64() * 1e-3
		case 3:
			x[i] = (r.Float64()*2 - 1) * 0.7
		default:
			x[i] = 700 + r.Float64()*20
			if r.IntN(2) == 0 {
				x[i] = -x[i]
			}
		}
	}
	x = append(x, 0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 0.625, -0.625, 44.1, -44.1, 1e-310)
	return x
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

func TestVectorKernelsUsed(t *testing.T) {
	t.Logf("haveVector=%v useVector=%v", haveVector, useVector)
	if haveVector && !useVector {
		t.Error("vector kernels available but disagree with the scalar functions")
	}
}

func TestSigmoidsBitIdentical(t *testing.T) { checkBitIdentical(t, "Sigmoid", Sigmoids, Sigmoid, 0) }

func TestTanhsBitIdentical(t *testing.T) { checkBitIdentical(t, "Tanh", Tanhs, math.Tanh, 100) }

// checkBitIdentical checks that the vector function f, into a new slice and
// in place, gives the bits of the scalar function ref on random arguments
// (randomArgs seeded by n + seed) of several lengths.
func checkBitIdentical(t *testing.T, name string, f func(dst, src []float64), ref func(float64) float64, seed uint64) {
	for _, n := range []int{1, 3, 4, 7, 200003} {
		x := randomArgs(n, uint64(n)+seed)
		got := make([]float64, len(x))
		f(got, x)
		inPlace := slices.Clone(x)
		f(inPlace, inPlace)
		bad := 0
		for i, v := range x {
			if want := ref(v); !sameBits(got[i], want) || !sameBits(inPlace[i], want) {
				if bad < 5 {
					t.Errorf("%s(%v): got %v (in place %v), want %v", name, v, got[i], inPlace[i], want)
				}
				bad++
			}
		}
	}
}

func TestGemmAddBitIdentical(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct{ rows, k, g int }{{1, 1, 8}, {4, 1, 8}, {5, 2, 128}, {64, 32, 128}, {7, 34, 128}, {9, 3, 12}} {
		a := make([]float64, c.rows*c.k)
		w := make([]float64, c.k*c.g)
		z := make([]float64, c.rows*c.g)
		for _, s := range [][]float64{a, w, z} {
			for i := range s {
				s[i] = r.NormFloat64()
			}
		}
		init := make([]float64, c.g)
		for i := range init {
			init[i] = r.NormFloat64()
		}
		// Accumulated onto z, then onto init in every row.
		for _, from := range [][]float64{nil, init} {
			want := append([]float64(nil), z...)
			for row := 0; row < c.rows; row++ {
				if from != nil {
					copy(want[row*c.g:(row+1)*c.g], from)
				}
				for kk := 0; kk < c.k; kk++ {
					axpy(want[row*c.g:(row+1)*c.g], a[row*c.k+kk], w[kk*c.g:(kk+1)*c.g])
				}
			}
			GemmAdd(z, from, a, w, c.rows, c.k, c.g)
			for i := range z {
				if !sameBits(z[i], want[i]) {
					t.Fatalf("%+v, init %v: z[%d] = %v, want %v", c, from != nil, i, z[i], want[i])
				}
			}
		}
	}
}

func BenchmarkSigmoids(b *testing.B) { benchmarkVec(b, Sigmoids) }

func BenchmarkTanhs(b *testing.B) { benchmarkVec(b, Tanhs) }

// benchmarkVec times f over 1024 arguments in (-20, 20), in ns per value.
func benchmarkVec(b *testing.B, f func(dst, src []float64)) {
	x := randomArgs(1020, 1)[:1024]
	for i := range x {
		x[i] = math.Mod(x[i], 20)
	}
	y := make([]float64, len(x))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f(y, x)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/value")
}

func BenchmarkGemmAdd64x32x128(b *testing.B) {
	a := make([]float64, 64*32)
	w := make([]float64, 32*128)
	z := make([]float64, 64*128)
	for i := range a {
		a[i] = 0.5
	}
	for i := 0; i < b.N; i++ {
		GemmAdd(z, nil, a, w, 64, 32, 128)
	}
	b.ReportMetric(float64(64*32*128*b.N)/b.Elapsed().Seconds()/1e9, "GMAC/s")
}

func TestAddFloatsBitIdentical(t *testing.T) {
	src := randomArgs(1027, 3)
	src32 := make([]float32, len(src))
	for i, v := range src {
		src32[i] = float32(v)
	}
	for _, n := range []int{0, 3, 4, 7, 8, 1027} {
		base := randomArgs(n, 4)
		got64, got32 := slices.Clone(base), slices.Clone(base)
		AddFloats(got64, src[:n])
		AddFloats(got32, src32[:n])
		for i := range n {
			if w := base[i] + src[i]; !sameBits(got64[i], w) {
				t.Fatalf("n=%d float64 [%d]: got %v, want %v", n, i, got64[i], w)
			}
			if w := base[i] + float64(src32[i]); !sameBits(got32[i], w) {
				t.Fatalf("n=%d float32 [%d]: got %v, want %v", n, i, got32[i], w)
			}
		}
	}
}

// axpy adds a*x to y, the scalar loop GemmAdd must match.
func axpy(y []float64, a float64, x []float64) {
	for i := range y {
		y[i] += a * x[i]
	}
}
