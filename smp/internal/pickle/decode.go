// Package pickle decodes the Python pickles in which numpy arrays are
// published, without Python.
//
// It is a small interpreter of the pickle opcodes of protocols 2 to 5 (plus
// the Python 2 BINSTRING and SHORT_BINSTRING), with a fixed set of opcodes and
// a fixed allow-list of globals: the numpy array, dtype and scalar
// constructors in their numpy 1.x (numpy.core) and 2.x (numpy._core)
// spellings, _codecs.encode with latin-1 and bytes(). Any other global is
// rejected by name. Calling a global only ever runs a Go stand-in; no code
// from the input is executed.
//
// Decoded values map to Go as follows:
//
//	dict (str keys)   map[string]any
//	list, tuple       []any
//	numpy array       *NDArray (C order, native byte order)
//	numpy scalar      *NDArray with Shape []int{} (0-d)
//	float             float64
//	int               int64 (larger ints are an error)
//	bool              bool
//	str               string (Python 2 str: decoded as latin-1)
//	bytes, bytearray  []byte
//	None              nil
//
// Every length declared in the input is checked against the bytes left
// before it is allocated, the memo, stack and nesting depth are bounded by
// Limits, and malformed input gives an error naming the byte offset of the
// offending opcode, never a panic.
package pickle

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"unsafe"
)

// Decode reads one pickle from r and returns the decoded value.
//
// size is the number of bytes r can deliver (the file size). Every length
// declared in the pickle is checked against the bytes left before
// allocating, and reading past size is an error. Bytes after the STOP
// opcode are not read. Unless r is an io.ByteReader (a *bufio.Reader,
// *bytes.Reader, ...), it is read through a 64 KiB bufio.Reader.
func Decode(r io.Reader, size int64, lim Limits) (any, error) {
	if size < 0 {
		return nil, fmt.Errorf("pickle: negative input size %d", size)
	}
	br, ok := r.(byteReader)
	if !ok {
		br = bufio.NewReaderSize(r, int(min(size, 64<<10)))
	}
	d := &decoder{
		r:    br,
		size: size,
		lim:  lim.orDefault(),
		memo: make(map[int64]any),
	}
	v, err := d.run()
	if err != nil {
		return nil, err
	}
	return d.export(v)
}

// Load decodes the pickle file at path, reading it through a 1 MiB buffer.
// Errors are prefixed with the path.
func Load(path string, lim Limits) (any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	v, err := Decode(bufio.NewReaderSize(f, 1<<20), st.Size(), lim)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// byteReader is the input of the decoder.
type byteReader interface {
	io.Reader
	io.ByteReader
}

// decoder is the state of the pickle machine.
type decoder struct {
	r    byteReader
	pos  int64 // offset of the next byte of r
	size int64 // total input size
	lim  Limits

	stack []any
	marks []int // stack lengths at each open MARK
	memo  map[int64]any

	op    byte  // current opcode
	opPos int64 // offset of the current opcode
	buf   [8]byte
}

// decodeError is an error at a byte offset of the input.
type decodeError struct {
	off   int64
	op    byte // opcode, if hasOp
	hasOp bool
	msg   string
}

func (e *decodeError) Error() string {
	if !e.hasOp {
		return fmt.Sprintf("pickle: offset %d: %s", e.off, e.msg)
	}
	return fmt.Sprintf("pickle: offset %d (%s): %s", e.off, opName(e.op), e.msg)
}

// errorf returns an error located at the current opcode.
func (d *decoder) errorf(format string, args ...any) error {
	return &decodeError{off: d.opPos, op: d.op, hasOp: true, msg: fmt.Sprintf(format, args...)}
}

// run executes opcodes until STOP and returns the value on top of the stack.
func (d *decoder) run() (any, error) {
	for {
		d.opPos = d.pos
		if d.pos >= d.size {
			return nil, &decodeError{off: d.pos, msg: "input ends before the STOP opcode"}
		}
		op, err := d.r.ReadByte()
		if err != nil {
			e := d.ioError(err)
			e.hasOp = false
			return nil, e
		}
		d.pos++
		d.op = op
		stop, err := d.step(op)
		if err != nil {
			return nil, err
		}
		if stop {
			return d.pop()
		}
	}
}

// ioError reports a read failure at the current position.
func (d *decoder) ioError(err error) *decodeError {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &decodeError{off: d.pos, op: d.op, hasOp: true,
			msg: fmt.Sprintf("input ends before its declared size of %d bytes", d.size)}
	}
	return &decodeError{off: d.pos, op: d.op, hasOp: true, msg: err.Error()}
}

