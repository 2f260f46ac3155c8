package synth

import (
	"math"
	"testing"
)

func TestEncoderNormalisedAndDeterministic(t *testing.T) {
	ar, cam := DefaultArena(), DefaultCamera()
	enc, err := NewEncoder(ar, cam, 32, 4, 8, stream(1, "encoder", 0))
	if err != nil {
		t.Fatal(err)
	}
	enc2, _ := NewEncoder(ar, cam, 32, 4, 8, stream(1, "encoder", 0))
	img := make([]uint8, cam.W*cam.H*3)
	y, y2 := make([]float64, 32), make([]float64, 32)
	for i := 0; i < 30; i++ {
		cam.Render(ar, 0.9*math.Sin(float64(i)), 0.9*math.Cos(2.3*float64(i)), 0.5*float64(i), img)
		if err := enc.Encode(img, y, nil); err != nil {
			t.Fatal(err)
		}
		if err := enc2.Encode(img, y2, make([]float64, enc.Features())); err != nil {
			t.Fatal(err)
		}
		n := 0.0
		for k, v := range y {
			n += v * v
			if v != y2[k] {
				t.Fatalf("view %d: two encoders from the same stream differ", i)
			}
		}
		if math.Abs(n-1) > 1e-12 {
			t.Errorf("view %d: |y|^2 = %g, want 1", i, n)
		}
	}
	if err := enc.Encode(img[:30], y, nil); err == nil {
		t.Error("short image: want an error")
	}
}

func TestEncoderSimilarity(t *testing.T) {
	// Views from nearby poses are more alike than views from distant ones.
	ar, cam := DefaultArena(), DefaultCamera()
	enc, _ := NewEncoder(ar, cam, 32, 4, 8, stream(1, "encoder", 0))
	img := make([]uint8, cam.W*cam.H*3)
	embed := func(x, y, hd float64) []float64 {
		cam.Render(ar, x, y, hd, img)
		v := make([]float64, 32)
		enc.Encode(img, v, nil)
		return v
	}
	dot := func(a, b []float64) float64 {
		s := 0.0
		for i := range a {
			s += a[i] * b[i]
		}
		return s
	}
	rng := stream(1, "poses", 0)
	wins := 0
	const n = 200
	for i := 0; i < n; i++ {
		x, y, hd := 0.8*(2*rng.Float64()-1), 0.8*(2*rng.Float64()-1), math.Pi*(2*rng.Float64()-1)
		a := embed(x, y, hd)
		near := embed(x+0.05, y-0.05, hd+0.1)
		far := embed(-x, y+0.3, hd+2)
		if dot(a, near) > dot(a, far) {
			wins++
		}
	}
	if wins < n*9/10 {
		t.Errorf("a nearby view is the more similar in only %d of %d cases", wins, n)
	}
}
