package notebook

import (
	"fmt"
	"io"
	"sync"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/figures"
)

// PaperClassifyOptions are the classification's parameters in the paper
// and the original notebook (the notebook's classification cell writes
// them out), with the given seed of the shuffles.
func PaperClassifyOptions(seed int64) smp.ClassifyOptions {
	return smp.ClassifyOptions{Seed: seed, NShuffles: 1000, Percentile: 99, HDBins: 20, DistanceBin: 0.025}
}

// Figure2 computes figure 2's steps, one method per step of the notebook,
// called in turn by Input (go run ./scripts/figures -fig 2). Each result is
// cached (see step), so that the notebooks and the command share it; the
// trajectories are read only when a result is not in the cache, once.
type Figure2 struct {
	*steps
	// ahead is set by Input: when the classification is computed, the slot
	// scores of PanelUnits, which need only the trajectories, are computed
	// meanwhile into scores.
	ahead  bool
	scores func() ([]float64, error)
}

// OpenFigure2 returns figure 2's steps on Data, with progress on standard
// output, sharing the cell's results and trajectories.
func OpenFigure2() *Figure2 { return &Figure2{steps: sessionSteps()} }

// NewFigure2 returns figure 2's steps on src, with progress lines to
// progress (if not nil).
func NewFigure2(src *Source, progress io.Writer) *Figure2 {
	return &Figure2{steps: newSteps(src, progress)}
}

// step2 runs figure 2's step name with the parameters params (see step);
// compute gets the trajectories, read on first need.
func step2[T any](f *Figure2, name string, params any, compute func(t *data.Trajectories) (T, error)) (T, error) {
	return step(f.steps, name, params, func() (T, error) { return with(f.trajectories, compute) })
}

// with returns compute of what load returns, or load's error.
func with[D, T any](load func() (D, error), compute func(D) (T, error)) (T, error) {
	d, err := load()
	if err != nil {
		var zero T
		return zero, err
	}
	return compute(d)
}

// DataSummary describes a trajectory data set.
type DataSummary struct {
	Path          string
	NTraj, NSteps int   // trajectories and steps per trajectory
	UnitsPerRNN   []int // units of RNN-1, RNN-2, ...
	Sensors       int   // wall-distance directions A
	SlotsPerMap   []int // memory slots S of each memory map
	// Description is the original's printout of the unflattened set.
	Description string
}

// String returns the sizes in one line, e.g. "200 trajectories x 500 steps
// = 100000 samples; RNN units [32 128 128]; 20 wall directions; memory
// maps of [512 512] slots".
func (s *DataSummary) String() string {
	return fmt.Sprintf("%d trajectories x %d steps = %d samples; RNN units %v; %d wall directions; memory maps of %v slots",
		s.NTraj, s.NSteps, s.NTraj*s.NSteps, s.UnitsPerRNN, s.Sensors, s.SlotsPerMap)
}

// Summary returns the sizes of the trajectory data set.
func (f *Figure2) Summary() (*DataSummary, error) {
	return step2(f, "data summary", nil, func(t *data.Trajectories) (*DataSummary, error) {
		s := &DataSummary{Path: t.Source, NTraj: t.NTraj, NSteps: t.NSteps, UnitsPerRNN: t.UnitsPerRNN(),
			Sensors: t.WorldDistances.Shape[1], Description: t.Description}
		for _, a := range t.LogPsGivenY {
			s.SlotsPerMap = append(s.SlotsPerMap, a.Shape[1])
		}
		return s, nil
	})
}

// Classification classifies every unit as HD cell, egoBVC and BVC
// (smp.Classify) with the options opt (PaperClassifyOptions).
func (f *Figure2) Classification(opt smp.ClassifyOptions) (*smp.Classification, error) {
	return step2(f, "classification", opt, func(t *data.Trajectories) (*smp.Classification, error) {
		if m := t.LogPsGivenY; f.ahead && len(m) > figures.PanelMemoryMap &&
			!figures.OriginalUnitsApply(f.src.Kind, t.UnitsPerRNN(), m[figures.PanelMemoryMap].Shape[1]) {
			f.scores = sync.OnceValues(func() ([]float64, error) { return figures.SlotPlaceScores(t.Pos, m[figures.PanelMemoryMap]) })
			go f.scores()
		}
		return smp.Classify(t.Activations(), t.HD, t.Pos, t.WorldDistances, opt)
	})
}

// Stability returns the spatial stability (smp.SpatialStability) of every
// unit, RNN-1 to RNN-3 concatenated, one RNN at a time (each unit's value
// depends on that unit alone).
func (f *Figure2) Stability() ([]float64, error) {
	return step2(f, "spatial stability", nil, func(t *data.Trajectories) ([]float64, error) {
		var all []float64
		for _, acts := range t.PredictedOutputs {
			s, err := smp.SpatialStability(t.Pos, acts)
			if err != nil {
				return nil, err
			}
			all = append(all, s...)
		}
		return all, nil
	})
}

// PanelUnits chooses the units and memory slots panels A–E show
// (figures.ChoosePanelUnits) from the classification c: the original's on
// DeepMind's data, else the best-scoring of each type and the most
// place-like slots of memory map 1 (figures.SlotPlaceScores).
func (f *Figure2) PanelUnits(c *smp.Classification) (*figures.PanelUnits, error) {
	return step2(f, "panel units", *c, func(t *data.Trajectories) (*figures.PanelUnits, error) {
		if len(t.LogPsGivenY) <= figures.PanelMemoryMap {
			return nil, fmt.Errorf("log_ps_given_y has %d memory maps, panel E needs map %d", len(t.LogPsGivenY), figures.PanelMemoryMap)
		}
		m := t.LogPsGivenY[figures.PanelMemoryMap]
		units, slots := t.UnitsPerRNN(), m.Shape[1]
		var scores []float64
		if !figures.OriginalUnitsApply(f.src.Kind, units, slots) {
			var err error
			if f.scores != nil {
				scores, err = f.scores()
			} else {
				scores, err = figures.SlotPlaceScores(t.Pos, m)
			}
			if err != nil {
				return nil, err
			}
		}
		return figures.ChoosePanelUnits(f.src.Kind, units, slots, c, scores)
	})
}

// PanelMaps computes the tuning curves and ratemaps of the units u of
// panels A–E (figures.ComputePanelMaps).
func (f *Figure2) PanelMaps(u *figures.PanelUnits) (*figures.PanelMaps, error) {
	return step2(f, "panel ratemaps", *u, func(t *data.Trajectories) (*figures.PanelMaps, error) {
		return figures.ComputePanelMaps(t, u)
	})
}

// Input returns everything figure 2 draws, step by step, with the
// classification options opt.
func (f *Figure2) Input(opt smp.ClassifyOptions) (in figures.Figure2Input, err error) {
	s, err := f.Summary()
	if err != nil {
		return in, err
	}
	in.UnitsPerRNN = s.UnitsPerRNN
	f.ahead = true
	if in.Classification, err = f.Classification(opt); err != nil {
		return in, err
	}
	if in.Stability, err = f.Stability(); err != nil {
		return in, err
	}
	if in.Units, err = f.PanelUnits(in.Classification); err != nil {
		return in, err
	}
	in.Maps, err = f.PanelMaps(in.Units)
	return in, err
}
