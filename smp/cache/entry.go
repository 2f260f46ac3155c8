package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

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
