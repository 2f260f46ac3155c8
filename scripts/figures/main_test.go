package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/internal/fixture"
)

// writeTrajectories writes the golden fixture's inputs (12 trajectories x
// 500 steps, 8 + 16 + 16 units, 16 slots) as dir/trajectories.npz.
func writeTrajectories(t *testing.T, dir string) {
	t.Helper()
	if err := fixture.WriteFigure2Trajectories("../../testdata/reference/figure2.npz", dir); err != nil {
		t.Fatal(err)
	}
}

func TestRun(t *testing.T) {
	data, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeTrajectories(t, data)
	runFigure(t, []string{"-data", data, "-o", out, "-fig", "2", "-nocache"}, out, "figure_2", 1620, 3402,
		"data of unknown origin", "best-scoring", "wrote", "done")
	for _, args := range [][]string{{"-fig", "9", "-data", data}, {"-data", t.TempDir(), "-o", out}, {"extra"}} {
		if err := run(args, &bytes.Buffer{}); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

// runFigure runs the command with args and checks its progress log for each
// of wants, and that out holds name.png of w × h pixels and name.svg.
func runFigure(t *testing.T, args []string, out, name string, w, h int, wants ...string) {
	t.Helper()
	var log bytes.Buffer
	if err := run(args, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	for _, want := range wants {
		if !strings.Contains(log.String(), want) {
			t.Errorf("progress lacks %q:\n%s", want, log.String())
		}
	}
	f, err := os.Open(filepath.Join(out, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != w || cfg.Height != h {
		t.Errorf("%s.png is %dx%d, want %dx%d", name, cfg.Width, cfg.Height, w, h)
	}
	if b, err := os.ReadFile(filepath.Join(out, name+".svg")); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("%s.svg: %v", name, err)
	}
}

// TestOutputCheckedFirst gives an output directory that cannot be made: the
// command fails before any work.
func TestOutputCheckedFirst(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	for _, out := range []string{file, filepath.Join(file, "sub")} {
		var log bytes.Buffer
		err := run([]string{"-data", t.TempDir(), "-o", out, "-nocache"}, &log)
		if err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("-o %s: %v, want an error naming %s", out, err, file)
		}
		if log.Len() > 0 {
			t.Errorf("-o %s: work started:\n%s", out, log.String())
		}
	}
}

// TestDataDirEnv checks that $SMP_DATA_DIR chooses the data, that its
// errors name it, and that messages carry each prefix once.
func TestDataDirEnv(t *testing.T) {
	out := t.TempDir()
	missing := filepath.Join(t.TempDir(), "missing")
	t.Setenv("SMP_DATA_DIR", missing)
	err := run([]string{"-fig", "2", "-o", out, "-nocache"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "SMP_DATA_DIR") || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing $SMP_DATA_DIR: %v, want an error naming SMP_DATA_DIR and %s", err, missing)
	}

	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "trajectories.npz"), []byte("not a zip file"), 0o644)
	t.Setenv("SMP_DATA_DIR", bad)
	var log bytes.Buffer
	err = run([]string{"-fig", "2", "-o", out, "-nocache"}, &log)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(bad, "trajectories.npz")) {
		t.Fatalf("broken file in $SMP_DATA_DIR: %v, want an error naming it", err)
	}
	msg := err.Error()
	if strings.Count(msg, "figure 2:") != 1 || strings.Contains(msg, "\n") {
		t.Errorf("message %q: want one line with the prefix \"figure 2:\" once", msg)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("output directory holds %d files after a failure", len(ents))
	}
}
