package pickle

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"unsafe"
)

// BenchmarkDecodeLarge loads a protocol-4 (BINBYTES) and a protocol-5
// (BYTEARRAY8) pickle of {"x": float32 array 400000x288} (460.8 MB), written
// by the test encoder into b.TempDir.
func BenchmarkDecodeLarge(b *testing.B) {
	const rows, cols = 400000, 288
	data := make([]float32, rows*cols)
	for i := range data {
		data[i] = float32(i%4099) * 0.25
	}
	// The encoder wants the raw little-endian bytes; view data as bytes.
	raw := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(data))), 4*len(data))
	a := &encArray{code: "f4", order: '<', shape: []int{rows, cols}, raw: raw}
	dir := b.TempDir()
	paths := make(map[int]string)
	for _, proto := range []int{4, 5} {
		path := filepath.Join(dir, fmt.Sprintf("large_p%d.pickle", proto))
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		e := encoder{proto: proto, w: bufio.NewWriterSize(f, 1<<20)}
		if err := e.encode(map[string]any{"x": a}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		paths[proto] = path
	}
	probe := []int{0, 1, 4098, 4099, rows*cols - 1}
	want := make([]float32, len(probe))
	for i, k := range probe {
		want[i] = data[k]
	}
	data, raw, a = nil, nil, nil
	runtime.GC()

	for _, proto := range []int{4, 5} {
		b.Run(fmt.Sprintf("p%d", proto), func(b *testing.B) {
			st, err := os.Stat(paths[proto])
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				v, err := Load(paths[proto], DefaultLimits())
				if err != nil {
					b.Fatal(err)
				}
				x := v.(map[string]any)["x"].(*NDArray)
				got := x.Data.([]float32)
				if len(x.Shape) != 2 || x.Shape[0] != rows || x.Shape[1] != cols || len(got) != rows*cols {
					b.Fatalf("shape %v, %d elements", x.Shape, len(got))
				}
				for i, k := range probe {
					if got[k] != want[i] {
						b.Fatalf("element %d: got %v, want %v", k, got[k], want[i])
					}
				}
			}
		})
	}
}
