package hdnet

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
	copy(dst, l.B)
	for k, v := range x[:l.In] {
		axpy(dst, v, l.W[k*G:(k+1)*G])
	}
	return dst
}

// StepBatch advances a batch of states by one step in place, with results
// bit-identical to Step: x is [batch, In], h and c are [batch, H]. z is
// scratch space of at least batch*4H values. The product [x, h]·W is done
// for the whole batch at once (with vector kernels where available), which
// makes it several times faster than Step for large batches.
func (l *LSTM) StepBatch(x, h, c []float64, batch int, z []float64) {
	G := 4 * l.H
	z = z[:batch*G]
	for b := 0; b < batch; b++ {
		copy(z[b*G:(b+1)*G], l.B)
	}
	gemmAdd(z, x, l.W[:l.In*G], batch, l.In, G)
	l.stepHidden(h, c, batch, z)
}

// StepGates advances a batch of states whose rows all receive the same
// input, given that input's gates g = InputGates(x) [4H]. The results are
// bit-identical to Step with x in every row; h and c are [batch, H] and z is
// scratch space of at least batch*4H values.
func (l *LSTM) StepGates(g, h, c []float64, batch int, z []float64) {
	G := 4 * l.H
	z = z[:batch*G]
	for b := 0; b < batch; b++ {
		copy(z[b*G:(b+1)*G], g[:G])
	}
	l.stepHidden(h, c, batch, z)
}

// stepHidden adds h·W[In:, :] to the pre-activations z [batch, 4H] and
// applies the gates, updating h and c in place. z is overwritten.
func (l *LSTM) stepHidden(h, c []float64, batch int, z []float64) {
	G := 4 * l.H
	gemmAdd(z, h, l.W[l.In*G:], batch, l.H, G)
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
		sigmoids(zi, zi)
		tanhs(zj, zj)
		sigmoids(zb[2*H:], zb[2*H:]) // f and o
		for u := range cb {
			cb[u] = zf[u]*cb[u] + zi[u]*zj[u]
		}
		sigmoids(zj, cb) // σ(c), reusing the space of tanh(j)
		for u := range hb {
			hb[u] = zj[u] * zo[u]
		}
	}
}
