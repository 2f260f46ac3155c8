package figures

import (
	"fmt"
	"image/color"
	"math"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/num"
	"github.com/smp-go/smp-go/smp/plot"
)

// Figure 2's geometry, in inches from the figure's top-left corner (the
// original's SuperFigure layout).
const (
	Figure2Width = 3.0 // figure width
	// Figure2Height is the figure's height: 6.3 inches where the original
	// asked for 7.5. Its last panels end at 6.2 inches; the original's
	// figure had a blank strip of 1.2 inches below them, which its
	// notebook's inline display (bbox_inches="tight") cropped away. A
	// deliberate deviation: we crop it in the figure itself.
	Figure2Height = 6.3
	Figure2DPI    = 180 // resolution: the layout is 540 x 1134 points
	// Figure2Scale is the display scale: the figure is shown 1.5 times the
	// original's 540 pixels wide (810 x 1701 display pixels; a PNG of
	// 1620 x 3402 pixels at plot.PixelDensity 2), so that its 10-point
	// tick labels are about 10 display pixels tall instead of 7. Every
	// part scales alike: the layout and its proportions are the original's.
	Figure2Scale = 1.5
)

// figure2Layout is figure 2's layout. Its panels' boxes: A–E are
// full-width rows, F and G share a row, and so do H and I. The rows of A–E
// meet 22 points (of the 180 per inch) above the top of the next row's
// maps, between the S labels of panel A (or a row's maps) and the next
// row's letter.
var figure2Layout = layout{"figure 2", Figure2DPI, Figure2Scale, map[rune]box{
	'A': {0, 9.0 / 180, 3.0, 113.0 / 180},
	'B': {0, 122.0 / 180, 3.0, 126.0 / 180},
	'C': {0, 248.0 / 180, 3.0, 126.0 / 180},
	'D': {0, 374.0 / 180, 3.0, 126.0 / 180},
	'E': {0, 500.0 / 180, 3.0, 121.0 / 180},
	'F': {0, 3.45, 1.5, 1.4},
	'G': {1.5, 3.45, 1.5, 1.4},
	'H': {0, 4.85, 1.5, 1.45},
	'I': {1.5, 4.85, 1.5, 1.45},
}}

// Figure2Input is everything figure 2 draws.
type Figure2Input struct {
	// UnitsPerRNN are the unit counts of RNN-1, RNN-2 and RNN-3; the
	// per-unit slices below hold the RNNs' units concatenated in this order.
	UnitsPerRNN    []int
	Classification *smp.Classification // panels G (HD length), H (RNN-1 vectors), I (BVC scores)
	Stability      []float64           // panel F
	Units          *PanelUnits         // the units of panels A–E
	Maps           *PanelMaps          // their curves and ratemaps
}

// check checks what the panels do not check themselves before they use
// it: three RNNs, and the classification, units and maps all there.
func (in *Figure2Input) check() error {
	if len(in.UnitsPerRNN) != 3 {
		return fmt.Errorf("figure 2: want 3 RNNs, got unit counts %v", in.UnitsPerRNN)
	}
	c := in.Classification
	if c == nil || in.Units == nil || in.Maps == nil {
		return fmt.Errorf("figure 2: no classification, panel units or maps")
	}
	if len(c.HDAngle) != len(c.HDLength) {
		return fmt.Errorf("figure 2: %d HD angles for %d HD lengths", len(c.HDAngle), len(c.HDLength))
	}
	return nil
}

// Figure2 draws figure 2 at the original's positions and sizes (the table
// of docs/figure2-spec.md, "The panels"; the deviations are those of
// Figure2Height, Figure2A and Figure2H), each panel by the same code as the
// panel alone (Figure2A ... Figure2I).
func Figure2(in Figure2Input) (*plot.SuperFigure, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	f, err := newFigure(figure2Layout, Figure2Width, Figure2Height)
	if err != nil {
		return nil, err
	}
	u, m, c := in.Units, in.Maps, in.Classification
	n1 := in.UnitsPerRNN[0]
	for i, draw := range []func(*plot.SuperFigure) error{
		func(f *plot.SuperFigure) error { return drawFigure2A(f, m.HDCentres, m.HDCurves) },
		func(f *plot.SuperFigure) error { return drawRatemapRow(f, 'B', m.HD, u.HD) },
		func(f *plot.SuperFigure) error { return drawRatemapRow(f, 'C', m.Ego, u.Ego) },
		func(f *plot.SuperFigure) error { return drawRatemapRow(f, 'D', m.Allo, u.Allo) },
		func(f *plot.SuperFigure) error { return drawRatemapRow(f, 'E', m.Slots, u.Slots) },
		func(f *plot.SuperFigure) error { return drawFigure2F(f, in.Stability, in.UnitsPerRNN) },
		func(f *plot.SuperFigure) error { return drawFigure2G(f, c.HDLength, in.UnitsPerRNN) },
		func(f *plot.SuperFigure) error {
			return drawFigure2H(f, c.HDAngle[:n1], c.HDLength[:n1], c.HDThreshold)
		},
		func(f *plot.SuperFigure) error {
			return drawFigure2I(f, c.EgoScore, c.AlloScore, in.UnitsPerRNN, c.EgoThreshold, c.AlloThreshold)
		},
	} {
		if err := draw(f); err != nil {
			return nil, figure2Layout.panelError('A'+rune(i), err)
		}
	}
	return f, nil
}

