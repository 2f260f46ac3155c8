// Package fig3ref runs figure 3's steps (package hdnet) on one network in
// the notebook's order, without caching: the reference run that the tests
// of the packages below the notebook session (figures, explore, synth)
// draw and check. The notebooks and the commands use notebook.Figure3.
package fig3ref

import (
	"fmt"
	"math"
	"time"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// Options configures an Analysis. The zero value of a field means its
// default, given in the comments (the original notebook's values).
type Options struct {
	Seed uint64 // seed of the random initial states (hdnet.NewRand); 0 is a valid seed

	// DemoState is the written state the demo starts from: hdnet.DemoState (8).
	// (Written state 0 cannot be chosen here; call hdnet.Network.Demo directly.)
	DemoState int
	DemoSteps int // hdnet.DemoSteps (1000)

	RandomRuns  int // hdnet.RandomRunsCount (1000)
	RandomSteps int // hdnet.RandomRunsSteps (2000)
	// KeepSteps is how many leading steps of the random runs are kept:
	// default 100 (panel C uses 0..100, panel D step 10). Set it to
	// RandomSteps to keep every state (RandomRuns·(RandomSteps+1)·H floats).
	KeepSteps int

	FlowSteps    int // hdnet.FlowSteps (50)
	AutocovSteps int // hdnet.AutocovSteps (200)
	AutocovLags  int // hdnet.AutocovLags (50)

	Images          int     // hdnet.CorrectionImages (512); must not exceed the embeddings
	CorrectionSteps int     // hdnet.CorrectionSteps (200)
	Threshold       float64 // hdnet.ClusterThreshold (0.1)

	Workers int // goroutines; ≤ 0 means GOMAXPROCS
	// Progress, if not nil, is called with the stage name ("random runs",
	// "autocovariance -0.16", "autocovariance +0.16", "corrections") and the
	// stage's progress.
	Progress func(stage string, done, total int)
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.DemoState, hdnet.DemoState)
	def(&o.DemoSteps, hdnet.DemoSteps)
	def(&o.RandomRuns, hdnet.RandomRunsCount)
	def(&o.RandomSteps, hdnet.RandomRunsSteps)
	def(&o.KeepSteps, 100)
	def(&o.FlowSteps, hdnet.FlowSteps)
	def(&o.AutocovSteps, hdnet.AutocovSteps)
	def(&o.AutocovLags, hdnet.AutocovLags)
	def(&o.Images, hdnet.CorrectionImages)
	def(&o.CorrectionSteps, hdnet.CorrectionSteps)
	if o.Threshold <= 0 {
		o.Threshold = hdnet.ClusterThreshold
	}
	o.KeepSteps = min(o.KeepSteps, o.RandomSteps)
	return o
}

func (o Options) progress(stage string) func(done, total int) {
	if o.Progress == nil {
		return nil
	}
	return func(done, total int) { o.Progress(stage, done, total) }
}

// Results holds everything figure 3 shows, filled in by Analysis's steps
// in the notebook's order. A zero Results has no results yet.
type Results struct {
	HDCells []int // units ordered by preferred angle with length > 0.56 (cell 7)

	// Cell 9 (panel A).
	Demo        *hdnet.Demo
	DemoOrdered []float64 // demo trajectory restricted to HDCells [T, len(HDCells)]

	// Cell 10 (panel B).
	PCAFrom []int                      // demo steps farther than 0.1 from each other
	Init    *hdnet.InitialDistribution // distribution of random initial states
	PCA     *hdnet.PCA                 // of the kept demo states, HD cells
	DemoPCA []float64                  // projected demo trajectory [T, 2]

	// Cells 11 and 12 (panels C and D).
	Random     *hdnet.Runs
	Limits     [2]float64         // PCA axis limits: x in [-Limits[0], Limits[0]], y likewise
	Change     *hdnet.ChangeStats // panel C, first 100 steps
	InitialPCA []float64          // projected random initial states [N, 2]
	Step10PCA  []float64          // projected states after 10 steps [N, 2]
	FinalPCA   []float64          // projected final states [N, 2]

	AttractorRuns []int     // random runs whose final states are the attractor states
	Attractors    []float64 // attractor states [B, H]

	Flows   [2]hdnet.Curve // panel E: red (run 11, ω = -0.16), blue (run 41, ω = +0.16)
	Autocov [2]hdnet.Curve // panel F: red (ω = -0.16), blue (ω = +0.16)

	// Cells 14 and 15 (panels G, H and I).
	Codes        []float64       // correction codes of the images [Images, H]
	Convergence  []float64       // time to convergence per image; +Inf: never
	Quick, Never []int           // examples_in_bin_1 and examples_in_bin_final
	Examples     []hdnet.Example // the first two quick images, then the first never-converging one
}

