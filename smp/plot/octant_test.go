package plot

import (
	"math"
	"testing"
)

// sameFloat reports whether a and b are equal, NaN matching NaN.
func sameFloat(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

func TestOctantGridMatchesFixture(t *testing.T) {
	plain, ps := readNPZ(t, figure2NPZ, "ratemap_u0")
	oct, _ := readNPZ(t, figure2NPZ, "ratemap_octants_u0")
	want, ws := readNPZ(t, figure2NPZ, "octant_grid_u0")
	grid, rows, cols, err := OctantGrid(plain, oct, ps[0], ps[1])
	if err != nil {
		t.Fatal(err)
	}
	if rows != ws[0] || cols != ws[1] {
		t.Fatalf("grid is %d×%d, want %v", rows, cols, ws)
	}
	for i := range want {
		if !sameFloat(grid[i], want[i]) {
			t.Fatalf("grid[%d][%d] = %v, want %v", i/cols, i%cols, grid[i], want[i])
		}
	}
}

func TestOctantRatemapRGBMatchesFixture(t *testing.T) {
	plain, ps := readNPZ(t, figure2NPZ, "ratemap_u0")
	oct, _ := readNPZ(t, figure2NPZ, "ratemap_octants_u0")
	for _, tc := range []struct {
		key       string
		perOctant bool
	}{
		{"octant_rgb_u0", true},
		{"plain_rgb_u0", false},
	} {
		want, ws := readNPZ(t, figure2NPZ, tc.key)
		img, err := OctantRatemapRGB(plain, oct, ps[0], ps[1], tc.perOctant)
		if err != nil {
			t.Fatal(err)
		}
		if img.Rows != ws[0] || img.Cols != ws[1] || ws[2] != 3 {
			t.Fatalf("%s: image is %d×%d, want %v", tc.key, img.Rows, img.Cols, ws)
		}
		bad := 0
		for i := range want {
			if img.Pix[i] != want[i] {
				if bad < 5 {
					t.Errorf("%s: pixel %d channel %d = %v, want %v", tc.key, i/3, i%3, img.Pix[i], want[i])
				}
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d components differ", tc.key, bad, len(want))
		}
	}
}

func TestOctantRatemapRGBErrors(t *testing.T) {
	if _, err := OctantRatemapRGB(make([]float64, 4), nil, 2, 2, true); err == nil {
		t.Error("per-octant without octant maps: no error")
	}
	if _, err := OctantRatemapRGB(make([]float64, 3), nil, 2, 2, false); err == nil {
		t.Error("wrong plain size: no error")
	}
	// All-NaN maps are all white, as in the original.
	nan := []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()}
	img, err := OctantRatemapRGB(nan, nil, 2, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range img.Pix {
		if v != 1 {
			t.Fatalf("all-NaN map not white: %v", img.Pix)
		}
	}
}

func TestOctantImageOrientation(t *testing.T) {
	// Octant k is filled with the value k: the tile at the top of the drawn
	// image, centre column, must be octant 0 (direction 0 = first index, up).
	nx, ny := 2, 3
	plain := make([]float64, nx*ny)
	oct := make([]float64, nx*ny*8)
	for i := range oct {
		oct[i] = float64(i % 8)
	}
	for i := range plain {
		plain[i] = 8
	}
	rgb, err := OctantRatemapRGB(plain, oct, nx, ny, true)
	if err != nil {
		t.Fatal(err)
	}
	img := rgb.Image()
	h, w := nx+2, ny+2
	jet := Jet()
	// centre of tile (R, C) in image coordinates (row 0 of the array at the bottom).
	tileColour := func(R, C int) [3]uint8 {
		x := C*w + 1
		y := img.Rect.Dy() - 1 - (R*h + 1)
		c := img.NRGBAAt(x, y)
		return [3]uint8{c.R, c.G, c.B}
	}
	// Value k normalises to k/8.
	for _, tc := range []struct{ R, C, k int }{
		{2, 1, 0}, {2, 2, 1}, {1, 2, 2}, {0, 2, 3}, {0, 1, 4}, {0, 0, 5}, {1, 0, 6}, {2, 0, 7}, {1, 1, 8},
	} {
		c := jet.At(float64(tc.k) / (8 + 1e-16))
		if got := tileColour(tc.R, tc.C); got != [3]uint8{c.R, c.G, c.B} {
			t.Errorf("tile (%d,%d): colour %v, want octant %d's %v", tc.R, tc.C, got, tc.k, c)
		}
	}
}
