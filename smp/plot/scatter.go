package plot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Marker is a matplotlib scatter marker, at matplotlib's default size
// s = 36 points² (lines.markersize² = 6²).
type Marker int

const (
	MarkerCircle Marker = iota // "o": a disc of diameter √s, edge 1 pt in the same colour
	MarkerPoint                // ".": a disc of diameter √s/2, edge 1 pt in the same colour
	MarkerCross                // "x": two diagonals spanning √s, 1.5 pt wide
)

// Scatter is gonum's scatter plotter drawing matplotlib's markers (see
// NewScatter), with matplotlib's legend handle.
type Scatter struct{ plotter.Scatter }

// NewScatter returns a scatter of the points (x[i], y[i]) in col with the
// given alpha (multiplied into col's alpha) and marker. Points with a NaN
// or infinite coordinate are left out, and markers whose centre lies
// outside the axes are not drawn. A filled marker and its edge are drawn as
// one disc (radius + half the edge width), so that alpha applies once.
func NewScatter(x, y []float64, col color.Color, alpha float64, m Marker) *Scatter {
	s := &Scatter{}
	for i := range min(len(x), len(y)) {
		if math.Abs(x[i]) <= math.MaxFloat64 && math.Abs(y[i]) <= math.MaxFloat64 { // finite
			s.XYs = append(s.XYs, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	s.Color = WithAlpha(col, alpha)
	s.Shape, s.Radius = draw.CircleGlyph{}, 3+0.5
	switch m {
	case MarkerPoint:
		s.Radius = 1.5 + 0.5
	case MarkerCross:
		s.Shape, s.Radius = crossGlyph{}, 3
	}
	return s
}

// Thumbnail implements plot.Thumbnailer: one marker in the handle, at
// 0.4375 of its height as matplotlib places a single scatter point.
func (s *Scatter) Thumbnail(c *draw.Canvas) {
	c.DrawGlyph(s.GlyphStyle, vg.Point{X: c.Center().X, Y: c.Min.Y + 0.4375*(c.Max.Y-c.Min.Y)})
}

// crossGlyph draws matplotlib's "x": the diagonals of the square of
// half-side Radius, LineWidth wide.
type crossGlyph struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (crossGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	h, ls := sty.Radius, draw.LineStyle{Color: sty.Color, Width: LineWidth}
	c.StrokeLine2(ls, pt.X-h, pt.Y-h, pt.X+h, pt.Y+h)
	c.StrokeLine2(ls, pt.X-h, pt.Y+h, pt.X+h, pt.Y-h)
}
