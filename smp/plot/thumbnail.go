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
// holding an OffsetImage: the image, Zoom points per image pixel, centred
// on the data point (X, Y), inside a square frame Pad points out from the
// image, filled and stroked in FrameColor with a FrameWidth line
// (bboxprops=dict(color=...)). If Arrow is set, an arrow runs from the
// frame's edge towards the arrow's data point. Thumbnail implements
// plot.Plotter (it is not clipped to the axes, as annotations are not).
type Thumbnail struct {
	Img        image.Image
	X, Y       float64
	Zoom       float64
	Pad        vg.Length
	FrameColor color.Color
	FrameWidth vg.Length
	Arrow      *Arrow
}

// Arrow is matplotlib's annotation arrow with arrowstyle "->": a line from
// the box edge to the data point (X, Y), both ends shrunk by Shrink points,
// with an open head of two strokes HeadLength long spreading HeadWidth to
// each side.
type Arrow struct {
	X, Y                          float64
	Style                         draw.LineStyle
	Shrink, HeadLength, HeadWidth vg.Length
}

// NewThumbnail returns a thumbnail of img at (x, y) with the figure's
// settings: zoom 0.8, pad 1 point (0.1 × the 10 pt font), a 1-point frame in
// frame colour.
func NewThumbnail(img image.Image, x, y float64, frame color.Color) *Thumbnail {
	return &Thumbnail{Img: img, X: x, Y: y, Zoom: 0.8, Pad: 1, FrameColor: frame, FrameWidth: 1}
}

// NewArrow returns the figure's "->" arrow to (x, y): black, 1 point wide,
// ends shrunk by 2 points, head 4 points long and 2 wide on each side (0.4
// and 0.2 of the 10-point mutation scale).
func NewArrow(x, y float64) *Arrow {
	return &Arrow{X: x, Y: y, Style: draw.LineStyle{Color: color.Black, Width: 1}, Shrink: 2, HeadLength: 4, HeadWidth: 2}
}

// Plot implements plot.Plotter.
func (t *Thumbnail) Plot(c draw.Canvas, p *plot.Plot) {
	if t.Img == nil {
		return
	}
	trX, trY := p.Transforms(&c)
	ctr := vg.Point{X: trX(t.X), Y: trY(t.Y)}
	b := t.Img.Bounds()
	w, h := vg.Length(t.Zoom*float64(b.Dx())), vg.Length(t.Zoom*float64(b.Dy()))
	img := vg.Rectangle{Min: vg.Point{X: ctr.X - w/2, Y: ctr.Y - h/2}, Max: vg.Point{X: ctr.X + w/2, Y: ctr.Y + h/2}}
	box := vg.Rectangle{Min: vg.Point{X: img.Min.X - t.Pad, Y: img.Min.Y - t.Pad}, Max: vg.Point{X: img.Max.X + t.Pad, Y: img.Max.Y + t.Pad}}
	if t.Arrow != nil {
		t.drawArrow(c, box, ctr, vg.Point{X: trX(t.Arrow.X), Y: trY(t.Arrow.Y)})
	}
	if t.FrameColor != nil {
		c.SetColor(t.FrameColor)
		c.Fill(box.Path())
	}
	c.DrawImage(img, t.Img)
	if t.FrameColor != nil && t.FrameWidth > 0 {
		c.SetLineStyle(draw.LineStyle{Color: t.FrameColor, Width: t.FrameWidth})
		c.Stroke(box.Path())
	}
}

// drawArrow draws the arrow from where the ray centre→target leaves the
// box to the target, shrunk at both ends.
func (t *Thumbnail) drawArrow(c draw.Canvas, box vg.Rectangle, from, to vg.Point) {
	a := t.Arrow
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
	start := s + float64(a.Shrink)
	end := dist - float64(a.Shrink)
	if end <= start {
		return
	}
	p0 := vg.Point{X: from.X + vg.Length(ux*start), Y: from.Y + vg.Length(uy*start)}
	tip := vg.Point{X: from.X + vg.Length(ux*end), Y: from.Y + vg.Length(uy*end)}
	c.StrokeLine2(a.Style, p0.X, p0.Y, tip.X, tip.Y)
	// Open head: two strokes back from the tip.
	hl, hw := float64(a.HeadLength), float64(a.HeadWidth)
	for _, side := range []float64{1, -1} {
		bx := float64(tip.X) - ux*hl - uy*hw*side
		by := float64(tip.Y) - uy*hl + ux*hw*side
		c.StrokeLine2(a.Style, tip.X, tip.Y, vg.Length(bx), vg.Length(by))
	}
}
