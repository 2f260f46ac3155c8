package plot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// LegendLoc is a legend location inside the axes, as matplotlib's loc.
type LegendLoc int

// Legend locations, matplotlib's loc codes 0 ("best") to 10 ("center") in
// order: the legend box is placed against the named corner or edge of the
// axes, or centred.
const (
	LegendBest LegendLoc = iota // the candidate below covering the least data
	LegendUpperRight
	LegendUpperLeft
	LegendLowerLeft
	LegendLowerRight
	LegendRight
	LegendCenterLeft
	LegendCenterRight
	LegendLowerCenter
	LegendUpperCenter
	LegendCenter
)

// LegendEntry is one legend row: a handle drawn by the thumbnailers and a
// label.
type LegendEntry struct {
	Label  string
	Thumbs []plot.Thumbnailer
}

// Legend is a matplotlib-style legend: a white frame (alpha 0.8, edge
// #cccccc, rounded corners) holding one row per entry: a handle sitting on
// the label's baseline, then the label, in matplotlib's default sizes.
type Legend struct {
	Loc     LegendLoc
	Entries []LegendEntry
}

// Legend layout, in font sizes (matplotlib rcParams legend.*).
const (
	legendBorderPad   = 0.4 // borderpad
	legendLabelSpace  = 0.5 // labelspacing
	legendHandleLen   = 2.0 // handlelength
	legendHandleH     = 0.7 // handleheight
	legendHandlePad   = 0.8 // handletextpad
	legendBorderAxes  = 0.5 // borderaxespad
	legendFrameAlpha  = 0.8 // framealpha
	legendCornerRound = 0.2 // the fancy box's rounding
)

// size returns the legend frame's width and height.
func (l *Legend) size() (w, h vg.Length) {
	fs := labelFont.Font.Size
	var tw vg.Length
	for _, e := range l.Entries {
		tw = max(tw, labelFont.Width(e.Label))
	}
	n := vg.Length(len(l.Entries))
	w = 2*legendBorderPad*fs + legendHandleLen*fs + legendHandlePad*fs + tw
	h = 2*legendBorderPad*fs + n*textHeight(labelFont) + (n-1)*legendLabelSpace*fs
	return w, h
}

// draw draws the legend in the data area c, in labelFont.
func (l *Legend) draw(c draw.Canvas, plotters []plot.Plotter, p *plot.Plot) {
	fs := labelFont.Font.Size
	w, h := l.size()
	pad := legendBorderAxes * fs
	loc := l.Loc
	if loc == LegendBest {
		loc = bestLegendLoc(c, w, h, pad, plotters, p)
	}
	r := legendRect(c, loc, w, h, pad)

	frame := roundedRect(r, legendCornerRound*fs)
	c.SetColor(WithAlpha(color.White, legendFrameAlpha))
	c.Fill(frame)
	c.SetLineStyle(draw.LineStyle{Color: WithAlpha(color.NRGBA{R: 0xcc, G: 0xcc, B: 0xcc, A: 255}, legendFrameAlpha), Width: 1})
	c.Stroke(frame)

	row := textHeight(labelFont)
	desc := labelFont.FontExtents().Descent
	top := r.Max.Y - legendBorderPad*fs
	x0 := r.Min.X + legendBorderPad*fs
	for _, e := range l.Entries {
		baseline := top - row + desc
		hc := c
		hc.Rectangle = vg.Rectangle{
			Min: vg.Point{X: x0, Y: baseline},
			Max: vg.Point{X: x0 + legendHandleLen*fs, Y: baseline + legendHandleH*fs},
		}
		for _, t := range e.Thumbs {
			t.Thumbnail(&hc)
		}
		drawText(c, labelFont, vg.Point{X: x0 + (legendHandleLen+legendHandlePad)*fs, Y: baseline}, e.Label, draw.XLeft, VBaseline)
		top -= row + legendLabelSpace*fs
	}
}

// legendPos gives each location's column (left, centre, right) and row
// (bottom, centre, top) in the axes; Best's is only a default.
var legendPos = [...][2]int{
	LegendBest: {2, 2}, LegendUpperRight: {2, 2}, LegendUpperLeft: {0, 2}, LegendLowerLeft: {0, 0},
	LegendLowerRight: {2, 0}, LegendRight: {2, 1}, LegendCenterLeft: {0, 1}, LegendCenterRight: {2, 1},
	LegendLowerCenter: {1, 0}, LegendUpperCenter: {1, 2}, LegendCenter: {1, 1},
}

