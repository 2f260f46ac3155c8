package synth

import "math"

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
