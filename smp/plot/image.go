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

// Image draws Img stretched over a rectangle in data coordinates: its left
// edge at x = Left, right edge at Right, bottom row's lower edge at
// y = Bottom and top row's upper edge at Top (matplotlib's extent (left,
// right, bottom, top)). Img's row 0 is at Top. If the axes map Left to the
// right of Right (or Bottom above Top) the image is mirrored accordingly.
//
// Drawn through a SuperFigure, the image is resampled nearest-neighbour
// onto the output pixels (crisp, like interpolation="none"); drawn on a bare
// gonum canvas it goes through that canvas's own scaling (bilinear for
// vgimg). Image implements plot.Plotter and plot.DataRanger.
type Image struct {
	Img                      image.Image
	Left, Right, Bottom, Top float64
}

// Plot implements plot.Plotter.
func (im *Image) Plot(c draw.Canvas, p *plot.Plot) {
	if im.Img == nil || im.Img.Bounds().Empty() {
		return
	}
	trX, trY := p.Transforms(&c)
	x0, x1 := trX(im.Left), trX(im.Right)
	y0, y1 := trY(im.Bottom), trY(im.Top)
	img := im.Img
	if x1 < x0 || y1 < y0 {
		img = mirror(img, x1 < x0, y1 < y0)
	}
	c.DrawImage(canonicalRect(x0, y0, x1, y1), img)
}

// DataRange implements plot.DataRanger.
func (im *Image) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Min(im.Left, im.Right), math.Max(im.Left, im.Right), math.Min(im.Bottom, im.Top), math.Max(im.Bottom, im.Top)
}

// mirror returns img flipped left–right and/or top–bottom.
func mirror(img image.Image, horiz, vert bool) *image.NRGBA {
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		sy := b.Min.Y + y
		if vert {
			sy = b.Max.Y - 1 - y
		}
		for x := range b.Dx() {
			sx := b.Min.X + x
			if horiz {
				sx = b.Max.X - 1 - x
			}
			out.Set(x, y, img.At(sx, sy))
		}
	}
	return out
}

// AspectCanvas shrinks c to the largest centred rectangle on which a data
// range of dx by dy has the given aspect (one y unit drawn aspect times as
// long as one x unit): height/width = aspect·dy/dx. It returns c unchanged
// for non-positive or non-finite inputs.
func AspectCanvas(c draw.Canvas, dx, dy, aspect float64) draw.Canvas {
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
// aspect, no ticks or spines, optional title. Use RGB.Image(true) to draw
// a numpy array with origin="lower" (the ratemaps): its row 0 then lands at
// the bottom, as imshow(origin="lower") puts it.
func NewImshowAxes(img image.Image, title string) *Axes {
	a := NewAxes()
	b := img.Bounds()
	a.Add(&Image{Img: img, Left: -0.5, Right: float64(b.Dx()) - 0.5, Bottom: float64(b.Dy()) - 0.5, Top: -0.5})
	a.SetXLim(-0.5, float64(b.Dx())-0.5)
	a.SetYLim(-0.5, float64(b.Dy())-0.5)
	a.Y.Inverted = true
	a.Aspect = 1
	a.Off = true
	a.Background = nil
	a.Title = title
	return a
}

// ColormapImage colours a rows × cols matrix (row-major) through cmap after
// matplotlib's Normalize: u = (v − vmin)/(vmax − vmin). Row 0 is the
// image's top row; NaN is transparent.
func ColormapImage(m []float64, rows, cols int, cmap *Colormap, vmin, vmax float64) (*image.NRGBA, error) {
	if cmap == nil {
		return nil, errors.New("plot: ColormapImage: nil colormap")
	}
	if rows <= 0 || cols <= 0 || len(m) != rows*cols {
		return nil, fmt.Errorf("plot: ColormapImage: %d values for a %d×%d matrix", len(m), rows, cols)
	}
	img := image.NewNRGBA(image.Rect(0, 0, cols, rows))
	span := vmax - vmin
	for r := range rows {
		for c := range cols {
			u := 0.0
			if span != 0 {
				u = (m[r*cols+c] - vmin) / span
			}
			if math.IsNaN(m[r*cols+c]) {
				u = math.NaN()
			}
			img.SetNRGBA(c, r, cmap.At(u))
		}
	}
	return img, nil
}

// NewMatShowAxes returns axes showing a rows × cols matrix (row-major) as
// matplotlib's matshow with the given aspect: colours by cmap over the
// matrix's NaN-ignoring min..max, cell (r, c) centred on x = c, y = r, row 0
// at the top (inverted y axis), limits (−0.5, cols−0.5) and (rows−0.5,
// −0.5). Ticks are left automatic; set X.Ticks and Y.Ticks as needed (the
// original moves matshow's top ticks to the bottom, as these axes draw them).
func NewMatShowAxes(m []float64, rows, cols int, cmap *Colormap, aspect float64) (*Axes, error) {
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for _, v := range m {
		vmin, vmax = nanMin(vmin, v), nanMax(vmax, v)
	}
	img, err := ColormapImage(m, rows, cols, cmap, vmin, vmax)
	if err != nil {
		return nil, fmt.Errorf("plot: matshow: %w", err)
	}
	a := NewAxes()
	a.Add(&Image{Img: img, Left: -0.5, Right: float64(cols) - 0.5, Bottom: float64(rows) - 0.5, Top: -0.5})
	a.SetXLim(-0.5, float64(cols)-0.5)
	a.SetYLim(-0.5, float64(rows)-0.5)
	a.Y.Inverted = true
	a.Aspect = aspect
	return a, nil
}
