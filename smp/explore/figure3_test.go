package explore

import (
	"math"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/internal/fixture"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/notebook"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// smallFigure3 runs figure 3's steps (notebook.Figure3, no cache) on a
// random network with views (as smp/figures' tests do) with small sizes.
func smallFigure3(t *testing.T) Figure3Input {
	t.Helper()
	net, err := fixture.RandomFigure3Network(32, 64, 16, 60, 12, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := fixture.WriteFigure3(net, dir); err != nil {
		t.Fatal(err)
	}
	p := notebook.PaperFigure3(7)
	p.RandomRuns, p.RandomSteps, p.AutocovSteps, p.CorrectionImages, p.CorrectionSteps = 100, 200, 60, 48, 40
	f := notebook.NewFigure3(&notebook.Source{Dir: dir, NoCache: true}, p, nil)
	cells, err := f.HDCells()
	if err != nil {
		t.Fatal(err)
	}
	pca, err := f.PCA()
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.RandomRuns()
	if err != nil {
		t.Fatal(err)
	}
	att, err := f.Attractors()
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.Corrections()
	if err != nil {
		t.Fatal(err)
	}
	amb := make([]bool, len(c.Times))
	amb[3] = true
	return Figure3Input{Net: net, HDCells: cells, PCA: pca.PCA, Limits: r.Limits, Ring: pca.DemoPCA,
		Attractors: att.States, Times: c.Times, Ambiguous: amb, Views: []int{0, 3, 5, 47},
		Velocities: []float64{-math.Pi / 20, 0, math.Pi / 40}, VelocitySteps: 50, CorrectionSteps: 40, Title: "small"}
}

// TestFigure3Data: the page's times to convergence are hdnet's, and its
// activities and PCA paths decode to the runs within quantisation.
func TestFigure3Data(t *testing.T) {
	in := smallFigure3(t)
	html, err := Figure3(in)
	if err != nil {
		t.Fatal(err)
	}
	p := parsePage(t, html)
	views := p.Meta["Views"].([]any)
	if len(views) != len(in.Views) {
		t.Fatalf("%d views, want %d", len(views), len(in.Views))
	}
	B := len(in.Attractors) / in.Net.H
	L := in.Limits
	runs, err := viewRuns(in.Net, in.Attractors, in.PCA, in.Views, in.CorrectionSteps)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range views {
		v := v.(map[string]any)
		k := in.Views[i]
		want := in.Times[k] // hdnet.Network.ConvergenceTimes, cell 15
		got := f(v["Time"])
		if math.IsInf(want, 1) != math.IsNaN(got) || (!math.IsInf(want, 1) && got != want) {
			t.Errorf("view %d: time %v, hdnet's %v", k, v["Time"], want)
		}
		if (v["Ambiguous"] == true) != in.Ambiguous[k] || !strings.HasPrefix(v["PNG"].(string), "data:image/png;base64,") {
			t.Errorf("view %d: ambiguous %v, image %.30v", k, v["Ambiguous"], v["PNG"])
		}
		steps, off := int(f(v["Steps"])), int(f(v["Off"]))
		checkPlane(t, "view run", p.Payload[off:off+(steps+1)*B*2], L, runs[i].PCA[:(steps+1)*B*2])
	}
	vr, err := velocityRuns(in.Net, in.Net.Written[hdnet.DemoState*in.Net.H:(hdnet.DemoState+1)*in.Net.H], in.HDCells, in.PCA, in.Velocities, in.VelocitySteps)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := f(p.Meta["ActLo"]), f(p.Meta["ActHi"])
	n, T := len(in.HDCells), in.VelocitySteps
	for i, v := range p.Meta["Velocities"].([]any) {
		v := v.(map[string]any)
		if math.Abs(f(v["W"])-in.Velocities[i]) > 1e-6 {
			t.Errorf("velocity %d: %v, want %v", i, v["W"], in.Velocities[i])
		}
		off := int(f(v["Off"]))
		checkDecoded(t, "activity", p.Payload[off:off+(T+1)*n], lo, hi, vr[i].Activity)
		off = int(f(v["POf"]))
		checkPlane(t, "velocity path", p.Payload[off:off+(T+1)*2], L, vr[i].PCA)
	}
}

// checkPlane checks quantised PCA points against want, clamped to the
// limits.
func checkPlane(t *testing.T, what string, codes []byte, L [2]float64, want []float64) {
	t.Helper()
	for i, w := range want {
		l := L[i%2]
		checkDecoded(t, what, codes[i:i+1], -l, l, []float64{math.Max(-l, math.Min(l, w))})
	}
}

// TestVelocityRuns uses the synthetic world's constructed ring attractor
// (hdtrain.Build): at ω = 0 the bump stays put — it slides by less than
// half the spacing of the discrete attractor points (2π/32) to the nearest
// one within a few tens of steps and then does not move — and at ω = π/20
// it turns by about π/20 per step.
func TestVelocityRuns(t *testing.T) {
	m, _, _, err := hdtrain.Build(1)
	if err != nil {
		t.Fatal(err)
	}
	H := len(m.Pref)
	net := &hdnet.Network{Prediction: m.Pred, Correction: m.Corr, H: H}
	cells := make([]int, H)
	for i := range cells {
		cells[i] = i
	}
	start := m.StateAt(1)
	pca, err := hdnet.FitPCA(append(append([]float64(nil), start...), m.StateAt(2.5)...), H, cells)
	if err != nil {
		t.Fatal(err)
	}
	const T = 160
	runs, err := velocityRuns(net, start, cells, pca, []float64{0, math.Pi / 20}, T)
	if err != nil {
		t.Fatal(err)
	}
	heading := func(r velocityRun, s int) float64 { return hdtrain.DecodeHeading(r.Activity[s*H:(s+1)*H], m.Pref) }
	h0 := heading(runs[0], 0)
	for s := 1; s <= T; s++ {
		if d := math.Abs(hdtrain.Wrap(heading(runs[0], s) - h0)); d > math.Pi/32 {
			t.Fatalf("ω = 0: the bump moved by %.3f rad at step %d", d, s)
		}
	}
	if d := math.Abs(hdtrain.Wrap(heading(runs[0], T) - heading(runs[0], T/2))); d > 0.01 {
		t.Errorf("ω = 0: the bump still moves after %d steps (by %.3f rad)", T/2, d)
	}
	turned := 0.0
	for s := 1; s <= T; s++ {
		turned += hdtrain.Wrap(heading(runs[1], s) - heading(runs[1], s-1))
	}
	if want := T * math.Pi / 20; math.Abs(math.Abs(turned)-want) > 0.2*want {
		t.Errorf("ω = π/20: turned %.2f rad in %d steps, want about ±%.2f", turned, T, want)
	}
}

func TestChooseViews(t *testing.T) {
	inf := math.Inf(1)
	times := []float64{5, inf, 0, 100, 3, inf, 7}
	got := ChooseViews(times, 3)
	want := []int{2, 6, 5} // ranks 0, 3, 6 of 2, 4, 0, 6, 3, 1, 5
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("ChooseViews = %v, want %v", got, want)
	}
	if got := ChooseViews(times, 10); len(got) != len(times) {
		t.Errorf("all views: %v", got)
	}
}

func TestFigure3Browser(t *testing.T) {
	in := smallFigure3(t)
	html, err := Figure3(in)
	if err != nil {
		t.Fatal(err)
	}
	checkDOM(t, browserDOM(t, html), 4, 6)
}

func TestFigure3BadInput(t *testing.T) {
	in := smallFigure3(t)
	bad := []struct {
		name string
		edit func(in *Figure3Input)
	}{
		{"no network", func(in *Figure3Input) { in.Net = nil }},
		{"attractors", func(in *Figure3Input) { in.Attractors = in.Attractors[:5] }},
		{"no times", func(in *Figure3Input) { in.Times = nil }},
		{"limits", func(in *Figure3Input) { in.Limits = [2]float64{0, 1} }},
		{"view", func(in *Figure3Input) { in.Views = []int{99} }},
		{"HD cell", func(in *Figure3Input) { in.HDCells = []int{40} }},
		{"ambiguity", func(in *Figure3Input) { in.Ambiguous = []bool{true} }},
		{"preferred directions", func(in *Figure3Input) {
			n := *in.Net
			n.RVAngles = n.RVAngles[:3]
			in.Net = &n
		}},
	}
	for _, b := range bad {
		c := in
		b.edit(&c)
		if _, err := Figure3(c); err == nil || !strings.Contains(err.Error(), "explore: figure 3") {
			t.Errorf("%s: error %v", b.name, err)
		}
	}
}
