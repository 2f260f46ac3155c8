//go:build unix

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive lock on the directory dir (flock), so that two downloads
// into one directory run one after the other: the second then finds the files complete.
// While another process holds the lock, lockDir says so on w once and waits, polling,
// until the lock is free or ctx is done. unlock releases the lock; a process that dies
// releases it too.
func lockDir(ctx context.Context, w io.Writer, dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	said := false
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() { unix.Flock(int(f.Fd()), unix.LOCK_UN); f.Close() }, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		if !said && w != nil {
			fmt.Fprintf(w, "waiting for another download into %s to finish\n", dir)
			said = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
