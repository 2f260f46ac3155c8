package synth

import (
	"bytes"
	"math"
	"testing"
)

func TestRenderDeterministic(t *testing.T) {
	ar, cam := DefaultArena(), DefaultCamera()
	a := make([]uint8, cam.W*cam.H*3)
	b := make([]uint8, cam.W*cam.H*3)
	for i := 0; i < 50; i++ {
		x, y, hd := 0.9*math.Sin(float64(i)), 0.8*math.Cos(1.7*float64(i)), 0.37*float64(i)
		if err := cam.Render(ar, x, y, hd, a); err != nil {
			t.Fatal(err)
		}
		if err := cam.Render(ar, x, y, hd, b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("pose %d: two renders differ", i)
		}
	}
}

// maxDiff returns the largest absolute byte difference of two images.
func maxDiff(a, b []uint8) int {
	m := 0
	for i := range a {
		d := int(a[i]) - int(b[i])
		m = max(m, d, -d)
	}
	return m
}

func TestAmbiguousViewsMirror(t *testing.T) {
	ar, cam := DefaultArena(), DefaultCamera()
	a := make([]uint8, cam.W*cam.H*3)
	b := make([]uint8, cam.W*cam.H*3)
	rng := stream(1, "test poses", 0)
	amb, clear := 0, 0
	for i := 0; i < 400; i++ {
		x, y, hd := 1.05*(2*rng.Float64()-1), 1.05*(2*rng.Float64()-1), math.Pi*(2*rng.Float64()-1)
		cam.Render(ar, x, y, hd, a)
		cam.Render(ar, -x, -y, hd+math.Pi, b)
		d := maxDiff(a, b)
		if NorthSouthFraction(ar, cam, x, y, hd) == 1 {
			// Only the look-alike north and south walls in view: the pose turned
			// by a half turn about the centre sees the same image (up to
			// rounding of the rotated rays).
			amb++
			if d > 1 {
				t.Errorf("ambiguous pose (%.2f, %.2f, %.2f): mirrored view differs by %d", x, y, hd, d)
			}
		} else {
			clear++
			if d < 20 {
				t.Errorf("pose (%.2f, %.2f, %.2f) sees the east or west wall, yet its mirrored view differs by only %d", x, y, hd, d)
			}
		}
	}
	if amb < 20 || clear < 200 {
		t.Errorf("%d ambiguous and %d clear poses of 400: want a visible minority of ambiguous ones", amb, clear)
	}
	// Known cases: facing north and facing south from the centre look alike;
	// facing east and facing west do not.
	cam.Render(ar, 0, 0, math.Pi/2, a)
	cam.Render(ar, 0, 0, -math.Pi/2, b)
	if d := maxDiff(a, b); d > 1 {
		t.Errorf("north and south views from the centre differ by %d", d)
	}
	cam.Render(ar, 0, 0, 0, a)
	cam.Render(ar, 0, 0, math.Pi, b)
	if d := maxDiff(a, b); d < 50 {
		t.Errorf("east and west views from the centre differ by only %d", d)
	}
}

func TestRenderGeometry(t *testing.T) {
	ar, cam := DefaultArena(), DefaultCamera()
	img := make([]uint8, cam.W*cam.H*3)
	// Facing the east wall from 1 m: the top row is sky, the bottom row
	// floor, and the middle column crosses the red wall.
	cam.Render(ar, 0.1, 0, 0, img)
	px := func(r, c int) [3]uint8 {
		o := (r*cam.W + c) * 3
		return [3]uint8{img[o], img[o+1], img[o+2]}
	}
	if got := px(0, 16); got != [3]uint8{199, 214, 235} {
		t.Errorf("top pixel %v, want the sky colour", got)
	}
	if got := px(cam.H-1, 16); got[0] < 90 || got[0] > 110 || got[2] > got[0] {
		t.Errorf("bottom pixel %v, want the floor colour", got)
	}
	// The wall spans rows H/2 - f*0.4/d .. H/2 + f*0.1/d, f = 16/tan(35°), d = 1.
	f := 16 / math.Tan(35*math.Pi/180)
	mid := int(16 + f*(0.1-0.4)/2) // mid+2 lies inside the wall, below the white band
	if got := px(mid+2, 16); !(int(got[0]) > 2*int(got[1]) && int(got[0]) > 2*int(got[2])) {
		t.Errorf("row %d of the middle column %v, want red", mid+2, got)
	}
	if err := cam.Render(ar, 0, 0, 0, img[:10]); err == nil {
		t.Error("short image: want an error")
	}
	bad := cam
	bad.FOV = 0
	if err := bad.Render(ar, 0, 0, 0, img); err == nil {
		t.Error("zero field of view: want an error")
	}
}
