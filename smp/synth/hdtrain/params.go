package hdtrain

import (
	"fmt"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// Parameter names of the trained model (figure 3's parameter file).
const (
	KeyPredW = "integrator/multi_integrator_nets/prediction_rnn_0/w_gates"
	KeyPredB = "integrator/multi_integrator_nets/prediction_rnn_0/b_gates"
	KeyCorrW = "integrator/multi_integrator_nets/correction_rnn_0/w_gates"
	KeyCorrB = "integrator/multi_integrator_nets/correction_rnn_0/b_gates"
	// KeyPref holds the units' preferred headings (radians), the ground
	// truth of the synthetic world.
	KeyPref = "preferred_directions"
)

// Dict returns m's parameters under the trained model's names, as float32
// arrays: w_gates [In+H, 4H], b_gates [4H] for both LSTMs, and
// preferred_directions [H].
func (m *Model) Dict() data.Dict {
	h := len(m.Pref)
	return data.Dict{
		KeyPredW: data.New(f32(m.Pred.W), m.Pred.In+h, 4*h),
		KeyPredB: data.New(f32(m.Pred.B), 4*h),
		KeyCorrW: data.New(f32(m.Corr.W), m.Corr.In+h, 4*h),
		KeyCorrB: data.New(f32(m.Corr.B), 4*h),
		KeyPref:  data.New(f32(m.Pref), h),
	}
}

// Save writes m's parameters (Dict) to an .npz file.
func (m *Model) Save(path string) error {
	if err := data.WriteNPZ(path, m.Dict()); err != nil {
		return fmt.Errorf("hdtrain: save: %w", err)
	}
	return nil
}

// params returns the weights and biases of both layers.
func (m *Model) params() [][]float64 { return [][]float64{m.Pred.W, m.Pred.B, m.Corr.W, m.Corr.B} }

// Round32 rounds every parameter of m to float32 precision, as Save stores
// them.
func (m *Model) Round32() {
	for _, p := range append(m.params(), m.Pref) {
		for i, v := range p {
			p[i] = float64(float32(v))
		}
	}
}

// FromDataset reads a model from a parameter dataset with the keys of Dict;
// the tuning (not stored) is DefaultTuning.
func FromDataset(ds *data.Dataset) (*Model, error) {
	get := func(key string, shape ...int) ([]float64, error) {
		a, err := ds.FloatArray(len(shape), key)
		if err != nil {
			return nil, err
		}
		for i, n := range shape {
			if a.Shape[i] != n {
				return nil, fmt.Errorf("hdtrain: %s: shape %s, want %v", key, data.FormatShape(a.Shape), shape)
			}
		}
		return a.Float64(), nil
	}
	prefArr, err := ds.FloatArray(1, KeyPref)
	if err != nil {
		return nil, err
	}
	h := prefArr.Shape[0]
	m := &Model{Pref: prefArr.Float64(), Tuning: DefaultTuning()}
	var a [4][]float64
	for i, k := range []struct {
		key   string
		shape []int
	}{{KeyPredW, []int{2 + h, 4 * h}}, {KeyPredB, []int{4 * h}}, {KeyCorrW, []int{2 * h, 4 * h}}, {KeyCorrB, []int{4 * h}}} {
		if a[i], err = get(k.key, k.shape...); err != nil {
			return nil, err
		}
	}
	if m.Pred, err = hdnet.NewLSTM(2, a[0], a[1]); err != nil {
		return nil, fmt.Errorf("hdtrain: prediction %w", err)
	}
	if m.Corr, err = hdnet.NewLSTM(h, a[2], a[3]); err != nil {
		return nil, fmt.Errorf("hdtrain: correction %w", err)
	}
	return m, m.Check()
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

func f32(v []float64) []float32 {
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(x)
	}
	return out
}
