package plot

import (
	"image"
	"image/color"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/smp-go/smp-go/smp/num"
)

func TestPropHistMatchesFixture(t *testing.T) {
	vals, _ := readNPZ(t, figure2NPZ, "prop_hist_values")
	want, _ := readNPZ(t, figure2NPZ, "prop_hist_heights")
	b, err := NewPropHist(vals, linspace(0, 1, 11), Blue)
	if err != nil {
		t.Fatal(err)
	}
	got := b.Heights
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("height %d = %v, want %v", i, got[i], want[i])
		}
	}
	if math.Abs(b.Width-0.1) > 1e-15 || math.Abs(b.Centers[0]-0.05) > 1e-15 {
		t.Errorf("bars: width %v centre0 %v", b.Width, b.Centers[0])
	}
}

func TestPropHistErrors(t *testing.T) {
	if _, err := NewPropHist([]float64{1}, []float64{1, 0}, Blue); err == nil {
		t.Error("decreasing edges: no error")
	}
	if _, err := NewPropHist(nil, []float64{0, 1}, Blue); err == nil {
		t.Error("no values: no error")
	}
}

func TestAutoTicks(t *testing.T) {
	labels := func(ts []plot.Tick) []string {
		var s []string
		for _, t := range ts {
			s = append(s, t.Label)
		}
		return s
	}
	for _, tc := range []struct {
		lo, hi float64
		nbins  int
		want   []string
	}{
		// Values matplotlib's AutoLocator and ScalarFormatter give.
		{0, 1, 6, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{-2.45, 51.45, 6, []string{"0", "10", "20", "30", "40", "50"}},
		{-0.78, 1.09, 9, []string{Minus + "0.75", Minus + "0.50", Minus + "0.25", "0.00", "0.25", "0.50", "0.75", "1.00"}},
		{0, 1000, 9, []string{"0", "200", "400", "600", "800", "1000"}},
		{-3, 3, 6, []string{Minus + "3", Minus + "2", Minus + "1", "0", "1", "2", "3"}},
		{0, 2, 9, []string{"0.00", "0.25", "0.50", "0.75", "1.00", "1.25", "1.50", "1.75", "2.00"}},
	} {
		got := labels(autoTicks(tc.lo, tc.hi, tc.nbins))
		if !slices.Equal(got, tc.want) {
			t.Errorf("autoTicks(%v, %v, %d) = %q, want %q", tc.lo, tc.hi, tc.nbins, got, tc.want)
		}
	}
	if got := labels(FixedTicks(num.Arange(0, 0.51, 0.1))); !slices.Equal(got, []string{"0.0", "0.1", "0.2", "0.3", "0.4", "0.5"}) {
		t.Errorf("FixedTicks(arange(0, 0.51, 0.1)) = %q", got)
	}
	// Values beyond the labels are unlabelled; extra labels are ignored.
	if got := labels(FixedTicks([]float64{1, 2}, "a")); !slices.Equal(got, []string{"a", ""}) {
		t.Errorf("FixedTicks({1, 2}, \"a\") = %q", got)
	}
	if got := labels(FixedTicks([]float64{1}, "a", "b")); !slices.Equal(got, []string{"a"}) {
		t.Errorf("FixedTicks({1}, \"a\", \"b\") = %q", got)
	}
	if got := labels(PiTicks()); !slices.Equal(got, []string{"−π", "0", "π"}) {
		t.Errorf("PiTicks = %q", got)
	}
}

func TestQuiverPolygon(t *testing.T) {
	poly := arrowPolygon(20)
	want := [][2]float64{{0, 0.5}, {15.5, 0.5}, {15, 4}, {20, 0}, {15, -4}, {15.5, -0.5}, {0, -0.5}}
	if !slices.Equal(poly, want) {
		t.Errorf("arrow of length 20: %v, want %v", poly, want)
	}
	// Short arrow: head only, scaled by L/5; its tip is at L.
	poly = arrowPolygon(2.5)
	if tip := poly[3]; math.Abs(tip[0]-2.5) > 1e-12 || tip[1] != 0 {
		t.Errorf("short arrow tip %v, want (2.5, 0)", tip)
	}
	if got := len(arrowPolygon(0.5)); got != 8 {
		t.Errorf("dot has %d points, want 8", got)
	}
}

// rasterise draws fn into a w × h figure at 72 dpi and returns the image.
func rasterise(t *testing.T, w, h float64, fn func(f *SuperFigure)) *image.RGBA {
	t.Helper()
	f, err := NewSuperFigure(w, h, 72)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetScale(1.0 / PixelDensity); err != nil { // one PNG pixel per point
		t.Fatal(err)
	}
	fn(f)
	img, err := f.Image()
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// centroid returns the mean position of pixels where keep is true.
func centroid(img *image.RGBA, keep func(c color.RGBA) bool) (x, y float64, n int) {
	b := img.Bounds()
	for j := b.Min.Y; j < b.Max.Y; j++ {
		for i := b.Min.X; i < b.Max.X; i++ {
			if keep(img.RGBAAt(i, j)) {
				x += float64(i)
				y += float64(j)
				n++
			}
		}
	}
	if n > 0 {
		x /= float64(n)
		y /= float64(n)
	}
	return
}

func isBlue(c color.RGBA) bool { return c.B > 200 && c.R < 80 && c.G < 80 }

func TestQuiverTipInDataUnits(t *testing.T) {
	// One arrow from (0, 0) to (1, 0) in axes of [−1, 2] × [−1, 1] over
	// 300 × 200 px: tail at x = 100, tip at x = 200 (pixel columns).
	img := rasterise(t, 300.0/72, 200.0/72, func(f *SuperFigure) {
		a := NewAxes()
		a.Off = true
		a.SetXLim(-1, 2)
		a.SetYLim(-1, 1)
		a.Add(&Quiver{X: []float64{0}, Y: []float64{0}, U: []float64{1}, V: []float64{0}, Color: Blue})
		a.Draw(f.Canvas())
	})
	minX, maxX := 1000, -1
	for j := range 200 {
		for i := range 300 {
			if isBlue(img.RGBAAt(i, j)) {
				minX, maxX = min(minX, i), max(maxX, i)
			}
		}
	}
	if minX < 99 || minX > 101 || maxX < 197 || maxX > 200 {
		t.Errorf("arrow spans columns %d..%d, want about 100..199", minX, maxX)
	}
}

func TestPolarOrientation(t *testing.T) {
	// A tuning curve peaked at direction d must be drawn towards the panel's
	// top for d = 0 (N), right for π/2 (E), bottom for π (S), left for −π/2 (W).
	centres := make([]float64, 36)
	for i := range centres {
		centres[i] = -math.Pi + (float64(i)+0.5)*2*math.Pi/36
	}
	for _, tc := range []struct {
		dir    float64
		dx, dy float64 // expected sign of the offset from the centre (image y down)
	}{
		{0, 0, -1}, {math.Pi / 2, 1, 0}, {math.Pi, 0, 1}, {-math.Pi / 2, -1, 0},
	} {
		rates := make([]float64, 36)
		for i, c := range centres {
			rates[i] = math.Exp(8 * (math.Cos(c-tc.dir) - 1))
		}
		img := rasterise(t, 2, 2, func(f *SuperFigure) {
			p := NewPolar()
			if err := p.AddHDCurve(centres, rates, Blue, Red); err != nil {
				t.Fatal(err)
			}
			p.Draw(f.Canvas())
		})
		x, y, n := centroid(img, isBlue)
		if n == 0 {
			t.Fatalf("direction %v: nothing blue drawn", tc.dir)
		}
		ox, oy := x-72, y-72
		if math.Abs(ox)+math.Abs(oy) < 10 || (tc.dx != 0 && math.Signbit(ox) != math.Signbit(tc.dx)) ||
			(tc.dy != 0 && math.Signbit(oy) != math.Signbit(tc.dy)) ||
			(tc.dx == 0 && math.Abs(ox) > 3) || (tc.dy == 0 && math.Abs(oy) > 3) {
			t.Errorf("direction %v: blue centroid offset (%.1f, %.1f) from the centre", tc.dir, ox, oy)
		}
	}
	if got := DirectionToPolar(0); got != math.Pi/2 {
		t.Errorf("DirectionToPolar(0) = %v", got)
	}
}

func TestClipSegmentToDisc(t *testing.T) {
	o := vg.Point{}
	a, b, ok := clipSegmentToDisc(vg.Point{X: 0}, vg.Point{X: 20}, o, 10)
	if !ok || a.X != 0 || math.Abs(float64(b.X-10)) > 1e-6 {
		t.Errorf("clip (0..20) to r=10: %v %v %v", a, b, ok)
	}
	if _, _, ok := clipSegmentToDisc(vg.Point{X: 11, Y: -5}, vg.Point{X: 11, Y: 5}, o, 10); ok {
		t.Error("segment outside the disc kept")
	}
}

func TestAspectCanvas(t *testing.T) {
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: 400, Y: 100}}}
	// 1000 × 20 data at aspect 3.5: height/width = 0.07 → 400 × 28, centred.
	got := aspectCanvas(c, 1000, 20, 3.5)
	if math.Abs(float64(got.Size().X-400)) > 1e-9 || math.Abs(float64(got.Size().Y-28)) > 1e-9 || math.Abs(float64(got.Min.Y-36)) > 1e-9 {
		t.Errorf("aspect 3.5: %v", got.Rectangle)
	}
	got = aspectCanvas(c, 2, 2, 1)
	if got.Size().X != 100 || got.Size().Y != 100 || got.Min.X != 150 {
		t.Errorf("equal aspect: %v", got.Rectangle)
	}
}

