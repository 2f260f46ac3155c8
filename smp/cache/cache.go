// Package cache keeps computed results on disk between processes, so that a
// notebook cell or a command run again reads in milliseconds what took
// minutes to compute, and is never served a result that is stale or damaged.
//
// A result is stored under a Key: a readable step name and the values it was
// computed from (NewKey), input files entering through FileID. The cache
// adds to every key the identity of the analysis code (CodeID: changing any
// smp source, dependency or the toolchain changes every key, with no version
// to bump by hand, and GoNB cells and the commands under scripts/ share
// their entries) and the Go type of the result, so a key never decodes into
// another type.
//
// Every entry is one file: a header (magic, format version, the SHA-256 of
// its full key, the payload's length), the gob-encoded payload and a SHA-256
// trailer over all of it. An entry that is truncated, damaged, of another
// key or undecodable is recomputed and replaced, never served. Entries are
// written to a temporary file and renamed into place, so concurrent
// processes see either the old entry or the new one.
//
// The cache lives in DefaultDir, created with mode 0700. A directory that
// belongs to another user, that others may write to, or that is not a
// directory cannot be trusted: Default then writes one warning line and
// returns a nil *Cache, with which every Get simply computes.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"
)

// DirEnv names the environment variable that chooses the cache directory.
const DirEnv = "SMP_CACHE_DIR"

// A Cache keeps computed results in a directory, one entry file per key
// (see the package comment for the format and the guarantees). A nil *Cache
// is valid and caches nothing. A Cache is safe for concurrent use, also by
// several processes sharing the directory.
type Cache struct {
	dir  string // the cache directory (absolute)
	code string // CodeID of this program
	warn io.Writer

	mu     sync.Mutex
	warned bool // a warning has been written to warn
}

// Entries computed by other code that has not opened the cache for this
// long are removed when a cache is opened; so are temporary files of
// writers that died more than tempAge ago.
const (
	staleCodeAge = 30 * 24 * time.Hour
	tempAge      = time.Hour
)

// DefaultDir returns the default cache directory: $SMP_CACHE_DIR when set,
// otherwise smp-go in os.UserCacheDir (~/.cache/smp-go on Linux,
// ~/Library/Caches/smp-go on macOS, %LocalAppData%\smp-go on Windows).
// origin says what chose it, for messages: "SMP_CACHE_DIR" or
// "os.UserCacheDir".
func DefaultDir() (dir, origin string, err error) {
	if d := os.Getenv(DirEnv); d != "" {
		return d, DirEnv, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", "os.UserCacheDir", fmt.Errorf("no user cache directory (%v)", err)
	}
	return filepath.Join(base, "smp-go"), "os.UserCacheDir", nil
}

// Default opens the cache in DefaultDir. When that directory cannot be used
// (see Open), Default writes one line to warn, naming the directory, the
// reason and the variable to set, and returns nil: the run goes on without a
// cache. warn also receives at most one line if writing entries fails later;
// it may be nil.
func Default(warn io.Writer) *Cache {
	dir, origin, err := DefaultDir()
	if err == nil {
		var c *Cache
		if c, err = Open(dir, warn); err == nil {
			return c
		}
		if origin == DirEnv {
			err = fmt.Errorf("%w (chosen by %s)", err, DirEnv)
		}
	}
	if warn != nil {
		fmt.Fprintf(warn, "smp-go: running without the result cache: %v; set %s to a directory of your own\n", err, DirEnv)
	}
	return nil
}

