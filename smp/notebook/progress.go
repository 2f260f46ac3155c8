package notebook

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Progress returns a progress callback for the long steps of smp's and
// hdnet's analyses (their Progress options): it prints on standard output,
// as normal cell output, a line about every second and one when the stage
// is done, e.g. "(random runs 13/25, 52%, 3.5 s)".
func Progress(stage string) func(done, total int) {
	return progressTo(os.Stdout, stage, time.Second)
}

// progressTo is Progress writing to w at most once per interval, except
// for the last line.
func progressTo(w io.Writer, stage string, interval time.Duration) func(done, total int) {
	start := time.Now()
	last := start
	return func(done, total int) {
		now := time.Now()
		if done < total && now.Sub(last) < interval {
			return
		}
		last = now
		fmt.Fprintf(w, "(%s %d/%d, %.0f%%, %.1f s)\n", stage, done, total, 100*float64(done)/float64(max(total, 1)), now.Sub(start).Seconds())
	}
}
