// Package cache keeps computed results on disk between processes, so that a
// notebook cell or a command run again reads in milliseconds what took
// minutes to compute, and is never served a result that is stale or damaged.
//
// A result is stored under a Key made of a readable step name and the values
// it was computed from (NewKey); input files enter a key through FileID. The
// cache adds two things to every key by itself:
//
//   - the identity of the analysis code (CodeID): a SHA-256 hash of the Go and
//     assembly sources of the whole smp tree compiled into the program (see
//     smp.Sources), of the versions of the modules those sources import, and
//     of the Go toolchain and target. Changing any analysis code changes every
//     key; there is no version constant to bump by hand. The identity does not
//     depend on the program's main package, so the cells of a GoNB notebook
//     and the commands under scripts/ share their entries;
//   - the Go type of the result, so a key never decodes into another type.
//
// Every entry is a file holding a header (magic, format version, the SHA-256
// of its full key, the payload's length), the gob-encoded payload and a
// SHA-256 trailer over all of it. An entry that is truncated, damaged, of
// another key or undecodable is recomputed and replaced, never served.
// Entries are written to a temporary file and renamed into place, so
// concurrent processes see either the old entry or the new one.
//
// The cache lives in DefaultDir: $SMP_CACHE_DIR when set, otherwise smp-go in
// the user's cache directory (os.UserCacheDir, e.g. ~/.cache/smp-go). It is
// created with mode 0700. A directory that belongs to another user, that
// others may write to, or that is not a directory at all cannot be trusted or
// used: Default then writes one warning line and returns a nil *Cache, with
// which every Get simply computes.
package cache
