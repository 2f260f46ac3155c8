package pickle

import (
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
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
	// A view writes through to the input, and may be shared with other
	// arrays of the same pickle that referenced the same bytes object.
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

// DType is a numpy element type of a supported kind: float32 or float64,
// int8 to int64, uint8 to uint64, or bool.
type DType struct {
	Kind  byte // 'f', 'i', 'u' or 'b' (bool)
	Size  int  // bytes per element
	Order byte // '<', '>', '|' or '=' (native)
}

// String returns numpy's descriptor of t, e.g. "<f4".
func (t DType) String() string { return string(t.Order) + string(t.Kind) + strconv.Itoa(t.Size) }

// views maps a type code to the function that views aligned bytes in
// native order as a slice of the matching Go type.
var views = map[string]func([]byte) any{
	"f4": view[float32], "f8": view[float64], "b1": view[bool],
	"i1": view[int8], "i2": view[int16], "i4": view[int32], "i8": view[int64],
	"u1": view[uint8], "u2": view[uint16], "u4": view[uint32], "u8": view[uint64],
}

// view reinterprets aligned bytes as a []T of len(raw)/sizeof(T) elements.
func view[T any](raw []byte) any {
	n := len(raw) / int(unsafe.Sizeof(*new(T)))
	if n == 0 {
		return []T{}
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(raw))), n)
}

// ParseDType parses a numpy type code such as "f4", "<i8" or "|b1" (without
// a byte order, the native one).
func ParseDType(code string) (DType, error) {
	t, rest := DType{Order: '='}, code
	if code != "" && strings.ContainsRune("<>|=", rune(code[0])) {
		t.Order, rest = code[0], code[1:]
	}
	if _, ok := views[rest]; ok {
		t.Kind, t.Size = rest[0], int(rest[1]-'0')
		return t, nil
	}
	switch {
	case strings.HasPrefix(rest, "O"):
		return t, fmt.Errorf("object arrays (dtype %q) are not supported", code)
	case strings.HasPrefix(rest, "V"):
		return t, fmt.Errorf("structured or void dtypes (%q) are not supported", code)
	}
	return t, fmt.Errorf("numpy dtype %q is not supported (only float32/64, int8-64, uint8-64 and bool)", code)
}

// StrictAlignment reports whether the architecture may require numeric
// loads to be aligned to the element size: then misaligned array bytes are
// copied to an aligned buffer. The architectures listed load misaligned
// integers and floats in hardware, and Go allows misaligned pointers to
// pointer-free types (see the runtime's checkptr), so there misaligned
// array bytes are used in place.
var StrictAlignment = !slices.Contains([]string{"386", "amd64", "arm64", "loong64", "ppc64", "ppc64le", "s390x"}, runtime.GOARCH)

// maxDims bounds the number of dimensions of an array, as numpy does.
const maxDims = 64

// NBytes returns the size in bytes of an array of type t and the given
// shape. It rejects more than 64 dimensions, negative dimensions and sizes
// that overflow an int.
func (t DType) NBytes(shape []int) (int, error) {
	if len(shape) > maxDims {
		return 0, fmt.Errorf("array of %d dimensions (more than %d)", len(shape), maxDims)
	}
	n := t.Size
	for _, x := range shape {
		if x < 0 {
			return 0, fmt.Errorf("negative dimension %d in array shape", x)
		}
		if x != 0 && n > math.MaxInt/x {
			return 0, fmt.Errorf("array shape %v of %s overflows", shape, t)
		}
		n *= x
	}
	return n, nil
}

// NewNDArray returns the array of type t and the given shape over raw,
// which holds exactly its elements (see NBytes), in Fortran order if
// fortran and in t's byte order. raw is used in place when it is in C
// order, in native byte order, holds valid bools and is usable in place
// (see StrictAlignment); otherwise the elements are converted into a copy
// and Copied says why.
func NewNDArray(t DType, shape []int, fortran bool, raw []byte) *NDArray {
	return toNative(t, shape, fortran, raw, "")
}

// toNative is NewNDArray for raw copied for the reason copied (or not
// copied, "").
func toNative(t DType, shape []int, fortran bool, raw []byte, copied string) *NDArray {
	if t.Kind == 'b' && slices.ContainsFunc(raw, func(c byte) bool { return c > 1 }) {
		c := alignedBytes(len(raw)) // numpy reads any non-zero byte as True
		for i, x := range raw {
			if x != 0 {
				c[i] = 1
			}
		}
		raw, copied = c, CopyBool
	}
	fortran = fortran && len(shape) > 1
	swap := needSwap(t)
	if fortran || swap {
		raw = toCOrder(raw, shape, t.Size, fortran, swap)
		copied = CopyFortran
		if swap {
			copied = CopyByteOrder
		}
	}
	if StrictAlignment && Misaligned(raw, t.Size) {
		raw = append(alignedBytes(len(raw))[:0], raw...)
		copied = CopyAlignment
	}
	return &NDArray{Shape: shape, Data: views[string(t.Kind)+strconv.Itoa(t.Size)](raw), Copied: copied}
}

// Misaligned reports whether b does not start at a multiple of size bytes.
func Misaligned(b []byte, size int) bool {
	return len(b) > 0 && uintptr(unsafe.Pointer(unsafe.SliceData(b)))%uintptr(size) != 0
}

// needSwap reports whether elements of type t must be byte-swapped to
// native order.
func needSwap(t DType) bool {
	if t.Size == 1 {
		return false
	}
	little := binary.NativeEndian.Uint16([]byte{1, 0}) == 1
	return (t.Order == '>' && little) || (t.Order == '<' && !little)
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
