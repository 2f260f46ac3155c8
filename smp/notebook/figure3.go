package notebook

import (
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"time"

	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// Figure3 is figure 3's data (the network of Data) and the results computed
// from it, one method per step of the original notebook. Each result is
// cached on disk (keyed by the data, the options and the code) and in
// memory; the data files are read only when a result is not in the cache,
// at most once per process. A method needs the results of the steps before
// it and obtains them itself. Methods are not safe for concurrent use.
type Figure3 struct {
	src      *Source
	opt      hdnet.Options
	progress io.Writer
	net      *hdnet.Network
	// held holds every result obtained so far, computed or read from the
	// cache, so that hdnet's step methods find the results they build on.
	held *hdnet.Results
	// run runs hdnet's steps on held; it is made when the network is read
	// (analysis).
	run  *hdnet.Analysis
	memo map[string]any
	// depth counts the step methods in progress: only the step asked for
	// (depth 1) reports a cache hit, not the earlier steps it needs.
	depth int
	// hits and computed count the steps read from the cache and computed.
	hits, computed int
}

// OpenFigure3 returns figure 3's steps on Data with the given options of
// hdnet's computations (zero fields mean the original's values; Seed draws
// the random initial states), with progress on standard output.
func OpenFigure3(opt hdnet.Options) *Figure3 {
	return NewFigure3(Data(), opt, os.Stdout)
}

// NewFigure3 returns figure 3's steps on src with the given options of
// hdnet's computations, with progress lines to progress (if not nil).
func NewFigure3(src *Source, opt hdnet.Options, progress io.Writer) *Figure3 {
	opt.KeepCorrectionRuns, opt.Workers = false, 0
	d := &Figure3{src: src, held: &hdnet.Results{}, progress: progress}
	opt.Progress = progressTo(progress)
	d.opt = opt
	return d
}

func (d *Figure3) logf(format string, args ...any) {
	if d.progress != nil {
		fmt.Fprintf(d.progress, format+"\n", args...)
	}
}

// network reads the network of d's data (once).
func (d *Figure3) network() (*hdnet.Network, error) {
	if d.net == nil {
		n, err := LoadNetwork(d.src, d.progress)
		if err != nil {
			return nil, err
		}
		d.net = n
	}
	return d.net, nil
}

// params returns the options that change a result, for cache keys.
func (d *Figure3) params(parts ...any) string {
	o := d.opt
	o.Progress = nil
	return fmt.Sprintf("%+v %#v", o, parts)
}

// enter marks the start of a step method; call the function it returns
// when the method ends.
func (d *Figure3) enter() func() {
	d.depth++
	return func() { d.depth-- }
}

// step3 runs one cached step of figure 3 with progress lines and keeps its
// result for later calls in this process.
func step3[T any](d *Figure3, name string, params string, compute func() (T, error)) (T, error) {
	key := name + "\x00" + params
	if v, ok := d.memo[key]; ok {
		return v.(T), nil
	}
	t0 := time.Now()
	var v T
	var hit bool
	var err error
	if d.src.NoCache {
		v, err = compute()
	} else {
		v, hit, err = cacheGet(openStore(d.progress), "figure 3 "+name, d.src.ID, params, compute)
	}
	if err != nil {
		return v, fmt.Errorf("figure 3: %s: %w", name, err)
	}
	if hit {
		d.hits++
		if d.depth <= 1 {
			d.logf("(%s: from the cache)", name)
		}
	} else {
		d.computed++
		d.logf("(%s: computed in %.2f s)", name, time.Since(t0).Seconds())
	}
	if d.memo == nil {
		d.memo = make(map[string]any)
	}
	d.memo[key] = v
	return v, nil
}

// analysis returns the analysis to run a step on: the results held so
// far, with the network (read now, once) and the options.
func (d *Figure3) analysis() (*hdnet.Analysis, error) {
	if d.run == nil {
		n, err := d.network()
		if err != nil {
			return nil, err
		}
		a, err := hdnet.NewAnalysis(n, d.opt)
		if err != nil {
			return nil, err
		}
		a.Results = d.held
		d.run = a
	}
	return d.run, nil
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
func (d *Figure3) Summary() (*Figure3Summary, error) {
	defer d.enter()()
	return step3(d, "data summary", d.params("summary"), func() (*Figure3Summary, error) {
		n, err := d.network()
		if err != nil {
			return nil, err
		}
		return &Figure3Summary{H: n.H, S: n.S, E: n.E, Images: n.NumImages, ImageH: n.ImageH, ImageW: n.ImageW,
			Beta: n.Beta, HDCount: len(n.HDCells()), RVAngles: n.RVAngles, RVLengths: n.RVLengths}, nil
	})
}

// HDCells returns the HD cells (cell 7): the units ordered by preferred
// direction with resultant-vector length > 0.56 (hdnet.SelectHDCells).
func (d *Figure3) HDCells() ([]int, error) {
	defer d.enter()()
	cells, err := step3(d, "HD cells", d.params("hd-cells"), func() ([]int, error) {
		n, err := d.network()
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
		d.held.HDCells = cells
	}
	return cells, err
}

// Demo runs the velocity-integration demo (cell 9, panel A): 1000 steps
// from written state 8 (hdnet.Network.Demo).
func (d *Figure3) Demo() (*hdnet.Demo, error) {
	defer d.enter()()
	cells, err := d.HDCells()
	if err != nil {
		return nil, err
	}
	demo, err := step3(d, "velocity-integration demo", d.params("demo"), func() (*hdnet.Demo, error) {
		a, err := d.analysis()
		if err != nil {
			return nil, err
		}
		if err := a.RunDemo(); err != nil {
			return nil, err
		}
		return d.held.Demo, nil
	})
	if err == nil {
		d.held.HDCells, d.held.Demo = cells, demo
		d.held.DemoOrdered = hdnet.SelectUnits(demo.Trajectory, demo.H, cells)
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
func (d *Figure3) PCA() (*Figure3PCA, error) {
	defer d.enter()()
	if _, err := d.Demo(); err != nil {
		return nil, err
	}
	p, err := step3(d, "PCA space", d.params("pca"), func() (*Figure3PCA, error) {
		a, err := d.analysis()
		if err != nil {
			return nil, err
		}
		if err := a.FitPCA(); err != nil {
			return nil, err
		}
		return &Figure3PCA{PCAFrom: d.held.PCAFrom, Init: d.held.Init, PCA: d.held.PCA, DemoPCA: d.held.DemoPCA}, nil
	})
	if err == nil {
		d.held.PCAFrom, d.held.Init, d.held.PCA, d.held.DemoPCA = p.PCAFrom, p.Init, p.PCA, p.DemoPCA
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
func (d *Figure3) RandomRuns() (*Figure3Random, error) {
	defer d.enter()()
	if _, err := d.PCA(); err != nil {
		return nil, err
	}
	r, err := step3(d, "runs from random initial states", d.params("random"), func() (*Figure3Random, error) {
		a, err := d.analysis()
		if err != nil {
			return nil, err
		}
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
		a := d.held
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
func (d *Figure3) Attractors() (*Figure3Attractors, error) {
	defer d.enter()()
	if _, err := d.RandomRuns(); err != nil {
		return nil, err
	}
	at, err := step3(d, "attractor states", d.params("attractors"), func() (*Figure3Attractors, error) {
		a, err := d.analysis()
		if err != nil {
			return nil, err
		}
		if err := a.FindAttractors(); err != nil {
			return nil, err
		}
		return &Figure3Attractors{Runs: d.held.AttractorRuns, States: d.held.Attractors}, nil
	})
	if err == nil {
		d.held.AttractorRuns, d.held.Attractors = at.Runs, at.States
	}
	return at, err
}

// Flows computes panel E: from the initial states of random runs 11 and
// 41, 50 steps at ω = −0.16 (red) and +0.16 (blue), projected.
func (d *Figure3) Flows() ([2]hdnet.Curve, error) {
	defer d.enter()()
	if _, err := d.RandomRuns(); err != nil {
		return [2]hdnet.Curve{}, err
	}
	f, err := step3(d, "velocity-driven flows", d.params("flows"), func() ([2]hdnet.Curve, error) {
		a, err := d.analysis()
		if err != nil {
			return [2]hdnet.Curve{}, err
		}
		err = a.RunFlows()
		return d.held.Flows, err
	})
	if err == nil {
		d.held.Flows = f
	}
	return f, err
}

// Autocovariance computes panel F: every random initial state unrolled 200
// steps at ω = −0.16 (red) and +0.16 (blue), the mean autocovariance at
// lags 0..49.
func (d *Figure3) Autocovariance() ([2]hdnet.Curve, error) {
	defer d.enter()()
	if _, err := d.RandomRuns(); err != nil {
		return [2]hdnet.Curve{}, err
	}
	ac, err := step3(d, "autocovariance", d.params("autocov"), func() ([2]hdnet.Curve, error) {
		a, err := d.analysis()
		if err != nil {
			return [2]hdnet.Curve{}, err
		}
		err = a.RunAutocov()
		return d.held.Autocov, err
	})
	if err == nil {
		d.held.Autocov = ac
	}
	return ac, err
}

// Corrections runs the corrected dynamics from the attractor states for
// each of the first 512 images (cell 14), and each image's time to
// convergence (cell 15), keeping only the example images' runs.
func (d *Figure3) Corrections() (*figures.Figure3Corrections, error) {
	defer d.enter()()
	at, err := d.Attractors()
	if err != nil {
		return nil, err
	}
	c, err := step3(d, "corrections", d.params("corrections"), func() (*figures.Figure3Corrections, error) {
		a, err := d.analysis()
		if err != nil {
			return nil, err
		}
		if err := a.RunCorrections(); err != nil {
			return nil, err
		}
		return &figures.Figure3Corrections{Steps: a.Options.CorrectionSteps, Attractors: len(at.Runs), Times: a.Convergence,
			Quick: a.Quick, Never: a.Never, Examples: a.Examples}, nil
	})
	if err == nil {
		d.held.Convergence, d.held.Quick, d.held.Never, d.held.Examples = c.Times, c.Quick, c.Never, c.Examples
	}
	return c, err
}

// Images returns the visual inputs idx as images (nil entries when the data
// has no images), cached.
func (d *Figure3) Images(idx []int) ([]*image.RGBA, error) {
	defer d.enter()()
	return step3(d, "images", d.params(idx), func() ([]*image.RGBA, error) {
		n, err := d.network()
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

// figures.Figure3Input gathers every result the figure draws.
func (d *Figure3) Figure3Input() (figures.Figure3Input, error) {
	defer d.enter()()
	t0, hits, computed := time.Now(), d.hits, d.computed
	defer func() {
		d.logf("(figure input: %d steps from the cache, %d computed, in %.2f s)", d.hits-hits, d.computed-computed, time.Since(t0).Seconds())
	}()
	var in figures.Figure3Input
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
