package figures

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"

	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/num"
	"github.com/smp-go/smp-go/smp/plot"
)

// Figure 3's size: 6.2 × 5.05 inches at 180 dpi, shown at the original's
// 1116 × 909 display pixels (a PNG of 2232 × 1818 pixels at
// plot.PixelDensity 2).
const (
	Figure3Width  = 6.2
	Figure3Height = 5.05
	Figure3DPI    = 180
	Figure3Scale  = 1 // display scale (plot.SuperFigure.SetScale)
)

// figure3Layout is figure 3's resolution and display scale.
var figure3Layout = layout{dpi: Figure3DPI, scale: Figure3Scale}

// figure3Boxes are the regions of figure 3's panels A–I (see box), in
// inches: A and B in the first row; C, D, E and F in the second; G, H (two
// example images) and I (one) in the third.
var figure3Boxes = map[rune]box{
	'A': {0, 0, 4.75, 1.45},
	'B': {4.75, 0, 1.45, 1.45},
	'C': {0, 1.45, 1.55, 1.5},
	'D': {1.55, 1.45, 1.6, 1.5},
	'E': {3.15, 1.45, 1.6, 1.5},
	'F': {4.75, 1.45, 1.45, 1.5},
	'G': {0, 2.95, 2.4, 1.95},
	'H': {2.4, 2.95, 2.4 + 4.0/180, 1.95}, // to 4 points right of its axes' spine
	'I': {4.8 + 4.0/180, 2.95, 1.4 - 4.0/180, 1.95},
}

// Figure3HistEdges is the number of bin edges of panel G's histogram. The
// original asks for 20 bins but passes np.linspace(0, T, 20) as the edges,
// which makes 19 bins of width T/19 (10.5 steps for T = 200); we follow its
// code. The red bar of images that never converged is T/20 wide, from T.
const Figure3HistEdges = 20

// FlowLabels returns the legend labels of panels E and F: red (ω = −0.16
// per step) is labelled ω = π/20 and blue (ω = +0.16) ω = −π/20, as in the
// original (which swapped the signs and rounded 0.16 to π/20 ≈ 0.157).
func FlowLabels() [2]string { return [2]string{"ω = π/20", "ω = " + plot.Minus + "π/20"} }

// Figure3Input is everything figure 3 draws.
type Figure3Input struct {
	HDCells    []int              // the HD cells, ordered by preferred direction (cell 7)
	Demo       *hdnet.Demo        // panel A: the velocity-integration demo (all units)
	DemoPCA    []float64          // panel B: projected demo [T, 2]
	Limits     [2]float64         // PCA axis limits ±Limits[0] (PC 1), ±Limits[1] (PC 2)
	Change     *hdnet.ChangeStats // panel C
	InitialPCA []float64          // panel D: projected random initial states [N, 2]
	Step10PCA  []float64          // ... after 10 steps [N, 2]
	FinalPCA   []float64          // ... final states [N, 2]
	Flows      [2]hdnet.Curve     // panel E: red, blue
	Autocov    [2]hdnet.Curve     // panel F: red, blue
	// Corrections holds panel G's times to convergence and panels H and I's
	// example runs.
	Corrections *Figure3Corrections
	// Images maps an image index to the image, for the images panels G, H
	// and I show (ImagesShown); missing images are left out of the figure.
	Images map[int]*image.RGBA
}

// ImagesShown returns the indices of the images the figure shows, without
// repeats: the first three quickly converging images and the first three
// never-converging ones (panel G's thumbnails), and the example images
// (panels H and I).
func (in *Figure3Input) ImagesShown() []int {
	c := in.Corrections
	if c == nil {
		return nil
	}
	var out []int
	seen := map[int]bool{}
	add := func(k int) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, k := range c.Quick[:min(3, len(c.Quick))] {
		add(k)
	}
	for _, k := range c.Never[:min(3, len(c.Never))] {
		add(k)
	}
	for _, e := range c.Examples {
		add(e.Image)
	}
	return out
}

