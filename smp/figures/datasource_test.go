package figures

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
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

func TestDataDir(t *testing.T) {
	tr := data.TrajectoriesName
	for _, c := range []struct {
		name  string
		files []string
		want  string // "real", "synthetic" or an error fragment
	}{
		{"real only", []string{"data/real/trajectories.pickle"}, "real"},
		{"both: real wins", []string{"data/real/trajectories.pickle", "data/synthetic/manifest.json", "data/synthetic/trajectories.npz"}, "real"},
		{"synthetic", []string{"data/synthetic/manifest.json", "data/synthetic/trajectories.npz"}, "synthetic"},
		{"real incomplete", []string{"data/real/trajectories.pickle.part", "data/synthetic/manifest.json", "data/synthetic/trajectories.npz"}, "synthetic"},
		{"synthetic without manifest", []string{"data/synthetic/trajectories.npz"}, "neither"},
		{"synthetic lacks the data set", []string{"data/synthetic/manifest.json"}, "lacks"},
		{"nothing", nil, "neither"},
	} {
		root := t.TempDir()
		touch(t, root, c.files...)
		src, err := DataDir(root, tr)
		switch {
		case c.want == "real" || c.want == "synthetic":
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if src.Kind.String() != c.want || src.Dir != filepath.Join(root, "data", c.want) {
				t.Errorf("%s: got %v %s, want %s", c.name, src.Kind, src.Dir, c.want)
			}
			if !strings.Contains(src.Describe(), src.Dir) || !strings.Contains(src.String(), c.want) {
				t.Errorf("%s: description %q / %q", c.name, src.Describe(), src)
			}
		default:
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
			}
		}
	}
	// Without names all four data sets are needed.
	root := t.TempDir()
	touch(t, root, "data/real/trajectories.pickle", "data/synthetic/manifest.json", "data/synthetic/trajectories.npz",
		"data/synthetic/parameters.npz", "data/synthetic/visual_inputs.npz", "data/synthetic/hd_stats.npz")
	if src, err := DataDir(root); err != nil || src.Kind != SyntheticData {
		t.Errorf("all data sets: got %v, %v; want synthetic", src, err)
	}
	if src, err := DataDir(root, data.ParametersName); err != nil || src.Kind != SyntheticData {
		t.Errorf("parameters: got %v, %v; want synthetic", src, err)
	}
}

func TestSource(t *testing.T) {
	root := t.TempDir()
	touch(t, root, "a/trajectories.pickle", "b/trajectories.npz", "b/manifest.json", "c/trajectories.npz")
	for dir, want := range map[string]DataKind{"a": RealData, "b": SyntheticData, "c": OtherData} {
		src, err := Source(filepath.Join(root, dir), data.TrajectoriesName)
		if err != nil || src.Kind != want {
			t.Errorf("%s: got %v, %v; want %v", dir, src.Kind, err, want)
		}
	}
	if _, err := Source(filepath.Join(root, "a"), data.ParametersName); err == nil {
		t.Errorf("missing data set: no error")
	}
}

func TestRepoRoot(t *testing.T) {
	root, err := RepoRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "smp", "figures", "figure2.go")); err != nil {
		t.Errorf("RepoRoot(.) = %s: %v", root, err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := RepoRoot(dir); err == nil {
		t.Errorf("another module's directory: got root %s", r)
	}
}

func TestCached(t *testing.T) {
	c, err := NewCache(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	compute := func() ([]float64, error) { calls++; return []float64{1, 2.5}, nil }
	key := Key("test", "file|1|2", int64(3))
	for i, wantHit := range []bool{false, true} {
		v, hit, err := Cached(c, key, compute)
		if err != nil || hit != wantHit || len(v) != 2 || v[1] != 2.5 {
			t.Errorf("call %d: %v, hit %v, %v", i, v, hit, err)
		}
	}
	if calls != 1 {
		t.Errorf("computed %d times, want 1", calls)
	}
	// Other parts give another key; a corrupt entry is recomputed.
	if Key("test", "file|1|2", int64(4)) == key || !strings.HasPrefix(key, "test-") {
		t.Errorf("key %s", key)
	}
	if err := os.WriteFile(filepath.Join(c.Dir, key+".gob"), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if v, hit, err := Cached(c, key, compute); err != nil || hit || v[0] != 1 || calls != 2 {
		t.Errorf("corrupt entry: %v, hit %v, %v, %d calls", v, hit, err, calls)
	}
	// Errors are returned and not stored.
	boom := errors.New("boom")
	if _, _, err := Cached(c, Key("fail"), func() (int, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
	if _, hit, _ := Cached(c, Key("fail"), func() (int, error) { return 1, nil }); hit {
		t.Errorf("a failed computation was cached")
	}
	// A nil cache always computes.
	if _, hit, _ := Cached(nil, key, compute); hit || calls != 3 {
		t.Errorf("nil cache: hit %v, %d calls", hit, calls)
	}
	if err := c.Clear(); err != nil {
		t.Fatal(err)
	}
	if _, hit, _ := Cached(c, key, compute); hit {
		t.Errorf("hit after Clear")
	}
}

func TestNotebookData(t *testing.T) {
	root := t.TempDir()
	touch(t, root, "syn/manifest.json", "syn/trajectories.npz")
	t.Setenv(DataDirEnv, filepath.Join(root, "syn"))
	src, err := NotebookData(data.TrajectoriesName)
	if err != nil || src.Kind != SyntheticData || src.Dir != filepath.Join(root, "syn") {
		t.Errorf("with %s: %v, %v", DataDirEnv, src, err)
	}
	t.Setenv(DataDirEnv, filepath.Join(root, "missing"))
	if _, err := NotebookData(data.TrajectoriesName); err == nil {
		t.Errorf("missing directory: no error")
	}
}
