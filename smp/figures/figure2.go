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
	Figure2Width  = 3.0 // figure width
	Figure2Height = 7.5 // figure height
	Figure2DPI    = 180 // resolution: the PNG is 540 x 1350 pixels
)

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

// check validates the input's sizes.
func (in *Figure2Input) check() error {
	if len(in.UnitsPerRNN) != 3 {
		return fmt.Errorf("figure 2: want 3 RNNs, got unit counts %v", in.UnitsPerRNN)
	}
	total := 0
	for _, u := range in.UnitsPerRNN {
		total += u
	}
	c := in.Classification
	if c == nil {
		return fmt.Errorf("figure 2: no classification")
	}
	for name, n := range map[string]int{"HD lengths": len(c.HDLength), "HD angles": len(c.HDAngle),
		"egoBVC scores": len(c.EgoScore), "BVC scores": len(c.AlloScore), "stability values": len(in.Stability)} {
		if n != total {
			return fmt.Errorf("figure 2: %d %s for %d units", n, name, total)
		}
	}
	u, m := in.Units, in.Maps
	if u == nil || m == nil {
		return fmt.Errorf("figure 2: no panel units or maps")
	}
	if len(m.HDCurves) != len(u.HD) || len(m.HD) != len(u.HD) || len(m.Ego) != len(u.Ego) ||
		len(m.Allo) != len(u.Allo) || len(m.Slots) != len(u.Slots) {
		return fmt.Errorf("figure 2: panel maps (%d, %d, %d, %d, %d) do not match the units (%d, %d, %d, %d)",
			len(m.HDCurves), len(m.HD), len(m.Ego), len(m.Allo), len(m.Slots), len(u.HD), len(u.Ego), len(u.Allo), len(u.Slots))
	}
	for _, curve := range m.HDCurves {
		if len(curve) != len(m.HDCentres) {
			return fmt.Errorf("figure 2: HD curve of %d values for %d bins", len(curve), len(m.HDCentres))
		}
	}
	return nil
}

