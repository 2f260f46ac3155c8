package hdnet

import (
	"fmt"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// RandomNetwork returns an untrained network with random parameters of the
// given sizes, for benchmarks and tests: H units, S memory slots, E-sized
// embeddings and I embeddings (no images, no resultant vectors). With
// N(μ, σ) normal draws from NewRand(seed):
//
//	LSTM weights N(0, 0.35), biases N(0, 0.1)
//	written states = m(x) = σ(N(0, 1)) (in (0, 1), like LSTM outputs)
//	m(y) and embeddings N(0, 1), β = 0.5
func RandomNetwork(H, S, E, I int, seed uint64) (*Network, error) {
	if H <= 0 || S <= 0 || E <= 0 || I < 0 {
		return nil, fmt.Errorf("hdnet: RandomNetwork: bad sizes H=%d S=%d E=%d I=%d", H, S, E, I)
	}
	r := NewRand(seed)
	draw := func(f func(float64) float64, scale float64, shape ...int) *data.Array {
		n := 1
		for _, d := range shape {
			n *= d
		}
		v := make([]float64, n)
		for i := range v {
			v[i] = f(scale * r.NormFloat64())
		}
		return data.New(v, shape...)
	}
	identity := func(x float64) float64 { return x }
	arr := func(scale float64, shape ...int) *data.Array { return draw(identity, scale, shape...) }
	written := draw(num.Sigmoid, 1, S, H)
	params := data.Dict{KeyMemoryHD: written, KeyWritten: written, KeyBeta: data.New([]float64{0.5})}
	for _, k := range []struct {
		key   string
		scale float64
		shape []int
	}{{KeyPredictionW, 0.35, []int{2 + H, 4 * H}}, {KeyPredictionB, 0.1, []int{4 * H}},
		{KeyCorrectionW, 0.35, []int{2 * H, 4 * H}}, {KeyCorrectionB, 0.1, []int{4 * H}}, {KeyMemoryVis, 1, []int{S, E}}} {
		params[k.key] = arr(k.scale, k.shape...)
	}
	visual := data.Dict{KeyEmbeddings: arr(1, I, E)}
	return FromDatasets(&data.Dataset{Source: "random parameters", Root: params}, &data.Dataset{Source: "random visual inputs", Root: visual}, nil)
}
