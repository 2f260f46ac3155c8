package smp

import (
	"testing"

	"github.com/smp-go/smp-go/smp/data"
)

// An Array whose storage does not hold the product of its shape (built by
// hand; the loaders never make one) must give an error, not a panic.
func TestInconsistentArrayStorage(t *testing.T) {
	good := data.New(make([]float64, 8), 4, 2)
	// Shape is an exported field: changing it after New is how such an
	// array comes about.
	reshaped := func(a *data.Array, shape ...int) *data.Array { a.Shape = shape; return a }
	bad := []*data.Array{
		reshaped(data.New([]float64{1, 2, 3}, 3), 4, 2),
		reshaped(data.New([]float32{}, 0), 4, 2),
		reshaped(data.New(make([]float64, 20), 20), 4, 2),
		reshaped(data.New([]float64{}, 0), -1, 2),
	}
	hd := []float64{0, 1, 2, 3}
	for i, a := range bad {
		if _, err := Ratemaps(good, a, nil, RatemapOptions{}); err == nil {
			t.Errorf("%d: Ratemaps accepted activations %v", i, data.FormatShape(a.Shape))
		}
		if _, err := Ratemaps(a, good, nil, RatemapOptions{}); err == nil {
			t.Errorf("%d: Ratemaps accepted positions %v", i, data.FormatShape(a.Shape))
		}
		if _, err := alloBVCRatemaps(good, a, []float64{1, 2}); err == nil {
			t.Errorf("%d: AlloBVCRatemaps accepted wall distances", i)
		}
		if _, err := rotateDistances(a, hd); err == nil {
			t.Errorf("%d: RotateDistances accepted wall distances", i)
		}
		if _, err := ShuffleThreshold(a, 3, 50, 1); err == nil {
			t.Errorf("%d: ShuffleThreshold accepted maps", i)
		}
		if _, err := SpatialStability(good, a); err == nil {
			t.Errorf("%d: SpatialStability accepted activations", i)
		}
		s, err := NewHDScorer(2)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Scores(a); err == nil {
			t.Errorf("%d: Scores accepted maps", i)
		}
		if _, err := s.Ratemaps(hd, a); err == nil {
			t.Errorf("%d: HD Ratemaps accepted activations", i)
		}
	}
}
