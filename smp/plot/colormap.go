package plot

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/palette"
)

// LUTSize is the number of entries of matplotlib's default colormap lookup
// table (rcParams["image.lut"]).
const LUTSize = 256

// Colormap maps a value v in [0, 1] to a colour through an N-entry lookup
// table, with matplotlib's Colormap.__call__ indexing:
//
//	x = v·N; x = N−1 where x == N; i = trunc(x)
//	i < 0 (v < 0)     → the under colour (default: entry 0)
//	x ≥ N (v > 1)     → the over colour (default: entry N−1)
//	v NaN             → the bad colour (default: transparent black)
//	otherwise         → entry i
//
// A Colormap is immutable once built.
type Colormap struct {
	lut   [][3]float64
	under [3]float64
	over  [3]float64
}

// Segment is one row (x, y0, y1) of a matplotlib segment-data channel: at x
// the channel jumps from y0 (approached from the left) to y1 (left to the
// right). The x of a channel's rows must increase from 0 to 1.
type Segment struct{ X, Y0, Y1 float64 }

// NewSegmentedColormap builds an n-entry colormap from per-channel segment
// data exactly as matplotlib's LinearSegmentedColormap with gamma 1
// (_create_lookup_table): with xs = (n−1)·X and the sample points
// p_i = (n−1)·(i/(n−1)) (p_{n−1} = n−1), entry 0 is Y1[0], entry n−1 is
// Y0[last], and entry i in between is
//
//	d·(Y0[k] − Y1[k−1]) + Y1[k−1],  d = (p_i − xs[k−1]) / (xs[k] − xs[k−1]),
//
// with k the first row whose xs[k] >= p_i; entries are clipped to [0, 1].
func NewSegmentedColormap(name string, red, green, blue []Segment, n int) (*Colormap, error) {
	if n < 2 {
		return nil, fmt.Errorf("plot: colormap %q: need at least 2 entries, got %d", name, n)
	}
	chans := [3][]Segment{red, green, blue}
	var cols [3][]float64
	for c, seg := range chans {
		lut, err := segmentLUT(seg, n)
		if err != nil {
			return nil, fmt.Errorf("plot: colormap %q channel %d: %w", name, c, err)
		}
		cols[c] = lut
	}
	lut := make([][3]float64, n)
	for i := range lut {
		lut[i] = [3]float64{cols[0][i], cols[1][i], cols[2][i]}
	}
	return &Colormap{lut: lut, under: lut[0], over: lut[n-1]}, nil
}

// segmentLUT is matplotlib's _create_lookup_table for gamma 1. Explicit
// float64 conversions keep every product rounded on its own (no fused
// multiply-add), as numpy computes it.
func segmentLUT(seg []Segment, n int) ([]float64, error) {
	if len(seg) < 2 {
		return nil, errors.New("need at least 2 segment rows")
	}
	if seg[0].X != 0 || seg[len(seg)-1].X != 1 {
		return nil, errors.New("segment x must start at 0 and end at 1")
	}
	xs := make([]float64, len(seg))
	for i, s := range seg {
		if i > 0 && s.X < seg[i-1].X {
			return nil, errors.New("segment x must increase")
		}
		xs[i] = s.X * float64(n-1)
	}
	step := 1 / float64(n-1) // numpy linspace: i*step, last = stop
	lut := make([]float64, n)
	lut[0] = seg[0].Y1
	lut[n-1] = seg[len(seg)-1].Y0
	for i := 1; i < n-1; i++ {
		p := float64(n-1) * float64(float64(i)*step)
		k := sort.SearchFloat64s(xs, p) // first xs[k] >= p (numpy searchsorted, side left)
		d := (p - xs[k-1]) / (xs[k] - xs[k-1])
		lut[i] = float64(d*(seg[k].Y0-seg[k-1].Y1)) + seg[k-1].Y1
	}
	for i, v := range lut {
		lut[i] = math.Min(math.Max(v, 0), 1)
	}
	return lut, nil
}

// NewListedColormap builds a colormap whose lookup table is the given RGB
// colours (components in [0, 1]), like matplotlib's ListedColormap.
func NewListedColormap(name string, colors [][3]float64) (*Colormap, error) {
	if len(colors) == 0 {
		return nil, fmt.Errorf("plot: colormap %q: no colours", name)
	}
	for i, c := range colors {
		for _, v := range c {
			if !(v >= 0 && v <= 1) {
				return nil, fmt.Errorf("plot: colormap %q: colour %d = %v outside [0, 1]", name, i, c)
			}
		}
	}
	lut := append([][3]float64(nil), colors...)
	return &Colormap{lut: lut, under: lut[0], over: lut[len(lut)-1]}, nil
}

