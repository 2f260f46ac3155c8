package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/smp-go/smp-go/smp/num"
)

// demoOut saves f under t.TempDir() and, if PLOT_DEMO_OUT names a
// directory, there too (to look at the figure).
func demoOut(t *testing.T, f *SuperFigure, name string) {
	t.Helper()
	for _, dir := range []string{t.TempDir(), os.Getenv("PLOT_DEMO_OUT")} {
		if dir == "" {
			continue
		}
		for _, ext := range []string{".png", ".svg"} {
			if err := f.Save(filepath.Join(dir, name+ext)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestDemoFigure2 assembles a figure-2-like demo: one panel of each kind,
// with the fixture's ratemaps and synthetic data elsewhere.
func TestDemoFigure2(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	f, err := NewSuperFigure(3.0, 7.5, 180)
	if err != nil {
		t.Fatal(err)
	}

	// A: HD polar plots. Unit k prefers direction k·π/2 (0 = N), with a
	// small negative lobe opposite.
	const nb = 36
	centres := make([]float64, nb)
	for i := range centres {
		centres[i] = -math.Pi + (float64(i)+0.5)*2*math.Pi/nb
	}
	for k, c := range f.Row(5, 0.25, 0.2, 0.4, 0.4, 0.15) {
		pref := float64(k) * math.Pi / 2
		rates := make([]float64, nb)
		for i, ctr := range centres {
			rates[i] = 0.9*math.Exp(3*(math.Cos(ctr-pref)-1)) - 0.15
		}
		if k == 4 {
			rates[3] = math.NaN() // a gap
		}
		p := NewPolar()
		p.RTicks = []float64{0.5}
		p.ThetaPad = -5
		p.Spine = Solid(Black, 1)
		if err := p.AddHDCurve(centres, rates, Blue, Red); err != nil {
			t.Fatal(err)
		}
		p.Draw(c)
	}
	f.PanelLabel(0.25, 0.2, -0.05, 0, "A)")

	// B, C: octant ratemaps from the fixture (units 0 and 20), E: plain.
	var maps [2][2][]float64
	var nx, ny int
	for i, u := range []string{"u0", "u20"} {
		plain, shape := readNPZ(t, figure2NPZ, "ratemap_"+u)
		oct, _ := readNPZ(t, figure2NPZ, "ratemap_octants_"+u)
		maps[i] = [2][]float64{plain, oct}
		nx, ny = shape[0], shape[1]
	}
	for row, y := range []float64{0.8, 1.5} {
		panels := f.Row(5, 0.2, y, 0.5, 0.5, 0.05)
		for i, c := range panels {
			m := maps[(i+row)%2]
			rgb, err := OctantRatemapRGB(m[0], m[1], nx, ny, true)
			if err != nil {
				t.Fatal(err)
			}
			NewImshowAxes(rgb.Image(), fmt.Sprintf("RNN-%d:%d", row+1, i)).Draw(c)
		}
		f.PanelLabel(0.2, y, 0, 0, []string{"B)", "C)"}[row])
	}
	// D: an orientation check: a plain map that is high at large x (the
	// first index, drawn upward) and zero at y = 0 (left column).
	grad := make([]float64, nx*ny)
	for x := range nx {
		for y := range ny {
			grad[x*ny+y] = float64(x)
			if y == 0 {
				grad[x*ny+y] = math.NaN()
			}
		}
	}
	for i, c := range f.Row(5, 0.2, 2.2, 0.5, 0.5, 0.05) {
		m := grad
		title := "x up"
		if i > 0 {
			m, title = maps[i%2][0], fmt.Sprintf("Mem:%d", i)
		}
		rgb, err := OctantRatemapRGB(m, nil, nx, ny, false)
		if err != nil {
			t.Fatal(err)
		}
		NewImshowAxes(rgb.Image(), title).Draw(c)
	}
	f.PanelLabel(0.2, 2.2, 0, 0, "D)")

	// F: proportion histograms.
	edges := num.Arange(0, 1.01, 0.1)
	a := NewAxes()
	for i, col := range []color.Color{Blue, Green, Red} {
		vals := make([]float64, 50)
		for j := range vals {
			vals[j] = math.Min(0.999, math.Abs(rng.NormFloat64()*0.15+0.3*float64(i+1)))
		}
		b, err := NewPropHist(vals, edges, WithAlpha(col, 0.7))
		if err != nil {
			t.Fatal(err)
		}
		a.Add(b)
		a.AddLegend(fmt.Sprintf("RNN-%d", i+1), b)
	}
	a.SetXLim(0, 1)
	a.SetYLim(0, 1)
	a.X.Label, a.Y.Label = "Spatial stability", "Proportion of cells"
	a.Legend.Loc = LegendUpperLeft
	a.Grid = FaintGrid()
	a.Draw(f.Panel(0.35, 3.6, 1, 1))
	f.PanelLabel(0.35, 3.6, -0.15, 0, "F)")

	// H: stick plot.
	p := NewPolar()
	angles := make([]float64, 32)
	lengths := make([]float64, 32)
	for i := range angles {
		angles[i] = rng.Float64() * 2 * math.Pi
		lengths[i] = 0.2 + 0.7*rng.Float64()
	}
	if err := p.AddSticks(angles, lengths, Steel); err != nil {
		t.Fatal(err)
	}
	thr := 0.4123
	p.AddRing(thr, fmt.Sprintf("%.2f", thr), Dashed(Black, LineWidth))
	p.Grid = *FaintGrid()
	p.Spine = Solid(SpineColor, SpineWidth)
	p.Draw(f.Panel(0.35, 5.0, 1, 1))
	f.PanelLabel(0.35, 5.0, -0.15, 0, "H)")

	// I: scatter with thresholds.
	a = NewAxes()
	for i, col := range []color.Color{Green, Red, Blue} {
		n := 30
		xs, ys := make([]float64, n), make([]float64, n)
		for j := range xs {
			xs[j] = math.Abs(rng.NormFloat64()*0.1 + 0.1*float64(i+1))
			ys[j] = math.Abs(rng.NormFloat64()*0.1 + 0.1*float64(3-i))
		}
		s := NewScatter(xs, ys, col, 0.6, MarkerPoint)
		a.Add(s)
		a.AddLegend(fmt.Sprintf("RNN-%d", []int{2, 3, 1}[i]), s)
	}
	a.Add(&VLine{X: 0.2, Style: Dashed(WithAlpha(Black, 0.8), LineWidth)},
		&HLine{Y: 0.25, Style: Dashed(WithAlpha(Black, 0.8), LineWidth)})
	a.SetXLim(0, 0.5)
	a.SetYLim(0, 0.5)
	ticks := FixedTicks(num.Arange(0, 0.51, 0.1))
	a.X.Ticks, a.Y.Ticks = ticks, ticks
	a.X.Label, a.Y.Label = "Egocentric-BVC score", "Allocentric-BVC score"
	a.Grid = FaintGrid()
	a.Draw(f.Panel(1.9, 5.0, 1, 1))
	f.PanelLabel(1.9, 5.0, -0.15, 0, "I)")

	demoOut(t, f, "plotdemo")
}

// TestDemoFigure3 assembles the figure-3 pieces: matshow, π ticks, PCA
// scatter with crosses, quiver with a legend, histogram with an extra bar
// and thumbnails, equal-aspect trajectory panels in tab20b.
func TestDemoFigure3(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	f, err := NewSuperFigure(6.2, 5.05, 180)
	if err != nil {
		t.Fatal(err)
	}
	const T, nu = 1000, 20
	// A (bottom): a travelling bump over 20 units.
	m := make([]float64, nu*T)
	offset := make([]float64, T)
	ang := 0.0
	for s := range T {
		if s < 250 {
			ang += math.Pi / 20
		} else if s >= 500 {
			ang -= math.Pi / 40
		}
		offset[s] = math.Atan2(math.Sin(ang-math.Pi), math.Cos(ang-math.Pi))
		for u := range nu {
			m[u*T+s] = math.Cos(ang - float64(u)*2*math.Pi/nu)
		}
	}
	a, err := NewMatShowAxes(m, nu, T, Coolwarm(), 3.5)
	if err != nil {
		t.Fatal(err)
	}
	a.Y.Ticks = FixedTicks(num.Arange(0, nu+1, 10))
	a.X.Ticks = FixedTicks(num.Arange(0, T+1, 100))
	a.Y.Label, a.X.Label = "Unit", "Integration steps"
	a.Draw(f.Panel(0.45, 0.6, 4.1, 0.5))

	// A (top): dots with π ticks.
	a = NewAxes()
	a.Add(NewScatter(num.Arange(0, T, 1), offset, C0, 1, MarkerPoint))
	a.SetXLim(0, T)
	a.SetYLim(-math.Pi, math.Pi)
	a.Y.Ticks = PiTicks()
	a.X.Ticks = FixedTicks(num.Arange(0, T+1, 100))
	a.X.HideTickLabels = true
	a.Y.Label = "True angle"
	a.Draw(f.Panel(0.45, 0.2, 4.1, 0.3))
	f.PanelLabel(0.45, 0.2, -0.3, 0, "A)")

	// B/D: PCA-like scatter: grey cloud, green, black crosses on a ring.
	a = NewAxes()
	var gx, gy, cx, cy []float64
	for range 400 {
		gx = append(gx, rng.NormFloat64())
		gy = append(gy, rng.NormFloat64())
	}
	for k := range 12 {
		th := float64(k) * 2 * math.Pi / 12
		cx, cy = append(cx, 1.5*math.Cos(th)), append(cy, 1.5*math.Sin(th))
	}
	a.Add(NewScatter(gx, gy, Grey, 0.1, MarkerCircle), NewScatter(cx, cy, Black, 1, MarkerCross))
	a.SetXLim(-3, 3)
	a.SetYLim(-3, 3)
	a.X.Label, a.Y.Label = "PC 1", "PC 2"
	a.Draw(f.Panel(1.9, 1.6, 1, 1))
	f.PanelLabel(1.9, 1.6, -0.15, 0, "D)")

	// E: quiver around the ring, two directions, legend lower right.
	a = NewAxes()
	for dir, col := range []color.Color{Red, Blue} {
		sign := 1 - 2*float64(dir)
		var x, y, u, v []float64
		r := 1.5 + 0.5*float64(dir)
		for k := range 20 {
			th0 := sign * float64(k) * 0.25
			th1 := sign * float64(k+1) * 0.25
			x, y = append(x, r*math.Cos(th0)), append(y, r*math.Sin(th0))
			u, v = append(u, r*(math.Cos(th1)-math.Cos(th0))), append(v, r*(math.Sin(th1)-math.Sin(th0)))
		}
		a.Add(NewScatter(x[:1], y[:1], col, 1, MarkerCircle))
		q := &Quiver{X: x, Y: y, U: u, V: v, Color: WithAlpha(col, 0.5)}
		a.Add(q)
		a.AddLegend([]string{"ω = π/20", "ω = " + Minus + "π/20"}[dir], q)
	}
	a.Legend.Loc = LegendLowerRight
	a.SetXLim(-3, 3)
	a.SetYLim(-3, 3)
	a.X.Label, a.Y.Label = "PC 1", "PC 2"
	a.Draw(f.Panel(3.5, 1.6, 1, 1))
	f.PanelLabel(3.5, 1.6, -0.15, 0, "E)")

	// F: autocovariance-like lines, automatic limits and ticks.
	a = NewAxes()
	for dir, col := range []color.Color{Red, Blue} {
		y := make([]float64, 50)
		for l := range y {
			y[l] = math.Cos(float64(l)*0.2*(1+0.1*float64(dir))) * math.Exp(-float64(l)/40)
		}
		line, err := NewPolyline(y, Solid(col, 1))
		if err != nil {
			t.Fatal(err)
		}
		a.Add(line)
		a.AddLegend([]string{"ω = π/20", "ω = " + Minus + "π/20"}[dir], line)
	}
	a.Legend.Loc = LegendLowerRight
	a.X.Label, a.Y.Label = "Steps of dynamics", "Autocovariance"
	a.Draw(f.Panel(5.1, 1.6, 1, 1))
	f.PanelLabel(5.1, 1.6, -0.15, 0, "F)")

	// G: histogram with an extra red bar, thumbnails with arrows.
	thumb := func(k int) image.Image {
		img := image.NewNRGBA(image.Rect(0, 0, 32, 32))
		for y := range 32 {
			for x := range 32 {
				c := Tab20b()[(k*4+x/8+y/16)%20]
				if y > 20 {
					c = color.NRGBA{R: 90, G: 70, B: 50, A: 255}
				}
				img.SetNRGBA(x, y, c)
			}
		}
		return img
	}
	times := make([]float64, 0, 512)
	never := 0
	for range 512 {
		if rng.Float64() < 0.2 {
			never++
			continue
		}
		times = append(times, math.Abs(rng.NormFloat64()*20+10))
	}
	a = NewAxes()
	h, err := NewHistBars(times, linspace(0, 200, 20), C0)
	if err != nil {
		t.Fatal(err)
	}
	a.Add(h, &Bars{Centers: []float64{205}, Heights: []float64{float64(never)}, Width: 10, Color: Red})
	for k := range 3 {
		th := &Thumbnail{Img: thumb(k), X: 50 + 40*float64(k), Y: 250, FrameColor: Steel}
		if k == 0 {
			th.Arrow = &Arrow{X: 5, Y: 250}
		}
		tr := &Thumbnail{Img: thumb(k + 3), X: 150 - 40*float64(k), Y: 100, FrameColor: Red}
		if k == 0 {
			tr.Arrow = &Arrow{X: 205, Y: 100}
		}
		a.Add(th, tr)
	}
	a.SetXLim(0, 210)
	a.SetYLim(0, 384)
	a.X.Ticks = FixedTicks([]float64{0, 50, 100, 150, 200}, "0", "50", "100", "150", "  >200")
	a.Y.Ticks = FixedTicks([]float64{0, 128, 256, 384}, "0.0", "0.25", "0.5", "0.75")
	a.X.Label, a.Y.Label = "Time to convergence", "Proportion of images"
	a.Draw(f.Panel(0.3, 3.4, 2.0, 1.2))
	f.Label(0.3-0.15, 3.4-0.3, "G)")

	// H, I: image above, equal-aspect trajectories below.
	for k := range 3 {
		x := 2.7 + 1.2*float64(k)
		NewImshowAxes(thumb(k), "").Draw(f.Panel(x+0.2, 3.0, 0.5, 0.5))
		f.PanelLabel(x+0.2, 3.0, -0.35, 0.1, []string{"H)", "", "I)"}[k])
		a = NewAxes()
		tab := Tab20b()
		for b := range 8 {
			th := float64(b) * 2 * math.Pi / 8
			var xs, ys []float64
			px, py := 1.5*math.Cos(th), 1.5*math.Sin(th)
			for range 12 {
				xs, ys = append(xs, px), append(ys, py)
				px, py = px*0.75+0.25*1.2, py*0.75+0.25*(-0.9)
			}
			xs, ys = append(xs, px), append(ys, py)
			u, v := make([]float64, len(xs)-1), make([]float64, len(xs)-1)
			for i := range u {
				u[i], v[i] = xs[i+1]-xs[i], ys[i+1]-ys[i]
			}
			col := tab[b%len(tab)]
			a.Add(NewScatter(xs[:1], ys[:1], col, 1, MarkerCircle), &Quiver{X: xs[:len(u)], Y: ys[:len(u)], U: u, V: v, Color: col},
				NewScatter(xs[len(xs)-1:], ys[len(ys)-1:], Black, 1, MarkerCross))
		}
		a.SetXLim(-3, 3)
		a.SetYLim(-2, 2)
		a.Aspect = 1
		a.X.Label = "PC 1"
		if k == 0 {
			a.Y.Label = "PC 2"
		}
		a.Draw(f.Panel(x, 3.4+0.3, 0.9, 0.9))
	}
	demoOut(t, f, "plotdemo3")
}

// linspace is numpy's linspace(start, stop, n).
func linspace(start, stop float64, n int) []float64 {
	out := make([]float64, n)
	step := (stop - start) / float64(n-1)
	for i := range out {
		out[i] = start + float64(i)*step
	}
	out[n-1] = stop
	return out
}
