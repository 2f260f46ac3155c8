package plot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Quiver draws arrows from (X[i], Y[i]) to (X[i]+U[i], Y[i]+V[i]) in data
// units, like matplotlib's quiver with scale_units="xy", scale=1, pivot
// "tail" and the figures' width=0.005 and headwidth=8: each arrow is one
// filled polygon (arrowPolygon, no edge) in units of the shaft width
// s = quiverWidth · (axes width). Its legend handle is a filled rectangle,
// as matplotlib's.
type Quiver struct {
	X, Y, U, V []float64
	Color      color.Color
}

// Quiver's shaft width, as a fraction of the axes width, and its head sizes
// and minimums in shaft widths.
const (
	quiverWidth    = 0.005
	headWidth      = 8
	headLength     = 5
	headAxisLength = 4.5
	minShaft       = 1
	minLength      = 1
)

// Plot implements plot.Plotter.
func (q *Quiver) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	s := float64(c.Size().X) * quiverWidth
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
		poly := arrowPolygon(length)
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
// L pointing along +x from the origin (matplotlib's Quiver._h_arrows): from
// the tail along the shaft (half-width 1/2) to L − headAxisLength, out to
// the head's barbs (half-width headWidth/2) at L − headLength, and to the
// tip at L. Arrows shorter than minShaft·headLength are the head alone
// scaled by L/(minShaft·headLength); arrows shorter than minLength are a
// hexagonal dot of diameter minLength.
func arrowPolygon(length float64) [][2]float64 {
	if length < minLength {
		// matplotlib's "heptagonal dot": 8 points at multiples of 60°.
		var pts [][2]float64
		for k := range 8 {
			th := float64(k) * math.Pi / 3
			pts = append(pts, [2]float64{math.Cos(th) * minLength * 0.5, math.Sin(th) * minLength * 0.5})
		}
		return pts
	}
	minsh, k := float64(minShaft*headLength), 1.0
	if length < minsh {
		length, k = minsh, length/minsh
	}
	x := [4]float64{0, length - headAxisLength, length - headLength, length}
	y := [4]float64{0.5, 0.5, 0.5 * headWidth, 0}
	for j := range x {
		x[j] *= k
		y[j] *= k
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

// DataRange implements plot.DataRanger: tails and tips, ignoring NaNs.
func (q *Quiver) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range min(len(q.X), len(q.Y), len(q.U), len(q.V)) {
		for _, p := range [2][2]float64{{q.X[i], q.Y[i]}, {q.X[i] + q.U[i], q.Y[i] + q.V[i]}} {
			if !math.IsNaN(p[0]) && !math.IsNaN(p[1]) {
				xmin, xmax = nanMin(xmin, p[0]), nanMax(xmax, p[0])
				ymin, ymax = nanMin(ymin, p[1]), nanMax(ymax, p[1])
			}
		}
	}
	return
}

// Thumbnail implements plot.Thumbnailer.
func (q *Quiver) Thumbnail(c *draw.Canvas) { fillCanvas(c, q.Color) }
