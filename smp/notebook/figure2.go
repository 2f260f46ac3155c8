package notebook

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/figures"
)

// PaperClassifyOptions are the classification's parameters in the paper
// and the original notebook, written out as the notebook's classification
// cell writes them: 1000 shuffles per unit, the 99th percentile, 20
// head-direction bins, 2.5 cm wall-distance bins, and the given seed of the
// shuffles.
func PaperClassifyOptions(seed int64) smp.ClassifyOptions {
	return smp.ClassifyOptions{Seed: seed, NShuffles: 1000, Percentile: 99, HDBins: 20, DistanceBin: 0.025}
}

// LoadTrajectories reads the trajectories of src, writing one line about
// it to progress (if not nil).
func LoadTrajectories(src *Source, progress io.Writer) (*data.Trajectories, error) {
	p, err := src.Path(data.TrajectoriesName)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	t, err := data.LoadTrajectories(p)
	if err != nil {
		return nil, err
	}
	if progress != nil {
		fmt.Fprintf(progress, "(read %s: %d trajectories x %d steps, in %.1f s)\n", p, t.NTraj, t.NSteps, time.Since(t0).Seconds())
	}
	return t, nil
}

// Figure2Input returns every result figure 2 draws, computed from src or
// read from the cache, step by step as the notebook's cells compute them:
// the same step names, parameters and calls, so that go run
// ./scripts/figures and the notebook share their cached results. Progress
// lines go to progress (if not nil).
func Figure2Input(src *Source, opt smp.ClassifyOptions, progress io.Writer) (figures.Figure2Input, error) {
	var in figures.Figure2Input
	load := sync.OnceValues(func() (*data.Trajectories, error) { return LoadTrajectories(src, progress) })
	s, err := Get(src, "data summary", nil, func() (*DataSummary, error) {
		t, err := load()
		if err != nil {
			return nil, err
		}
		return Summarize(t), nil
	}, progress)
	if err != nil {
		return in, err
	}
	in.UnitsPerRNN = s.UnitsPerRNN
	c, err := Get(src, "classification", opt, func() (*smp.Classification, error) {
		t, err := load()
		if err != nil {
			return nil, err
		}
		return smp.Classify(t.Activations(), t.HD, t.Pos, t.WorldDistances, opt)
	}, progress)
	if err != nil {
		return in, err
	}
	in.Classification = c
	if in.Stability, err = Get(src, "spatial stability", nil, func() ([]float64, error) {
		t, err := load()
		if err != nil {
			return nil, err
		}
		return UnitsStability(t)
	}, progress); err != nil {
		return in, err
	}
	u, err := Get(src, "panel units", *c, func() (*figures.PanelUnits, error) {
		t, err := load()
		if err != nil {
			return nil, err
		}
		return PanelUnits(src, t, c)
	}, progress)
	if err != nil {
		return in, err
	}
	in.Units = u
	in.Maps, err = Get(src, "panel ratemaps", *u, func() (*figures.PanelMaps, error) {
		t, err := load()
		if err != nil {
			return nil, err
		}
		return figures.ComputePanelMaps(t, u)
	}, progress)
	return in, err
}

// UnitsStability returns the spatial stability (smp.SpatialStability) of
// every unit of t, RNN-1 to RNN-3 concatenated, one RNN at a time (each
// unit's value depends on that unit alone).
func UnitsStability(t *data.Trajectories) ([]float64, error) {
	var all []float64
	for _, acts := range t.PredictedOutputs {
		s, err := smp.SpatialStability(t.Pos, acts)
		if err != nil {
			return nil, err
		}
		all = append(all, s...)
	}
	return all, nil
}

// PanelUnits chooses the units and memory slots panels A–E show
// (figures.ChoosePanelUnits): the original's on DeepMind's data, else the
// best-scoring of each type and the most place-like slots of memory map 1
// (figures.SlotPlaceScores).
func PanelUnits(src *Source, t *data.Trajectories, c *smp.Classification) (*figures.PanelUnits, error) {
	if len(t.LogPsGivenY) <= figures.PanelMemoryMap {
		return nil, fmt.Errorf("log_ps_given_y has %d memory maps, panel E needs map %d", len(t.LogPsGivenY), figures.PanelMemoryMap)
	}
	m := t.LogPsGivenY[figures.PanelMemoryMap]
	units, slots := t.UnitsPerRNN(), m.Shape[1]
	var scores []float64
	if !figures.OriginalUnitsApply(src.Kind, units, slots) {
		var err error
		if scores, err = figures.SlotPlaceScores(t.Pos, m); err != nil {
			return nil, err
		}
	}
	return figures.ChoosePanelUnits(src.Kind, units, slots, c, scores)
}