// Figure3 draws figure 3 (6.2 × 5.05 inches at 180 dpi, shown at 1116 ×
// 909 display pixels) at the original's positions (inches from the
// top-left corner):
//
//	A  top (0.45, 0.2, 4.1 × 0.3): the true angle, wrap(offset − π), as dots
//	   bottom (0.45, 0.6, 4.1 × 0.5): the demo's HD cells (rows) over its
//	   1000 steps, coolwarm, aspect 3.5
//	B  (5.1, 0.2): PCA of the demo, grey, alpha 0.1
//	C  (0.3, 1.6): change in activations of the zero-velocity runs over the
//	   first 100 steps: 5 % and 95 % quantiles (thin blue), mean (thick)
//	D  (1.9, 1.6): PCA of the random initial states (grey), of step 10
//	   (green) and of the final states (black crosses)
//	E  (3.5, 1.6): flows at ω = −0.16 (red) and +0.16 (blue) from random
//	   runs 11 and 41: start dots, then arrows from state to state
//	F  (5.1, 1.6): mean autocovariance at ω = −0.16 (red) and +0.16 (blue)
//	G  (0.3, 3.4, 2.0 × 1.2): histogram of the time to convergence, a red
//	   bar for the images that never converge, thumbnails of quick (blue
//	   frames) and never-converging (red frames) images
//	H, I  three example images (2.9 + 1.2k, 3.0, 0.5 × 0.5) and the
//	   corrected runs from every attractor state (2.7 + 1.2k, 3.7,
//	   0.9 × 0.9, equal aspect), one tab20b colour per start state: H the
//	   first two quickly converging images, I the first that never
//	   converges
//
// Panels B, D, H and I share the PCA limits (E widens them, see Figure3E).
// All panels are 1 × 1 inch unless stated. Each panel is drawn by the same
// code as the panel alone (Figure3A ... Figure3I).
func Figure3(in Figure3Input) (*plot.SuperFigure, error) {
	s, err := NewFigure3Stages()
	if err != nil {
		return nil, err
	}
	if err := s.Draw(in, 'I'); err != nil {
		return nil, err
	}
	return s.Figure, nil
}

// Figure3Stages draws figure 3 a few panels at a time, in order, for a
// program that renders the panels drawn so far (plot.SuperFigure.Render)
// while it computes the inputs of the next ones. A panel needs these
// fields of Figure3Input: A–D Demo, HDCells, DemoPCA, Limits, Change and
// the runs' PCA; E Flows; F Autocov; G–I Corrections and Images. Drawing
// every panel gives the figure of Figure3.
type Figure3Stages struct {
	Figure *plot.SuperFigure
	next   byte // the next panel to draw
}

// NewFigure3Stages returns figure 3 with no panel drawn yet.
func NewFigure3Stages() (*Figure3Stages, error) {
	f, err := newFigure(figure3Layout, Figure3Width, Figure3Height)
	if err != nil {
		return nil, err
	}
	return &Figure3Stages{Figure: f, next: 'A'}, nil
}

// Draw draws the panels after those already drawn, up to and including
// panel upTo ('A' ... 'I'), from in.
func (s *Figure3Stages) Draw(in Figure3Input, upTo byte) error {
	if upTo < s.next || upTo > 'I' {
		return fmt.Errorf("figure 3: cannot draw panels %c to %c", s.next, upTo)
	}
	c := in.Corrections
	if upTo >= 'G' && c == nil {
		return fmt.Errorf("figure 3: no correction results")
	}
	if s.next <= 'B' && in.Demo != nil && len(in.DemoPCA) != 2*in.Demo.T {
		return fmt.Errorf("figure 3: %d projected demo values for %d steps", len(in.DemoPCA), in.Demo.T)
	}
	if upTo >= 'H' {
		for _, e := range c.Examples {
			if c.Attractors <= 0 || len(e.PCA) != (c.Steps+1)*c.Attractors*2 {
				return fmt.Errorf("figure 3: example image %d: %d projected values for %d steps from %d states", e.Image, len(e.PCA), c.Steps, c.Attractors)
			}
		}
	}
	panels := []func(*plot.SuperFigure) error{
		func(f *plot.SuperFigure) error { return drawFigure3A(f, in.Demo, in.HDCells) },
		func(f *plot.SuperFigure) error { return drawFigure3B(f, in.DemoPCA, in.Limits) },
		func(f *plot.SuperFigure) error { return drawFigure3C(f, in.Change) },
		func(f *plot.SuperFigure) error {
			return drawFigure3D(f, in.InitialPCA, in.Step10PCA, in.FinalPCA, in.Limits)
		},
		func(f *plot.SuperFigure) error { return drawFigure3E(f, in.Flows, in.Limits) },
		func(f *plot.SuperFigure) error { return drawFigure3F(f, in.Autocov) },
		func(f *plot.SuperFigure) error { return drawFigure3G(f, c.Times, c.Steps, in.Images) },
		func(f *plot.SuperFigure) error {
			return drawFigure3H(f, c.Examples, c.Attractors, in.Limits, in.Images)
		},
		func(f *plot.SuperFigure) error {
			return drawFigure3I(f, c.Examples, c.Attractors, in.Limits, in.Images)
		},
	}
	for ; s.next <= upTo; s.next++ {
		if err := panels[s.next-'A'](s.Figure); err != nil {
			return err
		}
	}
	return nil
}

