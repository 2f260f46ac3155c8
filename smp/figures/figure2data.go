package figures

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// Figure2Options configures figure 2's computations.
type Figure2Options struct {
	// Seed makes the classification's shuffle thresholds repeatable (the
	// original's are random). Part of the cache key.
	Seed int64
	// NShuffles is the number of shuffles per unit for each threshold;
	// 0 means the original's 1000. Part of the cache key.
	NShuffles int
	// Cache keeps results between processes; nil computes everything each
	// time.
	Cache *Cache
	// Progress, if not nil, receives one line per step: what is being read
	// or computed, or that it came from the cache, and how long it took.
	Progress io.Writer
}

// Figure2Data is figure 2's data set and the results computed from it. The
// trajectory arrays are read from disk only when a result is not in the
// cache, at most once per Figure2Data. Methods are not safe for concurrent
// use.
type Figure2Data struct {
	Source DataSource
	// Path is the trajectories file.
	Path string

	opt     Figure2Options
	fileKey string
	traj    *data.Trajectories

	// memo holds the results already obtained in this process, by cache
	// key.
	memo map[string]any
}

// OpenFigure2 locates figure 2's trajectory data set in src.Dir without
// reading it.
func OpenFigure2(src DataSource, opt Figure2Options) (*Figure2Data, error) {
	p, err := data.FindDataset(src.Dir, data.TrajectoriesName)
	if err != nil {
		return nil, fmt.Errorf("figure 2: %w", err)
	}
	fk, err := FileKey(p)
	if err != nil {
		return nil, fmt.Errorf("figure 2: %w", err)
	}
	return &Figure2Data{Source: src, Path: p, opt: opt, fileKey: fk}, nil
}

// OpenFigure2Notebook is OpenFigure2 as the notebook uses it: the data
// chosen by NotebookData (data/real or data/synthetic, or $SMP_DATA_DIR),
// the default cache (DefaultCacheDir) and progress on standard error.
func OpenFigure2Notebook(seed int64) (*Figure2Data, error) {
	src, err := NotebookData(data.TrajectoriesName)
	if err != nil {
		return nil, err
	}
	c, err := NewCache(DefaultCacheDir())
	if err != nil {
		return nil, err
	}
	return OpenFigure2(src, Figure2Options{Seed: seed, Cache: c, Progress: os.Stderr})
}

// Options returns the options d was opened with.
func (d *Figure2Data) Options() Figure2Options { return d.opt }

func (d *Figure2Data) logf(format string, args ...any) {
	if d.opt.Progress != nil {
		fmt.Fprintf(d.opt.Progress, "figure 2: "+format+"\n", args...)
	}
}

// step runs one cached step with progress lines, and keeps the result for
// later calls in this process.
func step[T any](d *Figure2Data, name string, key string, compute func() (T, error)) (T, error) {
	if v, ok := d.memo[key]; ok {
		return v.(T), nil
	}
	t0 := time.Now()
	v, hit, err := Cached(d.opt.Cache, key, compute)
	if err != nil {
		return v, fmt.Errorf("figure 2: %s: %w", name, err)
	}
	if hit {
		d.logf("%s: from the cache (%s)", name, d.opt.Cache.Dir)
	} else {
		d.logf("%s: computed in %.1f s", name, time.Since(t0).Seconds())
	}
	if d.memo == nil {
		d.memo = make(map[string]any)
	}
	d.memo[key] = v
	return v, nil
}

