package hdnet

import (
	"fmt"
	"image"

	"github.com/smp-go/smp-go/smp/data"
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

// NetworkParams holds the arrays a Network is built from, in any float
// type (Images must be uint8). The optional ones may be nil.
type NetworkParams struct {
	PredictionW, PredictionB *data.Array // [2+H, 4H], [4H]
	CorrectionW, CorrectionB *data.Array // [H+H, 4H], [4H]
	MemoryHD                 *data.Array // m(x) [S, H]
	MemoryVis                *data.Array // m(y) [S, E]
	Written                  *data.Array // [S, H]
	Beta                     float64

	Embeddings *data.Array // optional [I, E]
	Images     *data.Array // optional [I, h, w, 3] uint8; needs Embeddings
	RVAngles   *data.Array // optional [H]
	RVLengths  *data.Array // optional [H]
}

// ShapeError reports an array of the wrong shape or type; Key is its name in
// the data set (for example KeyPredictionW).
type ShapeError struct {
	Key string // the array's key in its data set
	Msg string // what was expected and what was found
}

func (e *ShapeError) Error() string { return e.Key + ": " + e.Msg }

// NewNetwork checks the shapes of the arrays against each other and builds
// the network. H comes from the prediction biases (4H values); S and E from
// m(y) [S, E]. Every array is converted to float64 (copied).
func NewNetwork(p NetworkParams) (*Network, error) {
	if p.PredictionB == nil || p.PredictionW == nil || p.CorrectionB == nil || p.CorrectionW == nil ||
		p.MemoryHD == nil || p.MemoryVis == nil || p.Written == nil {
		return nil, fmt.Errorf("hdnet: NewNetwork: missing parameter array")
	}
	if p.PredictionB.NDim() != 1 || p.PredictionB.Len() == 0 || p.PredictionB.Len()%4 != 0 {
		return nil, shapeErr(KeyPredictionB, p.PredictionB, "want shape (4H,)")
	}
	H := p.PredictionB.Len() / 4
	if p.MemoryVis.NDim() != 2 || p.MemoryVis.Shape[0] == 0 || p.MemoryVis.Shape[1] == 0 {
		return nil, shapeErr(KeyMemoryVis, p.MemoryVis, "want shape (S, E)")
	}
	S, E := p.MemoryVis.Shape[0], p.MemoryVis.Shape[1]
	checks := []struct {
		key   string
		a     *data.Array
		shape []int
		why   string
	}{
		{KeyPredictionW, p.PredictionW, []int{2 + H, 4 * H}, fmt.Sprintf("(2+H, 4H) with H = %d from %s", H, KeyPredictionB)},
		{KeyCorrectionB, p.CorrectionB, []int{4 * H}, fmt.Sprintf("(4H,) with H = %d from %s", H, KeyPredictionB)},
		{KeyCorrectionW, p.CorrectionW, []int{2 * H, 4 * H}, fmt.Sprintf("(H+H, 4H) with H = %d from %s", H, KeyPredictionB)},
		{KeyMemoryHD, p.MemoryHD, []int{S, H}, fmt.Sprintf("(S, H) with S = %d from %s and H = %d", S, KeyMemoryVis, H)},
		{KeyWritten, p.Written, []int{S, H}, fmt.Sprintf("(S, H) with S = %d from %s and H = %d", S, KeyMemoryVis, H)},
	}
	for _, c := range checks {
		if err := checkShape(c.key, c.a, c.shape, c.why); err != nil {
			return nil, err
		}
	}
	n := &Network{
		H: H, S: S, E: E,
		MemoryHD:  float64Copy(p.MemoryHD),
		MemoryVis: float64Copy(p.MemoryVis),
		Written:   float64Copy(p.Written),
		Beta:      p.Beta,
	}
	var err error
	if n.Prediction, err = NewLSTM(2, float64Copy(p.PredictionW), float64Copy(p.PredictionB)); err != nil {
		return nil, fmt.Errorf("prediction LSTM: %w", err)
	}
	if n.Correction, err = NewLSTM(H, float64Copy(p.CorrectionW), float64Copy(p.CorrectionB)); err != nil {
		return nil, fmt.Errorf("correction LSTM: %w", err)
	}
	if p.Embeddings != nil {
		if p.Embeddings.NDim() != 2 || p.Embeddings.Shape[1] != E || !p.Embeddings.IsFloat() {
			return nil, shapeErr(KeyEmbeddings, p.Embeddings, fmt.Sprintf("want a float array of shape (I, E) with E = %d from %s", E, KeyMemoryVis))
		}
		n.NumImages = p.Embeddings.Shape[0]
		n.Embeddings = float64Copy(p.Embeddings)
	}
	if p.Images != nil {
		a := p.Images
		pixels, ok := data.Values[uint8](a)
		if !ok || a.NDim() != 4 || a.Shape[3] != 3 {
			return nil, shapeErr(KeyImages, a, "want a uint8 array of shape (I, h, w, 3)")
		}
		if p.Embeddings == nil || a.Shape[0] != n.NumImages {
			return nil, shapeErr(KeyImages, a, fmt.Sprintf("want one image per embedding (%d)", n.NumImages))
		}
		n.Images = append([]uint8(nil), pixels...)
		n.ImageH, n.ImageW = a.Shape[1], a.Shape[2]
	}
	if (p.RVAngles == nil) != (p.RVLengths == nil) {
		return nil, fmt.Errorf("%s and %s: want both or neither", KeyRVAngles, KeyRVLengths)
	}
	if p.RVAngles != nil {
		for _, c := range []struct {
			key string
			a   *data.Array
		}{{KeyRVAngles, p.RVAngles}, {KeyRVLengths, p.RVLengths}} {
			if err := checkShape(c.key, c.a, []int{H}, fmt.Sprintf("(H,) with H = %d from %s", H, KeyPredictionB)); err != nil {
				return nil, err
			}
		}
		n.RVAngles, n.RVLengths = float64Copy(p.RVAngles), float64Copy(p.RVLengths)
	}
	return n, nil
}

func checkShape(key string, a *data.Array, shape []int, why string) error {
	if !a.IsFloat() {
		return shapeErr(key, a, "want a float array of shape "+why)
	}
	if len(a.Shape) != len(shape) {
		return shapeErr(key, a, "want shape "+why)
	}
	for i := range shape {
		if a.Shape[i] != shape[i] {
			return shapeErr(key, a, fmt.Sprintf("want shape %s = %s", why, data.FormatShape(shape)))
		}
	}
	return nil
}

func shapeErr(key string, a *data.Array, want string) error {
	return &ShapeError{Key: key, Msg: fmt.Sprintf("%s, got %s array of shape %s", want, a.DType(), data.FormatShape(a.Shape))}
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
