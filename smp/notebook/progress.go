package notebook

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Progress returns a progress callback for long computations
// (hdnet.Options.Progress, smp.ClassifyOptions.Progress) that prints, on
// standard output, one line per stage about every second and one when the
// stage is done, e.g. "(random runs 400/1000, 40%, 1.2 s)". Set it inside
// a Cached computation, not in the parameters: a function is not a plain
// value and would change the cache key at every run.
func Progress() func(stage string, done, total int) { return progressTo(os.Stdout) }

// progressTo is Progress writing to w (nothing when w is nil).
func progressTo(w io.Writer) func(stage string, done, total int) {
	var cur string
	var start, last time.Time
	return func(stage string, done, total int) {
		if w == nil {
			return
		}
		now := time.Now()
		if stage != cur {
			cur, start, last = stage, now, now
		}
		if done < total && now.Sub(last) < time.Second {
			return
		}
		last = now
		fmt.Fprintf(w, "(%s %d/%d, %.0f%%, %.1f s)\n", stage, done, total, 100*float64(done)/float64(max(total, 1)), now.Sub(start).Seconds())
	}
}