// Figure2A draws panel A alone: the head-direction tuning of the HD units,
// curves[i] over the bin centres (directions, radians; PanelMaps'
// HDCentres and HDCurves), as the original's plot_polarplot: the positive
// lobe in blue, the negative lobe in red, radial limit 0..1 with one tick
// at 0.5, E/N/W/S ticks. At most PanelRowLength curves are drawn.
//
// Deviation: the original's tick-label pad of -5 points put the E/N/W/S
// labels on the circle; ours (pad 0) puts them just outside.
func Figure2A(centres []float64, curves [][]float64) (*plot.SuperFigure, error) {
	if len(curves) == 0 {
		return nil, fmt.Errorf("figure 2: panel A: no tuning curves")
	}
	return drawAlone(figure2Layout, 'A', func(f *plot.SuperFigure) error { return drawFigure2A(f, centres, curves) })
}

func drawFigure2A(f *plot.SuperFigure, centres []float64, curves [][]float64) error {
	if len(curves) > PanelRowLength {
		return fmt.Errorf("%d curves, at most %d fit", len(curves), PanelRowLength)
	}
	for i, c := range f.Row(len(curves), 0.25, 0.2, 0.4, 0.4, 0.15) {
		p := plot.NewPolar()
		p.RTicks = []float64{0.5}
		p.ThetaPad = 0
		p.Spine = plot.Solid(plot.Black, 1)
		if err := p.AddHDCurve(centres, curves[i], plot.Blue, plot.Red); err != nil {
			return err
		}
		p.Draw(c)
	}
	f.PanelLabel(0.25, 0.2, -0.05, 0, "A)")
	return nil
}

// Figure2B draws panel B alone: the spatial ratemaps of the HD units
// (RNN-1 units units, PanelMaps' HD) as octant mosaics, titled
// "RNN-1:u". See drawRatemapRow.
func Figure2B(maps []*smp.Ratemap, units []int) (*plot.SuperFigure, error) {
	return ratemapRowAlone('B', maps, units)
}

// Figure2C draws panel C alone: the octant mosaics of the egoBVC units
// (RNN-2 units units, PanelMaps' Ego), titled "RNN-2:u".
func Figure2C(maps []*smp.Ratemap, units []int) (*plot.SuperFigure, error) {
	return ratemapRowAlone('C', maps, units)
}

// Figure2D draws panel D alone: the octant mosaics of the BVC units (RNN-3
// units units, PanelMaps' Allo), titled "RNN-3:u".
func Figure2D(maps []*smp.Ratemap, units []int) (*plot.SuperFigure, error) {
	return ratemapRowAlone('D', maps, units)
}

// Figure2E draws panel E alone: the plain ratemaps of the reactivation
// p(slot | view) of memory slots slots (PanelMaps' Slots), titled
// "Mem:s".
func Figure2E(maps []*smp.Ratemap, slots []int) (*plot.SuperFigure, error) {
	return ratemapRowAlone('E', maps, slots)
}

// ratemapRowAlone draws panel B, C, D or E alone (see drawRatemapRow).
func ratemapRowAlone(panel rune, maps []*smp.Ratemap, units []int) (*plot.SuperFigure, error) {
	if len(maps) == 0 {
		return nil, fmt.Errorf("figure 2: panel %c: no ratemaps", panel)
	}
	return drawAlone(figure2Layout, panel, func(f *plot.SuperFigure) error { return drawRatemapRow(f, panel, maps, units) })
}

// ratemapRows describes panels B–E: the top of the row (inches), the
// title format and whether the maps are octant mosaics.
var ratemapRows = map[rune]struct {
	y         float64
	title     string
	perOctant bool
}{
	'B': {0.8, "RNN-1:%d", true},
	'C': {1.5, "RNN-2:%d", true},
	'D': {2.2, "RNN-3:%d", true},
	'E': {2.9, "Mem:%d", false},
}

