package plot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Matplotlib's default sizes (rcParams), in points.
const (
	FontSize      = 10  // font.size; tick labels, axis labels and legend ("medium")
	TitleFontSize = 12  // axes.titlesize "large"
	TickLength    = 3.5 // xtick.major.size
	TickWidth     = 0.8 // xtick.major.width
	TickPad       = 3.5 // xtick.major.pad
	LabelPad      = 4   // axes.labelpad
	TitlePad      = 6   // axes.titlepad
	LineWidth     = 1.5 // lines.linewidth
	SpineWidth    = 1.5 // the original's setup_spines
)

// SpineColor is the original's spine colour, #333333.
var SpineColor = color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 255}

// Axis is one axis of an Axes.
type Axis struct {
	// Min and Max are the axis limits. If either is NaN, the limits are the
	// range of the plotters' data widened by 5 % on each side (matplotlib's
	// default margins).
	Min, Max float64
	// Inverted draws Max at the left (x) or bottom (y), as matshow's y axis.
	Inverted bool
	// Label is the axis label ("" for none).
	Label string
	// Ticks places and labels the ticks; nil means AutoTicks with
	// matplotlib's automatic number of bins. An empty tick label leaves
	// the mark unlabelled.
	Ticks plot.Ticker
	// HideTickLabels hides the tick labels but keeps the marks.
	HideTickLabels bool
}

// Axes is a matplotlib-like axes drawn into a panel rectangle, which is its
// data area (matplotlib's add_axes rectangle): ticks point outward, tick
// labels, axis labels and the title lie outside the rectangle. Plotters are
// gonum plot.Plotters (this package's and gonum's own) and receive a
// *plot.Plot whose X and Y axes carry the limits. All lengths are in points.
type Axes struct {
	X, Y Axis

	// Title is drawn centred above the axes, its baseline TitlePad above.
	Title     string
	TitleFont draw.TextStyle
	TitlePad  vg.Length

	// Font is the style of tick labels, axis labels and the legend.
	Font draw.TextStyle

	// Spines is the frame around the data area, drawn on top of the data;
	// a zero width draws none.
	Spines draw.LineStyle
	// Grid, if non-nil, draws lines at the ticks beneath the data.
	Grid *draw.LineStyle

	// Tick marks.
	TickLength, TickPad, LabelPad vg.Length
	TickStyle                     draw.LineStyle

	// Off hides everything but the plotters and the title (axis("off")).
	Off bool

	// Aspect, if positive, is matplotlib's set_aspect: one data unit of y is
	// drawn Aspect times as long as one data unit of x. The data area then
	// shrinks from the panel rectangle to the largest rectangle of that
	// shape, centred (adjustable "box", anchor "C").
	Aspect float64

	// Background fills the data area first unless nil.
	Background color.Color

	// Legend lists the entries of the legend; none is drawn when empty.
	Legend Legend

	plotters []plot.Plotter
}

// NewAxes returns axes with matplotlib's default style and the original's
// spines (1.5 pt, #333333), automatic limits and ticks, and no grid.
func NewAxes() *Axes {
	a := &Axes{
		X:          Axis{Min: math.NaN(), Max: math.NaN()},
		Y:          Axis{Min: math.NaN(), Max: math.NaN()},
		TitleFont:  TextStyle(TitleFontSize),
		TitlePad:   TitlePad,
		Font:       TextStyle(FontSize),
		Spines:     draw.LineStyle{Color: SpineColor, Width: SpineWidth},
		TickLength: TickLength,
		TickPad:    TickPad,
		LabelPad:   LabelPad,
		TickStyle:  draw.LineStyle{Color: color.Black, Width: TickWidth},
		Background: color.White,
	}
	a.Legend = Legend{Loc: LegendBest}
	return a
}

// FaintGrid returns the grid style of the original figures' ax.grid call:
// solid, 1 pt, #333333 at alpha 0.1.
func FaintGrid() *draw.LineStyle {
	return &draw.LineStyle{Color: withAlpha(SpineColor, 0.1), Width: 1}
}

// SetXLim fixes the x-axis limits (matplotlib's set_xlim).
func (a *Axes) SetXLim(min, max float64) { a.X.Min, a.X.Max = min, max }

// SetYLim fixes the y-axis limits (matplotlib's set_ylim).
func (a *Axes) SetYLim(min, max float64) { a.Y.Min, a.Y.Max = min, max }

