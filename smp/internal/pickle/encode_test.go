package pickle

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"unicode/utf8"
	"unsafe"
)

// This file is a small pickle encoder: the inverse of Decode for the values
// Decode returns, written the way CPython's pickle.dump and numpy write them.
// It exists so that tests and benchmarks can make numpy pickles of any size
// without Python. It shares nothing with the decoder but the opcode
// constants.

// EncodeOptions selects the dialect Encode writes.
type EncodeOptions struct {
	// Protocol is the pickle protocol, 2 to 5; 0 means 4, the default of
	// Python 3.8 to 3.13.
	Protocol int
	// Numpy2 spells the numpy constructors as numpy 2.x does
	// (numpy._core.multiarray, numpy._core.numeric) instead of numpy 1.x
	// (numpy.core.multiarray, numpy.core.numeric).
	Numpy2 bool
	// Python2 writes str and bytes as Python 2's cPickle writes its str
	// (SHORT_BINSTRING, BINSTRING). It requires Protocol 2.
	Python2 bool
	// Reconstruct makes protocol 5 write arrays as protocols 2 to 4 do
	// (_reconstruct and BUILD, as numpy does for non-contiguous arrays)
	// instead of _frombuffer of an in-band bytearray.
	Reconstruct bool
}

// Tuple is a Python tuple for Encode; a []any is a Python list.
type Tuple []any

// Dict is a Python dict for Encode with its items in the given order (a
// map[string]any is written with its keys sorted). Keys must be distinct.
type Dict []Item

// Item is one key and value of a Dict.
type Item struct {
	Key   string
	Value any
}

// ByteArray is a Python bytearray for Encode (BYTEARRAY8, protocol 5 only).
type ByteArray []byte

// Array is a numpy array, or numpy scalar, for Encode.
//
// Raw holds the elements in storage order — C order (last index fastest)
// or, if Fortran, Fortran order (first index fastest) — each element in the
// byte order of DType. len(Raw) must be n₀·n₁·…·nₖ₋₁ times the element size.
// Raw is written as it is, never copied, so it may be a view of a large
// typed slice (see NewArray).
type Array struct {
	Shape []int
	// DType is numpy's dtype.str: byte order ('<' little-endian, '>'
	// big-endian, '|' for one-byte types) followed by one of f4, f8, i1,
	// i2, i4, i8, u1, u2, u4, u8, b1; for example "<f4" or "|u1".
	DType   string
	Fortran bool // Raw is in Fortran order
	// Scalar makes a numpy scalar (numpy.float32(x), ...) rather than a
	// 0-d array; Shape must then be empty and Raw hold one element.
	Scalar bool
	Raw    []byte
}

// NewArray returns the array of the given shape holding data, a C-ordered
// []float32, []float64, []int8, []int16, []int32, []int64, []uint8, []uint16,
// []uint32, []uint64 or []bool, in native byte order. Raw is a view of data's
// memory, not a copy: data must not change until the array is encoded.
func NewArray(data any, shape ...int) (*Array, error) {
	var code string
	var raw []byte
	switch d := data.(type) {
	case []float32:
		code, raw = "f4", bytesOf(d)
	case []float64:
		code, raw = "f8", bytesOf(d)
	case []int8:
		code, raw = "i1", bytesOf(d)
	case []int16:
		code, raw = "i2", bytesOf(d)
	case []int32:
		code, raw = "i4", bytesOf(d)
	case []int64:
		code, raw = "i8", bytesOf(d)
	case []uint8:
		code, raw = "u1", d
	case []uint16:
		code, raw = "u2", bytesOf(d)
	case []uint32:
		code, raw = "u4", bytesOf(d)
	case []uint64:
		code, raw = "u8", bytesOf(d)
	case []bool:
		code, raw = "b1", bytesOf(d)
	default:
		return nil, fmt.Errorf("pickle: NewArray of %T (want a slice of a numeric type or bool)", data)
	}
	order := "<"
	switch {
	case code[1] == '1':
		order = "|"
	case binary.NativeEndian.Uint16([]byte{1, 0}) != 1:
		order = ">"
	}
	a := &Array{Shape: slices.Clone(shape), DType: order + code, Raw: raw}
	if err := a.check(); err != nil {
		return nil, err
	}
	return a, nil
}

