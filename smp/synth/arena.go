package synth

import "math"

// Walls of the arena, indexed by the direction of their outward normal:
// wall k lies in direction k*pi/2 from the centre.
const (
	WallEast  = 0 // x = +Half
	WallNorth = 1 // y = +Half
	WallWest  = 2 // x = -Half
	WallSouth = 3 // y = -Half
)

// Arena is the square box the rat lives in: walls at x = ±Half and
// y = ±Half (metres), WallHeight metres high, centred on the origin.
//
// Walls carry these features (RGB in 0..1, see WallColour): east is red with
// a white horizontal band; west is blue with a dark lower half; north and
// south look exactly alike, sand-coloured with one dark green panel, placed
// so that the box with only those two walls is symmetric under a half turn
// about the centre. A view that shows only the north or only the south wall
// therefore cannot tell heading theta from theta + pi (the deliberately
// ambiguous views of figure 3).
type Arena struct {
	Half       float64 // half the side length, metres
	WallHeight float64 // metres
}

// DefaultArena returns the 2.2 m box with 0.5 m walls.
func DefaultArena() Arena { return Arena{Half: 1.1, WallHeight: 0.5} }

// Cast follows the ray from (x, y) (inside the box) in direction theta and
// returns the distance d ≥ 0 to the first wall it meets, which wall that is,
// and the wall coordinate s of the hit point: s runs from 0 to 2*Half along
// the wall from left to right as seen by an observer inside the box facing
// the wall (east wall: s = Half - y; north: s = x + Half; west:
// s = y + Half; south: s = Half - x).
func (a Arena) Cast(x, y, theta float64) (d float64, wall int, s float64) {
	sin, cos := math.Sincos(theta)
	return a.castDir(x, y, cos, sin)
}

// castDir is Cast for the unit direction (cos, sin).
func (a Arena) castDir(x, y, cos, sin float64) (d float64, wall int, s float64) {
	tx, ty := math.Inf(1), math.Inf(1)
	switch {
	case cos > 0:
		tx = (a.Half - x) / cos
	case cos < 0:
		tx = (-a.Half - x) / cos
	}
	switch {
	case sin > 0:
		ty = (a.Half - y) / sin
	case sin < 0:
		ty = (-a.Half - y) / sin
	}
	if tx < ty {
		d = math.Max(tx, 0)
		yh := y + d*sin
		if cos > 0 {
			return d, WallEast, a.Half - yh
		}
		return d, WallWest, yh + a.Half
	}
	d = math.Max(ty, 0)
	xh := x + d*cos
	if sin > 0 {
		return d, WallNorth, xh + a.Half
	}
	return d, WallSouth, a.Half - xh
}

// Distance returns the first result of Cast.
func (a Arena) Distance(x, y, theta float64) float64 {
	d, _, _ := a.Cast(x, y, theta)
	return d
}

// WallColour returns the colour (RGB, each in 0..1) of wall at wall
// coordinate s (metres, see Cast) and height z (metres above the floor).
// North and south share one function of (s, z); because s runs left to
// right as seen from inside, a half turn of the box about its centre maps
// one onto the other. (Stripes along the walls and brightness gradients
// were tried: with 512 memory slots they made the heading recalled from
// memory less accurate, not more.)
func (a Arena) WallColour(wall int, s, z float64) [3]float64 {
	switch wall {
	case WallEast:
		if z >= 0.30 && z < 0.38 {
			return [3]float64{0.95, 0.95, 0.95}
		}
		return [3]float64{0.80, 0.22, 0.18}
	case WallWest:
		if z < 0.20 {
			return [3]float64{0.10, 0.16, 0.42}
		}
		return [3]float64{0.20, 0.35, 0.80}
	default:
		if s >= 0.30 && s < 0.70 {
			return [3]float64{0.15, 0.40, 0.22}
		}
		return [3]float64{0.85, 0.78, 0.45}
	}
}

// SensorAngle returns the allocentric direction of wall-distance sensor k
// of a: -pi + k*2*pi/a (radians), the convention of world_distances.
func SensorAngle(k, a int) float64 { return -math.Pi + float64(k)*2*math.Pi/float64(a) }

// WallDistances writes into dst (length A) the distance from (x, y) to the
// first wall along each allocentric direction SensorAngle(k, A), k = 0..A-1
// (ray casting, metres). The head direction plays no part.
func WallDistances(ar Arena, x, y float64, dst []float64) {
	for k := range dst {
		dst[k] = ar.Distance(x, y, SensorAngle(k, len(dst)))
	}
}
