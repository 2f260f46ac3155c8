package plot

import (
	"testing"
)

func BenchmarkOctantRatemapRGB(b *testing.B) {
	plain, ps := readNPZ(b, figure2NPZ, "ratemap_u0")
	oct, _ := readNPZ(b, figure2NPZ, "ratemap_octants_u0")
	b.ResetTimer()
	for b.Loop() {
		if _, err := OctantRatemapRGB(plain, oct, ps[0], ps[1], true); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSuperFigurePNG(b *testing.B) {
	plain, ps := readNPZ(b, figure2NPZ, "ratemap_u0")
	oct, _ := readNPZ(b, figure2NPZ, "ratemap_octants_u0")
	rgb, err := OctantRatemapRGB(plain, oct, ps[0], ps[1], true)
	if err != nil {
		b.Fatal(err)
	}
	f, err := NewSuperFigure(3.0, 7.5, 180)
	if err != nil {
		b.Fatal(err)
	}
	for r := range 5 {
		for _, c := range f.Row(5, 0.2, 0.8+0.7*float64(r), 0.5, 0.5, 0.05) {
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
