package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// Module is the module path of the smp-go repository, as its go.mod
// declares it.
const Module = "github.com/smp-go/smp-go"

// FindRoot returns the root of the smp-go repository: the nearest directory
// at or above start (the working directory when start is "") holding a
// go.mod that declares module Module. Commands and notebook sessions use it
// to find data/ from any directory inside the repository; a go.mod of
// another module (a copy of a notebook in another project) is passed over.
func FindRoot(start string) (string, error) {
	dir := start
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return "", fmt.Errorf("finding the smp-go repository: %w", err)
		}
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding the smp-go repository: %w", err)
	}
	for d := dir; ; {
		mod := filepath.Join(d, "go.mod")
		if ok, err := declaresModule(mod); err != nil {
			return "", fmt.Errorf("finding the smp-go repository: %s: %w", mod, err)
		} else if ok {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%s is not inside the smp-go repository (no go.mod of module %s at or above it)", dir, Module)
		}
		d = parent
	}
}

// declaresModule reports whether the go.mod at path declares Module; a
// missing file declares nothing.
func declaresModule(path string) (bool, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if !fi.Mode().IsRegular() {
		return false, nil
	}
	b, err := os.ReadFile(path)
	return modfile.ModulePath(b) == Module, err
}

// LockPath is the lock file of the data or output directory dir (see
// LockDir): .BASE.lock next to it, e.g. data/.synthetic.lock for
// data/synthetic. The notebooks and the commands take this one lock, so a
// notebook making the synthetic world and scripts/synth exclude each other.
func LockPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}