// Figure3A draws panel A alone: the velocity-integration demo, its true
// angle above the activity of the HD cells hdCells (units ordered by
// preferred direction) over its steps.
func Figure3A(demo *hdnet.Demo, hdCells []int) (*plot.SuperFigure, error) {
	return drawAlone(figure3Layout, figure3Boxes['A'], func(f *plot.SuperFigure) error {
		return drawFigure3A(f, demo, hdCells)
	})
}

// drawFigure3A draws panel A in f's layout: the true angle,
// wrap(offset − π), as dots at (0.45, 0.2, 4.1 × 0.3) above the demo's HD
// cells (rows) over its steps (columns), coolwarm, aspect 3.5, at (0.45,
// 0.6, 4.1 × 0.5).
func drawFigure3A(f *plot.SuperFigure, d *hdnet.Demo, hdCells []int) error {
	if d == nil || d.T <= 1 || d.H <= 0 || len(d.Trajectory) != d.T*d.H || len(d.TrueOffset) != d.T-1 {
		return fmt.Errorf("figure 3: panel A: no or inconsistent demo")
	}
	if len(hdCells) == 0 {
		return fmt.Errorf("figure 3: panel A: no HD cells")
	}
	for _, u := range hdCells {
		if u < 0 || u >= d.H {
			return fmt.Errorf("figure 3: panel A: HD cell %d out of range [0, %d)", u, d.H)
		}
	}
	n := len(hdCells)
	ordered := hdnet.SelectUnits(d.Trajectory, d.H, hdCells) // [T, n]
	m := make([]float64, n*d.T)                              // transposed: units × steps
	for t := range d.T {
		for u := range n {
			m[u*d.T+t] = ordered[t*n+u]
		}
	}
	a, err := plot.NewMatShowAxes(m, n, d.T, plot.Coolwarm(), 3.5)
	if err != nil {
		return fmt.Errorf("figure 3: panel A: %w", err)
	}
	yt, xt := num.Arange(0, float64(n+1), 10), num.Arange(0, float64(d.T+1), 100)
	if a.Y.Ticks, err = plot.FixedTicks(yt, nil); err != nil {
		return fmt.Errorf("figure 3: panel A: %w", err)
	}
	if a.X.Ticks, err = plot.FixedTicks(xt, nil); err != nil {
		return fmt.Errorf("figure 3: panel A: %w", err)
	}
	// matplotlib's set_yticks/set_xticks widen the view to include every
	// tick (e.g. to 1000 on x, past the last column at 999.5).
	a.SetXLim(-0.5, math.Max(float64(d.T)-0.5, xt[len(xt)-1]))
	a.SetYLim(-0.5, math.Max(float64(n)-0.5, yt[len(yt)-1]))
	a.Y.Label, a.X.Label = "Unit", "Integration steps"
	a.Draw(f.Panel(0.45, 0.6, 4.1, 0.5))

	angle := d.DisplayAngle()
	steps := make([]float64, len(angle))
	for i := range steps {
		steps[i] = float64(i)
	}
	a = plot.NewAxes()
	a.Add(plot.NewScatter(steps, angle, plot.C0, 1, plot.MarkerPoint))
	a.SetXLim(0, float64(d.T))
	a.SetYLim(-math.Pi, math.Pi)
	a.Y.Ticks = plot.PiTicks()
	if a.X.Ticks, err = plot.FixedTicks(xt, nil); err != nil {
		return fmt.Errorf("figure 3: panel A: %w", err)
	}
	a.X.HideTickLabels = true
	a.Y.Label = "True angle"
	a.Draw(f.Panel(0.45, 0.2, 4.1, 0.3))
	f.PanelLabel(0.45, 0.2, -0.3, 0, "A)")
	return nil
}

