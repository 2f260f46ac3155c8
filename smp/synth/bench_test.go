package synth

import (
	"math"
	"testing"
)

func BenchmarkRender(b *testing.B) {
	ar, cam := DefaultArena(), DefaultCamera()
	img := make([]uint8, cam.W*cam.H*3)
	for i := 0; i < b.N; i++ {
		th := float64(i) * 0.37
		if err := cam.Render(ar, 0.8*math.Sin(th), 0.8*math.Cos(1.3*th), th, img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	ar, cam := DefaultArena(), DefaultCamera()
	enc, err := NewEncoder(ar, cam, 32, 4, 8, stream(1, "encoder", 0))
	if err != nil {
		b.Fatal(err)
	}
	img := make([]uint8, cam.W*cam.H*3)
	cam.Render(ar, 0.3, 0.2, 1, img)
	y := make([]float64, 32)
	scratch := make([]float64, enc.Features())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		enc.Encode(img, y, scratch)
	}
}

func BenchmarkPopulation(b *testing.B) {
	ar := DefaultArena()
	pop, err := NewPopulation(ar, PopulationSpec{Units: 128, Ego: true, Place: 8, Untuned: 8}, 0.05, stream(1, "x", 0))
	if err != nil {
		b.Fatal(err)
	}
	path, _ := Walk(ar, DefaultMotion(), stream(1, "m", 0), 500)
	dst := make([]float32, 500*128)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pop.Activations(ar, path, stream(1, "n", 0), dst)
	}
}

func BenchmarkNewPopulation(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := NewPopulation(DefaultArena(), PopulationSpec{Units: 128, Ego: true, Place: 8, Untuned: 8}, 0.05, stream(1, "x", 0)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateSmall measures a 20-trajectory world (10,000 samples).
func BenchmarkGenerateSmall(b *testing.B) {
	cfg := DefaultConfig(1)
	cfg.Trajectories, cfg.Images = 20, 64
	net := NewIdealHD()
	for i := 0; i < b.N; i++ {
		if _, err := Generate(cfg, net); err != nil {
			b.Fatal(err)
		}
	}
}
