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
	"fmt"
	"strings"
	"unsafe"
)

// Decode decodes the pickle in data and returns the decoded value. Bytes
// after the STOP opcode are ignored.
//
// The raw bytes of a numpy array that is C-ordered and in native byte order
// in data are used in place (see NDArray.Copied), so data must stay valid
// for as long as such arrays are used; all other decoded values are copies.
func Decode(data []byte, lim Limits) (any, error) {
	d := &decoder{data: data, lim: lim.orDefault(), memo: make(map[int64]any)}
	v, err := d.run()
	if err != nil {
		return nil, err
	}
	return d.export(v)
}

// decoder is the state of the pickle machine.
type decoder struct {
	data []byte // the whole input
	pos  int    // offset of the next byte of data
	lim  Limits

	stack []any
	marks []int // stack lengths at each open MARK
	memo  map[int64]any

	op    byte // current opcode
	opPos int  // offset of the current opcode
}

// decodeError is an error at a byte offset of the input.
type decodeError struct {
	off   int
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
		if d.pos >= len(d.data) {
			return nil, &decodeError{off: d.pos, msg: "input ends before the STOP opcode"}
		}
		d.op = d.data[d.pos]
		d.pos++
		op := opcodes[d.op]
		if d.op == opStop {
			return d.top()
		}
		if op.exec == nil {
			for ops, why := range refused {
				if strings.IndexByte(ops, d.op) >= 0 {
					return nil, d.errorf("%s", why)
				}
			}
			return nil, d.errorf("unknown opcode")
		}
		arg, err := d.readUint(op.width)
		if err == nil {
			err = op.exec(d, arg)
		}
		if err != nil {
			return nil, err
		}
	}
}

// readUint reads an n-byte little-endian unsigned argument, n ≤ 8.
func (d *decoder) readUint(n int) (uint64, error) {
	if left := len(d.data) - d.pos; n > left {
		return 0, d.errorf("argument needs %d bytes but only %d remain", n, left)
	}
	var v uint64
	for i := n - 1; i >= 0; i-- {
		v = v<<8 | uint64(d.data[d.pos+i])
	}
	d.pos += n
	return v, nil
}

// readPayload returns the next n bytes of the input, after checking n
// against the bytes left. The result is a view of the input, not a copy;
// its capacity ends with it.
func (d *decoder) readPayload(n uint64) ([]byte, error) {
	left := len(d.data) - d.pos
	if n > uint64(left) {
		return nil, d.errorf("declared length %d exceeds the %d bytes left in the input", n, left)
	}
	b := d.data[d.pos : d.pos+int(n) : d.pos+int(n)]
	d.pos += int(n)
	return b, nil
}

// readLine reads a newline-terminated argument of GLOBAL and returns it
// without the newline.
func (d *decoder) readLine() (string, error) {
	const maxLine = 1024
	rest := d.data[d.pos:]
	for i, c := range rest[:min(len(rest), maxLine+1)] {
		if c == '\n' {
			d.pos += i + 1
			return string(rest[:i]), nil
		}
	}
	if len(rest) > maxLine {
		return "", d.errorf("line longer than %d bytes", maxLine)
	}
	return "", d.errorf("line not terminated before the end of the input")
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
