package hdtrain

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// LSTM is one layer of the trained model's LSTM (Sonnet gate order, forget
// bias 1, sigmoid of the cell as output), the same step as hdnet.LSTM:
//
//	z = [x, h] · W + b               (W is [In+H, 4H] row-major, b is [4H])
//	i, j, f, o = z[0:H], z[H:2H], z[2H:3H], z[3H:4H]
//	c' = σ(f + 1)·c + σ(i)·tanh(j)
//	h' = σ(c')·σ(o)
//
// where σ is the logistic sigmoid.
type LSTM struct {
	In, H int
	W     []float64 // [(In+H) * 4H], row-major
	B     []float64 // [4H]
}

// newLSTM returns a zero layer with input size in and h units.
func newLSTM(in, h int) *LSTM {
	return &LSTM{In: in, H: h, W: make([]float64, (in+h)*4*h), B: make([]float64, 4*h)}
}

// clone returns a deep copy of l.
func (l *LSTM) clone() *LSTM {
	return &LSTM{In: l.In, H: l.H, W: append([]float64(nil), l.W...), B: append([]float64(nil), l.B...)}
}

// check verifies that the shapes of W and B agree with In and H.
func (l *LSTM) check() error {
	if l.In <= 0 || l.H <= 0 {
		return fmt.Errorf("lstm: bad sizes In=%d H=%d", l.In, l.H)
	}
	if len(l.W) != (l.In+l.H)*4*l.H || len(l.B) != 4*l.H {
		return fmt.Errorf("lstm: W has %d values and b %d, want %d and %d",
			len(l.W), len(l.B), (l.In+l.H)*4*l.H, 4*l.H)
	}
	return nil
}

// stepCache holds what one step of one sequence needs for backpropagation.
type stepCache struct {
	a              []float64 // [In+H]: the input and the previous h
	cPrev, c       []float64 // [H]
	si, tj, sf, so []float64 // [H]: σ(i), tanh(j), σ(f+1), σ(o)
	sc             []float64 // [H]: σ(c')
}

func newStepCache(in, h int) *stepCache {
	buf := make([]float64, in+h+8*h)
	s := &stepCache{a: buf[:in+h]}
	buf = buf[in+h:]
	for _, p := range []*[]float64{&s.cPrev, &s.c, &s.si, &s.tj, &s.sf, &s.so, &s.sc} {
		*p, buf = buf[:h:h], buf[h:]
	}
	return s
}

// step advances one sequence by one step: x [In], h and c [H] are updated
// in place. z is scratch space of 4H values. If sc is not nil it records
// the step for backward.
func (l *LSTM) step(x, h, c, z []float64, sc *stepCache) {
	H, G := l.H, 4*l.H
	z = z[:G]
	copy(z, l.B)
	for k, v := range x {
		if v != 0 {
			floats.AddScaled(z, v, l.W[k*G:(k+1)*G])
		}
	}
	for k, v := range h {
		if v != 0 {
			floats.AddScaled(z, v, l.W[(l.In+k)*G:(l.In+k+1)*G])
		}
	}
	if sc != nil {
		copy(sc.a[:l.In], x)
		copy(sc.a[l.In:], h)
		copy(sc.cPrev, c)
	}
	for u := 0; u < H; u++ {
		si := sigmoid(z[u])
		tj := math.Tanh(z[H+u])
		sf := sigmoid(z[2*H+u] + 1)
		so := sigmoid(z[3*H+u])
		cu := sf*c[u] + si*tj
		sg := sigmoid(cu)
		c[u] = cu
		h[u] = sg * so
		if sc != nil {
			sc.si[u], sc.tj[u], sc.sf[u], sc.so[u], sc.sc[u], sc.c[u] = si, tj, sf, so, sg, cu
		}
	}
}

// backward takes the gradients dh, dc of the loss with respect to the
// step's outputs h', c' and replaces them with the gradients with respect
// to the step's inputs h, c. It adds the parameter gradients to gW, gB and,
// if dx is not nil, writes the gradient with respect to x into dx. dz is
// scratch space of 4H values.
func (l *LSTM) backward(s *stepCache, dh, dc, dx, gW, gB, dz []float64) {
	H, G := l.H, 4*l.H
	dz = dz[:G]
	for u := 0; u < H; u++ {
		so, sg := s.so[u], s.sc[u]
		dso := dh[u] * sg
		dct := dc[u] + dh[u]*so*sg*(1-sg)
		si, tj, sf := s.si[u], s.tj[u], s.sf[u]
		dz[u] = dct * tj * si * (1 - si)
		dz[H+u] = dct * si * (1 - tj*tj)
		dz[2*H+u] = dct * s.cPrev[u] * sf * (1 - sf)
		dz[3*H+u] = dso * so * (1 - so)
		dc[u] = dct * sf
	}
	floats.Add(gB, dz)
	for k, v := range s.a {
		if v != 0 {
			floats.AddScaled(gW[k*G:(k+1)*G], v, dz)
		}
	}
	for k := 0; k < l.In+H; k++ {
		g := floats.Dot(l.W[k*G:(k+1)*G], dz)
		if k < l.In {
			if dx != nil {
				dx[k] = g
			}
		} else {
			dh[k-l.In] = g
		}
	}
}

// sigmoid is the logistic function 1/(1+exp(-x)).
func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
