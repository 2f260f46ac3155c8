package explore

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"math"
	"strconv"
)

// NaNCode is the 8-bit code of a NaN value (an empty bin) in Quantize's
// output; the other values use the codes 0..MaxCode.
const (
	NaNCode = 255
	MaxCode = 254
)

// Quantize maps v to 8-bit codes over the range [lo, hi]:
//
//	q = round(MaxCode · (v − lo)/(hi − lo)), clamped to 0..MaxCode,
//
// and NaN to NaNCode. With hi ≤ lo every finite value maps to 0. A value
// decodes to lo + q·(hi − lo)/MaxCode, within half a step,
// (hi − lo)/(2·MaxCode), of the original.
func Quantize(dst []byte, v []float64, lo, hi float64) []byte {
	span := hi - lo
	for _, x := range v {
		switch {
		case math.IsNaN(x):
			dst = append(dst, NaNCode)
		case !(span > 0):
			dst = append(dst, 0)
		default:
			q := math.Round(MaxCode * (x - lo) / span)
			dst = append(dst, byte(max(0, min(MaxCode, q))))
		}
	}
	return dst
}

// Range returns the smallest and largest non-NaN values of the slices
// (lo > hi when there is none).
func Range(vs ...[]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		for _, x := range v {
			if !math.IsNaN(x) {
				lo, hi = min(lo, x), max(hi, x)
			}
		}
	}
	return lo, hi
}

// blob accumulates the binary payload of an explorer: named byte ranges,
// each at an offset into one buffer, shipped gzip-compressed and
// base64-encoded.
type blob struct {
	buf bytes.Buffer
}

// add appends b and returns its offset.
func (bl *blob) add(b []byte) int {
	off := bl.buf.Len()
	bl.buf.Write(b)
	return off
}

// encode returns the payload gzip-compressed and base64-encoded, and its
// uncompressed size. (Compressing into memory at a valid level cannot fail.)
func (bl *blob) encode() (string, int) {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(bl.buf.Bytes())
	w.Close()
	return base64.StdEncoding.EncodeToString(z.Bytes()), bl.buf.Len()
}

// absMax returns the largest absolute non-NaN value of v (0 if none).
func absMax(v []float64) float64 {
	lo, hi := Range(v)
	if lo > hi {
		return 0
	}
	return max(math.Abs(lo), math.Abs(hi))
}

// num is a float64 that encodes to JSON as null when it is NaN or
// infinite (JSON has no such numbers).
type num float64

// MarshalJSON implements json.Marshaler.
func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 7, 64), nil
}

// nums converts a slice to nums.
func nums(v []float64) []num {
	out := make([]num, len(v))
	for i, x := range v {
		out[i] = num(x)
	}
	return out
}
