package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// bar is a progress bar for one file, fed by the bytes written to it:
//
//	trajectories.pickle [=========>          ]  48.1%  123.4/256.5 MB  11.2 MB/s
//
// MB are 10^6 bytes. The rate counts only the bytes of this transfer (not the resumed
// part) over the time since the bar was made. On a terminal the line is redrawn in place
// ("\x1b[K" clears the rest of it) at most 10 times a second; otherwise a line is written
// at every 10% (or every 100 MB when the size is unknown), so that logs stay short.
type bar struct {
	w           io.Writer
	tty         bool
	name        string
	start, have int64 // bytes present before this transfer; bytes present now
	total       int64 // -1 when unknown
	t0, last    time.Time
	lastStep    int64
}

func newBar(w io.Writer, tty bool, name string, start, total int64) *bar {
	now := time.Now()
	return &bar{w: w, tty: tty, name: name, start: start, have: start, total: total, t0: now, last: now, lastStep: -1}
}

// Write counts p and redraws the bar; it never fails.
func (b *bar) Write(p []byte) (int, error) {
	b.have += int64(len(p))
	b.draw(false)
	return len(p), nil
}

// done writes the final state of the bar and ends its line.
func (b *bar) done() { b.draw(true) }

func (b *bar) draw(final bool) {
	now := time.Now()
	step := b.have / 100e6 // the current 10% step, or 100 MB step when the size is unknown
	if b.total > 0 {
		step = 10 * b.have / b.total
	}
	switch {
	case b.tty && (final || now.Sub(b.last) >= 100*time.Millisecond):
		b.last = now
		fmt.Fprintf(b.w, "\r%s\x1b[K", b.line(now))
		if final {
			fmt.Fprintln(b.w)
		}
	case !b.tty && step != b.lastStep:
		b.lastStep = step
		fmt.Fprintln(b.w, b.line(now))
	}
}

func (b *bar) line(now time.Time) string {
	const width = 24
	rate := 0.0
	if dt := now.Sub(b.t0).Seconds(); dt > 0 {
		rate = float64(b.have-b.start) / 1e6 / dt
	}
	if b.total <= 0 {
		return fmt.Sprintf("%s  %.1f MB  %.1f MB/s", b.name, float64(b.have)/1e6, rate)
	}
	frac := min(max(float64(b.have)/float64(b.total), 0), 1)
	fill := int(frac * width)
	arrow := strings.Repeat("=", fill)
	if fill < width {
		arrow += ">" + strings.Repeat(" ", width-fill-1)
	}
	return fmt.Sprintf("%s [%s] %5.1f%%  %.1f/%.1f MB  %.1f MB/s", b.name, arrow, 100*frac, float64(b.have)/1e6, float64(b.total)/1e6, rate)
}
