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

// The text styles of tick labels, axis labels and legends, and of titles.
var (
	labelFont = TextStyle(FontSize)
	titleFont = TextStyle(TitleFontSize)
)

// Axis is one axis of an Axes.
type Axis struct {
	// Min and Max are the axis limits. If either is NaN, the limits are the
	// range of the plotters' data widened by 5 % on each side (matplotlib's
	// default margins).
	Min, Max float64
	Inverted bool   // Max at the left (x) or bottom (y), as matshow's y axis
	Label    string // "" for none
	// Ticks places and labels the ticks (an empty label leaves the mark
	// unlabelled); nil means matplotlib's AutoLocator (autoTicks).
	Ticks          plot.Ticker
	HideTickLabels bool // keep the marks only
}

// Axes is a matplotlib-like axes whose data area is a panel rectangle
// (matplotlib's add_axes rectangle): ticks point outward, and tick labels,
// axis labels and the title lie outside. Its plotters receive a *plot.Plot
// whose X and Y axes carry the limits. It is drawn in matplotlib's default
// style (the sizes above) with the original's spines (SpineWidth,
// SpineColor) on a white background.
type Axes struct {
	X, Y  Axis
	Title string          // centred above the axes, its baseline TitlePad above
	Grid  *draw.LineStyle // if non-nil, lines at the ticks beneath the data
	Off   bool            // axis("off"): only the plotters and the title, no background

	// Aspect, if positive, is matplotlib's set_aspect: one data unit of y is
	// drawn Aspect times as long as one data unit of x, on the largest
	// centred rectangle of that shape in the panel (adjustable "box",
	// anchor "C").
	Aspect float64
	Legend Legend // drawn unless it has no entries

	plotters []plot.Plotter
}

// NewAxes returns axes with automatic limits and ticks, no grid and the
// legend placed at LegendBest.
func NewAxes() *Axes {
	return &Axes{X: Axis{Min: math.NaN(), Max: math.NaN()}, Y: Axis{Min: math.NaN(), Max: math.NaN()}}
}

// FaintGrid returns the grid style of the original figures' ax.grid call:
// solid, 1 pt, #333333 at alpha 0.1.
func FaintGrid() *draw.LineStyle {
	return &draw.LineStyle{Color: WithAlpha(SpineColor, 0.1), Width: 1}
}

// SetXLim fixes the x-axis limits (matplotlib's set_xlim).
func (a *Axes) SetXLim(min, max float64) { a.X.Min, a.X.Max = min, max }

// SetYLim fixes the y-axis limits (matplotlib's set_ylim).
func (a *Axes) SetYLim(min, max float64) { a.Y.Min, a.Y.Max = min, max }

// Add adds plotters, drawn in order.
func (a *Axes) Add(ps ...plot.Plotter) { a.plotters = append(a.plotters, ps...) }

