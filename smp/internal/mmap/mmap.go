// Package mmap gives a private copy of the bytes of a regular file: mapped
// into memory copy-on-write where the system supports it, read whole
// otherwise. Either way, writing to the bytes changes this process's copy
// only, never the file.
//
// Only regular files are opened. A FIFO, device, socket or directory is
// rejected from its metadata before it is opened, and the file is opened
// with O_NONBLOCK where the system has it, so that no open can block on a
// FIFO that replaced the file in between.
//
// A mapped file's pages are read lazily by the kernel. If the file is
// truncated while mapped, touching a page past its new end raises SIGBUS;
// Guard turns that fault into an error naming the file instead of a crash.
// Faults are caught per goroutine: num.ParallelFor's workers catch them
// and pass them on to the goroutine that called it.
package mmap

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"unsafe"
)

// File is the content of a file, as a private copy.
type File struct {
	path   string
	data   []byte
	mapped bool
}

// Open opens the regular file at path and returns its content. Errors name
// path.
func Open(path string) (*File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", path, kind(st.Mode()))
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Check again what was opened: the path may have been replaced.
	if st, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", path, kind(st.Mode()))
	}
	data, mapped, err := load(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	mf := &File{path: path, data: data, mapped: mapped}
	if mapped {
		live.Lock()
		live.files[mf] = true
		live.Unlock()
	}
	return mf, nil
}

// live holds the files mapped and not yet closed, to name the file of a
// memory fault.
var live = struct {
	sync.Mutex
	files map[*File]bool
}{files: map[*File]bool{}}

// kind names a file mode's type for errors.
func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "mode " + m.String()
}

// Bytes returns the file's content, private to this process (a write copies
// the page, see the package comment). It must not be used after Close.
// Reading it may fault if the file is truncated while mapped: read it
// inside Guard.
func (f *File) Bytes() []byte { return f.data }

// Path returns the path the file was opened with.
func (f *File) Path() string { return f.path }

// Mapped reports whether the content is mapped rather than read.
func (f *File) Mapped() bool { return f.mapped }

// Close releases the content. Slices of Bytes must not be used afterwards.
// Closing twice is a no-op.
func (f *File) Close() error {
	if f.data == nil {
		return nil
	}
	data, mapped := f.data, f.mapped
	f.data = nil
	if !mapped {
		return nil
	}
	live.Lock()
	delete(live.files, f)
	live.Unlock()
	if err := unmap(data); err != nil {
		return fmt.Errorf("%s: %w", f.path, err)
	}
	return nil
}

// Prefault maps the pages of b, if it is a part of Bytes, ahead of reading
// it, in one system call where the system allows; otherwise it does
// nothing.
func (f *File) Prefault(b []byte) {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(f.data)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if f.mapped && p >= start && p+uintptr(len(b)) <= start+uintptr(len(f.data)) {
		populate(b)
	}
}

// AdviseHugePages asks the system to back the fresh, not yet written
// memory s with huge pages where it can, which makes writing it first
// much cheaper; otherwise it does nothing.
func AdviseHugePages[T any](s []T) {
	adviseHugePages(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(*new(T)))))
}

// ErrFault is wrapped by the errors of Guard.
var ErrFault = errors.New("changed or truncated while in use; reload it")

// Guard runs fn and turns a memory fault inside it at an address of a
// mapped file (SIGBUS when the file was truncated while in use) into one
// error naming the file. Other panics pass through. Faults are caught in
// the calling goroutine, and in goroutines that pass them on to it as
// num.ParallelFor does.
func Guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if err = faultError(r); err == nil {
				panic(r)
			}
		}
	}()
	return fn()
}

// faultError returns the error of the recovered panic value r if r is a
// memory fault at an address of a mapped file, and nil otherwise.
func faultError(r any) error {
	re, ok := r.(interface{ Addr() uintptr })
	if !ok {
		return nil
	}
	live.Lock()
	defer live.Unlock()
	for f := range live.files {
		start := uintptr(unsafe.Pointer(unsafe.SliceData(f.data)))
		if re.Addr() >= start && re.Addr() < start+uintptr(len(f.data)) {
			return fmt.Errorf("%s: %w (memory fault at %#x)", f.path, ErrFault, re.Addr())
		}
	}
	return nil
}

func errTooLarge(size int64) error {
	return fmt.Errorf("file of %d bytes is too large to load on this system", size)
}
