package figures

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// Figure3Corrections holds the corrected dynamics (cells 14 and 15): each
// image's time to convergence and the runs of the example images.
type Figure3Corrections struct {
	Steps      int       // T = 200
	Attractors int       // B, the number of start states
	Times      []float64 // time to convergence per image; +Inf: never
	Quick      []int     // images with 0 < t < 10 (examples_in_bin_1)
	Never      []int     // images that never converge (examples_in_bin_final)
	Examples   []hdnet.Example
}

// ImagesShown returns the indices of the images figure 3 shows, in
// increasing order: the first three quickly converging images and the
// first three never-converging ones (panel G's thumbnails), and the
// example images (panels H and I).
func (c *Figure3Corrections) ImagesShown() []int {
	out := slices.Concat(c.Quick[:min(3, len(c.Quick))], c.Never[:min(3, len(c.Never))])
	for _, e := range c.Examples {
		out = append(out, e.Image)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// String summarises the times to convergence: how many of the images
// start converged (t = 0: every attractor state already within one
// cluster), converge within 10 steps, within 200, or never.
func (c *Figure3Corrections) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d images, corrected from %d attractor states for %d steps:\n", len(c.Times), c.Attractors, c.Steps)
	row := func(what string, n int) {
		fmt.Fprintf(&b, "  %-37s %d (%.1f%%)\n", what+":", n, 100*float64(n)/float64(max(len(c.Times), 1)))
	}
	within := func(lo, hi float64) int { // how many images converged at a t in [lo, hi]
		n := 0
		for _, t := range c.Times {
			if t >= lo && t <= hi {
				n++
			}
		}
		return n
	}
	row("converged at once (t = 0)", within(0, 0))
	row("converged quickly (0 < t < 10)", len(c.Quick))
	row("converged within 10 steps (t <= 10)", within(0, 10))
	row(fmt.Sprintf("converged within %d steps", c.Steps), within(0, float64(c.Steps)))
	row("never converged", within(math.Inf(1), math.Inf(1)))
	ex := make([]string, len(c.Examples))
	for i, e := range c.Examples {
		ex[i] = fmt.Sprintf("image %d (t = %v)", e.Image, e.Time)
	}
	if len(ex) == 0 {
		ex = []string{"none"}
	}
	fmt.Fprintf(&b, "examples for panels H and I: %s", strings.Join(ex, ", "))
	return b.String()
}
