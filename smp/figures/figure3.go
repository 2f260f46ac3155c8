package figures

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/num"
	"github.com/smp-go/smp-go/smp/plot"
)

// Figure 3's size: 6.2 × 5.05 inches at 180 dpi, a PNG of 1116 × 909
// pixels.
const (
	Figure3Width  = 6.2
	Figure3Height = 5.05
	Figure3DPI    = 180
)

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

// check validates the input's sizes.
func (in *Figure3Input) check() error {
	d := in.Demo
	if d == nil || d.T <= 1 || d.H <= 0 || len(d.Trajectory) != d.T*d.H || len(d.TrueOffset) != d.T-1 {
		return fmt.Errorf("figure 3: no or inconsistent demo")
	}
	if len(in.HDCells) == 0 {
		return fmt.Errorf("figure 3: no HD cells")
	}
	for _, u := range in.HDCells {
		if u < 0 || u >= d.H {
			return fmt.Errorf("figure 3: HD cell %d out of range [0, %d)", u, d.H)
		}
	}
	if len(in.DemoPCA) != 2*d.T {
		return fmt.Errorf("figure 3: %d projected demo values for %d steps", len(in.DemoPCA), d.T)
	}
	if !(in.Limits[0] > 0) || !(in.Limits[1] > 0) || math.IsInf(in.Limits[0], 0) || math.IsInf(in.Limits[1], 0) {
		return fmt.Errorf("figure 3: bad PCA limits %v", in.Limits)
	}
	if in.Change == nil || len(in.Change.Q05) != len(in.Change.Mean) || len(in.Change.Q95) != len(in.Change.Mean) {
		return fmt.Errorf("figure 3: no or inconsistent change statistics")
	}
	if len(in.InitialPCA)%2 != 0 || len(in.Step10PCA) != len(in.InitialPCA) || len(in.FinalPCA) != len(in.InitialPCA) {
		return fmt.Errorf("figure 3: projected random states of %d, %d and %d values", len(in.InitialPCA), len(in.Step10PCA), len(in.FinalPCA))
	}
	for k := range 2 {
		if len(in.Flows[k].Data)%2 != 0 {
			return fmt.Errorf("figure 3: flow %d of %d values", k, len(in.Flows[k].Data))
		}
	}
	c := in.Corrections
	if c == nil || c.Steps <= 0 || len(c.Times) == 0 {
		return fmt.Errorf("figure 3: no correction results")
	}
	for _, e := range c.Examples {
		if c.Attractors <= 0 || len(e.PCA) != (c.Steps+1)*c.Attractors*2 {
			return fmt.Errorf("figure 3: example image %d: %d projected values for %d steps from %d states", e.Image, len(e.PCA), c.Steps, c.Attractors)
		}
	}
	return nil
}

// Figure3 draws figure 3 (6.2 × 5.05 inches at 180 dpi, 1116 × 909 pixels)
// at the original's positions (inches from the top-left corner):
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
//	   0.9 × 0.9, equal aspect), one tab20b colour per start state
//
// Panels B, D, E, H and I share the PCA limits. All panels are 1 × 1 inch
// unless stated.
func Figure3(in Figure3Input) (*plot.SuperFigure, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	f, err := plot.NewSuperFigure(Figure3Width, Figure3Height, Figure3DPI)
	if err != nil {
		return nil, err
	}
	if err := figure3A(f, in); err != nil {
		return nil, fmt.Errorf("figure 3: panel A: %w", err)
	}

	// B: PCA of the demo.
	a := pcaAxes(in.Limits)
	a.Add(plot.NewScatter(xs(in.DemoPCA), ys(in.DemoPCA), plot.Grey, 0.1, plot.MarkerCircle))
	a.Draw(f.Panel(5.1, 0.2, 1, 1))
	f.PanelLabel(5.1, 0.2, -0.15, 0, "B)")

	// C: change in activations.
	a = plot.NewAxes()
	ch := in.Change
	a.Add(plot.NewPolyline(ch.Q95, plot.Solid(plot.Blue, 1)), plot.NewPolyline(ch.Q05, plot.Solid(plot.Blue, 1)),
		plot.NewPolyline(ch.Mean, plot.Solid(plot.Blue, 2)))
	a.SetXLim(0, 100)
	a.SetYLim(0, 2)
	a.X.Label, a.Y.Label = "Steps of dynamics", "Change in activations"
	a.Draw(f.Panel(0.3, 1.6, 1, 1))
	f.PanelLabel(0.3, 1.6, -0.15, 0, "C)")

	// D: random initial states, step 10, final states.
	a = pcaAxes(in.Limits)
	a.Add(plot.NewScatter(xs(in.InitialPCA), ys(in.InitialPCA), plot.Grey, 0.1, plot.MarkerCircle),
		plot.NewScatter(xs(in.Step10PCA), ys(in.Step10PCA), plot.Green, 0.1, plot.MarkerCircle),
		plot.NewScatter(xs(in.FinalPCA), ys(in.FinalPCA), plot.Black, 1, plot.MarkerCross))
	a.Draw(f.Panel(1.9, 1.6, 1, 1))
	f.PanelLabel(1.9, 1.6, -0.15, 0, "D)")

	// E: velocity-driven flows. Each flow is a single trajectory.
	a = pcaAxes(in.Limits)
	colours := [2]color.Color{plot.Red, plot.Blue}
	for k, fl := range in.Flows {
		if len(fl.Data) == 0 {
			continue
		}
		a.Add(plot.NewScatter(fl.Data[:1], fl.Data[1:2], colours[k], 1, plot.MarkerCircle))
		q := trajectoryQuiver(fl.Data, 1, 0, alpha(colours[k], 0.5))
		a.Add(q)
		a.AddLegend(FlowLabels()[k], q)
	}
	a.Legend.Loc = plot.LegendLowerRight
	a.Draw(f.Panel(3.5, 1.6, 1, 1))
	f.PanelLabel(3.5, 1.6, -0.15, 0, "E)")

	// F: autocovariance (lags 0..49; the original plots [:100] of 50).
	a = plot.NewAxes()
	for k, ac := range in.Autocov {
		if len(ac.Data) == 0 {
			continue
		}
		l := plot.NewPolyline(ac.Data, plot.Solid(colours[k], 1))
		a.Add(l)
		a.AddLegend(FlowLabels()[k], l)
	}
	a.X.Label, a.Y.Label = "Steps of dynamics", "Autocovariance"
	a.Legend.Loc = plot.LegendLowerRight
	a.Draw(f.Panel(5.1, 1.6, 1, 1))
	f.PanelLabel(5.1, 1.6, -0.15, 0, "F)")

	if err := figure3G(f, in); err != nil {
		return nil, fmt.Errorf("figure 3: panel G: %w", err)
	}
	figure3HI(f, in)
	return f, nil
}

