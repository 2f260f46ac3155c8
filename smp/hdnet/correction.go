package hdnet

import (
	"fmt"
	"math"
	"runtime"

	"github.com/smp-go/smp-go/smp/num"
)

// Figure 3's correction runs (cells 14 and 15).
const (
	CorrectionImages = 512 // the first 512 images
	CorrectionSteps  = 200 // T
	ClusterThreshold = 0.1 // take-if-farther-than threshold in the PCA plane
)

// correct advances the states (h, c) [B, H] by one corrected step: a
// correction-LSTM step with input gates cg (of the image's correction code),
// then a prediction-LSTM step with input gates pg (of the velocity code).
func (n *Network) correct(cg, pg, h, c []float64, B int, z []float64) {
	n.Correction.StepGates(cg, h, c, B, z)
	n.Prediction.StepGates(pg, h, c, B, z)
}

// CorrectionRun runs the corrected dynamics from the states start [B, H]
// (c = h) with the correction code code [H] for steps steps, the prediction
// LSTM receiving the zero-velocity code 10·(1, 0), and returns the projected
// outputs [steps+1, B, 2], the start states first (cell 14 for one image).
func (n *Network) CorrectionRun(code, start []float64, steps int, pca *PCA) ([]float64, error) {
	H := n.H
	if len(code) != H || len(start) == 0 || len(start)%H != 0 || steps < 0 {
		return nil, fmt.Errorf("hdnet: CorrectionRun: code of %d values, %d start values, %d steps (H = %d)", len(code), len(start), steps, H)
	}
	B := len(start) / H
	cg := n.Correction.InputGates(nil, code)
	pg := n.Prediction.InputGates(nil, VelocityCode(0))
	h := append([]float64(nil), start...)
	c := append([]float64(nil), start...)
	z := make([]float64, B*4*H)
	out := make([]float64, 0, (steps+1)*B*2)
	out = append(out, pca.ProjectAll(h, H)...)
	for t := 1; t <= steps; t++ {
		n.correct(cg, pg, h, c, B, z)
		out = append(out, pca.ProjectAll(h, H)...)
	}
	return out, nil
}

// ConvergenceTime returns the first step t at which the B projected points
// of a run proj [T+1, B, 2] form a single cluster (take-if-farther-than with
// threshold keeps exactly one point, see SingleCluster), or +Inf if they
// never do (cell 15). With B ≤ 0 there are no points, which never form a
// cluster (SingleCluster of an empty set is false): the result is +Inf.
func ConvergenceTime(proj []float64, B int, threshold float64) float64 {
	if B <= 0 {
		return math.Inf(1)
	}
	for t := 0; (t+1)*B*2 <= len(proj); t++ {
		if SingleCluster(proj[t*B*2:(t+1)*B*2], 2, threshold) {
			return float64(t)
		}
	}
	return math.Inf(1)
}

// CorrectionOptions configures ConvergenceTimes.
type CorrectionOptions struct {
	Steps     int                   // T (cell 14: CorrectionSteps)
	Threshold float64               // cluster threshold (cell 15: ClusterThreshold)
	Workers   int                   // goroutines; ≤ 0 means GOMAXPROCS
	Progress  func(done, total int) // called as images finish; may be nil
}

