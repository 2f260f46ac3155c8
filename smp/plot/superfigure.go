package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/smp-go/smp-go/smp/data"
)

// LabelFontSize is the panel-label font size in points before scaling by
// dpi/72 (the original's add_text default, fontsize=9).
const LabelFontSize = 9

// PixelDensity is the number of PNG pixels per display pixel along each
// side: figures are rendered at twice their display size, sharp on
// high-density screens (a deliberate deviation from the original's one
// pixel per point).
const PixelDensity = 2

// SuperFigure is the original's SuperFigure: a figure of W × H inches at
// DPI dots per inch, with panels placed by their top-left corner, width
// and height in inches from the figure's top-left corner, and lettered
// panel labels. Its canvas is W·DPI by H·DPI points (see the package
// documentation on units). Drawing is recorded and replayed on the PNG or
// SVG backend when the figure is written; images are resampled
// nearest-neighbour onto the output pixel grid (crispCanvas).
type SuperFigure struct {
	w, h, dpi float64
	x0, y0    float64 // layout coordinates of the figure's top-left corner (SetOrigin)
	scale     float64 // display pixels per point (SetScale)
	rec       *recorder.Canvas
	bgFill    int        // index in rec of the white background's fill
	rendered  *rendering // what Render replayed so far, for Save (nil: nothing)
}

// NewSuperFigure returns an empty, white figure of width × height inches at
// dpi dots per inch, at scale 1 (see SetScale).
func NewSuperFigure(width, height, dpi float64) (*SuperFigure, error) {
	for _, v := range []float64{width, height, dpi} {
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("plot: super-figure %v × %v in at %v dpi: sizes and dpi must be positive and finite", width, height, dpi)
		}
	}
	if width*dpi < 1 || height*dpi < 1 || width*dpi*height*dpi > 1<<28 {
		return nil, fmt.Errorf("plot: super-figure %v × %v in at %v dpi: image of %.0f × %.0f pixels out of range", width, height, dpi, width*dpi, height*dpi)
	}
	f := &SuperFigure{w: width, h: height, dpi: dpi, scale: 1, rec: new(recorder.Canvas)}
	// The white background (matplotlib's figure facecolor), recorded for
	// the SVG.
	c := f.Canvas()
	c.SetColor(color.White)
	f.bgFill = len(f.rec.Actions)
	c.Fill(c.Rectangle.Path())
	return f, nil
}

// SetScale sets the display scale s: the figure is shown at s display
// (CSS) pixels per point (DisplaySize), every part of it scaling alike,
// and its PNG has PixelDensity times as many pixels along each side
// (PixelSize). s is rounded to a multiple of 1/(72·PixelDensity), so that
// the PNG is rendered at a whole number of dots per inch. The default is
// 1, the original's size.
func (f *SuperFigure) SetScale(s float64) error {
	s = math.Round(s*72*PixelDensity) / (72 * PixelDensity)
	if !(s > 0) || math.IsInf(s, 0) {
		return fmt.Errorf("plot: super-figure scale %v: want a positive, finite scale of at least 1/%d", s, 72*PixelDensity)
	}
	if w, h := f.size(); float64(w)*s*PixelDensity*float64(h)*s*PixelDensity > 1<<28 {
		return fmt.Errorf("plot: super-figure scale %v: image of %.0f × %.0f pixels out of range", s, float64(w)*s*PixelDensity, float64(h)*s*PixelDensity)
	}
	f.scale = s
	return nil
}

// renderDPI returns the dots per inch at which the canvas (in points) is
// rendered to the PNG: 72·Scale·PixelDensity, a whole number.
func (f *SuperFigure) renderDPI() int { return int(math.Round(72 * f.scale * PixelDensity)) }

// PixelSize returns the size of the figure's PNG in pixels:
// round(W·DPI·Scale·PixelDensity) × round(H·DPI·Scale·PixelDensity).
func (f *SuperFigure) PixelSize() (width, height int) {
	w, h := f.size()
	k := float64(f.renderDPI()) / 72
	return int(float64(w)*k + 0.5), int(float64(h)*k + 0.5)
}

// DisplaySize returns the size at which the figure is shown, in display
// (CSS) pixels: its PixelSize divided by PixelDensity, rounded.
func (f *SuperFigure) DisplaySize() (width, height int) {
	w, h := f.PixelSize()
	return int(math.Round(float64(w) / PixelDensity)), int(math.Round(float64(h) / PixelDensity))
}

