package hdnet

import (
	"fmt"
	"math"

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

// RandomNetworkWithViews is RandomNetwork plus what the figure also draws:
// I random imgH × imgW RGB images (uniform bytes) and, for each unit, a
// random resultant vector (angle uniform in [-π, π), length uniform in
// [0.3, 0.9)). It is a complete random stand-in for figure 3's three data
// sets.
func RandomNetworkWithViews(H, S, E, I, imgH, imgW int, seed uint64) (*Network, error) {
	if imgH <= 0 || imgW <= 0 {
		return nil, fmt.Errorf("hdnet: RandomNetworkWithViews: bad image size %d x %d", imgH, imgW)
	}
	n, err := RandomNetwork(H, S, E, I, seed)
	if err != nil {
		return nil, err
	}
	r := NewRand(seed + 1)
	n.Images = make([]uint8, I*imgH*imgW*3)
	for i := range n.Images {
		n.Images[i] = uint8(r.IntN(256))
	}
	n.ImageH, n.ImageW = imgH, imgW
	n.RVAngles, n.RVLengths = make([]float64, H), make([]float64, H)
	for u := range H {
		n.RVAngles[u] = (r.Float64()*2 - 1) * math.Pi
		n.RVLengths[u] = 0.3 + 0.6*r.Float64()
	}
	return n, nil
}
