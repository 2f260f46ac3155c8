package plot

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Thumbnail is an image placed in the axes like matplotlib's AnnotationBbox
// holding an OffsetImage, with the figure's settings: 0.8 points per image
// pixel (zoom 0.8), centred on the data point (X, Y), in a frame 1 point
// out (pad 0.1 × the 10 pt font) filled and stroked 1 point wide in
// FrameColor. If Arrow is set, an arrow runs from the frame's edge towards
// its data point. Like annotations, it is not clipped to the axes.
type Thumbnail struct {
	Img        image.Image
	X, Y       float64
	FrameColor color.Color
	Arrow      *Arrow
}

// Arrow is matplotlib's annotation arrow with arrowstyle "->" as the figure
// draws it: a black line 1 point wide from the box edge to the data point
// (X, Y), both ends shrunk by 2 points, with an open head of two strokes 4
// points long spreading 2 points to each side (0.4 and 0.2 of the 10-point
// mutation scale).
type Arrow struct{ X, Y float64 }

// Thumbnail and Arrow sizes, in points (see Thumbnail and Arrow).
const (
	thumbZoom      = 0.8
	thumbPad       = 1
	arrowShrink    = 2
	arrowHeadLen   = 4
	arrowHeadWidth = 2
)

// Plot implements plot.Plotter.
func (t *Thumbnail) Plot(c draw.Canvas, p *plot.Plot) {
	if t.Img == nil {
		return
	}
	trX, trY := p.Transforms(&c)
	ctr := vg.Point{X: trX(t.X), Y: trY(t.Y)}
	b := t.Img.Bounds()
	w, h := vg.Length(thumbZoom*float64(b.Dx())), vg.Length(thumbZoom*float64(b.Dy()))
	img := vg.Rectangle{Min: vg.Point{X: ctr.X - w/2, Y: ctr.Y - h/2}, Max: vg.Point{X: ctr.X + w/2, Y: ctr.Y + h/2}}
	box := vg.Rectangle{Min: vg.Point{X: img.Min.X - thumbPad, Y: img.Min.Y - thumbPad}, Max: vg.Point{X: img.Max.X + thumbPad, Y: img.Max.Y + thumbPad}}
	if t.Arrow != nil {
		drawArrow(c, box, ctr, vg.Point{X: trX(t.Arrow.X), Y: trY(t.Arrow.Y)})
	}
	if t.FrameColor != nil {
		c.SetColor(t.FrameColor)
		c.Fill(box.Path())
	}
	c.DrawImage(img, t.Img)
	if t.FrameColor != nil {
		c.SetLineStyle(draw.LineStyle{Color: t.FrameColor, Width: 1})
		c.Stroke(box.Path())
	}
}

// drawArrow draws the arrow from where the ray centre→target leaves the
// box to the target, shrunk at both ends.
func drawArrow(c draw.Canvas, box vg.Rectangle, from, to vg.Point) {
	dx, dy := float64(to.X-from.X), float64(to.Y-from.Y)
	dist := math.Hypot(dx, dy)
	if dist == 0 {
		return
	}
	ux, uy := dx/dist, dy/dist
	// Leave the box: smallest s > 0 with from + s·u on the box boundary.
	s := math.Inf(1)
	if ux != 0 {
		s = math.Min(s, math.Abs(float64(box.Max.X-box.Min.X)/2/ux))
	}
	if uy != 0 {
		s = math.Min(s, math.Abs(float64(box.Max.Y-box.Min.Y)/2/uy))
	}
	start := s + arrowShrink
	end := dist - arrowShrink
	if end <= start {
		return
	}
	p0 := vg.Point{X: from.X + vg.Length(ux*start), Y: from.Y + vg.Length(uy*start)}
	tip := vg.Point{X: from.X + vg.Length(ux*end), Y: from.Y + vg.Length(uy*end)}
	style := draw.LineStyle{Color: color.Black, Width: 1}
	c.StrokeLine2(style, p0.X, p0.Y, tip.X, tip.Y)
	// Open head: two strokes back from the tip.
	for _, side := range []float64{1, -1} {
		bx := float64(tip.X) - ux*arrowHeadLen - uy*arrowHeadWidth*side
		by := float64(tip.Y) - uy*arrowHeadLen + ux*arrowHeadWidth*side
		c.StrokeLine2(style, tip.X, tip.Y, vg.Length(bx), vg.Length(by))
	}
}
