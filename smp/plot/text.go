package plot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// VAlign is a matplotlib vertical text alignment, in the text's own
// (unrotated) frame.
type VAlign int

const (
	VBaseline       VAlign = iota // the baseline at the anchor
	VBottom                       // the line box's bottom (one descent below the baseline)
	VCenter                       // the middle of the line box
	VCenterBaseline               // the middle of the part above the baseline
	VTop                          // the line box's top
)

// ascentFrac approximates the height above the baseline of matplotlib's
// line box (the top of "l" in DejaVu Sans) as a fraction of the font size.
const ascentFrac = 0.76

// textHeight returns the height of a single-line box: ascent part plus
// descent.
func textHeight(sty draw.TextStyle) vg.Length {
	return vg.Length(ascentFrac)*sty.Font.Size + sty.FontExtents().Descent
}

// drawText draws one line of text at pt, aligned horizontally by xalign
// (draw.XLeft, XCenter, XRight) and vertically by v, both in the text's
// frame, which is rotated by sty.Rotation about pt (matplotlib's
// rotation_mode="anchor").
func drawText(c draw.Canvas, sty draw.TextStyle, pt vg.Point, txt string, xalign draw.XAlignment, v VAlign) {
	if txt == "" {
		return
	}
	size := sty.Font.Size
	desc := sty.FontExtents().Descent
	up := vg.Length(ascentFrac) * size
	var base vg.Length // baseline offset from the anchor, along the text's up
	switch v {
	case VBottom:
		base = desc
	case VCenter:
		base = (desc - up) / 2
	case VCenterBaseline:
		base = -up / 2
	case VTop:
		base = -up
	}
	// text.Plain puts the baseline Size − Ascent above the anchor for
	// YAlign 0 (draw.YBottom).
	d := base - (size - sty.FontExtents().Ascent)
	sin, cos := math.Sincos(sty.Rotation)
	pt.X -= d * vg.Length(sin)
	pt.Y += d * vg.Length(cos)
	sty.XAlign = xalign
	sty.YAlign = draw.YBottom
	c.FillText(sty, pt, txt)
}

// TextStyle returns a matplotlib-like text style: black Liberation Sans
// (the closest of gonum's fonts to matplotlib's DejaVu Sans) of the given
// size in points, rendered by plot.DefaultTextHandler (plain Unicode text;
// set Handler to a text.Latex for $\frac{π}{20}$-style labels).
func TextStyle(size vg.Length) draw.TextStyle {
	return draw.TextStyle{
		Color:   color.Black,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: size},
		Handler: plot.DefaultTextHandler,
	}
}
