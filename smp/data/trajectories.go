package data

import (
	"fmt"
)

// Trajectories is the flattened trajectory set of figure 2: NTraj
// trajectories of NSteps steps, N = NTraj*NSteps samples in all.
type Trajectories struct {
	Source string // file the set was read from

	// NTraj and NSteps are the unflattened sizes (800 and 500 for the real data).
	NTraj, NSteps int

	HD               []float64 // [N] allocentric head direction, radians
	Pos              *Array    // [N, 2] position (x, y), metres
	WorldDistances   *Array    // [N, A] wall distance along direction k = -pi + k*2*pi/A, metres
	PredictedOutputs []*Array  // per RNN, [N, U_k] activations
	LogPsGivenY      []*Array  // per memory map, [N, S] log p(slot | view)

	// Description is the original's printout of the unflattened set.
	Description string
}

// LoadTrajectories reads a trajectory set (.npz or pickle) and flattens it.
func LoadTrajectories(path string) (*Trajectories, error) {
	ds, err := Load(path)
	if err != nil {
		return nil, err
	}
	return NewTrajectories(ds)
}

// LoadTrajectoriesDir finds the trajectories data set in dir and loads it.
func LoadTrajectoriesDir(dir string) (*Trajectories, error) {
	p, err := FindDataset(dir, TrajectoriesName)
	if err != nil {
		return nil, err
	}
	return LoadTrajectories(p)
}

// NewTrajectories checks an unflattened trajectory data set against the
// schema (hd [T, S, 1], pos [T, S, 2], world_distances [T, S, A], lists
// predicted_outputs and log_ps_given_y of [T, S, *] float arrays) and returns
// it flattened to T*S samples.
func NewTrajectories(ds *Dataset) (*Trajectories, error) {
	hd, err := ds.FloatArray(3, "hd")
	if err != nil {
		return nil, err
	}
	nt, ns := hd.Shape[0], hd.Shape[1]
	check := func(a *Array, path []any, last int) error {
		if a.Shape[0] != nt || a.Shape[1] != ns || (last > 0 && a.Shape[2] != last) {
			want := fmt.Sprintf("(%d, %d, *)", nt, ns)
			if last > 0 {
				want = FormatShape([]int{nt, ns, last})
			}
			return ds.errorf(path, "want shape %s like hd, got %s", want, FormatShape(a.Shape))
		}
		return nil
	}
	if err := check(hd, []any{"hd"}, 1); err != nil {
		return nil, err
	}
	t := &Trajectories{Source: ds.Source, NTraj: nt, NSteps: ns, Description: ds.Describe()}
	t.HD = hd.Float64()
	if t.Pos, err = ds.FloatArray(3, "pos"); err != nil {
		return nil, err
	}
	if err := check(t.Pos, []any{"pos"}, 2); err != nil {
		return nil, err
	}
	if t.WorldDistances, err = ds.FloatArray(3, "world_distances"); err != nil {
		return nil, err
	}
	if err := check(t.WorldDistances, []any{"world_distances"}, 0); err != nil {
		return nil, err
	}
	lists := []struct {
		key string
		dst *[]*Array
	}{{"predicted_outputs", &t.PredictedOutputs}, {"log_ps_given_y", &t.LogPsGivenY}}
	for _, l := range lists {
		list, err := ds.List(l.key)
		if err != nil {
			return nil, err
		}
		for i := range list {
			a, err := ds.FloatArray(3, l.key, i)
			if err != nil {
				return nil, err
			}
			if err := check(a, []any{l.key, i}, 0); err != nil {
				return nil, err
			}
			*l.dst = append(*l.dst, flat(a))
		}
	}
	if len(t.PredictedOutputs) == 0 {
		return nil, ds.errorf([]any{"predicted_outputs"}, "want at least one RNN's activations, got an empty list")
	}
	t.Pos, t.WorldDistances = flat(t.Pos), flat(t.WorldDistances)
	return t, nil
}

// flat merges the first two dimensions of a 3-D array, sharing storage.
func flat(a *Array) *Array {
	return &Array{Shape: []int{a.Shape[0] * a.Shape[1], a.Shape[2]}, Data: a.Data}
}

// N returns the number of samples, NTraj*NSteps.
func (t *Trajectories) N() int { return t.NTraj * t.NSteps }

// UnitsPerRNN returns the number of units of each RNN, e.g. [32 128 128].
func (t *Trajectories) UnitsPerRNN() []int {
	u := make([]int, len(t.PredictedOutputs))
	for i, a := range t.PredictedOutputs {
		u[i] = a.Shape[1]
	}
	return u
}

// Activations returns every RNN's units concatenated along the unit axis,
// [N, sum U_k]: unit u of the result is unit u of RNN-1 for u < U_1, unit
// u-U_1 of RNN-2 for the next U_2, and so on. The result is float32 when all
// RNNs are float32, float64 otherwise.
func (t *Trajectories) Activations() *Array {
	total := 0
	all32 := true
	for _, a := range t.PredictedOutputs {
		total += a.Shape[1]
		_, ok := a.Data.([]float32)
		all32 = all32 && ok
	}
	n := t.N()
	if all32 {
		out := make([]float32, n*total)
		off := 0
		for _, a := range t.PredictedOutputs {
			concatColumns(out, a.Data.([]float32), n, total, off, a.Shape[1])
			off += a.Shape[1]
		}
		return NewFloat32(out, n, total)
	}
	out := make([]float64, n*total)
	off := 0
	for _, a := range t.PredictedOutputs {
		concatColumns(out, a.Float64(), n, total, off, a.Shape[1])
		off += a.Shape[1]
	}
	return NewFloat64(out, n, total)
}

// concatColumns copies src [n, w] into columns off..off+w of dst [n, total].
func concatColumns[T any](dst, src []T, n, total, off, w int) {
	for i := 0; i < n; i++ {
		copy(dst[i*total+off:i*total+off+w], src[i*w:(i+1)*w])
	}
}
