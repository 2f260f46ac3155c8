// Package outputs prepares the output files of the commands under scripts/:
// it checks that they can be written before any work starts, and removes
// the temporary files that an interrupted atomic write (data.WriteAtomic,
// which writes an output NAME as .NAME.tmpDIGITS, then renames it) leaves
// behind, both when the command is interrupted and at its next start.
package outputs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/smp-go/smp-go/smp/data"
)

// CheckDir checks that files can be created in dir, creating dir (and its
// parents) if create is true. The error names dir and what is wrong.
func CheckDir(dir string, create bool) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist) && create:
		if err := os.MkdirAll(abs, 0o755); err != nil {
			return fmt.Errorf("cannot create the output directory %s: %w", abs, unwrapPath(err))
		}
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("output directory %s does not exist", abs)
	case err != nil:
		return fmt.Errorf("output directory %s: %w", abs, unwrapPath(err))
	case !fi.IsDir():
		return fmt.Errorf("output directory %s is not a directory", abs)
	}
	probe, err := os.CreateTemp(abs, ".probe-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in the output directory %s: %w", abs, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// CheckFile checks that the file path can be written: its directory exists
// and accepts new files, and path itself is not a directory or other
// non-regular file. It does not create or change path.
func CheckFile(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if err := CheckDir(filepath.Dir(abs), false); err != nil {
		return fmt.Errorf("cannot write %s: %w", abs, err)
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: it is a directory", abs)
	} else if err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("cannot write %s: it is not a regular file", abs)
	}
	return nil
}

// unwrapPath drops the path of a *fs.PathError, which the caller names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Lock takes the lock of the output directory dir (data.LockDir, the lock
// the notebooks take too). While another process holds it, Lock says so in
// one line on w, prefixed by prog, and waits until it is free or ctx is done.
func Lock(ctx context.Context, w io.Writer, prog, dir string) (unlock func(), err error) {
	return data.LockDir(ctx, dir, func(lock string) {
		if w != nil {
			fmt.Fprintf(w, "%s: waiting for another process writing into %s (lock %s)\n", prog, dir, lock)
		}
	})
}

// temps returns the temporary files of atomic writes of the outputs paths
// that exist now.
func temps(paths ...string) []string {
	var found []string
	for _, p := range paths {
		dir, base := filepath.Dir(p), filepath.Base(p)
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if isTemp(e.Name(), base) && e.Type().IsRegular() {
				found = append(found, filepath.Join(dir, e.Name()))
			}
		}
	}
	return found
}

// isTemp reports whether name is a temporary file of an atomic write of
// base: ".base.tmpDIGITS".
func isTemp(name, base string) bool {
	digits, ok := strings.CutPrefix(name, "."+base+".tmp")
	return ok && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// RemoveTemps removes the temporary files of atomic writes of paths and
// returns those it removed. Call it only while no other process writes
// these outputs (under a lock, or for outputs of this process alone).
func RemoveTemps(paths ...string) []string {
	var removed []string
	for _, t := range temps(paths...) {
		if os.Remove(t) == nil {
			removed = append(removed, t)
		}
	}
	return removed
}

// OnInterrupt arranges that an interrupt (SIGINT, Ctrl-C) or SIGTERM
// removes the temporary files of the outputs paths (see RemoveTemps), says
// so in one line on w, prefixed by prog, and exits with status 130. stop
// restores the default handling; called after an interrupt has arrived, it
// waits for that exit, so that the program's own error path (a temporary
// file removed under its writer) cannot exit first with another status.
//
// The program keeps running while the files are removed and may create the
// next temporary file meanwhile, so they are looked for again just before
// the exit; one created in the last microseconds is removed at the next
// start (see RemoveTemps).
func OnInterrupt(w io.Writer, prog string, paths ...string) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	var mu sync.Mutex
	stopped, exiting := false, false
	go func() {
		var sig os.Signal
		select {
		case sig = <-ch:
		case <-done:
			return
		}
		mu.Lock()
		if stopped {
			mu.Unlock()
			return
		}
		exiting = true
		mu.Unlock()
		removed := RemoveTemps(paths...)
		msg := fmt.Sprintf("%s: %v: stopped", prog, sig)
		if len(removed) > 0 {
			msg += fmt.Sprintf("; removed the partial file(s) %s", strings.Join(removed, ", "))
		}
		fmt.Fprintln(w, msg)
		RemoveTemps(paths...)
		os.Exit(130)
	}()
	return func() {
		mu.Lock()
		if exiting {
			mu.Unlock()
			select {} // the handler exits the program
		}
		stopped = true
		mu.Unlock()
		signal.Stop(ch)
		close(done)
	}
}
