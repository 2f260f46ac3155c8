package plot

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DirectionToPolar returns the polar angle at which a direction theta
// (radians) is drawn: π/2 − theta. The ratemaps' first coordinate points
// up and the second right, so direction 0 is drawn at the top (N) and π/2
// at the right (E), as in the original's polar plots.
func DirectionToPolar(theta float64) float64 { return math.Pi/2 - theta }

// PolarLine is a line through the points at polar angles Theta (radians,
// counter-clockwise from the right, E) and radii R, joined by straight
// segments in the plane (as matplotlib draws a polar plot line) and clipped
// to the polar disc. A NaN breaks the line.
//
// Theta and R should have equal lengths; as drawing cannot return an
// error, only the first min(len(Theta), len(R)) points are drawn.
type PolarLine struct {
	Theta, R []float64
	Style    draw.LineStyle
}

// Polar is a matplotlib-like polar axes filling a panel: a disc of radius
// half the panel's smaller side, centred, for radii 0..RMax; grid circles at
// the radial ticks and spokes at the angular ticks beneath the lines; the
// spine (outer circle) on top; angular tick labels centred ThetaPad + 7
// points outside the circle in their direction (matplotlib's pad plus its
// fixed 7 points; the original's panel A uses pad −5); radial tick labels
// along the polar angle RLabelAngle.
type Polar struct {
	RMax        float64
	RTicks      []float64
	RTickLabels []string // nil: formatted as matplotlib's ScalarFormatter
	RLabelAngle float64  // polar angle of the radial labels, radians

	ThetaTicks  []float64 // polar angles, radians
	ThetaLabels []string
	ThetaPad    vg.Length

	Grid  draw.LineStyle
	Spine draw.LineStyle
	Font  draw.TextStyle

	Title     string
	TitleFont draw.TextStyle
	TitlePad  vg.Length

	Lines []PolarLine
	Rings []PolarRing // drawn above the lines
}

// PolarRing is a circle at radius R (e.g. a threshold) drawn above the
// lines, with its label outside the disc: the label's lower-left corner
// sits RingLabelPad points beyond the spine at polar angle LabelAngle
// (radians), joined to the ring by a thin leader line of the ring's colour,
// so that it never sits on the lines inside the disc.
type PolarRing struct {
	R          float64
	Label      string
	LabelAngle float64
	Style      draw.LineStyle
}

// RingLabelPad is the gap between the spine and a ring's label, in points.
const RingLabelPad = 3

// AddRing adds a ring at radius r in style, labelled label outside the
// disc at 45° (the upper right), where a square panel has room for it.
func (p *Polar) AddRing(r float64, label string, style draw.LineStyle) {
	p.Rings = append(p.Rings, PolarRing{R: r, Label: label, LabelAngle: math.Pi / 4, Style: style})
}

// NewPolar returns polar axes with matplotlib's defaults as the figures use
// them: radial limit 0..rmax, ticks E, N, W, S at polar angles 0°, 90°,
// 180°, 270°, radial labels at 22.5°, tick-label pad 3.5 points, grid
// #b0b0b0 0.8 points, black 0.8-point spine, 10-point labels.
func NewPolar(rmax float64) *Polar {
	return &Polar{
		RMax:        rmax,
		RLabelAngle: 22.5 * math.Pi / 180,
		ThetaTicks:  []float64{0, math.Pi / 2, math.Pi, 3 * math.Pi / 2},
		ThetaLabels: []string{"E", "N", "W", "S"},
		ThetaPad:    TickPad,
		Grid:        draw.LineStyle{Color: color.NRGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 255}, Width: 0.8},
		Spine:       draw.LineStyle{Color: color.Black, Width: 0.8},
		Font:        TextStyle(FontSize),
		TitleFont:   TextStyle(TitleFontSize),
		TitlePad:    TitlePad,
	}
}

