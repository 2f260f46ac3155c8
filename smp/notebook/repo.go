package notebook

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ModulePath is the module whose root RepoRoot looks for.
const ModulePath = "github.com/smp-go/smp-go"

// RepoEnv names the environment variable that points a notebook outside the
// repository at one (in a cell: %env SMP_REPO /path/to/smp-go).
const RepoEnv = "SMP_REPO"

// Root returns the root of the smp-go repository: $SMP_REPO when set,
// otherwise the repository that holds the working directory (RepoRoot("")),
// which is the notebook's directory under GoNB.
func Root() (string, error) {
	if dir := os.Getenv(RepoEnv); dir != "" {
		ok, err := declaresModule(filepath.Join(dir, "go.mod"))
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", RepoEnv, dir, err)
		}
		if !ok {
			return "", fmt.Errorf("%s=%s: not the smp-go repository (no go.mod of module %s there)", RepoEnv, dir, ModulePath)
		}
		return filepath.Abs(dir)
	}
	return RepoRoot("")
}

// RepoRoot returns the root of the smp-go repository: the nearest directory
// at or above start (the working directory when start is "") whose go.mod
// declares module ModulePath.
func RepoRoot(start string) (string, error) {
	dir := start
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return "", fmt.Errorf("repository root: %w", err)
		}
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("repository root: %w", err)
	}
	for d := dir; ; {
		if ok, err := declaresModule(filepath.Join(d, "go.mod")); err != nil {
			return "", fmt.Errorf("repository root: %w", err)
		} else if ok {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%s is not inside the smp-go repository: set %s to the repository's path", dir, RepoEnv)
		}
		d = parent
	}
}

// declaresModule reports whether the go.mod at path declares ModulePath.
func declaresModule(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == ModulePath, nil
		}
	}
	return false, sc.Err()
}
