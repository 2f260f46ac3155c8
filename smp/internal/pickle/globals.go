package pickle

import (
	"strings"
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

// globals is the allow-list of globals: the numpy constructors (numpy 1.x
// numpy.core and numpy 2.x numpy._core spellings), _codecs.encode and
// bytes (Python 2 __builtin__ or Python 3 builtins).
var globals = map[[2]string]globalKind{
	{"numpy", "ndarray"}:                       gNDArray,
	{"numpy", "dtype"}:                         gDType,
	{"numpy.core.multiarray", "_reconstruct"}:  gReconstruct,
	{"numpy._core.multiarray", "_reconstruct"}: gReconstruct,
	{"numpy.core.multiarray", "scalar"}:        gScalar,
	{"numpy._core.multiarray", "scalar"}:       gScalar,
	{"numpy.core.numeric", "_frombuffer"}:      gFromBuffer,
	{"numpy._core.numeric", "_frombuffer"}:     gFromBuffer,
	{"_codecs", "encode"}:                      gEncode,
	{"__builtin__", "bytes"}:                   gBytes,
	{"builtins", "bytes"}:                      gBytes,
}

// arity is the range of the number of arguments of the callable globals
// but bytes, whose error names its one use.
var arity = map[globalKind][2]int{gReconstruct: {3, 3}, gDType: {1, 3}, gScalar: {2, 2}, gFromBuffer: {4, 4}, gEncode: {1, 2}}

// global is a resolved GLOBAL or STACK_GLOBAL.
type global struct {
	name string // module.name
	kind globalKind
	off  int
}

func (g global) String() string { return g.name }

// lookup resolves module.name against the allow-list (globals).
func (d *decoder) lookup(module, name string) (global, error) {
	g := global{module + "." + name, globals[[2]string{module, name}], d.opPos}
	if g.kind == 0 {
		return g, d.errorf("global %q is not allowed (only numpy arrays, dtypes and scalars can be decoded)", g.name)
	}
	return g, nil
}

// dtype is a numpy dtype on the stack.
type dtype struct {
	DType
	off int
}

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
	if r, ok := arity[g.kind]; ok && (len(a) < r[0] || len(a) > r[1]) {
		return nil, d.errorf("%s takes %d to %d arguments, got %d", g, r[0], r[1], len(a))
	}
	switch g.kind {
	case gReconstruct:
		if sub, ok := a[0].(global); !ok || sub.kind != gNDArray {
			return nil, d.errorf("%s of a %s is not supported (only numpy.ndarray)", g, typeName(a[0]))
		}
		return &array{off: d.opPos}, nil
	case gDType:
		code, ok := text(a[0])
		if !ok {
			return nil, d.errorf("numpy.dtype of a %s is not supported", typeName(a[0]))
		}
		t, err := ParseDType(code)
		if err != nil {
			return nil, d.errorf("%v", err)
		}
		return &dtype{t, d.opPos}, nil
	case gScalar:
		return d.newArray(a[0], &tuple{}, false, a[1])
	case gFromBuffer:
		order, ok := text(a[3])
		if !ok || (order != "C" && order != "F") {
			return nil, d.errorf("%s with order %q (%s) is not supported (only 'C' or 'F')", g, order, typeName(a[3]))
		}
		return d.newArray(a[1], a[2], order == "F", a[0])
	case gEncode:
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
		obj.Order = order[0]
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
	dims := make([]int, len(st.items))
	for i, v := range st.items {
		x, ok := v.(int64)
		if !ok {
			return nil, d.errorf("array shape must hold ints, got %s", typeName(v))
		}
		if dims[i] = int(x); int64(dims[i]) != x {
			return nil, d.errorf("array shape %v of %s overflows", st.items, t)
		}
	}
	n, err := t.NBytes(dims)
	if err != nil {
		return nil, d.errorf("%v", err)
	}
	if n != len(raw) {
		return nil, d.errorf("array shape %v of %s needs %d bytes, data has %d", dims, t, n, len(raw))
	}
	return &array{nd: toNative(t.DType, dims, fortran, raw, copied), off: d.opPos}, nil
}
