package main

import (
	"path/filepath"
	"testing"

	"github.com/smp-go/smp-go/internal/fixture"
)

// writeFigure3Data writes a random network (fixture.RandomFigure3Network,
// H = 32, S = 64, E = 16, 512 random 8 × 8 images) as figure 3's three data
// sets in dir.
func writeFigure3Data(t *testing.T, dir string) {
	t.Helper()
	n, err := fixture.RandomFigure3Network(32, 64, 16, 512, 8, 8, 5)
	if err != nil {
		t.Fatal(err)
	}
	if err := fixture.WriteFigure3(n, dir); err != nil {
		t.Fatal(err)
	}
}

// TestRunFigure3 draws figure 3 at the original's sizes from a random
// network (a few seconds).
func TestRunFigure3(t *testing.T) {
	data, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeFigure3Data(t, data)
	runFigure(t, []string{"-data", data, "-o", out, "-fig", "3", "-nocache", "-seed", "3"}, out, "figure_3", 2232, 1818,
		"data of unknown origin", "random runs: computed", "never converged", "wrote", "done")
}
