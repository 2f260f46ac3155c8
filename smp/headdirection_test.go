package smp

import (
	"math"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
)

func TestHDRatemapsFixture(t *testing.T) {
	acts, hd, _, _ := fixInputs(t)
	for _, nb := range []int{20, 36} {
		s, err := NewHDScorer(nb)
		if err != nil {
			t.Fatal(err)
		}
		maps, err := s.Ratemaps(hd, acts)
		if err != nil {
			t.Fatal(err)
		}
		sfx := map[int]string{20: "_20", 36: "_36"}[nb]
		want := fixArray(t, "hd_ratemaps"+sfx)
		if want.Shape[0] != maps.Shape[0] || want.Shape[1] != maps.Shape[1] {
			t.Fatalf("shape %v, want %v", maps.Shape, want.Shape)
		}
		assertClose(t, "hd_ratemaps"+sfx, maps.Float64(), want.Float64(), fig2Tol)
		scores, angles, err := s.Scores(maps)
		if err != nil {
			t.Fatal(err)
		}
		assertClose(t, "hd_rv_score"+sfx, scores, fixFloats(t, "hd_rv_score"+sfx), fig2Tol)
		assertClose(t, "hd_rv_angle"+sfx, angles, fixFloats(t, "hd_rv_angle"+sfx), fig2Tol)
		m := maps.Float64()
		if got, want := s.Score(m[:nb]), scores[0]; got != want {
			t.Errorf("Score = %v, Scores[0] = %v", got, want)
		}
		if got, want := s.Angle(m[:nb]), angles[0]; got != want {
			t.Errorf("Angle = %v, Scores angle[0] = %v", got, want)
		}
	}
}

func TestHDCellParametersFixture(t *testing.T) {
	acts, hd, _, _ := fixInputs(t)
	c, err := HDCellParameters(acts, hd, 0.3, 20)
	if err != nil {
		t.Fatal(err)
	}
	assertBools(t, "hd_params_is", c.IsHD, fixBools(t, "hd_params_is"))
	assertClose(t, "hd_params_len", c.Length, fixFloats(t, "hd_params_len"), fig2Tol)
	assertClose(t, "hd_params_angle", c.Angle, fixFloats(t, "hd_params_angle"), fig2Tol)
}

func TestHDScorerConventions(t *testing.T) {
	s, _ := NewHDScorer(36)
	// A unit firing only in the bin centred nearest 40 degrees: the
	// resultant vector points there, and the swapped atan2 gives
	// pi/2 - theta.
	c := s.Centres()
	r := make([]float64, 36)
	best := 0
	for i := range c {
		if math.Abs(c[i]-40*math.Pi/180) < math.Abs(c[best]-40*math.Pi/180) {
			best = i
		}
	}
	r[best] = 1
	if got, want := s.Angle(r), math.Pi/2-c[best]; math.Abs(got-want) > 1e-12 {
		t.Errorf("Angle = %v, want pi/2 - centre = %v", got, want)
	}
	if got := s.Score(r); math.Abs(got-1/(1+1e-5)) > 1e-12 {
		t.Errorf("Score = %v, want 1/(1+1e-5)", got)
	}
	r[0] = math.NaN()
	if !math.IsNaN(s.Score(r)) {
		t.Errorf("NaN does not propagate into the score")
	}
	if WrapAngle(3*math.Pi/2) > -math.Pi/2+1e-12 || WrapAngle(3*math.Pi/2) < -math.Pi/2-1e-12 {
		t.Errorf("WrapAngle(3pi/2) = %v", WrapAngle(3*math.Pi/2))
	}
	if _, err := NewHDScorer(0); err == nil {
		t.Error("0 bins: no error")
	}
	if _, err := s.Ratemaps(make([]float64, 3), data.New(make([]float64, 8), 4, 2)); err == nil {
		t.Error("hd of the wrong length: no error")
	}
	if _, _, err := s.Scores(data.New(make([]float64, 20), 1, 20)); err == nil {
		t.Error("maps of the wrong width: no error")
	}
}

func TestHDRatemapsNoUnits(t *testing.T) {
	s, _ := NewHDScorer(20)
	m, err := s.Ratemaps([]float64{0, 1}, data.New([]float64(nil), 2, 0))
	if err != nil || m.Shape[0] != 0 || m.Shape[1] != 20 {
		t.Errorf("no units: %v %v", m, err)
	}
}

// Activations without samples are bad input: an error, not a panic. (No
// units is fine: the results are empty, see TestHDRatemapsNoUnits.)
func TestAnalysesRejectNoSamples(t *testing.T) {
	s, err := NewHDScorer(20)
	if err != nil {
		t.Fatal(err)
	}
	acts := data.New([]float64(nil), 0, 4)
	if _, err := s.Ratemaps(nil, acts); err == nil {
		t.Error("HD ratemaps without samples: no error")
	}
	if _, err := SpatialStability(data.New([]float64(nil), 0, 2), acts); err == nil {
		t.Error("stability without samples: no error")
	}
	if _, err := SpatialStability(data.New([]float64{0, 0, 1, 1, 0, 1, 1, 0}, 4, 2), data.New([]float64(nil), 4, 0)); err != nil {
		t.Errorf("stability of no units: %v", err)
	}
}