// legendRect places a w × h legend at loc inside c, pad from the edges.
func legendRect(c draw.Canvas, loc LegendLoc, w, h, pad vg.Length) vg.Rectangle {
	xs := [3]vg.Length{c.Min.X + pad, (c.Min.X + c.Max.X - w) / 2, c.Max.X - pad - w} // lower-left corners
	ys := [3]vg.Length{c.Min.Y + pad, (c.Min.Y + c.Max.Y - h) / 2, c.Max.Y - pad - h}
	x, y := xs[legendPos[loc][0]], ys[legendPos[loc][1]]
	return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
}

// bestLegendLoc mimics matplotlib's loc="best": of the candidate locations
// in matplotlib's order, the first with the fewest data points (scatter
// points and line vertices) inside the legend box. Unlike matplotlib, it
// does not weigh line segments crossing the box or bars under it.
func bestLegendLoc(c draw.Canvas, w, h, pad vg.Length, plotters []plot.Plotter, p *plot.Plot) LegendLoc {
	trX, trY := p.Transforms(&c)
	var pts []vg.Point
	for _, pl := range plotters {
		if xys, ok := pl.(plotter.XYer); ok { // scatters and lines
			for i := range xys.Len() {
				x, y := xys.XY(i)
				pts = append(pts, vg.Point{X: trX(x), Y: trY(y)})
			}
		}
	}
	best, bestBad := LegendUpperRight, math.MaxInt
	for loc := LegendUpperRight; loc <= LegendCenter; loc++ {
		r := legendRect(c, loc, w, h, pad)
		bad := 0
		for _, pt := range pts {
			if pt.X >= r.Min.X && pt.X <= r.Max.X && pt.Y >= r.Min.Y && pt.Y <= r.Max.Y {
				bad++
			}
		}
		if bad < bestBad {
			best, bestBad = loc, bad
		}
		if bad == 0 {
			break
		}
	}
	return best
}

// canonicalRect returns the rectangle with corners (x0, y0) and (x1, y1).
func canonicalRect(x0, y0, x1, y1 vg.Length) vg.Rectangle {
	return vg.Rectangle{
		Min: vg.Point{X: min(x0, x1), Y: min(y0, y1)},
		Max: vg.Point{X: max(x0, x1), Y: max(y0, y1)},
	}
}

// roundedRect returns the outline of r with corners rounded by radius rad.
func roundedRect(r vg.Rectangle, rad vg.Length) vg.Path {
	rad = min(rad, (r.Max.X-r.Min.X)/2, (r.Max.Y-r.Min.Y)/2)
	var p vg.Path
	p.Move(vg.Point{X: r.Min.X + rad, Y: r.Min.Y})
	p.Line(vg.Point{X: r.Max.X - rad, Y: r.Min.Y})
	p.Arc(vg.Point{X: r.Max.X - rad, Y: r.Min.Y + rad}, rad, -math.Pi/2, math.Pi/2)
	p.Line(vg.Point{X: r.Max.X, Y: r.Max.Y - rad})
	p.Arc(vg.Point{X: r.Max.X - rad, Y: r.Max.Y - rad}, rad, 0, math.Pi/2)
	p.Line(vg.Point{X: r.Min.X + rad, Y: r.Max.Y})
	p.Arc(vg.Point{X: r.Min.X + rad, Y: r.Max.Y - rad}, rad, math.Pi/2, math.Pi/2)
	p.Line(vg.Point{X: r.Min.X, Y: r.Min.Y + rad})
	p.Arc(vg.Point{X: r.Min.X + rad, Y: r.Min.Y + rad}, rad, math.Pi, math.Pi/2)
	p.Close()
	return p
}

// WithAlpha returns c with its alpha multiplied by a, clamped to [0, 1]
// (non-premultiplied, rounded to 8 bits).
func WithAlpha(c color.Color, a float64) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(math.Round(float64(n.A) * math.Min(math.Max(a, 0), 1)))
	return n
}
