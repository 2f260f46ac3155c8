//go:build unix

package mmap

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenFIFO checks that a FIFO is rejected, not opened (which would
// block until a writer comes).
func TestOpenFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trajectories.npz")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip(err)
	}
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("got %v, want an error naming %s as a named pipe", err, path)
	}
}

func TestOpenDevice(t *testing.T) {
	if _, err := Open("/dev/null"); err == nil || !strings.Contains(err.Error(), "/dev/null: not a regular file (a device)") {
		t.Errorf("got %v", err)
	}
}

// TestTruncatedWhileMapped truncates a mapped file and reads past its new
// end: Guard turns the SIGBUS into an error naming the file.
func TestTruncatedWhileMapped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.bin")
	if err := os.WriteFile(path, make([]byte, 3*4096), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !f.Mapped() {
		t.Skip("not mapped (nommap)")
	}
	if err := os.Truncate(path, 100); err != nil {
		t.Fatal(err)
	}
	var sum byte
	err = Guard(func() error {
		for _, b := range f.Bytes() {
			sum += b
		}
		return nil
	})
	if !errors.Is(err, ErrFault) || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want a fault error naming %s", err, path)
	}
}