// ConvergenceTimes runs the corrected dynamics from the states start [B, H]
// for each correction code of codes [I, H] (cell 14) and returns each
// image's time to convergence [I], as ConvergenceTime of its projected run
// (cell 15; +Inf: never), with images in parallel (the result does not
// depend on the workers). A run stops when it has converged, or when a step
// leaves every state (h, c) bit for bit unchanged: the step is
// deterministic, so the states stay there, never forming one cluster.
func (n *Network) ConvergenceTimes(codes, start []float64, pca *PCA, opts CorrectionOptions) ([]float64, error) {
	H := n.H
	if len(codes)%H != 0 || len(start) == 0 || len(start)%H != 0 || opts.Steps < 0 {
		return nil, fmt.Errorf("hdnet: ConvergenceTimes: %d code values, %d start values, %d steps (H = %d)", len(codes), len(start), opts.Steps, H)
	}
	I, B := len(codes)/H, len(start)/H
	times := make([]float64, I)
	pg := n.Prediction.InputGates(nil, VelocityCode(0))
	type scratch struct{ cg, h, c, ph, pc, z, p []float64 }
	ws := make([]scratch, max(opts.Workers, runtime.GOMAXPROCS(0)))
	num.ParallelFor(I, opts.Workers, opts.Progress, func(w, i int) {
		s := &ws[w]
		if s.h == nil {
			*s = scratch{h: make([]float64, B*H), c: make([]float64, B*H), ph: make([]float64, B*H), pc: make([]float64, B*H),
				z: make([]float64, B*4*H), p: make([]float64, B*2)}
		}
		s.cg = n.Correction.InputGates(s.cg, codes[i*H:(i+1)*H])
		copy(s.h, start)
		copy(s.c, start)
		times[i] = math.Inf(1)
		for t := 0; t <= opts.Steps; t++ {
			if t > 0 {
				copy(s.ph, s.h)
				copy(s.pc, s.c)
				n.correct(s.cg, pg, s.h, s.c, B, s.z)
				if sameState(s.h, s.c, s.ph, s.pc) {
					break // a fixed point short of one cluster: never converges
				}
			}
			for b := 0; b < B; b++ {
				s.p[2*b], s.p[2*b+1] = pca.Project(s.h[b*H : (b+1)*H])
			}
			if SingleCluster(s.p, 2, opts.Threshold) {
				times[i] = float64(t)
				break
			}
		}
	})
	return times, nil
}

// ConvergenceExamples returns the images converging quickly, 0 < t < 10
// (examples_in_bin_1), and those never converging, t > steps
// (examples_in_bin_final), in increasing order.
func ConvergenceExamples(times []float64, steps int) (quick, never []int) {
	for i, t := range times {
		if t > 0 && t < 10 {
			quick = append(quick, i)
		}
		if t > float64(steps) {
			never = append(never, i)
		}
	}
	return quick, never
}

// Example is one example image of panels H and I with its correction run.
type Example struct {
	Image int       // image index
	Time  float64   // time to convergence (+Inf: never)
	PCA   []float64 // projected run from the attractor states [T+1, B, 2]
}

// CorrectionCodes returns the visual correction codes [I, H] of the visual
// embeddings v [I, E]:
//
//	γ = exp(β)
//	weights = softmax over slots of γ · v·m(y)ᵀ      [I, S]
//	code = weights · m(x)                           [I, H]
//
// The softmax subtracts each row's maximum before exponentiating.
func (n *Network) CorrectionCodes(v []float64) ([]float64, error) {
	E, S, H := n.E, n.S, n.H
	if len(v)%E != 0 {
		return nil, fmt.Errorf("hdnet: CorrectionCodes: %d values are not a whole number of embeddings of size %d", len(v), E)
	}
	I := len(v) / E
	gamma := math.Exp(n.Beta)
	weights := make([]float64, I*S)
	for i := 0; i < I; i++ {
		vi, w := v[i*E:(i+1)*E], weights[i*S:(i+1)*S]
		max := math.Inf(-1)
		for s := range w {
			w[s] = gamma * dot(vi, n.MemoryVis[s*E:(s+1)*E])
			max = math.Max(max, w[s])
		}
		sum := 0.0
		for s := range w {
			w[s] = math.Exp(w[s] - max)
			sum += w[s]
		}
		for s := range w {
			w[s] /= sum
		}
	}
	codes := make([]float64, I*H)
	num.GemmAdd(codes, nil, weights, n.MemoryHD, I, S, H)
	return codes, nil
}

// ImageCodes returns the correction codes of the first count image
// embeddings [count, H].
func (n *Network) ImageCodes(count int) ([]float64, error) {
	if count < 0 || count > n.NumImages {
		return nil, fmt.Errorf("hdnet: %d image codes requested, the network has %d embeddings", count, n.NumImages)
	}
	return n.CorrectionCodes(n.Embeddings[:count*n.E])
}

func dot(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}
