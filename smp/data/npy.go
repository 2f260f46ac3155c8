package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"codeberg.org/sbinet/npyio/npy"

	"github.com/smp-go/smp-go/smp/internal/pickle"
)

// maxNPYHeader bounds the .npy header length we accept; numpy writes headers
// of a few hundred bytes.
const maxNPYHeader = 1 << 20

// npyMagic opens every .npy file.
var npyMagic = [6]byte{0x93, 'N', 'U', 'M', 'P', 'Y'}

// npyHeader is the parsed header of a .npy stream.
type npyHeader struct {
	dtype   pickle.DType
	fortran bool
	shape   []int
	dataOff int // offset of the element bytes from the start of the stream
	nbytes  int // length of the element bytes
}

// readNPYHeader reads the header of a .npy stream of size bytes from r,
// and no further. It checks the header and that the elements it declares
// fit in size.
func readNPYHeader(r io.Reader, size int64) (*npyHeader, error) {
	prefix := make([]byte, 8, 12) // magic, version, header length
	if _, err := io.ReadFull(r, prefix); err != nil {
		return nil, fmt.Errorf("npy header: %w", noEOF(err))
	}
	if !bytes.Equal(prefix[:6], npyMagic[:]) {
		return nil, errors.New("not a .npy stream (bad magic)")
	}
	switch prefix[6] {
	case 1:
		prefix = prefix[:10]
	case 2, 3:
		prefix = prefix[:12]
	default:
		return nil, fmt.Errorf("npy: unsupported format version %d", prefix[6])
	}
	if _, err := io.ReadFull(r, prefix[8:]); err != nil {
		return nil, fmt.Errorf("npy header: %w", noEOF(err))
	}
	hlen := int(binary.LittleEndian.Uint16(prefix[8:]))
	if len(prefix) == 12 {
		hlen = int(binary.LittleEndian.Uint32(prefix[8:]))
	}
	if hlen > maxNPYHeader || int64(len(prefix)+hlen) > size {
		return nil, fmt.Errorf("npy: header length %d exceeds the %d bytes available", hlen, size)
	}
	hdr := make([]byte, hlen)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return nil, fmt.Errorf("npy header: %w", noEOF(err))
	}
	descr, fortran, shape, err := parseNPYHeader(prefix, hdr)
	if err != nil {
		return nil, err
	}
	h := &npyHeader{fortran: fortran, shape: shape, dataOff: len(prefix) + hlen}
	if h.dtype, err = pickle.ParseDType(descr); err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	if h.nbytes, err = h.dtype.NBytes(shape); err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	if avail := size - int64(h.dataOff); int64(h.nbytes) > avail {
		return nil, fmt.Errorf("npy: shape %s of %s needs %d bytes, only %d available",
			FormatShape(shape), descr, h.nbytes, avail)
	}
	return h, nil
}

// newArray returns the array of header h over its element bytes raw: a
// view of raw when they are C-ordered, in native byte order and usable in
// place, and otherwise a converted copy (see pickle.NewNDArray).
func newArray(h *npyHeader, raw []byte) *Array {
	return fromNDArray(pickle.NewNDArray(h.dtype, h.shape, h.fortran, raw))
}

// fromNDArray returns the array of a decoded numpy array, sharing its
// storage.
func fromNDArray(nd *pickle.NDArray) *Array { return &Array{Shape: nd.Shape, values: nd.Data} }

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
	return strings.Trim(d.Type, "'\" "), d.Fortran, append([]int{}, d.Shape...), nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

func noEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// writeNPY writes a as a version-1 .npy stream in C order, keeping its
// N-d shape (npyio's writer flattens slices to 1-D).
func writeNPY(w io.Writer, a *Array) error {
	descr, raw := rawBytes(a)
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
	_, err := w.Write(raw)
	return err
}