func TestImageOrigin(t *testing.T) {
	// Origin lower: array row 0 is the image's bottom row.
	m := NewRGB(2, 1)
	copy(m.Pix, []float64{1, 0, 0, 0, 0, 1})
	img := m.Image()
	if c := img.NRGBAAt(0, 1); c.R != 255 {
		t.Errorf("origin lower: bottom pixel %v, want red", c)
	}
	if c := img.NRGBAAt(0, 0); c.B != 255 || c.R != 0 {
		t.Errorf("origin lower: top pixel %v, want blue", c)
	}
	// Truncation as matplotlib: 0.5 → 127.
	m.Pix[0] = 0.5
	if c := m.Image().NRGBAAt(0, 1); c.R != 127 {
		t.Errorf("0.5 → %d, want 127", c.R)
	}
}

func TestMatShowRowZeroAtTop(t *testing.T) {
	// 2 × 1 matrix: row 0 low (blue end), row 1 high (red end).
	img := rasterise(t, 2, 2, func(f *SuperFigure) {
		a, err := NewMatShowAxes([]float64{0, 1}, 2, 1, Coolwarm(), 1)
		if err != nil {
			t.Fatal(err)
		}
		a.Off = true
		a.Draw(f.Canvas())
	})
	top, bottom := img.RGBAAt(72, 40), img.RGBAAt(72, 104)
	if !(top.B > top.R && bottom.R > bottom.B) {
		t.Errorf("matshow: top %v should be blue (row 0), bottom %v red", top, bottom)
	}
	if _, err := NewMatShowAxes([]float64{0}, 2, 1, Coolwarm(), 1); err == nil {
		t.Error("bad matrix size: no error")
	}
}

