package cache

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// openTemp opens a cache in a new temporary directory.
func openTemp(t *testing.T) *Cache {
	t.Helper()
	c, err := Open(filepath.Join(t.TempDir(), "cache"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// get calls Get with a compute that counts its calls and returns want.
func get[T any](t *testing.T, c *Cache, key Key, want T, calls *int) (T, bool) {
	t.Helper()
	v, hit, err := Get(c, key, func() (T, error) { *calls++; return want, nil })
	if err != nil {
		t.Fatal(err)
	}
	return v, hit
}

type result struct {
	Name   string
	Values []float64
	Counts map[string]int
}

func TestGetMissThenHit(t *testing.T) {
	c := openTemp(t)
	want := result{"hd", []float64{1.5, -2, 3e-300}, map[string]int{"a": 1}}
	key := NewKey("summary", "file|1|2", 42)
	calls := 0
	v, hit := get(t, c, key, want, &calls)
	if hit || calls != 1 {
		t.Fatalf("first Get: hit=%v calls=%d, want a miss that computes", hit, calls)
	}
	v, hit = get(t, c, key, result{}, &calls)
	if !hit || calls != 1 {
		t.Fatalf("second Get: hit=%v calls=%d, want a hit", hit, calls)
	}
	if v.Name != want.Name || len(v.Values) != 3 || v.Values[2] != 3e-300 || v.Counts["a"] != 1 {
		t.Errorf("hit returned %+v, want %+v", v, want)
	}
	// Other parts, another step or another type: other entries.
	for _, k := range []Key{NewKey("summary", "file|1|2", 43), NewKey("summary2", "file|1|2", 42)} {
		if _, hit := get(t, c, k, want, &calls); hit {
			t.Errorf("key %v: hit, want a miss", k)
		}
	}
	if _, hit := get(t, c, key, []float64{1}, &calls); hit {
		t.Error("same key, another type: hit, want a miss")
	}
}

func TestNilCacheComputes(t *testing.T) {
	var c *Cache
	calls := 0
	for range 2 {
		if v, hit := get(t, c, NewKey("x"), 7, &calls); hit || v != 7 {
			t.Errorf("nil cache: v=%d hit=%v", v, hit)
		}
	}
	if calls != 2 {
		t.Errorf("nil cache: %d computes", calls)
	}
}

func TestComputeErrorIsNotStored(t *testing.T) {
	c := openTemp(t)
	key := NewKey("fails")
	boom := errors.New("boom")
	if _, _, err := Get(c, key, func() (int, error) { return 0, boom }); err != boom {
		t.Fatalf("err = %v, want boom", err)
	}
	calls := 0
	if _, hit := get(t, c, key, 1, &calls); hit {
		t.Error("a failed compute was stored")
	}
}

// TestFileIDChangesWithContent replaces a file's content by other bytes of
// the same size and restores its modification time (touch -r).
func TestFileIDChangesWithContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trajectories.npz")
	if err := os.WriteFile(path, []byte("old content"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	id1, err := FileID(path)
	if err != nil {
		t.Fatal(err)
	}
	if id2, _ := FileID(path); id2 != id1 {
		t.Fatalf("FileID not stable: %q then %q", id1, id2)
	}
	if err := os.WriteFile(path, []byte("new content"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if fi2, _ := os.Stat(path); fi2.Size() != fi.Size() || !fi2.ModTime().Equal(fi.ModTime()) {
		t.Fatal("test set-up: size and mtime not restored")
	}
	id3, err := FileID(path)
	if err != nil {
		t.Fatal(err)
	}
	if id3 == id1 {
		t.Errorf("content replaced with size and mtime restored: FileID unchanged %q", id1)
	}

	// Replaced by another file renamed over it.
	other := path + ".new"
	os.WriteFile(other, []byte("new content"), 0o644)
	os.Chtimes(other, fi.ModTime(), fi.ModTime())
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	if id4, _ := FileID(path); id4 == id3 {
		t.Errorf("file replaced by rename: FileID unchanged %q", id3)
	}

	if _, err := FileID(filepath.Dir(path)); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("FileID of a directory: err = %v, want not a regular file", err)
	}
	if _, err := FileID(filepath.Join(t.TempDir(), "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("FileID of a missing file: err = %v, want one naming it", err)
	}
}

// TestCodeChangeMisses checks that entries of other code are not served.
func TestCodeChangeMisses(t *testing.T) {
	c := openTemp(t)
	key := NewKey("classification", 1)
	calls := 0
	get(t, c, key, 1, &calls)
	other := &Cache{dir: c.dir, code: strings.Repeat("ab", 32)}
	if v, hit := get(t, other, key, 2, &calls); hit || v != 2 {
		t.Errorf("other code: v=%d hit=%v, want a recomputed 2", v, hit)
	}
	if v, hit := get(t, c, key, 3, &calls); !hit || v != 1 {
		t.Errorf("original code: v=%d hit=%v, want its own 1", v, hit)
	}
}

// TestDamagedEntriesRecomputed damages an entry in every way and checks that
// each is recomputed and replaced, never served.
func TestDamagedEntriesRecomputed(t *testing.T) {
	c := openTemp(t)
	key := NewKey("stability", "f")
	good := []float64{0.25, 0.5, 0.75}
	calls := 0
	get(t, c, key, good, &calls)
	path := c.entryPath(key, c.fullSum(key, typeOf[[]float64]()))
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string]func([]byte) []byte{
		"empty":            func(b []byte) []byte { return nil },
		"truncated":        func(b []byte) []byte { return b[:len(b)-1] },
		"header only":      func(b []byte) []byte { return b[:headerSize] },
		"extended":         func(b []byte) []byte { return append(b, 0) },
		"magic flipped":    func(b []byte) []byte { b[0] ^= 1; return b },
		"version flipped":  func(b []byte) []byte { b[8] ^= 1; return b },
		"key flipped":      func(b []byte) []byte { b[20] ^= 1; return b },
		"length flipped":   func(b []byte) []byte { b[44] ^= 1; return b },
		"huge length":      func(b []byte) []byte { b[51] = 0xff; return b },
		"payload flipped":  func(b []byte) []byte { b[headerSize+len(b)/4] ^= 0x10; return b },
		"last byte":        func(b []byte) []byte { b[len(b)-trailerSize-1] ^= 1; return b },
		"trailer flipped":  func(b []byte) []byte { b[len(b)-1] ^= 1; return b },
		"zeros, same size": func(b []byte) []byte { return make([]byte, len(b)) },
	}
	for name, f := range damage {
		bad := f(bytes.Clone(orig))
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		fresh := []float64{9}
		v, hit := get(t, c, key, fresh, &calls)
		if hit || len(v) != 1 || v[0] != 9 {
			t.Errorf("%s: v=%v hit=%v, want the recomputed value", name, v, hit)
		}
		if v, hit := get(t, c, key, []float64{7}, &calls); !hit || len(v) != 1 || v[0] != 9 {
			t.Errorf("%s: after recomputing, v=%v hit=%v, want the stored recomputed value", name, v, hit)
		}
		os.WriteFile(path, orig, 0o600)
	}

	// An entry that is not a regular file is not read.
	os.Remove(path)
	if err := os.Symlink("/dev/zero", path); err != nil {
		t.Fatal(err)
	}
	if _, hit := get(t, c, key, good, &calls); hit {
		t.Error("symbolic link served as an entry")
	}
	if fi, err := os.Lstat(path); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("symbolic link entry not replaced by a regular file: %v", err)
	}
}

// TestEntryOfAnotherKey copies an intact entry under another key's name.
func TestEntryOfAnotherKey(t *testing.T) {
	c := openTemp(t)
	calls := 0
	k1, k2 := NewKey("s", 1), NewKey("s", 2)
	get(t, c, k1, 1, &calls)
	b, err := os.ReadFile(c.entryPath(k1, c.fullSum(k1, typeOf[int]())))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(c.entryPath(k2, c.fullSum(k2, typeOf[int]())), b, 0o600)
	if v, hit := get(t, c, k2, 2, &calls); hit || v != 2 {
		t.Errorf("entry of k1 under k2's name: v=%d hit=%v, want 2 recomputed", v, hit)
	}
}

// TestConcurrentGets runs Gets of the same keys from several caches (as
// separate processes would) at once: every result is correct and no
// temporary file is left.
func TestConcurrentGets(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			c, err := Open(dir, nil)
			if err != nil {
				t.Error(err)
				return
			}
			for i := range 20 {
				key := NewKey("step", i%4)
				want := make([]int, 1000)
				for j := range want {
					want[j] = i%4*1000 + j
				}
				v, _, err := Get(c, key, func() ([]int, error) { return want, nil })
				if err != nil || len(v) != 1000 || v[999] != want[999] {
					t.Errorf("worker %d get %d: len %d err %v", w, i, len(v), err)
				}
			}
		})
	}
	wg.Wait()
	matches, _ := filepath.Glob(filepath.Join(dir, "*", ".tmp-*"))
	if len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}

// TestDefaultUnusable checks that each unusable directory gives one
// warning line naming the path and SMP_CACHE_DIR, and a nil cache that
// still computes.
func TestDefaultUnusable(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, nil, 0o600)
	shared := filepath.Join(tmp, "shared")
	os.Mkdir(shared, 0o777)
	os.Chmod(shared, 0o777)
	foreign := filepath.Join(tmp, "foreign")
	os.Mkdir(foreign, 0o700)
	if os.Getuid() == 0 {
		if err := os.Chown(foreign, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	} else {
		foreign = "/" // owned by root, not by this user
	}
	cases := map[string]struct{ dir, reason string }{
		"a file":               {file, "not a directory"},
		"under a file":         {filepath.Join(file, "sub"), "not a directory"},
		"writable by others":   {shared, "writable by other users"},
		"another user's":       {foreign, "owned by another user"},
		"relative, under file": {filepath.Join(file, "x", "y"), "not a directory"},
	}
	for name, tc := range cases {
		t.Setenv(DirEnv, tc.dir)
		var warn bytes.Buffer
		c := Default(&warn)
		if c != nil {
			t.Errorf("%s: Default returned a cache in %s", name, c.dir)
			continue
		}
		msg := warn.String()
		if strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") ||
			!strings.Contains(msg, tc.dir) || !strings.Contains(msg, DirEnv) || !strings.Contains(msg, tc.reason) {
			t.Errorf("%s: warning %q: want one line naming %s, %s and %q", name, msg, tc.dir, DirEnv, tc.reason)
		}
		calls := 0
		if v, hit := get(t, c, NewKey("x"), 5, &calls); hit || v != 5 || calls != 1 {
			t.Errorf("%s: nil cache did not compute", name)
		}
	}
	if _, err := os.Stat(filepath.Join(shared, "0")); err == nil {
		t.Error("wrote into a directory writable by others")
	}
}

// TestDefaultDir checks the default location and its mode.
func TestDefaultDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv(DirEnv, "")
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", "")
	want := filepath.Join(home, ".cache", "smp-go")
	if isDarwin {
		want = filepath.Join(home, "Library", "Caches", "smp-go")
	}
	dir, origin, err := DefaultDir()
	if err != nil || dir != want || origin != "os.UserCacheDir" {
		t.Fatalf("DefaultDir() = %q, %q, %v; want %q from os.UserCacheDir", dir, origin, err, want)
	}
	var warn bytes.Buffer
	c := Default(&warn)
	if c == nil || c.dir != want || warn.Len() > 0 {
		t.Fatalf("Default: %+v, warning %q", c, warn.String())
	}
	if fi, err := os.Stat(want); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("cache directory mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
	t.Setenv(DirEnv, filepath.Join(home, "mine"))
	if dir, origin, _ := DefaultDir(); dir != filepath.Join(home, "mine") || origin != DirEnv {
		t.Errorf("with %s set: %q from %q", DirEnv, dir, origin)
	}
}

// unencodable has no exported fields: gob refuses it.
type unencodable struct{ x int }

func TestStoreFailureWarnsOnce(t *testing.T) {
	var warn bytes.Buffer
	c, err := Open(t.TempDir(), &warn)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		v, hit, err := Get(c, NewKey("u", i), func() (unencodable, error) { return unencodable{i}, nil })
		if err != nil || hit || v.x != i {
			t.Fatalf("Get: %v %v %v", v, hit, err)
		}
	}
	if msg := warn.String(); strings.Count(msg, "\n") != 1 || !strings.Contains(msg, c.dir) {
		t.Errorf("warnings %q: want one line naming the cache", msg)
	}
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	get(t, c, NewKey("a"), 1, &calls)
	own := c.codeDir()
	old := time.Now().Add(-2 * tempAge)
	staleTmp := filepath.Join(own, ".tmp-123")
	freshTmp := filepath.Join(own, ".tmp-456")
	os.WriteFile(staleTmp, []byte("half"), 0o600)
	os.WriteFile(freshTmp, []byte("half"), 0o600)
	os.Chtimes(staleTmp, old, old)
	oldCode := filepath.Join(dir, "0123456789abcdef")
	recentCode := filepath.Join(dir, "fedcba9876543210")
	for _, d := range []string{oldCode, recentCode} {
		os.Mkdir(d, 0o700)
		os.WriteFile(filepath.Join(d, "a-00.entry"), []byte("x"), 0o600)
	}
	veryOld := time.Now().Add(-2 * staleCodeAge)
	os.Chtimes(oldCode, veryOld, veryOld)
	userFile := filepath.Join(dir, "notes.txt")
	os.WriteFile(userFile, nil, 0o600)

	if _, err := Open(dir, nil); err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if exists(staleTmp) || !exists(freshTmp) {
		t.Errorf("stale temporary kept %v, fresh one removed %v", exists(staleTmp), !exists(freshTmp))
	}
	if exists(oldCode) || !exists(recentCode) {
		t.Errorf("old code's entries kept %v, recent code's removed %v", exists(oldCode), !exists(recentCode))
	}
	if _, hit := get(t, c, NewKey("a"), 1, &calls); !hit {
		t.Error("own entry pruned")
	}
	if !exists(userFile) {
		t.Error("a file that is not an entry was removed")
	}
}

