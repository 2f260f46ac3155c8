//go:build linux && !nommap

package mmap

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

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
