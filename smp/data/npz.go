package data

import (
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/smp-go/smp-go/smp/internal/mmap"
	"github.com/smp-go/smp-go/smp/internal/pickle"
)

// maxDeflateRatio bounds how much a deflated zip entry may expand; deflate
// cannot exceed about 1032:1, so a larger declared size is a lie.
const maxDeflateRatio = 1032

// LoadNPZ reads a numpy .npz archive into a Dataset.
//
// Entry names map to the tree as WriteNPZ writes them: "name.npy" is the
// array at key name, and "name[i].npy" is element i of the list at key name
// (nested lists: "name[i][j].npy"). A 0-d array stays a 0-d *Array.
//
// The file is mapped (see smp/internal/mmap), and the arrays of stored
// (uncompressed) entries that are C-ordered and little-endian are views of
// it (see Array), released by the Dataset's Close. Deflated, Fortran-ordered
// and big-endian entries are read into memory, converted to C order and
// native byte order. Each entry's CRC-32 is verified, as numpy does.
func LoadNPZ(path string) (*Dataset, error) {
	return loadNPZ(path, nil)
}

// npzEntry is one .npy entry of an archive and its parsed header.
type npzEntry struct {
	f    *zip.File
	name string // entry name without ".npy"
	key  string // name without list indices idx
	idx  []int
	hdr  *npyHeader
	off  int64  // offset of a stored entry's bytes in the file
	a    *Array // the entry's array in the tree
}

// loadNPZ reads an archive in two passes: the first reads every entry's
// .npy header and builds the tree of arrays with shapes and types only,
// which check (if not nil) inspects; the second reads the arrays' values.
// A wrong schema is thus found before any array is read.
func loadNPZ(path string, check func(*Dataset) error) (*Dataset, error) {
	mf, err := mmap.Open(path)
	if err != nil {
		return nil, err
	}
	ds, err := readNPZ(mf, check)
	if err != nil {
		mf.Close()
		return nil, err
	}
	return ds, nil
}

