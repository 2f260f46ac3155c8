package main

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// writeFigure3Data writes a random network (hdnet.RandomNetwork, H = 32,
// S = 64, E = 16) with 512 random 8 × 8 images and random resultant vectors
// as figure 3's three data sets in dir.
func writeFigure3Data(t *testing.T, dir string) {
	t.Helper()
	const H, S, E, I = 32, 64, 16, 512
	n, err := hdnet.RandomNetwork(H, S, E, I, 5)
	if err != nil {
		t.Fatal(err)
	}
	r := hdnet.NewRand(6)
	imgs := make([]uint8, I*8*8*3)
	for i := range imgs {
		imgs[i] = uint8(r.IntN(256))
	}
	angles, lengths := make([]float64, H), make([]float64, H)
	for u := range H {
		angles[u] = (r.Float64()*2 - 1) * math.Pi
		lengths[u] = 0.3 + 0.6*r.Float64()
	}
	sets := map[string]smp.Dict{
		smp.ParametersName: {
			hdnet.KeyPredictionW: smp.NewFloat64(n.Prediction.W, 2+H, 4*H),
			hdnet.KeyPredictionB: smp.NewFloat64(n.Prediction.B, 4*H),
			hdnet.KeyCorrectionW: smp.NewFloat64(n.Correction.W, 2*H, 4*H),
			hdnet.KeyCorrectionB: smp.NewFloat64(n.Correction.B, 4*H),
			hdnet.KeyMemoryHD:    smp.NewFloat64(n.MemoryHD, S, H),
			hdnet.KeyMemoryVis:   smp.NewFloat64(n.MemoryVis, S, E),
			hdnet.KeyWritten:     smp.NewFloat64(n.Written, S, H),
			hdnet.KeyBeta:        smp.NewFloat64([]float64{n.Beta}),
		},
		smp.VisualInputsName: {
			hdnet.KeyImages:     &smp.Array{Shape: []int{I, 8, 8, 3}, Data: imgs},
			hdnet.KeyEmbeddings: smp.NewFloat64(n.Embeddings, I, E),
		},
		smp.HDStatsName: {
			hdnet.KeyRVAngles:  smp.NewFloat64(angles, H),
			hdnet.KeyRVLengths: smp.NewFloat64(lengths, H),
		},
	}
	for name, d := range sets {
		if err := smp.WriteNPZ(filepath.Join(dir, name+".npz"), d); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRunFigure3 draws figure 3 at the original's sizes from a random
// network (a few seconds).
func TestRunFigure3(t *testing.T) {
	data, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeFigure3Data(t, data)
	var log bytes.Buffer
	if err := run([]string{"-data", data, "-o", out, "-fig", "3", "-nocache", "-seed", "3"}, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	for _, want := range []string{"data of unknown origin", "runs from random initial states: computed", "never converged", "wrote", "done"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("progress lacks %q:\n%s", want, log.String())
		}
	}
	f, err := os.Open(filepath.Join(out, "figure_3.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 1116 || cfg.Height != 909 {
		t.Errorf("figure_3.png is %dx%d, want 1116x909", cfg.Width, cfg.Height)
	}
	if b, err := os.ReadFile(filepath.Join(out, "figure_3.svg")); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("figure_3.svg: %v", err)
	}
}
