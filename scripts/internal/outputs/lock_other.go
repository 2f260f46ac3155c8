//go:build !unix

package outputs

import (
	"context"
	"io"
	"path/filepath"
)

// LockPath is the lock file of the output directory dir: .BASE.lock next to
// it.
func LockPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}

// Lock does nothing on systems without flock (Windows): there, two commands
// must not write into one directory at once.
func Lock(ctx context.Context, w io.Writer, prog, dir string) (unlock func(), err error) {
	return func() {}, nil
}
