package data

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// smallTrajectories writes a valid trajectory set of 2 × 5 samples as an
// uncompressed .npz into a temporary directory and returns its path.
func smallTrajectories(t *testing.T, edit func(Dict)) string {
	t.Helper()
	root := benchTrajectories(2, 5)
	if edit != nil {
		edit(root)
	}
	path := filepath.Join(t.TempDir(), "trajectories.npz")
	if err := WriteNPZ(path, root); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantError checks that err is not nil and contains every part.
func wantError(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
}

// TestWriteToMappedArray writes through loaded arrays that view the mapped
// file (.npz and pickle; read into memory with -tags nommap): no fault, the
// data set sees the write, and the file is unchanged, since mappings are
// private and copy-on-write.
func TestWriteToMappedArray(t *testing.T) {
	p4, err := os.ReadFile("../../testdata/reference/pickles/trajectories_p4.pickle")
	if err != nil {
		t.Fatal(err)
	}
	pickled := filepath.Join(t.TempDir(), "trajectories.pickle")
	if err := os.WriteFile(pickled, p4, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{smallTrajectories(t, nil), pickled} {
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := LoadTrajectories(path)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Source != path {
			t.Errorf("Source %q, want the full path %q", tr.Source, path)
		}
		a := tr.PredictedOutputs[1]
		v, _ := Values[float32](a)
		if file := tr.ds.file.Bytes(); !within(asBytes(v), file) {
			t.Errorf("%s: predicted_outputs[1] is not a view of the file", path)
		}
		v[0] = 42 // must not fault
		if got := a.Float32()[0]; got != 42 {
			t.Errorf("%s: wrote 42, read %v", path, got)
		}
		if err := tr.Close(); err != nil {
			t.Error(err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
			t.Errorf("%s: writing to a loaded array changed the file", path)
		}
	}
}

// within reports whether b lies inside file.
func within(b, file []byte) bool {
	start, p := uintptr(unsafe.Pointer(&file[0])), uintptr(unsafe.Pointer(&b[0]))
	return start <= p && p+uintptr(len(b)) <= start+uintptr(len(file))
}

// asBytes returns the bytes of v.
func asBytes(v []float32) []byte { return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 4*len(v)) }

// TestNPZCRC flips one data byte of an uncompressed entry: the CRC-32 check
// names the file and the key, as numpy refuses such a file.
func TestNPZCRC(t *testing.T) {
	path := smallTrajectories(t, nil)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "pos.npy" {
			continue
		}
		off, _ := f.DataOffset()
		b[off+int64(f.UncompressedSize64)-3] ^= 0x10
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadTrajectories(path)
	wantError(t, err, path+": pos: bad CRC-32")
	_, err = LoadNPZ(path)
	wantError(t, err, path+": pos: bad CRC-32")
}

// TestNPZSchemaBeforeData reads a deflated archive that declares a 256 MB
// hd and lacks pos: the missing key is found from the headers, before the
// 256 MB are inflated or allocated.
func TestNPZSchemaBeforeData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trajectories.npz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "hd.npy", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	if err := writeNPYHeader(w, "<f4", []int{1000, 64000, 1}); err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for i := 0; i < 256; i++ {
		w.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = LoadTrajectories(path)
	runtime.ReadMemStats(&after)
	wantError(t, err, path+": pos: missing key")
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("allocated %d MB before finding the missing key", alloc>>20)
	}
}

// writeNPYHeader writes a version-1 .npy header.
func writeNPYHeader(w interface{ Write([]byte) (int, error) }, descr string, shape []int) error {
	h := "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + FormatShape(shape) + ", }"
	h += strings.Repeat(" ", (64-(10+len(h)+1)%64)%64) + "\n"
	pre := append(npyMagic[:], 1, 0, 0, 0)
	binary.LittleEndian.PutUint16(pre[8:], uint16(len(h)))
	if _, err := w.Write(pre); err != nil {
		return err
	}
	_, err := w.Write([]byte(h))
	return err
}

// TestSchemaErrorsNameTheFullPath checks that a schema error starts with
// the full path of the data set.
func TestSchemaErrorsNameTheFullPath(t *testing.T) {
	path := smallTrajectories(t, func(d Dict) { d["hd"] = New(make([]float32, 20), 2, 5, 2) })
	_, err := LoadTrajectories(path)
	wantError(t, err, path+": hd: want shape (2, 5, 1)")
}

