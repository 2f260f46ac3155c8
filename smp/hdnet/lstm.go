package hdnet

import (
	"math"

	"github.com/smp-go/smp-go/smp/num"
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

// Step advances a batch of states by one step in place: x is [batch, In],
// h and c are [batch, H]. z is scratch space of batch*4H values (allocated
// when shorter). The products are smp/num's GemmAdd, for the whole batch at
// once, bit for bit as the formulas row by row.
func (l *LSTM) Step(x, h, c []float64, batch int, z []float64) {
	G := 4 * l.H
	if len(z) < batch*G {
		z = make([]float64, batch*G)
	}
	num.GemmAdd(z, l.B, x, l.W[:l.In*G], batch, l.In, G)
	l.StepGates(nil, h, c, batch, z)
}

// InputGates returns the part of the gate pre-activations that depends on
// the input only, for one input x [In]:
//
//	g = b + x[0]·W[0,:] + x[1]·W[1,:] + ... + x[In-1]·W[In-1,:]   [4H]
//
// accumulated in that order, as Step does. dst is reused when it has room.
// A batch whose rows all receive x then steps with StepGates(g, ...).
func (l *LSTM) InputGates(dst, x []float64) []float64 {
	G := 4 * l.H
	if cap(dst) < G {
		dst = make([]float64, G)
	}
	dst = dst[:G]
	num.GemmAdd(dst, l.B, x, l.W, 1, l.In, G)
	return dst
}

// StepGates advances a batch of states whose rows all receive the same
// input, given that input's gates g = InputGates(x) [4H], bit for bit as
// Step with x in every row; h and c are [batch, H] and z is scratch space of
// at least batch*4H values, overwritten. (With g nil, z holds each row's
// input gates, as Step passes them.)
func (l *LSTM) StepGates(g, h, c []float64, batch int, z []float64) {
	num.GemmAdd(z, g, h, l.W[4*l.H*l.In:], batch, l.H, 4*l.H)
	l.gates(h, c, batch, z)
}

// gates applies the gates to the pre-activations z [batch, 4H], updating h
// and c in place. z is overwritten.
func (l *LSTM) gates(h, c []float64, batch int, z []float64) {
	H, G := l.H, 4*l.H
	for b := 0; b < batch; b++ {
		zb := z[b*G : (b+1)*G]
		hb, cb := h[b*H:(b+1)*H], c[b*H:(b+1)*H]
		zi, zj, zf, zo := zb[:H], zb[H:2*H], zb[2*H:3*H], zb[3*H:]
		for u := range zf {
			zf[u] += 1 // forget bias
		}
		num.Sigmoids(zi, zi)
		num.Tanhs(zj, zj)
		num.Sigmoids(zb[2*H:], zb[2*H:]) // f and o
		for u := range cb {
			cb[u] = zf[u]*cb[u] + zi[u]*zj[u]
		}
		num.Sigmoids(zj, cb) // σ(c), reusing the space of tanh(j)
		for u := range hb {
			hb[u] = zj[u] * zo[u]
		}
	}
}

// VelocityScale is the factor by which the velocity code is scaled: the
// network receives 10·(cos ω, sin ω) for an angular velocity ω (radians per
// step).
const VelocityScale = 10

// VelocityCode returns the prediction LSTM's input for angular velocity w
// (radians per step): 10·(cos w, sin w).
func VelocityCode(w float64) []float64 {
	return []float64{VelocityScale * math.Cos(w), VelocityScale * math.Sin(w)}
}
