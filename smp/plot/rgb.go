package plot

import (
	"image"
	"image/color"
)

// RGB is a float RGB image as numpy holds it: Pix is [Rows][Cols][3],
// row-major, components in [0, 1]. Row 0 is the first row of the array; which
// way up it is drawn is chosen when converting with Image.
type RGB struct {
	Rows, Cols int
	Pix        []float64
}

// NewRGB returns a black rows × cols image.
func NewRGB(rows, cols int) *RGB {
	return &RGB{Rows: rows, Cols: cols, Pix: make([]float64, rows*cols*3)}
}

// Image converts m to an 8-bit image, each component truncated from c·255
// (clipped to [0, 1] first) as matplotlib's imshow does for float RGB data.
// With originLower (imshow's origin="lower"), array row 0 becomes the bottom
// row of the image, i.e. image row Rows−1; otherwise it is the top row.
func (m *RGB) Image(originLower bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, m.Cols, m.Rows))
	for r := range m.Rows {
		y := r
		if originLower {
			y = m.Rows - 1 - r
		}
		for c := range m.Cols {
			p := m.Pix[3*(r*m.Cols+c):]
			img.SetNRGBA(c, y, color.NRGBA{R: byteOf(p[0]), G: byteOf(p[1]), B: byteOf(p[2]), A: 255})
		}
	}
	return img
}
