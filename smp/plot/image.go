package plot

import (
	"errors"
	"fmt"
	"image"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// cellImage draws an image as imshow and matshow place it: pixel (c, r)
// covers the data cell [c − 0.5, c + 0.5] × [r − 0.5, r + 0.5], row 0 at
// the top of an inverted y axis (see imageAxes). A SuperFigure draws it
// crisp (nearest-neighbour), a bare vgimg canvas bilinear.
type cellImage struct{ image.Image }

// Plot implements plot.Plotter.
func (im cellImage) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	b := im.Bounds()
	c.DrawImage(canonicalRect(trX(-0.5), trY(float64(b.Dy())-0.5), trX(float64(b.Dx())-0.5), trY(-0.5)), im.Image)
}

// imageAxes returns axes showing img as a cellImage, with limits
// (−0.5, cols − 0.5) and (rows − 0.5, −0.5) (inverted y axis: row 0 at the
// top) and the given aspect.
func imageAxes(img image.Image, aspect float64) *Axes {
	b := img.Bounds()
	a := NewAxes()
	a.Add(cellImage{img})
	a.SetXLim(-0.5, float64(b.Dx())-0.5)
	a.SetYLim(-0.5, float64(b.Dy())-0.5)
	a.Y.Inverted = true
	a.Aspect = aspect
	return a
}

// aspectCanvas shrinks c to the largest centred rectangle on which a data
// range of dx by dy has the given aspect (one y unit drawn aspect times as
// long as one x unit): height/width = aspect·dy/dx. It returns c unchanged
// for non-positive or non-finite inputs.
func aspectCanvas(c draw.Canvas, dx, dy, aspect float64) draw.Canvas {
	want := aspect * dy / dx // height / width
	if !(want > 0) || math.IsInf(want, 0) {
		return c
	}
	w, h := c.Size().X, c.Size().Y
	if w <= 0 || h <= 0 {
		return c
	}
	ctr := c.Center()
	if float64(h/w) > want {
		h = w * vg.Length(want)
	} else {
		w = h / vg.Length(want)
	}
	c.Rectangle = vg.Rectangle{
		Min: vg.Point{X: ctr.X - w/2, Y: ctr.Y - h/2},
		Max: vg.Point{X: ctr.X + w/2, Y: ctr.Y + h/2},
	}
	return c
}

// NewImshowAxes returns axes showing img as matplotlib's imshow with
// origin "upper" (img's row 0 at the top) followed by axis("off"): equal
// aspect, no ticks or spines, optional title. RGB.Image gives a numpy
// array (the ratemaps) its origin="lower": its row 0 lands at the bottom.
func NewImshowAxes(img image.Image, title string) *Axes {
	a := imageAxes(img, 1)
	a.Off = true
	a.Title = title
	return a
}

// NewMatShowAxes returns axes showing a rows × cols matrix (row-major) as
// matplotlib's matshow with the given aspect (see imageAxes), coloured
// through cmap after matplotlib's Normalize over the matrix's NaN-ignoring
// min..max, u = (v − min)/(max − min); NaN is transparent. Ticks are
// automatic and at the bottom, where the original moves matshow's.
func NewMatShowAxes(m []float64, rows, cols int, cmap *Colormap, aspect float64) (*Axes, error) {
	if cmap == nil {
		return nil, errors.New("plot: matshow: nil colormap")
	}
	if rows <= 0 || cols <= 0 || len(m) != rows*cols {
		return nil, fmt.Errorf("plot: matshow: %d values for a %d×%d matrix", len(m), rows, cols)
	}
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for _, v := range m {
		vmin, vmax = nanMin(vmin, v), nanMax(vmax, v)
	}
	img := image.NewNRGBA(image.Rect(0, 0, cols, rows))
	span := vmax - vmin
	for i, v := range m {
		u := 0.0
		if span != 0 {
			u = (v - vmin) / span
		}
		if math.IsNaN(v) {
			u = math.NaN()
		}
		img.SetNRGBA(i%cols, i/cols, cmap.At(u))
	}
	return imageAxes(img, aspect), nil
}
