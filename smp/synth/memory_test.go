package synth

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats"
)

func testMemory(s, e, h int) *Memory {
	rng := stream(1, "test memory", 0)
	m := &Memory{S: s, E: e, H: h, LogBeta: 2, MY: make([]float64, s*e), MX: make([]float64, s*h)}
	for i := range m.MY {
		m.MY[i] = rng.NormFloat64()
	}
	for i := range m.MX {
		m.MX[i] = rng.Float64()
	}
	for j := 0; j < s; j++ {
		m.Slots = append(m.Slots, SlotTruth{HD: math.Pi * (2*rng.Float64() - 1)})
	}
	return m
}

func TestMemoryLogProbs(t *testing.T) {
	const s, e, h, n = 50, 8, 6, 7
	m := testMemory(s, e, h)
	rng := stream(2, "test ys", 0)
	ys := make([]float64, n*e)
	for i := range ys {
		ys[i] = rng.NormFloat64() / 3
	}
	batch := make([]float32, n*s)
	if err := m.LogProbsBatch(ys, batch, make([]float64, n*s)); err != nil {
		t.Fatal(err)
	}
	one := make([]float32, s)
	for i := 0; i < n; i++ {
		y := ys[i*e : (i+1)*e]
		if err := logProbs(m, y, one, make([]float64, s)); err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for j, v := range one {
			sum += math.Exp(float64(v))
			if d := math.Abs(float64(v - batch[i*s+j])); d > 1e-5 {
				t.Errorf("row %d slot %d: batch %g, single %g", i, j, batch[i*s+j], v)
			}
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Errorf("row %d: probabilities sum to %g", i, sum)
		}
		// Differences of log probabilities are exp(LogBeta) times differences of dot products.
		d01 := 0.0
		for k := range y {
			d01 += y[k] * (m.MY[k] - m.MY[e+k])
		}
		if got := float64(one[0] - one[1]); math.Abs(got-math.Exp(m.LogBeta)*d01) > 1e-4 {
			t.Errorf("row %d: log p0 - log p1 = %g, want %g", i, got, math.Exp(m.LogBeta)*d01)
		}
	}
}

func TestMemoryCode(t *testing.T) {
	const s, e, h = 20, 4, 5
	m := testMemory(s, e, h)
	// A query that matches slot 3 overwhelmingly recalls slot 3's state.
	m.LogBeta = 6
	y := append([]float64(nil), m.MY[3*e:4*e]...)
	code := make([]float64, h)
	q, err := m.Code(y, code, make([]float64, s))
	if err != nil {
		t.Fatal(err)
	}
	sc := make([]float64, s)
	scores(m, y, sc)
	lse := floats.LogSumExp(sc)
	for u := range code {
		want := 0.0
		for j := 0; j < s; j++ {
			want += math.Exp(sc[j]-lse) * m.MX[j*h+u]
		}
		if math.Abs(code[u]-want) > 1e-12 {
			t.Errorf("code[%d] = %g, want %g", u, code[u], want)
		}
	}
	if !(q >= 0 && q <= 1+1e-12) {
		t.Errorf("recall agreement %g outside [0, 1]", q)
	}
	// Two slots with opposite headings recalled equally: agreement ≈ 0.
	m2 := &Memory{S: 2, E: 1, H: 1, LogBeta: 0, MY: []float64{1, 1}, MX: []float64{0, 1}, Slots: []SlotTruth{{HD: 0.3}, {HD: 0.3 + math.Pi}}}
	q, _ = m2.Code([]float64{1}, make([]float64, 1), make([]float64, 2))
	if q > 1e-12 {
		t.Errorf("opposite headings recalled equally: agreement %g, want 0", q)
	}
	if _, err := m.Code(y[:2], code, sc); err == nil {
		t.Error("short query: want an error")
	}
}

// scores writes exp(LogBeta) * y · MY[j] for every slot j into dst [S],
// computed apart as a reference.
func scores(m *Memory, y, dst []float64) {
	for j := range dst[:m.S] {
		s := 0.0
		for e, v := range m.MY[j*m.E : (j+1)*m.E] {
			s += v * y[e]
		}
		dst[j] = math.Exp(m.LogBeta) * s
	}
}

// logProbs is LogProbsBatch for one embedding, computed apart as a
// reference: it writes log p(j | y) for every slot j into dst [S]; scratch
// holds S values of working space.
func logProbs(m *Memory, y []float64, dst []float32, scratch []float64) error {
	if len(y) != m.E || len(dst) != m.S || len(scratch) < m.S {
		return fmt.Errorf("memory: want %d inputs, %d outputs and %d scratch values, got %d, %d, %d", m.E, m.S, m.S, len(y), len(dst), len(scratch))
	}
	sc := scratch[:m.S]
	scores(m, y, sc)
	lse := floats.LogSumExp(sc)
	for j, s := range sc {
		dst[j] = float32(s - lse)
	}
	return nil
}