// readNPZ reads the archive held by mf; see loadNPZ.
func readNPZ(mf fileBytes, check func(*Dataset) error) (*Dataset, error) {
	path := mf.Path()
	b := mf.Bytes()
	var entries []*npzEntry
	err := Guard(func() error {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, f := range zr.File {
			e, err := readEntryHeader(f, b)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", path, f.Name, err)
			}
			entries = append(entries, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, e := range entries { // an empty slice of the element type until read
		e.a = &Array{Shape: e.hdr.shape, values: pickle.NewNDArray(e.hdr.dtype, nil, false, nil).Data}
	}
	ds, err := npzTree(path, entries)
	if err != nil {
		return nil, err
	}
	if check != nil {
		if err := check(ds); err != nil {
			return nil, err
		}
	}
	err = Guard(func() error {
		for _, e := range entries {
			a, err := readEntry(e, b)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", path, e.name, err)
			}
			e.a.values = a.values
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ds.file = mf
	return ds, nil
}

// npzTree builds the data-set tree of an archive from its entries' arrays:
// entry "name[i][j]" is element j of element i of the list at key name.
// The entries are taken in order of key and indices, so that every list
// grows by one element at a time.
func npzTree(path string, entries []*npzEntry) (*Dataset, error) {
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, func(a, b *npzEntry) int {
		return cmp.Or(strings.Compare(a.key, b.key), slices.Compare(a.idx, b.idx))
	})
	ds := &Dataset{Source: path, Root: Dict{}}
	for _, e := range sorted {
		v, err := insert(ds.Root[e.key], e.idx, e.a)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, e.name, err)
		}
		ds.Root[e.key] = v
	}
	return ds, nil
}

// insert returns node (nil for none yet) with a put at the list indices idx
// below it. Elements must be inserted in order.
func insert(node any, idx []int, a *Array) (any, error) {
	l, isList := node.(List)
	switch {
	case node != nil && isList != (len(idx) > 0):
		return nil, errors.New("both an array and a list")
	case len(idx) == 0 && node != nil:
		return nil, errors.New("duplicate entry")
	case len(idx) == 0:
		return a, nil
	case idx[0] == len(l): // the next element
		l = append(l, nil)
	case idx[0] != len(l)-1: // nor the last one, with more indices
		return nil, fmt.Errorf("list element %d is missing", len(l))
	}
	var err error
	l[idx[0]], err = insert(l[idx[0]], idx[1:], a)
	return l, err
}

// readEntryHeader checks an entry's zip metadata and reads its .npy
// header. b is the whole archive.
func readEntryHeader(f *zip.File, b []byte) (*npzEntry, error) {
	name, ok := strings.CutSuffix(f.Name, ".npy")
	if !ok {
		return nil, fmt.Errorf("want a .npy entry")
	}
	e := &npzEntry{f: f, name: name}
	e.key, e.idx = splitListIndex(name)
	var err error
	if e.off, err = f.DataOffset(); err != nil {
		return nil, err
	}
	// archive/zip trusts the declared sizes: bound them by the file.
	if n := f.CompressedSize64; e.off > int64(len(b)) || n > uint64(int64(len(b))-e.off) {
		return nil, fmt.Errorf("entry of %d bytes runs past the end of the file", n)
	}
	switch f.Method {
	case zip.Store:
		if f.CompressedSize64 != f.UncompressedSize64 {
			return nil, fmt.Errorf("stored entry declares %d bytes but holds %d", f.UncompressedSize64, f.CompressedSize64)
		}
	case zip.Deflate:
		if f.UncompressedSize64 > f.CompressedSize64*maxDeflateRatio {
			return nil, fmt.Errorf("declared size %d is impossible for %d deflated bytes", f.UncompressedSize64, f.CompressedSize64)
		}
	default:
		return nil, fmt.Errorf("unsupported zip method %d", f.Method)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if e.hdr, err = readNPYHeader(rc, int64(f.UncompressedSize64)); err != nil {
		return nil, err
	}
	return e, nil
}

// readEntry reads the array of an entry whose header has been read, and
// verifies the entry's CRC-32. A stored entry's array is a view of b (the
// whole archive) unless it needs converting.
func readEntry(e *npzEntry, b []byte) (*Array, error) {
	h := e.hdr
	if e.f.Method == zip.Store {
		stored := b[e.off : e.off+int64(e.f.UncompressedSize64)]
		if sum := crc32.ChecksumIEEE(stored); sum != e.f.CRC32 {
			return nil, fmt.Errorf("bad CRC-32 %#08x, the archive says %#08x: the file is corrupt", sum, e.f.CRC32)
		}
		return newArray(h, stored[h.dataOff:h.dataOff+h.nbytes]), nil
	}
	rc, err := e.f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if _, err := io.CopyN(io.Discard, rc, int64(h.dataOff)); err != nil {
		return nil, fmt.Errorf("npy header: %w", noEOF(err))
	}
	raw := make([]byte, h.nbytes) // aligned for its elements by Go's allocator
	if _, err := io.ReadFull(rc, raw); err != nil {
		return nil, fmt.Errorf("npy data of shape %s: %w", FormatShape(h.shape), noEOF(err))
	}
	// Reading to the end makes archive/zip verify the size and CRC-32.
	if _, err := io.Copy(io.Discard, rc); err != nil {
		if errors.Is(err, zip.ErrChecksum) {
			return nil, fmt.Errorf("bad CRC-32: the file is corrupt")
		}
		return nil, err
	}
	return newArray(h, raw), nil
}

var listIndex = regexp.MustCompile(`^(.*?)((?:\[\d+\])+)$`)

// splitListIndex splits "name[1][2]" into "name" and [1 2]; a name without
// indices gives a nil slice.
func splitListIndex(name string) (string, []int) {
	m := listIndex.FindStringSubmatch(name)
	if m == nil {
		return name, nil
	}
	var idx []int
	for _, s := range strings.Split(strings.Trim(m[2], "[]"), "][") {
		i, err := strconv.Atoi(s)
		if err != nil || i > 1<<20 {
			return name, nil
		}
		idx = append(idx, i)
	}
	return m[1], idx
}

// WriteNPZ writes the arrays of root to path as an uncompressed .npz archive
// that numpy's np.load reads: an array at key k is entry "k.npy", element i
// of a list at key k is "k[i].npy"; float64 and int64 scalars become 0-d
// arrays. Shapes are kept. Entries are sorted by name and carry a fixed
// timestamp, so the same tree gives byte-identical files. The archive is
// written to a temporary name in the same directory and renamed into place,
// so a failed write leaves nothing behind.
func WriteNPZ(path string, root Dict) (err error) {
	entries := map[string]*Array{}
	for _, k := range sortedKeys(root) {
		if err := collectEntries(entries, k, root[k]); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	names := slices.Sorted(maps.Keys(entries))
	return WriteAtomic(path, func(w io.Writer) error {
		zw := zip.NewWriter(w)
		for _, n := range names {
			fw, err := zw.CreateHeader(&zip.FileHeader{Name: n + ".npy", Method: zip.Store, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				return err
			}
			if err := writeNPY(fw, entries[n]); err != nil {
				return fmt.Errorf("%s: %w", n, err)
			}
		}
		return zw.Close()
	})
}

func collectEntries(out map[string]*Array, name string, v any) error {
	switch x := v.(type) {
	case *Array:
		out[name] = x
	case float64:
		out[name] = New([]float64{x})
	case int64:
		out[name] = New([]int64{x})
	case List:
		for i, e := range x {
			if err := collectEntries(out, fmt.Sprintf("%s[%d]", name, i), e); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%s: cannot store %s in an npz archive", name, kindOf(v))
	}
	return nil
}

// WriteAtomic creates path by calling write on a temporary file in the same
// directory, syncing it and renaming it into place. If write or any step
// fails, the temporary file is removed and path is left untouched.
func WriteAtomic(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = tmp.Chmod(0o644); err == nil {
		err = write(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
