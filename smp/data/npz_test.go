package data

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio/npz"
)

func TestNPZRoundTrip(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.npz")
	root := Dict{
		"a/b":    New([]float32{1, 2, 3, 4, 5, 6}, 2, 3),
		"cube":   New([]float64{1, math.NaN(), 3, 4, 5, 6, 7, 8}, 2, 2, 2),
		"img":    New([]uint8{0, 255, 7, 9}, 2, 2),
		"flags":  New([]bool{true, false, true}, 3),
		"beta":   1.5,
		"list":   List{New([]float32{1}, 1), List{New([]float32{2, 3}, 2)}},
		"empty":  New([]float32{}, 0, 4),
		"counts": New([]int64{-1, 1 << 40}, 2),
	}
	if err := WriteNPZ(p, root); err != nil {
		t.Fatal(err)
	}
	ds, err := LoadNPZ(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"a/b", "cube", "img", "flags", "empty", "counts"} {
		got, err := ds.Array(k)
		if err != nil {
			t.Fatal(err)
		}
		want := root[k].(*Array)
		if !reflect.DeepEqual(got.Shape, want.Shape) || got.DType() != want.DType() {
			t.Errorf("%s: got %s %s, want %s %s", k, got.DType(), FormatShape(got.Shape), want.DType(), FormatShape(want.Shape))
		}
		if !sameValues(got.Float64(), want.Float64()) {
			t.Errorf("%s: values %v, want %v", k, got.Float64(), want.Float64())
		}
	}
	if v, err := ds.Scalar("beta"); err != nil || v != 1.5 {
		t.Errorf("beta = %v, %v", v, err)
	}
	if a, err := ds.Array("list", 1, 0); err != nil || !sameValues(a.Float64(), []float64{2, 3}) {
		t.Errorf("list[1][0] = %v, %v", a, err)
	}
	// npyio, an independent reader, sees the same shapes and values.
	f, err := npz.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.Header("cube.npy").Descr.Shape; !reflect.DeepEqual(got, []int{2, 2, 2}) {
		t.Errorf("npyio shape %v", got)
	}
	var v []float32
	if err := f.Read("a/b.npy", &v); err != nil || !reflect.DeepEqual(v, []float32{1, 2, 3, 4, 5, 6}) {
		t.Errorf("npyio read %v %v", v, err)
	}
}

func sameValues(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestWriteNPZDeterministic(t *testing.T) {
	dir := t.TempDir()
	root := Dict{"x": New([]float64{1, 2}, 2), "y": List{New([]float32{3}, 1)}}
	var files [2][]byte
	for i := range files {
		p := filepath.Join(dir, "d.npz")
		if err := WriteNPZ(p, root); err != nil {
			t.Fatal(err)
		}
		files[i], _ = os.ReadFile(p)
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("same tree gave different bytes")
	}
}

func TestWriteNPZLeavesNothingOnError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.npz")
	err := WriteNPZ(p, Dict{"x": New([]float64{1}, 1), "z": Dict{"nested": 1.0}})
	if err == nil {
		t.Fatal("nested dict accepted")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestLoadNPZFortranAndBigEndian(t *testing.T) {
	// A 2x3 float64 array [[1,2,3],[4,5,6]] stored Fortran-ordered, and a
	// big-endian int32 array, written by hand.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, header string, data []byte) {
		w, _ := zw.Create(name)
		h := header + strings.Repeat(" ", (64-(10+len(header)+1)%64)%64) + "\n"
		w.Write([]byte{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, byte(len(h)), byte(len(h) >> 8)})
		w.Write([]byte(h))
		w.Write(data)
	}
	var f []byte
	for _, v := range []float64{1, 4, 2, 5, 3, 6} {
		b := make([]byte, 8)
		bits := math.Float64bits(v)
		for i := range b {
			b[i] = byte(bits >> (8 * i))
		}
		f = append(f, b...)
	}
	put("f.npy", "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", f)
	put("b.npy", "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }", []byte{0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe})
	zw.Close()
	p := filepath.Join(t.TempDir(), "h.npz")
	os.WriteFile(p, buf.Bytes(), 0o644)
	ds, err := LoadNPZ(p)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := ds.Array("f")
	if !sameValues(a.Float64(), []float64{1, 2, 3, 4, 5, 6}) {
		t.Errorf("fortran: %v", a.Float64())
	}
	b, _ := ds.Array("b")
	if !reflect.DeepEqual(b.Values(), []int32{258, -2}) {
		t.Errorf("big-endian: %v", b.Values())
	}
}

// hostileNPY returns .npy streams that must be rejected with an error.
func hostileNPY() map[string][]byte {
	npy := func(header string, data string) []byte {
		h := header + "\n"
		return append([]byte{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, byte(len(h)), byte(len(h) >> 8)}, append([]byte(h), data...)...)
	}
	return map[string][]byte{
		"huge shape":      npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }", "abcd"),
		"overflow shape":  npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4611686018427387904, 4), }", ""),
		"negative shape":  npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 4), }", ""),
		"object dtype":    npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "xxxxxxxx"),
		"keys reordered":  npy("{'shape': (1,), 'fortran_order': False, 'descr': '<f4', }", "abcd"),
		"no newline":      []byte("\x93NUMPY\x01\x00\x05\x00{abc}"),
		"empty header":    []byte("\x93NUMPY\x01\x00\x00\x00"),
		"header too long": []byte("\x93NUMPY\x02\x00\xff\xff\xff\x7f{"),
		"bad magic":       []byte("NUMPY\x01\x00"),
		"short data":      npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", "12345678"),
		"bad fortran":     npy("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (3,), }", "12345678"),
		"bad shape":       npy("{'descr': '<f8', 'fortran_order': False, 'shape': (a,), }", "12345678"),
	}
}

