package synth

import (
	"math"

	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// Truth is the ground truth of a world: what every unit and memory slot
// is. Angles are radians in the world's convention (0 = +x, counter-
// clockwise; egocentric: relative to the head direction, positive = left);
// AnalysisAngle repeats a direction in the convention of figure 2's
// analyses, which report atan2 with swapped arguments: wrap(pi/2 - Angle).
type Truth struct {
	Seed    uint64            `json:"seed"`
	Version string            `json:"generator_version"`
	Units   []UnitTruth       `json:"units"`
	Maps    [][]SlotTruth     `json:"memory_maps"`
	Images  []ImageTruth      `json:"images"`
	Notes   map[string]string `json:"notes"`
}

// UnitTruth is the planted identity of one unit of the concatenation
// RNN-1 | RNN-2 | RNN-3 (figure 2's unit order). Fields that do not apply
// to the unit's type are omitted.
type UnitTruth struct {
	Index         int      `json:"index"` // position in the concatenation
	RNN           int      `json:"rnn"`   // 1, 2 or 3
	Unit          int      `json:"unit"`  // index within its RNN
	Type          string   `json:"type"`  // hd, egobvc, bvc, place or untuned
	Angle         *float64 `json:"angle,omitempty"`
	AnalysisAngle *float64 `json:"analysis_angle,omitempty"`
	Distance      *float64 `json:"distance,omitempty"`
	SigmaAngle    *float64 `json:"sigma_angle,omitempty"`
	SigmaDistance *float64 `json:"sigma_distance,omitempty"`
	FieldX        *float64 `json:"field_x,omitempty"`
	FieldY        *float64 `json:"field_y,omitempty"`
	FieldWidth    *float64 `json:"field_width,omitempty"`
}

// SlotTruth is where and when a memory slot was written: its place-field
// centre is (X, Y).
type SlotTruth struct {
	Slot       int     `json:"slot"`
	Trajectory int     `json:"trajectory"`
	Step       int     `json:"step"`
	X          float64 `json:"x"`
	Y          float64 `json:"y"`
	HD         float64 `json:"hd"`
}

// ImageTruth is the pose of one image of visual_inputs. NorthSouth is the
// fraction of its rays (columns x Supersample) that hit the north or south
// wall; Ambiguous is NorthSouth == 1: the view is then identical to the one
// from the pose turned by a half turn about the centre, (-x, -y, hd + pi).
type ImageTruth struct {
	X          float64 `json:"x"`
	Y          float64 `json:"y"`
	HD         float64 `json:"hd"`
	NorthSouth float64 `json:"north_south"`
	Ambiguous  bool    `json:"ambiguous"`
}

func ptr(v float64) *float64 { return &v }

// truth assembles the ground truth of w.
func (w *World) truth() *Truth {
	t := &Truth{Seed: w.Config.Seed, Version: GeneratorVersion, Notes: map[string]string{
		"angles":         "radians, 0 = +x, counter-clockwise; egocentric angles relative to the head direction (0 = ahead, positive = left)",
		"analysis_angle": "wrap(pi/2 - angle): the convention of figure 2's resultant-vector and BVC angles (atan2 with swapped arguments)",
		"hd":             "RNN-1 units: preferred heading as planted in the head-direction network (its training target)",
		"memory":         "slot (x, y) is the rat's position when the slot was written: its place-field centre",
	}}
	idx := 0
	for u, p := range w.Net.PreferredHeadings() {
		ut := UnitTruth{Index: idx, RNN: 1, Unit: u, Type: TypeUntuned}
		if !math.IsNaN(p) {
			ut.Type = TypeHD
			ut.Angle, ut.AnalysisAngle = ptr(hdtrain.Wrap(p)), ptr(hdtrain.Wrap(math.Pi/2-p))
		}
		t.Units = append(t.Units, ut)
		idx++
	}
	for r, pop := range []*Population{w.RNN2, w.RNN3} {
		for u, un := range pop.Units {
			ut := UnitTruth{Index: idx, RNN: r + 2, Unit: u, Type: un.Type}
			switch un.Type {
			case TypeBVC, TypeEgoBVC:
				ut.Angle, ut.AnalysisAngle = ptr(hdtrain.Wrap(un.Angle)), ptr(hdtrain.Wrap(math.Pi/2-un.Angle))
				ut.Distance, ut.SigmaAngle, ut.SigmaDistance = ptr(un.Distance), ptr(un.SigmaAngle), ptr(un.SigmaDist)
			case TypePlace:
				ut.FieldX, ut.FieldY, ut.FieldWidth = ptr(un.CX), ptr(un.CY), ptr(un.Width)
			}
			t.Units = append(t.Units, ut)
			idx++
		}
	}
	for _, m := range w.Maps {
		t.Maps = append(t.Maps, m.Slots)
	}
	for i := 0; i < w.Config.Images; i++ {
		x, y, hd := w.ImagePoses[3*i], w.ImagePoses[3*i+1], w.ImagePoses[3*i+2]
		ns := NorthSouthFraction(arena, camera, x, y, hd)
		t.Images = append(t.Images, ImageTruth{X: x, Y: y, HD: hd, NorthSouth: ns, Ambiguous: ns == 1})
	}
	return t
}

// NorthSouthFraction returns the fraction of the rays of cam's view from
// (x, y, hd) (W*Supersample rays, as Render casts them) that hit the north
// or south wall. At 1 the view shows only those two look-alike walls and is
// ambiguous.
func NorthSouthFraction(ar Arena, cam Camera, x, y, hd float64) float64 {
	f := cam.focal()
	hits, total := 0, 0
	for cx := 0; cx < cam.W; cx++ {
		for j := 0; j < cam.Supersample; j++ {
			u := float64(cx) + (float64(j)+0.5)/float64(cam.Supersample) - float64(cam.W)/2
			_, wall, _ := ar.Cast(x, y, hd-math.Atan(u/f))
			if wall == WallNorth || wall == WallSouth {
				hits++
			}
			total++
		}
	}
	return float64(hits) / float64(total)
}
