package notebook

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/figures"
)

// touch creates the files (relative to root), with their directories.
func touch(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestChooseData(t *testing.T) {
	t.Setenv(DataDirEnv, "")
	real4 := []string{"data/real/trajectories.pickle", "data/real/parameters.pickle", "data/real/visual_inputs.pickle", "data/real/hd_stats.pickle"}
	syn := []string{"data/synthetic/manifest.json", "data/synthetic/trajectories.npz"}
	for _, c := range []struct {
		name  string
		files []string
		want  string // "real", "synthetic" or "none"
	}{
		{"real", real4, "real"},
		{"both: real wins", append(append([]string{}, real4...), syn...), "real"},
		{"synthetic", syn, "synthetic"},
		{"real incomplete", append([]string{"data/real/trajectories.pickle", "data/real/parameters.pickle.part"}, syn...), "synthetic"},
		{"synthetic without manifest", []string{"data/synthetic/trajectories.npz"}, "none"},
		{"nothing", nil, "none"},
	} {
		root := t.TempDir()
		touch(t, root, c.files...)
		src, err := ChooseData(root)
		if c.want == "none" {
			if !errors.Is(err, errNoData) || !strings.Contains(err.Error(), "scripts/synth") {
				t.Errorf("%s: error %v, want no data, saying what to run", c.name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if src.Kind.String() != c.want || src.Dir != filepath.Join(root, "data", c.want) || src.ID == "" {
			t.Errorf("%s: got %v %s (id %q), want %s", c.name, src.Kind, src.Dir, src.ID, c.want)
		}
		if !strings.Contains(src.Describe(), src.shown()) || !strings.Contains(src.String(), src.shown()) {
			t.Errorf("%s: description %q / %q", c.name, src.Describe(), src)
		}
	}
}

func TestChooseDataEnv(t *testing.T) {
	root := t.TempDir()
	touch(t, root, "a/trajectories.pickle", "a/parameters.pickle", "a/visual_inputs.pkl", "a/hd_stats.pickle",
		"b/trajectories.npz", "b/manifest.json", "c/trajectories.npz", "file")
	// Pickles outside the repository's data/real are not announced as DeepMind's.
	for dir, want := range map[string]figures.DataKind{"a": figures.OtherData, "b": figures.SyntheticData, "c": figures.OtherData} {
		t.Setenv(DataDirEnv, filepath.Join(root, dir))
		src, err := ChooseData("/nonexistent")
		if err != nil || src.Kind != want {
			t.Errorf("%s: got %v, %v; want %v", dir, src, err, want)
		}
	}
	for _, bad := range []string{"missing", "file"} {
		t.Setenv(DataDirEnv, filepath.Join(root, bad))
		if _, err := ChooseData(root); err == nil || !strings.Contains(err.Error(), DataDirEnv+"=") {
			t.Errorf("%s: error %v, want one naming %s", bad, err, DataDirEnv)
		}
	}
}

func TestShownRelative(t *testing.T) {
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	s := &Source{Dir: filepath.Join(root, "data", "synthetic"), Kind: figures.SyntheticData}
	if got := s.shown(); got != "data/synthetic" {
		t.Errorf("shown %q, want data/synthetic", got)
	}
	if !strings.Contains(s.Describe(), "`data/synthetic`") {
		t.Errorf("description %q", s.Describe())
	}
	out := &Source{Dir: "/elsewhere/data"}
	if got := out.shown(); got != "/elsewhere/data" {
		t.Errorf("outside the repository: %q", got)
	}
}

func TestSourceIDChanges(t *testing.T) {
	dir := t.TempDir()
	touch(t, dir, "manifest.json", "trajectories.npz")
	a, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "trajectories.npz"), []byte("other content"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == b.ID {
		t.Errorf("the data changed but its ID did not: %s", a.ID)
	}
}

func TestRoot(t *testing.T) {
	t.Setenv(RepoEnv, "")
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "scripts", "connect.sh")); err != nil {
		t.Errorf("Root() = %s: %v", root, err)
	}
	t.Setenv(RepoEnv, filepath.Join(root, "smp"))
	if r, err := Root(); err != nil || r != root {
		t.Errorf("%s inside the repository: %q, %v", RepoEnv, r, err)
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(RepoEnv, other)
	if _, err := Root(); err == nil || !strings.Contains(err.Error(), RepoEnv+"=") {
		t.Errorf("%s at another module: %v", RepoEnv, err)
	}
}
