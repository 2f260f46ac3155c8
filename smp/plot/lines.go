package plot

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Named colours of matplotlib's single-letter and default colour cycle;
// variables only because Go has no struct constants: never assign to them.
var (
	Blue  = color.NRGBA{B: 255, A: 255}                    // "b"
	Green = color.NRGBA{G: 128, A: 255}                    // "g" (0, 0.5, 0)
	Red   = color.NRGBA{R: 255, A: 255}                    // "r"
	Black = color.NRGBA{A: 255}                            // "k"
	Grey  = color.NRGBA{R: 128, G: 128, B: 128, A: 255}    // "grey"
	C0    = color.NRGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 255} // default colour cycle's first colour
	Steel = color.NRGBA{R: 0x4c, G: 0x72, B: 0xb0, A: 255} // #4C72B0, the stick-plot colour
)

// Solid returns a solid line style of the given colour and width (points).
func Solid(col color.Color, width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: col, Width: width}
}

// Dashed returns matplotlib's "dashed" line style: dashes of 3.7 and gaps of
// 1.6 line widths (lines.dashed_pattern scaled by the width).
func Dashed(col color.Color, width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: col, Width: width, Dashes: []vg.Length{3.7 * width, 1.6 * width}}
}

// NewPolyline returns gonum's line (plotter.Line) of y against x = 0, 1,
// 2, ... in style, as matplotlib's plot(y): straight segments clipped to
// the axes, and as legend handle a horizontal line across it. y must be
// finite.
func NewPolyline(y []float64, style draw.LineStyle) (*plotter.Line, error) {
	xy := make(plotter.XYs, len(y))
	for i, v := range y {
		xy[i] = plotter.XY{X: float64(i), Y: v}
	}
	l, err := plotter.NewLine(xy)
	if err != nil {
		return nil, fmt.Errorf("plot: line: %w", err)
	}
	l.LineStyle = style
	return l, nil
}

// HLine is a horizontal line across the axes at data y = Y (axhline). It
// implements plot.Plotter.
type HLine struct {
	Y     float64
	Style draw.LineStyle
}

// Plot implements plot.Plotter.
func (h *HLine) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(h.Y)
	if c.ContainsY(y) {
		c.StrokeLine2(h.Style, c.Min.X, y, c.Max.X, y)
	}
}

// VLine is a vertical line across the axes at data x = X (axvline). It
// implements plot.Plotter.
type VLine struct {
	X     float64
	Style draw.LineStyle
}

// Plot implements plot.Plotter.
func (v *VLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(v.X)
	if c.ContainsX(x) {
		c.StrokeLine2(v.Style, x, c.Min.Y, x, c.Max.Y)
	}
}
