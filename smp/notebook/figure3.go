package notebook

import (
	"fmt"
	"image"
	"io"
	"math"
	"slices"

	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// Figure3Params are the parameters of figure 3's steps; PaperFigure3 gives
// the original's.
type Figure3Params struct {
	HDCutoff         float64 // resultant-vector length above which a unit of RNN-1 is an HD cell
	DemoState        int     // written state the demo starts from (its direction is 0)
	DemoSteps        int     // steps of the demo (hdnet.DemoVelocities)
	ClusterThreshold float64 // take-if-farther-than: the PCA's points, and when corrected states have converged
	Seed             uint64  // seed of the random initial states (the original does not seed them)
	RandomRuns       int     // random initial states, run at zero velocity
	RandomSteps      int     // steps of those runs
	FlowVelocity     float64 // panel E: from random runs 11 and 41, -FlowVelocity (red) and +FlowVelocity (blue) radians per step
	FlowSteps        int     // steps of panel E's flows
	AutocovVelocity  float64 // panel F: every random initial state at -AutocovVelocity (red) and +AutocovVelocity (blue)
	AutocovSteps     int     // steps of those runs
	AutocovLags      int     // lags 0..AutocovLags-1 of the mean autocovariance
	CorrectionImages int     // the first CorrectionImages images are corrected from every attractor state
	CorrectionSteps  int     // steps of those corrected runs
}

// PaperFigure3 returns the original's parameters (hdnet's constants), with
// seed drawing the random initial states.
func PaperFigure3(seed uint64) Figure3Params {
	return Figure3Params{HDCutoff: hdnet.HDCutoff, DemoState: hdnet.DemoState, DemoSteps: hdnet.DemoSteps,
		ClusterThreshold: hdnet.ClusterThreshold, Seed: seed, RandomRuns: hdnet.RandomRunsCount,
		RandomSteps: hdnet.RandomRunsSteps, FlowVelocity: hdnet.FlowVelocity, FlowSteps: hdnet.FlowSteps,
		AutocovVelocity: hdnet.FlowVelocity, AutocovSteps: hdnet.AutocovSteps, AutocovLags: hdnet.AutocovLags,
		CorrectionImages: hdnet.CorrectionImages, CorrectionSteps: hdnet.CorrectionSteps}
}

// key returns the parameters the named step depends on, its own and those
// of the steps it builds on: its cache key.
func (p Figure3Params) key(step string) []any {
	pca := []any{p.HDCutoff, p.DemoState, p.DemoSteps, p.ClusterThreshold}
	random := append(slices.Clip(pca), p.Seed, p.RandomRuns, p.RandomSteps)
	corrections := append(slices.Clip(random), p.CorrectionImages, p.CorrectionSteps)
	return map[string][]any{
		"HD cells":       {p.HDCutoff},
		"demo":           {p.DemoState, p.DemoSteps},
		"PCA space":      pca,
		"random runs":    random,
		"flows":          append(slices.Clip(random), p.FlowVelocity, p.FlowSteps),
		"autocovariance": append(slices.Clip(random), p.AutocovVelocity, p.AutocovSteps, p.AutocovLags),
		"corrections":    corrections,
		"images":         corrections,
	}[step] // nil for the network summary
}

// Figure3 computes figure 3's steps with its parameters, one method per
// step of the original notebook, called in turn by Input (go run
// ./scripts/figures -fig 3). Each result is cached (see Figure2).
type Figure3 struct {
	Params Figure3Params
	*steps
}

// OpenFigure3 returns figure 3's steps on Data with the parameters p, with
// progress on standard output, sharing the cell's results and network.
func OpenFigure3(p Figure3Params) *Figure3 { return &Figure3{Params: p, steps: sessionSteps()} }

// NewFigure3 returns figure 3's steps on src with the parameters p, with
// progress lines to progress (if not nil).
func NewFigure3(src *Source, p Figure3Params, progress io.Writer) *Figure3 {
	return &Figure3{Params: p, steps: newSteps(src, progress)}
}

// step3 runs figure 3's step name, cached under its parameters
// (Figure3Params.key); compute gets the network, read on first need.
func step3[T any](f *Figure3, name string, compute func(n *hdnet.Network) (T, error)) (T, error) {
	return step(f.steps, name, f.Params.key(name), func() (T, error) { return with(f.network, compute) })
}

// Figure3Summary describes figure 3's data (cell 6 of the original).
type Figure3Summary struct {
	H, S, E        int     // units per LSTM, memory slots, embedding size
	Images         int     // number of visual inputs I
	ImageH, ImageW int     // image size in pixels (0 without images)
	Beta           float64 // log inverse temperature of the correction
	HDCount        int     // units with resultant-vector length > hdnet.HDCutoff
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

// Summary returns the sizes of the data (cell 6).
func (f *Figure3) Summary() (*Figure3Summary, error) {
	return step3(f, "network summary", func(n *hdnet.Network) (*Figure3Summary, error) {
		return &Figure3Summary{H: n.H, S: n.S, E: n.E, Images: n.NumImages, ImageH: n.ImageH, ImageW: n.ImageW,
			Beta: n.Beta, HDCount: len(n.HDCells()), RVAngles: n.RVAngles, RVLengths: n.RVLengths}, nil
	})
}

// HDCells returns the HD cells (cell 7): the units with resultant-vector
// length above HDCutoff, ordered by preferred direction
// (hdnet.SelectHDCells).
func (f *Figure3) HDCells() ([]int, error) {
	return step3(f, "HD cells", func(n *hdnet.Network) ([]int, error) {
		return hdnet.SelectHDCells(n.RVAngles, n.RVLengths, f.Params.HDCutoff), nil
	})
}

// Demo runs the velocity-integration demo (cell 9, panel A): DemoSteps
// steps from written state DemoState (hdnet.Network.Demo).
func (f *Figure3) Demo() (*hdnet.Demo, error) {
	return step3(f, "demo", func(n *hdnet.Network) (*hdnet.Demo, error) {
		return n.Demo(f.Params.DemoState, f.Params.DemoSteps)
	})
}

// Figure3PCA is the PCA space and the distribution of random initial
// states (cell 10).
type Figure3PCA struct {
	Kept    []int                      // demo steps farther than ClusterThreshold from each other
	PCA     *hdnet.PCA                 // of the kept states, HD cells only
	Init    *hdnet.InitialDistribution // random initial states: N(mean, 16·(var + 1e-4)), units independent
	DemoPCA []float64                  // the demo projected [T, 2] (panel B)
}

// PCA thins the demo's states to points at least ClusterThreshold apart
// (hdnet.TakeIfFartherThan), fits the PCA of the HD cells to them
// (hdnet.FitPCA) and the distribution of random initial states
// (hdnet.NewInitialDistribution), and projects the demo (cell 10).
func (f *Figure3) PCA() (*Figure3PCA, error) {
	return step(f.steps, "PCA space", f.Params.key("PCA space"), func() (*Figure3PCA, error) {
		d, err := f.Demo()
		if err != nil {
			return nil, err
		}
		cells, err := f.HDCells()
		if err != nil {
			return nil, err
		}
		kept, points := hdnet.TakeIfFartherThan(d.Trajectory, d.H, f.Params.ClusterThreshold)
		p, err := hdnet.FitPCA(points, d.H, cells)
		if err != nil {
			return nil, err
		}
		init, err := hdnet.NewInitialDistribution(points, d.H)
		if err != nil {
			return nil, err
		}
		return &Figure3PCA{Kept: kept, PCA: p, Init: init, DemoPCA: p.ProjectAll(d.Trajectory, d.H)}, nil
	})
}

// Figure3Random is what figure 3 keeps of the runs from random initial
// states at zero velocity (cells 11 and 12): their first and last states,
// the PCA limits and what panels C and D show. The original's 1000 × 2001
// states are not kept.
type Figure3Random struct {
	H                               int                // units per state
	Initial, Final                  []float64          // states [N, H] at step 0 and at the end
	Limits                          [2]float64         // PCA axis limits ±Limits[0], ±Limits[1], from the projections of steps ≥ 3
	Change                          *hdnet.ChangeStats // panel C, the first 100 steps
	InitialPCA, Step10PCA, FinalPCA []float64          // panel D: projected states [N, 2] at steps 0, 10 and the end
}

// RandomRuns runs RandomRuns random initial states, drawn with Seed, for
// RandomSteps steps at zero velocity (cell 11, hdnet.Network.Runs) and
// computes the PCA limits (cell 12) and panels C and D.
func (f *Figure3) RandomRuns() (*Figure3Random, error) {
	return step3(f, "random runs", func(n *hdnet.Network) (*Figure3Random, error) {
		p, err := f.PCA()
		if err != nil {
			return nil, err
		}
		h0 := p.Init.Sample(hdnet.NewRand(f.Params.Seed), f.Params.RandomRuns)
		r, err := n.Runs(h0, f.Params.RandomSteps, hdnet.RunOptions{W: 0, Keep: 100, PCA: p.PCA,
			ProjectFrom: hdnet.LimitsFromStep, Progress: f.stage("random runs")})
		if err != nil {
			return nil, err
		}
		change, err := r.Change(p.PCA.Units, min(100, r.Keep)) // the HD cells
		if err != nil {
			return nil, err
		}
		s10, err := r.StatesAt(min(10, r.Steps))
		if err != nil {
			return nil, err
		}
		return &Figure3Random{H: n.H, Initial: h0, Final: r.Final, Limits: r.Bounds.Limits(), Change: change,
			InitialPCA: p.PCA.ProjectAll(h0, n.H), Step10PCA: p.PCA.ProjectAll(s10, n.H), FinalPCA: p.PCA.ProjectAll(r.Final, n.H)}, nil
	})
}

// Figure3Attractors are the attractor states: one per distinct angle in
// the PCA plane among the final states of the random runs (cell 12).
type Figure3Attractors struct {
	Runs   []int     // the random runs whose final states they are
	States []float64 // the states [len(Runs), H]
}

// Attractors picks the attractor states among the final states of the
// random runs (cell 12, hdnet.AttractorIndices).
func (f *Figure3) Attractors() (*Figure3Attractors, error) {
	r, err := f.RandomRuns()
	if err != nil {
		return nil, err
	}
	a := &Figure3Attractors{Runs: hdnet.AttractorIndices(r.FinalPCA)}
	for _, i := range a.Runs {
		a.States = append(a.States, r.Final[i*r.H:(i+1)*r.H]...)
	}
	return a, nil
}

// Flows computes panel E: from the initial states of random runs 11 and 41
// (hdnet.FlowRunRed, FlowRunBlue), FlowSteps steps at -FlowVelocity (red)
// and +FlowVelocity (blue), projected (hdnet.Network.Flow).
func (f *Figure3) Flows() ([2]hdnet.Curve, error) {
	return step3(f, "flows", func(n *hdnet.Network) (out [2]hdnet.Curve, err error) {
		r, err := f.RandomRuns()
		if err != nil {
			return out, err
		}
		p, err := f.PCA()
		if err != nil {
			return out, err
		}
		for k, run := range []int{hdnet.FlowRunRed, hdnet.FlowRunBlue} {
			if (run+1)*r.H > len(r.Initial) {
				return out, fmt.Errorf("random run %d of %d", run, len(r.Initial)/r.H)
			}
			w := []float64{-f.Params.FlowVelocity, f.Params.FlowVelocity}[k]
			flow, err := n.Flow(r.Initial[run*r.H:(run+1)*r.H], w, f.Params.FlowSteps, p.PCA)
			if err != nil {
				return out, err
			}
			out[k] = hdnet.Curve{W: w, Run: run, Data: flow}
		}
		return out, nil
	})
}

// Autocovariance computes panel F: every random initial state unrolled
// AutocovSteps steps at -AutocovVelocity (red) and +AutocovVelocity
// (blue), the mean autocovariance at lags 0..AutocovLags-1
// (hdnet.Network.MeanAutocovariance).
func (f *Figure3) Autocovariance() ([2]hdnet.Curve, error) {
	return step3(f, "autocovariance", func(n *hdnet.Network) (out [2]hdnet.Curve, err error) {
		r, err := f.RandomRuns()
		if err != nil {
			return out, err
		}
		for k, w := range []float64{-f.Params.AutocovVelocity, f.Params.AutocovVelocity} {
			m, err := n.MeanAutocovariance(r.Initial, w, f.Params.AutocovSteps, f.Params.AutocovLags, 0,
				f.stage(fmt.Sprintf("autocovariance %+.2f", w)))
			if err != nil {
				return out, err
			}
			out[k] = hdnet.Curve{W: w, Run: -1, Data: m}
		}
		return out, nil
	})
}

// Corrections runs the corrected dynamics from every attractor state for
// each of the first CorrectionImages images, CorrectionSteps steps (cell
// 14): the images' correction codes (hdnet.Network.ImageCodes), their
// times to convergence (cell 15, hdnet.Network.ConvergenceTimes) and the
// whole runs of the example images of panels H and I
// (hdnet.Network.CorrectionRun).
func (f *Figure3) Corrections() (*figures.Figure3Corrections, error) {
	return step3(f, "corrections", func(n *hdnet.Network) (*figures.Figure3Corrections, error) {
		p, err := f.PCA()
		if err != nil {
			return nil, err
		}
		a, err := f.Attractors()
		if err != nil {
			return nil, err
		}
		steps := f.Params.CorrectionSteps
		codes, err := n.ImageCodes(f.Params.CorrectionImages) // softmax(γ·v·m(y)) · m(x) for each image
		if err != nil {
			return nil, err
		}
		cv, err := n.ConvergenceTimes(codes, a.States, p.PCA, hdnet.CorrectionOptions{Steps: steps,
			Threshold: f.Params.ClusterThreshold, Progress: f.stage("corrections")})
		if err != nil {
			return nil, err
		}
		quick, never := hdnet.ConvergenceExamples(cv, steps)
		c := &figures.Figure3Corrections{Steps: steps, Attractors: len(a.Runs), Times: cv, Quick: quick, Never: never}
		for _, i := range slices.Concat(quick[:min(2, len(quick))], never[:min(1, len(never))]) { // panels H and I
			run, err := n.CorrectionRun(codes[i*n.H:(i+1)*n.H], a.States, steps, p.PCA)
			if err != nil {
				return nil, err
			}
			c.Examples = append(c.Examples, hdnet.Example{Image: i, Time: cv[i], PCA: run})
		}
		return c, nil
	})
}

// Images returns the images panels G, H and I show
// (figures.Figure3Corrections.ImagesShown), by index; none when the data
// has no images.
func (f *Figure3) Images() (map[int]*image.RGBA, error) {
	return step3(f, "images", func(n *hdnet.Network) (map[int]*image.RGBA, error) {
		c, err := f.Corrections()
		if err != nil {
			return nil, err
		}
		out := map[int]*image.RGBA{}
		if n.Images == nil {
			return out, nil // the figure leaves them out
		}
		for _, k := range c.ImagesShown() {
			if out[k], err = n.Image(k); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
}

// Input returns everything figure 3 draws, step by step.
func (f *Figure3) Input() (in figures.Figure3Input, err error) {
	return f.InputStages(nil)
}

// InputStages is Input for a program that draws the panels while the
// inputs of the next ones are computed (figures.Figure3Stages): once the
// inputs of panels A–D, then E, then F are complete, it calls ready (if
// not nil) with the input so far and the last of those panels.
func (f *Figure3) InputStages(ready func(in figures.Figure3Input, upTo byte)) (in figures.Figure3Input, err error) {
	stage := func(upTo byte) {
		if ready != nil {
			ready(in, upTo)
		}
	}
	if in.HDCells, err = f.HDCells(); err != nil {
		return in, err
	}
	if in.Demo, err = f.Demo(); err != nil {
		return in, err
	}
	p, err := f.PCA()
	if err != nil {
		return in, err
	}
	r, err := f.RandomRuns()
	if err != nil {
		return in, err
	}
	in.DemoPCA, in.Limits, in.Change, in.InitialPCA, in.Step10PCA, in.FinalPCA = p.DemoPCA, r.Limits, r.Change, r.InitialPCA, r.Step10PCA, r.FinalPCA
	stage('D')
	if in.Flows, err = f.Flows(); err != nil {
		return in, err
	}
	stage('E')
	if in.Autocov, err = f.Autocovariance(); err != nil {
		return in, err
	}
	stage('F')
	if in.Corrections, err = f.Corrections(); err != nil {
		return in, err
	}
	in.Images, err = f.Images()
	return in, err
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
	if d == nil || len(d.TrueOffset) == 0 || len(demoPCA) < 2*len(d.TrueOffset) {
		return 0, 0, fmt.Errorf("figure 3: ring tracking: need the demo's true angles and as many projected points (%d values)", len(demoPCA))
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
