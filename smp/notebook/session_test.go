package notebook

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSeen(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", t.TempDir())
	if seen("no data") {
		t.Errorf("first message seen")
	}
	if !seen("no data") {
		t.Errorf("repeated message not seen")
	}
	if seen("another") || seen("no data") {
		t.Errorf("another message: the record was not replaced")
	}
	t.Setenv("GONB_TMP_DIR", "")
	if first, again := seen("x"), seen("x"); first || again {
		t.Errorf("outside GoNB every message is new")
	}
}

// TestCachedAndLast: a step is computed once, read from the cache after
// that, and Last returns the last result of the step in the kernel.
func TestCachedAndLast(t *testing.T) {
	dir := t.TempDir()
	touch(t, dir, "data/manifest.json", "data/trajectories.npz")
	t.Setenv(DataDirEnv, filepath.Join(dir, "data"))
	t.Setenv("SMP_CACHE_DIR", filepath.Join(dir, "cache"))
	t.Setenv("GONB_TMP_DIR", dir)
	session.src, session.steps = nil, nil
	defer func() { session.src, session.steps = nil, nil }()
	calls := 0
	square := func(x int) func() (int, error) {
		return func() (int, error) { calls++; return x * x, nil }
	}
	if v := Cached("square", 3, square(3)); v != 9 || calls != 1 {
		t.Errorf("first: %d, %d calls", v, calls)
	}
	if v := Cached("square", 3, square(3)); v != 9 || calls != 1 {
		t.Errorf("second: %d, %d calls (want the cache)", v, calls)
	}
	if v := Last[int]("square"); v != 9 {
		t.Errorf("Last: %d", v)
	}
	if v := Cached("square", 4, square(4)); v != 16 || calls != 2 {
		t.Errorf("other parameters: %d, %d calls", v, calls)
	}
	if v := Last[int]("square"); v != 16 {
		t.Errorf("Last after new parameters: %d", v)
	}
	if v := Cached("square", 3, square(3)); v != 9 || calls != 2 {
		t.Errorf("back to 3: %d, %d calls", v, calls)
	}
	// Errors are returned by step and not stored.
	boom := errors.New("boom")
	src := Data()
	if _, err := step(newSteps(src, nil), "fail", 0, func() (int, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
	if v, err := step(newSteps(src, nil), "fail", 0, func() (int, error) { return 1, nil }); err != nil || v != 1 {
		t.Errorf("a failed computation was cached: %d, %v", v, err)
	}
	// NoCache computes every time.
	nc := *src
	nc.NoCache = true
	if _, err := step(newSteps(&nc, nil), "square", 3, square(3)); err != nil || calls != 3 {
		t.Errorf("NoCache: %v, %d calls", err, calls)
	}
	if _, err := os.Stat(filepath.Join(dir, "smp-go-session")); err != nil {
		t.Errorf("no session record: %v", err)
	}
}
