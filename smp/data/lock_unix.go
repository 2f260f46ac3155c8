//go:build unix

package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// LockDir takes the exclusive lock of the directory dir (an flock on
// LockPath(dir), created if needed), so that two processes writing into dir
// run one after the other. While another process holds it, LockDir calls
// waiting once (if not nil) and polls every 200 ms until the lock is free
// or ctx is done. unlock releases the lock; a process that dies releases it
// too. The lock file is left in place: removing it would let a waiting
// process lock a file that is no longer the lock.
func LockDir(ctx context.Context, dir string, waiting func(lockPath string)) (unlock func(), err error) {
	path := LockPath(dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	said := false
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, fmt.Errorf("locking %s (%s): %w", dir, path, err)
		}
		if !said && waiting != nil {
			waiting(path)
			said = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("waiting for the lock of %s: %w", dir, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}
