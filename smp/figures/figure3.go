package figures

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strings"

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

// figure3Layout is figure 3's layout. Its panels' boxes: A and B in the
// first row; C, D, E and F in the second; G, H (two example images) and I
// (one) in the third.
var figure3Layout = layout{"figure 3", Figure3DPI, Figure3Scale, map[rune]box{
	'A': {0, 0, 4.75, 1.45},
	'B': {4.75, 0, 1.45, 1.45},
	'C': {0, 1.45, 1.55, 1.5},
	'D': {1.55, 1.45, 1.6, 1.5},
	'E': {3.15, 1.45, 1.6, 1.5},
	'F': {4.75, 1.45, 1.45, 1.5},
	'G': {0, 2.95, 2.4, 1.95},
	'H': {2.4, 2.95, 2.4 + 4.0/180, 1.95}, // to 4 points right of its axes' spine
	'I': {4.8 + 4.0/180, 2.95, 1.4 - 4.0/180, 1.95},
}}

// Figure3HistEdges is the number of bin edges of panel G's histogram. The
// original asks for 20 bins but passes np.linspace(0, T, 20) as the edges,
// which makes 19 bins of width T/19 (10.5 steps for T = 200); we follow its
// code. The red bar of images that never converged is T/20 wide, from T.
const Figure3HistEdges = 20

// flowColours and flowLabels are the colours and legend labels of the two
// angular velocities of panels E and F: red (ω = −0.16 per step) is
// labelled ω = π/20 and blue (ω = +0.16) ω = −π/20, as in the original
// (which swapped the signs and rounded 0.16 to π/20 ≈ 0.157).
var (
	flowColours = [2]color.Color{plot.Red, plot.Blue}
	flowLabels  = [2]string{"ω = π/20", "ω = " + plot.Minus + "π/20"}
)

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
	// and I show (Figure3Corrections.ImagesShown); missing images are left
	// out of the figure.
	Images map[int]*image.RGBA
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