// Figure3B draws panel B alone: the demo's trajectory projected on the
// first two principal components (demoPCA [T, 2]), in the PCA limits
// ±limits[0] (PC 1) and ±limits[1] (PC 2).
func Figure3B(demoPCA []float64, limits [2]float64) (*plot.SuperFigure, error) {
	return drawAlone(figure3Layout, figure3Boxes['B'], func(f *plot.SuperFigure) error {
		return drawFigure3B(f, demoPCA, limits)
	})
}

// drawFigure3B draws panel B in f's layout at (5.1, 0.2): grey dots, alpha
// 0.1.
func drawFigure3B(f *plot.SuperFigure, demoPCA []float64, limits [2]float64) error {
	if err := checkPoints("figure 3: panel B: projected demo", demoPCA); err != nil {
		return err
	}
	a, err := pcaAxes(limits)
	if err != nil {
		return fmt.Errorf("figure 3: panel B: %w", err)
	}
	a.Add(plot.NewScatter(xs(demoPCA), ys(demoPCA), plot.Grey, 0.1, plot.MarkerCircle))
	a.Draw(f.Panel(5.1, 0.2, 1, 1))
	f.PanelLabel(5.1, 0.2, -0.15, 0, "B)")
	return nil
}

// Figure3C draws panel C alone: the change in activations of the runs from
// random initial states at zero velocity (the norm of the step-to-step
// difference of the HD cells), its 5 % and 95 % quantiles across runs
// (thin blue) and its mean (thick blue) per step, over 0..100 steps and
// 0..2.
func Figure3C(change *hdnet.ChangeStats) (*plot.SuperFigure, error) {
	return drawAlone(figure3Layout, figure3Boxes['C'], func(f *plot.SuperFigure) error {
		return drawFigure3C(f, change)
	})
}

// drawFigure3C draws panel C in f's layout at (0.3, 1.6).
func drawFigure3C(f *plot.SuperFigure, ch *hdnet.ChangeStats) error {
	if ch == nil || len(ch.Mean) == 0 || len(ch.Q05) != len(ch.Mean) || len(ch.Q95) != len(ch.Mean) {
		return fmt.Errorf("figure 3: panel C: no or inconsistent change statistics")
	}
	a := plot.NewAxes()
	for _, c := range []struct {
		y     []float64
		width vg.Length
	}{{ch.Q95, 1}, {ch.Q05, 1}, {ch.Mean, 2}} {
		l, err := plot.NewPolyline(c.y, plot.Solid(plot.Blue, c.width))
		if err != nil {
			return fmt.Errorf("figure 3: panel C: %w", err)
		}
		a.Add(l)
	}
	a.SetXLim(0, 100)
	a.SetYLim(0, 2)
	a.X.Label, a.Y.Label = "Steps of dynamics", "Change in activations"
	a.Draw(f.Panel(0.3, 1.6, 1, 1))
	f.PanelLabel(0.3, 1.6, -0.15, 0, "C)")
	return nil
}

// Figure3D draws panel D alone: the random initial states (grey, alpha
// 0.1), the states after 10 steps (green, alpha 0.1) and the final states
// (black crosses) projected on the first two principal components (each
// [N, 2]), in the PCA limits.
func Figure3D(initial, step10, final []float64, limits [2]float64) (*plot.SuperFigure, error) {
	return drawAlone(figure3Layout, figure3Boxes['D'], func(f *plot.SuperFigure) error {
		return drawFigure3D(f, initial, step10, final, limits)
	})
}