// bytesOf returns the memory of s as bytes, without copying.
func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return []byte{}
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}

// check validates the dtype, shape and data length of a.
func (a *Array) check() error {
	if len(a.DType) != 3 {
		return fmt.Errorf("pickle: array dtype %q: want a byte order and a type code such as \"<f4\"", a.DType)
	}
	code, order := a.DType[1:], a.DType[0]
	var size int
	switch code {
	case "i1", "u1", "b1":
		size = 1
	case "i2", "u2":
		size = 2
	case "f4", "i4", "u4":
		size = 4
	case "f8", "i8", "u8":
		size = 8
	default:
		return fmt.Errorf("pickle: array dtype %q is not supported (only f4, f8, i1-i8, u1-u8 and b1)", a.DType)
	}
	if (size == 1) != (order == '|') || (size > 1 && order != '<' && order != '>') {
		return fmt.Errorf("pickle: array dtype %q: want byte order '|' for one-byte types, '<' or '>' otherwise", a.DType)
	}
	if a.Scalar && (len(a.Shape) != 0 || a.Fortran) {
		return fmt.Errorf("pickle: a numpy scalar has no shape and no Fortran order, got shape %v", a.Shape)
	}
	n := uint64(size)
	for _, k := range a.Shape {
		if k < 0 {
			return fmt.Errorf("pickle: array shape %v has a negative dimension", a.Shape)
		}
		hi, lo := bits.Mul64(n, uint64(k))
		if hi != 0 || lo > math.MaxInt {
			return fmt.Errorf("pickle: array shape %v of %s overflows", a.Shape, a.DType)
		}
		n = lo
	}
	if uint64(len(a.Raw)) != n {
		return fmt.Errorf("pickle: array of shape %v and dtype %s needs %d bytes, Raw has %d", a.Shape, a.DType, n, len(a.Raw))
	}
	return nil
}

// Encode writes one pickle of v to w; see Encoder.Encode.
func Encode(w io.Writer, v any, opt EncodeOptions) error {
	e, err := NewEncoder(w, opt)
	if err != nil {
		return err
	}
	return e.Encode(v)
}

// Encoder writes pickles to an io.Writer.
//
// Small opcodes are gathered in a buffer of about 64 KiB — a protocol 4 or 5
// FRAME — and written with one Write; payloads of 64 KiB or more (array
// data, long strings) are written with their own Write, straight from the
// caller's memory, outside any frame, as CPython does. An Encoder is not
// safe for concurrent use.
type Encoder struct {
	w       io.Writer
	opt     EncodeOptions
	framing bool   // protocol 4 or 5: group small opcodes into FRAMEs
	buf     []byte // pending output: the current frame
	memo    map[memoKey]int
	nmemo   int
	depth   int
	err     error // first error; later writes are skipped
}

// memoKey identifies a value the encoder writes once and then fetches from
// the memo, as CPython does for objects it shares by identity: globals,
// dtypes, strings of up to maxSharedStr bytes (CPython shares interned
// strings: names, one-character strings), empty and one-byte bytes, and
// *Array pointers.
type memoKey struct {
	kind byte // 'g' global, 'd' dtype, 's' str, 'b' bytes, 'a' array
	s    string
	a    *Array
}

// Encoder limits and CPython constants.
const (
	frameTarget    = 64 << 10 // CPython's _FRAME_SIZE_TARGET
	frameMin       = 4        // CPython's _FRAME_SIZE_MIN: smaller frames get no FRAME opcode
	batchSize      = 1000     // CPython's _BATCHSIZE for APPENDS and SETITEMS
	maxEncodeDepth = 1000     // deepest nesting of containers; DefaultLimits().MaxDepth
	maxSharedStr   = 256      // strings up to this length are written once and then fetched
)

// NewEncoder returns an encoder writing to w with the given options.
func NewEncoder(w io.Writer, opt EncodeOptions) (*Encoder, error) {
	if opt.Protocol == 0 {
		opt.Protocol = 4
	}
	if opt.Protocol < 2 || opt.Protocol > 5 {
		return nil, fmt.Errorf("pickle: cannot encode protocol %d (only 2 to 5)", opt.Protocol)
	}
	if opt.Python2 && opt.Protocol != 2 {
		return nil, fmt.Errorf("pickle: Python 2 strings need protocol 2, not %d", opt.Protocol)
	}
	return &Encoder{w: w, opt: opt, framing: opt.Protocol >= 4}, nil
}

