package pickle

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
)

// encoder writes pickles laid out the way CPython and numpy write them, for
// tests. It is deliberately independent of the decoder: it shares no code
// with it except the opcode constants.
type encoder struct {
	w      *bufio.Writer
	proto  int  // 2 to 5
	numpy2 bool // numpy 2.x module names (numpy._core)
	py2    bool // Python 2 style: str and bytes as BINSTRING (protocol 2)
	// reconstruct forces the _reconstruct path for protocol 5.
	reconstruct bool
}

// encTuple is a Python tuple for the encoder; []any is a list.
type encTuple []any

// encBytearray is a Python bytearray (BYTEARRAY8, protocol 5).
type encBytearray []byte

// encArray is a numpy array as numpy pickles it.
type encArray struct {
	code    string // numpy type code without byte order: "f4", "u1", "b1"
	order   byte   // '<', '>' or '|'
	shape   []int
	fortran bool   // raw is in Fortran order
	raw     []byte // element bytes in storage order and byte order
	scalar  bool   // a numpy scalar (shape must be empty)
}

func (e *encoder) op(b ...byte) { e.w.Write(b) }

func (e *encoder) u32(n uint32) { e.w.Write(binary.LittleEndian.AppendUint32(nil, n)) }

func (e *encoder) u64(n uint64) { e.w.Write(binary.LittleEndian.AppendUint64(nil, n)) }

// encode writes a whole pickle of v.
func (e *encoder) encode(v any) error {
	e.op(opProto, byte(e.proto))
	e.value(v)
	e.op(opStop)
	return e.w.Flush()
}

