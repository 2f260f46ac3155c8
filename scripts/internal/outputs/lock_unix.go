//go:build unix

package outputs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// Lock takes the exclusive lock of the output directory dir (an flock on
// LockPath(dir), created if needed), so that two commands writing into dir
// run one after the other. While another process holds it, Lock says so in
// one line on w (prefixed by prog) and waits, polling, until the lock is
// free or ctx is done. unlock releases the lock; a process that dies
// releases it too. The lock file is left in place (removing it would let a
// waiting process lock a file that is no longer the lock).
func Lock(ctx context.Context, w io.Writer, prog, dir string) (unlock func(), err error) {
	path := LockPath(dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, unwrapPath(err))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, unwrapPath(err))
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
		if !said && w != nil {
			fmt.Fprintf(w, "%s: waiting for another process writing into %s (lock %s)\n", prog, dir, path)
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
