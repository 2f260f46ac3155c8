package plot

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/smp-go/smp-go/smp/num"
)

// Bars draws vertical bars like matplotlib's bar: bar i spans
// [Centers[i] − w_i/2, Centers[i] + w_i/2] × [0, Heights[i]], with
// w_i = Widths[i] if i < len(Widths), else Width (data units), filled with
// Color (alpha included), no edge. Its legend handle fills the box.
type Bars struct {
	Centers, Heights []float64
	Width            float64
	Widths           []float64
	Color            color.Color
}

func (b *Bars) width(i int) float64 {
	if i < len(b.Widths) {
		return b.Widths[i]
	}
	return b.Width
}

// Plot implements plot.Plotter.
func (b *Bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i := range min(len(b.Centers), len(b.Heights)) {
		h := b.Heights[i]
		if math.IsNaN(h) || math.IsNaN(b.Centers[i]) {
			continue
		}
		w := b.width(i)
		// Edges snapped to whole points, as Agg snaps rectilinear paths,
		// so that adjacent bars leave no seam.
		r := canonicalRect(snap(trX(b.Centers[i]-w/2)), snap(trY(0)), snap(trX(b.Centers[i]+w/2)), snap(trY(h)))
		pts := c.ClipPolygonXY([]vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
		if len(pts) > 2 {
			c.FillPolygon(b.Color, pts)
		}
	}
}

func snap(v vg.Length) vg.Length { return vg.Length(math.Round(float64(v))) }

// DataRange implements plot.DataRanger: the bars' extent, including 0.
func (b *Bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for i := range min(len(b.Centers), len(b.Heights)) {
		w := b.width(i)
		xmin = nanMin(xmin, b.Centers[i]-w/2)
		xmax = nanMax(xmax, b.Centers[i]+w/2)
		ymin = nanMin(ymin, b.Heights[i])
		ymax = nanMax(ymax, b.Heights[i])
	}
	return
}

// Thumbnail implements plot.Thumbnailer: a rectangle filling the legend
// handle, as matplotlib's legend draws a bar.
func (b *Bars) Thumbnail(c *draw.Canvas) { fillCanvas(c, b.Color) }

// fillCanvas fills c's rectangle with col.
func fillCanvas(c *draw.Canvas, col color.Color) {
	c.FillPolygon(col, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
}

// histogram returns num.Histogram's counts as float64 bar heights.
func histogram(values, edges []float64) ([]float64, error) {
	counts, err := num.Histogram(values, edges)
	if err != nil {
		return nil, fmt.Errorf("plot: %w", err)
	}
	h := make([]float64, len(counts))
	for i, c := range counts {
		h[i] = float64(c)
	}
	return h, nil
}

// NewPropHist returns the bars of the original's prop_hist: the count of
// values in each bin (num.Histogram) divided by the number of values (NaNs
// included, as len(data) in the original), centred on edges[i] + w/2 with
// width w = (last edge − first edge)/(number of bins).
func NewPropHist(values, edges []float64, col color.Color) (*Bars, error) {
	h, err := histogram(values, edges)
	if err != nil {
		return nil, err
	}
	if len(values) == 0 {
		return nil, fmt.Errorf("plot: proportion histogram of no values")
	}
	w := (edges[len(edges)-1] - edges[0]) / float64(len(edges)-1)
	centers := make([]float64, len(h))
	for i := range h {
		h[i] /= float64(len(values))
		centers[i] = edges[i] + w/2
	}
	return &Bars{Centers: centers, Heights: h, Width: w, Color: col}, nil
}

// NewHistBars returns the bars of matplotlib's hist with explicit edges:
// bin i's count drawn from edges[i] to edges[i+1].
func NewHistBars(values, edges []float64, col color.Color) (*Bars, error) {
	h, err := histogram(values, edges)
	if err != nil {
		return nil, err
	}
	b := &Bars{Heights: h, Color: col, Centers: make([]float64, len(h)), Widths: make([]float64, len(h))}
	for i := range h {
		b.Centers[i] = (edges[i] + edges[i+1]) / 2
		b.Widths[i] = edges[i+1] - edges[i]
	}
	return b, nil
}
