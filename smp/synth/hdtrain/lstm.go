package hdtrain

import (
	"fmt"
	"math"

	"github.com/smp-go/smp-go/smp/hdnet"
	"gonum.org/v1/gonum/floats"
)

// The network's two layers are hdnet.LSTM, the trained model's LSTM: every
// forward step is hdnet.LSTM.Step (or StepGates for a batch sharing one
// input). This file holds only what backpropagation through time adds: a
// forward step that records the gate activations, and its backward step.

// newLSTM returns a zero layer with input size in and h units.
func newLSTM(in, h int) *hdnet.LSTM {
	return &hdnet.LSTM{In: in, H: h, W: make([]float64, (in+h)*4*h), B: make([]float64, 4*h)}
}

// cloneLSTM returns a deep copy of l.
func cloneLSTM(l *hdnet.LSTM) *hdnet.LSTM {
	return &hdnet.LSTM{In: l.In, H: l.H, W: append([]float64(nil), l.W...), B: append([]float64(nil), l.B...)}
}

// checkLSTM verifies that the shapes of W and B agree with In and H.
func checkLSTM(l *hdnet.LSTM) error {
	if l == nil || l.In <= 0 || l.H <= 0 || len(l.B) != 4*l.H {
		return fmt.Errorf("lstm: missing, or bad sizes")
	}
	_, err := hdnet.NewLSTM(l.In, l.W, l.B)
	return err
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

// recordStep is l.Step for one sequence that also records the step in sc
// for backward: x [In], h and c [H] are updated in place, z is scratch
// space of 4H values. It accumulates the gates in Step's order,
// z = b + a[0]·W[0,:] + a[1]·W[1,:] + ... for a = [x, h], one rounded
// multiply and add at a time, and applies the same operations, so its
// results are bit-identical to Step's.
func recordStep(l *hdnet.LSTM, x, h, c, z []float64, sc *stepCache) {
	H, G := l.H, 4*l.H
	copy(sc.a[:l.In], x)
	copy(sc.a[l.In:], h)
	copy(sc.cPrev, c)
	z = z[:G]
	copy(z, l.B)
	for k, v := range sc.a {
		floats.AddScaled(z, v, l.W[k*G:(k+1)*G])
	}
	for u := 0; u < H; u++ {
		si := hdnet.Sigmoid(z[u])
		tj := math.Tanh(z[H+u])
		sf := hdnet.Sigmoid(z[2*H+u] + 1)
		so := hdnet.Sigmoid(z[3*H+u])
		cu := sf*c[u] + si*tj
		sg := hdnet.Sigmoid(cu)
		c[u] = cu
		h[u] = sg * so
		sc.si[u], sc.tj[u], sc.sf[u], sc.so[u], sc.sc[u], sc.c[u] = si, tj, sf, so, sg, cu
	}
}

// backward takes the gradients dh, dc of the loss with respect to the
// outputs h', c' of the step recorded in s and replaces them with the
// gradients with respect to the step's inputs h, c. It adds the parameter
// gradients to gW, gB and, if dx is not nil, writes the gradient with
// respect to x into dx. dz is scratch space of 4H values.
func backward(l *hdnet.LSTM, s *stepCache, dh, dc, dx, gW, gB, dz []float64) {
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
