package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unsafe"

	"codeberg.org/sbinet/npyio/npy"

	"github.com/smp-go/smp-go/smp/internal/pickle"
)

// maxNPYHeader bounds the .npy header length we accept; numpy writes headers
// of a few hundred bytes.
const maxNPYHeader = 1 << 20

// npyMagic opens every .npy file.
var npyMagic = [6]byte{0x93, 'N', 'U', 'M', 'P', 'Y'}

// elemSizes maps a numpy type code to its element size in bytes.
var elemSizes = map[string]int{
	"f4": 4, "f8": 8, "i1": 1, "i2": 2, "i4": 4, "i8": 8, "u1": 1, "u2": 2, "u4": 4, "u8": 8, "b1": 1,
}

// npyHeader is the parsed header of a .npy stream.
type npyHeader struct {
	order   byte   // '<', '>', '|' or '='
	code    string // "f4", "u1", ...
	fortran bool
	shape   []int
	dataOff int // offset of the element bytes from the start of the stream
	nbytes  int // length of the element bytes
}

// descr returns numpy's descriptor, e.g. "<f4".
func (h *npyHeader) descr() string { return string(h.order) + h.code }

// parseNPY parses the header at the start of b, a .npy stream of size
// bytes of which b holds at least the header (b may hold only a prefix).
// It checks the header and that the elements it declares fit in size.
func parseNPY(b []byte, size int64) (*npyHeader, error) {
	if len(b) < 8 || !bytes.Equal(b[:6], npyMagic[:]) {
		if len(b) < 8 && bytes.HasPrefix(npyMagic[:], b[:min(len(b), 6)]) {
			return nil, fmt.Errorf("npy header: %w", io.ErrUnexpectedEOF)
		}
		return nil, errors.New("not a .npy stream (bad magic)")
	}
	var hlen, prefix int
	switch b[6] {
	case 1:
		prefix = 10
	case 2, 3:
		prefix = 12
	default:
		return nil, fmt.Errorf("npy: unsupported format version %d", b[6])
	}
	if len(b) < prefix {
		return nil, fmt.Errorf("npy header: %w", io.ErrUnexpectedEOF)
	}
	if prefix == 10 {
		hlen = int(binary.LittleEndian.Uint16(b[8:10]))
	} else {
		hlen = int(binary.LittleEndian.Uint32(b[8:12]))
	}
	if hlen > maxNPYHeader || int64(prefix+hlen) > size {
		return nil, fmt.Errorf("npy: header length %d exceeds the %d bytes available", hlen, size)
	}
	if len(b) < prefix+hlen {
		return nil, fmt.Errorf("npy header: %w", io.ErrUnexpectedEOF)
	}
	descr, fortran, shape, err := parseNPYHeader(b[:prefix], b[prefix:prefix+hlen])
	if err != nil {
		return nil, err
	}
	h := &npyHeader{order: descr[0], code: descr[1:], fortran: fortran, shape: shape, dataOff: prefix + hlen}
	esize, ok := elemSizes[h.code]
	if !ok || !strings.ContainsRune("<>|=", rune(h.order)) {
		return nil, fmt.Errorf("npy: unsupported dtype %q (want a numeric or bool dtype)", descr)
	}
	n, err := elements(shape)
	if err != nil {
		return nil, err
	}
	hi, nbytes := bits.Mul64(uint64(n), uint64(esize))
	if avail := size - int64(h.dataOff); hi != 0 || nbytes > uint64(avail) {
		return nil, fmt.Errorf("npy: shape %s of %s needs %d bytes, only %d available",
			FormatShape(shape), descr, nbytes, avail)
	}
	h.nbytes = int(nbytes)
	return h, nil
}