// readByte reads one argument byte.
func (d *decoder) readByte() (byte, error) {
	b, err := d.readFixed(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

// readFixed reads a fixed-size argument of n ≤ 8 bytes into a scratch buffer.
func (d *decoder) readFixed(n int) ([]byte, error) {
	if int64(n) > d.size-d.pos {
		return nil, d.errorf("argument needs %d bytes but only %d remain", n, d.size-d.pos)
	}
	b := d.buf[:n]
	if _, err := io.ReadFull(d.r, b); err != nil {
		return nil, d.ioError(err)
	}
	d.pos += int64(n)
	return b, nil
}

// readPayload reads a payload of the declared length n into a fresh
// 8-byte-aligned buffer, after checking n against the bytes left.
func (d *decoder) readPayload(n uint64) ([]byte, error) {
	left := d.size - d.pos
	if n > uint64(left) || n > math.MaxInt {
		return nil, d.errorf("declared length %d exceeds the %d bytes left in the input", n, left)
	}
	b := alignedBytes(int(n))
	if _, err := io.ReadFull(d.r, b); err != nil {
		return nil, d.ioError(err)
	}
	d.pos += int64(n)
	return b, nil
}

// readLine reads a newline-terminated argument of GLOBAL and returns it
// without the newline.
func (d *decoder) readLine() (string, error) {
	const maxLine = 1024
	var line []byte
	for {
		b, err := d.readByte()
		if err != nil {
			return "", err
		}
		if b == '\n' {
			return string(line), nil
		}
		if len(line) == maxLine {
			return "", d.errorf("line longer than %d bytes", maxLine)
		}
		line = append(line, b)
	}
}

// alignedBytes returns n zero bytes whose first byte is 8-byte aligned, so
// that the buffer can be viewed as a slice of any numeric type.
func alignedBytes(n int) []byte {
	if n == 0 {
		return []byte{}
	}
	w := make([]uint64, (n+7)/8)
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w))), n)
}

// base returns the stack length at the innermost open MARK.
func (d *decoder) base() int {
	if len(d.marks) == 0 {
		return 0
	}
	return d.marks[len(d.marks)-1]
}

func (d *decoder) push(v any) error {
	if len(d.stack) >= d.lim.MaxStack {
		return d.errorf("stack exceeds the limit of %d values", d.lim.MaxStack)
	}
	d.stack = append(d.stack, v)
	return nil
}

func (d *decoder) pop() (any, error) {
	n := len(d.stack)
	if n <= d.base() {
		return nil, d.errorf("stack underflow")
	}
	v := d.stack[n-1]
	d.stack[n-1] = nil
	d.stack = d.stack[:n-1]
	return v, nil
}

func (d *decoder) top() (any, error) {
	n := len(d.stack)
	if n <= d.base() {
		return nil, d.errorf("stack underflow")
	}
	return d.stack[n-1], nil
}

// popN pops the top n values and returns them in stack order.
func (d *decoder) popN(n int) ([]any, error) {
	k := len(d.stack) - n
	if k < d.base() {
		return nil, d.errorf("stack underflow: need %d values", n)
	}
	items := make([]any, n)
	copy(items, d.stack[k:])
	clear(d.stack[k:])
	d.stack = d.stack[:k]
	return items, nil
}

// popMark pops the values above the innermost MARK, and the MARK.
func (d *decoder) popMark() ([]any, error) {
	if len(d.marks) == 0 {
		return nil, d.errorf("no MARK on the stack")
	}
	items, err := d.popN(len(d.stack) - d.base())
	if err != nil {
		return nil, err
	}
	d.marks = d.marks[:len(d.marks)-1]
	return items, nil
}
