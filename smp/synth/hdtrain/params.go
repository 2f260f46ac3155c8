package hdtrain

import (
	"fmt"
	"slices"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// KeyPref holds the units' preferred headings (radians), the ground truth
// of the synthetic world; the LSTMs are stored under the trained model's
// names (hdnet.KeyPredictionW, ...).
const KeyPref = "preferred_directions"

// Save writes m's parameters to an .npz file under the trained model's
// names, as float32 arrays: w_gates [In+H, 4H], b_gates [4H] for both
// LSTMs, and preferred_directions [H].
func (m *Model) Save(path string) error {
	h := len(m.Pref)
	f32 := func(v []float64, shape ...int) *data.Array { return data.New(data.New(v, len(v)).Float32(), shape...) }
	err := data.WriteNPZ(path, data.Dict{
		hdnet.KeyPredictionW: f32(m.Pred.W, m.Pred.In+h, 4*h),
		hdnet.KeyPredictionB: f32(m.Pred.B, 4*h),
		hdnet.KeyCorrectionW: f32(m.Corr.W, m.Corr.In+h, 4*h),
		hdnet.KeyCorrectionB: f32(m.Corr.B, 4*h),
		KeyPref:              f32(m.Pref, h),
	})
	if err != nil {
		return fmt.Errorf("hdtrain: save: %w", err)
	}
	return nil
}

// Round32 rounds every parameter of m to float32 precision, as Save stores
// them.
func (m *Model) Round32() {
	pw, pb, cw, cb := m.Weights()
	for _, p := range [][]float64{pw, pb, cw, cb, m.Pref} {
		for i, v := range p {
			p[i] = float64(float32(v))
		}
	}
}

// FromDataset reads a model from a parameter dataset with the keys and
// shapes Save writes; the tuning (not stored) is DefaultTuning.
func FromDataset(ds *data.Dataset) (*Model, error) {
	pref, err := ds.FloatArray(1, KeyPref)
	if err != nil {
		return nil, err
	}
	h := pref.Shape[0]
	if h == 0 {
		return nil, fmt.Errorf("hdtrain: %s: no units", KeyPref)
	}
	m := &Model{Pref: pref.Float64(), Tuning: DefaultTuning()}
	var a [4][]float64
	for i, k := range []struct {
		key   string
		shape []int
	}{{hdnet.KeyPredictionW, []int{2 + h, 4 * h}}, {hdnet.KeyPredictionB, []int{4 * h}}, {hdnet.KeyCorrectionW, []int{2 * h, 4 * h}}, {hdnet.KeyCorrectionB, []int{4 * h}}} {
		arr, err := ds.FloatArray(len(k.shape), k.key)
		if err != nil {
			return nil, err
		}
		if !slices.Equal(arr.Shape, k.shape) {
			return nil, fmt.Errorf("hdtrain: %s: shape %s, want %v", k.key, data.FormatShape(arr.Shape), k.shape)
		}
		a[i] = arr.Float64()
	}
	m.Pred = &hdnet.LSTM{In: 2, H: h, W: a[0], B: a[1]}
	m.Corr = &hdnet.LSTM{In: h, H: h, W: a[2], B: a[3]}
	return m, nil
}

// Load reads a model from an .npz file written by Save.
func Load(path string) (*Model, error) {
	ds, err := data.LoadNPZ(path)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: load: %w", err)
	}
	m, err := FromDataset(ds)
	if err != nil {
		return nil, fmt.Errorf("hdtrain: load %s: %w", path, err)
	}
	return m, nil
}