// Analysis runs figure 3's steps on one network. Its step methods fill its
// Results in the notebook's order, each needing the ones before it;
// Analyze runs them all. Make one with NewAnalysis: the network is fixed
// there.
type Analysis struct {
	// Results are the results so far. A caller that keeps results
	// elsewhere (a cache) may point it at them before running later steps.
	*Results
	Options Options // with defaults filled in

	// Timings records how long each step took.
	Timings map[string]time.Duration

	net *hdnet.Network
}

// NewAnalysis returns an analysis of net with opts and no results yet.
func NewAnalysis(net *hdnet.Network, opts Options) (*Analysis, error) {
	if net == nil {
		return nil, fmt.Errorf("hdnet: NewAnalysis: no network")
	}
	return &Analysis{Results: &Results{}, Options: opts.withDefaults(), Timings: map[string]time.Duration{}, net: net}, nil
}

// Net returns the network the analysis runs on.
func (a *Analysis) Net() *hdnet.Network { return a.net }

// Analyze runs every step of the analysis.
func Analyze(net *hdnet.Network, opts Options) (*Analysis, error) {
	a, err := NewAnalysis(net, opts)
	if err != nil {
		return nil, fmt.Errorf("figure 3: %w", err)
	}
	steps := []struct {
		name string
		f    func() error
	}{
		{"demo", a.RunDemo}, {"pca", a.FitPCA}, {"random runs", a.RunRandom},
		{"attractors", a.FindAttractors}, {"flows", a.RunFlows}, {"autocovariance", a.RunAutocov},
		{"corrections", a.RunCorrections},
	}
	for _, s := range steps {
		if err := s.f(); err != nil {
			return a, fmt.Errorf("figure 3 %s: %w", s.name, err)
		}
	}
	return a, nil
}

func (a *Analysis) timed(name string, start time.Time) { a.Timings[name] = time.Since(start) }

// RunDemo selects the HD cells (cell 7) and runs the velocity-integration
// demo (cell 9).
func (a *Analysis) RunDemo() error {
	defer a.timed("demo", time.Now())
	a.HDCells = a.net.HDCells()
	if len(a.HDCells) < 2 {
		return fmt.Errorf("only %d HD cells (need 2 for the PCA)", len(a.HDCells))
	}
	d, err := a.net.Demo(a.Options.DemoState, a.Options.DemoSteps)
	if err != nil {
		return err
	}
	a.Demo = d
	a.DemoOrdered = hdnet.SelectUnits(d.Trajectory, d.H, a.HDCells)
	return nil
}

// FitPCA computes the PCA space and the distribution of random initial
// states from the demo (cell 10).
func (a *Analysis) FitPCA() error {
	defer a.timed("pca", time.Now())
	if a.Demo == nil {
		return fmt.Errorf("FitPCA needs RunDemo first")
	}
	H := a.net.H
	idx, kept := hdnet.TakeIfFartherThan(a.Demo.Trajectory, H, hdnet.ClusterThreshold)
	init, err := hdnet.NewInitialDistribution(kept, H)
	if err != nil {
		return err
	}
	pca, err := hdnet.FitPCA(kept, H, a.HDCells)
	if err != nil {
		return err
	}
	a.PCAFrom, a.Init, a.PCA = idx, init, pca
	a.DemoPCA = pca.ProjectAll(a.Demo.Trajectory, H)
	return nil
}

// RunRandom draws the random initial states and runs them at zero velocity
// (cell 11), then computes the PCA limits, panel C's change statistics and
// panel D's projections (cell 12 and the figure).
func (a *Analysis) RunRandom() error {
	defer a.timed("random runs", time.Now())
	if a.PCA == nil {
		return fmt.Errorf("RunRandom needs FitPCA first")
	}
	o := a.Options
	h0 := a.Init.Sample(hdnet.NewRand(o.Seed), o.RandomRuns)
	r, err := a.net.Runs(h0, o.RandomSteps, hdnet.RunOptions{Keep: o.KeepSteps, PCA: a.PCA,
		ProjectFrom: hdnet.LimitsFromStep, Workers: o.Workers, Progress: o.progress("random runs")})
	if err != nil {
		return err
	}
	a.Random = r
	a.Limits = r.Bounds.Limits()
	if a.Change, err = r.Change(a.HDCells, min(100, r.Keep)); err != nil {
		return err
	}
	H := a.net.H
	a.InitialPCA = a.PCA.ProjectAll(h0, H)
	if s10, err := r.StatesAt(min(10, r.Steps)); err == nil {
		a.Step10PCA = a.PCA.ProjectAll(s10, H)
	} else {
		return err
	}
	a.FinalPCA = a.PCA.ProjectAll(r.Final, H)
	return nil
}

