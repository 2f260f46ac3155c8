package cache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A Key names one cached result: a readable step name, which becomes part
// of the entry's file name, and a SHA-256 hash of the step and the values
// the result was computed from. The zero Key is invalid.
type Key struct {
	step string
	sum  [sha256.Size]byte
}

// NewKey returns the key of the result of step computed from parts. Each
// part is formatted with %#v, so parts must be plain values that print all
// they hold: strings, numbers, booleans, and structs, slices, arrays and maps
// of them (not pointers, channels or functions, which print addresses).
// Input files enter as their FileID. Characters of step other than letters,
// digits, '-', '_' and '.' are replaced by '_' in the file name.
func NewKey(step string, parts ...any) Key {
	h := sha256.New()
	fmt.Fprintf(h, "step %q\n", step)
	for _, p := range parts {
		fmt.Fprintf(h, "part %T %#v\n", p, p)
	}
	k := Key{step: step}
	h.Sum(k.sum[:0])
	return k
}

// fileStep is the step name made safe for a file name (at most 64 bytes).
func (k Key) fileStep() string {
	s := strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, k.step)
	if len(s) > 64 {
		s = s[:64]
	}
	if s == "" || s[0] == '.' {
		s = "_" + s
	}
	return s
}

// FileID returns the identity of a file's current content, for keys: its
// absolute path with the device, inode number, size, modification time and
// status-change time (ctime) of the file it names (following symbolic
// links). Replacing the content changes the ctime even when the size and
// modification time are restored afterwards (touch -r), and replacing the
// file by another (rename, copy) changes the inode or the ctime; the ctime
// cannot be set by ordinary means. No content is read, so FileID costs one
// stat whatever the file's size. On systems without inode and ctime
// (Windows), FileID instead hashes the content with SHA-256.
func FileID(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("cache: identifying %s: %w", path, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("cache: identifying %s: %w", abs, err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("cache: identifying %s: not a regular file", abs)
	}
	id, err := fileStatID(abs, fi)
	if err != nil {
		return "", fmt.Errorf("cache: identifying %s: %w", abs, err)
	}
	return abs + "|" + id, nil
}