func TestKeyFileNames(t *testing.T) {
	for step, want := range map[string]string{
		"panel maps":     "panel_maps",
		"../../etc":      "_.._.._etc",
		"":               "_",
		".hidden":        "_.hidden",
		"figure3-images": "figure3-images",
	} {
		if got := NewKey(step).fileStep(); got != want {
			t.Errorf("step %q: file step %q, want %q", step, got, want)
		}
	}
	if NewKey("s", 1) == NewKey("s", int64(1)) || NewKey("s", "a", "b") == NewKey("s", "a b") {
		t.Error("keys of different parts are equal")
	}
}

// TestConcurrentProcesses runs Gets of the same keys from three processes
// at once, in one directory.
func TestConcurrentProcesses(t *testing.T) {
	if dir := os.Getenv("CACHE_TEST_CHILD"); dir != "" {
		c, err := Open(dir, os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			want := make([]float64, 5000)
			for j := range want {
				want[j] = float64(i%5*10000 + j)
			}
			v, _, err := Get(c, NewKey("step", i%5), func() ([]float64, error) { return want, nil })
			if err != nil || len(v) != len(want) || v[4999] != want[4999] || v[0] != want[0] {
				t.Fatalf("get %d: wrong value (err %v)", i, err)
			}
		}
		return
	}
	dir := filepath.Join(t.TempDir(), "cache")
	var cmds []*exec.Cmd
	for range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentProcesses$")
		cmd.Env = append(os.Environ(), "CACHE_TEST_CHILD="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v", i, err)
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "*", ".tmp-*")); len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}