// drawRatemapRow draws panel B, C, D or E: maps[i] through jet over its
// own 0th..100th percentile, with origin lower (the first index, x, runs
// up; the second, y, right), titled with units[i]: for B, C and D the
// 3 x 3 octant mosaic (plot.OctantRatemapRGB), for E the plain map. Empty
// bins are white.
func drawRatemapRow(f *plot.SuperFigure, panel rune, maps []*smp.Ratemap, units []int) error {
	row := ratemapRows[panel]
	if len(units) != len(maps) {
		return fmt.Errorf("%d units for %d maps", len(units), len(maps))
	}
	if len(maps) > PanelRowLength {
		return fmt.Errorf("%d maps, at most %d fit", len(maps), PanelRowLength)
	}
	for i, c := range f.Row(len(maps), 0.2, row.y, 0.5, 0.5, 0.05) {
		rm := maps[i]
		if rm == nil || (row.perOctant && rm.Octants == nil) {
			return fmt.Errorf("map %d has no per-octant maps", i)
		}
		rgb, err := plot.OctantRatemapRGB(rm.Plain, rm.Octants, rm.NX, rm.NY, row.perOctant)
		if err != nil {
			return err
		}
		plot.NewImshowAxes(rgb.Image(), fmt.Sprintf(row.title, units[i])).Draw(c)
	}
	f.PanelLabel(0.2, row.y, 0, 0, string(panel)+")")
	return nil
}

// rnnColours are the colours of RNN-1, RNN-2 and RNN-3 in panels F, G and
// I.
var rnnColours = []color.Color{plot.Blue, plot.Green, plot.Red}

// Figure2F draws panel F alone: the spatial stability of every unit (one
// value per unit, the RNNs' units concatenated in the order of
// unitsPerRNN) as proportion histograms per RNN. See drawPropHist.
func Figure2F(stability []float64, unitsPerRNN []int) (*plot.SuperFigure, error) {
	return drawAlone(figure2Layout, 'F', func(f *plot.SuperFigure) error { return drawFigure2F(f, stability, unitsPerRNN) })
}

func drawFigure2F(f *plot.SuperFigure, stability []float64, unitsPerRNN []int) error {
	return drawPropHist(f, 'F', 0.35, stability, unitsPerRNN, "Spatial stability", plot.LegendUpperLeft)
}

// Figure2G draws panel G alone: the head-direction resultant vector length
// of every unit (smp.Classification's HDLength, the RNNs' units
// concatenated in the order of unitsPerRNN) as proportion histograms per
// RNN. See drawPropHist.
func Figure2G(hdLength []float64, unitsPerRNN []int) (*plot.SuperFigure, error) {
	return drawAlone(figure2Layout, 'G', func(f *plot.SuperFigure) error { return drawFigure2G(f, hdLength, unitsPerRNN) })
}

func drawFigure2G(f *plot.SuperFigure, hdLength []float64, unitsPerRNN []int) error {
	return drawPropHist(f, 'G', 1.9, hdLength, unitsPerRNN, "Resultant vector length", plot.LegendUpperRight)
}

// Figure2H draws panel H alone: the resultant vector of each RNN-1 unit
// (smp.Classification's HDAngle and HDLength of the first unitsPerRNN[0]
// units) as a stick from radius 0 to its length at its angle, and the HD
// threshold (HDThreshold) as a dashed ring labelled with two decimals.
// The angles (swapped atan2, see smp.HDScorer) are plotted unchanged as
// polar angles, as in the original.
//
// Deviation: the original marks the threshold with a faint radial grid
// circle beneath the sticks, labelled among them; we draw it as a dashed
// black ring above the sticks (the style of panel I's thresholds), its
// label outside the circle at the upper right with a leader line.
func Figure2H(angles, lengths []float64, threshold float64) (*plot.SuperFigure, error) {
	return drawAlone(figure2Layout, 'H', func(f *plot.SuperFigure) error { return drawFigure2H(f, angles, lengths, threshold) })
}

func drawFigure2H(f *plot.SuperFigure, angles, lengths []float64, threshold float64) error {
	if math.IsNaN(threshold) || math.IsInf(threshold, 0) {
		return fmt.Errorf("HD threshold %v, want a finite number", threshold)
	}
	p := plot.NewPolar()
	if err := p.AddSticks(angles, lengths, plot.Steel); err != nil {
		return err
	}
	p.RTicks = nil
	p.AddRing(threshold, fmt.Sprintf("%.2f", threshold), plot.Dashed(plot.Black, plot.LineWidth))
	p.Grid = *plot.FaintGrid()
	p.Spine = plot.Solid(plot.SpineColor, plot.SpineWidth)
	p.Draw(f.Panel(0.35, 5.0, 1, 1))
	f.PanelLabel(0.35, 5.0, -0.15, 0, "H)")
	return nil
}

