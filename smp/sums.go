package smp

import (
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// floats is the storage of a float32 or float64 array. Its methods are the
// analyses' loops over samples, written once for both element types (see
// values); they read the values where they are, converting one value at a
// time, so float32 data is never copied whole, and accumulate in float64.
type floats interface {
	len() int
	posRange(lo, hi int) [2][3]float64
	cells(lo, hi int, xe, ye []float64) []int32
	bvcCells(n, a int, edges []float64) (start, cell []int32)
	cellSums(cells []int32, nc, lo, u int, units []int) []float64
	accumulateBVC(p *bvcAccumulator) [2]bvcMaps
}

// values is the storage of an array of element type T.
type values[T num.Float] []T

func (v values[T]) len() int { return len(v) }

// floatsOf returns the storage of a float32 or float64 array, and nil for
// any other element type (checkFloat2D rejects those).
func floatsOf(a *data.Array) floats {
	if v, ok := data.Values[float32](a); ok {
		return values[float32](v)
	}
	if v, ok := data.Values[float64](a); ok {
		return values[float64](v)
	}
	return nil
}

// unitChunks splits [0, u) into chunks of at most size units.
func unitChunks(u, size int) [][2]int {
	var c [][2]int
	for lo := 0; lo < u; lo += size {
		c = append(c, [2]int{lo, min(lo+size, u)})
	}
	return c
}