// Figure2 draws figure 2 (3.0 x 7.5 inches at 180 dpi, 540 x 1350 pixels):
//
//	A  HD tuning (36 bins) of the HD units: blue positive lobe, red negative
//	B  their ratemaps as octant mosaics, titled "RNN-1:u"
//	C  octant mosaics of the egoBVC units, "RNN-2:u"
//	D  octant mosaics of the BVC units, "RNN-3:u"
//	E  plain ratemaps of the memory slots' reactivation, "Mem:s"
//	F  spatial stability histograms per RNN       G  HD resultant vector length histograms per RNN
//	H  RNN-1 resultant vectors, HD threshold tick I  egoBVC score against BVC score, both thresholds
//
// at the original's positions and sizes (see the constants and the
// functions PolarRow, RatemapRow).
func Figure2(in Figure2Input) (*plot.SuperFigure, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	f, err := plot.NewSuperFigure(Figure2Width, Figure2Height, Figure2DPI)
	if err != nil {
		return nil, err
	}
	u, m, c := in.Units, in.Maps, in.Classification

	// A: HD tuning curves.
	if err := PolarRow(f, 0.25, 0.2, m.HDCentres, m.HDCurves); err != nil {
		return nil, err
	}
	f.PanelLabel(0.25, 0.2, -0.05, 0, "A)")

	// B–E: ratemap rows.
	rows := []struct {
		label     string
		y         float64
		maps      []*smp.Ratemap
		title     string
		units     []int
		perOctant bool
	}{
		{"B)", 0.8, m.HD, "RNN-1:%d", u.HD, true},
		{"C)", 1.5, m.Ego, "RNN-2:%d", u.Ego, true},
		{"D)", 2.2, m.Allo, "RNN-3:%d", u.Allo, true},
		{"E)", 2.9, m.Slots, "Mem:%d", u.Slots, false},
	}
	for _, r := range rows {
		titles := make([]string, len(r.units))
		for i, k := range r.units {
			titles[i] = fmt.Sprintf(r.title, k)
		}
		if err := RatemapRow(f, 0.2, r.y, r.maps, titles, r.perOctant); err != nil {
			return nil, fmt.Errorf("figure 2: panel %s %w", r.label, err)
		}
		f.PanelLabel(0.2, r.y, 0, 0, r.label)
	}

	rnnColours := []color.Color{plot.Blue, plot.Green, plot.Red}
	// F: spatial stability.
	stab, err := smp.SplitByRNN(in.Stability, in.UnitsPerRNN)
	if err != nil {
		return nil, err
	}
	a, err := propHistAxes(stab, rnnColours, "Spatial stability", plot.LegendUpperLeft)
	if err != nil {
		return nil, fmt.Errorf("figure 2: panel F: %w", err)
	}
	a.Draw(f.Panel(0.35, 3.6, 1, 1))
	f.PanelLabel(0.35, 3.6, -0.15, 0, "F)")

	// G: HD resultant vector lengths.
	lengths, err := smp.SplitByRNN(c.HDLength, in.UnitsPerRNN)
	if err != nil {
		return nil, err
	}
	if a, err = propHistAxes(lengths, rnnColours, "Resultant vector length", plot.LegendUpperRight); err != nil {
		return nil, fmt.Errorf("figure 2: panel G: %w", err)
	}
	a.Draw(f.Panel(1.9, 3.6, 1, 1))
	f.PanelLabel(1.9, 3.6, -0.15, 0, "G)")

	// H: RNN-1 resultant vectors. The angles (swapped atan2) are plotted
	// unchanged as polar angles, as in the original.
	n1 := in.UnitsPerRNN[0]
	p := plot.NewPolar(1)
	if err := p.AddSticks(c.HDAngle[:n1], c.HDLength[:n1], plot.Steel); err != nil {
		return nil, fmt.Errorf("figure 2: panel H: %w", err)
	}
	p.RTicks = []float64{c.HDThreshold}
	p.RTickLabels = []string{fmt.Sprintf("%.2f", c.HDThreshold)}
	p.Grid = *plot.FaintGrid()
	p.Spine = plot.Solid(plot.SpineColor, plot.SpineWidth)
	p.Draw(f.Panel(0.35, 5.0, 1, 1))
	f.PanelLabel(0.35, 5.0, -0.15, 0, "H)")

	// I: egocentric against allocentric BVC score.
	if a, err = bvcScatterAxes(in, c); err != nil {
		return nil, fmt.Errorf("figure 2: panel I: %w", err)
	}
	a.Draw(f.Panel(1.9, 5.0, 1, 1))
	f.PanelLabel(1.9, 5.0, -0.15, 0, "I)")
	return f, nil
}

// PolarRow draws a row of head-direction tuning plots (panel A's kind):
// panel i, 0.4 x 0.4 inches, has its top-left corner at (x + 0.55 i, y)
// inches and shows curves[i] over the bin centres (directions, radians) as
// the original's plot_polarplot: the positive lobe in blue, the negative
// lobe in red, radial limit 0..1 with one tick at 0.5, E/N/W/S ticks.
func PolarRow(f *plot.SuperFigure, x, y float64, centres []float64, curves [][]float64) error {
	if len(curves) == 0 {
		return nil
	}
	panels := f.Grid(1, len(curves), x, y, 0.4, 0.4, 0.15, 0.05)
	for i, c := range panels[0] {
		p := plot.NewPolar(1)
		p.RTicks = []float64{0.5}
		p.ThetaPad = -5
		p.Spine = plot.Solid(plot.Black, 1)
		if err := p.AddHDCurve(centres, curves[i], plot.Blue, plot.Red); err != nil {
			return fmt.Errorf("polar row: %w", err)
		}
		p.Draw(c)
	}
	return nil
}

