package hdtrain

import (
	"fmt"
	"sync"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// Episode is a batch of B training sequences of T steps for the network.
//
// Sequence b starts from (H0[b], C0[b]). Step t applies, where
// HasCode[t*B+b], a correction step with code Code[(t*B+b)*H:][:H], then a
// prediction step with angular velocity Vel[t*B+b]. Its output h_t is
// compared with Target[(t*B+b)*H:][:H] with weight Weight[t*B+b].
//
// If Anchor[b] = k ≥ 0, the targets of sequence b after step k are not
// given but made from the network's own heading at step k: with θ̂ the
// decoded heading (DecodeHeading) of h_k, the target of step t > k is the
// tuning r(θ̂ + Σ_{s=k+1..t} Vel[s]). This teaches a state started off the
// ring to settle on it (at whatever heading it chooses) within k steps and
// to integrate from there. θ̂ is a constant for the gradient.
type Episode struct {
	B, T    int
	H0, C0  []float64 // [B*H]
	Vel     []float64 // [T*B]
	HasCode []bool    // [T*B]
	Code    []float64 // [T*B*H]
	Target  []float64 // [T*B*H]
	Weight  []float64 // [T*B]
	Anchor  []int     // [B], −1 for none
}

// NewEpisode returns an episode of B sequences of T steps for h units with
// zero velocities, no codes, zero weights and no anchors. b, t and h must
// not be negative (a negative size panics, as make does).
func NewEpisode(b, t, h int) *Episode {
	ep := &Episode{
		B: b, T: t,
		H0: make([]float64, b*h), C0: make([]float64, b*h),
		Vel: make([]float64, t*b), HasCode: make([]bool, t*b), Code: make([]float64, t*b*h),
		Target: make([]float64, t*b*h), Weight: make([]float64, t*b), Anchor: make([]int, b),
	}
	for i := range ep.Anchor {
		ep.Anchor[i] = -1
	}
	return ep
}

func (ep *Episode) check(h int) error {
	b, t := ep.B, ep.T
	if b <= 0 || t <= 0 || len(ep.H0) != b*h || len(ep.C0) != b*h || len(ep.Vel) != t*b ||
		len(ep.HasCode) != t*b || len(ep.Code) != t*b*h || len(ep.Target) != t*b*h ||
		len(ep.Weight) != t*b || len(ep.Anchor) != b {
		return fmt.Errorf("hdtrain: episode sizes disagree with B=%d T=%d H=%d", b, t, h)
	}
	return nil
}

// Grads holds gradients of the loss with respect to the model's parameters,
// laid out like the parameters.
type Grads struct {
	PredW, PredB, CorrW, CorrB []float64
}

// NewGrads returns zero gradients shaped like m's parameters. m's LSTMs
// must not be nil.
func NewGrads(m *Model) *Grads {
	return &Grads{
		PredW: make([]float64, len(m.Pred.W)), PredB: make([]float64, len(m.Pred.B)),
		CorrW: make([]float64, len(m.Corr.W)), CorrB: make([]float64, len(m.Corr.B)),
	}
}

func (g *Grads) slices() [][]float64 { return [][]float64{g.PredW, g.PredB, g.CorrW, g.CorrB} }

func (g *Grads) zero() {
	for _, s := range g.slices() {
		clear(s)
	}
}

// Loss runs the network over ep and returns the weighted mean squared error
//
//	L = Σ_{t,b} Weight[t,b] · Σ_u (h_{t,b,u} − target_{t,b,u})² / (H · Σ_{t,b} Weight[t,b])
//
// If g is not nil it receives ∂L/∂θ for every parameter θ, by
// backpropagation through time. The batch is split into workers parts
// computed in parallel; the result does not depend on workers except for
// the rounding of the final sum. Anchored targets are written into
// ep.Target.
func Loss(m *Model, ep *Episode, g *Grads, workers int) (float64, error) {
	h := len(m.Pref)
	if err := m.Check(); err != nil {
		return 0, err
	}
	if ep == nil {
		return 0, fmt.Errorf("hdtrain: loss: no episode")
	}
	if err := ep.check(h); err != nil {
		return 0, err
	}
	if g != nil && (len(g.PredW) != len(m.Pred.W) || len(g.PredB) != len(m.Pred.B) ||
		len(g.CorrW) != len(m.Corr.W) || len(g.CorrB) != len(m.Corr.B)) {
		return 0, fmt.Errorf("hdtrain: loss: gradients not shaped like the model's parameters (use NewGrads)")
	}
	var wsum float64
	for _, w := range ep.Weight {
		wsum += w
	}
	if wsum <= 0 {
		return 0, fmt.Errorf("hdtrain: episode has no weighted step")
	}
	norm := 1 / (float64(h) * wsum)
	if workers < 1 {
		workers = 1
	}
	if workers > ep.B {
		workers = ep.B
	}
	losses := make([]float64, workers)
	parts := make([]*Grads, workers)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		lo, hi := k*ep.B/workers, (k+1)*ep.B/workers
		if g != nil {
			parts[k] = NewGrads(m)
		}
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			losses[k] = runSequences(m, ep, lo, hi, norm, parts[k])
		}(k)
	}
	wg.Wait()
	var loss float64
	for k := range losses {
		loss += losses[k]
		if g != nil {
			for i, s := range parts[k].slices() {
				dst := g.slices()[i]
				for j, v := range s {
					dst[j] += v
				}
			}
		}
	}
	return loss, nil
}