// AddLegend adds a legend entry whose handle is drawn by the thumbnailers.
func (a *Axes) AddLegend(label string, thumbs ...plot.Thumbnailer) {
	a.Legend.Entries = append(a.Legend.Entries, LegendEntry{Label: label, Thumbs: thumbs})
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

// limits returns the limits of ax: fixed ones, or the data range dmin..dmax
// (no data, dmin > dmax: 0..1) with 5 % margins. A zero-width range v..v
// is widened to v ± max(5 % of |v|, 0.05) (matplotlib's nonsingular).
func limits(ax Axis, dmin, dmax float64) (float64, float64) {
	lo, hi := ax.Min, ax.Max
	auto := math.IsNaN(lo) || math.IsNaN(hi)
	if auto {
		lo, hi = dmin, dmax
		if lo > hi {
			lo, hi = 0, 1
		}
	}
	if lo == hi {
		d := math.Max(math.Abs(lo)*0.05, 0.05)
		return lo - d, hi + d
	}
	if !auto {
		return lo, hi
	}
	m := 0.05 * (hi - lo)
	return lo - m, hi + m
}

// dataCanvas returns the data area of the panel c (shrunk to Aspect if
// set) and the gonum plot handed to the plotters, whose axes carry the
// limits (from the plotters' DataRange where not fixed) and scales.
func (a *Axes) dataCanvas(c draw.Canvas) (draw.Canvas, *plot.Plot) {
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range a.plotters {
		if r, ok := p.(plot.DataRanger); ok {
			x0, x1, y0, y1 := r.DataRange()
			xmin, xmax = nanMin(xmin, x0), nanMax(xmax, x1)
			ymin, ymax = nanMin(ymin, y0), nanMax(ymax, y1)
		}
	}
	p := plot.New()
	p.X.Min, p.X.Max = limits(a.X, xmin, xmax)
	p.Y.Min, p.Y.Max = limits(a.Y, ymin, ymax)
	if a.X.Inverted {
		p.X.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
	}
	if a.Y.Inverted {
		p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
	}
	if a.Aspect > 0 {
		c = aspectCanvas(c, math.Abs(p.X.Max-p.X.Min), math.Abs(p.Y.Max-p.Y.Min), a.Aspect)
	}
	return c, p
}

// ticks returns the ticks of one axis within its limits. Automatic ticks
// have matplotlib's automatic number of bins: the axis length divided by
// 3 font sizes (x) or 2 (y), clipped to 1..9.
func ticks(ax Axis, lim0, lim1 float64, length vg.Length, vertical bool) []plot.Tick {
	lo, hi := math.Min(lim0, lim1), math.Max(lim0, lim1)
	if ax.Ticks == nil {
		per := vg.Length(3)
		if vertical {
			per = 2
		}
		n := int(math.Floor(float64(length / (FontSize * per))))
		return autoTicks(lo, hi, min(max(n, 1), 9))
	}
	var out []plot.Tick
	for _, tk := range ax.Ticks.Ticks(lo, hi) {
		if inRange(tk.Value, lo, hi) {
			out = append(out, tk)
		}
	}
	return out
}

// Draw draws the axes with c's rectangle as data area: background, grid,
// plotters in order, spines, ticks and labels, legend, title.
func (a *Axes) Draw(c draw.Canvas) {
	c, p := a.dataCanvas(c)
	if !a.Off {
		c.SetColor(color.White)
		c.Fill(c.Rectangle.Path())
	}
	xt := ticks(a.X, p.X.Min, p.X.Max, c.Size().X, false)
	yt := ticks(a.Y, p.Y.Min, p.Y.Max, c.Size().Y, true)
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
		pl.Plot(c, p)
	}
	if !a.Off {
		// Spines are centred on the data area's edges.
		c.StrokeLines(draw.LineStyle{Color: SpineColor, Width: SpineWidth}, []vg.Point{
			{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y},
			{X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Min.Y},
		})
		drawAxis(c, a.X, func(v float64) vg.Length { return c.X(p.X.Norm(v)) }, xt, false)
		drawAxis(c, a.Y, func(v float64) vg.Length { return c.Y(p.Y.Norm(v)) }, yt, true)
	}
	if len(a.Legend.Entries) > 0 {
		a.Legend.draw(c, a.plotters, p)
	}
	if a.Title != "" {
		drawText(c, titleFont, vg.Point{X: c.Center().X, Y: c.Max.Y + TitlePad}, a.Title, draw.XCenter, VBaseline)
	}
}

// tickStyle is matplotlib's tick mark: black, TickWidth wide.
var tickStyle = draw.LineStyle{Color: color.Black, Width: TickWidth}

// drawAxis draws the tick marks, tick labels and label of an axis, outward
// from the data area c: the x axis along its bottom edge or, if vertical,
// the y axis along its left edge. pos maps a data value to its canvas
// position along the axis.
func drawAxis(c draw.Canvas, ax Axis, pos func(float64) vg.Length, ticks []plot.Tick, vertical bool) {
	// at returns the canvas point at along (on the axis) and across.
	at := func(along, across vg.Length) vg.Point { return vg.Point{X: along, Y: across} }
	edge, xalign, valign := c.Min.Y, draw.XCenter, VTop
	extent := func(string) vg.Length { return textHeight(labelFont) } // a tick label's, across
	if vertical {
		at = func(along, across vg.Length) vg.Point { return vg.Point{X: across, Y: along} }
		edge, xalign, valign, extent = c.Min.X, draw.XRight, VCenterBaseline, labelFont.Width
	}
	for _, t := range ticks {
		a, b := at(pos(t.Value), edge), at(pos(t.Value), edge-TickLength)
		c.StrokeLine2(tickStyle, a.X, a.Y, b.X, b.Y)
	}
	labelAt := edge - TickLength - TickPad
	outer := edge - TickLength // the outer side of the marks and tick labels
	for _, t := range ticks {
		if t.Label != "" && !ax.HideTickLabels {
			drawText(c, labelFont, at(pos(t.Value), labelAt), t.Label, xalign, valign)
			outer = min(outer, labelAt-extent(t.Label))
		}
	}
	if ax.Label == "" {
		return
	}
	sty, mid, valign := labelFont, c.Center().X, VTop
	if vertical {
		// Rotated a quarter turn: the text's bottom faces right.
		sty.Rotation, mid, valign = math.Pi/2, c.Center().Y, VBottom
	}
	drawText(c, sty, at(mid, outer-LabelPad), ax.Label, draw.XCenter, valign)
}
