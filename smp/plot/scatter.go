package plot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Marker is a matplotlib scatter marker.
type Marker int

const (
	MarkerCircle Marker = iota // "o": a disc of diameter √s, edge 1 pt in the same colour
	MarkerPoint                // ".": a disc of diameter √s/2, edge 1 pt in the same colour
	MarkerCross                // "x": two diagonals spanning √s, 1.5 pt wide
)

// Scatter draws a marker at each (X[i], Y[i]) like matplotlib's scatter, in
// Color (alpha included) at matplotlib's default size s = 36 points²
// (lines.markersize² = 6²). A filled marker and its edge are drawn as one disc
// (radius + half the edge width), so that alpha applies once. Markers whose
// centre lies outside the axes are not drawn. Scatter implements
// plot.Plotter, plot.DataRanger and plot.Thumbnailer.
type Scatter struct {
	X, Y   []float64
	Color  color.Color
	Marker Marker
}

// NewScatter returns a scatter of the points in col with the given alpha
// (multiplied into col's alpha) and marker, at the default size.
func NewScatter(x, y []float64, col color.Color, alpha float64, m Marker) *Scatter {
	return &Scatter{X: x, Y: y, Color: WithAlpha(col, alpha), Marker: m}
}

// Plot implements plot.Plotter.
func (s *Scatter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i := range min(len(s.X), len(s.Y)) {
		if math.IsNaN(s.X[i]) || math.IsNaN(s.Y[i]) {
			continue
		}
		pt := vg.Point{X: trX(s.X[i]), Y: trY(s.Y[i])}
		if !c.Contains(pt) {
			continue
		}
		s.glyph(c, pt)
	}
}

func (s *Scatter) glyph(c draw.Canvas, pt vg.Point) {
	size := vg.Length(6) // √s
	switch s.Marker {
	case MarkerCross:
		h := size / 2
		sty := draw.LineStyle{Color: s.Color, Width: LineWidth}
		c.StrokeLine2(sty, pt.X-h, pt.Y-h, pt.X+h, pt.Y+h)
		c.StrokeLine2(sty, pt.X-h, pt.Y+h, pt.X+h, pt.Y-h)
	default:
		r := size / 2
		if s.Marker == MarkerPoint {
			r = size / 4
		}
		r += 0.5 // half the 1 pt edge
		c.SetColor(s.Color)
		c.Fill(circlePath(pt, r))
	}
}

// DataRange implements plot.DataRanger, ignoring NaNs.
func (s *Scatter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return rangeOf(s.X, s.Y)
}

// Thumbnail implements plot.Thumbnailer: one marker in the handle, at
// 0.4375 of its height as matplotlib places a single scatter point.
func (s *Scatter) Thumbnail(c *draw.Canvas) {
	pt := vg.Point{X: c.Center().X, Y: c.Min.Y + 0.4375*(c.Max.Y-c.Min.Y)}
	s.glyph(*c, pt)
}