// Encode writes one complete pickle of v (PROTO, the value, STOP).
//
// v may be nil (None), bool, int, int64, float64 (Python float), string
// (str; it must be valid UTF-8 unless Python2), []byte (bytes), ByteArray,
// Tuple, []any (list), map[string]any (dict, keys written in sorted order),
// Dict (dict, items in order) and *Array (numpy array or scalar), with
// containers nested up to 1000 deep. Values are laid out as CPython's
// pickle.dump lays them out: PROTO outside any frame; small opcodes in
// frames of about 64 KiB for protocols 4 and 5; every str, bytes, tuple,
// list, dict, global and reduced object memoized (MEMOIZE, or BINPUT before
// protocol 4); lists and dicts filled in batches of 1000 (APPENDS,
// SETITEMS, or APPEND, SETITEM for a single item), as the C pickler does.
//
// Arrays are written as numpy 1.x and 2.x write them: _reconstruct and
// BUILD of the state (1, shape, dtype, is_fortran, raw bytes) for
// protocols 2 to 4, and _frombuffer(bytearray, dtype, shape, 'C' or 'F')
// for protocol 5; numpy scalars as scalar(dtype, raw bytes); dtypes as
// numpy.dtype(code, False, True) with the state (3, order, None, None,
// None, -1, -1, 0). In protocol 2, bytes are written as Python 3 does,
// _codecs.encode(latin-1 text, 'latin1'), which makes binary data about 1.5
// times larger; the text is streamed, not held in memory.
//
// The same *Array or short string given twice is written once and fetched
// from the memo afterwards. The output is byte for byte CPython 3.11's (C
// pickler, numpy 1.x) for the reference pickles in testdata and the values
// of the tests; it can differ where CPython shares, or does not share,
// equal objects by identity. Unsupported values give an error; so do write
// errors of w. After an error part of the pickle may have been written.
func (e *Encoder) Encode(v any) error {
	e.err = nil
	e.memo = make(map[memoKey]int)
	e.nmemo, e.depth = 0, 0
	e.begin()
	e.value(v)
	return e.end()
}

// begin writes PROTO, outside any frame, as CPython does.
func (e *Encoder) begin() {
	e.buf = append(e.buf[:0], opProto, byte(e.opt.Protocol))
	e.flush(false)
}

// end writes STOP and commits the last frame.
func (e *Encoder) end() error {
	e.op(opStop)
	e.flush(e.framing)
	return e.err
}

func (e *Encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *Encoder) write(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}

// flush writes the buffer, as a FRAME if framed and at least frameMin bytes.
func (e *Encoder) flush(framed bool) {
	if len(e.buf) == 0 {
		return
	}
	if framed && len(e.buf) >= frameMin {
		var h [9]byte
		h[0] = opFrame
		binary.LittleEndian.PutUint64(h[1:], uint64(len(e.buf)))
		e.write(h[:])
	}
	e.write(e.buf)
	e.buf = e.buf[:0]
}

// commit ends the current frame once it holds frameTarget bytes; CPython
// checks this before saving each value.
func (e *Encoder) commit() {
	if len(e.buf) >= frameTarget {
		e.flush(e.framing)
	}
}

// payload writes an opcode header followed by data: inside the frame if
// small, else on its own after committing the frame.
func (e *Encoder) payload(header []byte, data []byte) {
	if len(data) < frameTarget {
		e.op(header...)
		e.op(data...)
		return
	}
	e.flush(e.framing)
	e.write(header)
	e.write(data)
}

func (e *Encoder) op(b ...byte) { e.buf = append(e.buf, b...) }

func (e *Encoder) u32(n uint32) { e.buf = binary.LittleEndian.AppendUint32(e.buf, n) }