// drawFigure3D draws panel D in f's layout at (1.9, 1.6).
func drawFigure3D(f *plot.SuperFigure, initial, step10, final []float64, limits [2]float64) error {
	if err := checkPoints("figure 3: panel D: projected initial states", initial); err != nil {
		return err
	}
	if len(step10) != len(initial) || len(final) != len(initial) {
		return fmt.Errorf("figure 3: panel D: projected random states of %d, %d and %d values, want equal", len(initial), len(step10), len(final))
	}
	a, err := pcaAxes(limits)
	if err != nil {
		return fmt.Errorf("figure 3: panel D: %w", err)
	}
	a.Add(plot.NewScatter(xs(initial), ys(initial), plot.Grey, 0.1, plot.MarkerCircle),
		plot.NewScatter(xs(step10), ys(step10), plot.Green, 0.1, plot.MarkerCircle),
		plot.NewScatter(xs(final), ys(final), plot.Black, 1, plot.MarkerCross))
	a.Draw(f.Panel(1.9, 1.6, 1, 1))
	f.PanelLabel(1.9, 1.6, -0.15, 0, "D)")
	return nil
}

// flowColours are the colours of the two angular velocities of panels E
// and F: red for ω = −0.16, blue for +0.16.
var flowColours = [2]color.Color{plot.Red, plot.Blue}

// Figure3E draws panel E alone: the velocity-driven flows (flows[0] red,
// flows[1] blue; each a projected trajectory [steps+1, 2]), a dot at the
// start and an arrow from each state to the next, labelled FlowLabels.
//
// Deviation: the flows start from random initial states, which may lie
// outside the shared PCA limits; the original clipped such a start point.
// Panel E widens both limits by the same factor, where needed, so that the
// flows' largest coordinate on either axis is at most 1/1.1 of its limit:
// every start point and arrow is visible, and the ring keeps the shape it
// has in panels B and D.
func Figure3E(flows [2]hdnet.Curve, limits [2]float64) (*plot.SuperFigure, error) {
	return drawAlone(figure3Layout, figure3Boxes['E'], func(f *plot.SuperFigure) error {
		return drawFigure3E(f, flows, limits)
	})
}

// drawFigure3E draws panel E in f's layout at (3.5, 1.6).
func drawFigure3E(f *plot.SuperFigure, flows [2]hdnet.Curve, limits [2]float64) error {
	zoom := 1.0 // how much to widen both limits
	for k, fl := range flows {
		if len(fl.Data)%2 != 0 {
			return fmt.Errorf("figure 3: panel E: flow %d of %d values, want pairs", k, len(fl.Data))
		}
		for i, v := range fl.Data {
			zoom = math.Max(zoom, 1.1*math.Abs(v)/limits[i%2])
		}
	}
	a, err := pcaAxes([2]float64{zoom * limits[0], zoom * limits[1]})
	if err != nil {
		return fmt.Errorf("figure 3: panel E: %w", err)
	}
	for k, fl := range flows {
		if len(fl.Data) == 0 {
			continue
		}
		a.Add(plot.NewScatter(fl.Data[:1], fl.Data[1:2], flowColours[k], 1, plot.MarkerCircle))
		q := trajectoryQuiver(fl.Data, 1, 0, plot.WithAlpha(flowColours[k], 0.5))
		a.Add(q)
		a.AddLegend(FlowLabels()[k], q)
	}
	a.Legend.Loc = plot.LegendLowerRight
	a.Draw(f.Panel(3.5, 1.6, 1, 1))
	f.PanelLabel(3.5, 1.6, -0.15, 0, "E)")
	return nil
}

// Figure3F draws panel F alone: the mean autocovariance over lags 0..49 at
// the two angular velocities (autocov[0] red, autocov[1] blue), labelled
// FlowLabels.
func Figure3F(autocov [2]hdnet.Curve) (*plot.SuperFigure, error) {
	if len(autocov[0].Data) == 0 && len(autocov[1].Data) == 0 {
		return nil, fmt.Errorf("figure 3: panel F: no autocovariance")
	}
	return drawAlone(figure3Layout, figure3Boxes['F'], func(f *plot.SuperFigure) error {
		return drawFigure3F(f, autocov)
	})
}