// Add adds plotters, drawn in order.
func (a *Axes) Add(ps ...plot.Plotter) { a.plotters = append(a.plotters, ps...) }

// AddLegend adds a legend entry whose handle is drawn by the thumbnailers
// (this package's plotters and gonum's implement plot.Thumbnailer).
func (a *Axes) AddLegend(label string, thumbs ...plot.Thumbnailer) {
	a.Legend.Entries = append(a.Legend.Entries, LegendEntry{Label: label, Thumbs: thumbs})
}

// limits returns the axis limits: fixed ones, or the data range of the
// plotters (plot.DataRanger) with 5 % margins; without data, [0, 1] before
// margins. A zero-width range v..v is widened to v ± max(5 % of |v|, 0.05).
func (a *Axes) limits() (xmin, xmax, ymin, ymax float64) {
	dxmin, dxmax, dymin, dymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range a.plotters {
		if r, ok := p.(plot.DataRanger); ok {
			x0, x1, y0, y1 := r.DataRange()
			dxmin, dxmax = nanMin(dxmin, x0), nanMax(dxmax, x1)
			dymin, dymax = nanMin(dymin, y0), nanMax(dymax, y1)
		}
	}
	xmin, xmax = autoLimits(a.X, dxmin, dxmax)
	ymin, ymax = autoLimits(a.Y, dymin, dymax)
	return
}

func nanMin(a, b float64) float64 {
	if math.IsNaN(b) || math.IsInf(b, 0) {
		return a
	}
	return math.Min(a, b)
}

func nanMax(a, b float64) float64 {
	if math.IsNaN(b) || math.IsInf(b, 0) {
		return a
	}
	return math.Max(a, b)
}

func autoLimits(ax Axis, dmin, dmax float64) (float64, float64) {
	if !math.IsNaN(ax.Min) && !math.IsNaN(ax.Max) {
		if ax.Min == ax.Max { // matplotlib's nonsingular widening
			d := math.Max(math.Abs(ax.Min)*0.05, 0.05)
			return ax.Min - d, ax.Max + d
		}
		return ax.Min, ax.Max
	}
	lo, hi := dmin, dmax
	if lo > hi { // no data
		lo, hi = 0, 1
	}
	if hi == lo {
		d := math.Max(math.Abs(lo)*0.05, 0.05)
		lo, hi = lo-d, hi+d
	} else {
		m := 0.05 * (hi - lo)
		lo, hi = lo-m, hi+m
	}
	if !math.IsNaN(ax.Min) {
		lo = ax.Min
	}
	if !math.IsNaN(ax.Max) {
		hi = ax.Max
	}
	return lo, hi
}

// DataPlot returns the gonum plot handed to plotters: its axes carry the
// limits and scales of a (inverted axes use plot.InvertedScale), so that
// p.Transforms maps data coordinates onto the data canvas.
func (a *Axes) DataPlot() *plot.Plot {
	p := plot.New()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = a.limits()
	if a.X.Inverted {
		p.X.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
	}
	if a.Y.Inverted {
		p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
	}
	return p
}

// ticks returns the ticks of one axis within its limits.
func (a *Axes) ticks(ax Axis, lim0, lim1 float64, length vg.Length, vertical bool) []plot.Tick {
	t := ax.Ticks
	if t == nil {
		per := vg.Length(3)
		if vertical {
			per = 2
		}
		n := int(math.Floor(float64(length / (a.Font.Font.Size * per))))
		t = AutoTicks{NBins: min(max(n, 1), 9)}
	}
	lo, hi := math.Min(lim0, lim1), math.Max(lim0, lim1)
	var out []plot.Tick
	for _, tk := range t.Ticks(lo, hi) {
		eps := 1e-10 * (hi - lo)
		if tk.Value >= lo-eps && tk.Value <= hi+eps {
			out = append(out, tk)
		}
	}
	return out
}

// DataCanvas returns the data area Draw uses for the panel c (c itself, or
// its centred aspect-corrected part when Aspect is set) and the plot whose
// Transforms map data coordinates onto it, for drawing extra annotations.
func (a *Axes) DataCanvas(c draw.Canvas) (draw.Canvas, *plot.Plot) {
	p := a.DataPlot()
	if a.Aspect > 0 {
		c = AspectCanvas(c, math.Abs(p.X.Max-p.X.Min), math.Abs(p.Y.Max-p.Y.Min), a.Aspect)
	}
	return c, p
}

