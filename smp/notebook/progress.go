package notebook

import (
	"fmt"
	"io"
	"time"
)

// progressTo returns a progress callback for long computations
// (hdnet's and smp's Progress options) that prints to w (nothing when w
// is nil) one line per stage about every second and one when the stage is
// done, e.g. "(random runs 400/1000, 40%, 1.2 s)".
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
