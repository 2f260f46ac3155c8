package figures

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/plot"
)

// figure2PanelInput returns figure 2's input computed from the golden
// fixture (20 shuffles, to keep the test short).
func figure2PanelInput(tb testing.TB) (Figure2Input, error) {
	t := fixtureTrajectories(tb)
	c, err := smp.Classify(t.Activations(), t.HD, t.Pos, t.WorldDistances, smp.ClassifyOptions{Seed: 1, NShuffles: 20})
	if err != nil {
		return Figure2Input{}, err
	}
	var st []float64
	for _, a := range t.PredictedOutputs {
		s, err := smp.SpatialStability(t.Pos, a)
		if err != nil {
			return Figure2Input{}, err
		}
		st = append(st, s...)
	}
	scores, err := SlotPlaceScores(t.Pos, t.LogPsGivenY[PanelMemoryMap])
	if err != nil {
		return Figure2Input{}, err
	}
	u, err := ChoosePanelUnits(OtherData, t.UnitsPerRNN(), t.LogPsGivenY[PanelMemoryMap].Shape[1], c, scores)
	if err != nil {
		return Figure2Input{}, err
	}
	m, err := ComputePanelMaps(t, u)
	if err != nil {
		return Figure2Input{}, err
	}
	return Figure2Input{UnitsPerRNN: t.UnitsPerRNN(), Classification: c, Stability: st, Units: u, Maps: m}, nil
}

// figure2Panels draws each panel of figure 2 alone from in.
func figure2Panels(in Figure2Input) map[rune]func() (*plot.SuperFigure, error) {
	u, m, c := in.Units, in.Maps, in.Classification
	n1 := in.UnitsPerRNN[0]
	return map[rune]func() (*plot.SuperFigure, error){
		'A': func() (*plot.SuperFigure, error) { return Figure2A(m.HDCentres, m.HDCurves) },
		'B': func() (*plot.SuperFigure, error) { return Figure2B(m.HD, u.HD) },
		'C': func() (*plot.SuperFigure, error) { return Figure2C(m.Ego, u.Ego) },
		'D': func() (*plot.SuperFigure, error) { return Figure2D(m.Allo, u.Allo) },
		'E': func() (*plot.SuperFigure, error) { return Figure2E(m.Slots, u.Slots) },
		'F': func() (*plot.SuperFigure, error) { return Figure2F(in.Stability, in.UnitsPerRNN) },
		'G': func() (*plot.SuperFigure, error) { return Figure2G(c.HDLength, in.UnitsPerRNN) },
		'H': func() (*plot.SuperFigure, error) { return Figure2H(c.HDAngle[:n1], c.HDLength[:n1], c.HDThreshold) },
		'I': func() (*plot.SuperFigure, error) {
			return Figure2I(c.EgoScore, c.AlloScore, in.UnitsPerRNN, c.EgoThreshold, c.AlloThreshold)
		},
	}
}

