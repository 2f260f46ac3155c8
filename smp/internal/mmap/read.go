//go:build !unix || nommap

package mmap

import (
	"io"
	"os"
	"unsafe"
)

// openNonBlocking opens path read-only. Without O_NONBLOCK the metadata
// check in Open is what keeps FIFOs out.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }

// load reads the first size bytes of f into 8-byte-aligned memory.
func load(f *os.File, size int64) ([]byte, bool, error) {
	if size != int64(int(size)) {
		return nil, false, errTooLarge(size)
	}
	n := int(size)
	if n == 0 {
		return []byte{}, false, nil
	}
	words := make([]uint64, (n+7)/8)
	data := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), n)
	if _, err := io.ReadFull(f, data); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, false, err
	}
	return data, false, nil
}

func unmap([]byte) error { return nil }

// canMap reports whether Open maps files (rather than reading them).
const canMap = false