// ImagesShown returns the indices of the images figure 3 shows, in
// increasing order: the first three quickly converging images and the
// first three never-converging ones (panel G's thumbnails), and the
// example images (panels H and I).
func (c *Figure3Corrections) ImagesShown() []int {
	out := slices.Concat(c.Quick[:min(3, len(c.Quick))], c.Never[:min(3, len(c.Never))])
	for _, e := range c.Examples {
		out = append(out, e.Image)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// String summarises the times to convergence: how many of the images
// start converged (t = 0: every attractor state already within one
// cluster), converge within 10 steps, within 200, or never.
func (c *Figure3Corrections) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d images, corrected from %d attractor states for %d steps:\n", len(c.Times), c.Attractors, c.Steps)
	row := func(what string, n int) {
		fmt.Fprintf(&b, "  %-37s %d (%.1f%%)\n", what+":", n, 100*float64(n)/float64(max(len(c.Times), 1)))
	}
	within := func(lo, hi float64) int { // how many images converged at a t in [lo, hi]
		n := 0
		for _, t := range c.Times {
			if t >= lo && t <= hi {
				n++
			}
		}
		return n
	}
	row("converged at once (t = 0)", within(0, 0))
	row("converged quickly (0 < t < 10)", len(c.Quick))
	row("converged within 10 steps (t <= 10)", within(0, 10))
	row(fmt.Sprintf("converged within %d steps", c.Steps), within(0, float64(c.Steps)))
	row("never converged", within(math.Inf(1), math.Inf(1)))
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

// Figure3 draws figure 3 at the original's positions (the table of
// docs/figure3-spec.md, "The figure"), each panel by the same code as the
// panel alone (Figure3A ... Figure3I). Panels B, D, H and I share the PCA
// limits (E widens them, see Figure3E).
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
// while it computes the inputs of the next ones (the fields of
// Figure3Input that name their panels). Drawing every panel gives the
// figure of Figure3.
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
	if upTo >= 'G' && in.Corrections == nil {
		return fmt.Errorf("figure 3: no correction results")
	}
	for ; s.next <= upTo; s.next++ {
		if err := drawFigure3Panels[s.next-'A'](s.Figure, &in); err != nil {
			return figure3Layout.panelError(rune(s.next), err)
		}
	}
	return nil
}

// drawFigure3Panels draws figure 3's panels A–I into a figure in its layout.
// A panel uses only its fields of the input, so that a panel drawn alone
// (figure3Alone) is given only those.
var drawFigure3Panels = [...]func(f *plot.SuperFigure, in *Figure3Input) error{
	drawFigure3A, drawFigure3B, drawFigure3C, drawFigure3D, drawFigure3E,
	drawFigure3F, drawFigure3G, drawFigure3H, drawFigure3I,
}

// figure3Alone draws panel p alone from in (see drawAlone).
func figure3Alone(p rune, in Figure3Input) (*plot.SuperFigure, error) {
	return drawAlone(figure3Layout, p, func(f *plot.SuperFigure) error { return drawFigure3Panels[p-'A'](f, &in) })
}

// Figure3A draws panel A alone: the velocity-integration demo, its true
// angle, wrap(offset − π), as dots above the activity of the HD cells
// hdCells (units ordered by preferred direction, rows) over its steps
// (columns).
func Figure3A(demo *hdnet.Demo, hdCells []int) (*plot.SuperFigure, error) {
	return figure3Alone('A', Figure3Input{Demo: demo, HDCells: hdCells})
}

func drawFigure3A(f *plot.SuperFigure, in *Figure3Input) error {
	d := in.Demo
	if d == nil || d.T <= 1 || d.H <= 0 || len(d.Trajectory) != d.T*d.H || len(d.TrueOffset) != d.T-1 {
		return errors.New("no or inconsistent demo")
	}
	n := len(in.HDCells)
	if n == 0 {
		return errors.New("no HD cells")
	}
	m := make([]float64, n*d.T) // the HD cells (rows) over the steps (columns)
	for i, u := range in.HDCells {
		if u < 0 || u >= d.H {
			return fmt.Errorf("HD cell %d out of range [0, %d)", u, d.H)
		}
		for t := range d.T {
			m[i*d.T+t] = d.Trajectory[t*d.H+u]
		}
	}
	a, err := plot.NewMatShowAxes(m, n, d.T, plot.Coolwarm(), 3.5)
	if err != nil {
		return err
	}
	yt, xt := num.Arange(0, float64(n+1), 10), num.Arange(0, float64(d.T+1), 100)
	xticks := plot.FixedTicks(xt) // on both axes
	a.Y.Ticks, a.X.Ticks = plot.FixedTicks(yt), xticks
	// matplotlib's set_yticks/set_xticks widen the view to include every
	// tick (e.g. to 1000 on x, past the last column at 999.5).
	a.SetXLim(-0.5, math.Max(float64(d.T)-0.5, xt[len(xt)-1]))
	a.SetYLim(-0.5, math.Max(float64(n)-0.5, yt[len(yt)-1]))
	a.Y.Label, a.X.Label = "Unit", "Integration steps"
	a.Draw(f.Panel(0.45, 0.6, 4.1, 0.5))

	angle := d.DisplayAngle()
	a = plot.NewAxes()
	a.Add(plot.NewScatter(num.Arange(0, float64(len(angle)), 1), angle, plot.C0, 1, plot.MarkerPoint))
	a.SetXLim(0, float64(d.T))
	a.SetYLim(-math.Pi, math.Pi)
	a.X.Ticks, a.Y.Ticks = xticks, plot.PiTicks()
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
	return figure3Alone('B', Figure3Input{DemoPCA: demoPCA, Limits: limits})
}

func drawFigure3B(f *plot.SuperFigure, in *Figure3Input) error {
	if n := len(in.DemoPCA); n == 0 || n%2 != 0 || (in.Demo != nil && n != 2*in.Demo.T) {
		return fmt.Errorf("%d projected demo values, want points [T, 2] for the demo's T steps", n)
	}
	a, err := pcaAxes(in.Limits)
	if err != nil {
		return err
	}
	a.Add(scatter(in.DemoPCA, plot.Grey, 0.1, plot.MarkerCircle))
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
	return figure3Alone('C', Figure3Input{Change: change})
}

func drawFigure3C(f *plot.SuperFigure, in *Figure3Input) error {
	ch := in.Change
	if ch == nil || len(ch.Mean) == 0 || len(ch.Q05) != len(ch.Mean) || len(ch.Q95) != len(ch.Mean) {
		return errors.New("no or inconsistent change statistics")
	}
	a := plot.NewAxes()
	for _, c := range []struct {
		y     []float64
		width vg.Length
	}{{ch.Q95, 1}, {ch.Q05, 1}, {ch.Mean, 2}} {
		l, err := plot.NewPolyline(c.y, plot.Solid(plot.Blue, c.width))
		if err != nil {
			return err
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
	return figure3Alone('D', Figure3Input{InitialPCA: initial, Step10PCA: step10, FinalPCA: final, Limits: limits})
}

func drawFigure3D(f *plot.SuperFigure, in *Figure3Input) error {
	n := len(in.InitialPCA)
	if n == 0 || n%2 != 0 || len(in.Step10PCA) != n || len(in.FinalPCA) != n {
		return fmt.Errorf("projected random states of %d, %d and %d values, want as many points [N, 2]", n, len(in.Step10PCA), len(in.FinalPCA))
	}
	a, err := pcaAxes(in.Limits)
	if err != nil {
		return err
	}
	a.Add(scatter(in.InitialPCA, plot.Grey, 0.1, plot.MarkerCircle),
		scatter(in.Step10PCA, plot.Green, 0.1, plot.MarkerCircle),
		scatter(in.FinalPCA, plot.Black, 1, plot.MarkerCross))
	a.Draw(f.Panel(1.9, 1.6, 1, 1))
	f.PanelLabel(1.9, 1.6, -0.15, 0, "D)")
	return nil
}

// Figure3E draws panel E alone: the velocity-driven flows (flows[0] red,
// flows[1] blue; each a projected trajectory [steps+1, 2]), a dot at the
// start and an arrow from each state to the next.
//
// Deviation: the flows start from random initial states, which may lie
// outside the shared PCA limits; the original clipped such a start point.
// Panel E widens both limits by the same factor, where needed, so that the
// flows' largest coordinate on either axis is at most 1/1.1 of its limit:
// every start point and arrow is visible, and the ring keeps the shape it
// has in panels B and D.
func Figure3E(flows [2]hdnet.Curve, limits [2]float64) (*plot.SuperFigure, error) {
	return figure3Alone('E', Figure3Input{Flows: flows, Limits: limits})
}

func drawFigure3E(f *plot.SuperFigure, in *Figure3Input) error {
	zoom := 1.0 // how much to widen both limits
	for k, fl := range in.Flows {
		if len(fl.Data)%2 != 0 {
			return fmt.Errorf("flow %d of %d values, want pairs", k, len(fl.Data))
		}
		for i, v := range fl.Data {
			zoom = math.Max(zoom, 1.1*math.Abs(v)/in.Limits[i%2])
		}
	}
	a, err := pcaAxes([2]float64{zoom * in.Limits[0], zoom * in.Limits[1]})
	if err != nil {
		return err
	}
	for k, fl := range in.Flows {
		if len(fl.Data) == 0 {
			continue
		}
		a.Add(scatter(fl.Data[:2], flowColours[k], 1, plot.MarkerCircle))
		q := trajectoryQuiver(fl.Data, 1, 0, plot.WithAlpha(flowColours[k], 0.5))
		a.Add(q)
		a.AddLegend(flowLabels[k], q)
	}
	a.Legend.Loc = plot.LegendLowerRight
	a.Draw(f.Panel(3.5, 1.6, 1, 1))
	f.PanelLabel(3.5, 1.6, -0.15, 0, "E)")
	return nil
}

// Figure3F draws panel F alone: the mean autocovariance over lags 0..49
// (the original plots [:100] of 50) at the two angular velocities
// (autocov[0] red, autocov[1] blue).
func Figure3F(autocov [2]hdnet.Curve) (*plot.SuperFigure, error) {
	if len(autocov[0].Data) == 0 && len(autocov[1].Data) == 0 {
		return nil, fmt.Errorf("figure 3: panel F: no autocovariance")
	}
	return figure3Alone('F', Figure3Input{Autocov: autocov})
}

func drawFigure3F(f *plot.SuperFigure, in *Figure3Input) error {
	a := plot.NewAxes()
	for k, ac := range in.Autocov {
		if len(ac.Data) == 0 {
			continue
		}
		l, err := plot.NewPolyline(ac.Data, plot.Solid(flowColours[k], 1))
		if err != nil {
			return err
		}
		a.Add(l)
		a.AddLegend(flowLabels[k], l)
	}
	a.X.Label, a.Y.Label = "Steps of dynamics", "Autocovariance"
	a.Legend.Loc = plot.LegendLowerRight
	a.Draw(f.Panel(5.1, 1.6, 1, 1))
	f.PanelLabel(5.1, 1.6, -0.15, 0, "F)")
	return nil
}

// Figure3G draws panel G alone: the histogram of the images' times to
// convergence (times, +Inf for never) over 0..steps (Figure3HistEdges), a
// red bar for the images that never converge, and thumbnails of the first
// three quickly converging (0 < t < 10, blue frames) and never-converging
// (red frames) images, taken from images by image index (missing ones are
// left out). The y axis shows counts as proportions of the images: ticks
// at 0, I/4, I/2, 3I/4 labelled 0.0 .. 0.75.
func Figure3G(times []float64, steps int, images map[int]*image.RGBA) (*plot.SuperFigure, error) {
	return figure3Alone('G', Figure3Input{Corrections: &Figure3Corrections{Times: times, Steps: steps}, Images: images})
}

func drawFigure3G(f *plot.SuperFigure, in *Figure3Input) error {
	times, steps := in.Corrections.Times, in.Corrections.Steps
	if steps <= 0 || len(times) == 0 {
		return fmt.Errorf("%d times to convergence over %d steps, want some over at least 1", len(times), steps)
	}
	T := float64(steps)
	I := float64(len(times))
	h, err := plot.NewHistBars(times, num.Linspace(0, T, Figure3HistEdges), plot.C0)
	if err != nil {
		return err
	}
	quick, never := hdnet.ConvergenceExamples(times, steps)
	w := T / Figure3HistEdges // the original's T/nbins
	a := plot.NewAxes()
	a.Add(h, &plot.Bars{Centers: []float64{T + w/2}, Heights: []float64{float64(len(never))}, Width: w, Color: plot.Red})

	sx, sy := T/200, I/512 // the original's positions are for T = 200 and 512 images
	for _, r := range []struct {
		images          []int
		x, dx, y, arrow float64 // k-th thumbnail at (x + k dx, y), the first's arrow to (arrow, y)
		frame           color.Color
	}{{quick, 50, 40, 250, 5, plot.Steel}, {never, 150, -40, 100, 205, plot.Red}} {
		for k, id := range r.images[:min(3, len(r.images))] {
			if img := in.Images[id]; img != nil {
				th := &plot.Thumbnail{Img: img, X: (r.x + r.dx*float64(k)) * sx, Y: r.y * sy, FrameColor: r.frame}
				if k == 0 {
					th.Arrow = &plot.Arrow{X: r.arrow * sx, Y: r.y * sy}
				}
				a.Add(th)
			}
		}
	}
	a.SetXLim(0, T+w)
	a.SetYLim(0, 0.75*I)
	a.X.Ticks = plot.FixedTicks([]float64{0, T / 4, T / 2, 3 * T / 4, T},
		"0", fmt.Sprint(T/4), fmt.Sprint(T/2), fmt.Sprint(3*T/4), "  >"+fmt.Sprint(T))
	a.Y.Ticks = plot.FixedTicks([]float64{0, I / 4, I / 2, 3 * I / 4}, "0.0", "0.25", "0.5", "0.75")
	a.X.Label, a.Y.Label = "Time to convergence", "Proportion of images"
	a.Draw(f.Panel(0.3, 3.4, 2.0, 1.2))
	f.Label(0.3-0.15, 3.4-0.3, "G)")
	return nil
}

// Figure3H draws panel H alone: the first two examples that converge
// (finite Time), each its image above the corrected runs from every one of
// the attractors attractor states, projected in the PCA limits (see
// drawCorrectionColumn). images maps image indices to images (a missing
// image is left out).
func Figure3H(examples []hdnet.Example, attractors int, limits [2]float64, images map[int]*image.RGBA) (*plot.SuperFigure, error) {
	if len(firstExamples(examples, false)) == 0 {
		return nil, fmt.Errorf("figure 3: panel H: no converging example among %d", len(examples))
	}
	return figure3Alone('H', Figure3Input{Limits: limits, Images: images,
		Corrections: &Figure3Corrections{Attractors: attractors, Examples: examples}})
}

// Figure3I draws panel I alone: as Figure3H, the first example that never
// converges (infinite Time).
func Figure3I(examples []hdnet.Example, attractors int, limits [2]float64, images map[int]*image.RGBA) (*plot.SuperFigure, error) {
	if len(firstExamples(examples, true)) == 0 {
		return nil, fmt.Errorf("figure 3: panel I: no never-converging example among %d", len(examples))
	}
	return figure3Alone('I', Figure3Input{Limits: limits, Images: images,
		Corrections: &Figure3Corrections{Attractors: attractors, Examples: examples}})
}

func drawFigure3H(f *plot.SuperFigure, in *Figure3Input) error {
	for k, ex := range firstExamples(in.Corrections.Examples, false) {
		if err := drawCorrectionColumn(f, k, ex, in); err != nil {
			return err
		}
	}
	return nil
}

func drawFigure3I(f *plot.SuperFigure, in *Figure3Input) error {
	for _, ex := range firstExamples(in.Corrections.Examples, true) {
		if err := drawCorrectionColumn(f, 2, ex, in); err != nil {
			return err
		}
	}
	return nil
}

// firstExamples returns panel H's examples, the first two with a finite
// time to convergence, or with never set panel I's, the first that never
// converges.
func firstExamples(examples []hdnet.Example, never bool) []hdnet.Example {
	n := 2
	if never {
		n = 1
	}
	var out []hdnet.Example
	for _, e := range examples {
		if math.IsInf(e.Time, 1) == never && len(out) < n {
			out = append(out, e)
		}
	}
	return out
}

// drawCorrectionColumn draws example ex in column k (0 and 1: panel H, 2:
// panel I): its image, if in.Images has it, above the corrected runs from
// each of the B attractor states (equal aspect, PCA limits): each start
// state a colour of the tab20b palette, a dot at the start, arrows along
// the way, a black cross at the end. With in.Corrections.Steps set (the
// whole figure), the runs must have Steps+1 states.
func drawCorrectionColumn(f *plot.SuperFigure, k int, ex hdnet.Example, in *Figure3Input) error {
	B, steps := in.Corrections.Attractors, in.Corrections.Steps
	if B <= 0 || len(ex.PCA) == 0 || len(ex.PCA)%(2*B) != 0 || (steps > 0 && len(ex.PCA) != (steps+1)*B*2) {
		return fmt.Errorf("example image %d: %d projected values from %d states, want [%d+1, %d, 2]", ex.Image, len(ex.PCA), B, steps, B)
	}
	a, err := pcaAxes(in.Limits)
	if err != nil {
		return err
	}
	x := 2.7 + 1.2*float64(k)
	if img := in.Images[ex.Image]; img != nil {
		plot.NewImshowAxes(img, "").Draw(f.Panel(x+0.2, 3.0, 0.5, 0.5))
	}
	f.PanelLabel(x+0.2, 3.0, -0.35, 0.1, [3]string{"H)", "", "I)"}[k])

	tab := plot.Tab20b()
	last := len(ex.PCA) - 2*B // where the last step's states start
	for b := range B {
		col := tab[b%len(tab)]
		a.Add(scatter(ex.PCA[2*b:2*b+2], col, 1, plot.MarkerCircle),
			trajectoryQuiver(ex.PCA, B, b, col),
			scatter(ex.PCA[last+2*b:last+2*b+2], plot.Black, 1, plot.MarkerCross))
	}
	a.Aspect = 1
	if k != 0 {
		a.Y.Label = ""
	}
	a.Draw(f.Panel(x, 3.4+0.3, 0.9, 0.9))
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
	return &plot.Quiver{X: x, Y: y, U: u, V: v, Color: col}
}

// scatter returns a scatter plot of points p [n, 2].
func scatter(p []float64, col color.Color, alpha float64, m plot.Marker) *plot.Scatter {
	x, y := make([]float64, len(p)/2), make([]float64, len(p)/2)
	for i := range x {
		x[i], y[i] = p[2*i], p[2*i+1]
	}
	return plot.NewScatter(x, y, col, alpha, m)
}
