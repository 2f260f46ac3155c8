package synth

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
)

// Memory is one memory map of S slots. Slot j holds the embedding of the
// view the rat had when the slot was written, MY[j] = m(y), and the state
// of the head-direction network then, MX[j] = m(x) (the network's output for
// the rat's true heading, HeadingNetwork.StateAt: memories are written by a
// calibrated network; the state as written, column_context_3_written, is
// the same). Reading the map with a view embedding y:
//
//	score_j   = exp(LogBeta) * y · MY[j]
//	log p(j|y) = score_j - log sum_k exp(score_k)      (log-softmax over slots)
//	code(y)   = sum_j p(j|y) MX[j]                      (the visual correction code)
//
// LogBeta is the log of the inverse temperature, as the trained model's
// parameter mmap_0_context_2_query_beta.
type Memory struct {
	S, E, H int
	LogBeta float64
	MY      []float64   // [S, E]
	MX      []float64   // [S, H]
	Slots   []SlotTruth // when and where each slot was written
}

// LogProbsBatch writes log p(j | y_i) for n embeddings ys [n, E] into
// dst [n, S]; scratch holds n*S values of working space. The scores are a
// matrix product (ys · MY^T).
func (m *Memory) LogProbsBatch(ys []float64, dst []float32, scratch []float64) error {
	n := len(ys) / m.E
	if m.S < 1 || len(ys) != n*m.E || len(dst) != n*m.S || len(scratch) < n*m.S {
		return fmt.Errorf("memory: want [n, %d] inputs, [n, %d] outputs and scratch, got %d, %d, %d values", m.E, m.S, len(ys), len(dst), len(scratch))
	}
	if n == 0 {
		return nil
	}
	sc := scratch[:n*m.S]
	blas64.Gemm(blas.NoTrans, blas.Trans, math.Exp(m.LogBeta),
		blas64.General{Rows: n, Cols: m.E, Stride: m.E, Data: ys},
		blas64.General{Rows: m.S, Cols: m.E, Stride: m.E, Data: m.MY},
		0, blas64.General{Rows: n, Cols: m.S, Stride: m.S, Data: sc})
	for i := 0; i < n; i++ {
		row := sc[i*m.S : (i+1)*m.S]
		lse := floats.LogSumExp(row)
		for j, v := range row {
			dst[i*m.S+j] = float32(v - lse)
		}
	}
	return nil
}

// Code writes the visual correction code for embedding y into code [H]
// and returns the agreement of the recalled memories on the heading,
//
//	q = |sum_j p(j|y) exp(i HD_j)|   in [0, 1],
//
// HD_j the heading at which slot j was written (1 when all recalled slots
// were written at one heading, near 0 when they disagree, as for an
// ambiguous view). scratch holds S values of working space.
func (m *Memory) Code(y, code, scratch []float64) (q float64, err error) {
	if m.S < 1 || len(y) != m.E || len(code) != m.H || len(scratch) < m.S || len(m.Slots) != m.S {
		return 0, fmt.Errorf("memory: want %d inputs, %d outputs, %d scratch values and %d slots, got %d, %d, %d, %d", m.E, m.H, m.S, m.S, len(y), len(code), len(scratch), len(m.Slots))
	}
	sc := scratch[:m.S]
	g := math.Exp(m.LogBeta)
	for j := range sc {
		s := 0.0
		for e, v := range m.MY[j*m.E : (j+1)*m.E] {
			s += v * y[e]
		}
		sc[j] = g * s // the score of slot j
	}
	lse := floats.LogSumExp(sc)
	clear(code)
	var cx, cy float64
	for j, s := range sc {
		p := math.Exp(s - lse)
		if p < 1e-12 {
			continue
		}
		for u, v := range m.MX[j*m.H : (j+1)*m.H] {
			code[u] += p * v
		}
		sin, cos := math.Sincos(m.Slots[j].HD)
		cx += p * cos
		cy += p * sin
	}
	return math.Hypot(cx, cy), nil
}
