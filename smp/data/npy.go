package data

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"strings"
	"unsafe"

	"codeberg.org/sbinet/npyio/npy"
)

// maxNPYHeader bounds the .npy header length we accept; numpy writes headers
// of a few hundred bytes.
const maxNPYHeader = 1 << 20

// npyMagic opens every .npy file.
var npyMagic = [6]byte{0x93, 'N', 'U', 'M', 'P', 'Y'}

// dtypeInfo maps a numpy type descriptor's kind and size to an element size
// and a constructor of the Go slice that holds it.
type dtypeInfo struct {
	size int
	make func(raw []byte, n int) any // reinterpret raw (8-byte aligned, native order) as n elements
}

var dtypes = map[string]dtypeInfo{
	"f4": {4, func(b []byte, n int) any { return view[float32](b, n) }},
	"f8": {8, func(b []byte, n int) any { return view[float64](b, n) }},
	"i1": {1, func(b []byte, n int) any { return view[int8](b, n) }},
	"i2": {2, func(b []byte, n int) any { return view[int16](b, n) }},
	"i4": {4, func(b []byte, n int) any { return view[int32](b, n) }},
	"i8": {8, func(b []byte, n int) any { return view[int64](b, n) }},
	"u1": {1, func(b []byte, n int) any { return b[:n:n] }},
	"u2": {2, func(b []byte, n int) any { return view[uint16](b, n) }},
	"u4": {4, func(b []byte, n int) any { return view[uint32](b, n) }},
	"u8": {8, func(b []byte, n int) any { return view[uint64](b, n) }},
	"b1": {1, func(b []byte, n int) any { return view[bool](b, n) }},
}

// view reinterprets the first n elements of raw as a []T without copying.
// raw must be aligned for T (alignedBytes guarantees 8 bytes).
func view[T any](raw []byte, n int) []T {
	if n == 0 {
		return []T{}
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&raw[0])), n)
}

// alignedBytes returns n bytes backed by a []uint64, so that the bytes can be
// viewed as any numeric slice.
func alignedBytes(n int) []byte {
	if n == 0 {
		return []byte{}
	}
	words := make([]uint64, (n+7)/8)
	return unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), n)
}

// rawBytes returns the bytes of a numeric slice without copying, with its
// numpy descriptor (little-endian).
func rawBytes(data any) (descr string, raw []byte, err error) {
	switch d := data.(type) {
	case []float32:
		return "<f4", asBytes(d), nil
	case []float64:
		return "<f8", asBytes(d), nil
	case []int8:
		return "|i1", asBytes(d), nil
	case []int16:
		return "<i2", asBytes(d), nil
	case []int32:
		return "<i4", asBytes(d), nil
	case []int64:
		return "<i8", asBytes(d), nil
	case []uint8:
		return "|u1", d, nil
	case []uint16:
		return "<u2", asBytes(d), nil
	case []uint32:
		return "<u4", asBytes(d), nil
	case []uint64:
		return "<u8", asBytes(d), nil
	case []bool:
		return "|b1", asBytes(d), nil
	}
	return "", nil, fmt.Errorf("unsupported element type %T", data)
}

func asBytes[T any](d []T) []byte {
	if len(d) == 0 {
		return []byte{}
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(&d[0])), len(d)*int(unsafe.Sizeof(zero)))
}

// readNPY reads one .npy stream of at most limit bytes into an Array.
// The header is checked before npyio parses it; the element bytes are read
// with one io.ReadFull into their final, aligned buffer (npyio's own Read
// goes element by element, which is far too slow for 460 MB arrays).
// Fortran-ordered data is transposed to C order, big-endian data swapped.
func readNPY(r io.Reader, limit int64) (*Array, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var pre [12]byte
	if _, err := io.ReadFull(br, pre[:8]); err != nil {
		return nil, fmt.Errorf("npy header: %w", noEOF(err))
	}
	if !bytes.Equal(pre[:6], npyMagic[:]) {
		return nil, errors.New("not a .npy stream (bad magic)")
	}
	var hlen, prefix int
	switch pre[6] {
	case 1:
		if _, err := io.ReadFull(br, pre[8:10]); err != nil {
			return nil, fmt.Errorf("npy header: %w", noEOF(err))
		}
		hlen, prefix = int(binary.LittleEndian.Uint16(pre[8:10])), 10
	case 2:
		if _, err := io.ReadFull(br, pre[8:12]); err != nil {
			return nil, fmt.Errorf("npy header: %w", noEOF(err))
		}
		hlen, prefix = int(binary.LittleEndian.Uint32(pre[8:12])), 12
	default:
		return nil, fmt.Errorf("npy: unsupported format version %d", pre[6])
	}
	if hlen > maxNPYHeader || int64(prefix+hlen) > limit {
		return nil, fmt.Errorf("npy: header length %d exceeds the %d bytes available", hlen, limit)
	}
	hdr := make([]byte, hlen)
	if _, err := io.ReadFull(br, hdr); err != nil {
		return nil, fmt.Errorf("npy header: %w", noEOF(err))
	}
	descr, fortran, shape, err := parseNPYHeader(pre[:prefix], hdr)
	if err != nil {
		return nil, err
	}
	order, code := descr[:1], descr[1:]
	info, ok := dtypes[code]
	if !ok || !strings.ContainsAny(order, "<>|=") {
		return nil, fmt.Errorf("npy: unsupported dtype %q (want a numeric or bool dtype)", descr)
	}
	n, err := elements(shape)
	if err != nil {
		return nil, err
	}
	hi, nbytes := bits.Mul64(uint64(n), uint64(info.size))
	if hi != 0 || nbytes > uint64(limit-int64(prefix+hlen)) {
		return nil, fmt.Errorf("npy: shape %s of %s needs %d bytes, only %d available",
			FormatShape(shape), descr, nbytes, limit-int64(prefix+hlen))
	}
	raw := alignedBytes(int(nbytes))
	if _, err := io.ReadFull(br, raw); err != nil {
		return nil, fmt.Errorf("npy data of shape %s: %w", FormatShape(shape), noEOF(err))
	}
	if code == "b1" { // Go bools must be exactly 0 or 1
		for i, b := range raw {
			if b != 0 {
				raw[i] = 1
			}
		}
	}
	if order == ">" && info.size > 1 {
		swapBytes(raw, info.size)
	}
	a := &Array{Shape: shape, Data: info.make(raw, n)}
	if fortran && len(shape) > 1 {
		a = fortranToC(a, raw, info)
	}
	return a, nil
}