// Add adds lines, drawn in order.
func (p *Polar) Add(lines ...PolarLine) { p.Lines = append(p.Lines, lines...) }

// AddHDCurve adds the original's head-direction tuning plot of one ratemap
// (plot_polarplot): with rates r_i at bin centres c_i (directions), the
// positive lobe max(r_i, 0) in pos and the negative lobe max(−r_i, 0) in
// neg, each a closed curve (the first point repeated at the end) at polar
// angles π/2 − c_i. NaN rates leave gaps. Lines are 1.5 points wide.
func (p *Polar) AddHDCurve(centres, rates []float64, pos, neg color.Color) error {
	if len(centres) != len(rates) || len(rates) == 0 {
		return fmt.Errorf("plot: HD curve: %d bin centres for %d rates", len(centres), len(rates))
	}
	n := len(rates)
	theta := make([]float64, n+1)
	rp := make([]float64, n+1)
	rn := make([]float64, n+1)
	for i := range n + 1 {
		k := i % n
		theta[i] = DirectionToPolar(centres[k])
		r := rates[k]
		switch {
		case math.IsNaN(r):
			rp[i], rn[i] = math.NaN(), math.NaN()
		case r > 0:
			rp[i] = r
		case r < 0:
			rn[i] = -r
		}
	}
	p.Add(PolarLine{Theta: theta, R: rp, Style: Solid(pos, LineWidth)},
		PolarLine{Theta: theta, R: rn, Style: Solid(neg, LineWidth)})
	return nil
}

// AddSticks adds one line from radius 0 to radius lengths[i] at polar angle
// angles[i] per unit, in col, 1.5 points wide (panel H: the resultant-vector
// angles of the swapped atan2 convention are already polar angles, and the
// original plots them unchanged).
func (p *Polar) AddSticks(angles, lengths []float64, col color.Color) error {
	if len(angles) != len(lengths) {
		return fmt.Errorf("plot: sticks: %d angles for %d lengths", len(angles), len(lengths))
	}
	for i := range angles {
		p.Add(PolarLine{Theta: []float64{angles[i], angles[i]}, R: []float64{0, lengths[i]}, Style: Solid(col, LineWidth)})
	}
	return nil
}

