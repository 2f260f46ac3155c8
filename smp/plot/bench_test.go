package plot

import (
	"testing"
)

func BenchmarkOctantRatemapRGB(b *testing.B) {
	plain, ps := readNPZ(b, figure2NPZ, "ratemap_u0")
	oct, _ := readNPZ(b, figure2NPZ, "ratemap_octants_u0")
	jet := Jet()
	b.ResetTimer()
	for b.Loop() {
		if _, err := OctantRatemapRGB(plain, oct, ps[0], ps[1], true, 0, 100, jet); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSuperFigurePNG(b *testing.B) {
	plain, ps := readNPZ(b, figure2NPZ, "ratemap_u0")
	oct, _ := readNPZ(b, figure2NPZ, "ratemap_octants_u0")
	rgb, err := OctantRatemapRGB(plain, oct, ps[0], ps[1], true, 0, 100, Jet())
	if err != nil {
		b.Fatal(err)
	}
	f, err := NewSuperFigure(3.0, 7.5, 180)
	if err != nil {
		b.Fatal(err)
	}
	for _, row := range f.Grid(5, 5, 0.2, 0.8, 0.5, 0.5, 0.05, 0.2) {
		for _, c := range row {
			NewImshowAxes(rgb.Image(), "RNN-1:0").Draw(c)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}
