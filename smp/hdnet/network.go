package hdnet

import (
	"errors"
	"fmt"
	"image"
	"slices"
	"sort"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// Keys of the trained model's parameters used by figure 3.
const (
	KeyPredictionW = "integrator/multi_integrator_nets/prediction_rnn_0/w_gates"    // [2+H, 4H]
	KeyPredictionB = "integrator/multi_integrator_nets/prediction_rnn_0/b_gates"    // [4H]
	KeyCorrectionW = "integrator/multi_integrator_nets/correction_rnn_0/w_gates"    // [H+H, 4H]
	KeyCorrectionB = "integrator/multi_integrator_nets/correction_rnn_0/b_gates"    // [4H]
	KeyMemoryHD    = "integrator/memory_map_0/column_context_3"                     // m(x) [S, H]
	KeyMemoryVis   = "integrator/memory_map_0/column_context_2"                     // m(y) [S, E]
	KeyWritten     = "integrator/memory_map_0/column_context_3_written"             // [S, H]
	KeyBeta        = "integrator/multi_integrator_nets/mmap_0_context_2_query_beta" // scalar
	KeyImages      = "images"                                                       // [I, h, w, 3] uint8
	KeyEmbeddings  = "embeddings"                                                   // [I, E]
	KeyRVAngles    = "rnn0_rv_angles"                                               // [H]
	KeyRVLengths   = "rnn0_rv_lengths"                                              // [H]
)

// Network is the head-direction network of figure 3 with the memory it is
// corrected from.
//
// The prediction LSTM (RNN-1) integrates angular velocity: its input is the
// velocity code 10·(cos ω, sin ω) (In = 2). The correction LSTM takes a
// visual correction code (In = H) and shares the state (h, c) with it. The
// memory holds S slots; slot s stores the HD state m(x)_s [H] and the visual
// embedding m(y)_s [E] seen when it was written. Beta is the log of the
// correction inverse temperature γ = exp(β).
//
// All arrays are float64, flat and row-major; shapes are in the comments.
type Network struct {
	Prediction *LSTM // In = 2, H units
	Correction *LSTM // In = H, H units

	H int // units per LSTM
	S int // memory slots
	E int // visual embedding size

	MemoryHD  []float64 // m(x) [S, H]
	MemoryVis []float64 // m(y) [S, E]
	Written   []float64 // HD states as written into memory [S, H]; valid initial states
	Beta      float64   // log inverse temperature of the correction

	// Visual inputs; Embeddings is nil and NumImages 0 when absent. Images
	// is nil when the images are absent (embeddings alone suffice for the
	// computations; only the figure shows images).
	NumImages      int       // I
	Embeddings     []float64 // [I, E]
	Images         []uint8   // [I, ImageH, ImageW, 3] RGB
	ImageH, ImageW int

	// Resultant vectors of the prediction LSTM's units (figure 2's
	// analysis); nil when absent.
	RVAngles  []float64 // preferred direction, radians [H]
	RVLengths []float64 // resultant-vector length [H]
}

// FromDatasets builds the Network from the three data sets of figure 3:
// params (the trained parameters, keys Key*), visual (KeyImages and
// KeyEmbeddings) and hdStats (KeyRVAngles and KeyRVLengths). visual and
// hdStats may be nil; within visual, the images may be missing (then only
// the embeddings are loaded). H comes from the prediction biases (4H
// values), S and E from m(y) [S, E], and the other shapes are checked
// against them. Every array is converted to float64 (copied). Errors name
// the file, the key and the shape expected.
func FromDatasets(params, visual, hdStats *data.Dataset) (*Network, error) {
	if params == nil {
		return nil, fmt.Errorf("hdnet: FromDatasets: no parameters")
	}
	var err error
	// get returns a float64 copy of the float array key of ds, of the
	// given shape (a dimension -1: any size) as why explains.
	get := func(ds *data.Dataset, key, why string, shape ...int) []float64 {
		if err != nil {
			return nil
		}
		a, e := ds.FloatArray(len(shape), key)
		for i, d := range shape {
			if e == nil && d >= 0 && a.Shape[i] != d {
				want := "want shape " + why
				if !slices.Contains(shape, -1) {
					want += " = " + data.FormatShape(shape)
				}
				e = shapeErr(ds, key, a, want)
			}
		}
		if err = e; e != nil {
			return nil
		}
		return float64Copy(a)
	}
	pb, e1 := params.FloatArray(1, KeyPredictionB)
	mv, e2 := params.FloatArray(2, KeyMemoryVis)
	switch {
	case e1 != nil || e2 != nil:
		return nil, errors.Join(e1, e2)
	case pb.Len() == 0 || pb.Len()%4 != 0:
		return nil, shapeErr(params, KeyPredictionB, pb, "want shape (4H,)")
	case mv.Shape[0] == 0 || mv.Shape[1] == 0:
		return nil, shapeErr(params, KeyMemoryVis, mv, "want shape (S, E)")
	}
	H, S, E := pb.Len()/4, mv.Shape[0], mv.Shape[1]
	fromH := fmt.Sprintf("with H = %d from %s", H, KeyPredictionB)
	fromS := fmt.Sprintf("(S, H) with S = %d from %s and H = %d", S, KeyMemoryVis, H)
	n := &Network{H: H, S: S, E: E, MemoryVis: float64Copy(mv)}
	pw := get(params, KeyPredictionW, "(2+H, 4H) "+fromH, 2+H, 4*H)
	cb := get(params, KeyCorrectionB, "(4H,) "+fromH, 4*H)
	cw := get(params, KeyCorrectionW, "(H+H, 4H) "+fromH, 2*H, 4*H)
	n.MemoryHD = get(params, KeyMemoryHD, fromS, S, H)
	n.Written = get(params, KeyWritten, fromS, S, H)
	if visual != nil {
		n.Embeddings = get(visual, KeyEmbeddings, fmt.Sprintf("(I, E) with E = %d from %s", E, KeyMemoryVis), -1, E)
		n.NumImages = len(n.Embeddings) / E
	}
	if hdStats != nil {
		n.RVAngles = get(hdStats, KeyRVAngles, "(H,) "+fromH, H)
		n.RVLengths = get(hdStats, KeyRVLengths, "(H,) "+fromH, H)
	}
	if err != nil {
		return nil, err
	}
	if visual != nil {
		if _, e := visual.Get(KeyImages); e == nil {
			a, err := visual.Array(KeyImages)
			if err != nil {
				return nil, err
			}
			pixels, ok := data.Values[uint8](a)
			if !ok || a.NDim() != 4 || a.Shape[3] != 3 {
				return nil, shapeErr(visual, KeyImages, a, "want a uint8 array of shape (I, h, w, 3)")
			}
			if a.Shape[0] != n.NumImages {
				return nil, shapeErr(visual, KeyImages, a, fmt.Sprintf("want one image per embedding (%d)", n.NumImages))
			}
			n.Images = append([]uint8(nil), pixels...)
			n.ImageH, n.ImageW = a.Shape[1], a.Shape[2]
		}
	}
	if n.Beta, err = params.Scalar(KeyBeta); err != nil {
		return nil, err
	}
	n.Prediction = &LSTM{In: 2, H: H, W: pw, B: float64Copy(pb)}
	n.Correction = &LSTM{In: H, H: H, W: cw, B: cb}
	return n, nil
}

// shapeErr reports the array key of ds, of the wrong shape or type.
func shapeErr(ds *data.Dataset, key string, a *data.Array, want string) error {
	return &data.PathError{Source: ds.Source, Path: key, Msg: fmt.Sprintf("%s, got %s array of shape %s", want, a.DType(), data.FormatShape(a.Shape))}
}

// float64Copy returns a float64 copy of a's elements.
func float64Copy(a *data.Array) []float64 {
	f := a.Float64()
	if _, ok := data.Values[float64](a); ok {
		f = append([]float64(nil), f...)
	}
	return f
}

// WrittenState returns written HD state i [H] (a view, not a copy).
func (n *Network) WrittenState(i int) ([]float64, error) {
	if i < 0 || i >= n.S {
		return nil, fmt.Errorf("hdnet: written state %d out of range [0, %d)", i, n.S)
	}
	return n.Written[i*n.H : (i+1)*n.H], nil
}

// Image returns image i as an RGBA image (opaque).
func (n *Network) Image(i int) (*image.RGBA, error) {
	if n.Images == nil {
		return nil, fmt.Errorf("hdnet: the network has no images")
	}
	if i < 0 || i >= n.NumImages {
		return nil, fmt.Errorf("hdnet: image %d out of range [0, %d)", i, n.NumImages)
	}
	h, w := n.ImageH, n.ImageW
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	src := n.Images[i*h*w*3 : (i+1)*h*w*3]
	for p := 0; p < h*w; p++ {
		copy(img.Pix[4*p:4*p+3], src[3*p:3*p+3])
		img.Pix[4*p+3] = 255
	}
	return img, nil
}

// HDCutoff is the resultant-vector length above which a unit of the
// prediction LSTM counts as a head-direction cell in figure 3.
const HDCutoff = 0.56

// SelectHDCells returns the units ordered by preferred angle (ascending;
// ties by unit number) and restricted to those with resultant-vector length
// greater than cutoff. angles and lengths hold one value per unit; lengths
// must be at least as long as angles (unchecked: shorter panics), and only
// its first len(angles) values are read.
func SelectHDCells(angles, lengths []float64, cutoff float64) []int {
	order := make([]int, len(angles))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return angles[order[a]] < angles[order[b]] })
	cells := order[:0]
	for _, u := range order {
		if lengths[u] > cutoff {
			cells = append(cells, u)
		}
	}
	return cells
}

// HDCells returns the network's HD cells: SelectHDCells of its resultant
// vectors with HDCutoff. Without resultant vectors it returns every unit in
// order 0..H-1.
func (n *Network) HDCells() []int {
	if n.RVAngles == nil {
		all := make([]int, n.H)
		for i := range all {
			all[i] = i
		}
		return all
	}
	return SelectHDCells(n.RVAngles, n.RVLengths, HDCutoff)
}

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
