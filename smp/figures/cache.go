package figures

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/smp-go/smp-go/smp/data"
)

// CacheVersion is part of every cache key: bump it when a cached result's
// type or the computation behind it changes, so old entries are not read.
const CacheVersion = "figures-1"

// CacheDirEnv names the environment variable that overrides
// DefaultCacheDir.
const CacheDirEnv = "SMP_CACHE_DIR"

// DefaultCacheDir returns the directory of the default cache: $SMP_CACHE_DIR
// when set, else smp-go-cache in the system's temporary directory (so it is
// cleared on reboot).
func DefaultCacheDir() string {
	if d := os.Getenv(CacheDirEnv); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "smp-go-cache")
}

// A Cache keeps computed results between processes as gob files in Dir,
// one file per key. A nil *Cache caches nothing. Entries that cannot be read
// (truncated, or of another type) are recomputed and overwritten; entries
// are written atomically, so concurrent readers never see half a file.
type Cache struct {
	Dir string
}

// NewCache returns a cache in dir, creating the directory if needed.
func NewCache(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return &Cache{Dir: dir}, nil
}

// Clear removes every entry (every .gob file) of the cache.
func (c *Cache) Clear() error {
	if c == nil {
		return nil
	}
	ents, err := os.ReadDir(c.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".gob") {
			if err := os.Remove(filepath.Join(c.Dir, e.Name())); err != nil {
				return fmt.Errorf("cache: %w", err)
			}
		}
	}
	return nil
}

// Key returns the cache key of a step: the step's name followed by a hash of
// CacheVersion and the parts (formatted with %#v), e.g.
// "classification-3f9a...". The name must be a valid file name.
func Key(step string, parts ...any) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s", CacheVersion, step)
	for _, p := range parts {
		fmt.Fprintf(h, "\x00%#v", p)
	}
	return step + "-" + hex.EncodeToString(h.Sum(nil))[:20]
}

// FileKey identifies a data file's version for cache keys: its absolute
// path, size and modification time (nanoseconds).
func FileKey(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s|%d|%d", abs, fi.Size(), fi.ModTime().UnixNano()), nil
}

// Cached returns the value stored under key in c, or computes it with
// compute, stores it (a failure to store is ignored: the value is still
// returned) and returns it. hit reports whether the value came from the
// cache. With a nil c it always computes.
func Cached[T any](c *Cache, key string, compute func() (T, error)) (v T, hit bool, err error) {
	if c == nil {
		v, err = compute()
		return v, false, err
	}
	path := filepath.Join(c.Dir, key+".gob")
	if f, err := os.Open(path); err == nil {
		derr := gob.NewDecoder(f).Decode(&v)
		f.Close()
		if derr == nil {
			return v, true, nil
		}
		var zero T
		v = zero
	}
	if v, err = compute(); err != nil {
		return v, false, err
	}
	if err := os.MkdirAll(c.Dir, 0o755); err == nil {
		_ = data.WriteAtomic(path, func(w io.Writer) error { return gob.NewEncoder(w).Encode(v) })
	}
	return v, false, nil
}
