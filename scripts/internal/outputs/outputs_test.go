package outputs

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/smp-go/smp-go/smp/data"
)

func TestCheckDir(t *testing.T) {
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "a", "b")
	if err := CheckDir(missing, false); err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing directory: %v", err)
	}
	if err := CheckDir(missing, true); err != nil {
		t.Errorf("missing directory, create: %v", err)
	}
	if fi, err := os.Stat(missing); err != nil || !fi.IsDir() {
		t.Errorf("not created: %v", err)
	}
	if ents, _ := os.ReadDir(missing); len(ents) != 0 {
		t.Errorf("probe left behind: %v", ents)
	}
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, nil, 0o644)
	for _, create := range []bool{false, true} {
		if err := CheckDir(file, create); err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("a file as directory (create %v): %v", create, err)
		}
		if err := CheckDir(filepath.Join(file, "sub"), create); err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("under a file (create %v): %v", create, err)
		}
	}
	if os.Getuid() != 0 {
		ro := filepath.Join(tmp, "ro")
		os.Mkdir(ro, 0o555)
		if err := CheckDir(ro, false); err == nil || !strings.Contains(err.Error(), "cannot write") {
			t.Errorf("read-only directory: %v", err)
		}
	}
}

func TestCheckFile(t *testing.T) {
	tmp := t.TempDir()
	if err := CheckFile(filepath.Join(tmp, "results.json")); err != nil {
		t.Errorf("new file: %v", err)
	}
	existing := filepath.Join(tmp, "old.json")
	os.WriteFile(existing, []byte("{}"), 0o644)
	if err := CheckFile(existing); err != nil {
		t.Errorf("existing file: %v", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "{}" {
		t.Error("CheckFile changed the file")
	}
	missing := filepath.Join(tmp, "no", "such", "dir", "results.json")
	if err := CheckFile(missing); err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing directory: %v", err)
	}
	if err := CheckFile(tmp); err == nil || !strings.Contains(err.Error(), "it is a directory") {
		t.Errorf("a directory: %v", err)
	}
}

func TestTempNames(t *testing.T) {
	for name, want := range map[string]bool{
		".trajectories.npz.tmp123":   true,
		".figure_2.png.tmp4567":      true,
		".figure_2.png.4567.tmp":     false,
		".trajectories.npz.tmp":      false,
		".trajectories.npz.tmpabc":   false,
		"trajectories.npz.tmp123":    false,
		".trajectories.npz.1.2.tmp":  false,
		".other.npz.tmp1":            false,
		".trajectories.npz.tmp1.bak": false,
	} {
		if got := isTemp(name, "trajectories.npz") || isTemp(name, "figure_2.png"); got != want {
			t.Errorf("isTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestTempsOfWriteAtomic checks that temps finds data.WriteAtomic's
// temporary file while it is being written, so the names cannot drift.
func TestTempsOfWriteAtomic(t *testing.T) {
	out := filepath.Join(t.TempDir(), "trajectories.npz")
	var during []string
	err := data.WriteAtomic(out, func(w io.Writer) error {
		during = temps(out)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(during) != 1 {
		t.Errorf("temps during data.WriteAtomic = %v, want its one temporary file", during)
	}
	if after := temps(out); len(after) != 0 {
		t.Errorf("temps after the write = %v", after)
	}
}

// TestOnInterrupt interrupts a child process in the middle of an atomic
// write: it exits 130, says so, and leaves no temporary file.
func TestOnInterrupt(t *testing.T) {
	if dir := os.Getenv("OUTPUTS_TEST_CHILD"); dir != "" {
		out := filepath.Join(dir, "trajectories.npz")
		OnInterrupt(os.Stderr, "synth", out)
		data.WriteAtomic(out, func(w io.Writer) error {
			fmt.Println("writing")
			time.Sleep(time.Minute)
			return nil
		})
		os.Exit(0)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOnInterrupt$")
	cmd.Env = append(os.Environ(), "OUTPUTS_TEST_CHILD="+dir)
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && sc.Text() != "writing" {
	}
	if n := len(temps(filepath.Join(dir, "trajectories.npz"))); n != 1 {
		t.Errorf("%d temporary files while writing, want 1", n)
	}
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit code %d (%v), want 130", code, err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 0 {
		t.Errorf("files left after the interrupt: %v", ents)
	}
	if msg := stderr.String(); strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "synth: interrupt: stopped; removed the partial file(s) "+dir) {
		t.Errorf("message %q", msg)
	}
}
