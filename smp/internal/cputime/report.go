// Package cputime reports a benchmark's CPU time per operation, which on a
// busy machine shows the work done apart from waiting for a CPU.
package cputime

import (
	"testing"
	"time"
)

// Report adds the CPU time per operation (all threads) since c0, a value
// of Now, to the benchmark's metrics as "cpu-ms/op". Nothing is reported
// where CPU time is not measured.
func Report(b *testing.B, c0 time.Duration) {
	if c := Now() - c0; c > 0 {
		b.ReportMetric(float64(c.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
