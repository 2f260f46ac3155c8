package main

import (
	"math"
	"slices"
	"testing"
)

// oneTraj returns a set sized for one trajectory, generated as trajectory
// i of seed.
func oneTraj(i int, seed uint64) *trajSet {
	s := &trajSet{hd: make([]float32, nSteps), pos: make([]float32, 2*nSteps), wd: make([]float32, nAngles*nSteps)}
	for r, u := range unitsPerRNN {
		s.acts[r] = make([]float32, u*nSteps)
	}
	for m := range nMaps {
		s.logps[m] = make([]float32, nSlots*nSteps)
	}
	units := newUnits(seed)
	// genTraj writes at offset i*nSteps; generate trajectory i at offset 0.
	genTrajAt(s, i, seed, &units, newCentres(seed))
	return s
}

func TestWallDistance(t *testing.T) {
	for _, c := range []struct{ x, y, a, want float64 }{
		{0, 0, 0, half},
		{0, 0, math.Pi / 2, half},
		{0.5, 0, math.Pi, 1.6},
		{0, 0, math.Pi / 4, half * math.Sqrt2},
		{1, 1, -3 * math.Pi / 4, 2.1 * math.Sqrt2},
	} {
		if got := wallDistance(c.x, c.y, math.Cos(c.a), math.Sin(c.a)); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("wallDistance(%v, %v, angle %v) = %v, want %v", c.x, c.y, c.a, got, c.want)
		}
	}
}

// TestGenTraj checks one generated trajectory: inside the arena, head
// directions in (-pi, pi], wall distances ending on a wall, normalized
// log-probabilities, finite activations, and the same result twice.
func TestGenTraj(t *testing.T) {
	s := oneTraj(3, 7)
	for j := range nSteps {
		x, y, h := float64(s.pos[2*j]), float64(s.pos[2*j+1]), float64(s.hd[j])
		if math.Abs(x) > half || math.Abs(y) > half || h <= -math.Pi-1e-6 || h > math.Pi+1e-6 {
			t.Fatalf("step %d: position (%v, %v), hd %v", j, x, y, h)
		}
		for k := range nAngles {
			a := -math.Pi + float64(k)*2*math.Pi/nAngles
			d := float64(s.wd[j*nAngles+k])
			ex, ey := x+d*math.Cos(a), y+d*math.Sin(a)
			if d < 0 || math.Max(math.Abs(ex), math.Abs(ey)) < half-1e-5 || math.Max(math.Abs(ex), math.Abs(ey)) > half+1e-5 {
				t.Fatalf("step %d, direction %d: distance %v ends at (%v, %v), not on a wall", j, k, d, ex, ey)
			}
		}
		for m := range nMaps {
			sum := 0.0
			for _, l := range s.logps[m][j*nSlots : (j+1)*nSlots] {
				sum += math.Exp(float64(l))
			}
			if math.Abs(sum-1) > 1e-4 {
				t.Fatalf("step %d, map %d: probabilities sum to %v", j, m, sum)
			}
		}
	}
	for r := range unitsPerRNN {
		for _, v := range s.acts[r] {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				t.Fatalf("RNN-%d: activation %v", r+1, v)
			}
		}
	}
	// The rat moves: it covers more than a quarter of the arena's width.
	xs := make([]float32, nSteps)
	for j := range xs {
		xs[j] = s.pos[2*j]
	}
	if slices.Max(xs)-slices.Min(xs) < 0.5 {
		t.Errorf("x range %v to %v: the rat hardly moves", slices.Min(xs), slices.Max(xs))
	}
	u := oneTraj(3, 7)
	if !slices.Equal(s.hd, u.hd) || !slices.Equal(s.logps[1], u.logps[1]) || !slices.Equal(s.acts[2], u.acts[2]) {
		t.Error("the same trajectory generated twice differs")
	}
	if v := oneTraj(4, 7); slices.Equal(s.pos, v.pos) {
		t.Error("trajectories 3 and 4 are the same")
	}
}

// TestExpectedSize checks the size of the generated pickle against the
// array bytes: 800·500·(1+2+20+288+1024) float32 plus a small header.
func TestExpectedSize(t *testing.T) {
	n, err := expectedSize(1)
	if err != nil {
		t.Fatal(err)
	}
	data := int64(nTraj * nSteps * (1 + 2 + nAngles + 32 + 128 + 128 + nMaps*nSlots) * 4)
	if n < data || n > data+4096 {
		t.Errorf("expected size %d, array data alone %d", n, data)
	}
}
