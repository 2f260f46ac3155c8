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
// at most 10 times a second; otherwise a line is written at every 10% (or every 100 MB
// when the size is unknown), so that logs stay short. ("\x1b[K" clears the rest of a
// redrawn line.)
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

// Write counts p; it never fails.
func (b *bar) Write(p []byte) (int, error) {
	b.have += int64(len(p))
	if b.w == nil {
		return len(p), nil
	}
	if b.tty {
		if now := time.Now(); now.Sub(b.last) >= 100*time.Millisecond {
			b.last = now
			fmt.Fprintf(b.w, "\r%s\x1b[K", b.line(now))
		}
		return len(p), nil
	}
	if step := b.step(); step != b.lastStep {
		b.lastStep = step
		fmt.Fprintln(b.w, b.line(time.Now()))
	}
	return len(p), nil
}

// step is the current 10% step (or 100 MB step when the size is unknown).
func (b *bar) step() int64 {
	if b.total > 0 {
		return 10 * b.have / b.total
	}
	return b.have / 100e6
}

// done writes the final state of the bar and ends its line.
func (b *bar) done() {
	if b.w == nil {
		return
	}
	if b.tty {
		fmt.Fprintf(b.w, "\r%s\x1b[K\n", b.line(time.Now()))
	} else if b.step() != b.lastStep {
		fmt.Fprintln(b.w, b.line(time.Now()))
	}
}

func (b *bar) line(now time.Time) string {
	const width = 24
	mb := func(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1e6) }
	rate := 0.0
	if dt := now.Sub(b.t0).Seconds(); dt > 0 {
		rate = float64(b.have-b.start) / 1e6 / dt
	}
	if b.total <= 0 {
		return fmt.Sprintf("%s  %s MB  %.1f MB/s", b.name, mb(b.have), rate)
	}
	frac := float64(b.have) / float64(b.total)
	frac = min(max(frac, 0), 1)
	fill := int(frac * width)
	arrow := strings.Repeat("=", fill)
	if fill < width {
		arrow += ">" + strings.Repeat(" ", width-fill-1)
	}
	return fmt.Sprintf("%s [%s] %5.1f%%  %s/%s MB  %.1f MB/s", b.name, arrow, 100*frac, mb(b.have), mb(b.total), rate)
}