// FindAttractors picks the attractor states among the final states of the
// random runs (cell 12).
func (a *Analysis) FindAttractors() error {
	defer a.timed("attractors", time.Now())
	if a.Random == nil {
		return fmt.Errorf("FindAttractors needs RunRandom first")
	}
	H := a.net.H
	a.AttractorRuns = hdnet.AttractorIndices(a.FinalPCA)
	a.Attractors = make([]float64, 0, len(a.AttractorRuns)*H)
	for _, i := range a.AttractorRuns {
		a.Attractors = append(a.Attractors, a.Random.Final[i*H:(i+1)*H]...)
	}
	return nil
}

// RunFlows computes panel E: from the initial states of random runs 11 and
// 41, FlowSteps steps at ω = -0.16 and +0.16, projected.
func (a *Analysis) RunFlows() error {
	defer a.timed("flows", time.Now())
	if a.Random == nil {
		return fmt.Errorf("RunFlows needs RunRandom first")
	}
	for k, run := range [2]int{hdnet.FlowRunRed, hdnet.FlowRunBlue} {
		w := [2]float64{-hdnet.FlowVelocity, hdnet.FlowVelocity}[k]
		h0, err := a.Random.State(run, 0)
		if err != nil {
			return err
		}
		p, err := a.net.Flow(h0, w, a.Options.FlowSteps, a.PCA)
		if err != nil {
			return err
		}
		a.Flows[k] = hdnet.Curve{W: w, Run: run, Data: p}
	}
	return nil
}

// RunAutocov computes panel F: all random initial states unrolled
// AutocovSteps steps at ω = -0.16 and +0.16, the mean autocovariance.
func (a *Analysis) RunAutocov() error {
	defer a.timed("autocovariance", time.Now())
	if a.Random == nil {
		return fmt.Errorf("RunAutocov needs RunRandom first")
	}
	h0, err := a.Random.StatesAt(0)
	if err != nil {
		return err
	}
	o := a.Options
	for k, w := range [2]float64{-hdnet.FlowVelocity, hdnet.FlowVelocity} {
		m, err := a.net.MeanAutocovariance(h0, w, o.AutocovSteps, o.AutocovLags, o.Workers, o.progress(fmt.Sprintf("autocovariance %+.2f", w)))
		if err != nil {
			return err
		}
		a.Autocov[k] = hdnet.Curve{W: w, Run: -1, Data: m}
	}
	return nil
}

// RunCorrections runs the corrected dynamics from the attractor states for
// each of the first Images images (cell 14), their times to convergence
// (cell 15) and the example images' runs (panels H and I).
func (a *Analysis) RunCorrections() error {
	defer a.timed("corrections", time.Now())
	if a.Attractors == nil {
		return fmt.Errorf("RunCorrections needs FindAttractors first")
	}
	o := a.Options
	codes, err := a.net.ImageCodes(o.Images)
	if err != nil {
		return err
	}
	a.Codes = codes
	cv, err := a.net.ConvergenceTimes(codes, a.Attractors, a.PCA, hdnet.CorrectionOptions{Steps: o.CorrectionSteps,
		Threshold: o.Threshold, Workers: o.Workers, Progress: o.progress("corrections")})
	if err != nil {
		return err
	}
	a.Convergence = cv.Times
	a.Quick, a.Never = hdnet.ConvergenceExamples(cv.Times, o.CorrectionSteps)
	var ex []int
	ex = append(ex, a.Quick[:min(2, len(a.Quick))]...)
	ex = append(ex, a.Never[:min(1, len(a.Never))]...)
	a.Examples = nil
	H := a.net.H
	for _, i := range ex {
		run, err := a.net.CorrectionRun(codes[i*H:(i+1)*H], a.Attractors, o.CorrectionSteps, a.PCA)
		if err != nil {
			return err
		}
		a.Examples = append(a.Examples, hdnet.Example{Image: i, Time: cv.Times[i], PCA: run})
	}
	return nil
}

// NeverConverged counts the images whose time to convergence is infinite
// (panel G's red bar).
func (a *Analysis) NeverConverged() int {
	n := 0
	for _, t := range a.Convergence {
		if math.IsInf(t, 1) {
			n++
		}
	}
	return n
}