// TestFigure2Panels draws every panel alone and checks it against the
// whole figure: each is its box of the figure, pixel for pixel, and the
// figure draws nothing outside the boxes.
func TestFigure2Panels(t *testing.T) {
	in, err := figure2PanelInput(t)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := Figure2(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPanels(t, "figure2", whole, figure2Layout, figure2Panels(in))
}

// figure3PanelInput returns figure 3's input from a small analysis of a
// random network, with made-up times to convergence so that panels G, H
// and I have quick and never-converging examples: images 0, 1, 2 converge
// at 3, 5 and 8 steps, 3, 4, 5 never.
func figure3PanelInput(t testing.TB) (Figure3Input, error) {
	dir := t.TempDir()
	net := writeFigure3Data(t, dir)
	in, pca, _, attractors := Figure3Steps(t, dir)
	c := *in.Corrections
	times := append([]float64(nil), c.Times...)
	copy(times, []float64{3, 5, 8, math.Inf(1), math.Inf(1), math.Inf(1), 50, 120})
	quick, never := hdnet.ConvergenceExamples(times, c.Steps)
	var examples []hdnet.Example
	for _, i := range []int{0, 1, 3} {
		codes, err := net.ImageCodes(i + 1)
		if err != nil {
			return Figure3Input{}, err
		}
		run, err := net.CorrectionRun(codes[i*net.H:], attractors, c.Steps, pca)
		if err != nil {
			return Figure3Input{}, err
		}
		examples = append(examples, hdnet.Example{Image: i, Time: times[i], PCA: run})
	}
	in.Corrections = &Figure3Corrections{Steps: c.Steps, Attractors: c.Attractors, Times: times,
		Quick: quick, Never: never, Examples: examples}
	in.Images = map[int]*image.RGBA{}
	for _, k := range in.Corrections.ImagesShown() {
		img, err := net.Image(k)
		if err != nil {
			return Figure3Input{}, err
		}
		in.Images[k] = img
	}
	return in, nil
}

// figure3Panels draws each panel of figure 3 alone from in.
func figure3Panels(in Figure3Input) map[rune]func() (*plot.SuperFigure, error) {
	c := in.Corrections
	return map[rune]func() (*plot.SuperFigure, error){
		'A': func() (*plot.SuperFigure, error) { return Figure3A(in.Demo, in.HDCells) },
		'B': func() (*plot.SuperFigure, error) { return Figure3B(in.DemoPCA, in.Limits) },
		'C': func() (*plot.SuperFigure, error) { return Figure3C(in.Change) },
		'D': func() (*plot.SuperFigure, error) {
			return Figure3D(in.InitialPCA, in.Step10PCA, in.FinalPCA, in.Limits)
		},
		'E': func() (*plot.SuperFigure, error) { return Figure3E(in.Flows, in.Limits) },
		'F': func() (*plot.SuperFigure, error) { return Figure3F(in.Autocov) },
		'G': func() (*plot.SuperFigure, error) { return Figure3G(c.Times, c.Steps, in.Images) },
		'H': func() (*plot.SuperFigure, error) {
			return Figure3H(c.Examples, c.Attractors, in.Limits, in.Images)
		},
		'I': func() (*plot.SuperFigure, error) {
			return Figure3I(c.Examples, c.Attractors, in.Limits, in.Images)
		},
	}
}

func TestFigure3Panels(t *testing.T) {
	in, err := figure3PanelInput(t)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := Figure3(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPanels(t, "figure3", whole, figure3Layout, figure3Panels(in))
}

// checkPanels checks each panel drawn alone: it has its box's size, it is
// not blank, and it equals the whole figure's pixels in its box (at most
// 0.1 % of the pixels differ by more than 8 levels in some channel, from
// anti-aliasing). Then it checks that the boxes lie in the figure without
// overlapping and that the whole figure draws nothing outside them. With
// $PANELS_OUT set, the panels are saved there as PNG files to look at.
func checkPanels(t *testing.T, name string, whole *plot.SuperFigure, l layout, panels map[rune]func() (*plot.SuperFigure, error)) {
	t.Helper()
	wimg, err := whole.Image()
	if err != nil {
		t.Fatal(err)
	}
	ppi := l.dpi * l.scale * plot.PixelDensity // PNG pixels per inch of the layout
	px := func(inches float64) int { return int(math.Round(inches * ppi)) }
	inBox := image.NewAlpha(wimg.Bounds()) // marks the pixels covered by a box
	for p := 'A'; p <= 'I'; p++ {
		b, ok := l.boxes[p]
		draw := panels[p]
		if !ok || draw == nil {
			t.Fatalf("%s: panel %c has no box or no function", name, p)
		}
		f, err := draw()
		if err != nil {
			t.Fatalf("%s: panel %c: %v", name, p, err)
		}
		img, err := f.Image()
		if err != nil {
			t.Fatal(err)
		}
		r := image.Rect(px(b.x), px(b.y), px(b.x+b.w), px(b.y+b.h))
		if img.Bounds().Size() != r.Size() {
			t.Errorf("%s: panel %c is %v pixels, want %v", name, p, img.Bounds().Size(), r.Size())
			continue
		}
		if !r.In(wimg.Bounds()) {
			t.Errorf("%s: panel %c's box %v is not inside the figure %v", name, p, r, wimg.Bounds())
			continue
		}
		var ink, diff int
		for y := range r.Dy() {
			for x := range r.Dx() {
				a, w := img.RGBAAt(x, y), wimg.RGBAAt(r.Min.X+x, r.Min.Y+y)
				if a.R&a.G&a.B != 255 {
					ink++
				}
				if absDiff(a.R, w.R) > 8 || absDiff(a.G, w.G) > 8 || absDiff(a.B, w.B) > 8 {
					diff++
				}
				if inBox.AlphaAt(r.Min.X+x, r.Min.Y+y).A != 0 {
					t.Fatalf("%s: panel %c's box overlaps another at pixel (%d, %d)", name, p, r.Min.X+x, r.Min.Y+y)
				}
				inBox.Pix[inBox.PixOffset(r.Min.X+x, r.Min.Y+y)] = 255
			}
		}
		if n := r.Dx() * r.Dy(); ink < n/50 {
			t.Errorf("%s: panel %c: only %d of %d pixels are not white", name, p, ink, n)
		}
		if n := r.Dx() * r.Dy(); diff > n/1000 {
			t.Errorf("%s: panel %c differs from the whole figure's box in %d of %d pixels", name, p, diff, n)
		}
		if out := os.Getenv("PANELS_OUT"); out != "" {
			if err := f.Save(filepath.Join(out, name+string(p)+".png")); err != nil {
				t.Fatal(err)
			}
		}
	}
	outside := 0
	b := wimg.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := wimg.RGBAAt(x, y); c.R&c.G&c.B != 255 && inBox.AlphaAt(x, y).A == 0 {
				outside++
			}
		}
	}
	if outside > 0 {
		t.Errorf("%s: %d pixels drawn outside the panels' boxes", name, outside)
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}

// TestPanelsRejectBadInput: every panel function reports bad input as an
// error.
func TestPanelsRejectBadInput(t *testing.T) {
	in2, err := figure2PanelInput(t)
	if err != nil {
		t.Fatal(err)
	}
	in3, err := figure3PanelInput(t)
	if err != nil {
		t.Fatal(err)
	}
	m, u, c := in2.Maps, in2.Units, in2.Classification
	c3 := in3.Corrections
	quickOnly := c3.Examples[:2]
	neverOnly := c3.Examples[2:]
	bad := map[string]func() (*plot.SuperFigure, error){
		"2A no curves":         func() (*plot.SuperFigure, error) { return Figure2A(m.HDCentres, nil) },
		"2A curve vs centres":  func() (*plot.SuperFigure, error) { return Figure2A(m.HDCentres[1:], m.HDCurves) },
		"2A too many curves":   func() (*plot.SuperFigure, error) { return Figure2A(m.HDCentres, make([][]float64, 6)) },
		"2B units vs maps":     func() (*plot.SuperFigure, error) { return Figure2B(m.HD, u.HD[1:]) },
		"2B plain maps":        func() (*plot.SuperFigure, error) { return Figure2B(m.Slots, u.Slots) },
		"2C no maps":           func() (*plot.SuperFigure, error) { return Figure2C(nil, nil) },
		"2D nil map":           func() (*plot.SuperFigure, error) { return Figure2D([]*smp.Ratemap{nil}, []int{0}) },
		"2E units vs maps":     func() (*plot.SuperFigure, error) { return Figure2E(m.Slots, nil) },
		"2F units vs values":   func() (*plot.SuperFigure, error) { return Figure2F(in2.Stability[1:], in2.UnitsPerRNN) },
		"2F two RNNs":          func() (*plot.SuperFigure, error) { return Figure2F(in2.Stability, []int{8, 32}) },
		"2G units vs values":   func() (*plot.SuperFigure, error) { return Figure2G(c.HDLength, []int{1, 2, 3}) },
		"2H angles vs lengths": func() (*plot.SuperFigure, error) { return Figure2H(c.HDAngle[:3], c.HDLength[:4], 0.3) },
		"2H NaN threshold":     func() (*plot.SuperFigure, error) { return Figure2H(c.HDAngle[:3], c.HDLength[:3], math.NaN()) },
		"2I ego vs allo": func() (*plot.SuperFigure, error) {
			return Figure2I(c.EgoScore[1:], c.AlloScore, in2.UnitsPerRNN, 0.1, 0.1)
		},
		"3A no demo":       func() (*plot.SuperFigure, error) { return Figure3A(nil, in3.HDCells) },
		"3A bad HD cell":   func() (*plot.SuperFigure, error) { return Figure3A(in3.Demo, []int{0, 99}) },
		"3B odd values":    func() (*plot.SuperFigure, error) { return Figure3B(in3.DemoPCA[1:], in3.Limits) },
		"3B zero limits":   func() (*plot.SuperFigure, error) { return Figure3B(in3.DemoPCA, [2]float64{}) },
		"3C no statistics": func() (*plot.SuperFigure, error) { return Figure3C(nil) },
		"3C short quantile": func() (*plot.SuperFigure, error) {
			return Figure3C(&hdnet.ChangeStats{Mean: []float64{1, 2}, Q05: []float64{1}, Q95: []float64{1, 2}})
		},
		"3D sizes": func() (*plot.SuperFigure, error) {
			return Figure3D(in3.InitialPCA, in3.Step10PCA[2:], in3.FinalPCA, in3.Limits)
		},
		"3E odd flow": func() (*plot.SuperFigure, error) {
			return Figure3E([2]hdnet.Curve{{Data: []float64{1}}, in3.Flows[1]}, in3.Limits)
		},
		"3E infinite limits": func() (*plot.SuperFigure, error) {
			return Figure3E(in3.Flows, [2]float64{math.Inf(1), 1})
		},
		"3F no curves":    func() (*plot.SuperFigure, error) { return Figure3F([2]hdnet.Curve{}) },
		"3G no steps":     func() (*plot.SuperFigure, error) { return Figure3G(c3.Times, 0, in3.Images) },
		"3G no times":     func() (*plot.SuperFigure, error) { return Figure3G(nil, c3.Steps, in3.Images) },
		"3H no converged": func() (*plot.SuperFigure, error) { return Figure3H(neverOnly, c3.Attractors, in3.Limits, in3.Images) },
		"3H bad run": func() (*plot.SuperFigure, error) {
			return Figure3H([]hdnet.Example{{Time: 3, PCA: []float64{1, 2, 3}}}, c3.Attractors, in3.Limits, in3.Images)
		},
		"3I no never": func() (*plot.SuperFigure, error) { return Figure3I(quickOnly, c3.Attractors, in3.Limits, in3.Images) },
		"3I no attractors": func() (*plot.SuperFigure, error) {
			return Figure3I(neverOnly, 0, in3.Limits, in3.Images)
		},
	}
	for name, draw := range bad {
		f, err := draw()
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		if f != nil {
			t.Errorf("%s: a figure with the error", name)
		}
	}
}
