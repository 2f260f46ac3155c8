//go:build unix && !nommap

package mmap

import (
	"os"

	"golang.org/x/sys/unix"
)

// openNonBlocking opens path read-only without blocking on a FIFO.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|unix.O_NONBLOCK, 0)
}

// load maps the first size bytes of f private and copy-on-write: the
// pages can be written, and a write copies the page for this process
// without changing the file.
func load(f *os.File, size int64) ([]byte, bool, error) {
	if size == 0 {
		return []byte{}, false, nil
	}
	if size != int64(int(size)) {
		return nil, false, errTooLarge(size)
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE)
	if err != nil {
		return nil, false, err
	}
	return data, true, nil
}

func unmap(data []byte) error { return unix.Munmap(data) }

// canMap reports whether Open maps files (rather than reading them).
const canMap = true