// SetOrigin makes (x, y), in inches from the top-left corner of the
// layout, the figure's top-left corner: positions given to Panel, Row,
// Label and PanelLabel are then measured from there. A figure of one
// panel's size with its origin at that panel's corner shows exactly that
// panel of the larger layout, drawn by the same code.
func (f *SuperFigure) SetOrigin(x, y float64) { f.x0, f.y0 = x, y }

// Length converts a length in the figure's inches to canvas points:
// inches·DPI.
func (f *SuperFigure) Length(inches float64) vg.Length { return vg.Length(inches * f.dpi) }

// size returns the canvas size in points.
func (f *SuperFigure) size() (vg.Length, vg.Length) { return f.Length(f.w), f.Length(f.h) }

// Canvas returns a draw.Canvas covering the whole figure, origin at the
// bottom left, in points.
func (f *SuperFigure) Canvas() draw.Canvas {
	w, h := f.size()
	return draw.Canvas{Canvas: f.rec, Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}}
}

// point converts a position (x, y) in inches from the layout's top-left
// corner to a canvas point.
func (f *SuperFigure) point(x, y float64) vg.Point {
	_, h := f.size()
	return vg.Point{X: f.Length(x - f.x0), Y: h - f.Length(y-f.y0)}
}

// Panel returns the canvas of the panel whose top-left corner is (x, y)
// inches from the figure's top-left corner, w inches wide and h tall: its
// axes area (matplotlib's add_axes rectangle), with tick labels, axis
// labels and titles outside. A non-positive w or h gives an empty panel.
func (f *SuperFigure) Panel(x, y, w, h float64) draw.Canvas {
	c := f.Canvas()
	top := f.point(x, y)
	c.Rectangle = vg.Rectangle{
		Min: vg.Point{X: top.X, Y: top.Y - f.Length(math.Max(h, 0))},
		Max: vg.Point{X: top.X + f.Length(math.Max(w, 0)), Y: top.Y},
	}
	return c
}

// Row returns n panels of w × h inches in a row, hspace inches apart, as
// the original's add_subplots_to_figure places one row: panel i has its
// top-left corner at (x + i(w + hspace), y).
func (f *SuperFigure) Row(n int, x, y, w, h, hspace float64) []draw.Canvas {
	out := make([]draw.Canvas, max(n, 0))
	for i := range out {
		out[i] = f.Panel(x+float64(i)*(w+hspace), y, w, h)
	}
	return out
}

// Label draws text with its bottom-right corner at (x, y) inches from the
// figure's top-left corner, in LabelFontSize·DPI/72 points, as the
// original's add_text (alignment right, bottom: the baseline one font
// descent above y).
func (f *SuperFigure) Label(x, y float64, text string) {
	sty := TextStyle(vg.Length(LabelFontSize * f.dpi / 72))
	drawText(f.Canvas(), sty, f.point(x, y), text, draw.XRight, VBottom)
}

// PanelLabel draws text for the panel whose top-left corner is (x, y)
// inches at (x + dx, y + dy), as add_subplots_to_figure's text and
// text_offset do (dx = −0.15 puts the label's right edge 0.15 in left of
// the panel).
func (f *SuperFigure) PanelLabel(x, y, dx, dy float64, text string) {
	f.Label(x+dx, y+dy, text)
}

// rendering is a figure's PNG and SVG canvases and how many of its
// recorded actions each has replayed. Replaying the actions in several
// runs gives the same result as in one: each run continues the canvas's
// state.
type rendering struct {
	img              *vgimg.Canvas // nil until the first PNG replay
	png, svgCrisp    *crispCanvas
	svg              *vgsvg.Canvas // nil until the first SVG replay
	pngDone, svgDone int
}

// replayPNG replays onto r's PNG canvas the actions it has not replayed
// and returns the canvas's image.
func (f *SuperFigure) replayPNG(r *rendering) (*image.RGBA, error) {
	if r.img == nil {
		w, h := f.size()
		dpi := f.renderDPI()
		r.img = vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
		r.png = &crispCanvas{Canvas: r.img, dst: r.img.Image(), height: h, k: float64(dpi) / 72}
	}
	acts := f.rec.Actions[r.pngDone:]
	// The canvas starts white, and opaque white painted over white stays
	// white at any coverage (freetype's painter computes (255·(m−a)·257 +
	// 65535·a)/m >> 8 = 255), so the recorded background fill is skipped: it
	// would paint every pixel once more.
	if i := f.bgFill - r.pngDone; i >= 0 && i < len(acts) {
		acts = slices.Delete(slices.Clone(acts), i, i+1)
	}
	r.pngDone = len(f.rec.Actions)
	if err := (&recorder.Canvas{Actions: acts}).ReplayOn(r.png); err != nil {
		return nil, fmt.Errorf("plot: render figure: %w", err)
	}
	return r.img.Image().(*image.RGBA), nil // vgimg's canvas is always RGBA
}

