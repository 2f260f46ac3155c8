package hdnet

import (
	"fmt"
	"math"

	"github.com/smp-go/smp-go/smp/num"
)

// VelocityScale is the factor by which the velocity code is scaled: the
// network receives 10·(cos ω, sin ω) for an angular velocity ω (radians per
// step).
const VelocityScale = 10

// VelocityCode returns the prediction LSTM's input for angular velocity w
// (radians per step): 10·(cos w, sin w).
func VelocityCode(w float64) []float64 {
	return []float64{VelocityScale * math.Cos(w), VelocityScale * math.Sin(w)}
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
