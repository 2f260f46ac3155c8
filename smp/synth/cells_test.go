package synth

import (
	"math"
	"testing"
)

// onePop returns a population holding the given units, with its kernels
// and normalisation prepared as NewPopulation does.
func onePop(t *testing.T, ego bool, units ...Unit) *Population {
	t.Helper()
	p := &Population{Ego: ego, Units: units, K: 72, DT: 0.05}
	p.kernels()
	p.normalise(DefaultArena())
	return p
}

func TestAlloBVCPeaksWherePlanted(t *testing.T) {
	ar := DefaultArena()
	for _, c := range []struct{ angle, dist float64 }{{0, 0.3}, {math.Pi / 2, 0.2}, {math.Pi, 0.45}, {-math.Pi / 2, 0.15}} {
		u := Unit{Type: TypeBVC, Angle: c.angle, Distance: c.dist, SigmaDist: 0.08 + c.dist/12, SigmaAngle: 15 * math.Pi / 180}
		p := onePop(t, false, u)
		// Walk along the line from the centre in the preferred direction: the
		// drive must peak where the wall is at the preferred distance.
		allo := make([]float64, p.K)
		best, bestR := -1.0, 0.0
		for r := 0.0; r <= 1.09; r += 0.005 {
			x, y := r*math.Cos(c.angle), r*math.Sin(c.angle)
			p.Distances(ar, x, y, 0, false, allo)
			if f := p.Drive(0, x, y, nil, allo); f > best {
				best, bestR = f, r
			}
		}
		if got := ar.Half - bestR; math.Abs(got-c.dist) > 0.03 {
			t.Errorf("BVC (angle %.2f, distance %.2f): drive peaks with the wall %.3f m away", c.angle, c.dist, got)
		}
		if best < 0.9 || best > 1 {
			t.Errorf("BVC (angle %.2f, distance %.2f): peak drive %.3f, want in [0.9, 1]", c.angle, c.dist, best)
		}
		// Facing the other way does not matter for an allocentric cell, and
		// the opposite wall is too far to drive it.
		x, y := (ar.Half-c.dist)*math.Cos(c.angle+math.Pi), (ar.Half-c.dist)*math.Sin(c.angle+math.Pi)
		p.Distances(ar, x, y, 0, false, allo)
		if f := p.Drive(0, x, y, nil, allo); f > 0.05 {
			t.Errorf("BVC (angle %.2f): drive %.3f with its wall far away, want ≈ 0", c.angle, f)
		}
	}
}

func TestEgoBVCPeaksWherePlanted(t *testing.T) {
	ar := DefaultArena()
	// Prefers a wall 0.25 m to the left (egocentric angle +pi/2).
	u := Unit{Type: TypeEgoBVC, Angle: math.Pi / 2, Distance: 0.25, SigmaDist: 0.08 + 0.25/12, SigmaAngle: 15 * math.Pi / 180}
	p := onePop(t, true, u)
	ego := make([]float64, p.K)
	drive := func(x, y, hd float64) float64 {
		p.Distances(ar, x, y, hd, true, ego)
		return p.Drive(0, x, y, ego, nil)
	}
	// North wall 0.25 m away: on the left when heading east (0), on the
	// right when heading west (pi).
	if f := drive(0, ar.Half-0.25, 0); f < 0.9 {
		t.Errorf("wall on the left at the preferred distance: drive %.3f, want ≥ 0.9", f)
	}
	if f := drive(0, ar.Half-0.25, math.Pi); f > 0.05 {
		t.Errorf("wall on the right: drive %.3f, want ≈ 0", f)
	}
	// Any wall on the left at 0.25 m will do: heading north, the west wall.
	if f := drive(-ar.Half+0.25, 0, math.Pi/2); f < 0.9 {
		t.Errorf("west wall on the left (heading north): drive %.3f, want ≥ 0.9", f)
	}
	// Scan the distance of the wall on the left: the peak is at 0.25 m.
	best, bestD := -1.0, 0.0
	for d := 0.02; d < 1.0; d += 0.005 {
		if f := drive(0, ar.Half-d, 0); f > best {
			best, bestD = f, d
		}
	}
	if math.Abs(bestD-0.25) > 0.03 {
		t.Errorf("egoBVC drive peaks with the wall %.3f m to the left, want 0.25", bestD)
	}
}

func TestPopulationActivations(t *testing.T) {
	ar := DefaultArena()
	spec := PopulationSpec{Units: 40, Ego: true, Place: 4, Untuned: 4, OtherFrame: 2}
	p, err := NewPopulation(ar, spec, 0.05, stream(1, "units", 0))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, u := range p.Units {
		counts[u.Type]++
		if u.Type == TypeEgoBVC || u.Type == TypeBVC {
			if u.Distance < 0.2 || u.Distance > 0.45 || u.SigmaAngle < 10*math.Pi/180 || u.SigmaAngle > 30*math.Pi/180 {
				t.Errorf("unit %+v outside the documented ranges", u)
			}
			if math.Abs(u.SigmaDist-(0.08+u.Distance/12)) > 1e-15 {
				t.Errorf("unit %+v: SigmaDist is not 0.08 + d/12", u)
			}
		}
	}
	want := map[string]int{TypeEgoBVC: 30, TypeBVC: 2, TypePlace: 4, TypeUntuned: 4}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("%d units of type %s, want %d", counts[k], k, v)
		}
	}
	path, err := Walk(ar, DefaultMotion(), stream(1, "motion", 0), 300)
	if err != nil {
		t.Fatal(err)
	}
	acts := make([]float32, 300*40)
	if err := p.Activations(ar, path, stream(1, "noise", 0), acts); err != nil {
		t.Fatal(err)
	}
	for i, v := range acts {
		if !(v > 0 && v < 1) {
			t.Fatalf("activation %d = %g, want in (0, 1)", i, v)
		}
	}
	if err := p.Activations(ar, path, stream(1, "noise", 0), acts[:10]); err == nil {
		t.Error("short output: want an error")
	}
	if _, err := NewPopulation(ar, PopulationSpec{Units: 4, Place: 3, Untuned: 3}, 0.05, stream(1, "u", 0)); err == nil {
		t.Error("more minority units than units: want an error")
	}
}

func TestGauss(t *testing.T) {
	for q := 0.0; q < 6; q += 0.0137 {
		want := 0.0
		if q < 5 {
			want = math.Exp(-q * q / 2)
		}
		if d := math.Abs(gauss(q) - want); d > 2e-6 {
			t.Fatalf("gauss(%g) = %g, want %g", q, gauss(q), want)
		}
	}
}
