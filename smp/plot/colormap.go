package plot

import (
	"image/color"
	"math"
	"sort"
)

// lutSize is the number of entries of matplotlib's default colormap lookup
// table (rcParams["image.lut"]).
const lutSize = 256

// Colormap maps a value v in [0, 1] to a colour through an N-entry lookup
// table, with matplotlib's Colormap.__call__ indexing:
//
//	x = v·N; x = N−1 where x == N; i = trunc(x)
//	i < 0 (v < 0)     → the under colour, entry 0
//	x ≥ N (v > 1)     → the over colour, entry N−1
//	v NaN             → the bad colour, transparent black
//	otherwise         → entry i
//
// A Colormap is immutable once built.
type Colormap struct{ lut [][3]float64 }

// segment is one row (x, y0, y1) of a matplotlib segment-data channel: at x
// the channel jumps from y0 (approached from the left) to y1 (left to the
// right). The x of a channel's rows increase from 0 to 1.
type segment struct{ x, y0, y1 float64 }

// newSegmentedColormap is matplotlib's LinearSegmentedColormap with gamma 1
// and lutSize entries.
func newSegmentedColormap(red, green, blue []segment) *Colormap {
	lut := make([][3]float64, lutSize)
	for c, seg := range [3][]segment{red, green, blue} {
		for i, v := range segmentLUT(seg, lutSize) {
			lut[i][c] = v
		}
	}
	return &Colormap{lut: lut}
}

// segmentLUT is matplotlib's _create_lookup_table for gamma 1: with
// xs = (n−1)·x and the sample points p_i = (n−1)·(i/(n−1)) (p_{n−1} = n−1),
// entry 0 is y1[0], entry n−1 is y0[last], and entry i in between is
//
//	d·(y0[k] − y1[k−1]) + y1[k−1],  d = (p_i − xs[k−1]) / (xs[k] − xs[k−1]),
//
// with k the first row whose xs[k] >= p_i; entries are clipped to [0, 1].
// Explicit float64 conversions keep every product rounded on its own (no
// fused multiply-add), as numpy computes it.
func segmentLUT(seg []segment, n int) []float64 {
	xs := make([]float64, len(seg))
	for i, s := range seg {
		xs[i] = s.x * float64(n-1)
	}
	step := 1 / float64(n-1) // numpy linspace: i*step, last = stop
	lut := make([]float64, n)
	lut[0] = seg[0].y1
	lut[n-1] = seg[len(seg)-1].y0
	for i := 1; i < n-1; i++ {
		p := float64(n-1) * float64(float64(i)*step)
		k := sort.SearchFloat64s(xs, p) // first xs[k] >= p (numpy searchsorted, side left)
		d := (p - xs[k-1]) / (xs[k] - xs[k-1])
		lut[i] = float64(d*(seg[k].y0-seg[k-1].y1)) + seg[k-1].y1
	}
	for i, v := range lut {
		lut[i] = math.Min(math.Max(v, 0), 1)
	}
	return lut
}

// N returns the number of lookup-table entries.
func (m *Colormap) N() int { return len(m.lut) }

// RGB returns the colour of v as matplotlib's cmap(v)[:3] (components in
// [0, 1]); ok is false for NaN, whose colour is left to the caller.
func (m *Colormap) RGB(v float64) (rgb [3]float64, ok bool) {
	if math.IsNaN(v) {
		return rgb, false
	}
	n := float64(len(m.lut))
	return m.lut[int(min(max(float64(v*n), 0), n-1))], true // truncation is floor for x ≥ 0
}

// At returns the colour of v as 8-bit NRGBA, as matplotlib's
// cmap(v, bytes=True): components truncated from c·255 (byteOf), NaN
// transparent black.
func (m *Colormap) At(v float64) color.NRGBA {
	rgb, ok := m.RGB(v)
	if !ok {
		return color.NRGBA{}
	}
	return color.NRGBA{R: byteOf(rgb[0]), G: byteOf(rgb[1]), B: byteOf(rgb[2]), A: 255}
}

// byteOf converts a component in [0, 1] to 8 bits as numpy's
// (c*255).astype(uint8) does in matplotlib: truncation, clipped to 0..255.
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

// Jet returns matplotlib's 256-entry "jet" colormap.
func Jet() *Colormap { return newSegmentedColormap(jetRed, jetGreen, jetBlue) }

// Coolwarm returns matplotlib's 256-entry "coolwarm" colormap.
func Coolwarm() *Colormap {
	return newSegmentedColormap(coolwarmRed, coolwarmGreen, coolwarmBlue)
}

// Tab20b returns matplotlib's 20 "tab20b" colours (d3's category20b), each
// component k/255, as 8-bit NRGBA.
func Tab20b() []color.NRGBA {
	out := make([]color.NRGBA, len(tab20b))
	for i, c := range tab20b {
		out[i] = color.NRGBA{R: uint8(c >> 16), G: uint8(c >> 8), B: uint8(c), A: 255}
	}
	return out
}