// TestSharedListsPickle loads the 452-byte pickle of x = [x, x] nested 60
// times: an error about shared references, not an out-of-memory crash.
func TestSharedListsPickle(t *testing.T) {
	le32 := func(n int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(n)) }
	p := []byte{0x80, 2, '}', 'X'}
	p = append(append(p, le32(1)...), 'x', ']', 'r')
	p = append(p, le32(0)...)
	for i := 1; i <= 60; i++ {
		p = append(p, '0', ']', 'r')
		p = append(p, le32(i)...)
		p = append(p, '(', 'j')
		p = append(p, le32(i-1)...)
		p = append(p, '2', 'e')
	}
	p = append(p, 's', '.')
	path := filepath.Join(t.TempDir(), "trajectories.pickle")
	if err := os.WriteFile(path, p, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadTrajectories(path)
	wantError(t, err, path+": pickle: offset", "shared references")
}

// FuzzReadNPZ checks that no archive makes LoadNPZ or LoadTrajectories
// panic, that errors name the file, and that every loaded array holds as
// many values as its shape says.
//
// Run it with a short minimization:
//
//	go test -run '^$' -fuzz FuzzReadNPZ -fuzzminimizetime 1x ./smp/data
//
// Its inputs are archives of several kilobytes, and with the default
// -fuzzminimizetime (60 s per new input) the fuzzer spends all its time
// minimizing: the progress line then shows no executions for minutes
// (measured: 17 executions in 30 s, against 657,047 with 1x).
func FuzzReadNPZ(f *testing.F) {
	dir := f.TempDir()
	seed := func(root Dict, method uint16) {
		path := filepath.Join(dir, "seed.npz")
		if err := WriteNPZ(path, root); err != nil {
			f.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if method == zip.Deflate {
			b = recompress(f, b)
		}
		f.Add(b)
	}
	seed(benchTrajectories(2, 3), zip.Store)
	seed(benchTrajectories(1, 2), zip.Deflate)
	seed(Dict{"x": New([]bool{true, false}, 2), "y": New([]int16{1, -2, 3}, 3, 1), "s": 2.5}, zip.Store)
	for name, b := range hostileNPY() {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: zip.Store})
		w.Write(b)
		zw.Close()
		f.Add(buf.Bytes())
	}
	const path = "/fuzz/trajectories.npz"
	schema := func(ds *Dataset) error {
		_, err := checkTrajectorySchema(ds)
		return err
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := readNPZ(memFile{path, b}, nil)
		if err != nil {
			if !strings.HasPrefix(err.Error(), path) {
				t.Fatalf("error does not start with the path: %v", err)
			}
		} else {
			checkArrays(t, ds.Root)
		}
		ds, err = readNPZ(memFile{path, b}, schema)
		if err == nil {
			_, err = NewTrajectories(ds)
		}
		if err != nil && !strings.HasPrefix(err.Error(), path) {
			t.Fatalf("error does not start with the path: %v", err)
		}
	})
}

// memFile is the content of a file held in memory.
type memFile struct {
	path string
	b    []byte
}

func (m memFile) Path() string    { return m.path }
func (m memFile) Bytes() []byte   { return m.b }
func (m memFile) Prefault([]byte) {}
func (m memFile) Close() error    { return nil }

// recompress rewrites an archive with every entry deflated.
func recompress(tb testing.TB, b []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, _ := f.Open()
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if _, err := io.Copy(w, r); err != nil {
			tb.Fatal(err)
		}
		r.Close()
	}
	zw.Close()
	return buf.Bytes()
}

// checkArrays checks that every array of a tree holds the number of values
// its shape says.
func checkArrays(t *testing.T, v any) {
	switch x := v.(type) {
	case *Array:
		if n := reflect.ValueOf(x.Values()).Len(); n != x.Len() {
			t.Fatalf("shape %v with %d values", x.Shape, n)
		}
	case List:
		for _, e := range x {
			checkArrays(t, e)
		}
	case Dict:
		for _, e := range x {
			checkArrays(t, e)
		}
	}
}
