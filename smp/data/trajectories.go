package data

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/smp-go/smp-go/smp/internal/mmap"
	"github.com/smp-go/smp-go/smp/num"
)

// Trajectories is the flattened trajectory set of figure 2: NTraj
// trajectories of NSteps steps, N = NTraj*NSteps samples in all.
type Trajectories struct {
	Source string // file the set was read from

	// NTraj and NSteps are the unflattened sizes (800 and 500 for the real data).
	NTraj, NSteps int

	HD               []float64 // [N] allocentric head direction, radians (a float64 copy, 8 bytes a sample: the analyses take []float64)
	Pos              *Array    // [N, 2] position (x, y), metres
	WorldDistances   *Array    // [N, A] wall distance along direction k = -pi + k*2*pi/A, metres
	PredictedOutputs []*Array  // per RNN, [N, U_k] activations
	LogPsGivenY      []*Array  // per memory map, [N, S] log p(slot | view)

	// Description is the original's printout of the unflattened set.
	Description string

	ds *Dataset // owner of the mapped file
}

// MaxCoordinate bounds the positions' coordinates, in metres: |x| and |y|
// must not exceed it. Figure 2's grids grow with the arena's extent
// (ratemap cells of 0.14 m, boundary distances in steps of 0.025 m), so
// this bound keeps their memory bounded whatever the data hold: at most
// 143 × 143 ratemap cells and 400 distance bins. Real arenas are a few
// metres wide.
const MaxCoordinate = 10.0

// LoadTrajectories reads a trajectory set (.npz or pickle), checks it
// (NewTrajectories) and flattens it. For an .npz archive the keys and
// shapes are checked from the .npy headers before any array is read. Close
// the result to release the mapped file.
func LoadTrajectories(path string) (*Trajectories, error) {
	var ds *Dataset
	var err error
	if strings.EqualFold(filepath.Ext(path), ".npz") {
		ds, err = loadNPZ(path, func(ds *Dataset) error {
			_, err := checkTrajectorySchema(ds)
			return err
		})
	} else {
		ds, err = Load(path)
	}
	if err != nil {
		return nil, err
	}
	t, err := NewTrajectories(ds)
	if err != nil {
		ds.Close()
		return nil, err
	}
	return t, nil
}

// LoadTrajectoriesDir finds the trajectories data set in dir and loads it.
func LoadTrajectoriesDir(dir string) (*Trajectories, error) {
	p, err := FindDataset(dir, TrajectoriesName)
	if err != nil {
		return nil, err
	}
	return LoadTrajectories(p)
}

// trajectorySchema holds the arrays of a trajectory set, unflattened.
type trajectorySchema struct {
	hd, pos, wd    *Array
	outputs, logPs []*Array
	nTraj, nSteps  int
}

// checkTrajectorySchema checks the keys, types and shapes of an unflattened
// trajectory set (the values may not be loaded yet): hd [T, S, 1],
// pos [T, S, 2], world_distances [T, S, A], and lists predicted_outputs and
// log_ps_given_y of [T, S, *] float arrays.
func checkTrajectorySchema(ds *Dataset) (*trajectorySchema, error) {
	hd, err := ds.FloatArray(3, "hd")
	if err != nil {
		return nil, err
	}
	s := &trajectorySchema{nTraj: hd.Shape[0], nSteps: hd.Shape[1]}
	// array returns the 3-D float array at path, of shape [T, S, last]
	// like hd (any last when last is 0).
	array := func(last int, path ...any) (*Array, error) {
		a, err := ds.FloatArray(3, path...)
		if err == nil && (a.Shape[0] != s.nTraj || a.Shape[1] != s.nSteps || (last > 0 && a.Shape[2] != last)) {
			want := fmt.Sprintf("(%d, %d, *)", s.nTraj, s.nSteps)
			if last > 0 {
				want = FormatShape([]int{s.nTraj, s.nSteps, last})
			}
			return nil, ds.errorf(path, "want shape %s like hd, got %s", want, FormatShape(a.Shape))
		}
		return a, err
	}
	if s.hd, err = array(1, "hd"); err != nil {
		return nil, err
	}
	if s.pos, err = array(2, "pos"); err != nil {
		return nil, err
	}
	if s.wd, err = array(0, "world_distances"); err != nil {
		return nil, err
	}
	lists := []struct {
		key string
		dst *[]*Array
	}{{"predicted_outputs", &s.outputs}, {"log_ps_given_y", &s.logPs}}
	for _, l := range lists {
		list, err := ds.List(l.key)
		if err != nil {
			return nil, err
		}
		for i := range list {
			a, err := array(0, l.key, i)
			if err != nil {
				return nil, err
			}
			*l.dst = append(*l.dst, a)
		}
	}
	if len(s.outputs) == 0 {
		return nil, ds.errorf([]any{"predicted_outputs"}, "want at least one RNN's activations, got an empty list")
	}
	return s, nil
}

