package plot

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// Minus is the Unicode minus sign matplotlib uses in tick labels.
const Minus = "\u2212"

// autoTicks returns the ticks of [min, max] of matplotlib's default
// locator and formatter: AutoLocator, i.e. MaxNLocator with at most
// nbins ≥ 1 intervals, steps 1, 2, 2.5, 5, 10 and at least 2 ticks, and
// ScalarFormatter without offset or scientific notation (FormatTicks).
func autoTicks(min, max float64, nbins int) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return nil
	}
	var vis []float64
	for _, v := range maxNLocator(min, max, nbins) {
		if inRange(v, min, max) {
			vis = append(vis, v)
		}
	}
	return FormatTicks(vis, min, max)
}

// inRange reports whether a tick at v lies within [lo, hi], give or take
// 10⁻¹⁰ of the range.
func inRange(v, lo, hi float64) bool {
	eps := 1e-10 * (hi - lo)
	return v >= lo-eps && v <= hi+eps
}

// maxNLocator is matplotlib's MaxNLocator._raw_ticks with steps
// [1, 2, 2.5, 5, 10] and min_n_ticks 2.
func maxNLocator(vmin, vmax float64, nbins int) []float64 {
	// scale_range
	dv := math.Abs(vmax - vmin)
	meanv := (vmax + vmin) / 2
	offset := 0.0
	if math.Abs(meanv)/dv >= 100 {
		offset = math.Copysign(math.Pow(10, math.Floor(math.Log10(math.Abs(meanv)))), meanv)
	}
	scale := math.Pow(10, math.Floor(math.Log10(dv/float64(nbins))))
	lo, hi := vmin-offset, vmax-offset
	rawStep := (hi - lo) / float64(nbins)
	base := []float64{0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20}
	steps := make([]float64, len(base))
	for i, s := range base {
		steps[i] = s * scale
	}
	istep := len(steps) - 1
	for i, s := range steps {
		if s >= rawStep {
			istep = i
			break
		}
	}
	var ticks []float64
	for i := istep; i >= 0; i-- {
		step := steps[i]
		best := math.Floor(lo/step) * step
		low := edgeLE(lo-best, step, offset)
		high := edgeGE(hi-best, step, offset)
		ticks = ticks[:0]
		for k := low; k <= high; k++ {
			ticks = append(ticks, k*step+best)
		}
		n := 0
		for _, v := range ticks {
			if v <= hi && v >= lo {
				n++
			}
		}
		if n >= 2 {
			break
		}
	}
	for i := range ticks {
		ticks[i] += offset
	}
	return ticks
}

// edgeLE and edgeGE are matplotlib's _Edge_integer.le and .ge.
func edgeLE(x, step, offset float64) float64 {
	d, m := pyDivmod(x, step)
	if edgeClose(m/step, 1, step, offset) {
		return d + 1
	}
	return d
}

func edgeGE(x, step, offset float64) float64 {
	d, m := pyDivmod(x, step)
	if edgeClose(m/step, 0, step, offset) {
		return d
	}
	return d + 1
}

func edgeClose(ms, edge, step, offset float64) bool {
	tol := 1e-10
	if offset != 0 {
		digits := math.Log10(math.Abs(offset) / step)
		tol = math.Min(0.4999, math.Max(1e-10, math.Pow(10, digits-12)))
	}
	return math.Abs(ms-edge) < tol
}

// pyDivmod is Python's divmod for floats: d = floor(x/y), m = x − d·y.
func pyDivmod(x, y float64) (float64, float64) {
	m := math.Mod(x, y)
	if m != 0 && (m < 0) != (y < 0) {
		m += y
	}
	return math.Round((x - m) / y), m
}

// FormatTicks labels tick values as matplotlib's ScalarFormatter does
// (without offset or scientific notation): all with the fewest decimals for
// which every value is within 10⁻³ of the range's order of magnitude of its
// rounding, and a Unicode minus. With fewer than two values the range is
// that of the values and the axis limits vmin, vmax.
func FormatTicks(values []float64, vmin, vmax float64) []plot.Tick {
	locs := values
	if len(values) < 2 {
		locs = append(append([]float64(nil), values...), vmin, vmax)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range locs {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	rng := hi - lo
	if rng == 0 {
		rng = math.Max(math.Abs(lo), math.Abs(hi))
	}
	if rng == 0 || math.IsNaN(rng) || math.IsInf(rng, 0) {
		rng = 1
	}
	oom := int(math.Floor(math.Log10(rng)))
	sig := max(0, 3-oom)
	thresh := 1e-3 * math.Pow(10, float64(oom))
	for ; sig >= 0; sig-- {
		worst := 0.0
		for _, v := range values {
			p := math.Pow(10, float64(sig))
			worst = math.Max(worst, math.Abs(v-math.RoundToEven(v*p)/p))
		}
		if !(worst < thresh) {
			break
		}
	}
	sig++
	ticks := make([]plot.Tick, len(values))
	for i, v := range values {
		ticks[i] = plot.Tick{Value: v, Label: formatFixed(v, sig)}
	}
	return ticks
}

// formatFixed formats v with dec decimals ("%1.<dec>f"), with a Unicode minus;
// a value that rounds to zero prints without sign.
func formatFixed(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.HasPrefix(s, "-") {
		if strings.Trim(s[1:], "0.") == "" {
			return s[1:]
		}
		return Minus + s[1:]
	}
	return s
}

// FixedTicks returns ticks at values (matplotlib's set_xticks, followed by
// set_xticklabels when labels are given). With no labels the values are
// labelled by FormatTicks; otherwise value i is labelled labels[i], values
// beyond the labels are unlabelled and extra labels are ignored. An empty
// label leaves the tick mark unlabelled.
func FixedTicks(values []float64, labels ...string) plot.ConstantTicks {
	if len(labels) == 0 && len(values) > 0 {
		return FormatTicks(values, values[0], values[len(values)-1])
	}
	t := make(plot.ConstantTicks, len(values))
	for i, v := range values {
		t[i].Value = v
		if i < len(labels) {
			t[i].Label = labels[i]
		}
	}
	return t
}

// PiTicks returns ticks at −π, 0 and π labelled "−π", "0" and "π".
func PiTicks() plot.ConstantTicks {
	return plot.ConstantTicks{
		{Value: -math.Pi, Label: Minus + "π"},
		{Value: 0, Label: "0"},
		{Value: math.Pi, Label: "π"},
	}
}
