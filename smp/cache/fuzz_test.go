package cache

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

// FuzzReadEntry feeds arbitrary bytes to the entry reader: it must never
// panic, and whatever it accepts must be exactly the entry of the payload it
// returns, for the key it was asked for.
func FuzzReadEntry(f *testing.F) {
	sum := sha256.Sum256([]byte("key"))
	for _, p := range [][]byte{nil, {0}, []byte("a gob payload"), bytes.Repeat([]byte{0xff}, 300)} {
		e := appendEntry(nil, sum, p)
		f.Add(e)
		f.Add(e[:len(e)-1])
		f.Add(e[:headerSize])
	}
	f.Add([]byte(entryMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		payload, err := readEntry(b, sum)
		if err != nil {
			return
		}
		if again := appendEntry(nil, sum, payload); !bytes.Equal(again, b) {
			t.Fatalf("accepted %x, which is not the entry of its payload %x", b, payload)
		}
	})
}
