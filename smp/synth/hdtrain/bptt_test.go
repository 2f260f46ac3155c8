package hdtrain

import (
	"math"
	"math/rand/v2"
	"testing"
)

// smallProblem returns a small random model (6 units, non-trivial biases,
// a forget gate that keeps memory) and a random episode of 3 sequences of 7
// steps with corrections at random steps.
func smallProblem() (*Model, *Episode) {
	const h, b, T = 6, 3, 7
	rng := rand.New(rand.NewPCG(1, 2))
	m := NewModel(PreferredDirections(h, rng), DefaultTuning(), 1.5, 0.5, rng)
	for i := range m.Pred.B {
		m.Pred.B[i] += 0.3 * rng.NormFloat64()
		m.Corr.B[i] += 0.3 * rng.NormFloat64()
	}
	ep := NewEpisode(b, T, h)
	for i := range ep.H0 {
		ep.H0[i] = rng.Float64()
		ep.C0[i] = rng.NormFloat64()
	}
	for i := range ep.Vel {
		ep.Vel[i] = 0.2 * rng.NormFloat64()
		ep.HasCode[i] = rng.Float64() < 0.4
		ep.Weight[i] = rng.Float64()
	}
	for i := range ep.Code {
		ep.Code[i] = rng.Float64()
		ep.Target[i] = rng.Float64()
	}
	return m, ep
}

// TestGradientFiniteDifferences compares the BPTT gradient with central
// finite differences on a small random episode with corrections and a
// memory-carrying forget gate.
func TestGradientFiniteDifferences(t *testing.T) {
	m, ep := smallProblem()
	g := NewGrads(m)
	if _, err := Loss(m, ep, g, 2); err != nil {
		t.Fatal(err)
	}
	params := [][]float64{m.Pred.W, m.Pred.B, m.Corr.W, m.Corr.B}
	names := []string{"pred W", "pred b", "corr W", "corr b"}
	const eps = 1e-6
	var worst float64
	for k, p := range params {
		grad := g.slices()[k]
		for i := range p {
			old := p[i]
			p[i] = old + eps
			lp, _ := Loss(m, ep, nil, 1)
			p[i] = old - eps
			lm, _ := Loss(m, ep, nil, 1)
			p[i] = old
			num := (lp - lm) / (2 * eps)
			err := math.Abs(num-grad[i]) / math.Max(1e-4, math.Abs(num)+math.Abs(grad[i]))
			worst = math.Max(worst, err)
			if err > 1e-5 {
				t.Errorf("%s[%d]: backprop %.9g, finite differences %.9g", names[k], i, grad[i], num)
			}
		}
	}
	t.Logf("worst relative error %.2g", worst)
}

// TestAnchorIsStopGradient checks that an anchored sequence behaves like a
// sequence with fixed targets equal to the ones the anchor produced: same
// loss, same gradient (the decoded heading is a constant for the gradient).
func TestAnchorIsStopGradient(t *testing.T) {
	m, ep := smallProblem()
	const anchor = 2
	for b := 0; b < ep.B; b++ {
		ep.Anchor[b] = anchor
		for s := 0; s <= anchor; s++ {
			ep.Weight[s*ep.B+b] = 0
		}
	}
	ga := NewGrads(m)
	la, err := Loss(m, ep, ga, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The anchored targets must be the tuning curves at the heading decoded
	// at the anchor plus the velocities since.
	h := len(m.Pref)
	for b := 0; b < ep.B; b++ {
		vel := make([]float64, ep.T)
		codes := make([][]float64, ep.T)
		for s := range vel {
			i := s*ep.B + b
			vel[s] = ep.Vel[i]
			if ep.HasCode[i] {
				codes[s] = ep.Code[i*h : (i+1)*h]
			}
		}
		st := State{H: append([]float64(nil), ep.H0[b*h:(b+1)*h]...), C: append([]float64(nil), ep.C0[b*h:(b+1)*h]...)}
		out, err := m.Run(st, vel, codes)
		if err != nil {
			t.Fatal(err)
		}
		heading := DecodeHeading(out[anchor], m.Pref)
		for s := anchor + 1; s < ep.T; s++ {
			heading += vel[s]
			want := m.Tuning.Population(nil, heading, m.Pref)
			i := s*ep.B + b
			for u, v := range want {
				if got := ep.Target[i*h+u]; math.Abs(got-v) > 1e-12 {
					t.Fatalf("sequence %d step %d unit %d: target %v, want %v", b, s, u, got, v)
				}
			}
		}
		ep.Anchor[b] = -1
	}
	gf := NewGrads(m)
	lf, err := Loss(m, ep, gf, 1)
	if err != nil {
		t.Fatal(err)
	}
	if la != lf {
		t.Errorf("anchored loss %v, fixed-target loss %v", la, lf)
	}
	for k, s := range ga.slices() {
		for i, v := range s {
			if v != gf.slices()[k][i] {
				t.Fatalf("gradient %d[%d]: anchored %v, fixed %v", k, i, v, gf.slices()[k][i])
			}
		}
	}
}