// figure3A draws panel A: the true angle above the demo's HD cells.
func figure3A(f *plot.SuperFigure, in Figure3Input) error {
	d := in.Demo
	n := len(in.HDCells)
	ordered := hdnet.SelectUnits(d.Trajectory, d.H, in.HDCells) // [T, n]
	m := make([]float64, n*d.T)                                 // transposed: units × steps
	for t := range d.T {
		for u := range n {
			m[u*d.T+t] = ordered[t*n+u]
		}
	}
	a, err := plot.NewMatShowAxes(m, n, d.T, plot.Coolwarm(), 3.5)
	if err != nil {
		return err
	}
	yt, xt := num.Arange(0, float64(n+1), 10), num.Arange(0, float64(d.T+1), 100)
	if a.Y.Ticks, err = plot.FixedTicks(yt, nil); err != nil {
		return err
	}
	if a.X.Ticks, err = plot.FixedTicks(xt, nil); err != nil {
		return err
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
		return err
	}
	a.X.HideTickLabels = true
	a.Y.Label = "True angle"
	a.Draw(f.Panel(0.45, 0.2, 4.1, 0.3))
	f.PanelLabel(0.45, 0.2, -0.3, 0, "A)")
	return nil
}

// figure3G draws panel G: the histogram of the times to convergence with
// the thumbnails. The y axis shows counts as proportions of the images:
// ticks at 0, I/4, I/2, 3I/4 (0, 128, 256, 384 for the original's 512)
// labelled 0.0 .. 0.75. The thumbnails sit where the original puts them
// for T = 200 and 512 images, scaled for other sizes.
func figure3G(f *plot.SuperFigure, in Figure3Input) error {
	c := in.Corrections
	T := float64(c.Steps)
	I := float64(len(c.Times))
	edges := make([]float64, Figure3HistEdges)
	for i := range edges {
		edges[i] = T * float64(i) / float64(Figure3HistEdges-1) // np.linspace(0, T, 20)
	}
	h, err := plot.NewHistBars(c.Times, edges, plot.C0)
	if err != nil {
		return err
	}
	w := T / Figure3HistEdges // the original's T/nbins
	a := plot.NewAxes()
	a.Add(h, &plot.Bars{Centers: []float64{T + w/2}, Heights: []float64{float64(c.NeverConverged())}, Width: w, Color: plot.Red})

	sx, sy := T/200, I/512
	for k, id := range c.Quick[:min(3, len(c.Quick))] {
		if img := in.Images[id]; img != nil {
			th := plot.NewThumbnail(img, (50+40*float64(k))*sx, 250*sy, plot.Steel)
			if k == 0 {
				th.Arrow = plot.NewArrow(5*sx, 250*sy)
			}
			a.Add(th)
		}
	}
	for k, id := range c.Never[:min(3, len(c.Never))] {
		if img := in.Images[id]; img != nil {
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
		return err
	}
	if a.Y.Ticks, err = plot.FixedTicks([]float64{0, I / 4, I / 2, 3 * I / 4}, []string{"0.0", "0.25", "0.5", "0.75"}); err != nil {
		return err
	}
	a.X.Label, a.Y.Label = "Time to convergence", "Proportion of images"
	a.Draw(f.Panel(0.3, 3.4, 2.0, 1.2))
	f.Label(0.3-0.15, 3.4-0.3, "G)")
	return nil
}

// figure3HI draws panels H and I: for each example image (at most three),
// the image and the corrected runs from every attractor state.
func figure3HI(f *plot.SuperFigure, in Figure3Input) {
	c := in.Corrections
	tab := plot.Tab20b()
	B := c.Attractors
	labels := [3]string{"H)", "", "I)"}
	for k, ex := range c.Examples[:min(3, len(c.Examples))] {
		x := 2.7 + 1.2*float64(k)
		if img := in.Images[ex.Image]; img != nil {
			plot.NewImshowAxes(img, "").Draw(f.Panel(x+0.2, 3.0, 0.5, 0.5))
		}
		f.PanelLabel(x+0.2, 3.0, -0.35, 0.1, labels[k])

		a := pcaAxes(in.Limits)
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
	}
}

// pcaAxes returns axes for the PCA plane: labels "PC 1" and "PC 2", limits
// ±L[0] and ±L[1].
func pcaAxes(L [2]float64) *plot.Axes {
	a := plot.NewAxes()
	a.SetXLim(-L[0], L[0])
	a.SetYLim(-L[1], L[1])
	a.X.Label, a.Y.Label = "PC 1", "PC 2"
	return a
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
