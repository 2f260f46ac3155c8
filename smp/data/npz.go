package data

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// maxDeflateRatio bounds how much a deflated zip entry may expand; deflate
// cannot exceed about 1032:1, so a larger declared size is a lie.
const maxDeflateRatio = 1032

// LoadNPZ reads a numpy .npz archive into a Dataset.
//
// Entry names map to the tree as WriteNPZ writes them: "name.npy" is the
// array at key name, and "name[i].npy" is element i of the list at key name
// (nested lists: "name[i][j].npy"). A 0-d array stays a 0-d *Array. Arrays
// are read in C order and native byte order whatever their order in the file.
func LoadNPZ(path string) (*Dataset, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	ds := &Dataset{Source: filepath.Base(path), Root: Dict{}}
	lists := map[string]map[int]any{}
	for _, f := range zr.File {
		name, ok := strings.CutSuffix(f.Name, ".npy")
		if !ok {
			return nil, fmt.Errorf("%s: entry %q: want a .npy entry", path, f.Name)
		}
		a, err := readZipEntry(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, name, err)
		}
		key, idx := splitListIndex(name)
		if idx == nil {
			if _, dup := ds.Root[key]; dup {
				return nil, fmt.Errorf("%s: %s: duplicate entry", path, name)
			}
			ds.Root[key] = a
			continue
		}
		if err := insertListElement(lists, key, idx, a); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, name, err)
		}
	}
	for key, elems := range lists {
		if _, dup := ds.Root[key]; dup {
			return nil, fmt.Errorf("%s: %s: both an array and a list", path, key)
		}
		l, err := assembleList(elems)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, key, err)
		}
		ds.Root[key] = l
	}
	return ds, nil
}

func readZipEntry(f *zip.File) (*Array, error) {
	limit := int64(f.UncompressedSize64)
	if f.UncompressedSize64 > 1<<62 {
		return nil, fmt.Errorf("declared size %d is too large", f.UncompressedSize64)
	}
	switch f.Method {
	case zip.Store:
		if f.CompressedSize64 != f.UncompressedSize64 {
			return nil, fmt.Errorf("stored entry declares %d bytes but holds %d", f.UncompressedSize64, f.CompressedSize64)
		}
	case zip.Deflate:
		if max := int64(f.CompressedSize64) * maxDeflateRatio; limit > max {
			return nil, fmt.Errorf("declared size %d is impossible for %d deflated bytes", limit, f.CompressedSize64)
		}
	default:
		return nil, fmt.Errorf("unsupported zip method %d", f.Method)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return readNPY(rc, limit)
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

func insertListElement(lists map[string]map[int]any, key string, idx []int, a *Array) error {
	node := lists[key]
	if node == nil {
		node = map[int]any{}
		lists[key] = node
	}
	for d, i := range idx {
		if d == len(idx)-1 {
			if _, dup := node[i]; dup {
				return fmt.Errorf("duplicate list element")
			}
			node[i] = a
			return nil
		}
		next, ok := node[i].(map[int]any)
		if !ok {
			if node[i] != nil {
				return fmt.Errorf("list element is both an array and a list")
			}
			next = map[int]any{}
			node[i] = next
		}
		node = next
	}
	return nil
}

func assembleList(elems map[int]any) (List, error) {
	l := make(List, len(elems))
	for i, e := range elems {
		if i >= len(l) {
			return nil, fmt.Errorf("list elements are not numbered 0..%d", len(l)-1)
		}
		if sub, ok := e.(map[int]any); ok {
			s, err := assembleList(sub)
			if err != nil {
				return nil, err
			}
			e = s
		}
		l[i] = e
	}
	return l, nil
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
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
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
		out[name] = &Array{Shape: []int{}, Data: []float64{x}}
	case int64:
		out[name] = &Array{Shape: []int{}, Data: []int64{x}}
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
func WriteAtomic(path string, write func(w io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