// memoize stores the value just written in the next memo slot (MEMOIZE, or
// BINPUT before protocol 4) and, if k is not zero, remembers it under k.
func (e *Encoder) memoize(k memoKey) {
	i := e.nmemo
	e.nmemo++
	switch {
	case e.opt.Protocol >= 4:
		e.op(opMemoize)
	case i < 256:
		e.op(opBinPut, byte(i))
	default:
		e.op(opLongBinPut)
		e.u32(uint32(i))
	}
	if k.kind != 0 {
		e.memo[k] = i
	}
}

// fetch writes a BINGET of the value memoized under k, if any.
func (e *Encoder) fetch(k memoKey) bool {
	i, ok := e.memo[k]
	if !ok {
		return false
	}
	if i < 256 {
		e.op(opBinGet, byte(i))
	} else {
		e.op(opLongBinGet)
		e.u32(uint32(i))
	}
	return true
}

// globalRef is a module-level name (STACK_GLOBAL or GLOBAL) as a value.
type globalRef struct{ module, name string }

// dtypeRef is a numpy dtype as a value: order '<', '>' or '|' and a code.
type dtypeRef struct {
	code  string
	order byte
}

func (e *Encoder) value(v any) {
	if e.err != nil {
		return
	}
	e.commit()
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
		e.buf = binary.BigEndian.AppendUint64(e.buf, math.Float64bits(v))
	case string:
		if !e.opt.Python2 && !utf8.ValidString(v) {
			e.fail(fmt.Errorf("pickle: string %q is not valid UTF-8", v))
			return
		}
		e.str(v)
	case []byte:
		e.bytes(v)
	case ByteArray:
		e.bytearray(v)
	case Tuple:
		e.nest(func() { e.tuple(v...) })
	case []any:
		e.nest(func() { e.list(v) })
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		items := make(Dict, len(keys))
		for i, k := range keys {
			items[i] = Item{k, v[k]}
		}
		e.nest(func() { e.dict(items) })
	case Dict:
		seen := make(map[string]bool, len(v))
		for _, it := range v {
			if seen[it.Key] {
				e.fail(fmt.Errorf("pickle: dict key %q given twice", it.Key))
				return
			}
			seen[it.Key] = true
		}
		e.nest(func() { e.dict(v) })
	case *Array:
		e.array(v)
	case globalRef:
		e.global(v.module, v.name)
	case dtypeRef:
		e.dtype(v.code, v.order)
	default:
		e.fail(fmt.Errorf("pickle: cannot encode a %T", v))
	}
}

// nest runs f one container level deeper.
func (e *Encoder) nest(f func()) {
	if e.depth >= maxEncodeDepth {
		e.fail(fmt.Errorf("pickle: containers nested deeper than %d", maxEncodeDepth))
		return
	}
	e.depth++
	f()
	e.depth--
}

// int writes v as CPython's save_long: BININT1, BININT2, BININT, or LONG1
// with the shortest two's-complement little-endian encoding.
func (e *Encoder) int(v int64) {
	switch {
	case v >= 0 && v <= 0xff:
		e.op(opBinInt1, byte(v))
	case v >= 0 && v <= 0xffff:
		e.op(opBinInt2, byte(v), byte(v>>8))
	case v >= math.MinInt32 && v <= math.MaxInt32:
		e.op(opBinInt)
		e.u32(uint32(int32(v)))
	default:
		mag := uint64(v) // |v|, also for MinInt64
		if v < 0 {
			mag = -mag
		}
		n := bits.Len64(mag)/8 + 1 // as CPython's encode_long
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(v >> min(8*i, 63))
		}
		if v < 0 && n > 1 && b[n-1] == 0xff && b[n-2]&0x80 != 0 {
			b = b[:n-1]
		}
		e.op(opLong1, byte(len(b)))
		e.op(b...)
	}
}

