package explore

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
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

// blob accumulates the binary payload of an explorer: byte ranges, each at
// an offset into one buffer, shipped gzip-compressed and base64-encoded.
type blob []byte

// add appends b and returns its offset.
func (bl *blob) add(b []byte) int {
	off := len(*bl)
	*bl = append(*bl, b...)
	return off
}

// encode returns the payload gzip-compressed and base64-encoded, and its
// uncompressed size. (Compressing into memory at a valid level cannot fail.)
func (bl blob) encode() (string, int) {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(bl)
	w.Close()
	return base64.StdEncoding.EncodeToString(z.Bytes()), len(bl)
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

// The page's script: common helpers, then one explorer's drawing code.
var (
	//go:embed js/common.js
	commonJS string
	//go:embed js/figure2.js
	figure2JS string
	//go:embed js/figure3.js
	figure3JS string
	//go:embed js/explorer.css
	explorerCSS string
)

// render assembles an explorer: a root <div class="smp-explorer"> holding a
// message for when scripts do not run, then a script that builds the
// controls and pictures from meta (JSON) and the payload. The root's id is
// derived from the content, so the same input gives the same HTML.
func render(kind, js string, meta any, payload blob) (string, error) {
	mj, err := json.Marshal(meta)
	if err != nil {
		return "", fmt.Errorf("explore: %s: encoding the metadata: %w", kind, err)
	}
	data, raw := payload.encode()
	h := fnv.New64a()
	h.Write(mj)
	h.Write([]byte(data))
	id := fmt.Sprintf("smp-explorer-%s-%016x", kind, h.Sum64())
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"smp-explorer\" id=\"%s\" data-kind=\"%s\" data-payload-bytes=\"%d\">\n", id, kind, raw)
	fmt.Fprintf(&b, "<style>%s</style>\n", strings.ReplaceAll(explorerCSS, "#ROOT", "#"+id))
	b.WriteString("<div class=\"smp-status\">This explorer needs JavaScript: run the cell, or trust the notebook (File → Trust Notebook).</div>\n</div>\n")
	// json.Marshal escapes <, > and &, so the JSON cannot end the script.
	fmt.Fprintf(&b, "<script>\n(function () {\n\"use strict\";\n%s\n%s\nsmpStart(%q, %s, %q, draw);\n})();\n</script>\n",
		commonJS, js, id, mj, data)
	return b.String(), nil
}
