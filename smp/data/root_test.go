package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindRoot(t *testing.T) {
	tmp := t.TempDir()
	repo := filepath.Join(tmp, "repo")
	deep := filepath.Join(repo, "notebooks", "sub")
	other := filepath.Join(repo, "vendor", "other")
	for _, d := range []string{deep, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(repo, "go.mod"), []byte("// comment\nmodule "+Module+"\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n"), 0o644)
	for _, start := range []string{repo, deep, other, filepath.Join(deep, "..", "sub")} {
		if got, err := FindRoot(start); err != nil || got != repo {
			t.Errorf("FindRoot(%s) = %q, %v; want %s", start, got, err, repo)
		}
	}
	t.Chdir(deep)
	if got, err := FindRoot(""); err != nil || got != repo {
		t.Errorf("FindRoot(\"\") from %s = %q, %v; want %s", deep, got, err, repo)
	}
	outside := filepath.Join(tmp, "elsewhere")
	os.Mkdir(outside, 0o755)
	_, err := FindRoot(outside)
	if err == nil || !strings.Contains(err.Error(), outside) || !strings.Contains(err.Error(), Module) {
		t.Errorf("FindRoot outside the repository: %v, want an error naming %s and %s", err, outside, Module)
	}
}