// drawFigure3F draws panel F in f's layout at (5.1, 1.6) (lags 0..49; the
// original plots [:100] of 50).
func drawFigure3F(f *plot.SuperFigure, autocov [2]hdnet.Curve) error {
	a := plot.NewAxes()
	for k, ac := range autocov {
		if len(ac.Data) == 0 {
			continue
		}
		l, err := plot.NewPolyline(ac.Data, plot.Solid(flowColours[k], 1))
		if err != nil {
			return fmt.Errorf("figure 3: panel F: %w", err)
		}
		a.Add(l)
		a.AddLegend(FlowLabels()[k], l)
	}
	a.X.Label, a.Y.Label = "Steps of dynamics", "Autocovariance"
	a.Legend.Loc = plot.LegendLowerRight
	a.Draw(f.Panel(5.1, 1.6, 1, 1))
	f.PanelLabel(5.1, 1.6, -0.15, 0, "F)")
	return nil
}

// Figure3G draws panel G alone: the histogram of the images' times to
// convergence (times, +Inf for never) over 0..steps, a red bar for the
// images that never converge, and thumbnails of the first three quickly
// converging (0 < t < 10, blue frames) and never-converging (red frames)
// images, taken from images by image index (missing ones are left out).
//
// The original asks for 20 bins but passes np.linspace(0, T, 20) as the
// edges (Figure3HistEdges), which makes 19 bins of width T/19; we follow
// its code. The red bar of the images that never converged is T/20 wide,
// from T. The y axis shows counts as proportions of the images: ticks at
// 0, I/4, I/2, 3I/4 (0, 128, 256, 384 for the original's 512) labelled 0.0
// .. 0.75. The thumbnails sit where the original puts them for T = 200 and
// 512 images, scaled for other sizes.
func Figure3G(times []float64, steps int, images map[int]*image.RGBA) (*plot.SuperFigure, error) {
	return drawAlone(figure3Layout, figure3Boxes['G'], func(f *plot.SuperFigure) error {
		return drawFigure3G(f, times, steps, images)
	})
}

// drawFigure3G draws panel G in f's layout at (0.3, 3.4, 2.0 × 1.2).
func drawFigure3G(f *plot.SuperFigure, times []float64, steps int, images map[int]*image.RGBA) error {
	if steps <= 0 || len(times) == 0 {
		return fmt.Errorf("figure 3: panel G: %d times to convergence over %d steps, want some over at least 1", len(times), steps)
	}
	T := float64(steps)
	I := float64(len(times))
	edges := make([]float64, Figure3HistEdges)
	for i := range edges {
		edges[i] = T * float64(i) / float64(Figure3HistEdges-1) // np.linspace(0, T, 20)
	}
	h, err := plot.NewHistBars(times, edges, plot.C0)
	if err != nil {
		return fmt.Errorf("figure 3: panel G: %w", err)
	}
	quick, never := hdnet.ConvergenceExamples(times, steps)
	w := T / Figure3HistEdges // the original's T/nbins
	a := plot.NewAxes()
	a.Add(h, &plot.Bars{Centers: []float64{T + w/2}, Heights: []float64{float64(len(never))}, Width: w, Color: plot.Red})

	sx, sy := T/200, I/512
	for k, id := range quick[:min(3, len(quick))] {
		if img := images[id]; img != nil {
			th := plot.NewThumbnail(img, (50+40*float64(k))*sx, 250*sy, plot.Steel)
			if k == 0 {
				th.Arrow = plot.NewArrow(5*sx, 250*sy)
			}
			a.Add(th)
		}
	}
	for k, id := range never[:min(3, len(never))] {
		if img := images[id]; img != nil {
			th := plot.NewThumbnail(img, (150-40*float64(k))*sx, 100*sy, plot.Red)
			if k == 0 {
				th.Arrow = plot.NewArrow(205*sx, 100*sy)
			}
			a.Add(th)
		}
	}
	a.SetXLim(0, T+w)
	a.SetYLim(0, 0.75*I)
	if a.X.Ticks, err = plot.FixedTicks([]float64{0, T / 4, T / 2, 3 * T / 4, T},
		[]string{"0", fmt.Sprint(T / 4), fmt.Sprint(T / 2), fmt.Sprint(3 * T / 4), "  >" + fmt.Sprint(T)}); err != nil {
		return fmt.Errorf("figure 3: panel G: %w", err)
	}
	if a.Y.Ticks, err = plot.FixedTicks([]float64{0, I / 4, I / 2, 3 * I / 4}, []string{"0.0", "0.25", "0.5", "0.75"}); err != nil {
		return fmt.Errorf("figure 3: panel G: %w", err)
	}
	a.X.Label, a.Y.Label = "Time to convergence", "Proportion of images"
	a.Draw(f.Panel(0.3, 3.4, 2.0, 1.2))
	f.Label(0.3-0.15, 3.4-0.3, "G)")
	return nil
}

