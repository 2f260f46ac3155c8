package data

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unsafe"
)

// Elem is the set of element types an Array holds, matching numpy's f4, f8,
// i1…i8, u1…u8 and b1.
type Elem interface {
	float32 | float64 | int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 | bool
}

// Array is an N-dimensional numeric array stored flat in row-major (C) order,
// in native (little-endian) byte order: element (i₀, …, iₖ₋₁) of shape
// (n₀, …, nₖ₋₁) is at flat index ((i₀·n₁ + i₁)·n₂ + …)·nₖ₋₁ + iₖ₋₁.
//
// Its values are one slice of an Elem type. An array loaded from a file is
// usually a view of the file's mapping, which is private and copy-on-write:
// writing to its values changes this process's copy only, never the file,
// and is seen by every array viewing the same values. Big arrays from the
// original files stay float32: the trajectories' activations alone are
// 460 MB.
type Array struct {
	Shape []int

	values any // []T of one Elem type, len = product of Shape
}

// New returns an array of the given shape over values (not copied).
// It panics if len(values) differs from the product of shape: that is a
// programming error, not bad input.
func New[T Elem](values []T, shape ...int) *Array {
	if p := product(shape); p != len(values) {
		panic(fmt.Sprintf("data: %d values for shape %s (want %d)", len(values), FormatShape(shape), p))
	}
	if values == nil {
		values = []T{}
	}
	return &Array{Shape: slices.Clone(shape), values: values}
}

func product(shape []int) int {
	p := 1
	for _, d := range shape {
		p *= d
	}
	return p
}

// Len returns the number of elements, the product of the shape.
func (a *Array) Len() int { return product(a.Shape) }

// NDim returns the number of dimensions.
func (a *Array) NDim() int { return len(a.Shape) }

// DType returns the element type's numpy-style name ("float32", "uint8", ...),
// which is its Go name.
func (a *Array) DType() string { return reflect.TypeOf(a.values).Elem().Name() }

// IsFloat reports whether the elements are float32 or float64.
func (a *Array) IsFloat() bool {
	switch a.values.(type) {
	case []float32, []float64:
		return true
	}
	return false
}

// Values returns the elements: one of []float32, []float64, []int8, []int16,
// []int32, []int64, []uint8, []uint16, []uint32, []uint64 or []bool.
func (a *Array) Values() any { return a.values }

// Values returns the elements of a as a []T, if a holds T.
func Values[T Elem](a *Array) ([]T, bool) {
	v, ok := a.values.([]T)
	return v, ok
}

// Float64 returns the elements as float64: the storage itself when it is
// []float64, otherwise a converted copy (bools become 0 or 1).
func (a *Array) Float64() []float64 {
	switch d := a.values.(type) {
	case []float64:
		return d
	case []float32:
		out := make([]float64, len(d))
		for i, x := range d {
			out[i] = float64(x)
		}
		return out
	}
	// Integers and bools, which the analyses do not read: element by element.
	v := reflect.ValueOf(a.values)
	out := make([]float64, v.Len())
	for i := range out {
		switch e := v.Index(i); {
		case e.CanInt():
			out[i] = float64(e.Int())
		case e.CanUint():
			out[i] = float64(e.Uint())
		case e.Bool():
			out[i] = 1
		}
	}
	return out
}

// Float32 returns the elements as float32: the storage itself when it is
// []float32, otherwise a converted copy (rounded to nearest).
func (a *Array) Float32() []float32 {
	if d, ok := a.values.([]float32); ok {
		return d
	}
	f := a.Float64()
	out := make([]float32, len(f))
	for i, v := range f {
		out[i] = float32(v)
	}
	return out
}

// rawBytes returns the bytes of an array's values, without copying, and
// their numpy descriptor: byte order ('<' little-endian, '|' for one
// byte), kind (the first letter of the DType: 'f', 'i', 'u' or 'b') and
// size, e.g. "<f4".
func rawBytes(a *Array) (descr string, raw []byte) {
	v := reflect.ValueOf(a.values)
	size := int(v.Type().Elem().Size())
	order := "<"
	if size == 1 {
		order = "|"
	}
	descr = fmt.Sprintf("%s%c%d", order, a.DType()[0], size)
	return descr, unsafe.Slice((*byte)(v.UnsafePointer()), v.Len()*size)
}

// FormatShape prints a shape as a Python tuple: "(800, 500)", "(7,)", "()".
func FormatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