// Figure2I draws panel I alone: each unit's egocentric BVC score (ego)
// against its allocentric one (allo), the RNNs' units concatenated in the
// order of unitsPerRNN (smp.Classification's EgoScore and AlloScore): RNN-2
// green, RNN-3 red, RNN-1 blue (drawn in that order), alpha 0.6, small
// dots, with dashed lines at the egoBVC threshold (vertical) and the BVC
// threshold (horizontal).
func Figure2I(ego, allo []float64, unitsPerRNN []int, egoThreshold, alloThreshold float64) (*plot.SuperFigure, error) {
	return drawAlone(figure2Layout, 'I', func(f *plot.SuperFigure) error {
		return drawFigure2I(f, ego, allo, unitsPerRNN, egoThreshold, alloThreshold)
	})
}

func drawFigure2I(f *plot.SuperFigure, egoScore, alloScore []float64, unitsPerRNN []int, egoThreshold, alloThreshold float64) error {
	if len(unitsPerRNN) != 3 {
		return fmt.Errorf("want 3 RNNs, got unit counts %v", unitsPerRNN)
	}
	ego, err := smp.SplitByRNN(egoScore, unitsPerRNN)
	if err != nil {
		return fmt.Errorf("egoBVC scores: %w", err)
	}
	allo, err := smp.SplitByRNN(alloScore, unitsPerRNN)
	if err != nil {
		return fmt.Errorf("BVC scores: %w", err)
	}
	a := plot.NewAxes()
	for _, rnn := range []int{2, 3, 1} {
		s := plot.NewScatter(ego[rnn-1], allo[rnn-1], rnnColours[rnn-1], 0.6, plot.MarkerPoint)
		a.Add(s)
		a.AddLegend(fmt.Sprintf("RNN-%d", rnn), s)
	}
	a.Add(&plot.VLine{X: egoThreshold, Style: plot.Dashed(plot.Black, plot.LineWidth)},
		&plot.HLine{Y: alloThreshold, Style: plot.Dashed(plot.Black, plot.LineWidth)})
	a.SetXLim(0, 0.5)
	a.SetYLim(0, 0.5)
	ticks := plot.FixedTicks(num.Arange(0, 0.51, 0.1))
	a.X.Ticks, a.Y.Ticks = ticks, ticks
	a.X.Label, a.Y.Label = "Egocentric-BVC score", "Allocentric-BVC score"
	a.Grid = plot.FaintGrid()
	a.Draw(f.Panel(1.9, 5.0, 1, 1))
	f.PanelLabel(1.9, 5.0, -0.15, 0, "I)")
	return nil
}

// drawPropHist draws panel F or G, 1 x 1 inch at (x, 3.6): the proportion
// histogram (bins 0, 0.1, ..., 1) of each RNN's values (the RNNs' units
// concatenated in the order of unitsPerRNN) in its colour (rnnColours) at
// alpha 0.7, limits 0..1, a faint grid, the given x label, "Proportion of
// cells" and a legend at loc.
func drawPropHist(f *plot.SuperFigure, panel rune, x float64, values []float64, unitsPerRNN []int, xlabel string, loc plot.LegendLoc) error {
	per, err := smp.SplitByRNN(values, unitsPerRNN)
	if err != nil {
		return err
	}
	if len(per) != len(rnnColours) {
		return fmt.Errorf("want %d RNNs, got %d", len(rnnColours), len(per))
	}
	edges := num.Linspace(0, 1, 11)
	a := plot.NewAxes()
	for r, v := range per {
		b, err := plot.NewPropHist(v, edges, plot.WithAlpha(rnnColours[r], 0.7))
		if err != nil {
			return err
		}
		a.Add(b)
		a.AddLegend(fmt.Sprintf("RNN-%d", r+1), b)
	}
	a.SetXLim(0, 1)
	a.SetYLim(0, 1)
	a.X.Label, a.Y.Label = xlabel, "Proportion of cells"
	a.Legend.Loc = loc
	a.Grid = plot.FaintGrid()
	a.Draw(f.Panel(x, 3.6, 1, 1))
	f.PanelLabel(x, 3.6, -0.15, 0, string(panel)+")")
	return nil
}