// Trajectories reads and flattens the trajectory data set (once).
func (d *Figure2Data) Trajectories() (*data.Trajectories, error) {
	if d.traj != nil {
		return d.traj, nil
	}
	size := ""
	if fi, err := os.Stat(d.Path); err == nil {
		size = fmt.Sprintf(" (%.0f MB)", float64(fi.Size())/1e6)
	}
	d.logf("reading %s%s ...", d.Path, size)
	t0 := time.Now()
	t, err := data.LoadTrajectories(d.Path)
	if err != nil {
		return nil, err // smp's errors name the file
	}
	d.logf("read %d trajectories x %d steps in %.1f s", t.NTraj, t.NSteps, time.Since(t0).Seconds())
	d.traj = t
	return t, nil
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

// Summarize returns the summary of a loaded trajectory set.
func Summarize(t *data.Trajectories) *DataSummary {
	s := &DataSummary{Path: t.Source, NTraj: t.NTraj, NSteps: t.NSteps, UnitsPerRNN: t.UnitsPerRNN(),
		Description: t.Description}
	if t.WorldDistances != nil && t.WorldDistances.NDim() == 2 {
		s.Sensors = t.WorldDistances.Shape[1]
	}
	for _, a := range t.LogPsGivenY {
		s.SlotsPerMap = append(s.SlotsPerMap, a.Shape[1])
	}
	return s
}

// Summary returns the data set's sizes and description (cell 3 of the
// original), cached.
func (d *Figure2Data) Summary() (*DataSummary, error) {
	return step(d, "data summary", Key("summary", d.fileKey), func() (*DataSummary, error) {
		t, err := d.Trajectories()
		if err != nil {
			return nil, err
		}
		return Summarize(t), nil
	})
}

// ClassifyUnits runs the original's classification
// (classify_units_into_representations, smp.Classify) on all units of t,
// RNN-1 to RNN-3 concatenated, with the given seed and shuffles (0: 1000),
// reporting stages to progress if not nil.
func ClassifyUnits(t *data.Trajectories, seed int64, nShuffles int, progress io.Writer) (*smp.Classification, error) {
	acts := t.Activations()
	opt := smp.ClassifyOptions{Seed: seed, NShuffles: nShuffles}
	if progress != nil {
		t0 := time.Now()
		opt.Progress = func(stage string, done, total int) {
			fmt.Fprintf(progress, "figure 2: classification %d/%d %s (%.1f s)\n", done, total, stage, time.Since(t0).Seconds())
		}
	}
	return smp.Classify(acts, t.HD, t.Pos, t.WorldDistances, opt)
}

// Classification classifies every unit into HD, egoBVC and BVC cells
// (cell 4 of the original; see ClassifyUnits), cached by data file, seed
// and number of shuffles.
func (d *Figure2Data) Classification() (*smp.Classification, error) {
	key := Key("classification", d.fileKey, d.opt.Seed, d.opt.NShuffles)
	return step(d, "classification", key, func() (*smp.Classification, error) {
		t, err := d.Trajectories()
		if err != nil {
			return nil, err
		}
		return ClassifyUnits(t, d.opt.Seed, d.opt.NShuffles, d.opt.Progress)
	})
}

// TypeCounts returns the counts of cell types per RNN (cell 5 of the
// original).
func (d *Figure2Data) TypeCounts() ([]smp.TypeCounts, error) {
	c, err := d.Classification()
	if err != nil {
		return nil, err
	}
	s, err := d.Summary()
	if err != nil {
		return nil, err
	}
	return c.TypeCounts(s.UnitsPerRNN)
}

// UnitsStability returns the spatial stability (smp.SpatialStability) of
// every unit of t, RNN-1 to RNN-3 concatenated. Each unit's value depends on
// that unit alone, so the RNNs are computed one at a time without
// concatenating them.
func UnitsStability(t *data.Trajectories) ([]float64, error) {
	var out []float64
	for _, a := range t.PredictedOutputs {
		s, err := smp.SpatialStability(t.Pos, a)
		if err != nil {
			return nil, err
		}
		out = append(out, s...)
	}
	return out, nil
}

// Stability returns the spatial stability of every unit (cell 6 of the
// original, panel F), cached.
func (d *Figure2Data) Stability() ([]float64, error) {
	return step(d, "spatial stability", Key("stability", d.fileKey), func() ([]float64, error) {
		t, err := d.Trajectories()
		if err != nil {
			return nil, err
		}
		return UnitsStability(t)
	})
}

// SlotScores returns the place score (SlotPlaceScores) of every slot of
// memory map 1, cached.
func (d *Figure2Data) SlotScores() ([]float64, error) {
	return step(d, "memory slot place scores", Key("slot-scores", d.fileKey, PanelMemoryMap), func() ([]float64, error) {
		t, err := d.Trajectories()
		if err != nil {
			return nil, err
		}
		if len(t.LogPsGivenY) <= PanelMemoryMap {
			return nil, fmt.Errorf("log_ps_given_y has %d memory maps, panel E needs map %d", len(t.LogPsGivenY), PanelMemoryMap)
		}
		return SlotPlaceScores(t.Pos, t.LogPsGivenY[PanelMemoryMap])
	})
}

// PanelUnits chooses the units and slots of panels A–E (ChoosePanelUnits):
// the original's on DeepMind's data, the best-scoring of each type
// otherwise.
func (d *Figure2Data) PanelUnits() (*PanelUnits, error) {
	s, err := d.Summary()
	if err != nil {
		return nil, err
	}
	c, err := d.Classification()
	if err != nil {
		return nil, err
	}
	slots := 0
	if len(s.SlotsPerMap) > PanelMemoryMap {
		slots = s.SlotsPerMap[PanelMemoryMap]
	}
	var scores []float64
	if !OriginalUnitsApply(d.Source.Kind, s.UnitsPerRNN, slots) {
		if scores, err = d.SlotScores(); err != nil {
			return nil, err
		}
	}
	return ChoosePanelUnits(d.Source.Kind, s.UnitsPerRNN, slots, c, scores)
}

// PanelMaps computes the HD tuning curves and ratemaps that panels A–E
// draw for the chosen units (ComputePanelMaps), cached.
func (d *Figure2Data) PanelMaps() (*PanelMaps, error) {
	u, err := d.PanelUnits()
	if err != nil {
		return nil, err
	}
	key := Key("panel-maps", d.fileKey, u.HD, u.Ego, u.Allo, u.Slots)
	return step(d, "panel ratemaps", key, func() (*PanelMaps, error) {
		t, err := d.Trajectories()
		if err != nil {
			return nil, err
		}
		return ComputePanelMaps(t, u)
	})
}

// Figure2Input gathers every result the figure draws.
func (d *Figure2Data) Figure2Input() (Figure2Input, error) {
	var in Figure2Input
	s, err := d.Summary()
	if err != nil {
		return in, err
	}
	in.UnitsPerRNN = slices.Clone(s.UnitsPerRNN)
	if in.Classification, err = d.Classification(); err != nil {
		return in, err
	}
	if in.Stability, err = d.Stability(); err != nil {
		return in, err
	}
	if in.Units, err = d.PanelUnits(); err != nil {
		return in, err
	}
	if in.Maps, err = d.PanelMaps(); err != nil {
		return in, err
	}
	return in, nil
}

// ClassificationReport prints what cell 4 of the original prints: the three
// thresholds and, for each type, the indices of its units in the
// concatenation RNN-1 | RNN-2 | RNN-3.
func ClassificationReport(c *smp.Classification) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HD threshold %.4f, egoBVC threshold %.4f, BVC threshold %.4f\n",
		c.HDThreshold, c.EgoThreshold, c.AlloThreshold)
	for _, k := range []struct {
		name string
		is   []bool
	}{{"HD", c.IsHD}, {"egoBVC", c.IsEgo}, {"BVC", c.IsAllo}} {
		var idx []string
		for u, ok := range k.is {
			if ok {
				idx = append(idx, fmt.Sprint(u))
			}
		}
		fmt.Fprintf(&b, "%s units (%d): [%s]\n", k.name, len(idx), strings.Join(idx, " "))
	}
	return b.String()
}

// StabilityReport summarises the spatial stability of each RNN's units in
// one line per RNN: the number of units, the median (NaNs ignored) and how
// many units exceed 0.5.
func StabilityReport(stability []float64, unitsPerRNN []int) (string, error) {
	per, err := smp.SplitByRNN(stability, unitsPerRNN)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for r, v := range per {
		var finite []float64
		above := 0
		for _, x := range v {
			if x == x {
				finite = append(finite, x)
			}
			if x > 0.5 {
				above++
			}
		}
		med := num.Percentile(finite, 50)
		fmt.Fprintf(&b, "RNN-%d: %d units, median stability %.2f, %d above 0.5", r+1, len(v), med, above)
		if n := len(v) - len(finite); n > 0 {
			fmt.Fprintf(&b, " (%d undefined)", n)
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}