// Figure3H draws panel H alone: the first two examples that converge
// (finite Time), each its image above the corrected runs from every one of
// the attractors attractor states, projected in the PCA limits. The
// examples are the correction results' examples (images first two quickly
// converging, then the first never-converging one); images maps image
// indices to images (a missing image is left out).
func Figure3H(examples []hdnet.Example, attractors int, limits [2]float64, images map[int]*image.RGBA) (*plot.SuperFigure, error) {
	if len(converging(examples)) == 0 {
		return nil, fmt.Errorf("figure 3: panel H: no converging example among %d", len(examples))
	}
	return drawAlone(figure3Layout, figure3Boxes['H'], func(f *plot.SuperFigure) error {
		return drawFigure3H(f, examples, attractors, limits, images)
	})
}

// Figure3I draws panel I alone: as Figure3H, the first example that never
// converges (infinite Time).
func Figure3I(examples []hdnet.Example, attractors int, limits [2]float64, images map[int]*image.RGBA) (*plot.SuperFigure, error) {
	if len(nonConverging(examples)) == 0 {
		return nil, fmt.Errorf("figure 3: panel I: no never-converging example among %d", len(examples))
	}
	return drawAlone(figure3Layout, figure3Boxes['I'], func(f *plot.SuperFigure) error {
		return drawFigure3I(f, examples, attractors, limits, images)
	})
}

// drawFigure3H draws panel H in f's layout: the first two converging
// examples in columns 0 and 1 (see drawCorrectionColumn).
func drawFigure3H(f *plot.SuperFigure, examples []hdnet.Example, attractors int, limits [2]float64, images map[int]*image.RGBA) error {
	for k, ex := range converging(examples) {
		label := ""
		if k == 0 {
			label = "H)"
		}
		if err := drawCorrectionColumn(f, k, ex, attractors, limits, images[ex.Image], label); err != nil {
			return fmt.Errorf("figure 3: panel H: %w", err)
		}
	}
	return nil
}

// drawFigure3I draws panel I in f's layout: the first never-converging
// example in column 2.
func drawFigure3I(f *plot.SuperFigure, examples []hdnet.Example, attractors int, limits [2]float64, images map[int]*image.RGBA) error {
	for _, ex := range nonConverging(examples) {
		if err := drawCorrectionColumn(f, 2, ex, attractors, limits, images[ex.Image], "I)"); err != nil {
			return fmt.Errorf("figure 3: panel I: %w", err)
		}
	}
	return nil
}

// converging returns the first two examples with a finite time to
// convergence (panel H).
func converging(examples []hdnet.Example) []hdnet.Example {
	var out []hdnet.Example
	for _, e := range examples {
		if !math.IsInf(e.Time, 1) && len(out) < 2 {
			out = append(out, e)
		}
	}
	return out
}

// nonConverging returns the first example that never converges (panel I),
// or none.
func nonConverging(examples []hdnet.Example) []hdnet.Example {
	for _, e := range examples {
		if math.IsInf(e.Time, 1) {
			return []hdnet.Example{e}
		}
	}
	return nil
}

