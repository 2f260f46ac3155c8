package data

import (
	"fmt"
	"strings"
)

// Array is an N-dimensional numeric array stored flat in row-major (C) order,
// in native (little-endian) byte order.
//
// Data holds one of []float32, []float64, []int8, []int16, []int32, []int64,
// []uint8, []uint16, []uint32, []uint64 or []bool, with len(Data) equal to the
// product of Shape. Big arrays from the original files stay float32: the
// trajectories' activations alone are 460 MB in float32.
type Array struct {
	Shape []int
	Data  any
}

// NewFloat64 returns an array of the given shape over data (not copied).
// It panics if len(data) differs from the product of shape: that is a
// programming error, not bad input.
func NewFloat64(data []float64, shape ...int) *Array {
	mustLen(len(data), shape)
	return &Array{Shape: append([]int(nil), shape...), Data: data}
}

// NewFloat32 returns an array of the given shape over data (not copied).
// It panics if len(data) differs from the product of shape.
func NewFloat32(data []float32, shape ...int) *Array {
	mustLen(len(data), shape)
	return &Array{Shape: append([]int(nil), shape...), Data: data}
}

func mustLen(n int, shape []int) {
	if p := product(shape); p != n {
		panic(fmt.Sprintf("smp: %d values for shape %s (want %d)", n, FormatShape(shape), p))
	}
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

// DType returns the element type's numpy-style name ("float32", "uint8", ...).
func (a *Array) DType() string {
	switch a.Data.(type) {
	case []float32:
		return "float32"
	case []float64:
		return "float64"
	case []int8:
		return "int8"
	case []int16:
		return "int16"
	case []int32:
		return "int32"
	case []int64:
		return "int64"
	case []uint8:
		return "uint8"
	case []uint16:
		return "uint16"
	case []uint32:
		return "uint32"
	case []uint64:
		return "uint64"
	case []bool:
		return "bool"
	}
	return fmt.Sprintf("%T", a.Data)
}

// IsFloat reports whether the elements are float32 or float64.
func (a *Array) IsFloat() bool {
	switch a.Data.(type) {
	case []float32, []float64:
		return true
	}
	return false
}

// Float64 returns the elements as float64: the storage itself when it is
// []float64, otherwise a converted copy (bools become 0 or 1).
func (a *Array) Float64() []float64 {
	switch d := a.Data.(type) {
	case []float64:
		return d
	case []float32:
		return convert[float32](d)
	case []int8:
		return convert[int8](d)
	case []int16:
		return convert[int16](d)
	case []int32:
		return convert[int32](d)
	case []int64:
		return convert[int64](d)
	case []uint8:
		return convert[uint8](d)
	case []uint16:
		return convert[uint16](d)
	case []uint32:
		return convert[uint32](d)
	case []uint64:
		return convert[uint64](d)
	case []bool:
		out := make([]float64, len(d))
		for i, b := range d {
			if b {
				out[i] = 1
			}
		}
		return out
	}
	return nil
}

// Float32 returns the elements as float32: the storage itself when it is
// []float32, otherwise a converted copy (rounded to nearest).
func (a *Array) Float32() []float32 {
	if d, ok := a.Data.([]float32); ok {
		return d
	}
	f := a.Float64()
	out := make([]float32, len(f))
	for i, v := range f {
		out[i] = float32(v)
	}
	return out
}

type number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

func convert[T number](d []T) []float64 {
	out := make([]float64, len(d))
	for i, v := range d {
		out[i] = float64(v)
	}
	return out
}

// Reshape returns an array sharing a's storage with a new shape of the same
// number of elements.
func (a *Array) Reshape(shape ...int) (*Array, error) {
	if product(shape) != a.Len() {
		return nil, fmt.Errorf("cannot reshape %s to %s", FormatShape(a.Shape), FormatShape(shape))
	}
	return &Array{Shape: append([]int(nil), shape...), Data: a.Data}, nil
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
