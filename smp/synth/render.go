package synth

import (
	"fmt"
	"math"
)

// Camera is the rat's eye: a pinhole camera at height EyeHeight looking
// horizontally along the head direction, producing W x H RGB images with a
// horizontal field of view FOV (radians) and square pixels.
type Camera struct {
	W, H        int     // image size, pixels
	FOV         float64 // horizontal field of view, radians
	EyeHeight   float64 // metres above the floor
	Supersample int     // rays per pixel column (anti-aliasing along the walls)
}

// DefaultCamera returns a 32 x 32 camera with a 70 degree field of view,
// its eye 0.1 m above the floor, 2 rays per column.
func DefaultCamera() Camera {
	return Camera{W: 32, H: 32, FOV: 70 * math.Pi / 180, EyeHeight: 0.1, Supersample: 2}
}

// Sky and floor colours (RGB in 0..1); the floor darkens towards the
// horizon as floorColour * (0.75 + 0.25*(r+0.5)/H) for image row r.
var (
	skyColour   = [3]float64{0.78, 0.84, 0.92}
	floorColour = [3]float64{0.42, 0.36, 0.30}
)

func (c Camera) check(ar Arena) error {
	if c.W < 1 || c.H < 1 || c.Supersample < 1 || !(c.FOV > 0 && c.FOV < math.Pi) ||
		!(c.EyeHeight > 0 && c.EyeHeight < ar.WallHeight) {
		return fmt.Errorf("camera: bad parameters %+v (need W, H, Supersample ≥ 1, 0 < FOV < pi, 0 < EyeHeight < wall height)", c)
	}
	return nil
}

// focal returns the focal length in pixels, (W/2)/tan(FOV/2).
func (c Camera) focal() float64 { return float64(c.W) / 2 / math.Tan(c.FOV/2) }

// Render draws the view of a rat at (x, y) with head direction hd into dst,
// [H, W, 3] row-major RGB bytes (row 0 at the top). It is a column ray
// caster: each of Supersample rays per column, at screen offset u (pixels,
// right positive) from the centre, leaves in direction hd - atan(u/f), f the
// focal length; with d the distance to the wall it hits and
// dp = d*cos(atan(u/f)) its depth, the wall spans the rows between
// H/2 - f*(WallHeight - EyeHeight)/dp and H/2 + f*EyeHeight/dp (continuous
// row coordinates), sky above, floor below. A pixel row blends the three by
// its coverage; the wall colour is Arena.WallColour at the hit point and the
// height of the pixel centre, dimmed with depth by 0.45 + 0.55*exp(-d/1.5).
// Columns are averaged over their rays and rounded to bytes.
func (c Camera) Render(ar Arena, x, y, hd float64, dst []uint8) error {
	if err := c.check(ar); err != nil {
		return err
	}
	if len(dst) != c.W*c.H*3 {
		return fmt.Errorf("render: image needs %d bytes, got %d", c.W*c.H*3, len(dst))
	}
	f := c.focal()
	h := float64(c.H)
	inv := 1 / float64(c.Supersample)
	// Rows entirely above or below the wall get the sky or the floor colour.
	floor := make([]float64, c.H*3)
	for r := 0; r < c.H; r++ {
		fl := 0.75 + 0.25*(float64(r)+0.5)/h
		for ch := 0; ch < 3; ch++ {
			floor[r*3+ch] = fl * floorColour[ch]
		}
	}
	col := make([]float64, c.H*3)
	nsky := make([]int, c.H)   // rays of the column whose row r is all sky
	nfloor := make([]int, c.H) // ... all floor
	for cx := 0; cx < c.W; cx++ {
		clear(col)
		clear(nsky)
		clear(nfloor)
		for j := 0; j < c.Supersample; j++ {
			u := float64(cx) + (float64(j)+0.5)*inv - float64(c.W)/2
			off := math.Atan(u / f)
			d, wall, s := ar.Cast(x, y, hd-off)
			dp := max(d*math.Cos(off), 1e-6)
			top := h/2 - f*(ar.WallHeight-c.EyeHeight)/dp
			bot := h/2 + f*c.EyeHeight/dp
			shade := 0.45 + 0.55*math.Exp(-d/1.5)
			// Rows [0, r0) lie above the wall, rows [r1, H) below it.
			r0 := int(min(h, max(0, math.Floor(top))))
			r1 := int(min(h, max(float64(r0), math.Ceil(bot))))
			for r := 0; r < r0; r++ {
				nsky[r]++
			}
			for r := r1; r < c.H; r++ {
				nfloor[r]++
			}
			for r := r0; r < r1; r++ {
				a, b := float64(r), float64(r+1)
				wallFrac := min(b, bot) - max(a, top)
				sky := max(0, min(b, top)-a)
				flo := 1 - wallFrac - sky
				z := min(ar.WallHeight, max(0, c.EyeHeight+(h/2-(a+0.5))*dp/f))
				wc := ar.WallColour(wall, s, z)
				for ch := 0; ch < 3; ch++ {
					col[r*3+ch] += inv * (sky*skyColour[ch] + wallFrac*shade*wc[ch] + flo*floor[r*3+ch])
				}
			}
		}
		for r := 0; r < c.H; r++ {
			ks, kf := inv*float64(nsky[r]), inv*float64(nfloor[r])
			for ch := 0; ch < 3; ch++ {
				col[r*3+ch] += ks*skyColour[ch] + kf*floor[r*3+ch]
			}
		}
		for r := 0; r < c.H; r++ {
			for ch := 0; ch < 3; ch++ {
				v := 255*col[r*3+ch] + 0.5 // round half up
				switch {
				case v >= 255:
					dst[(r*c.W+cx)*3+ch] = 255
				case v > 0:
					dst[(r*c.W+cx)*3+ch] = uint8(v)
				default:
					dst[(r*c.W+cx)*3+ch] = 0
				}
			}
		}
	}
	return nil
}
