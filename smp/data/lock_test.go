package data

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestLockDir: a second holder says it waits, and waits until the first
// releases the lock; the lock file is LockPath's.
func TestLockDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synthetic")
	unlock, err := LockDir(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	waited := make(chan string, 1)
	done := make(chan struct{})
	go func() {
		u2, err := LockDir(context.Background(), dir, func(lock string) { waited <- lock })
		if err != nil {
			t.Error(err)
			close(done)
			return
		}
		mu.Lock()
		order = append(order, "second")
		mu.Unlock()
		u2()
		close(done)
	}()
	if lock := <-waited; lock != LockPath(dir) || filepath.Base(lock) != ".synthetic.lock" {
		t.Errorf("waiting on %q, want %q", lock, LockPath(dir))
	}
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	order = append(order, "first released")
	mu.Unlock()
	unlock()
	<-done
	if len(order) != 2 || order[0] != "first released" {
		t.Errorf("order %v: the second holder did not wait", order)
	}
}

// TestLockDirCancel: a holder waiting for the lock gives up when its
// context is done.
func TestLockDirCancel(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "real")
	unlock, err := LockDir(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := LockDir(ctx, dir, nil); err == nil {
		t.Error("LockDir: no error after the context ended")
	}
}