func TestReadNPYRejectsHostileInput(t *testing.T) {
	for name, b := range hostileNPY() {
		if _, err := readNPYBytes(b); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzReadNPY(f *testing.F) {
	var buf bytes.Buffer
	writeNPY(&buf, New([]float32{1, 2, 3, 4, 5, 6}, 2, 3))
	f.Add(buf.Bytes())
	for _, b := range hostileNPY() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := readNPYBytes(b)
		if err == nil && a.Len() != reflect.ValueOf(a.Values()).Len() {
			t.Fatalf("shape %v with %d values", a.Shape, reflect.ValueOf(a.Values()).Len())
		}
	})
}

func TestLoadNPZRejectsCorruptArchives(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.npz")
	if err := WriteNPZ(good, Dict{"x": New([]float64{1, 2, 3}, 3)}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(good)
	for cut := 0; cut < len(b); cut++ {
		p := filepath.Join(dir, "cut.npz")
		os.WriteFile(p, b[:cut], 0o644)
		if _, err := LoadNPZ(p); err == nil {
			t.Fatalf("archive cut at %d of %d accepted", cut, len(b))
		}
	}
}

// readNPYBytes reads the .npy stream b.
func readNPYBytes(b []byte) (*Array, error) {
	h, err := readNPYHeader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	return newArray(h, b[h.dataOff:h.dataOff+h.nbytes]), nil
}

// TestNPZDeclaredSizes rejects entries whose declared sizes the file cannot
// hold (archive/zip trusts them): a deflated entry declaring 1 PB of
// compressed bytes and a header of a 4 PB array, and a stored entry longer
// than the file.
func TestNPZDeclaredSizes(t *testing.T) {
	var npy bytes.Buffer
	if err := writeNPYHeader(&npy, "<f4", []int{1 << 20, 1 << 20, 1 << 10}); err != nil {
		t.Fatal(err)
	}
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write(npy.Bytes())
	fw.Flush()
	for _, c := range []struct {
		hdr  zip.FileHeader
		body []byte
	}{
		{zip.FileHeader{Name: "x.npy", Method: zip.Deflate, CompressedSize64: 1 << 50, UncompressedSize64: 1 << 55}, deflated.Bytes()},
		{zip.FileHeader{Name: "x.npy", Method: zip.Store, CompressedSize64: 1 << 20, UncompressedSize64: 1 << 20}, npy.Bytes()},
	} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateRaw(&c.hdr)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(c.body)
		zw.Close()
		_, err = readNPZ(memFile{"/x.npz", buf.Bytes()}, nil)
		wantError(t, err, "/x.npz: x.npy: entry of ", " bytes runs past the end of the file")
	}
}

// TestNPZListNames checks how entry names make lists, and rejects names
// that do not make a tree.
func TestNPZListNames(t *testing.T) {
	archive := func(names ...string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: n + ".npy", Method: zip.Store})
			writeNPY(w, New([]float32{1}, 1))
		}
		zw.Close()
		return buf.Bytes()
	}
	ds, err := readNPZ(memFile{"/x.npz", archive("l[1][0]", "a", "l[0]", "l[1][1]", "l[2][0][0]")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ds.Describe(), "a: array(1,)\nl: list(array(1,), list(array(1,), array(1,)), list(list(array(1,))))"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, c := range []struct {
		names []string
		want  string
	}{
		{[]string{"l", "l[0]"}, "l[0]: both an array and a list"},
		{[]string{"l[0][0]", "l[0]"}, "l[0][0]: both an array and a list"},
		{[]string{"l[0]", "l[0]"}, "l[0]: duplicate entry"},
		{[]string{"l[0]", "l[2]"}, "l[2]: list element 1 is missing"},
		{[]string{"l[1]"}, "l[1]: list element 0 is missing"},
	} {
		_, err := readNPZ(memFile{"/x.npz", archive(c.names...)}, nil)
		wantError(t, err, "/x.npz: "+c.want)
	}
}
