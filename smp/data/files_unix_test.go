//go:build unix

package data

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestFIFOIsRejected names a FIFO trajectories.npz: an error, not a hang.
func TestFIFOIsRejected(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "trajectories.npz")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip(err)
	}
	_, err := LoadTrajectoriesDir(dir)
	wantError(t, err, path+": not a regular file (a named pipe)")
	_, err = LoadPickle(path)
	wantError(t, err, path+": not a regular file")
}
