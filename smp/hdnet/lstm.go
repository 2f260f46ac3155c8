package hdnet

import (
	"fmt"
)

// LSTM is one layer of the trained model's LSTM, Sonnet style.
//
// For input x [In] and previous state (h, c) [H], one step computes
//
//	z = [x, h] · W + b               (W is [In+H, 4H] row-major, b is [4H])
//	i, j, f, o = z[0:H], z[H:2H], z[2H:3H], z[3H:4H]
//	c' = σ(f + 1)·c + σ(i)·tanh(j)   (forget bias 1)
//	h' = σ(c')·σ(o)                  (note: σ of the cell, not tanh)
//
// where σ is the logistic sigmoid.
type LSTM struct {
	In, H int
	W     []float64 // [(In+H) * 4H], row-major
	B     []float64 // [4H]
}

// NewLSTM checks the shapes of w ([In+H, 4H], flat row-major) and b ([4H])
// and returns the layer for input size in.
func NewLSTM(in int, w, b []float64) (*LSTM, error) {
	if len(b) == 0 || len(b)%4 != 0 {
		return nil, fmt.Errorf("lstm: bias has %d values, want 4H", len(b))
	}
	h := len(b) / 4
	if len(w) != (in+h)*4*h {
		return nil, fmt.Errorf("lstm: weights have %d values, want (%d+%d)*%d", len(w), in, h, 4*h)
	}
	return &LSTM{In: in, H: h, W: w, B: b}, nil
}

// Step advances a batch of states by one step in place: x is [B, In], h and c
// are [B, H]. z is scratch space of at least 4H values; given batch*4H values
// it does the whole batch at once (StepBatch), which is faster, with the same
// results bit for bit.
func (l *LSTM) Step(x, h, c []float64, batch int, z []float64) {
	H, G := l.H, 4*l.H
	if len(z) >= batch*G {
		l.StepBatch(x, h, c, batch, z)
		return
	}
	z = z[:G]
	for b := 0; b < batch; b++ {
		copy(z, l.B)
		gemmAdd(z, x[b*l.In:(b+1)*l.In], l.W[:l.In*G], 1, l.In, G)
		gemmAdd(z, h[b*H:(b+1)*H], l.W[l.In*G:], 1, H, G)
		l.gates(h[b*H:(b+1)*H], c[b*H:(b+1)*H], 1, z)
	}
}

// axpy adds a*x to y.
func axpy(y []float64, a float64, x []float64) {
	x = x[:len(y)]
	for i := range y {
		y[i] += a * x[i]
	}
}
