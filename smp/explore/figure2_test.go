package explore

import (
	"bytes"
	"encoding/gob"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/synth"
)

// smallTrajectories returns 4000 random samples in a 2.2 m box with
// 20 wall directions and two RNNs of 2 and 3 units: unit 0 is tuned to the
// head direction, unit 2 to the position, the others are noise.
func smallTrajectories() *data.Trajectories {
	const n, a = 4000, 20
	r := rand.New(rand.NewPCG(1, 2))
	hd := make([]float64, n)
	pos := make([]float64, 2*n)
	wd := make([]float64, n*a)
	r1 := make([]float64, 2*n)
	r2 := make([]float64, 3*n)
	for i := range n {
		hd[i] = (r.Float64()*2 - 1) * math.Pi
		x, y := 2.2*r.Float64(), 2.2*r.Float64()
		pos[2*i], pos[2*i+1] = x, y
		for k := range a {
			wd[i*a+k] = 0.05 + 2*r.Float64()
		}
		r1[2*i] = math.Max(0, math.Cos(hd[i]-1)) + 0.05*r.NormFloat64()
		r1[2*i+1] = r.Float64()
		r2[3*i] = r.Float64()
		r2[3*i+1] = r.Float64()
		r2[3*i+2] = math.Exp(-((x-1)*(x-1) + (y-1.5)*(y-1.5)) / 0.1)
	}
	return &data.Trajectories{NTraj: 1, NSteps: n, HD: hd, Pos: data.New(pos, n, 2),
		WorldDistances:   data.New(wd, n, a),
		PredictedOutputs: []*data.Array{data.New(r1, n, 2), data.New(r2, n, 3)}}
}