// newArray returns the array of header h over its element bytes raw. When
// the bytes are C-ordered, in native byte order, valid (bools 0 or 1) and
// usable in place (see pickle.StrictAlignment), the array is a view of raw,
// read-only if readOnly; otherwise it is a converted, writable copy.
func newArray(h *npyHeader, raw []byte, readOnly bool) *Array {
	esize := elemSizes[h.code]
	fortran := h.fortran && len(h.shape) > 1
	swap := h.order == '>' && esize > 1
	badBool := h.code == "b1" && slices.ContainsFunc(raw, func(c byte) bool { return c > 1 })
	if fortran || swap || badBool || (pickle.StrictAlignment && pickle.Misaligned(raw, esize)) {
		c := alignedBytes(len(raw))
		copy(c, raw)
		if badBool { // Go bools must be exactly 0 or 1
			for i, b := range c {
				if b != 0 {
					c[i] = 1
				}
			}
		}
		if swap {
			swapBytes(c, esize)
		}
		if fortran {
			c = fortranToC(c, h.shape, esize)
		}
		raw, readOnly = c, false
	}
	a := arrayOf(bytesAs(h.code, raw), h.shape)
	a.readOnly = readOnly
	return a
}

// bytesAs reinterprets raw as a slice of the Go type of numpy type code.
func bytesAs(code string, raw []byte) any {
	switch code {
	case "f4":
		return reinterpret[float32](raw)
	case "f8":
		return reinterpret[float64](raw)
	case "i1":
		return reinterpret[int8](raw)
	case "i2":
		return reinterpret[int16](raw)
	case "i4":
		return reinterpret[int32](raw)
	case "i8":
		return reinterpret[int64](raw)
	case "u1":
		return raw
	case "u2":
		return reinterpret[uint16](raw)
	case "u4":
		return reinterpret[uint32](raw)
	case "u8":
		return reinterpret[uint64](raw)
	}
	return reinterpret[bool](raw)
}

// arrayOf returns the array of the given shape over values, a slice of an
// Elem type (as the pickle decoder and bytesAs return them).
func arrayOf(values any, shape []int) *Array {
	switch v := values.(type) {
	case []float32:
		return New(v, shape...)
	case []float64:
		return New(v, shape...)
	case []int8:
		return New(v, shape...)
	case []int16:
		return New(v, shape...)
	case []int32:
		return New(v, shape...)
	case []int64:
		return New(v, shape...)
	case []uint8:
		return New(v, shape...)
	case []uint16:
		return New(v, shape...)
	case []uint32:
		return New(v, shape...)
	case []uint64:
		return New(v, shape...)
	case []bool:
		return New(v, shape...)
	}
	panic(fmt.Sprintf("data: %T is not an array element slice", values))
}

// reinterpret views raw as a []T of len(raw)/sizeof(T) elements without
// copying.
func reinterpret[T Elem](raw []byte) []T {
	n := len(raw) / int(unsafe.Sizeof(*new(T)))
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

// rawBytes returns the bytes of an array's values without copying, with its
// numpy descriptor (little-endian).
func rawBytes(a *Array) (descr string, raw []byte, err error) {
	switch d := a.values.(type) {
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
	return "", nil, fmt.Errorf("unsupported element type %T", a.values)
}

func asBytes[T any](d []T) []byte {
	if len(d) == 0 {
		return []byte{}
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(&d[0])), len(d)*int(unsafe.Sizeof(zero)))
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

// fortranToC returns the elements of raw (size bytes each, in Fortran
// order for shape) in C order, in a new aligned buffer.
func fortranToC(raw []byte, shape []int, size int) []byte {
	out := alignedBytes(len(raw))
	nd := len(shape)
	// Fortran strides (in elements): stride[0] = 1, stride[k] = stride[k-1]*shape[k-1].
	fstride := make([]int, nd)
	fstride[0] = 1
	for k := 1; k < nd; k++ {
		fstride[k] = fstride[k-1] * shape[k-1]
	}
	idx := make([]int, nd)
	for c := 0; c < len(raw)/size; c++ {
		f := 0
		for k := 0; k < nd; k++ {
			f += idx[k] * fstride[k]
		}
		copy(out[c*size:(c+1)*size], raw[f*size:(f+1)*size])
		for k := nd - 1; k >= 0; k-- {
			idx[k]++
			if idx[k] < shape[k] {
				break
			}
			idx[k] = 0
		}
	}
	return out
}

// writeNPY writes a as a version-1 .npy stream in C order, keeping its
// N-d shape (npyio's writer flattens slices to 1-D).
func writeNPY(w io.Writer, a *Array) error {
	descr, raw, err := rawBytes(a)
	if err != nil {
		return err
	}
	if len(raw) != a.Len()*elemSizes[descr[1:]] {
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
