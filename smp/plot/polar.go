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

// polarLine is a line through the points at polar angles theta (radians,
// counter-clockwise from E) and radii r, joined by straight segments in the
// plane (as matplotlib draws a polar plot line). A NaN breaks the line.
type polarLine struct {
	theta, r []float64
	style    draw.LineStyle
}

// Polar is a matplotlib-like polar axes for radii 0..1: a disc of radius
// half the panel's smaller side, centred; grid circles at RTicks and spokes
// at the angular ticks E, N, W, S (polar angles 0°, 90°, 180°, 270°)
// beneath the lines, which are clipped to the disc; the spine (outer
// circle) on top; angular tick labels centred ThetaPad + 7 points outside
// the circle (matplotlib's pad plus its fixed 7 points); radial tick labels
// (ScalarFormatter) along the polar angle 22.5°; labels in FontSize, the
// title in TitleFontSize, its baseline TitlePad above the disc.
type Polar struct {
	RTicks   []float64
	ThetaPad vg.Length
	Grid     draw.LineStyle
	Spine    draw.LineStyle
	Title    string
	TitlePad vg.Length

	lines []polarLine
	rings []polarRing // drawn above the lines
}

// polarRing is a circle at radius r (a threshold) drawn above the lines.
// Its label sits outside the disc, where a square panel has room for it:
// the label's lower-left corner ringLabelPad points beyond the spine at
// polar angle 45°, joined to the ring by a thin leader line of the ring's
// colour.
type polarRing struct {
	r     float64
	label string
	style draw.LineStyle
}

// ringLabelPad is the gap between the spine and a ring's label, in points.
const ringLabelPad = 3

// Angular ticks and the polar angle of the radial tick labels.
var (
	thetaTicks  = []float64{0, math.Pi / 2, math.Pi, 3 * math.Pi / 2}
	thetaLabels = []string{"E", "N", "W", "S"}
)

const rLabelAngle = 22.5 * math.Pi / 180

// AddRing adds a ring at radius r in style, labelled label (see Polar).
func (p *Polar) AddRing(r float64, label string, style draw.LineStyle) {
	p.rings = append(p.rings, polarRing{r: r, label: label, style: style})
}

// NewPolar returns polar axes with matplotlib's defaults: no radial ticks,
// tick-label pad TickPad, grid #b0b0b0 0.8 points, black 0.8-point spine,
// title pad TitlePad.
func NewPolar() *Polar {
	return &Polar{
		ThetaPad: TickPad,
		Grid:     draw.LineStyle{Color: color.NRGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 255}, Width: 0.8},
		Spine:    draw.LineStyle{Color: color.Black, Width: 0.8},
		TitlePad: TitlePad,
	}
}

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
	p.lines = append(p.lines, polarLine{theta, rp, Solid(pos, LineWidth)}, polarLine{theta, rn, Solid(neg, LineWidth)})
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
		p.lines = append(p.lines, polarLine{[]float64{angles[i], angles[i]}, []float64{0, lengths[i]}, Solid(col, LineWidth)})
	}
	return nil
}

// Draw draws the polar axes in c.
func (p *Polar) Draw(c draw.Canvas) {
	ctr := c.Center()
	rad := min(c.Size().X, c.Size().Y) / 2
	if rad <= 0 {
		return
	}
	at := func(theta, r float64) vg.Point {
		s, co := math.Sincos(theta)
		k := float64(rad) * r
		return vg.Point{X: ctr.X + vg.Length(k*co), Y: ctr.Y + vg.Length(k*s)}
	}
	circle := func(r vg.Length) vg.Path { return circlePath(ctr, r) }
	c.SetColor(color.White)
	c.Fill(circle(rad))

	// Grid.
	if p.Grid.Width > 0 {
		c.SetLineStyle(p.Grid)
		for _, r := range p.RTicks {
			if r > 0 && r < 1 {
				c.Stroke(circle(rad * vg.Length(r)))
			}
		}
		for _, th := range thetaTicks {
			e := at(th, 1)
			c.StrokeLine2(p.Grid, ctr.X, ctr.Y, e.X, e.Y)
		}
	}

	// Lines, segment by segment, clipped to the disc.
	for _, l := range p.lines {
		nan := func(i int) bool { return math.IsNaN(l.theta[i]) || math.IsNaN(l.r[i]) }
		for i := 1; i < len(l.theta); i++ {
			if nan(i-1) || nan(i) {
				continue
			}
			if a, b, ok := clipSegmentToDisc(at(l.theta[i-1], l.r[i-1]), at(l.theta[i], l.r[i]), ctr, rad); ok {
				c.StrokeLine2(l.style, a.X, a.Y, b.X, b.Y)
			}
		}
	}

	if p.Spine.Width > 0 {
		c.SetLineStyle(p.Spine)
		c.Stroke(circle(rad))
	}

	for _, g := range p.rings {
		if !(g.r > 0) || g.r > 1 {
			continue
		}
		r := rad * vg.Length(g.r)
		c.SetLineStyle(g.style)
		c.Stroke(circle(r))
		if g.label == "" {
			continue
		}
		s, co := math.Sincos(math.Pi / 4)
		dir := vg.Point{X: vg.Length(co), Y: vg.Length(s)}
		from, to := ctr.Add(dir.Scale(r)), ctr.Add(dir.Scale(rad+ringLabelPad))
		leader := draw.LineStyle{Color: g.style.Color, Width: min(g.style.Width, 0.8)}
		c.StrokeLine2(leader, from.X, from.Y, to.X, to.Y)
		sty := labelFont
		sty.Color = g.style.Color
		drawText(c, sty, to, g.label, draw.XLeft, VBottom)
	}

	// Angular tick labels: matplotlib's ThetaTick anchors them at their
	// centre, with 7 points of padding besides ThetaPad.
	for i, th := range thetaTicks {
		s, co := math.Sincos(th)
		d := rad + p.ThetaPad + 7
		pt := vg.Point{X: ctr.X + d*vg.Length(co), Y: ctr.Y + d*vg.Length(s)}
		drawText(c, labelFont, pt, thetaLabels[i], draw.XCenter, VCenter)
	}

	// Radial tick labels.
	for _, t := range FormatTicks(p.RTicks, 0, 1) {
		if t.Value >= 0 && t.Value <= 1 {
			drawText(c, labelFont, at(rLabelAngle, t.Value), t.Label, draw.XLeft, VBottom)
		}
	}

	if p.Title != "" {
		drawText(c, titleFont, vg.Point{X: ctr.X, Y: ctr.Y + rad + p.TitlePad}, p.Title, draw.XCenter, VBaseline)
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

// circlePath returns the circle of radius r about ctr.
func circlePath(ctr vg.Point, r vg.Length) vg.Path {
	var path vg.Path
	path.Move(vg.Point{X: ctr.X + r, Y: ctr.Y})
	path.Arc(ctr, r, 0, 2*math.Pi)
	path.Close()
	return path
}