// replaySVG replays onto r's SVG canvas the actions it has not replayed.
func (f *SuperFigure) replaySVG(r *rendering) error {
	if r.svg == nil {
		cw, ch := f.size()
		r.svg = vgsvg.New(cw, ch)
		r.svgCrisp = &crispCanvas{Canvas: r.svg, height: ch, k: 1}
	}
	// Replaying a text action stores the replay's fonts in it, so the SVG
	// replays copies of the text actions: it may then run at the same time
	// as a PNG replay of the same actions (Save), the other actions being
	// only read.
	acts := slices.Clone(f.rec.Actions[r.svgDone:])
	for i, a := range acts {
		if t, ok := a.(*recorder.FillString); ok {
			acts[i] = &recorder.FillString{Font: t.Font, Size: t.Size, Point: t.Point, String: t.String}
		}
	}
	r.svgDone = len(f.rec.Actions)
	if err := (&recorder.Canvas{Actions: acts}).ReplayOn(r.svgCrisp); err != nil {
		return fmt.Errorf("plot: render SVG: %w", err)
	}
	return nil
}

// Render replays onto the figure's PNG and SVG canvases what has been drawn
// since the last call, so that a program can render the panels drawn so
// far while it computes the next ones: Save then replays only the rest, and
// writes the same files as without Render. Drawing and Render must not run
// concurrently.
func (f *SuperFigure) Render() error {
	if f.rendered == nil {
		f.rendered = &rendering{}
	}
	if _, err := f.replayPNG(f.rendered); err != nil {
		return err
	}
	return f.replaySVG(f.rendered)
}

// Image renders the figure to an RGBA image of PixelSize pixels.
func (f *SuperFigure) Image() (*image.RGBA, error) { return f.replayPNG(&rendering{}) }

// PNG returns the figure as PNG bytes of PixelSize pixels (for
// gonbui.DisplayPng in a notebook).
func (f *SuperFigure) PNG() ([]byte, error) {
	img, err := f.Image()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encodePNG writes img as PNG compressed with png.BestSpeed (on figure 2
// half the time of the default level for a file 5 % larger); opaque
// images, as figures are, go through the parallel encodeOpaquePNG.
func encodePNG(w io.Writer, img *image.RGBA) error {
	var err error
	if img.Opaque() && !img.Rect.Empty() {
		err = encodeOpaquePNG(w, img)
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	}
	if err != nil {
		return fmt.Errorf("plot: write PNG: %w", err)
	}
	return nil
}

// Save writes the figure to each of paths as PNG or SVG, chosen by the
// extension (".png" or ".svg", any case), atomically (data.WriteAtomic): a
// reader never sees a partial file. The figure is rendered once for all
// PNGs, and the PNGs are rendered, encoded and written while the SVGs are.
func (f *SuperFigure) Save(paths ...string) error {
	for _, p := range paths {
		if ext := strings.ToLower(filepath.Ext(p)); ext != ".png" && ext != ".svg" {
			return fmt.Errorf("plot: save %s: unsupported extension %q (want .png or .svg)", p, ext)
		}
	}
	r := f.rendered
	if r == nil {
		r = &rendering{}
	}
	f.rendered = nil // the SVG canvas is written once
	pngErr := make(chan error, 1)
	go func() {
		pngErr <- saveAs(paths, ".png", func(w io.Writer) error {
			img, err := f.replayPNG(r)
			if err != nil {
				return err
			}
			return encodePNG(w, img)
		})
	}()
	err := saveAs(paths, ".svg", func(w io.Writer) error {
		if err := f.replaySVG(r); err != nil {
			return err
		}
		_, err := r.svg.WriteTo(w)
		return err
	})
	return errors.Join(err, <-pngErr)
}

// saveAs writes the bytes made once by encode to those of paths whose
// extension is ext.
func saveAs(paths []string, ext string, encode func(io.Writer) error) error {
	var buf bytes.Buffer
	for _, p := range paths {
		if !strings.EqualFold(filepath.Ext(p), ext) {
			continue
		}
		if buf.Len() == 0 {
			if err := encode(&buf); err != nil {
				return err
			}
		}
		if err := data.WriteAtomic(p, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
			return fmt.Errorf("plot: save %s: %w", p, err)
		}
	}
	return nil
}
