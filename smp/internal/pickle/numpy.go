package pickle

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// NDArray is a decoded numpy array (or numpy scalar), in C order and
// native byte order.
//
// Element (i₀, …, iₖ₋₁) of an array of shape (n₀, …, nₖ₋₁) is
// Data[((i₀·n₁ + i₁)·n₂ + …)·nₖ₋₁ + iₖ₋₁], so len(Data) = n₀·n₁·…·nₖ₋₁.
// A numpy scalar is a 0-d array: Shape is empty and Data has one element.
//
// Data is one of []float32, []float64, []int8, []int16, []int32, []int64,
// []uint8, []uint16, []uint32, []uint64 or []bool, matching numpy's
// f4, f8, i1…i8, u1…u8 and b1.
type NDArray struct {
	Shape []int
	Data  any
	// Copied is empty when Data is a view of the decoder's input (the
	// array's bytes lie C-ordered and in native byte order there, and are
	// aligned for the element type or the architecture loads misaligned
	// numbers), and otherwise says why they were copied:
	// CopyAlignment, CopyByteOrder, CopyFortran, CopyLatin1 or CopyBool.
	// A view must not be written to, and may be shared with other arrays
	// of the same pickle that referenced the same bytes object.
	Copied string
}

// Reasons for copying an array's bytes out of the input (NDArray.Copied).
const (
	CopyAlignment = "alignment"     // misaligned in the input, on an architecture that needs alignment
	CopyByteOrder = "byte order"    // stored in the other byte order
	CopyFortran   = "Fortran order" // stored column-major
	CopyLatin1    = "latin-1"       // protocol-2 str data, encoded by _codecs.encode
	CopyBool      = "bool values"   // bool bytes other than 0 and 1
)

// globalKind identifies one of the allowed globals.
type globalKind int

const (
	gNDArray     globalKind = iota + 1 // numpy.ndarray
	gDType                             // numpy.dtype
	gReconstruct                       // numpy.core.multiarray._reconstruct
	gScalar                            // numpy.core.multiarray.scalar
	gFromBuffer                        // numpy.core.numeric._frombuffer
	gEncode                            // _codecs.encode
	gBytes                             // builtins.bytes
)

// global is a resolved GLOBAL or STACK_GLOBAL.
type global struct {
	module, name string
	kind         globalKind
	off          int
}

func (g global) String() string { return g.module + "." + g.name }

// lookup resolves module.name against the allow-list: the numpy
// constructors (numpy 1.x numpy.core and numpy 2.x numpy._core spellings),
// _codecs.encode and bytes (Python 2 __builtin__ or Python 3 builtins).
func (d *decoder) lookup(module, name string) (global, error) {
	g := global{module: module, name: name, off: d.opPos}
	switch module {
	case "numpy":
		switch name {
		case "ndarray":
			g.kind = gNDArray
		case "dtype":
			g.kind = gDType
		}
	case "numpy.core.multiarray", "numpy._core.multiarray":
		switch name {
		case "_reconstruct":
			g.kind = gReconstruct
		case "scalar":
			g.kind = gScalar
		}
	case "numpy.core.numeric", "numpy._core.numeric":
		if name == "_frombuffer" {
			g.kind = gFromBuffer
		}
	case "_codecs":
		if name == "encode" {
			g.kind = gEncode
		}
	case "__builtin__", "builtins":
		if name == "bytes" {
			g.kind = gBytes
		}
	}
	if g.kind == 0 {
		return g, d.errorf("global %q is not allowed (only numpy arrays, dtypes and scalars can be decoded)", g.String())
	}
	return g, nil
}

// dtype is a numpy dtype of a supported numeric kind.
type dtype struct {
	kind  byte // 'f', 'i', 'u' or 'b' (bool)
	size  int  // bytes per element
	order byte // '<', '>', '|' or '='
	code  string
	off   int
}

func (t *dtype) String() string { return string(t.order) + t.code }

// array is a numpy array under construction: _reconstruct creates it, and
// BUILD gives it its shape, dtype and data.
type array struct {
	nd  *NDArray
	off int
}

