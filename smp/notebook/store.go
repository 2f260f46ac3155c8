package notebook

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/smp-go/smp-go/smp/data"
)

// TODO(nb): replace this temporary store by smp/cache when it lands
// (content- and code-keyed, checksummed, in os.UserCacheDir).

// cacheVersion is part of every key of the temporary store.
const cacheVersion = "notebook-1"

// cacheDir returns $SMP_CACHE_DIR, or smp-go-cache in the temporary
// directory.
func cacheDir() string {
	if d := os.Getenv("SMP_CACHE_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "smp-go-cache")
}

// cacheGet returns the value of the key (step, dataID, params) from the
// cache, or computes and stores it; hit reports whether it came from the
// cache.
func cacheGet[T any](step, dataID, params string, compute func() (T, error)) (v T, hit bool, err error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", cacheVersion, step, dataID, params)
	path := filepath.Join(cacheDir(), hex.EncodeToString(h.Sum(nil))[:24]+".gob")
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
	if err := os.MkdirAll(cacheDir(), 0o755); err == nil {
		_ = data.WriteAtomic(path, func(w io.Writer) error { return gob.NewEncoder(w).Encode(v) })
	}
	return v, false, nil
}

// fileID identifies a file's content for cache keys: its absolute path,
// size and modification time.
func fileID(path string) (string, error) {
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
