//go:build unix

package outputs

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestCheckFileFIFO refuses a named pipe as output: writing it would block.
func TestCheckFileFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	if err := CheckFile(fifo); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a FIFO: %v", err)
	}
}
