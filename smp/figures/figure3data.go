package figures

import (
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// Figure3Names returns the data sets figure 3 reads: the trained parameters,
// the visual inputs (images and embeddings) and the HD stats (resultant
// vectors of RNN-1's units). It returns a new slice on each call, so that
// no caller can change what OpenFigure3 reads.
func Figure3Names() []string {
	return []string{data.ParametersName, data.VisualInputsName, data.HDStatsName}
}

// Figure3Options configures figure 3's computations.
type Figure3Options struct {
	// Analysis sets the sizes of the computations and the seed of the
	// random initial states (zero fields mean the original's values, see
	// hdnet.Options). Its Progress is replaced by one writing to Progress
	// below, and KeepCorrectionRuns is ignored (only the example images'
	// runs are kept). Everything but Workers is part of the cache keys.
	Analysis hdnet.Options
	// Cache keeps results between processes; nil computes everything each
	// time.
	Cache *Cache
	// Progress, if not nil, receives one line per step (computed, with its
	// time, or read from the cache) and, during the long steps, a line
	// about every second saying how far they are.
	Progress io.Writer
}

// Figure3Data is figure 3's data sets and the results computed from them,
// one method per cell of the original notebook. Each result is cached on
// disk (keyed by the three data files, their sizes and modification times,
// and the options) and in memory; the data files are read only when a
// result is not in the cache, at most once per Figure3Data. A method needs
// the results of the cells before it and obtains them itself. Methods are
// not safe for concurrent use.
type Figure3Data struct {
	Source DataSource
	// Paths are the parameters, visual inputs and HD stats files.
	Paths [3]string

	opt      Figure3Options
	fileKeys [3]string
	net      *hdnet.Network
	// a holds every result obtained so far, computed or read from the
	// cache, so that hdnet's step methods find the results they build on.
	a    *hdnet.Analysis
	memo map[string]any
	// depth counts the step methods in progress: only the step asked for
	// (depth 1) reports a cache hit, not the earlier steps it needs.
	depth int
	// hits and computed count the steps read from the cache and computed.
	hits, computed int
}

// OpenFigure3 locates figure 3's data sets (Figure3Names()) in src.Dir without
// reading them.
func OpenFigure3(src DataSource, opt Figure3Options) (*Figure3Data, error) {
	d := &Figure3Data{Source: src, opt: opt}
	for i, name := range Figure3Names() {
		p, err := data.FindDataset(src.Dir, name)
		if err != nil {
			return nil, fmt.Errorf("figure 3: %w", err)
		}
		fk, err := FileKey(p)
		if err != nil {
			return nil, fmt.Errorf("figure 3: %w", err)
		}
		d.Paths[i], d.fileKeys[i] = p, fk
	}
	ao := opt.Analysis
	ao.KeepCorrectionRuns = false
	ao.Progress = d.stageProgress()
	d.a = hdnet.NewAnalysis(nil, ao)
	return d, nil
}

// OpenFigure3Notebook is OpenFigure3 as the notebook uses it: the data
// chosen by NotebookData (data/real or data/synthetic, or $SMP_DATA_DIR),
// the original's sizes with the given seed of the random initial states,
// the default cache (DefaultCacheDir) and progress on standard error.
func OpenFigure3Notebook(seed uint64) (*Figure3Data, error) {
	src, err := NotebookData(Figure3Names()...)
	if err != nil {
		return nil, err
	}
	c, err := NewCache(DefaultCacheDir())
	if err != nil {
		return nil, err
	}
	return OpenFigure3(src, Figure3Options{Analysis: hdnet.Options{Seed: seed}, Cache: c, Progress: os.Stderr})
}

// Options returns the options of the computations with their defaults
// filled in (hdnet.Options).
func (d *Figure3Data) Options() hdnet.Options { return d.a.Options }

func (d *Figure3Data) logf(format string, args ...any) {
	if d.opt.Progress != nil {
		fmt.Fprintf(d.opt.Progress, "figure 3: "+format+"\n", args...)
	}
}

// stageProgress returns hdnet's progress callback: a line per stage about
// every second, and one when the stage is done.
func (d *Figure3Data) stageProgress() func(stage string, done, total int) {
	if d.opt.Progress == nil {
		return nil
	}
	var cur string
	var start, last time.Time
	return func(stage string, done, total int) {
		now := time.Now()
		if stage != cur {
			cur, start, last = stage, now, now
		}
		if done < total && now.Sub(last) < time.Second {
			return
		}
		last = now
		d.logf("%s %d/%d (%.0f%%, %.1f s)", stage, done, total, 100*float64(done)/float64(max(total, 1)), now.Sub(start).Seconds())
	}
}

// key returns the cache key of a step: the data files and every option
// that changes a result.
func (d *Figure3Data) key(step string, parts ...any) string {
	o := d.a.Options
	o.Progress, o.Workers, o.KeepCorrectionRuns = nil, 0, false
	return Key("figure3-"+step, append([]any{d.fileKeys, fmt.Sprintf("%+v", o)}, parts...)...)
}

// enter marks the start of a step method; call the function it returns
// when the method ends.
func (d *Figure3Data) enter() func() {
	d.depth++
	return func() { d.depth-- }
}

// step3 runs one cached step of figure 3 with progress lines and keeps its
// result for later calls in this process.
func step3[T any](d *Figure3Data, name, key string, compute func() (T, error)) (T, error) {
	if v, ok := d.memo[key]; ok {
		return v.(T), nil
	}
	t0 := time.Now()
	v, hit, err := Cached(d.opt.Cache, key, compute)
	if err != nil {
		return v, fmt.Errorf("figure 3: %s: %w", name, err)
	}
	if hit {
		d.hits++
		if d.depth <= 1 {
			d.logf("%s: from the cache (%s)", name, d.opt.Cache.Dir)
		}
	} else {
		d.computed++
		d.logf("%s: computed in %.2f s", name, time.Since(t0).Seconds())
	}
	if d.memo == nil {
		d.memo = make(map[string]any)
	}
	d.memo[key] = v
	return v, nil
}

// Network reads the three data sets and builds the network (once; cell 6
// of the original). Errors name the file, the key and the shape expected.
func (d *Figure3Data) Network() (*hdnet.Network, error) {
	if d.net != nil {
		return d.net, nil
	}
	t0 := time.Now()
	var ds [3]*data.Dataset
	for i, p := range d.Paths {
		d.logf("reading %s ...", p)
		var err error
		if ds[i], err = data.Load(p); err != nil {
			return nil, fmt.Errorf("figure 3: %w", err)
		}
	}
	net, err := hdnet.FromDatasets(ds[0], ds[1], ds[2])
	if err != nil {
		return nil, fmt.Errorf("figure 3: %w", err)
	}
	if net.RVAngles == nil {
		return nil, fmt.Errorf("figure 3: %s: no resultant vectors (%s, %s)", d.Paths[2], hdnet.KeyRVAngles, hdnet.KeyRVLengths)
	}
	d.logf("read the network (H = %d units, S = %d slots, E = %d, %d images) in %.1f s",
		net.H, net.S, net.E, net.NumImages, time.Since(t0).Seconds())
	d.net = net
	d.a.Net = net
	return net, nil
}

// Figure3Summary describes figure 3's data (cell 6 of the original).
type Figure3Summary struct {
	H, S, E        int     // units per LSTM, memory slots, embedding size
	Images         int     // number of visual inputs I
	ImageH, ImageW int     // image size in pixels (0 without images)
	Beta           float64 // log inverse temperature of the correction
	HDCount        int     // units with resultant-vector length > 0.56
	// RVAngles and RVLengths are the units' preferred directions (radians)
	// and resultant-vector lengths [H], from the HD stats.
	RVAngles, RVLengths []float64
}

// String returns the sizes in a few lines.
func (s *Figure3Summary) String() string {
	img := "no images"
	if s.ImageH > 0 {
		img = fmt.Sprintf("images of %d x %d pixels", s.ImageH, s.ImageW)
	}
	return fmt.Sprintf("prediction and correction LSTMs of H = %d units; memory of S = %d slots, "+
		"visual embeddings of E = %d values;\n%d visual inputs (%s); correction inverse temperature "+
		"gamma = exp(beta) = exp(%.4g) = %.4g;\n%d of the %d units have a resultant-vector length above %.2f",
		s.H, s.S, s.E, s.Images, img, s.Beta, math.Exp(s.Beta), s.HDCount, s.H, hdnet.HDCutoff)
}

// Summary returns the sizes of the data, cached.
func (d *Figure3Data) Summary() (*Figure3Summary, error) {
	defer d.enter()()
	return step3(d, "data summary", d.key("summary"), func() (*Figure3Summary, error) {
		n, err := d.Network()
		if err != nil {
			return nil, err
		}
		return &Figure3Summary{H: n.H, S: n.S, E: n.E, Images: n.NumImages, ImageH: n.ImageH, ImageW: n.ImageW,
			Beta: n.Beta, HDCount: len(n.HDCells()), RVAngles: n.RVAngles, RVLengths: n.RVLengths}, nil
	})
}

// HDCells returns the HD cells (cell 7): the units ordered by preferred
// direction with resultant-vector length > 0.56 (hdnet.SelectHDCells).
func (d *Figure3Data) HDCells() ([]int, error) {
	defer d.enter()()
	cells, err := step3(d, "HD cells", d.key("hd-cells"), func() ([]int, error) {
		n, err := d.Network()
		if err != nil {
			return nil, err
		}
		c := n.HDCells()
		if len(c) < 2 {
			return nil, fmt.Errorf("only %d HD cells (need 2 for the PCA)", len(c))
		}
		return c, nil
	})
	if err == nil {
		d.a.HDCells = cells
	}
	return cells, err
}

// Demo runs the velocity-integration demo (cell 9, panel A): 1000 steps
// from written state 8 (hdnet.Network.Demo).
func (d *Figure3Data) Demo() (*hdnet.Demo, error) {
	defer d.enter()()
	cells, err := d.HDCells()
	if err != nil {
		return nil, err
	}
	demo, err := step3(d, "velocity-integration demo", d.key("demo"), func() (*hdnet.Demo, error) {
		if _, err := d.Network(); err != nil {
			return nil, err
		}
		if err := d.a.RunDemo(); err != nil {
			return nil, err
		}
		return d.a.Demo, nil
	})
	if err == nil {
		d.a.HDCells, d.a.Demo = cells, demo
		d.a.DemoOrdered = hdnet.SelectUnits(demo.Trajectory, demo.H, cells)
	}
	return demo, err
}

// Figure3PCA is the PCA space and the distribution of random initial
// states (cell 10).
type Figure3PCA struct {
	PCAFrom []int                      // demo steps farther than 0.1 from each other
	Init    *hdnet.InitialDistribution // random initial states
	PCA     *hdnet.PCA                 // of the kept demo states, HD cells
	DemoPCA []float64                  // projected demo trajectory [T, 2] (panel B)
}

// PCA fits the PCA space to the demo (cell 10).
func (d *Figure3Data) PCA() (*Figure3PCA, error) {
	defer d.enter()()
	if _, err := d.Demo(); err != nil {
		return nil, err
	}
	p, err := step3(d, "PCA space", d.key("pca"), func() (*Figure3PCA, error) {
		if _, err := d.Network(); err != nil {
			return nil, err
		}
		if err := d.a.FitPCA(); err != nil {
			return nil, err
		}
		return &Figure3PCA{PCAFrom: d.a.PCAFrom, Init: d.a.Init, PCA: d.a.PCA, DemoPCA: d.a.DemoPCA}, nil
	})
	if err == nil {
		d.a.PCAFrom, d.a.Init, d.a.PCA, d.a.DemoPCA = p.PCAFrom, p.Init, p.PCA, p.DemoPCA
	}
	return p, err
}

// Figure3Random is what figure 3 keeps of the runs from random initial
// states at zero velocity (cell 11): their first and last states, the PCA
// limits (cell 12) and what panels C and D show. The 1000 × 2001 states of
// the original are not kept.
type Figure3Random struct {
	N, Steps, H int
	Initial     []float64          // initial states [N, H]
	Final       []float64          // states after Steps steps [N, H]
	Bounds      hdnet.Bounds       // of the projections of steps ≥ 3
	Limits      [2]float64         // PCA axis limits ±Limits[0], ±Limits[1]
	Change      *hdnet.ChangeStats // panel C, first 100 steps
	InitialPCA  []float64          // projected initial states [N, 2] (panel D, grey)
	Step10PCA   []float64          // projected states after 10 steps [N, 2] (green)
	FinalPCA    []float64          // projected final states [N, 2] (black crosses)
}

// RandomRuns runs 1000 random initial states for 2000 steps at zero
// velocity (cell 11) and computes the PCA limits (cell 12).
func (d *Figure3Data) RandomRuns() (*Figure3Random, error) {
	defer d.enter()()
	if _, err := d.PCA(); err != nil {
		return nil, err
	}
	r, err := step3(d, "runs from random initial states", d.key("random"), func() (*Figure3Random, error) {
		if _, err := d.Network(); err != nil {
			return nil, err
		}
		a := d.a
		if err := a.RunRandom(); err != nil {
			return nil, err
		}
		init, err := a.Random.StatesAt(0)
		if err != nil {
			return nil, err
		}
		return &Figure3Random{N: a.Random.N, Steps: a.Random.Steps, H: a.Random.H, Initial: init, Final: a.Random.Final,
			Bounds: a.Random.Bounds, Limits: a.Limits, Change: a.Change,
			InitialPCA: a.InitialPCA, Step10PCA: a.Step10PCA, FinalPCA: a.FinalPCA}, nil
	})
	if err == nil {
		a := d.a
		// The kept runs: initial (step 0) and final states only.
		a.Random = &hdnet.Runs{N: r.N, Steps: r.Steps, H: r.H, Keep: 0, Head: r.Initial, Final: r.Final, Bounds: r.Bounds}
		a.Limits, a.Change, a.InitialPCA, a.Step10PCA, a.FinalPCA = r.Limits, r.Change, r.InitialPCA, r.Step10PCA, r.FinalPCA
	}
	return r, err
}

// Figure3Attractors are the attractor states (cell 12).
type Figure3Attractors struct {
	Runs   []int     // random runs whose final states were kept, by angle in the PCA plane
	States []float64 // their final states [len(Runs), H]
}

// Attractors picks the attractor states among the final states of the
// random runs (cell 12, hdnet.AttractorIndices).
func (d *Figure3Data) Attractors() (*Figure3Attractors, error) {
	defer d.enter()()
	if _, err := d.RandomRuns(); err != nil {
		return nil, err
	}
	at, err := step3(d, "attractor states", d.key("attractors"), func() (*Figure3Attractors, error) {
		if _, err := d.Network(); err != nil {
			return nil, err
		}
		if err := d.a.FindAttractors(); err != nil {
			return nil, err
		}
		return &Figure3Attractors{Runs: d.a.AttractorRuns, States: d.a.Attractors}, nil
	})
	if err == nil {
		d.a.AttractorRuns, d.a.Attractors = at.Runs, at.States
	}
	return at, err
}

// Flows computes panel E: from the initial states of random runs 11 and
// 41, 50 steps at ω = −0.16 (red) and +0.16 (blue), projected.
func (d *Figure3Data) Flows() ([2]hdnet.Curve, error) {
	defer d.enter()()
	if _, err := d.RandomRuns(); err != nil {
		return [2]hdnet.Curve{}, err
	}
	f, err := step3(d, "velocity-driven flows", d.key("flows"), func() ([2]hdnet.Curve, error) {
		if _, err := d.Network(); err != nil {
			return [2]hdnet.Curve{}, err
		}
		err := d.a.RunFlows()
		return d.a.Flows, err
	})
	if err == nil {
		d.a.Flows = f
	}
	return f, err
}

// Autocovariance computes panel F: every random initial state unrolled 200
// steps at ω = −0.16 (red) and +0.16 (blue), the mean autocovariance at
// lags 0..49.
func (d *Figure3Data) Autocovariance() ([2]hdnet.Curve, error) {
	defer d.enter()()
	if _, err := d.RandomRuns(); err != nil {
		return [2]hdnet.Curve{}, err
	}
	ac, err := step3(d, "autocovariance", d.key("autocov"), func() ([2]hdnet.Curve, error) {
		if _, err := d.Network(); err != nil {
			return [2]hdnet.Curve{}, err
		}
		err := d.a.RunAutocov()
		return d.a.Autocov, err
	})
	if err == nil {
		d.a.Autocov = ac
	}
	return ac, err
}

// Figure3Corrections holds the corrected dynamics (cells 14 and 15): each
// image's time to convergence and the runs of the example images.
type Figure3Corrections struct {
	Steps      int       // T = 200
	Attractors int       // B, the number of start states
	Times      []float64 // time to convergence per image; +Inf: never
	Quick      []int     // images with 0 < t < 10 (examples_in_bin_1)
	Never      []int     // images that never converge (examples_in_bin_final)
	Examples   []hdnet.Example
}

// Count returns how many images converged at a time t with lo ≤ t ≤ hi.
func (c *Figure3Corrections) Count(lo, hi float64) int {
	n := 0
	for _, t := range c.Times {
		if t >= lo && t <= hi {
			n++
		}
	}
	return n
}

// NeverConverged returns how many images never converged.
func (c *Figure3Corrections) NeverConverged() int { return c.Count(math.Inf(1), math.Inf(1)) }

// String summarises the times to convergence: how many of the images
// start converged (t = 0: every attractor state already within one
// cluster), converge within 10 steps, within 200, or never.
func (c *Figure3Corrections) String() string {
	I := len(c.Times)
	pc := func(n int) string { return fmt.Sprintf("%d (%.1f%%)", n, 100*float64(n)/float64(max(I, 1))) }
	var b strings.Builder
	fmt.Fprintf(&b, "%d images, corrected from %d attractor states for %d steps:\n", I, c.Attractors, c.Steps)
	for _, row := range []struct {
		what string
		n    int
	}{
		{"converged at once (t = 0)", c.Count(0, 0)},
		{"converged quickly (0 < t < 10)", len(c.Quick)},
		{"converged within 10 steps (t <= 10)", c.Count(0, 10)},
		{fmt.Sprintf("converged within %d steps", c.Steps), c.Count(0, float64(c.Steps))},
		{"never converged", c.NeverConverged()},
	} {
		fmt.Fprintf(&b, "  %-37s %s\n", row.what+":", pc(row.n))
	}
	ex := make([]string, len(c.Examples))
	for i, e := range c.Examples {
		ex[i] = fmt.Sprintf("image %d (t = %v)", e.Image, e.Time)
	}
	if len(ex) == 0 {
		ex = []string{"none"}
	}
	fmt.Fprintf(&b, "examples for panels H and I: %s", strings.Join(ex, ", "))
	return b.String()
}

// Corrections runs the corrected dynamics from the attractor states for
// each of the first 512 images (cell 14), and each image's time to
// convergence (cell 15), keeping only the example images' runs.
func (d *Figure3Data) Corrections() (*Figure3Corrections, error) {
	defer d.enter()()
	at, err := d.Attractors()
	if err != nil {
		return nil, err
	}
	c, err := step3(d, "corrections", d.key("corrections"), func() (*Figure3Corrections, error) {
		if _, err := d.Network(); err != nil {
			return nil, err
		}
		a := d.a
		if err := a.RunCorrections(); err != nil {
			return nil, err
		}
		return &Figure3Corrections{Steps: a.Options.CorrectionSteps, Attractors: len(at.Runs), Times: a.Convergence,
			Quick: a.Quick, Never: a.Never, Examples: a.Examples}, nil
	})
	if err == nil {
		d.a.Convergence, d.a.Quick, d.a.Never, d.a.Examples = c.Times, c.Quick, c.Never, c.Examples
	}
	return c, err
}

// Images returns the visual inputs idx as images (nil entries when the data
// has no images), cached.
func (d *Figure3Data) Images(idx []int) ([]*image.RGBA, error) {
	defer d.enter()()
	return step3(d, "images", Key("figure3-images", d.fileKeys[1], idx), func() ([]*image.RGBA, error) {
		n, err := d.Network()
		if err != nil {
			return nil, err
		}
		out := make([]*image.RGBA, len(idx))
		if n.Images == nil {
			return out, nil
		}
		for i, k := range idx {
			if out[i], err = n.Image(k); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
}

// Figure3Input gathers every result the figure draws.
func (d *Figure3Data) Figure3Input() (Figure3Input, error) {
	defer d.enter()()
	t0, hits, computed := time.Now(), d.hits, d.computed
	defer func() {
		d.logf("figure input: %d steps from the cache, %d computed, in %.2f s", d.hits-hits, d.computed-computed, time.Since(t0).Seconds())
	}()
	var in Figure3Input
	var err error
	if in.HDCells, err = d.HDCells(); err != nil {
		return in, err
	}
	if in.Demo, err = d.Demo(); err != nil {
		return in, err
	}
	p, err := d.PCA()
	if err != nil {
		return in, err
	}
	in.DemoPCA = p.DemoPCA
	r, err := d.RandomRuns()
	if err != nil {
		return in, err
	}
	in.Limits, in.Change, in.InitialPCA, in.Step10PCA, in.FinalPCA = r.Limits, r.Change, r.InitialPCA, r.Step10PCA, r.FinalPCA
	if in.Flows, err = d.Flows(); err != nil {
		return in, err
	}
	if in.Autocov, err = d.Autocovariance(); err != nil {
		return in, err
	}
	if in.Corrections, err = d.Corrections(); err != nil {
		return in, err
	}
	idx := in.ImagesShown()
	imgs, err := d.Images(idx)
	if err != nil {
		return in, err
	}
	in.Images = make(map[int]*image.RGBA, len(idx))
	for i, k := range idx {
		if imgs[i] != nil {
			in.Images[k] = imgs[i]
		}
	}
	return in, nil
}

// Figure3InputFrom gathers the figure's input from a complete analysis
// (hdnet.Analyze), with the images of its network.
func Figure3InputFrom(a *hdnet.Analysis) (Figure3Input, error) {
	if a == nil || a.Demo == nil || a.PCA == nil || a.Random == nil || a.Convergence == nil {
		return Figure3Input{}, fmt.Errorf("figure 3: the analysis is not complete")
	}
	in := Figure3Input{HDCells: slices.Clone(a.HDCells), Demo: a.Demo, DemoPCA: a.DemoPCA, Limits: a.Limits,
		Change: a.Change, InitialPCA: a.InitialPCA, Step10PCA: a.Step10PCA, FinalPCA: a.FinalPCA,
		Flows: a.Flows, Autocov: a.Autocov,
		Corrections: &Figure3Corrections{Steps: a.Options.CorrectionSteps, Attractors: len(a.AttractorRuns),
			Times: a.Convergence, Quick: a.Quick, Never: a.Never, Examples: a.Examples}}
	in.Images = map[int]*image.RGBA{}
	if a.Net != nil && a.Net.Images != nil {
		for _, k := range in.ImagesShown() {
			img, err := a.Net.Image(k)
			if err != nil {
				return in, fmt.Errorf("figure 3: %w", err)
			}
			in.Images[k] = img
		}
	}
	return in, nil
}

// Figure3DataNote returns a short Markdown paragraph for the figure-3
// notebook saying which data it shows and what that means for the figure.
func Figure3DataNote(src DataSource) string {
	switch src.Kind {
	case RealData:
		return fmt.Sprintf("**Data: DeepMind's real files** (`%s`): the parameters of the trained Spatial "+
			"Memory Pipeline, its visual inputs and the HD statistics of its RNN-1, as published with the "+
			"paper. The figure should look like the published one, up to the random initial states.", src.Dir)
	case SyntheticData:
		return fmt.Sprintf("**Data: the synthetic world** (`%s`). This is a *simulation*, not DeepMind's "+
			"trained model: RNN-1 is a 32-unit head-direction LSTM in the model's exact form, constructed "+
			"here as a ring attractor (data/hdnet/README.md) that integrates angular velocity and is "+
			"corrected by a memory of views of a simulated arena; the images are views "+
			"rendered from random poses. Its attractors, flows and convergence times are those of this "+
			"network, not the paper's. (Download the real data with `go run ./scripts/download` and the "+
			"notebook will use it instead.)", src.Dir)
	}
	return fmt.Sprintf("**Data: `%s`**, of unknown origin (neither DeepMind's files nor a generated "+
		"synthetic world).", src.Dir)
}

// RingTracking measures how well the demo's position on the PCA ring
// follows the true integrated angle (panels A and B). For the demo's
// outputs t = 0 .. T-2, with φ_t = atan2(pc2, pc1) of output t and
// θ_t = d.TrueOffset[t] (the angle after the velocities 0..t), and s = ±1
// (the orientation of the PCA plane is arbitrary):
//
//	δ = circular mean of (s·φ_t − θ_t)
//	error = mean over t of |wrap(s·φ_t − θ_t − δ)|
//
// wrap mapping to (−π, π]. It returns the error in radians for the sign s
// that gives the smaller one, and s. An error near 0 means the network
// integrates the velocity; π/2 is chance.
func RingTracking(d *hdnet.Demo, demoPCA []float64) (meanAbs float64, sign int, err error) {
	if d == nil {
		return 0, 0, fmt.Errorf("figure 3: ring tracking: no demo")
	}
	if len(d.TrueOffset) == 0 || len(demoPCA) < 2*len(d.TrueOffset) {
		return 0, 0, fmt.Errorf("figure 3: ring tracking: %d projected values for %d true angles", len(demoPCA), len(d.TrueOffset))
	}
	wrap := func(a float64) float64 { return math.Atan2(math.Sin(a), math.Cos(a)) }
	best, bestSign := math.Inf(1), 0
	for _, s := range []int{1, -1} {
		var sx, sy float64
		diff := make([]float64, len(d.TrueOffset))
		for t, th := range d.TrueOffset {
			phi := math.Atan2(demoPCA[2*t+1], demoPCA[2*t])
			diff[t] = float64(s)*phi - th
			sx, sy = sx+math.Cos(diff[t]), sy+math.Sin(diff[t])
		}
		delta := math.Atan2(sy, sx)
		e := 0.0
		for _, v := range diff {
			e += math.Abs(wrap(v - delta))
		}
		e /= float64(len(diff))
		if e < best {
			best, bestSign = e, s
		}
	}
	return best, bestSign, nil
}