func (e *encoder) value(v any) {
	switch v := v.(type) {
	case nil:
		e.op(opNone)
	case bool:
		if v {
			e.op(opNewTrue)
		} else {
			e.op(opNewFalse)
		}
	case int:
		e.int(int64(v))
	case int64:
		e.int(v)
	case float64:
		e.op(opBinFloat)
		e.w.Write(binary.BigEndian.AppendUint64(nil, math.Float64bits(v)))
	case string:
		e.str(v)
	case []byte:
		e.bytes(v)
	case encBytearray:
		e.op(opByteArray8)
		e.u64(uint64(len(v)))
		e.w.Write(v)
	case map[string]any:
		e.op(opEmptyDict)
		if len(v) == 0 {
			return
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		e.op(opMark)
		for _, k := range keys {
			e.str(k)
			e.value(v[k])
		}
		e.op(opSetItems)
	case []any:
		e.op(opEmptyList)
		if len(v) == 0 {
			return
		}
		e.op(opMark)
		for _, x := range v {
			e.value(x)
		}
		e.op(opAppends)
	case encTuple:
		e.tuple(v...)
	case *encArray:
		e.array(v)
	default:
		panic(fmt.Sprintf("encoder: unsupported %T", v))
	}
}

func (e *encoder) int(v int64) {
	switch {
	case v >= 0 && v < 256:
		e.op(opBinInt1, byte(v))
	case v >= math.MinInt32 && v <= math.MaxInt32:
		e.op(opBinInt)
		e.u32(uint32(int32(v)))
	default:
		e.op(opLong1, 8)
		e.u64(uint64(v))
	}
}

func (e *encoder) tuple(items ...any) {
	if len(items) == 0 {
		e.op(opEmptyTuple)
		return
	}
	e.op(opMark)
	for _, x := range items {
		e.value(x)
	}
	e.op(opTuple)
}

func (e *encoder) str(s string) {
	switch {
	case e.py2 && len(s) < 256:
		e.op(opShortBinString, byte(len(s)))
	case e.py2:
		e.op(opBinString)
		e.u32(uint32(len(s)))
	case e.proto >= 4 && len(s) < 256:
		e.op(opShortBinUnicode, byte(len(s)))
	default:
		e.op(opBinUnicode)
		e.u32(uint32(len(s)))
	}
	e.w.WriteString(s)
}

func (e *encoder) bytes(b []byte) {
	switch {
	case e.py2:
		e.str(string(b))
		return
	case e.proto == 2 && len(b) == 0:
		e.global("__builtin__", "bytes")
		e.op(opEmptyTuple, opReduce)
		return
	case e.proto == 2:
		// _codecs.encode(b.decode('latin1'), 'latin1')
		e.global("_codecs", "encode")
		var u []rune
		for _, c := range b {
			u = append(u, rune(c))
		}
		e.op(opMark)
		e.str(string(u))
		e.str("latin1")
		e.op(opTuple, opReduce)
		return
	case len(b) < 256:
		e.op(opShortBinBytes, byte(len(b)))
	case uint64(len(b)) < 1<<32:
		e.op(opBinBytes)
		e.u32(uint32(len(b)))
	default:
		e.op(opBinBytes8)
		e.u64(uint64(len(b)))
	}
	e.w.Write(b)
}

func (e *encoder) global(module, name string) {
	if e.proto < 4 {
		e.op(opGlobal)
		e.w.WriteString(module + "\n" + name + "\n")
		return
	}
	e.str(module)
	e.str(name)
	e.op(opStackGlobal)
}

func (e *encoder) core() string {
	if e.numpy2 {
		return "numpy._core"
	}
	return "numpy.core"
}

// dtype writes numpy.dtype(code, False, True) with its version-3 state.
func (e *encoder) dtype(code string, order byte) {
	e.global("numpy", "dtype")
	e.tuple(code, false, true)
	e.op(opReduce)
	e.tuple(3, string(order), nil, nil, nil, -1, -1, 0)
	e.op(opBuild)
}

func (e *encoder) shape(shape []int) {
	items := make([]any, len(shape))
	for i, n := range shape {
		items[i] = n
	}
	e.tuple(items...)
}

func (e *encoder) array(a *encArray) {
	switch {
	case a.scalar:
		e.global(e.core()+".multiarray", "scalar")
		e.op(opMark)
		e.dtype(a.code, a.order)
		e.bytes(a.raw)
		e.op(opTuple, opReduce)
	case e.proto == 5 && !e.reconstruct:
		e.global(e.core()+".numeric", "_frombuffer")
		e.op(opMark)
		e.value(encBytearray(a.raw))
		e.dtype(a.code, a.order)
		e.shape(a.shape)
		if a.fortran {
			e.str("F")
		} else {
			e.str("C")
		}
		e.op(opTuple, opReduce)
	default:
		e.global(e.core()+".multiarray", "_reconstruct")
		e.op(opMark)
		e.global("numpy", "ndarray")
		e.tuple(0)
		e.bytes([]byte("b"))
		e.op(opTuple, opReduce)
		e.op(opMark)
		e.int(1)
		e.shape(a.shape)
		e.dtype(a.code, a.order)
		e.value(a.fortran)
		e.bytes(a.raw)
		e.op(opTuple, opBuild)
	}
}

// pickleOf encodes v with the given options.
func pickleOf(v any, opts encoder) []byte {
	var buf bytes.Buffer
	opts.w = bufio.NewWriter(&buf)
	if opts.proto == 0 {
		opts.proto = 4
	}
	if err := opts.encode(v); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// newEncArray returns the encoding of the C-ordered typed slice data of the
// given shape, stored in Fortran order and/or big-endian as asked.
func newEncArray(data any, shape []int, fortran, bigEndian bool) *encArray {
	a := &encArray{shape: slices.Clone(shape), fortran: fortran, order: '<'}
	var order binary.ByteOrder = binary.LittleEndian
	if bigEndian {
		a.order, order = '>', binary.BigEndian
	}
	switch data.(type) {
	case []float32:
		a.code = "f4"
	case []float64:
		a.code = "f8"
	case []int8:
		a.code = "i1"
	case []int16:
		a.code = "i2"
	case []int32:
		a.code = "i4"
	case []int64:
		a.code = "i8"
	case []uint8:
		a.code = "u1"
	case []uint16:
		a.code = "u2"
	case []uint32:
		a.code = "u4"
	case []uint64:
		a.code = "u8"
	case []bool:
		a.code = "b1"
	}
	if a.code[1] == '1' {
		a.order = '|'
	}
	if fortran {
		data = fortranOf(data, shape)
	}
	var buf bytes.Buffer
	if err := binary.Write(&buf, order, data); err != nil {
		panic(err)
	}
	a.raw = buf.Bytes()
	return a
}

// fortranOf returns the C-ordered data of the given shape in Fortran order.
func fortranOf(data any, shape []int) any {
	switch d := data.(type) {
	case []float32:
		return permute(d, shape)
	case []float64:
		return permute(d, shape)
	case []int8:
		return permute(d, shape)
	case []int16:
		return permute(d, shape)
	case []int32:
		return permute(d, shape)
	case []int64:
		return permute(d, shape)
	case []uint8:
		return permute(d, shape)
	case []uint16:
		return permute(d, shape)
	case []uint32:
		return permute(d, shape)
	case []uint64:
		return permute(d, shape)
	case []bool:
		return permute(d, shape)
	}
	panic("fortranOf: unsupported type")
}

// permute returns c (C order) in Fortran order: element j of the result is
// the element whose multi-index, first index fastest, enumerates j.
func permute[T any](c []T, shape []int) []T {
	f := make([]T, len(c))
	idx := make([]int, len(shape))
	for j := range f {
		r := j
		for k := range shape {
			idx[k] = r % shape[k]
			r /= shape[k]
		}
		ci := 0
		for k := range shape {
			ci = ci*shape[k] + idx[k]
		}
		f[j] = c[ci]
	}
	return f
}