// NewTrajectories checks an unflattened trajectory data set's schema
// (checkTrajectorySchema) and values (checkTrajectoryValues), and returns it
// flattened to T*S samples. The flattening is a reshape: the arrays share
// the data set's storage, and Close on the result closes the data set.
func NewTrajectories(ds *Dataset) (*Trajectories, error) {
	s, err := checkTrajectorySchema(ds)
	if err != nil {
		return nil, err
	}
	t := &Trajectories{Source: ds.Source, NTraj: s.nTraj, NSteps: s.nSteps, Description: ds.Describe(), ds: ds}
	err = Guard(func() error {
		t.HD = s.hd.Float64()
		return checkTrajectoryValues(ds, s)
	})
	if err != nil {
		return nil, err
	}
	t.Pos, t.WorldDistances = flat(s.pos), flat(s.wd)
	for _, a := range s.outputs {
		t.PredictedOutputs = append(t.PredictedOutputs, flat(a))
	}
	for _, a := range s.logPs {
		t.LogPsGivenY = append(t.LogPsGivenY, flat(a))
	}
	return t, nil
}

// Close releases the mapped file behind the trajectories' arrays, which
// must not be used afterwards (see Dataset.Close).
func (t *Trajectories) Close() error {
	if t.ds == nil {
		return nil
	}
	return t.ds.Close()
}

// flat merges the first two dimensions of a 3-D array: a reshape, sharing
// storage.
func flat(a *Array) *Array {
	return &Array{Shape: []int{a.Shape[0] * a.Shape[1], a.Shape[2]}, values: a.values}
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
//
// It is a copy (460 MB for the real data), the one copy of the large data
// that loading leaves: the file holds each RNN's array separately, and the
// analyses take one [N, U] matrix.
func (t *Trajectories) Activations() *Array {
	for _, a := range t.PredictedOutputs {
		if _, ok := Values[float32](a); !ok {
			return concatUnits(t, (*Array).Float64)
		}
	}
	return concatUnits(t, (*Array).Float32)
}

// concatUnits returns the RNNs' units concatenated as Activations does,
// with values as T.
func concatUnits[T float32 | float64](t *Trajectories, values func(*Array) []T) *Array {
	total := 0
	for _, a := range t.PredictedOutputs {
		total += a.Shape[1]
	}
	n := t.N()
	out := make([]T, n*total)
	mmap.AdviseHugePages(out)
	srcs := make([][]T, len(t.PredictedOutputs))
	for k, a := range t.PredictedOutputs {
		srcs[k] = values(a)
	}
	// Blocks of rows on all CPUs: the copy is bound by first touching the
	// fresh memory and the file's pages, which goes faster on several cores.
	const block = 4096
	num.ParallelFor((n+block-1)/block, 0, nil, func(_, b int) {
		for i := b * block; i < min(n, (b+1)*block); i++ {
			row := out[i*total : (i+1)*total]
			for k, a := range t.PredictedOutputs {
				w := a.Shape[1]
				row = row[copy(row, srcs[k][i*w:(i+1)*w]):]
			}
		}
	})
	return New(out, n, total)
}