// reduce executes REDUCE: it calls the allowed global fn with args.
func (d *decoder) reduce(fn, args any) (any, error) {
	g, ok := fn.(global)
	if !ok {
		return nil, d.errorf("cannot call a %s", typeName(fn))
	}
	t, ok := args.(*tuple)
	if !ok {
		return nil, d.errorf("arguments of %s must be a tuple, got %s", g, typeName(args))
	}
	a := t.items
	nargs := func(lo, hi int) error {
		if len(a) < lo || len(a) > hi {
			return d.errorf("%s takes %d to %d arguments, got %d", g, lo, hi, len(a))
		}
		return nil
	}
	switch g.kind {
	case gReconstruct:
		if err := nargs(3, 3); err != nil {
			return nil, err
		}
		if sub, ok := a[0].(global); !ok || sub.kind != gNDArray {
			return nil, d.errorf("%s of a %s is not supported (only numpy.ndarray)", g, typeName(a[0]))
		}
		return &array{off: d.opPos}, nil
	case gDType:
		if err := nargs(1, 3); err != nil {
			return nil, err
		}
		code, ok := text(a[0])
		if !ok {
			return nil, d.errorf("numpy.dtype of a %s is not supported", typeName(a[0]))
		}
		return d.parseDType(code)
	case gScalar:
		if err := nargs(2, 2); err != nil {
			return nil, err
		}
		return d.newArray(a[0], &tuple{}, false, a[1])
	case gFromBuffer:
		if err := nargs(4, 4); err != nil {
			return nil, err
		}
		order, ok := text(a[3])
		if !ok || (order != "C" && order != "F") {
			return nil, d.errorf("%s with order %q (%s) is not supported (only 'C' or 'F')", g, order, typeName(a[3]))
		}
		return d.newArray(a[1], a[2], order == "F", a[0])
	case gEncode:
		if err := nargs(1, 2); err != nil {
			return nil, err
		}
		s, ok := a[0].(string)
		enc := "utf-8"
		if len(a) == 2 {
			enc, _ = a[1].(string)
		}
		if !ok || (enc != "latin1" && enc != "latin-1") {
			return nil, d.errorf("%s is only supported for a str and 'latin1', got %s and %q", g, typeName(a[0]), enc)
		}
		b, err := latin1Encode(s)
		if err != nil {
			return nil, d.errorf("%s: %v", g, err)
		}
		return copiedBytes(b), nil
	case gBytes:
		if len(a) != 0 {
			return nil, d.errorf("%s is only supported without arguments, got %d", g, len(a))
		}
		return []byte{}, nil
	}
	return nil, d.errorf("calling %s directly is not supported", g)
}

// build executes BUILD: it sets the state of a dtype or an array.
func (d *decoder) build(obj, state any) error {
	st, ok := state.(*tuple)
	if !ok {
		return d.errorf("state of a %s must be a tuple, got %s", typeName(obj), typeName(state))
	}
	s := st.items
	switch obj := obj.(type) {
	case *dtype:
		// (version, byteorder, subarray, names, fields, elsize, alignment,
		// flags[, metadata]) for versions 3 and 4.
		if len(s) != 8 && len(s) != 9 {
			return d.errorf("numpy.dtype state of %d items is not supported (want 8 or 9)", len(s))
		}
		order, ok := text(s[1])
		if !ok || len(order) != 1 || !strings.Contains("<>|=", order) {
			return d.errorf("numpy.dtype byte order %q (%s) is not supported", order, typeName(s[1]))
		}
		if s[2] != nil {
			return d.errorf("numpy dtypes with a subarray are not supported")
		}
		if s[3] != nil || s[4] != nil {
			return d.errorf("structured numpy dtypes (with fields) are not supported")
		}
		obj.order = order[0]
		return nil
	case *array:
		// (version, shape, dtype, is_fortran, data), or without version.
		if len(s) == 5 {
			s = s[1:]
		}
		if len(s) != 4 {
			return d.errorf("numpy.ndarray state of %d items is not supported (want 4 or 5)", len(st.items))
		}
		var fortran bool
		switch f := s[2].(type) {
		case bool:
			fortran = f
		case int64:
			fortran = f != 0
		default:
			return d.errorf("numpy.ndarray is_fortran flag must be a bool, got %s", typeName(s[2]))
		}
		nd, err := d.newArray(s[1], s[0], fortran, s[3])
		if err != nil {
			return err
		}
		obj.nd = nd.nd
		return nil
	}
	return d.errorf("BUILD of a %s is not supported", typeName(obj))
}

// parseDType parses a numpy type code such as "f4", "<i8" or "b1".
func (d *decoder) parseDType(code string) (*dtype, error) {
	t := &dtype{order: '=', code: code, off: d.opPos}
	if code != "" && strings.ContainsRune("<>|=", rune(code[0])) {
		t.order, t.code = code[0], code[1:]
	}
	if t.code == "" {
		return nil, d.errorf("empty numpy type code")
	}
	t.kind = t.code[0]
	size, err := strconv.Atoi(t.code[1:])
	if err != nil {
		size = -1
	}
	t.size = size
	switch {
	case t.kind == 'f' && (size == 4 || size == 8),
		(t.kind == 'i' || t.kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8),
		t.kind == 'b' && size == 1:
		return t, nil
	case t.kind == 'O':
		return nil, d.errorf("object arrays (dtype %q) are not supported", code)
	case t.kind == 'V':
		return nil, d.errorf("structured or void dtypes (%q) are not supported", code)
	}
	return nil, d.errorf("numpy dtype %q is not supported (only float32/64, int8-64, uint8-64 and bool)", code)
}