// Draw draws the polar axes in c.
func (p *Polar) Draw(c draw.Canvas) {
	ctr := c.Center()
	rad := min(c.Size().X, c.Size().Y) / 2
	if rad <= 0 || !(p.RMax > 0) {
		return
	}
	at := func(theta, r float64) vg.Point {
		s, co := math.Sincos(theta)
		k := float64(rad) * r / p.RMax
		return vg.Point{X: ctr.X + vg.Length(k*co), Y: ctr.Y + vg.Length(k*s)}
	}
	circle := func(r vg.Length) vg.Path {
		var path vg.Path
		path.Move(vg.Point{X: ctr.X + r, Y: ctr.Y})
		path.Arc(ctr, r, 0, 2*math.Pi)
		path.Close()
		return path
	}
	c.SetColor(color.White)
	c.Fill(circle(rad))

	// Grid.
	if p.Grid.Width > 0 {
		c.SetLineStyle(p.Grid)
		for _, r := range p.RTicks {
			if r > 0 && r < p.RMax {
				c.Stroke(circle(rad * vg.Length(r/p.RMax)))
			}
		}
		for _, th := range p.ThetaTicks {
			e := at(th, p.RMax)
			c.StrokeLine2(p.Grid, ctr.X, ctr.Y, e.X, e.Y)
		}
	}

	// Lines, clipped to the disc.
	for _, l := range p.Lines {
		var run []vg.Point
		flush := func() {
			for i := 1; i < len(run); i++ {
				if a, b, ok := clipSegmentToDisc(run[i-1], run[i], ctr, rad); ok {
					c.StrokeLine2(l.Style, a.X, a.Y, b.X, b.Y)
				}
			}
			run = run[:0]
		}
		for i := range min(len(l.Theta), len(l.R)) {
			if math.IsNaN(l.Theta[i]) || math.IsNaN(l.R[i]) {
				flush()
				continue
			}
			run = append(run, at(l.Theta[i], l.R[i]))
		}
		flush()
	}

	if p.Spine.Width > 0 {
		c.SetLineStyle(p.Spine)
		c.Stroke(circle(rad))
	}

	for _, g := range p.Rings {
		if !(g.R > 0) || g.R > p.RMax {
			continue
		}
		r := rad * vg.Length(g.R/p.RMax)
		c.SetLineStyle(g.Style)
		c.Stroke(circle(r))
		if g.Label == "" {
			continue
		}
		s, co := math.Sincos(g.LabelAngle)
		dir := vg.Point{X: vg.Length(co), Y: vg.Length(s)}
		from, to := ctr.Add(dir.Scale(r)), ctr.Add(dir.Scale(rad+RingLabelPad))
		leader := draw.LineStyle{Color: g.Style.Color, Width: min(g.Style.Width, 0.8)}
		c.StrokeLine2(leader, from.X, from.Y, to.X, to.Y)
		xa := draw.XLeft
		if co < 0 {
			xa = draw.XRight
		}
		va := VBottom
		if s < 0 {
			va = VTop
		}
		sty := p.Font
		sty.Color = g.Style.Color
		drawText(c, sty, to, g.Label, xa, va)
	}

	// Angular tick labels, centred ThetaPad + 7 points outside the circle
	// (matplotlib's ThetaTick anchors them at their centre with 7 points of
	// extra padding).
	for i, th := range p.ThetaTicks {
		if i >= len(p.ThetaLabels) {
			break
		}
		s, co := math.Sincos(th)
		d := rad + p.ThetaPad + 7
		pt := vg.Point{X: ctr.X + d*vg.Length(co), Y: ctr.Y + d*vg.Length(s)}
		drawText(c, p.Font, pt, p.ThetaLabels[i], draw.XCenter, VCenter)
	}

	// Radial tick labels.
	labels := p.RTickLabels
	if labels == nil && len(p.RTicks) > 0 {
		for _, t := range FormatTicks(p.RTicks, 0, p.RMax) {
			labels = append(labels, t.Label)
		}
	}
	for i, r := range p.RTicks {
		if i >= len(labels) || labels[i] == "" || r < 0 || r > p.RMax {
			continue
		}
		drawText(c, p.Font, at(p.RLabelAngle, r), labels[i], draw.XLeft, VBottom)
	}

	if p.Title != "" {
		drawText(c, p.TitleFont, vg.Point{X: ctr.X, Y: ctr.Y + rad + p.TitlePad}, p.Title, draw.XCenter, VBaseline)
	}
}

// clipSegmentToDisc clips the segment a–b to the disc of radius r about o.
func clipSegmentToDisc(a, b, o vg.Point, r vg.Length) (vg.Point, vg.Point, bool) {
	ax, ay := float64(a.X-o.X), float64(a.Y-o.Y)
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	rr := float64(r) * (1 + 1e-9)
	qa := dx*dx + dy*dy
	qb := 2 * (ax*dx + ay*dy)
	qc := ax*ax + ay*ay - rr*rr
	if qa == 0 {
		return a, b, qc <= 0
	}
	disc := qb*qb - 4*qa*qc
	if disc < 0 {
		return a, b, false
	}
	sq := math.Sqrt(disc)
	t0 := math.Max((-qb-sq)/(2*qa), 0)
	t1 := math.Min((-qb+sq)/(2*qa), 1)
	if t0 > t1 {
		return a, b, false
	}
	pt := func(t float64) vg.Point {
		return vg.Point{X: a.X + vg.Length(t*dx), Y: a.Y + vg.Length(t*dy)}
	}
	return pt(t0), pt(t1), true
}