func TestLegendBest(t *testing.T) {
	// Points crowd the upper right: best must avoid it.
	a := NewAxes()
	var xs, ys []float64
	for i := range 50 {
		xs = append(xs, 0.8+0.004*float64(i))
		ys = append(ys, 0.9+0.008*float64(i%10))
	}
	s := NewScatter(xs, ys, Blue, 1, MarkerPoint)
	a.Add(s)
	a.SetXLim(0, 1)
	a.SetYLim(0, 1)
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: 200, Y: 200}}}
	a.AddLegend("pts", s)
	w, h := a.Legend.size()
	_, p := a.dataCanvas(c)
	if got := bestLegendLoc(c, w, h, 5, a.plotters, p); got != LegendUpperLeft {
		t.Errorf("best legend location %v, want upper left", got)
	}
}

// TestPolarRing: a ring is drawn at its radius, and its label outside the
// disc, at the upper right.
func TestPolarRing(t *testing.T) {
	img := rasterise(t, 2, 2, func(f *SuperFigure) { // 144 × 144 px, disc of radius 72
		p := NewPolar()
		p.Spine.Width = 0
		p.Grid.Width = 0
		p.AddRing(0.5, "0.50", Solid(Red, 2))
		p.Draw(f.Canvas())
	})
	isRed := func(c color.RGBA) bool { return c.R > 150 && c.G < 100 && c.B < 100 }
	var onRing, outside, inside int
	for j := range 144 {
		for i := range 144 {
			if !isRed(img.RGBAAt(i, j)) {
				continue
			}
			r := math.Hypot(float64(i)+0.5-72, float64(j)+0.5-72)
			switch {
			case math.Abs(r-36) < 2:
				onRing++
			case r > 72:
				outside++
				if i < 72 || j > 72 {
					t.Fatalf("label pixel at (%d, %d), want the upper right", i, j)
				}
			case r < 34:
				inside++
			}
		}
	}
	if onRing < 150 || outside < 10 || inside > 0 {
		t.Errorf("ring pixels %d on the ring, %d outside the disc (label), %d inside the ring", onRing, outside, inside)
	}
}