// Open opens the cache in dir, creating it (mode 0700) if needed. It fails,
// with an error naming dir, if dir is not a directory, belongs to another
// user, is writable by other users (their entries could not be trusted) or
// cannot be written. Open also removes temporary files left by writers that
// died, and the entries of code that has not used the cache for 30 days.
// warn receives at most one line if writing entries fails later; it may be
// nil.
func Open(dir string, warn io.Writer) (*Cache, error) {
	if dir == "" {
		return nil, errors.New("cache: no directory given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil { // fails if abs is not a directory
		return nil, fmt.Errorf("cache %s: %w", abs, unwrapPath(err))
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", abs, unwrapPath(err))
	}
	if err := checkOwner(fi); err != nil {
		return nil, fmt.Errorf("cache %s: %w", abs, err)
	}
	code, err := CodeID()
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", abs, err)
	}
	c := &Cache{dir: abs, code: code, warn: warn}
	codeDir := c.codeDir()
	if err := os.Mkdir(codeDir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("cache %s: %w", abs, unwrapPath(err))
	}
	probe, err := os.CreateTemp(codeDir, ".tmp-probe-*")
	if err != nil {
		return nil, fmt.Errorf("cache %s: not writable: %w", abs, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	now := time.Now()
	os.Chtimes(codeDir, now, now) // marks this code as in use, for pruning
	c.prune(now)
	return c, nil
}

// unwrapPath drops the path from a *fs.PathError, which the caller's
// message already names: "mkdir: not a directory".
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// codeDir is the directory of the entries computed by this program's code.
func (c *Cache) codeDir() string { return filepath.Join(c.dir, c.code[:16]) }

// codeDirName matches the names of code directories: 16 lowercase
// hexadecimal digits.
var codeDirName = regexp.MustCompile(`^[0-9a-f]{16}$`)

// prune removes temporary files older than tempAge from this code's
// directory, and the code directories (with their entries and temporary
// files) of other code not opened within staleCodeAge. Other files are left
// alone, and failures ignored: pruning only saves space.
func (c *Cache) prune(now time.Time) {
	dirs, _ := os.ReadDir(c.dir)
	for _, d := range dirs {
		info, err := d.Info()
		own := d.Name() == c.code[:16]
		stale := err == nil && !own && now.Sub(info.ModTime()) > staleCodeAge
		if !d.IsDir() || !codeDirName.MatchString(d.Name()) || !own && !stale {
			continue
		}
		dir := filepath.Join(c.dir, d.Name())
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			fi, err := f.Info()
			temp := strings.HasPrefix(f.Name(), ".tmp-")
			if err != nil || !fi.Mode().IsRegular() || !temp && !strings.HasSuffix(f.Name(), ".entry") {
				continue
			}
			if stale || temp && now.Sub(fi.ModTime()) > tempAge {
				os.Remove(filepath.Join(dir, f.Name()))
			}
		}
		if stale {
			os.Remove(dir)
		}
	}
}

// Get returns the result stored under key in c, or computes it with
// compute and stores it. hit reports whether the result came from the
// cache, so that callers can say so. The entry's full key is key together
// with the code identity and the type T; an entry that is missing, damaged
// or of another key is recomputed and replaced. A result that cannot be
// stored (a type gob cannot encode, a full disk) is still returned, and c's
// warning writer gets one line about it. An error of compute is returned as
// is, and nothing is stored. With a nil c, Get always computes.
//
// Results go through encoding/gob: T's exported fields are stored, empty
// slices and maps come back as nil, and a struct field equal to zero
// (including -0.0) comes back as +0.
func Get[T any](c *Cache, key Key, compute func() (T, error)) (v T, hit bool, err error) {
	if c == nil {
		v, err = compute()
		return v, false, err
	}
	sum := c.fullSum(key, reflect.TypeFor[T]())
	path := c.entryPath(key, sum)
	if payload, err := c.read(path, sum); err == nil {
		if derr := gob.NewDecoder(bytes.NewReader(payload)).Decode(&v); derr == nil {
			return v, true, nil
		}
		var zero T
		v = zero
	}
	if v, err = compute(); err != nil {
		return v, false, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&v); err != nil {
		c.warnf("cannot store %q: %v", key.step, err)
		return v, false, nil
	}
	if err := c.write(path, sum, buf.Bytes()); err != nil {
		c.warnf("cannot store %q: %v", key.step, err)
	}
	return v, false, nil
}

// fullSum is the SHA-256 of the entry of key holding a value of type t.
func (c *Cache) fullSum(key Key, t reflect.Type) [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "code %s\ntype %s %s\nkey %x\n", c.code, t.PkgPath(), t.String(), key.sum)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// entryPath is the file of the entry with full key sum.
func (c *Cache) entryPath(key Key, sum [sha256.Size]byte) string {
	return filepath.Join(c.codeDir(), key.fileStep()+"-"+hex.EncodeToString(sum[:16])+".entry")
}

// read returns the payload of the entry at path if it is a regular file
// holding an intact entry of sum.
func (c *Cache) read(path string, sum [sha256.Size]byte) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return readEntry(b, sum)
}

