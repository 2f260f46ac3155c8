package plot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Quiver draws arrows from (X[i], Y[i]) to (X[i]+U[i], Y[i]+V[i]) in data
// units, like matplotlib's quiver with scale_units="xy", scale=1 and pivot
// "tail". Each arrow is one filled polygon (no edge) in canvas units of the
// shaft width s = Width · (axes width): with L the arrow's length in shaft
// widths, it runs from the tail along the shaft (half-width 1/2) to
// L − HeadAxisLength, out to the head's barbs (half-width HeadWidth/2) at
// L − HeadLength, and to the tip at L. Arrows shorter than
// MinShaft·HeadLength are the head alone scaled by L/(MinShaft·HeadLength);
// arrows shorter than MinLength are a hexagonal dot of diameter MinLength.
// Quiver implements plot.Plotter, plot.DataRanger and plot.Thumbnailer (a
// filled rectangle, as matplotlib's legend shows a quiver).
//
// X, Y, U and V should have equal lengths; as Plot cannot return an error,
// it draws only the first min of their lengths arrows.
type Quiver struct {
	X, Y, U, V []float64
	Color      color.Color

	// Width is the shaft width as a fraction of the axes width
	// (matplotlib's width; the figures use 0.005).
	Width float64
	// Head sizes and minimums in shaft widths (matplotlib's defaults are
	// 3, 5, 4.5, 1, 1; the figures use HeadWidth 8).
	HeadWidth, HeadLength, HeadAxisLength, MinShaft, MinLength float64
}

// NewQuiver returns a quiver with matplotlib's defaults except those of the
// figures: Width 0.005 and HeadWidth 8; col carries the alpha.
func NewQuiver(x, y, u, v []float64, col color.Color) *Quiver {
	return &Quiver{
		X: x, Y: y, U: u, V: v, Color: col,
		Width: 0.005, HeadWidth: 8, HeadLength: 5, HeadAxisLength: 4.5, MinShaft: 1, MinLength: 1,
	}
}

// Plot implements plot.Plotter.
func (q *Quiver) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	s := float64(c.Size().X) * q.Width
	if !(s > 0) {
		return
	}
	n := min(len(q.X), len(q.Y), len(q.U), len(q.V))
	for i := range n {
		if math.IsNaN(q.X[i] + q.Y[i] + q.U[i] + q.V[i]) {
			continue
		}
		x0, y0 := float64(trX(q.X[i])), float64(trY(q.Y[i]))
		x1, y1 := float64(trX(q.X[i]+q.U[i])), float64(trY(q.Y[i]+q.V[i]))
		dx, dy := x1-x0, y1-y0
		length := math.Hypot(dx, dy) / s
		ang := math.Atan2(dy, dx)
		poly := q.arrowPolygon(length)
		sin, cos := math.Sincos(ang)
		pts := make([]vg.Point, len(poly))
		for k, pt := range poly {
			px, py := pt[0]*s, pt[1]*s
			pts[k] = vg.Point{X: vg.Length(x0 + px*cos - py*sin), Y: vg.Length(y0 + px*sin + py*cos)}
		}
		if clipped := c.ClipPolygonXY(pts); len(clipped) > 2 {
			c.FillPolygon(q.Color, clipped)
		}
	}
}

// arrowPolygon returns the outline, in shaft widths, of an arrow of length
// L pointing along +x from the origin (matplotlib's Quiver._h_arrows).
func (q *Quiver) arrowPolygon(length float64) [][2]float64 {
	if length < q.MinLength {
		// matplotlib's "heptagonal dot": 8 points at multiples of 60°.
		var pts [][2]float64
		for k := range 8 {
			th := float64(k) * math.Pi / 3
			pts = append(pts, [2]float64{math.Cos(th) * q.MinLength * 0.5, math.Sin(th) * q.MinLength * 0.5})
		}
		return pts
	}
	minsh := q.MinShaft * q.HeadLength
	var x, y [4]float64
	if length < minsh {
		k := length / minsh
		x = [4]float64{0, minsh - q.HeadAxisLength, minsh - q.HeadLength, minsh}
		y = [4]float64{0.5, 0.5, 0.5 * q.HeadWidth, 0}
		for j := range x {
			x[j] *= k
			y[j] *= k
		}
	} else {
		x = [4]float64{0, length - q.HeadAxisLength, length - q.HeadLength, length}
		y = [4]float64{0.5, 0.5, 0.5 * q.HeadWidth, 0}
	}
	// ii = [0, 1, 2, 3, 2, 1, 0], lower half mirrored.
	ii := [7]int{0, 1, 2, 3, 2, 1, 0}
	pts := make([][2]float64, len(ii))
	for k, j := range ii {
		yy := y[j]
		if k >= 3 {
			yy = -yy
		}
		pts[k] = [2]float64{x[j], yy}
	}
	return pts
}

// DataRange implements plot.DataRanger: tails and tips.
func (q *Quiver) DataRange() (xmin, xmax, ymin, ymax float64) {
	n := min(len(q.X), len(q.Y), len(q.U), len(q.V))
	xs := make([]float64, 0, 2*n)
	ys := make([]float64, 0, 2*n)
	for i := range n {
		xs = append(xs, q.X[i], q.X[i]+q.U[i])
		ys = append(ys, q.Y[i], q.Y[i]+q.V[i])
	}
	return rangeOf(xs, ys)
}

// Thumbnail implements plot.Thumbnailer.
func (q *Quiver) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(q.Color, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
}