// str writes a Python str (or, if Python2, a Python 2 str).
func (e *Encoder) str(s string) {
	e.text(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// text writes the bytes p as a str: SHORT_BINUNICODE, BINUNICODE or
// BINUNICODE8 of UTF-8 text, or a Python 2 SHORT_BINSTRING or BINSTRING.
// Short strings are written once and fetched from the memo afterwards.
func (e *Encoder) text(p []byte) {
	var k memoKey
	if len(p) <= maxSharedStr {
		k = memoKey{kind: 's', s: string(p)}
		if e.fetch(k) {
			return
		}
	}
	n := uint64(len(p))
	var h []byte
	switch {
	case e.opt.Python2 && n < 256:
		h = []byte{opShortBinString, byte(n)}
	case e.opt.Python2 && n <= math.MaxUint32:
		h = binary.LittleEndian.AppendUint32([]byte{opBinString}, uint32(n))
	case e.opt.Protocol >= 4 && n < 256:
		h = []byte{opShortBinUnicode, byte(n)}
	case n <= math.MaxUint32:
		h = binary.LittleEndian.AppendUint32([]byte{opBinUnicode}, uint32(n))
	case e.opt.Protocol >= 4:
		h = binary.LittleEndian.AppendUint64([]byte{opBinUnicode8}, n)
	default:
		e.fail(fmt.Errorf("pickle: a string of %d bytes needs protocol 4", n))
		return
	}
	e.payload(h, p)
	e.memoize(k)
}

// bytes writes a Python bytes object (a str if Python2).
func (e *Encoder) bytes(b []byte) {
	if e.opt.Python2 {
		e.text(b)
		return
	}
	var k memoKey
	if len(b) <= 1 { // CPython shares b'' and the one-byte bytes objects
		k = memoKey{kind: 'b', s: string(b)}
		if e.fetch(k) {
			return
		}
	}
	n := uint64(len(b))
	switch {
	case e.opt.Protocol == 2 && n == 0:
		// bytes(): GLOBAL + EMPTY_TUPLE + REDUCE.
		e.global("__builtin__", "bytes")
		e.op(opEmptyTuple, opReduce)
	case e.opt.Protocol == 2:
		// _codecs.encode(b.decode('latin1'), 'latin1').
		e.global("_codecs", "encode")
		e.latin1(b)
		e.str("latin1")
		e.op(opTuple2)
		e.memoize(memoKey{})
		e.op(opReduce)
	case n < 256:
		e.op(opShortBinBytes, byte(n))
		e.op(b...)
	case n <= math.MaxUint32:
		e.payload(binary.LittleEndian.AppendUint32([]byte{opBinBytes}, uint32(n)), b)
	case e.opt.Protocol >= 4:
		e.payload(binary.LittleEndian.AppendUint64([]byte{opBinBytes8}, n), b)
	default:
		e.fail(fmt.Errorf("pickle: bytes of %d bytes need protocol 4", n))
		return
	}
	e.memoize(k)
}

// latin1 writes b decoded as latin-1 as a Python str (BINUNICODE of its
// UTF-8 encoding), converting it chunk by chunk through the buffer.
func (e *Encoder) latin1(b []byte) {
	n := uint64(len(b))
	for _, c := range b {
		if c >= utf8.RuneSelf {
			n++
		}
	}
	if n > math.MaxUint32 {
		e.fail(fmt.Errorf("pickle: bytes of %d bytes are too long for protocol 2", len(b)))
		return
	}
	e.op(opBinUnicode)
	e.u32(uint32(n))
	for _, c := range b {
		if c < utf8.RuneSelf {
			e.buf = append(e.buf, c)
		} else {
			e.buf = append(e.buf, 0xc0|c>>6, 0x80|c&0x3f)
		}
		if len(e.buf) >= frameTarget {
			e.flush(false) // protocol 2: no frames
		}
	}
	e.memoize(memoKey{})
}

// bytearray writes a Python bytearray (protocol 5).
func (e *Encoder) bytearray(b []byte) {
	if e.opt.Protocol < 5 {
		e.fail(fmt.Errorf("pickle: a bytearray needs protocol 5, not %d", e.opt.Protocol))
		return
	}
	e.payload(binary.LittleEndian.AppendUint64([]byte{opByteArray8}, uint64(len(b))), b)
	e.memoize(memoKey{})
}

// tuple writes a Python tuple: EMPTY_TUPLE, TUPLE1 to TUPLE3, or MARK ...
// TUPLE.
func (e *Encoder) tuple(items ...any) {
	switch n := len(items); {
	case n == 0:
		e.op(opEmptyTuple)
		return
	case n <= 3:
		for _, x := range items {
			e.value(x)
		}
		e.op(opTuple1 + byte(n-1))
	default:
		e.op(opMark)
		for _, x := range items {
			e.value(x)
		}
		e.op(opTuple)
	}
	e.memoize(memoKey{})
}

// list writes EMPTY_LIST, memoizes it, then appends the items as CPython's
// C pickler does: APPEND for a single item, else batches of up to 1000
// items, each MARK ... APPENDS.
func (e *Encoder) list(items []any) {
	e.op(opEmptyList)
	e.memoize(memoKey{})
	if len(items) == 1 {
		e.value(items[0])
		e.op(opAppend)
		return
	}
	for len(items) > 0 {
		batch := items[:min(len(items), batchSize)]
		items = items[len(batch):]
		e.op(opMark)
		for _, x := range batch {
			e.value(x)
		}
		e.op(opAppends)
	}
}

// dict writes EMPTY_DICT, memoizes it, then sets the items as CPython's C
// pickler does: SETITEM for a single item, else batches of MARK ...
// SETITEMS until a batch holds fewer than 1000 items (so a multiple of 1000
// items ends with an empty batch).
func (e *Encoder) dict(items Dict) {
	e.op(opEmptyDict)
	e.memoize(memoKey{})
	switch len(items) {
	case 0:
		return
	case 1:
		e.value(items[0].Key)
		e.value(items[0].Value)
		e.op(opSetItem)
		return
	}
	for {
		batch := items[:min(len(items), batchSize)]
		items = items[len(batch):]
		e.op(opMark)
		for _, it := range batch {
			e.value(it.Key)
			e.value(it.Value)
		}
		e.op(opSetItems)
		if len(batch) < batchSize {
			return
		}
	}
}

// global writes a reference to module.name: STACK_GLOBAL of two strings in
// protocols 4 and 5, GLOBAL before.
func (e *Encoder) global(module, name string) {
	k := memoKey{kind: 'g', s: module + "\n" + name}
	if e.fetch(k) {
		return
	}
	if e.opt.Protocol >= 4 {
		e.str(module)
		e.str(name)
		e.op(opStackGlobal)
	} else {
		e.op(opGlobal)
		e.op([]byte(module + "\n" + name + "\n")...)
	}
	e.memoize(k)
}

// core returns the module prefix of numpy's internals.
func (e *Encoder) core() string {
	if e.opt.Numpy2 {
		return "numpy._core"
	}
	return "numpy.core"
}

// dtype writes numpy.dtype(code, False, True) with its version-3 state
// (3, order, None, None, None, -1, -1, 0), or fetches it if written before.
func (e *Encoder) dtype(code string, order byte) {
	k := memoKey{kind: 'd', s: string(order) + code}
	if e.fetch(k) {
		return
	}
	e.global("numpy", "dtype")
	e.tuple(code, false, true)
	e.op(opReduce)
	e.memoize(k)
	e.tuple(3, string(order), nil, nil, nil, -1, -1, 0)
	e.op(opBuild)
}

// array writes a numpy array or scalar as numpy's __reduce_ex__ does.
func (e *Encoder) array(a *Array) {
	if a == nil {
		e.fail(fmt.Errorf("pickle: cannot encode a nil *Array"))
		return
	}
	k := memoKey{kind: 'a', a: a}
	if e.fetch(k) {
		return
	}
	if err := a.check(); err != nil {
		e.fail(err)
		return
	}
	dt := dtypeRef{code: a.DType[1:], order: a.DType[0]}
	shape := make(Tuple, len(a.Shape))
	for i, n := range a.Shape {
		shape[i] = n
	}
	order := "C"
	if a.Fortran {
		order = "F"
	}
	switch {
	case a.Scalar:
		e.global(e.core()+".multiarray", "scalar")
		e.tuple(dt, a.Raw)
		e.op(opReduce)
		e.memoize(k)
	case e.opt.Protocol == 5 && !e.opt.Reconstruct:
		e.global(e.core()+".numeric", "_frombuffer")
		e.tuple(ByteArray(a.Raw), dt, shape, order)
		e.op(opReduce)
		e.memoize(k)
	default:
		e.global(e.core()+".multiarray", "_reconstruct")
		e.tuple(globalRef{"numpy", "ndarray"}, Tuple{0}, []byte("b"))
		e.op(opReduce)
		e.memoize(k)
		e.tuple(1, shape, dt, a.Fortran, a.Raw)
		e.op(opBuild)
	}
}