// parseNPYHeader validates the header dictionary and hands it to npyio's
// parser. npyio slices the text by key positions, so its assumptions (keys
// in numpy's order, a trailing newline) are checked first.
func parseNPYHeader(prefix, hdr []byte) (descr string, fortran bool, shape []int, err error) {
	s := string(hdr)
	iD, iF, iS := strings.Index(s, "'descr': "), strings.Index(s, "'fortran_order': "), strings.Index(s, "'shape': ")
	end := strings.IndexByte(s, '}')
	if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "\n") || iD < 0 || iF < iD+11 || iS < iF+19 || end < iS+13 {
		return "", false, nil, fmt.Errorf("npy: malformed header %q", truncate(s, 120))
	}
	r, err := npy.NewReader(io.MultiReader(bytes.NewReader(prefix), bytes.NewReader(hdr)))
	if err != nil {
		return "", false, nil, fmt.Errorf("npy: header %q: %w", truncate(s, 120), err)
	}
	d := r.Header.Descr
	descr = strings.Trim(d.Type, "'\" ")
	if len(descr) < 2 {
		return "", false, nil, fmt.Errorf("npy: bad dtype %q", d.Type)
	}
	shape = append([]int{}, d.Shape...)
	return descr, d.Fortran, shape, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// elements returns the product of shape, rejecting negative dimensions and
// overflow.
func elements(shape []int) (int, error) {
	n := uint64(1)
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("negative dimension in shape %s", FormatShape(shape))
		}
		hi, lo := bits.Mul64(n, uint64(d))
		if hi != 0 || lo > math.MaxInt32*uint64(1<<16) {
			return 0, fmt.Errorf("shape %s is too large", FormatShape(shape))
		}
		n = lo
	}
	return int(n), nil
}

func noEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// swapBytes reverses the byte order of every size-byte element of raw.
func swapBytes(raw []byte, size int) {
	for i := 0; i+size <= len(raw); i += size {
		e := raw[i : i+size]
		for a, b := 0, size-1; a < b; a, b = a+1, b-1 {
			e[a], e[b] = e[b], e[a]
		}
	}
}

// fortranToC returns a C-ordered copy of an array whose raw bytes are in
// Fortran (column-major) order.
func fortranToC(a *Array, raw []byte, info dtypeInfo) *Array {
	n := a.Len()
	out := alignedBytes(len(raw))
	nd := len(a.Shape)
	// Fortran strides (in elements): stride[0] = 1, stride[k] = stride[k-1]*shape[k-1].
	fstride := make([]int, nd)
	fstride[0] = 1
	for k := 1; k < nd; k++ {
		fstride[k] = fstride[k-1] * a.Shape[k-1]
	}
	idx := make([]int, nd)
	for c := 0; c < n; c++ {
		f := 0
		for k := 0; k < nd; k++ {
			f += idx[k] * fstride[k]
		}
		copy(out[c*info.size:(c+1)*info.size], raw[f*info.size:(f+1)*info.size])
		for k := nd - 1; k >= 0; k-- {
			idx[k]++
			if idx[k] < a.Shape[k] {
				break
			}
			idx[k] = 0
		}
	}
	return &Array{Shape: a.Shape, Data: info.make(out, n)}
}

// writeNPY writes a as a version-1 .npy stream in C order, keeping its
// N-d shape (npyio's writer flattens slices to 1-D).
func writeNPY(w io.Writer, a *Array) error {
	descr, raw, err := rawBytes(a.Data)
	if err != nil {
		return err
	}
	if len(raw) != a.Len()*elemSize(descr) {
		return fmt.Errorf("array holds %d bytes for shape %s", len(raw), FormatShape(a.Shape))
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, FormatShape(a.Shape))
	// Pad with spaces so that magic + 4 + header is a multiple of 64, ending in '\n'.
	total := len(npyMagic) + 4 + len(dict) + 1
	pad := (64 - total%64) % 64
	header := dict + strings.Repeat(" ", pad) + "\n"
	if len(header) > math.MaxUint16 {
		return fmt.Errorf("npy header too long (%d bytes)", len(header))
	}
	var pre [10]byte
	copy(pre[:], npyMagic[:])
	pre[6], pre[7] = 1, 0
	binary.LittleEndian.PutUint16(pre[8:], uint16(len(header)))
	if _, err := w.Write(pre[:]); err != nil {
		return err
	}
	if _, err := io.WriteString(w, header); err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

func elemSize(descr string) int { return dtypes[descr[1:]].size }
