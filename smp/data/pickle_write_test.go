package data

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestWritePickle writes a tree of every supported kind and reads it back.
func TestWritePickle(t *testing.T) {
	root := Dict{
		"hd":    NewFloat32([]float32{0.5, -1, 2, 3}, 2, 2, 1),
		"pos":   NewFloat64([]float64{1, 2, 3, 4, 5, 6}, 3, 2),
		"ids":   &Array{Shape: []int{3}, Data: []int64{7, 8, 9}},
		"mask":  &Array{Shape: []int{2}, Data: []bool{true, false}},
		"outs":  List{NewFloat32([]float32{1}, 1, 1), NewFloat32([]float32{2, 3}, 1, 2)},
		"meta":  Dict{"rate": 2.5, "n": int64(-3), "ok": true, "name": "rat", "none": nil},
		"empty": List{},
	}
	path := filepath.Join(t.TempDir(), "t.pickle")
	if err := WritePickle(path, root); err != nil {
		t.Fatal(err)
	}
	ds, err := LoadPickle(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ds.Root, root) {
		t.Errorf("read back\n%s\nwant\n%s", (&Dataset{Root: ds.Root}).Describe(), (&Dataset{Root: root}).Describe())
	}

	err = WritePickle(filepath.Join(t.TempDir(), "bad.pickle"), Dict{"a": List{1.5, int32(2)}})
	if err == nil || !strings.Contains(err.Error(), "a: [1]: cannot write a int32") {
		t.Errorf("int32 leaf: got %v", err)
	}
}