// write stores the entry atomically: a temporary file in the same directory,
// renamed over path once complete.
func (c *Cache) write(path string, sum [sha256.Size]byte, payload []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil { // removed meanwhile
		return unwrapPath(err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return unwrapPath(err)
	}
	entry := appendEntry(make([]byte, 0, headerSize+len(payload)+trailerSize), sum, payload)
	_, err = tmp.Write(entry)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return unwrapPath(err)
	}
	return nil
}

// warnf writes one warning line to c.warn, the first time only.
func (c *Cache) warnf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.warn == nil || c.warned {
		return
	}
	c.warned = true
	fmt.Fprintf(c.warn, "smp-go: cache %s: %s (results are still computed)\n", c.dir, fmt.Sprintf(format, args...))
}

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

// unsafeInName matches a character that fileStep replaces by '_'.
var unsafeInName = regexp.MustCompile(`[^a-zA-Z0-9._-]`)

// fileStep is the step name made safe for a file name (at most 64 bytes).
func (k Key) fileStep() string {
	s := unsafeInName.ReplaceAllString(k.step, "_")
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

// The layout of an entry file (integers little-endian):
//
//	offset  size  field
//	0       8     magic "smpcache"
//	8       4     format version (entryVersion)
//	12      32    SHA-256 of the entry's full key (code, type, step, parts)
//	44      8     payload length n
//	52      n     payload (gob)
//	52+n    32    SHA-256 of bytes [0, 52+n)
const (
	entryMagic   = "smpcache"
	entryVersion = 1
	headerSize   = 8 + 4 + sha256.Size + 8
	trailerSize  = sha256.Size
)

// appendEntry appends to dst the entry of payload stored under the full key
// sum.
func appendEntry(dst []byte, sum [sha256.Size]byte, payload []byte) []byte {
	start := len(dst)
	dst = append(dst, entryMagic...)
	dst = binary.LittleEndian.AppendUint32(dst, entryVersion)
	dst = append(dst, sum[:]...)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(len(payload)))
	dst = append(dst, payload...)
	check := sha256.Sum256(dst[start:])
	return append(dst, check[:]...)
}

// readEntry returns the payload of the entry b if b is a complete, intact
// entry of the full key sum. The payload aliases b. The declared length is
// trusted only when it matches the bytes actually present.
func readEntry(b []byte, sum [sha256.Size]byte) ([]byte, error) {
	if len(b) < headerSize+trailerSize {
		return nil, fmt.Errorf("entry of %d bytes is shorter than the %d of an empty one", len(b), headerSize+trailerSize)
	}
	if string(b[:8]) != entryMagic {
		return nil, errors.New("not a cache entry (bad magic)")
	}
	if v := binary.LittleEndian.Uint32(b[8:12]); v != entryVersion {
		return nil, fmt.Errorf("entry format %d, want %d", v, entryVersion)
	}
	n := binary.LittleEndian.Uint64(b[44:52])
	if have := uint64(len(b) - headerSize - trailerSize); n != have {
		return nil, fmt.Errorf("entry declares a %d-byte payload but holds %d bytes", n, have)
	}
	body := b[:len(b)-trailerSize]
	check := sha256.Sum256(body)
	if !bytes.Equal(check[:], b[len(body):]) {
		return nil, errors.New("entry checksum mismatch (damaged)")
	}
	if !bytes.Equal(b[12:44], sum[:]) {
		return nil, errors.New("entry of another key")
	}
	return body[headerSize:], nil
}
