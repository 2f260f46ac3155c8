package plot

import (
	"image"
	"image/draw"
	"math"

	"gonum.org/v1/plot/vg"
)

// crispCanvas wraps an output canvas that renders k pixels per point and
// replaces DrawImage by nearest-neighbour resampling onto the pixel grid, so
// that images are drawn crisp (matplotlib's interpolation="none") instead of
// through gg's bilinear filter. With a raster destination (dst != nil) the
// image is resampled and composited (draw.Over) straight into dst;
// otherwise (SVG) it is resampled to the pixel size of its rectangle and
// handed to the wrapped canvas, which draws it at scale one. Images are
// assumed drawn without Translate/Rotate/Scale in effect, as this package
// draws them.
type crispCanvas struct {
	vg.Canvas
	dst    draw.Image // raster destination, or nil
	height vg.Length  // canvas height in points, to flip y for dst
	k      float64    // output pixels per point
}

// DrawImage draws img stretched over rect, nearest-neighbour.
func (c *crispCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	x0, x1 := float64(rect.Min.X)*c.k, float64(rect.Max.X)*c.k
	y0, y1 := float64(c.height-rect.Max.Y)*c.k, float64(c.height-rect.Min.Y)*c.k // pixel rows, top down
	px := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
	if px.Empty() || img.Bounds().Empty() {
		return
	}
	if c.dst != nil {
		vis := px.Intersect(c.dst.Bounds())
		if vis.Empty() {
			return
		}
		scaled := resampleNearest(img, x0, y0, x1, y1, vis)
		draw.Draw(c.dst, vis, scaled, image.Point{}, draw.Over)
		return
	}
	scaled := resampleNearest(img, x0, y0, x1, y1, px)
	// Hand over the image at k pixels per point, on the rounded rectangle.
	k := vg.Length(c.k)
	r := vg.Rectangle{
		Min: vg.Point{X: vg.Length(px.Min.X) / k, Y: c.height - vg.Length(px.Max.Y)/k},
		Max: vg.Point{X: vg.Length(px.Max.X) / k, Y: c.height - vg.Length(px.Min.Y)/k},
	}
	c.Canvas.DrawImage(r, scaled)
}

// tieBias breaks ties between source pixels in favour of the later one
// when an output pixel's centre falls on a boundary between two, whatever
// the rounding noise of the positions: the same image drawn at positions
// that differ by a whole number of pixels is resampled identically.
const tieBias = 1e-9

// resampleNearest returns an image of out's size, origin (0, 0), whose pixel
// (i, j) is the source pixel under the centre of output pixel out.Min + (i, j)
// when src is stretched over [x0, x1] × [y0, y1] (pixel coordinates).
func resampleNearest(src image.Image, x0, y0, x1, y1 float64, out image.Rectangle) *image.NRGBA {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dst := image.NewNRGBA(image.Rect(0, 0, out.Dx(), out.Dy()))
	cols := make([]int, out.Dx())
	for i := range cols {
		u := (float64(out.Min.X+i) + 0.5 - x0) / (x1 - x0)
		cols[i] = b.Min.X + min(max(int(math.Floor(u*float64(sw)+tieBias)), 0), sw-1)
	}
	for j := out.Min.Y; j < out.Max.Y; j++ {
		v := (float64(j) + 0.5 - y0) / (y1 - y0)
		sy := b.Min.Y + min(max(int(math.Floor(v*float64(sh)+tieBias)), 0), sh-1)
		for i, sx := range cols {
			dst.Set(i, j-out.Min.Y, src.At(sx, sy))
		}
	}
	return dst
}