// RatemapRow draws a row of ratemaps (panels B–E's kind): panel i, 0.5 x
// 0.5 inches, has its top-left corner at (x + 0.55 i, y) inches and shows
// maps[i] through jet over its own 0th..100th percentile, with origin
// lower (the first index, x, runs up; the second, y, right), titled
// titles[i]: with perOctant the 3 x 3 octant mosaic (OctantRatemapRGB),
// otherwise the plain map. Empty bins are white.
func RatemapRow(f *plot.SuperFigure, x, y float64, maps []*smp.Ratemap, titles []string, perOctant bool) error {
	if len(maps) == 0 {
		return nil
	}
	if len(titles) != len(maps) {
		return fmt.Errorf("ratemap row: %d titles for %d maps", len(titles), len(maps))
	}
	jet := plot.Jet()
	panels := f.Grid(1, len(maps), x, y, 0.5, 0.5, 0.05, 0.05)
	for i, c := range panels[0] {
		rm := maps[i]
		if perOctant && rm.Octants == nil {
			return fmt.Errorf("ratemap row: map %d has no per-octant maps", i)
		}
		rgb, err := plot.OctantRatemapRGB(rm.Plain, rm.Octants, rm.NX, rm.NY, perOctant, 0, 100, jet)
		if err != nil {
			return fmt.Errorf("ratemap row: %w", err)
		}
		plot.NewImshowAxes(rgb.Image(true), titles[i]).Draw(c)
	}
	return nil
}

// propHistAxes returns panel F's or G's axes: the proportion histogram
// (bins 0, 0.1, ..., 1) of each RNN's values in its colour at alpha 0.7,
// limits 0..1, a faint grid, the given x label, "Proportion of cells" and
// a legend.
func propHistAxes(values [][]float64, colours []color.Color, xlabel string, loc plot.LegendLoc) (*plot.Axes, error) {
	edges := make([]float64, 11)
	for i := range edges {
		edges[i] = float64(i) / 10
	}
	a := plot.NewAxes()
	for r, v := range values {
		b, err := plot.NewPropHist(v, edges, false, alpha(colours[r], 0.7))
		if err != nil {
			return nil, err
		}
		a.Add(b)
		a.AddLegend(fmt.Sprintf("RNN-%d", r+1), b)
	}
	a.SetXLim(0, 1)
	a.SetYLim(0, 1)
	a.X.Label, a.Y.Label = xlabel, "Proportion of cells"
	a.Legend.Loc = loc
	a.Grid = plot.FaintGrid()
	return a, nil
}

// bvcScatterAxes returns panel I's axes: each unit's egocentric BVC score
// against its allocentric one, RNN-2 green, RNN-3 red, RNN-1 blue (drawn in
// that order), alpha 0.6, small dots; dashed black lines at the egoBVC
// threshold (vertical) and the BVC threshold (horizontal); limits 0..0.5,
// ticks every 0.1.
func bvcScatterAxes(in Figure2Input, c *smp.Classification) (*plot.Axes, error) {
	ego, err := smp.SplitByRNN(c.EgoScore, in.UnitsPerRNN)
	if err != nil {
		return nil, err
	}
	allo, err := smp.SplitByRNN(c.AlloScore, in.UnitsPerRNN)
	if err != nil {
		return nil, err
	}
	a := plot.NewAxes()
	for _, r := range []struct {
		rnn int
		col color.Color
	}{{2, plot.Green}, {3, plot.Red}, {1, plot.Blue}} {
		s := plot.NewScatter(ego[r.rnn-1], allo[r.rnn-1], r.col, 0.6, plot.MarkerPoint)
		a.Add(s)
		a.AddLegend(fmt.Sprintf("RNN-%d", r.rnn), s)
	}
	a.Add(&plot.VLine{X: c.EgoThreshold, Style: plot.Dashed(plot.Black, plot.LineWidth)},
		&plot.HLine{Y: c.AlloThreshold, Style: plot.Dashed(plot.Black, plot.LineWidth)})
	a.SetXLim(0, 0.5)
	a.SetYLim(0, 0.5)
	ticks, err := plot.FixedTicks(num.Arange(0, 0.51, 0.1), nil)
	if err != nil {
		return nil, err
	}
	a.X.Ticks, a.Y.Ticks = ticks, ticks
	a.X.Label, a.Y.Label = "Egocentric-BVC score", "Allocentric-BVC score"
	a.Grid = plot.FaintGrid()
	return a, nil
}

// alpha returns c with its alpha multiplied by a (0..1), rounded to 8 bits.
func alpha(c color.Color, a float64) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(math.Round(float64(n.A) * a))
	return n
}