func smallFigure2(t *testing.T) (Figure2Input, *data.Trajectories) {
	t.Helper()
	tr := smallTrajectories()
	c, err := smp.Classify(tr.Activations(), tr.HD, tr.Pos, tr.WorldDistances, smp.ClassifyOptions{NShuffles: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var stab []float64
	for _, acts := range tr.PredictedOutputs {
		s, err := smp.SpatialStability(tr.Pos, acts)
		if err != nil {
			t.Fatal(err)
		}
		stab = append(stab, s...)
	}
	m, err := ComputeUnitMaps(tr, c.Distances)
	if err != nil {
		t.Fatal(err)
	}
	return Figure2Input{UnitsPerRNN: tr.UnitsPerRNN(), Classification: c, Stability: stab, Maps: m,
		Planted: []string{"hd", "untuned", "untuned", "untuned", "place"}, Title: "small <test>"}, tr
}

// TestFigure2Data: every picture the page embeds decodes to the package's
// values within quantisation, and the scores are the classification's.
func TestFigure2Data(t *testing.T) {
	in, _ := smallFigure2(t)
	html, err := Figure2(in)
	if err != nil {
		t.Fatal(err)
	}
	p := parsePage(t, html)
	if strings.Contains(html, "<test>") {
		t.Error("the title is not escaped")
	}
	units := p.Meta["Units"].([]any)
	if len(units) != 5 {
		t.Fatalf("%d units, want 5", len(units))
	}
	m, c := in.Maps, in.Classification
	nx, ny := int(f(p.Meta["NX"])), int(f(p.Meta["NY"]))
	D, A := len(m.Ego.Distances), len(m.Ego.Angles)
	for u, e := range units {
		e := e.(map[string]any)
		wantRNN, wantUnit := 1, u
		if u >= 2 {
			wantRNN, wantUnit = 2, u-2
		}
		if int(f(e["RNN"])) != wantRNN || int(f(e["Unit"])) != wantUnit || e["Planted"] != in.Planted[u] {
			t.Errorf("unit %d: RNN-%v unit %v planted %v", u, e["RNN"], e["Unit"], e["Planted"])
		}
		if math.Abs(f(e["HD"])-c.HDScore[u]) > 1e-6 || e["IsHD"] != c.IsHD[u] || math.Abs(f(e["Ego"])-c.EgoScore[u]) > 1e-6 ||
			math.Abs(f(e["Allo"])-c.AlloScore[u]) > 1e-6 {
			t.Errorf("unit %d: scores %v %v %v, want %v %v %v", u, e["HD"], e["Ego"], e["Allo"], c.HDScore[u], c.EgoScore[u], c.AlloScore[u])
		}
		hm := f(e["HDMax"])
		off := int(f(e["HDOff"]))
		checkDecoded(t, "HD curve", p.Payload[off:off+HDBins], -hm, hm, m.HD[u])
		lo, hi := f(e["MapLo"]), f(e["MapHi"])
		off = int(f(e["MapOff"]))
		r := m.Spatial[u]
		checkDecoded(t, "plain map", p.Payload[off:off+nx*ny], lo, hi, r.Plain)
		checkDecoded(t, "octant maps", p.Payload[off+nx*ny:off+9*nx*ny], lo, hi, r.Octants)
		for _, k := range []struct {
			off, rng string
			maps     *smp.BVCRatemaps
		}{{"EgoOff", "EgoRange", m.Ego}, {"AlloOff", "AlloRange", m.Allo}} {
			rg := e[k.rng].([]any)
			off := int(f(e[k.off]))
			checkDecoded(t, k.off, p.Payload[off:off+D*A], f(rg[0]), f(rg[1]), bvcMap(k.maps, u))
		}
	}
	if math.Abs(f(p.Meta["HDThreshold"])-c.HDThreshold) > 1e-6 {
		t.Errorf("HD threshold %v, want %v", p.Meta["HDThreshold"], c.HDThreshold)
	}
	if !c.IsHD[0] {
		t.Error("the planted HD unit is not classified as HD: the fixture is not what the test assumes")
	}
	// The same input gives the same page.
	again, _ := Figure2(in)
	if again != html {
		t.Error("Figure2 is not deterministic")
	}
}

// TestFigure2Browser runs the page in headless Chromium (skipped without
// it): the explorer starts and builds its controls and pictures.
func TestFigure2Browser(t *testing.T) {
	in, _ := smallFigure2(t)
	html, err := Figure2(in)
	if err != nil {
		t.Fatal(err)
	}
	checkDOM(t, browserDOM(t, html), 2, 5)
}

func TestFigure2BadInput(t *testing.T) {
	in, _ := smallFigure2(t)
	bad := []struct {
		name string
		edit func(in *Figure2Input)
	}{
		{"no classification", func(in *Figure2Input) { in.Classification = nil }},
		{"no maps", func(in *Figure2Input) { in.Maps = nil }},
		{"short stability", func(in *Figure2Input) { in.Stability = in.Stability[:2] }},
		{"units per RNN", func(in *Figure2Input) { in.UnitsPerRNN = []int{2, 4} }},
		{"planted", func(in *Figure2Input) { in.Planted = []string{"hd"} }},
		{"no units", func(in *Figure2Input) { in.UnitsPerRNN = nil }},
	}
	for _, b := range bad {
		c := in
		m := *in.Maps
		c.Maps = &m
		b.edit(&c)
		if _, err := Figure2(c); err == nil || !strings.Contains(err.Error(), "explore: figure 2") {
			t.Errorf("%s: error %v", b.name, err)
		}
	}
}

func TestPlantedTypes(t *testing.T) {
	tr := &synth.Truth{Units: []synth.UnitTruth{{Index: 1, Type: "hd"}, {Index: 0, Type: "bvc"}}}
	got, err := PlantedTypes(tr, []int{1, 1})
	if err != nil || got[0] != "bvc" || got[1] != "hd" {
		t.Errorf("PlantedTypes = %v, %v", got, err)
	}
	if _, err := PlantedTypes(tr, []int{1, 2}); err == nil {
		t.Error("missing unit accepted")
	}
	if _, err := PlantedTypes(tr, []int{1}); err == nil {
		t.Error("unit out of range accepted")
	}
}

// TestUnitMapsGob: the notebooks cache UnitMaps on disk with encoding/gob.
func TestUnitMapsGob(t *testing.T) {
	in, _ := smallFigure2(t)
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(in.Maps); err != nil {
		t.Fatal(err)
	}
	var m UnitMaps
	if err := gob.NewDecoder(&b).Decode(&m); err != nil {
		t.Fatal(err)
	}
	in2 := in
	in2.Maps = &m
	a, err1 := Figure2(in)
	b2, err2 := Figure2(in2)
	if err1 != nil || err2 != nil || a != b2 {
		t.Errorf("the page differs after a gob round trip (%v, %v)", err1, err2)
	}
}
