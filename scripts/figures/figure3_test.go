package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// writeFigure3Data writes a random network (hdnet.RandomNetworkWithViews,
// H = 32, S = 64, E = 16, 512 random 8 × 8 images) as figure 3's three data
// sets in dir.
func writeFigure3Data(t *testing.T, dir string) {
	t.Helper()
	n, err := hdnet.RandomNetworkWithViews(32, 64, 16, 512, 8, 8, 5)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.WriteNPZ(dir); err != nil {
		t.Fatal(err)
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