// runSequences runs sequences lo..hi−1 of ep forward and, if g is not nil,
// backward, returning their share of the loss (already scaled by norm).
func runSequences(m *Model, ep *Episode, lo, hi int, norm float64, g *Grads) float64 {
	H, B, T := len(m.Pref), ep.B, ep.T
	z := make([]float64, 4*H)
	var pc, cc []*stepCache
	if g != nil {
		pc, cc = make([]*stepCache, T), make([]*stepCache, T)
		for t := 0; t < T; t++ {
			pc[t] = newStepCache(2, H)
			cc[t] = newStepCache(H, H)
		}
	}
	outs := make([]float64, T*H)
	hs, cs := make([]float64, H), make([]float64, H)
	dh, dc, dx := make([]float64, H), make([]float64, H), make([]float64, H)
	var loss float64
	for b := lo; b < hi; b++ {
		copy(hs, ep.H0[b*H:(b+1)*H])
		copy(cs, ep.C0[b*H:(b+1)*H])
		anchor := ep.Anchor[b]
		var heading float64
		for t := 0; t < T; t++ {
			i := t*B + b
			code, x := ep.Code[i*H:(i+1)*H], hdnet.VelocityCode(ep.Vel[i])
			if g == nil {
				if ep.HasCode[i] {
					m.Corr.Step(code, hs, cs, 1, z)
				}
				m.Pred.Step(x, hs, cs, 1, z)
			} else {
				if ep.HasCode[i] {
					recordStep(m.Corr, code, hs, cs, z, cc[t])
				}
				recordStep(m.Pred, x, hs, cs, z, pc[t])
			}
			copy(outs[t*H:(t+1)*H], hs)
			switch {
			case anchor >= 0 && t == anchor:
				heading = DecodeHeading(hs, m.Pref)
			case anchor >= 0 && t > anchor:
				heading += ep.Vel[i]
				m.Tuning.Population(ep.Target[i*H:(i+1)*H], heading, m.Pref)
			}
			if w := ep.Weight[i]; w != 0 {
				tg := ep.Target[i*H : (i+1)*H]
				for u, v := range hs {
					d := v - tg[u]
					loss += w * norm * d * d
				}
			}
		}
		if g == nil {
			continue
		}
		clear(dh)
		clear(dc)
		for t := T - 1; t >= 0; t-- {
			i := t*B + b
			if w := ep.Weight[i]; w != 0 {
				tg := ep.Target[i*H : (i+1)*H]
				for u := 0; u < H; u++ {
					dh[u] += 2 * w * norm * (outs[t*H+u] - tg[u])
				}
			}
			backward(m.Pred, pc[t], dh, dc, nil, g.PredW, g.PredB, z)
			if ep.HasCode[i] {
				backward(m.Corr, cc[t], dh, dc, dx, g.CorrW, g.CorrB, z)
			}
		}
	}
	return loss
}
