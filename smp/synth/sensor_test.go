package synth

import (
	"math"
	"testing"
)

func TestCastKnownPoses(t *testing.T) {
	ar := DefaultArena()
	cases := []struct {
		x, y, theta float64
		d           float64
		wall        int
		s           float64
	}{
		{0, 0, 0, 1.1, WallEast, 1.1},
		{0, 0, math.Pi / 2, 1.1, WallNorth, 1.1},
		{0, 0, math.Pi, 1.1, WallWest, 1.1},
		{0, 0, -math.Pi / 2, 1.1, WallSouth, 1.1},
		{0.5, -0.3, math.Pi, 1.6, WallWest, 0.8},
		{0.5, -0.3, -math.Pi / 2, 0.8, WallSouth, 0.6},
		{0.5, -0.3, 0, 0.6, WallEast, 1.4},
		{0.2, 0.4, math.Pi / 2, 0.7, WallNorth, 1.3},
		{0, 0, math.Pi / 6, 1.1 / math.Cos(math.Pi/6), WallEast, 1.1 - 1.1*math.Tan(math.Pi/6)},
	}
	for _, c := range cases {
		d, wall, s := ar.Cast(c.x, c.y, c.theta)
		if math.Abs(d-c.d) > 1e-12 || wall != c.wall || math.Abs(s-c.s) > 1e-12 {
			t.Errorf("Cast(%g, %g, %g) = %g, wall %d, s %g; want %g, wall %d, s %g", c.x, c.y, c.theta, d, wall, s, c.d, c.wall, c.s)
		}
		if got := ar.Distance(c.x, c.y, c.theta); math.Abs(got-c.d) > 1e-12 {
			t.Errorf("Distance(%g, %g, %g) = %g, want %g", c.x, c.y, c.theta, got, c.d)
		}
	}
	// Towards a corner along the diagonal.
	if d := ar.Distance(0, 0, math.Pi/4); math.Abs(d-1.1*math.Sqrt2) > 1e-12 {
		t.Errorf("diagonal distance %g, want %g", d, 1.1*math.Sqrt2)
	}
}

func TestWallDistances(t *testing.T) {
	ar := DefaultArena()
	const a = 20
	if got := SensorAngle(0, a); got != -math.Pi {
		t.Errorf("SensorAngle(0) = %g, want -pi", got)
	}
	if got := SensorAngle(5, a); math.Abs(got+math.Pi/2) > 1e-15 {
		t.Errorf("SensorAngle(5) = %g, want -pi/2", got)
	}
	d := make([]float64, a)
	WallDistances(ar, 0, 0, d)
	for k, v := range d {
		th := SensorAngle(k, a)
		want := 1.1 / math.Max(math.Abs(math.Cos(th)), math.Abs(math.Sin(th)))
		if math.Abs(v-want) > 1e-12 {
			t.Errorf("sensor %d at the centre: %g, want %g", k, v, want)
		}
	}
	// Off centre: sensor 10 points along +x, sensor 0 along -x, 15 along +y.
	WallDistances(ar, 0.3, -0.9, d)
	for k, want := range map[int]float64{0: 1.4, 10: 0.8, 15: 2.0, 5: 0.2} {
		if math.Abs(d[k]-want) > 1e-12 {
			t.Errorf("sensor %d at (0.3, -0.9): %g, want %g", k, d[k], want)
		}
	}
}
