package smp_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
)

// A place cell in a 1 m × 1 m box, firing around (0.375, 0.625): its spatial
// ratemap in 0.25 m bins holds the mean activation per (x, y) cell.
func ExampleRatemaps() {
	var pos, acts []float64
	for i := 0; i < 40; i++ {
		for j := 0; j < 40; j++ {
			x, y := (float64(i)+0.5)/40, (float64(j)+0.5)/40
			d2 := (x-0.375)*(x-0.375) + (y-0.625)*(y-0.625)
			pos, acts = append(pos, x, y), append(acts, math.Exp(-d2/0.02))
		}
	}
	maps, err := smp.Ratemaps(data.New(pos, len(acts), 2), data.New(acts, len(acts), 1), nil, smp.RatemapOptions{
		BinSize: 0.25,
		Range:   &[2][2]float64{{0, 1}, {0, 1}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := maps[0]
	// The map is indexed [x][y]; print it with y upwards.
	for y := r.NY - 1; y >= 0; y-- {
		row := make([]string, r.NX)
		for x := range row {
			row[x] = fmt.Sprintf("%.2f", r.Plain[x*r.NY+y])
		}
		fmt.Println(strings.Join(row, " "))
	}
	// Output:
	// 0.01 0.08 0.01 0.00
	// 0.08 0.63 0.08 0.00
	// 0.01 0.08 0.01 0.00
	// 0.00 0.00 0.00 0.00
}

// A head-direction cell tuned to 60° (π/3 radians): its 20-bin HD ratemap
// has a resultant vector of length π/4 ≈ 0.785 (a little less in 20 bins), whose angle is measured from
// the y axis as the original's atan2(x, y): 90° − 60° = 30°.
func ExampleHDScorer() {
	const n = 3600
	hd := make([]float64, n)
	acts := make([]float64, n)
	for i := range hd {
		hd[i] = -math.Pi + (float64(i)+0.5)*2*math.Pi/n
		acts[i] = math.Max(0, math.Cos(hd[i]-math.Pi/3)) // rectified cosine tuning
	}
	s, err := smp.NewHDScorer(20)
	if err != nil {
		fmt.Println(err)
		return
	}
	maps, err := s.Ratemaps(hd, data.New(acts, n, 1)) // [units, bins]
	if err != nil {
		fmt.Println(err)
		return
	}
	scores, angles, err := s.Scores(maps)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("resultant vector length %.3f, angle %.1f°\n", scores[0], angles[0]*180/math.Pi)
	// Output:
	// resultant vector length 0.782, angle 30.0°
}

// Spatial stability correlates a unit's ratemap over the first half of the
// samples with its ratemap over the second half: a place cell is stable,
// noise is not.
func ExampleSpatialStability() {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 20000
	pos := make([]float64, 0, 2*n)
	acts := make([]float64, 0, 2*n) // [n, 2]: a place cell, then noise
	for i := 0; i < n; i++ {
		x, y := rng.Float64(), rng.Float64()
		d2 := (x-0.6)*(x-0.6) + (y-0.4)*(y-0.4)
		pos = append(pos, x, y)
		acts = append(acts, math.Exp(-d2/0.05), rng.Float64())
	}
	stab, err := smp.SpatialStability(data.New(pos, n, 2), data.New(acts, n, 2))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("place cell %.2f, noise %.2f\n", stab[0], stab[1])
	// Output:
	// place cell 1.00, noise -0.06
}

// Classify sorts units into head-direction cells, egocentric and
// allocentric boundary-vector cells. Here four made-up units in a 2 m × 2 m
// box: one tuned to heading east, one firing near the east wall, one firing
// when a wall is 0.3 m ahead, and one noise.
func ExampleClassify() {
	const (
		n    = 20000
		a    = 20  // wall-distance directions
		half = 1.0 // the box is [-1, 1] × [-1, 1]
	)
	angles := smp.BVCAngles(a)
	rng := rand.New(rand.NewPCG(3, 4))
	hd := make([]float64, n)
	pos := make([]float64, 0, 2*n)
	wd := make([]float64, 0, a*n)
	acts := make([]float64, 0, 4*n)
	for i := range hd {
		x, y := half*(2*rng.Float64()-1), half*(2*rng.Float64()-1)
		hd[i] = math.Pi * (2*rng.Float64() - 1)
		pos = append(pos, x, y)
		for _, t := range angles {
			wd = append(wd, wallDistance(x, y, t, half))
		}
		gauss := func(d, at float64) float64 { return math.Exp(-(d - at) * (d - at) / 0.02) }
		acts = append(acts,
			math.Pow(math.Max(0, math.Cos(hd[i])), 4),   // heading east
			gauss(half-x, 0.2),                          // 0.2 m from the east wall
			gauss(wallDistance(x, y, hd[i], half), 0.3), // a wall 0.3 m ahead
			rng.Float64())                               // noise
	}
	c, err := smp.Classify(data.New(acts, n, 4), hd, data.New(pos, n, 2), data.New(wd, n, a),
		smp.ClassifyOptions{NShuffles: 100, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for u, name := range []string{"heading east", "east wall", "wall ahead", "noise"} {
		fmt.Printf("%-12s HD %-5v egoBVC %-5v BVC %v\n", name, c.IsHD[u], c.IsEgo[u], c.IsAllo[u])
	}
	fmt.Printf("preferred distances: east wall %.3f m, wall ahead %.3f m\n", c.AlloDistance[1], c.EgoDistance[2])
	// Output:
	// heading east HD true  egoBVC false BVC false
	// east wall    HD false egoBVC false BVC true
	// wall ahead   HD false egoBVC true  BVC false
	// noise        HD false egoBVC false BVC false
	// preferred distances: east wall 0.225 m, wall ahead 0.300 m
}

// wallDistance returns the distance from (x, y) along direction t (radians,
// 0 = east) to the wall of the box [-half, half]².
func wallDistance(x, y, t, half float64) float64 {
	d := math.Inf(1)
	if c := math.Cos(t); c > 0 {
		d = (half - x) / c
	} else if c < 0 {
		d = (-half - x) / c
	}
	if s := math.Sin(t); s > 0 {
		d = math.Min(d, (half-y)/s)
	} else if s < 0 {
		d = math.Min(d, (-half-y)/s)
	}
	return d
}
