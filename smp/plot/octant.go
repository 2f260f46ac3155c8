package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/smp-go/smp-go/smp/num"
)

// octantOrder is the tile layout of the octant mosaic, row 0 drawn at the
// bottom (origin lower); 8 stands for the plain map. With octant k centred
// on direction k·45°, each octant's tile sits in that direction from the
// centre under the ratemap orientation (first index up, second right).
var octantOrder = [3][3]int{{5, 4, 3}, {6, 8, 2}, {7, 0, 1}}

// jet is the colormap of the ratemaps.
var jet = Jet()

// OctantGrid arranges a plain ratemap and its eight per-octant ratemaps in a
// 3 × 3 mosaic of tiles laid out as octantOrder, as the original's
// octant_grid does. plain is [nx][ny] and octants is [nx][ny][8] (octant
// fastest), both row-major. Every map is padded with a one-bin frame of
// zeros, so the mosaic is rows = 3(nx+2) by cols = 3(ny+2), row-major. NaN
// bins stay NaN.
func OctantGrid(plain, octants []float64, nx, ny int) (grid []float64, rows, cols int, err error) {
	if err := checkOctantDims(plain, octants, nx, ny); err != nil {
		return nil, 0, 0, err
	}
	h, w := nx+2, ny+2
	rows, cols = 3*h, 3*w
	grid = make([]float64, rows*cols)
	for tr, tileRow := range octantOrder {
		for tc, k := range tileRow {
			for x := range nx {
				for y := range ny {
					var v float64
					if k == 8 {
						v = plain[x*ny+y]
					} else {
						v = octants[(x*ny+y)*8+k]
					}
					grid[(tr*h+x+1)*cols+tc*w+y+1] = v
				}
			}
		}
	}
	return grid, rows, cols, nil
}

func checkOctantDims(plain, octants []float64, nx, ny int) error {
	if nx <= 0 || ny <= 0 {
		return fmt.Errorf("plot: ratemap size %d×%d: want positive dimensions", nx, ny)
	}
	if len(plain) != nx*ny {
		return fmt.Errorf("plot: plain ratemap has %d values, want %d×%d = %d", len(plain), nx, ny, nx*ny)
	}
	if len(octants) != nx*ny*8 {
		return fmt.Errorf("plot: octant ratemaps have %d values, want %d×%d×8 = %d", len(octants), nx, ny, nx*ny*8)
	}
	return nil
}

// OctantRatemapRGB converts ratemaps to an RGB image as the original's
// octant_ratemap_to_rgb does. plain is [nx][ny]; octants is [nx][ny][8]
// (octant fastest), only read (and may be nil) when perOctant.
//
// Colour limits lo, hi are the NaN-ignoring percentiles 0 and 100 of the
// plain values, plus the octant values when perOctant; every value becomes
// u = (v − lo)/(hi − lo + 1e−16), coloured by Jet. NaN bins are white. Without perOctant the image is nx × ny; with
// it, the OctantGrid mosaic of the normalised maps with white frames. As in
// the original, the mosaic is built from u + 1 so that the zero padding
// marks the frames: the coloured value is (u + 1) − 1, which may differ
// from u in its last bits.
func OctantRatemapRGB(plain, octants []float64, nx, ny int, perOctant bool) (*RGB, error) {
	if perOctant {
		if err := checkOctantDims(plain, octants, nx, ny); err != nil {
			return nil, err
		}
	} else if nx <= 0 || ny <= 0 || len(plain) != nx*ny {
		return nil, fmt.Errorf("plot: plain ratemap has %d values, want %d×%d", len(plain), nx, ny)
	}
	data := plain
	if perOctant {
		data = make([]float64, 0, len(plain)+len(octants))
		data = append(append(data, plain...), octants...)
	}
	lims, err := num.NaNPercentiles(data, 0, 100)
	if err != nil {
		return nil, fmt.Errorf("plot: OctantRatemapRGB: %w", err)
	}
	lo, span := lims[0], lims[1]-lims[0]+1e-16
	norm := func(vs []float64, shift float64) []float64 {
		out := make([]float64, len(vs))
		for i, v := range vs {
			out[i] = (v-lo)/span + shift
		}
		return out
	}

	vals, rows, cols := norm(plain, 0), nx, ny
	if perOctant {
		vals, rows, cols, _ = OctantGrid(norm(plain, 1), norm(octants, 1), nx, ny)
	}
	img := NewRGB(rows, cols)
	for i, v := range vals {
		if perOctant {
			if v == 0 { // the frames
				v = math.NaN()
			}
			v -= 1
		}
		rgb := [3]float64{1, 1, 1}
		if !math.IsNaN(v) {
			rgb, _ = jet.RGB(v)
		}
		copy(img.Pix[3*i:3*i+3], rgb[:])
	}
	return img, nil
}

// RGB is a float RGB image as numpy holds it: Pix is [Rows][Cols][3],
// row-major, components in [0, 1], row 0 drawn at the bottom (see Image).
type RGB struct {
	Rows, Cols int
	Pix        []float64
}

// NewRGB returns a black rows × cols image.
func NewRGB(rows, cols int) *RGB {
	return &RGB{Rows: rows, Cols: cols, Pix: make([]float64, rows*cols*3)}
}

// Image converts m to an 8-bit image as matplotlib's imshow with
// origin="lower" does for float RGB data: array row 0 becomes the bottom
// row of the image (image row Rows−1), and each component is truncated
// from c·255 (clipped to [0, 1] first).
func (m *RGB) Image() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, m.Cols, m.Rows))
	for r := range m.Rows {
		for c := range m.Cols {
			p := m.Pix[3*(r*m.Cols+c):]
			img.SetNRGBA(c, m.Rows-1-r, color.NRGBA{R: byteOf(p[0]), G: byteOf(p[1]), B: byteOf(p[2]), A: 255})
		}
	}
	return img
}
