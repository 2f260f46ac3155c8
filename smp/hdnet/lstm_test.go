package hdnet

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smp-go/smp-go/smp/num"
)

// randomLSTM returns an LSTM with normal random weights (sd scale) and
// biases (sd 0.1).
func randomLSTM(in, h int, scale float64, seed uint64) *LSTM {
	r := rand.New(rand.NewPCG(seed, 7))
	w := make([]float64, (in+h)*4*h)
	b := make([]float64, 4*h)
	for i := range w {
		w[i] = r.NormFloat64() * scale
	}
	for i := range b {
		b[i] = r.NormFloat64() * 0.1
	}
	return &LSTM{In: in, H: h, W: w, B: b}
}

func randomSlice(n int, scale float64, r *rand.Rand) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = r.NormFloat64() * scale
	}
	return s
}

// stepReference is the original scalar LSTM step, the definition Step and
// StepGates must reproduce bit for bit.
func stepReference(l *LSTM, x, h, c []float64, batch int) {
	H, G := l.H, 4*l.H
	z := make([]float64, G)
	for b := 0; b < batch; b++ {
		copy(z, l.B)
		xb, hb, cb := x[b*l.In:(b+1)*l.In], h[b*H:(b+1)*H], c[b*H:(b+1)*H]
		for k, v := range xb {
			axpy(z, v, l.W[k*G:(k+1)*G])
		}
		for k, v := range hb {
			axpy(z, v, l.W[(l.In+k)*G:(l.In+k+1)*G])
		}
		for u := 0; u < H; u++ {
			cb[u] = num.Sigmoid(z[2*H+u]+1)*cb[u] + num.Sigmoid(z[u])*math.Tanh(z[H+u])
			hb[u] = num.Sigmoid(cb[u]) * num.Sigmoid(z[3*H+u])
		}
	}
}

func TestStepIdenticalToReference(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for _, c := range []struct{ in, h, batch, zlen int }{{2, 32, 5, 128}, {2, 32, 5, 5 * 128}, {32, 32, 9, 128}, {3, 5, 4, 20}, {3, 5, 4, 80}} {
		l := randomLSTM(c.in, c.h, 0.6, uint64(c.in*100+c.h))
		x := randomSlice(c.batch*c.in, 3, r)
		checkStepsAgainstReference(t, fmt.Sprintf("%+v", c), l, x, c.batch, make([]float64, c.zlen), r)
	}
}

func TestStepBatchIdenticalToReference(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, c := range []struct{ in, h, batch int }{{2, 32, 1}, {2, 32, 7}, {32, 32, 64}, {2, 5, 6}, {3, 4, 9}} {
		l := randomLSTM(c.in, c.h, 0.4, uint64(c.in*100+c.h))
		x := randomSlice(c.batch*c.in, 3, r)
		checkStepsAgainstReference(t, fmt.Sprintf("%+v", c), l, x, c.batch, make([]float64, c.batch*4*c.h), r)
	}
}

// checkStepsAgainstReference runs five steps of l.Step (with scratch z) and
// of stepReference from the same random state and fails unless they agree
// bit for bit.
func checkStepsAgainstReference(t *testing.T, name string, l *LSTM, x []float64, batch int, z []float64, r *rand.Rand) {
	t.Helper()
	h1 := randomSlice(batch*l.H, 1, r)
	c1 := randomSlice(batch*l.H, 1, r)
	h2 := append([]float64(nil), h1...)
	c2 := append([]float64(nil), c1...)
	for step := 0; step < 5; step++ {
		stepReference(l, x, h1, c1, batch)
		l.Step(x, h2, c2, batch, z)
	}
	for i := range h1 {
		if !sameBits(h1[i], h2[i]) || !sameBits(c1[i], c2[i]) {
			t.Fatalf("%s: element %d: reference (%v, %v), Step (%v, %v)", name, i, h1[i], c1[i], h2[i], c2[i])
		}
	}
}

func TestStepGatesIdenticalToStep(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	const in, H, batch = 32, 32, 13
	l := randomLSTM(in, H, 0.3, 1)
	x1 := randomSlice(in, 1, r)
	x := make([]float64, 0, batch*in)
	for b := 0; b < batch; b++ {
		x = append(x, x1...)
	}
	h1 := randomSlice(batch*H, 1, r)
	c1 := randomSlice(batch*H, 1, r)
	h2 := append([]float64(nil), h1...)
	c2 := append([]float64(nil), c1...)
	z := make([]float64, batch*4*H)
	g := l.InputGates(nil, x1)
	for step := 0; step < 5; step++ {
		stepReference(l, x, h1, c1, batch)
		l.StepGates(g, h2, c2, batch, z)
	}
	for i := range h1 {
		if !sameBits(h1[i], h2[i]) || !sameBits(c1[i], c2[i]) {
			t.Fatalf("element %d: Step gives (%v, %v), StepGates (%v, %v)", i, h1[i], c1[i], h2[i], c2[i])
		}
	}
}

// axpy adds a*x to y.
func axpy(y []float64, a float64, x []float64) {
	for i := range y {
		y[i] += a * x[i]
	}
}
