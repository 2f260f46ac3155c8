//go:build unix && !nommap

package mmap

import (
	"os"
	"unsafe"

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

// populate maps the pages of b, a part of a mapping, in one call
// (MADV_POPULATE_READ, Linux 5.14 or later): cheaper than a page fault per
// page. Errors (an older kernel, a truncated file) are left to the reads
// that follow.
func populate(b []byte) {
	if len(b) == 0 {
		return
	}
	const page = 4096
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := start &^ (page - 1)
	hi := (start + uintptr(len(b)) + page - 1) &^ (page - 1)
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, lo, hi-lo, unix.MADV_POPULATE_READ)
}

// adviseHugePages asks for transparent huge pages for the fresh memory b,
// before it is first written: one fault per 2 MiB instead of per 4 KiB.
func adviseHugePages(b []byte) {
	const page = 4096
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := (start + page - 1) &^ (page - 1)
	hi := (start + uintptr(len(b))) &^ (page - 1)
	if hi > lo {
		_, _, _ = unix.Syscall(unix.SYS_MADVISE, lo, hi-lo, unix.MADV_HUGEPAGE)
	}
}

// canMap reports whether Open maps files (rather than reading them).
const canMap = true
