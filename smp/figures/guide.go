package figures

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/plot"
)

// OctantGuide draws a key to reading panels A and B (4.5 x 1.8 inches at
// 180 dpi): one unit's head-direction tuning curve as in panel A (centres
// and curve as in PanelMaps), its octant mosaic as in panel B (m with
// per-octant maps, titled title), and a key naming the head directions each
// tile of the mosaic shows. The tile of heading theta lies in the direction
// in which the polar plot draws theta, so an HD cell tuned to theta lights
// up the tile on the same side as its lobe.
func OctantGuide(centres, curve []float64, m *smp.Ratemap, title string) (*plot.SuperFigure, error) {
	if m == nil || m.Octants == nil {
		return nil, fmt.Errorf("octant guide: want a ratemap with per-octant maps")
	}
	f, err := plot.NewSuperFigure(4.5, 1.8, Figure2DPI)
	if err != nil {
		return nil, err
	}
	const y, size = 0.35, 1.2
	p := plot.NewPolar()
	p.RTicks = []float64{0.5}
	p.Spine = plot.Solid(plot.Black, 1)
	p.Title = "HD tuning"
	p.TitlePad = 20 // above the N tick label
	if err := p.AddHDCurve(centres, curve, plot.Blue, plot.Red); err != nil {
		return nil, fmt.Errorf("octant guide: %w", err)
	}
	p.Draw(f.Panel(0.25, y, size, size))

	rgb, err := plot.OctantRatemapRGB(m.Plain, m.Octants, m.NX, m.NY, true)
	if err != nil {
		return nil, fmt.Errorf("octant guide: %w", err)
	}
	plot.NewImshowAxes(rgb.Image(), title).Draw(f.Panel(1.65, y, size, size))

	// The key: a 3 x 3 grid of grey tiles naming their head directions.
	// octantKey gives, for each tile of the octant mosaic as drawn (row 0 at
	// the top), its octant k: the head directions within 22.5 degrees of
	// k*45 degrees; -1 is the plain map of all samples. compass names the
	// direction in which heading k*45 degrees is drawn: with the ratemaps'
	// first coordinate upward, heading 0 points up (N) and 90 degrees right
	// (E), as in the polar plots.
	octantKey := [3][3]int{{7, 0, 1}, {6, -1, 2}, {5, 4, 3}}
	compass := [8]string{"N", "NE", "E", "SE", "S", "SW", "W", "NW"}

	c := f.Panel(3.05, y, size, size)
	tile := (c.Max.X - c.Min.X) / 3
	gap := tile * 2 / vg.Length(m.NY+2) // the mosaic's white frames, two bins wide between tiles
	sty := plot.TextStyle(plot.FontSize)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
	for r := range 3 {
		for col := range 3 {
			x0 := c.Min.X + vg.Length(col)*tile + gap/2
			y1 := c.Max.Y - vg.Length(r)*tile - gap/2
			x1, y0 := x0+tile-gap, y1-tile+gap
			grey, text := uint8(0xc8), [2]string{"all", "samples"}
			if k := octantKey[r][col]; k >= 0 {
				grey, text = 0xe8, [2]string{fmt.Sprintf("%d°", 45*k), compass[k]}
			}
			fill := color.NRGBA{R: grey, G: grey, B: grey, A: 255}
			c.FillPolygon(fill, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
			mid := vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}
			c.FillText(sty, vg.Point{X: mid.X, Y: mid.Y + 6}, text[0])
			c.FillText(sty, vg.Point{X: mid.X, Y: mid.Y - 6}, text[1])
		}
	}
	ts := plot.TextStyle(plot.TitleFontSize)
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YBottom
	c.FillText(ts, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y + plot.TitlePad}, "heading per tile")
	return f, nil
}