// newArray builds an array from its dtype, shape tuple, storage order and
// raw data, as numpy's ndarray.__setstate__, _frombuffer and scalar do.
func (d *decoder) newArray(dt, shape any, fortran bool, data any) (*array, error) {
	t, ok := dt.(*dtype)
	if !ok {
		return nil, d.errorf("array dtype must be a numpy.dtype, got %s", typeName(dt))
	}
	st, ok := shape.(*tuple)
	if !ok {
		return nil, d.errorf("array shape must be a tuple, got %s", typeName(shape))
	}
	var raw []byte
	var copied string
	switch b := data.(type) {
	case []byte:
		raw = b
	case py2Str:
		raw = b
	case copiedBytes:
		raw, copied = b, CopyLatin1
	case string:
		var err error
		if raw, err = latin1Encode(b); err != nil {
			return nil, d.errorf("array data: %v", err)
		}
		copied = CopyLatin1
	case *list:
		return nil, d.errorf("object arrays are not supported")
	default:
		return nil, d.errorf("array data must be bytes, got %s", typeName(data))
	}

	const maxDims = 64
	if len(st.items) > maxDims {
		return nil, d.errorf("array of %d dimensions (more than %d)", len(st.items), maxDims)
	}
	dims := make([]int, len(st.items))
	n := 1
	for i, v := range st.items {
		x, ok := v.(int64)
		if !ok {
			return nil, d.errorf("array shape must hold ints, got %s", typeName(v))
		}
		if x < 0 {
			return nil, d.errorf("negative dimension %d in array shape", x)
		}
		if x != 0 && int64(n) > math.MaxInt/int64(t.size)/x {
			return nil, d.errorf("array shape %v of %s overflows", st.items, t)
		}
		dims[i] = int(x)
		n *= int(x)
	}
	if n*t.size != len(raw) {
		return nil, d.errorf("array shape %v of %s needs %d bytes, data has %d", dims, t, n*t.size, len(raw))
	}
	if t.kind == 'b' && slices.ContainsFunc(raw, func(c byte) bool { return c > 1 }) {
		c := alignedBytes(len(raw)) // numpy reads any non-zero byte as True
		for i, x := range raw {
			if x != 0 {
				c[i] = 1
			}
		}
		raw, copied = c, CopyBool
	}
	fortran = fortran && len(dims) > 1
	swap := needSwap(t)
	if fortran || swap {
		raw = toCOrder(raw, dims, t.size, fortran, swap)
		copied = CopyFortran
		if swap {
			copied = CopyByteOrder
		}
	}
	if d.strictAlign && Misaligned(raw, t.size) {
		raw = append(alignedBytes(len(raw))[:0], raw...)
		copied = CopyAlignment
	}
	return &array{nd: &NDArray{Shape: dims, Data: typed(raw, t), Copied: copied}, off: d.opPos}, nil
}

// Misaligned reports whether b does not start at a multiple of size bytes.
func Misaligned(b []byte, size int) bool {
	return len(b) > 0 && uintptr(unsafe.Pointer(unsafe.SliceData(b)))%uintptr(size) != 0
}

// needSwap reports whether elements of type t must be byte-swapped to
// native order.
func needSwap(t *dtype) bool {
	if t.size == 1 {
		return false
	}
	little := binary.NativeEndian.Uint16([]byte{1, 0}) == 1
	return (t.order == '>' && little) || (t.order == '<' && !little)
}

// toCOrder returns the elements of raw (size bytes each, Fortran order if
// fortran) in C order and, if swap, with reversed bytes, in a new aligned
// buffer.
func toCOrder(raw []byte, shape []int, size int, fortran, swap bool) []byte {
	dst := alignedBytes(len(raw))
	if fortran {
		// Walk the C-order multi-index idx; off is its Fortran offset.
		stride := make([]int, len(shape))
		s := 1
		for k, n := range shape {
			stride[k] = s
			s *= n
		}
		idx := make([]int, len(shape))
		off := 0
		for i := 0; i < len(raw); i += size {
			copy(dst[i:i+size], raw[off*size:off*size+size])
			for k := len(shape) - 1; k >= 0; k-- {
				idx[k]++
				off += stride[k]
				if idx[k] < shape[k] {
					break
				}
				off -= shape[k] * stride[k]
				idx[k] = 0
			}
		}
	} else {
		copy(dst, raw)
	}
	if swap {
		for i := 0; i+size <= len(dst); i += size {
			slices.Reverse(dst[i : i+size])
		}
	}
	return dst
}

// typed returns raw (native order, aligned for t, len a multiple of
// t.size) as a slice of the Go type of t, without copying.
func typed(raw []byte, t *dtype) any {
	switch t.kind {
	case 'f':
		if t.size == 4 {
			return view[float32](raw)
		}
		return view[float64](raw)
	case 'b':
		return view[bool](raw)
	case 'i':
		switch t.size {
		case 1:
			return view[int8](raw)
		case 2:
			return view[int16](raw)
		case 4:
			return view[int32](raw)
		}
		return view[int64](raw)
	}
	switch t.size {
	case 1:
		return view[uint8](raw)
	case 2:
		return view[uint16](raw)
	case 4:
		return view[uint32](raw)
	}
	return view[uint64](raw)
}

// view reinterprets aligned bytes as a []T of len(raw)/sizeof(T) elements.
func view[T any](raw []byte) []T {
	var zero T
	n := len(raw) / int(unsafe.Sizeof(zero))
	if n == 0 {
		return []T{}
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(raw))), n)
}
