package pickle

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkDecodeLarge loads a protocol-4 (BINBYTES) and a protocol-5
// (BYTEARRAY8) pickle of {"x": float32 array 400000x288} (460.8 MB), written
// by Encode into b.TempDir.
func BenchmarkDecodeLarge(b *testing.B) {
	const rows, cols = 400000, 288
	data := make([]float32, rows*cols)
	for i := range data {
		data[i] = float32(i%4099) * 0.25
	}
	a, err := NewArray(data, rows, cols) // a view of data, not a copy
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	paths := make(map[int]string)
	for _, proto := range []int{4, 5} {
		path := filepath.Join(dir, fmt.Sprintf("large_p%d.pickle", proto))
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := Encode(f, map[string]any{"x": a}, EncodeOptions{Protocol: proto}); err != nil {
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
	data, a = nil, nil
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
				v, err := loadFile(paths[proto])
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
