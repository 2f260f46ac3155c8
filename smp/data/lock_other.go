//go:build !unix

package data

import "context"

// LockDir does nothing on systems without flock (Windows): there, two
// processes must not write into one directory at once. Atomic writes still
// keep every file whole.
func LockDir(ctx context.Context, dir string, waiting func(lockPath string)) (unlock func(), err error) {
	return func() {}, nil
}