// N returns the number of lookup-table entries.
func (m *Colormap) N() int { return len(m.lut) }

// Index returns the lookup-table entry used for v by matplotlib's rule
// (see Colormap): −1 for under (v < 0), N for over (v > 1), and ok = false
// for NaN.
func (m *Colormap) Index(v float64) (i int, ok bool) {
	if math.IsNaN(v) {
		return 0, false
	}
	n := len(m.lut)
	x := float64(v * float64(n))
	if x == float64(n) {
		x = float64(n - 1)
	}
	switch {
	case x < 0:
		return -1, true
	case x >= float64(n):
		return n, true
	}
	return int(x), true // x in [0, n): truncation is floor
}

// RGB returns the colour of v as matplotlib's cmap(v)[:3] (float components
// in [0, 1]); ok is false for NaN, whose colour is left to the caller
// (matplotlib's default bad colour is transparent).
func (m *Colormap) RGB(v float64) (rgb [3]float64, ok bool) {
	i, ok := m.Index(v)
	if !ok {
		return [3]float64{}, false
	}
	switch {
	case i < 0:
		return m.under, true
	case i >= len(m.lut):
		return m.over, true
	}
	return m.lut[i], true
}

// At returns the colour of v as 8-bit NRGBA, components truncated from
// c·255 as matplotlib's cmap(v, bytes=True) does; NaN gives transparent
// black (matplotlib's default bad colour).
func (m *Colormap) At(v float64) color.NRGBA {
	rgb, ok := m.RGB(v)
	if !ok {
		return color.NRGBA{}
	}
	return color.NRGBA{R: byteOf(rgb[0]), G: byteOf(rgb[1]), B: byteOf(rgb[2]), A: 255}
}

// Palette returns n colours of the map sampled at v_i = i/(n−1) (one colour,
// At(0), when n == 1), for gonum's HeatMap and other palette users.
// Palette(N()) returns the lookup table itself.
func (m *Colormap) Palette(n int) palette.Palette {
	cols := make([]color.Color, 0, max(n, 0))
	for i := range n {
		v := 0.0
		if n > 1 {
			v = float64(i) / float64(n-1)
		}
		cols = append(cols, m.At(v))
	}
	return listPalette(cols)
}

type listPalette []color.Color

func (p listPalette) Colors() []color.Color { return p }

// byteOf converts a component in [0, 1] to 8 bits by truncating c·255, as
// numpy's (c*255).astype(uint8) does in matplotlib.
func byteOf(c float64) uint8 {
	v := float64(c * 255)
	switch {
	case !(v > 0):
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v)
}

// Jet returns matplotlib's 256-entry "jet" colormap, built from its segment
// data (_jet_data) as LinearSegmentedColormap does.
func Jet() *Colormap {
	m, err := NewSegmentedColormap("jet", jetRed, jetGreen, jetBlue, LUTSize)
	if err != nil {
		panic(err) // static data: cannot fail
	}
	return m
}

// Coolwarm returns matplotlib's 256-entry "coolwarm" colormap, built from its
// 33-point segment data (Moreland's CoolWarmFloat33 table) as
// LinearSegmentedColormap does.
func Coolwarm() *Colormap {
	m, err := NewSegmentedColormap("coolwarm", coolwarmRed, coolwarmGreen, coolwarmBlue, LUTSize)
	if err != nil {
		panic(err) // static data: cannot fail
	}
	return m
}

// Tab20b returns matplotlib's 20 "tab20b" colours (d3's category20b), each
// component k/255, as 8-bit NRGBA.
func Tab20b() []color.NRGBA {
	out := make([]color.NRGBA, len(tab20b))
	for i, c := range tab20b {
		out[i] = hexColor(c)
	}
	return out
}

// Tab20bColormap returns "tab20b" as a 20-entry listed colormap (components
// k/255 as float64, like matplotlib's _tab20b_data).
func Tab20bColormap() *Colormap {
	cols := make([][3]float64, len(tab20b))
	for i, c := range tab20b {
		cols[i] = [3]float64{float64(c>>16) / 255, float64(c>>8&0xff) / 255, float64(c&0xff) / 255}
	}
	m, err := NewListedColormap("tab20b", cols)
	if err != nil {
		panic(err) // static data: cannot fail
	}
	return m
}

// hexColor converts 0xRRGGBB to an opaque NRGBA.
func hexColor(c uint32) color.NRGBA {
	return color.NRGBA{R: uint8(c >> 16), G: uint8(c >> 8), B: uint8(c), A: 255}
}