// drawCorrectionColumn draws example ex in column k (0, 1 or 2) of panels
// H and I: its image (0.5 × 0.5 inches at (2.9 + 1.2k, 3.0), if img is not
// nil) above the corrected runs from each of the B attractor states
// (0.9 × 0.9 at (2.7 + 1.2k, 3.7), equal aspect, PCA limits): each start
// state a colour of the tab20b palette, a dot at the start, arrows along
// the way, a black cross at the end. label, if any, is drawn left of the
// image.
func drawCorrectionColumn(f *plot.SuperFigure, k int, ex hdnet.Example, B int, limits [2]float64, img *image.RGBA, label string) error {
	if B <= 0 || len(ex.PCA) == 0 || len(ex.PCA)%(2*B) != 0 {
		return fmt.Errorf("example image %d: %d projected values from %d states, want [steps+1, %d, 2]", ex.Image, len(ex.PCA), B, B)
	}
	a, err := pcaAxes(limits)
	if err != nil {
		return err
	}
	x := 2.7 + 1.2*float64(k)
	if img != nil {
		plot.NewImshowAxes(img, "").Draw(f.Panel(x+0.2, 3.0, 0.5, 0.5))
	}
	f.PanelLabel(x+0.2, 3.0, -0.35, 0.1, label)

	tab := plot.Tab20b()
	steps := len(ex.PCA)/(2*B) - 1
	for b := range B {
		col := tab[b%len(tab)]
		run := make([]float64, 0, 2*(steps+1))
		for t := 0; t <= steps; t++ {
			o := (t*B + b) * 2
			run = append(run, ex.PCA[o], ex.PCA[o+1])
		}
		last := run[len(run)-2:]
		a.Add(plot.NewScatter(run[:1], run[1:2], col, 1, plot.MarkerCircle),
			trajectoryQuiver(run, 1, 0, col),
			plot.NewScatter(last[:1], last[1:], plot.Black, 1, plot.MarkerCross))
	}
	a.Aspect = 1
	if k != 0 {
		a.Y.Label = ""
	}
	a.Draw(f.Panel(x, 3.4+0.3, 0.9, 0.9))
	return nil
}

// checkPoints checks that p holds at least one point [n, 2].
func checkPoints(what string, p []float64) error {
	if len(p) == 0 || len(p)%2 != 0 {
		return fmt.Errorf("%s: %d values, want points [n, 2]", what, len(p))
	}
	return nil
}

// pcaAxes returns axes for the PCA plane: labels "PC 1" and "PC 2", limits
// ±L[0] and ±L[1], which must be positive and finite.
func pcaAxes(L [2]float64) (*plot.Axes, error) {
	if !(L[0] > 0) || !(L[1] > 0) || math.IsInf(L[0], 0) || math.IsInf(L[1], 0) {
		return nil, fmt.Errorf("PCA limits %v, want positive and finite", L)
	}
	a := plot.NewAxes()
	a.SetXLim(-L[0], L[0])
	a.SetYLim(-L[1], L[1])
	a.X.Label, a.Y.Label = "PC 1", "PC 2"
	return a, nil
}

// trajectoryQuiver returns the arrows from each point of trajectory b of
// proj [T, B, 2] to the next (quiver with scale_units "xy", scale 1).
func trajectoryQuiver(proj []float64, B, b int, col color.Color) *plot.Quiver {
	T := len(proj) / (2 * B)
	var x, y, u, v []float64
	for t := 0; t+1 < T; t++ {
		o, p := (t*B+b)*2, ((t+1)*B+b)*2
		x, y = append(x, proj[o]), append(y, proj[o+1])
		u, v = append(u, proj[p]-proj[o]), append(v, proj[p+1]-proj[o+1])
	}
	return plot.NewQuiver(x, y, u, v, col)
}

// xs and ys return the first and second columns of points [n, 2].
func xs(p []float64) []float64 { return column(p, 0) }
func ys(p []float64) []float64 { return column(p, 1) }

func column(p []float64, k int) []float64 {
	out := make([]float64, len(p)/2)
	for i := range out {
		out[i] = p[2*i+k]
	}
	return out
}