// Draw draws the axes so that their data area is c's rectangle (shrunk to
// the aspect ratio when Aspect is set): grid, plotters in order, spines,
// ticks and labels, legend, title.
func (a *Axes) Draw(c draw.Canvas) {
	c, p := a.DataCanvas(c)
	data := c
	if a.Background != nil {
		c.SetColor(a.Background)
		c.Fill(c.Rectangle.Path())
	}
	xt := a.ticks(a.X, p.X.Min, p.X.Max, c.Size().X, false)
	yt := a.ticks(a.Y, p.Y.Min, p.Y.Max, c.Size().Y, true)
	if a.Grid != nil && !a.Off {
		for _, t := range xt {
			x := c.X(p.X.Norm(t.Value))
			c.StrokeLine2(*a.Grid, x, c.Min.Y, x, c.Max.Y)
		}
		for _, t := range yt {
			y := c.Y(p.Y.Norm(t.Value))
			c.StrokeLine2(*a.Grid, c.Min.X, y, c.Max.X, y)
		}
	}
	for _, pl := range a.plotters {
		pl.Plot(data, p)
	}
	if !a.Off {
		if a.Spines.Width > 0 {
			// Spines are centred on the data area's edges.
			c.StrokeLines(a.Spines, []vg.Point{
				{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y},
				{X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Min.Y},
			})
		}
		a.drawXAxis(c, p, xt)
		a.drawYAxis(c, p, yt)
	}
	if len(a.Legend.Entries) > 0 {
		a.Legend.draw(c, a.Font, a.plotters, p)
	}
	if a.Title != "" {
		drawText(c, a.TitleFont, vg.Point{X: c.Center().X, Y: c.Max.Y + a.TitlePad}, a.Title, draw.XCenter, VBaseline)
	}
}

func (a *Axes) drawXAxis(c draw.Canvas, p *plot.Plot, ticks []plot.Tick) {
	y := c.Min.Y
	if a.TickStyle.Width > 0 && a.TickLength > 0 {
		for _, t := range ticks {
			x := c.X(p.X.Norm(t.Value))
			c.StrokeLine2(a.TickStyle, x, y, x, y-a.TickLength)
		}
	}
	labelTop := y - max(a.TickLength, 0) - a.TickPad
	bottom := y - max(a.TickLength, 0)
	if !a.X.HideTickLabels {
		for _, t := range ticks {
			if t.Label == "" {
				continue
			}
			x := c.X(p.X.Norm(t.Value))
			drawText(c, a.Font, vg.Point{X: x, Y: labelTop}, t.Label, draw.XCenter, VTop)
			bottom = min(bottom, labelTop-textHeight(a.Font))
		}
	}
	if a.X.Label != "" {
		drawText(c, a.Font, vg.Point{X: c.Center().X, Y: bottom - a.LabelPad}, a.X.Label, draw.XCenter, VTop)
	}
}

func (a *Axes) drawYAxis(c draw.Canvas, p *plot.Plot, ticks []plot.Tick) {
	x := c.Min.X
	if a.TickStyle.Width > 0 && a.TickLength > 0 {
		for _, t := range ticks {
			y := c.Y(p.Y.Norm(t.Value))
			c.StrokeLine2(a.TickStyle, x, y, x-a.TickLength, y)
		}
	}
	labelRight := x - max(a.TickLength, 0) - a.TickPad
	left := x - max(a.TickLength, 0)
	if !a.Y.HideTickLabels {
		for _, t := range ticks {
			if t.Label == "" {
				continue
			}
			y := c.Y(p.Y.Norm(t.Value))
			drawText(c, a.Font, vg.Point{X: labelRight, Y: y}, t.Label, draw.XRight, VCenterBaseline)
			left = min(left, labelRight-a.Font.Width(t.Label))
		}
	}
	if a.Y.Label != "" {
		sty := a.Font
		sty.Rotation = math.Pi / 2
		// Rotated a quarter turn: the text's bottom faces right, at
		// LabelPad left of the tick labels.
		drawText(c, sty, vg.Point{X: left - a.LabelPad, Y: c.Center().Y}, a.Y.Label, draw.XCenter, VBottom)
	}
}
