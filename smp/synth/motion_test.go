package synth

import (
	"math"
	"testing"

	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

func TestWalkStaysInsideAndCovers(t *testing.T) {
	ar, mp := DefaultArena(), DefaultMotion()
	const nb = 22 // 10 cm bins
	occ := make([]int, nb*nb)
	near, total := 0, 0
	closest := math.Inf(1)
	for i := 0; i < 100; i++ {
		p, err := Walk(ar, mp, stream(1, "motion", uint64(i)), 500)
		if err != nil {
			t.Fatal(err)
		}
		for k := range p.X {
			x, y, hd := p.X[k], p.Y[k], p.HD[k]
			if math.Abs(x) > ar.Half-mp.Margin+1e-12 || math.Abs(y) > ar.Half-mp.Margin+1e-12 {
				t.Fatalf("walk %d step %d: position (%g, %g) closer than the margin to a wall", i, k, x, y)
			}
			if !(hd > -math.Pi && hd <= math.Pi) {
				t.Fatalf("walk %d step %d: heading %g outside (-pi, pi]", i, k, hd)
			}
			if k > 0 {
				if d := math.Abs(hdtrain.Wrap(p.HD[k]-p.HD[k-1]) - p.W[k]); d > 1e-12 {
					t.Fatalf("walk %d step %d: W %g does not match the heading change (off by %g)", i, k, p.W[k], d)
				}
				if math.Abs(p.W[k]) > mp.MaxTurn+1e-15 {
					t.Fatalf("walk %d step %d: turn %g exceeds MaxTurn", i, k, p.W[k])
				}
			} else if p.W[0] != 0 {
				t.Fatalf("walk %d: W[0] = %g, want 0", i, p.W[0])
			}
			bx := min(nb-1, int((x+ar.Half)/0.1))
			by := min(nb-1, int((y+ar.Half)/0.1))
			occ[bx*nb+by]++
			d := min(ar.Half-x, ar.Half-y, ar.Half+x, ar.Half+y) // to the nearest wall
			closest = math.Min(closest, d)
			if d < 0.05 {
				near++
			}
			total++
		}
	}
	for b, c := range occ {
		if c == 0 {
			t.Errorf("10 cm bin (%d, %d) never visited", b/nb, b%nb)
		}
	}
	if f := float64(near) / float64(total); f < 0.02 {
		t.Errorf("only %.3f of samples within 5 cm of a wall, want the walls covered", f)
	}
	if closest > 0.02 {
		t.Errorf("closest approach to a wall %.3f m, want within 2 cm", closest)
	}
	// No corner trap: the four 10 cm corner boxes hold about their share of the area.
	corner := occ[0] + occ[nb-1] + occ[(nb-1)*nb] + occ[nb*nb-1]
	if f := float64(corner) / float64(total); f > 4*4.0/(nb*nb) {
		t.Errorf("corners hold %.3f of the samples (area share %.3f): the rat gets stuck", f, 4.0/(nb*nb))
	}
}

func TestWalkDeterministic(t *testing.T) {
	a, _ := Walk(DefaultArena(), DefaultMotion(), stream(3, "motion", 5), 200)
	b, _ := Walk(DefaultArena(), DefaultMotion(), stream(3, "motion", 5), 200)
	for k := range a.X {
		if a.X[k] != b.X[k] || a.Y[k] != b.Y[k] || a.HD[k] != b.HD[k] || a.W[k] != b.W[k] {
			t.Fatalf("step %d differs between identical streams", k)
		}
	}
}

func TestWalkBadInput(t *testing.T) {
	ar := DefaultArena()
	bad := DefaultMotion()
	bad.DT = 0
	if _, err := Walk(ar, bad, stream(1, "m", 0), 10); err == nil {
		t.Error("DT = 0: want an error")
	}
	bad = DefaultMotion()
	bad.StartMargin = 2
	if _, err := Walk(ar, bad, stream(1, "m", 0), 10); err == nil {
		t.Error("start margin beyond the box: want an error")
	}
	if _, err := Walk(ar, DefaultMotion(), stream(1, "m", 0), 0); err == nil {
		t.Error("zero steps: want an error")
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{0, 0}, {math.Pi, math.Pi}, {-math.Pi, math.Pi}, {3 * math.Pi / 2, -math.Pi / 2}, {-5 * math.Pi / 2, -math.Pi / 2}, {7, 7 - 2*math.Pi},
	} {
		if got := hdtrain.Wrap(c.in); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("hdtrain.Wrap(%g) = %g, want %g", c.in, got, c.want)
		}
	}
}
