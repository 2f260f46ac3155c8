package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/synth"
)

// small is a world of 2 trajectories: the smallest synth accepts.
func small(out string) options {
	return options{seed: 1, out: out, traj: 2, workers: 2}
}

// TestRunFromSubdirectory runs synth from notebooks/ with the default
// -hdnet: the repository's committed LSTM is found, and a stale temporary
// file of an interrupted run is removed.
func TestRunFromSubdirectory(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	stale := filepath.Join(out, ".trajectories.npz.tmp123456")
	os.WriteFile(stale, []byte("half a file"), 0o644)
	t.Chdir(filepath.Join(root, "notebooks"))
	var stderr strings.Builder
	if err := run(small(out), &stderr, nil); err != nil {
		t.Fatal(err)
	}
	m, err := synth.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.HDNetwork, "LSTM from data/hdnet/params.npz (sha256 ") {
		t.Errorf("manifest records the network as %q", m.HDNetwork)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale temporary file kept")
	}
	if msg := stderr.String(); !strings.Contains(msg, "removed partial files of an interrupted run: "+stale) {
		t.Errorf("messages %q do not name the removed file", msg)
	}
	if _, err := os.Stat(filepath.Join(root, "notebooks", "data")); err == nil {
		t.Error("notebooks/data created")
	}
}

// TestRunOutputNotWritable fails before generating anything.
func TestRunOutputNotWritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	for _, out := range []string{file, filepath.Join(file, "sub")} {
		err := run(small(out), os.Stderr, nil)
		if err == nil || !strings.Contains(err.Error(), file) || strings.Count(err.Error(), "synth:") > 1 {
			t.Errorf("-o %s: %v, want one error naming %s", out, err, file)
		}
	}
	if err := run(options{out: t.TempDir(), hdnet: filepath.Join(t.TempDir(), "none.npz"), traj: 2}, os.Stderr, nil); err == nil || !strings.Contains(err.Error(), "none.npz") {
		t.Errorf("missing -hdnet: %v", err)
	}
	if err := run(options{out: t.TempDir(), traj: -1}, os.Stderr, nil); err == nil || !strings.Contains(err.Error(), "-trajectories") {
		t.Errorf("-trajectories -1: %v", err)
	}
}

// TestInterrupt interrupts synth while it writes: it exits 130 and leaves
// neither a temporary file nor a manifest.
func TestInterrupt(t *testing.T) {
	if out := os.Getenv("SYNTH_TEST_CHILD"); out != "" {
		if err := run(small(out), os.Stderr, os.Stdout); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	out := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterrupt$")
	cmd.Env = append(os.Environ(), "SYNTH_TEST_CHILD="+out)
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt once the first file is written, while the next is.
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && !strings.Contains(sc.Text(), "wrote trajectories.npz") {
	}
	cmd.Process.Signal(os.Interrupt)
	go func() {
		for sc.Scan() {
		}
	}()
	cmd.Wait()
	t.Logf("exit code %d; stderr %q", cmd.ProcessState.ExitCode(), stderr.String())
	if code := cmd.ProcessState.ExitCode(); code != 130 && code != 0 {
		t.Errorf("exit code %d, want 130 (or 0 if it had finished): %s", code, stderr.String())
	} else if code == 130 {
		if _, err := os.Stat(filepath.Join(out, synth.ManifestFile)); err == nil {
			t.Error("interrupted run wrote the manifest")
		}
		if !strings.Contains(stderr.String(), "synth: interrupt: stopped") {
			t.Errorf("stderr %q does not say it stopped", stderr.String())
		}
	}
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left %s", e.Name())
		}
	}
}
