package pickle

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// cat concatenates opcodes and arguments: byte, []byte and string parts.
func cat(parts ...any) []byte {
	var b []byte
	for _, p := range parts {
		switch p := p.(type) {
		case byte:
			b = append(b, p)
		case int:
			b = append(b, byte(p))
		case rune:
			b = append(b, byte(p))
		case []byte:
			b = append(b, p...)
		case string:
			b = append(b, p...)
		default:
			panic("cat: bad part")
		}
	}
	return b
}

func le64(n uint64) []byte { return binary.LittleEndian.AppendUint64(nil, n) }

// shortStr is SHORT_BINUNICODE s.
func shortStr(s string) []byte { return cat(opShortBinUnicode, len(s), s) }

// arrayPickle returns an unframed protocol-4 pickle of one _reconstruct
// array with the given shape items (already encoded), dtype code and data.
func arrayPickle(shape []byte, code string, data []byte) []byte {
	var b bytes.Buffer
	e, err := NewEncoder(&b, EncodeOptions{Protocol: 4})
	if err != nil {
		panic(err)
	}
	e.framing = false // no FRAME, so that tests can splice the output
	e.memo = make(map[memoKey]int)
	e.begin()
	e.global("numpy.core.multiarray", "_reconstruct")
	e.tuple(globalRef{"numpy", "ndarray"}, Tuple{0}, []byte("b"))
	e.op(opReduce, opMark)
	e.int(1)
	e.op(shape...)
	e.dtype(code, '<')
	e.value(false)
	e.bytes(data)
	e.op(opTuple, opBuild)
	if err := e.end(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// hostile returns inputs that must each be rejected with an error whose
// text contains the given substring.
func hostile() []struct {
	name, want string
	in         []byte
} {
	mark100k := bytes.Repeat([]byte{opMark}, 100000)
	lists100k := append(append(cat(opProto, 2), bytes.Repeat([]byte{opEmptyList}, 100000)...), bytes.Repeat([]byte{opAppend}, 99999)...)
	tuples100k := append(append(cat(opProto, 2), mark100k...), opNone)
	tuples100k = append(tuples100k, bytes.Repeat([]byte{opTuple}, 100000)...)
	shapeInts := func(dims ...int64) []byte {
		b := []byte{opMark}
		for _, d := range dims {
			b = cat(b, opLong1, 8, le64(uint64(d)))
		}
		return append(b, opTuple)
	}
	return []struct {
		name, want string
		in         []byte
	}{
		{"empty", "before the STOP", nil},
		{"os.system", "os.system", cat(opProto, 2, opGlobal, "os\nsystem\n", opBinUnicode, le32(2), "ls", opTuple1, opReduce, opStop)},
		{"posix.system", "posix.system", cat(opProto, 4, shortStr("posix"), shortStr("system"), opStackGlobal, shortStr("ls"), opTuple1, opReduce, opStop)},
		{"builtins.eval", "builtins.eval", cat(opProto, 4, shortStr("builtins"), shortStr("eval"), opStackGlobal, opStop)},
		{"__builtin__.eval", "__builtin__.eval", cat(opProto, 2, opGlobal, "__builtin__\neval\n", opStop)},
		{"dotted name", "numpy.core.multiarray._reconstruct.__globals__", cat(opProto, 4, shortStr("numpy.core.multiarray"), shortStr("_reconstruct.__globals__"), opStackGlobal, opStop)},
		{"BINBYTES8 1TB", "exceeds the 9 bytes left", cat(opProto, 4, opBinBytes8, le64(1<<40), "012345678")},
		{"BINBYTES8 2^63-1", "exceeds", cat(opProto, 4, opBinBytes8, le64(1<<63-1), "0123")},
		{"BINBYTES8 2^64-1", "exceeds", cat(opProto, 4, opBinBytes8, le64(1<<64-1), "0123")},
		{"BYTEARRAY8 1TB", "exceeds", cat(opProto, 5, opByteArray8, le64(1<<40), "0123")},
		{"BINUNICODE8 1TB", "exceeds", cat(opProto, 4, opBinUnicode8, le64(1<<40), "0123")},
		{"FRAME 1TB", "frame of 1099511627776 bytes exceeds", cat(opProto, 4, opFrame, le64(1<<40), opNone, opStop)},
		{"BINUNICODE 4GB", "exceeds the 4 bytes left", cat(opProto, 2, opBinUnicode, le32(1<<32-1), "abcd")},
		{"BINSTRING negative", "negative length", cat(opProto, 2, opBinString, le32(1<<31), "abcd")},
		{"LONG4 negative", "negative length", cat(opProto, 2, opLong4, le32(1<<32-1), "abcd")},
		{"LONG1 2**70", "does not fit in int64", cat(opProto, 2, opLong1, 9, []byte{0, 0, 0, 0, 0, 0, 0, 0, 0x40}, opStop)},
		{"LONG1 2**63", "does not fit in int64", cat(opProto, 2, opLong1, 9, []byte{0, 0, 0, 0, 0, 0, 0, 0x80, 0}, opStop)},
		{"deep lists", "deeper than the limit of 1000", append(lists100k, opStop)},
		{"deep tuples", "deeper than the limit of 1000", append(tuples100k, opStop)},
		{"5M MARKs", "open MARKs", append(cat(opProto, 2), bytes.Repeat([]byte{opMark}, 5000000)...)},
		{"5M NONEs", "stack exceeds", append(cat(opProto, 2), bytes.Repeat([]byte{opNone}, 5000000)...)},
		{"list cycle", "reference cycle", cat(opProto, 2, opEmptyList, opBinPut, 0, opBinGet, 0, opAppend, opStop)},
		{"dict cycle", "reference cycle", cat(opProto, 4, opEmptyDict, opMemoize, shortStr("k"), opBinGet, 0, opSetItem, opStop)},
		{"indirect cycle", "reference cycle", cat(opProto, 2, opEmptyList, opBinPut, 0, opBinGet, 0, opTuple1, opAppend, opStop)},
		{"opcode 0xff", "(opcode 0xff): unknown opcode", cat(opProto, 2, 0xff)},
		{"missing memo key", "memo key 7 is not defined", cat(opProto, 2, opBinGet, 7, opStop)},
		{"missing long memo key", "memo key 65536 is not defined", cat(opProto, 2, opLongBinGet, le32(1<<16), opStop)},
		{"stack underflow", "stack underflow", cat(opProto, 2, opAppend)},
		{"STOP on empty stack", "stack underflow", cat(opProto, 2, opStop)},
		{"underflow below MARK", "stack underflow", cat(opProto, 2, opEmptyList, opMark, opAppend)},
		{"TUPLE without MARK", "no MARK", cat(opProto, 2, opNone, opTuple)},
		{"append to int", "cannot append to a int", cat(opProto, 2, opBinInt1, 1, opNone, opAppend)},
		{"int dict key", "dict key of type int", cat(opProto, 2, opEmptyDict, opBinInt1, 1, opNone, opSetItem, opStop)},
		{"odd SETITEMS", "odd number", cat(opProto, 2, opEmptyDict, opMark, opNone, opSetItems, opStop)},
		{"protocol 6", "unsupported pickle protocol 6", cat(opProto, 6, opNone, opStop)},
		{"protocol 0 INT", "protocol 0 text", cat("I42\n.")},
		{"NEWOBJ", "class instances", cat(opProto, 2, opNone, opEmptyTuple, opNewObj)},
		{"sets", "sets are not supported", cat(opProto, 4, opEmptySet, opStop)},
		{"out-of-band buffer", "out-of-band buffers", cat(opProto, 5, opNextBuffer, opStop)},
		{"readonly buffer", "out-of-band buffers", cat(opProto, 5, opReadOnlyBuffer, opStop)},
		{"persistent id", "persistent IDs", cat(opProto, 2, opNone, opBinPersID, opStop)},
		{"GLOBAL line too long", "line longer", append(cat(opProto, 2, opGlobal), bytes.Repeat([]byte("a"), 2000)...)},
		{"call a non-global", "cannot call a int", cat(opProto, 2, opBinInt1, 1, opEmptyTuple, opReduce, opStop)},
		{"call ndarray", "calling numpy.ndarray directly", cat(opProto, 2, opGlobal, "numpy\nndarray\n", opEmptyTuple, opReduce, opStop)},
		{"encode utf-8", "only supported for a str and 'latin1'", cat(opProto, 2, opGlobal, "_codecs\nencode\n", opBinUnicode, le32(1), "a", opBinUnicode, le32(5), "utf-8", opTuple2, opReduce, opStop)},
		{"encode non-latin1", "cannot be encoded as latin-1", cat(opProto, 2, opGlobal, "_codecs\nencode\n", opBinUnicode, le32(3), "\u20ac", opBinUnicode, le32(6), "latin1", opTuple2, opReduce, opStop)},
		{"bytes with args", "only supported without arguments", cat(opProto, 2, opGlobal, "__builtin__\nbytes\n", opBinInt1, 3, opTuple1, opReduce, opStop)},
		{"BUILD on list", "BUILD of a list", cat(opProto, 2, opEmptyList, opEmptyTuple, opBuild, opStop)},
		{"unbuilt array", "never given its state", cat(opProto, 2, opGlobal, "numpy.core.multiarray\n_reconstruct\n", opGlobal, "numpy\nndarray\n", opBinInt1, 0, opTuple1, opShortBinBytes, 1, "b", opTuple3, opReduce, opStop)},
		{"shape lie", "needs 4000000000000 bytes, data has 4", arrayPickle(shapeInts(1000000, 1000000), "f4", []byte{1, 2, 3, 4})},
		{"shape overflow", "overflows", arrayPickle(shapeInts(1<<62, 1<<62, 4), "f4", []byte{1, 2, 3, 4})},
		{"shape overflow with zero", "overflows", arrayPickle(shapeInts(1<<62, 1<<62, 0), "f4", nil)},
		{"negative dim", "negative dimension", arrayPickle(shapeInts(-1, 4), "f4", []byte{1, 2, 3, 4})},
		{"float shape", "shape must hold ints", arrayPickle(cat(opMark, opBinFloat, le64(0), opTuple), "f4", nil)},
		{"too many dims", "dimensions", arrayPickle(append(append([]byte{opMark}, bytes.Repeat([]byte{opBinInt1, 1}, 65)...), opTuple), "f4", []byte{1, 2, 3, 4})},
		{"object dtype", "object arrays", arrayPickle(shapeInts(1), "O8", nil)},
		{"void dtype", "structured or void", arrayPickle(shapeInts(1), "V8", nil)},
		{"float16", "not supported", arrayPickle(shapeInts(1), "f2", []byte{0, 0})},
		{"unicode dtype", "not supported", arrayPickle(shapeInts(1), "U5", nil)},
	}
}

func TestHostile(t *testing.T) {
	for _, c := range hostile() {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			v, err := Decode(c.in, DefaultLimits())
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatalf("no error; decoded %s", show(v))
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
			if !strings.Contains(err.Error(), "offset ") {
				t.Errorf("error %q does not give an offset", err)
			}
			// Allocation beyond a small multiple of the input means a
			// declared length was trusted.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(200*len(c.in))+1<<20 {
				t.Errorf("allocated %d bytes for a %d-byte input", alloc, len(c.in))
			}
			t.Logf("%v in %v", err, time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestDTypeState rejects dtype states with fields or a subarray.
func TestDTypeState(t *testing.T) {
	for _, c := range []struct{ state, want string }{
		{string(cat(opNone, shortStr("x"), opTuple1, opEmptyDict)), "structured"},
		{string(cat(opBinInt1, 3, opNone, opNone)), "subarray"},
	} {
		p := cat(opProto, 4, shortStr("numpy"), shortStr("dtype"), opStackGlobal, shortStr("f4"), opNewFalse, opNewTrue, opTuple3, opReduce,
			opMark, opBinInt1, 3, shortStr("<"), c.state, opBinInt1, 12, opBinInt1, 1, opBinInt1, 0, opTuple, opBuild, opStop)
		_, err := Decode(p, DefaultLimits())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want an error containing %q", err, c.want)
		}
	}
}

// TestObjectArrayData rejects an array whose BUILD data is a list.
func TestObjectArrayData(t *testing.T) {
	a := arrayPickle(cat(opMark, opBinInt1, 1, opTuple), "f8", []byte("01234567"))
	i := bytes.Index(a, []byte("01234567"))
	// Replace SHORT_BINBYTES 8 "01234567" by EMPTY_LIST.
	p := append(append(append([]byte{}, a[:i-2]...), opEmptyList), a[i+8:]...)
	_, err := Decode(p, DefaultLimits())
	if err == nil || !strings.Contains(err.Error(), "object arrays") {
		t.Errorf("got %v, want an error about object arrays", err)
	}
}

// sharedLists returns a pickle of levels lists (or tuples) that each hold
// the previous one twice: 2^levels paths, levels+1 distinct containers.
func sharedLists(levels uint32, tuples bool) []byte {
	p := cat(opProto, 2, opEmptyList, opLongBinPut, le32(0), opPop)
	for i := uint32(1); i <= levels; i++ {
		if tuples {
			p = cat(p, opLongBinGet, le32(i-1), opDup, opTuple2, opLongBinPut, le32(i), opPop)
		} else {
			p = cat(p, opEmptyList, opLongBinPut, le32(i), opMark, opLongBinGet, le32(i-1), opDup, opAppends, opPop)
		}
	}
	return cat(p, opLongBinGet, le32(levels), opStop)
}

// TestSharedReferences decodes shared lists and tuples: 12 levels (8191
// values once expanded) decode, sharing kept; 60 levels (the 452-byte
// pickle of x = [x, x] repeated 60 times) and 200 levels are rejected,
// since whoever walks the result would walk 2^60 paths.
func TestSharedReferences(t *testing.T) {
	for _, tuples := range []bool{false, true} {
		v, err := Decode(sharedLists(12, tuples), DefaultLimits())
		if err != nil {
			t.Fatalf("tuples=%v: %v", tuples, err)
		}
		depth := 0
		for x := v; ; {
			l, ok := x.([]any)
			if !ok {
				t.Fatalf("tuples=%v: level %d is %T", tuples, depth, x)
			}
			depth++
			if len(l) == 0 {
				break
			}
			if len(l) != 2 || &l[0] == &l[1] {
				t.Fatalf("tuples=%v: level %d has %d items", tuples, depth, len(l))
			}
			if reflect.ValueOf(l[0]).Pointer() != reflect.ValueOf(l[1]).Pointer() {
				t.Fatalf("tuples=%v: level %d: sharing lost", tuples, depth)
			}
			x = l[0]
		}
		if depth != 13 {
			t.Errorf("tuples=%v: depth %d, want 13", tuples, depth)
		}
		for _, levels := range []uint32{60, 200} {
			_, err := Decode(sharedLists(levels, tuples), DefaultLimits())
			if err == nil || !strings.Contains(err.Error(), "shared references") {
				t.Errorf("tuples=%v, %d levels: got %v, want an error about shared references", tuples, levels, err)
			}
		}
	}
}

func TestLimits(t *testing.T) {
	lim := Limits{MaxMemo: 4, MaxStack: 8, MaxDepth: 3}
	for _, c := range []struct {
		name, want string
		in         []byte
	}{
		{"memo", "memo exceeds the limit of 4", cat(opProto, 4, bytes.Repeat([]byte{opNone, opMemoize}, 5), opStop)},
		{"stack", "stack exceeds the limit of 8", cat(opProto, 2, bytes.Repeat([]byte{opNone}, 9), opStop)},
		{"marks", "more than 8 open MARKs", cat(opProto, 2, bytes.Repeat([]byte{opMark}, 9), opStop)},
		{"depth", "deeper than the limit of 3", cat(opProto, 2, opEmptyList, opEmptyList, opEmptyList, opEmptyList, opAppend, opAppend, opAppend, opStop)},
		{"shared depth", "deeper than the limit of 3",
			// x = [[]]; [x, [x]] is 4 deep through its second item only.
			cat(opProto, 2, opEmptyList, opEmptyList, opAppend, opBinPut, 0, opMark, opBinGet, 0, opBinGet, 0, opTuple1, opList, opStop)},
	} {
		_, err := Decode(c.in, lim)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
	ok := cat(opProto, 2, opEmptyList, opEmptyList, opEmptyList, opAppend, opAppend, opStop)
	if _, err := Decode(ok, lim); err != nil {
		t.Errorf("depth 3: %v", err)
	}
	if got := (Limits{}).orDefault(); got != DefaultLimits() {
		t.Errorf("zero Limits: got %+v, want the defaults", got)
	}
}

// TestTruncated cuts every fixture pickle at every offset: the cut input
// must be an error. -short checks every 97th offset.
func TestTruncated(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "*.pickle"))
	if len(paths) == 0 {
		t.Fatal("no fixture pickles")
	}
	step := 1
	if testing.Short() {
		step = 97
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for cut := 0; cut < len(data); cut += step {
			if _, err := Decode(data[:cut], DefaultLimits()); err == nil {
				t.Fatalf("%s cut at %d: no error", filepath.Base(path), cut)
			}
		}
	}
}

// FuzzDecode checks that no input makes Decode panic, and that every
// decoded array is consistent.
func FuzzDecode(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "*.pickle"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	small := newEncArray([]float64{1, 2, 3, 4, 5, 6}, []int{2, 3}, true, true)
	for _, st := range []EncodeOptions{{Protocol: 2}, {Protocol: 2, Python2: true}, {Protocol: 3}, {Protocol: 4, Numpy2: true}, {Protocol: 5}} {
		f.Add(pickleOf(map[string]any{"a": small, "b": []any{1, "x", Tuple{2.5, nil}}}, st))
	}
	for _, c := range hostile() {
		if len(c.in) < 4096 {
			f.Add(c.in)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Decode(data, DefaultLimits())
		if err != nil {
			if v != nil {
				t.Fatalf("value %v with error %v", v, err)
			}
			if !strings.Contains(err.Error(), "offset ") {
				t.Fatalf("error without offset: %v", err)
			}
			return
		}
		if err := check(v, 0); err != "" {
			t.Fatal(err)
		}
	})
}

// check verifies that v holds only the documented types and that every
// array's data length matches its shape.
func check(v any, depth int) string {
	if depth > 1000 {
		return "too deep"
	}
	switch v := v.(type) {
	case nil, bool, int64, float64, string, []byte:
	case map[string]any:
		for _, x := range v {
			if s := check(x, depth+1); s != "" {
				return s
			}
		}
	case []any:
		for _, x := range v {
			if s := check(x, depth+1); s != "" {
				return s
			}
		}
	case *NDArray:
		n := 1
		for _, k := range v.Shape {
			if k < 0 {
				return "negative dimension"
			}
			n *= k
		}
		var got int
		switch d := v.Data.(type) {
		case []float32:
			got = len(d)
		case []float64:
			got = len(d)
		case []int8:
			got = len(d)
		case []int16:
			got = len(d)
		case []int32:
			got = len(d)
		case []int64:
			got = len(d)
		case []uint8:
			got = len(d)
		case []uint16:
			got = len(d)
		case []uint32:
			got = len(d)
		case []uint64:
			got = len(d)
		case []bool:
			for _, b := range d {
				if b != true && b != false {
					return "invalid bool"
				}
			}
			got = len(d)
		default:
			return "unexpected array data type"
		}
		if got != n {
			return "array data length does not match its shape"
		}
	default:
		return "unexpected decoded type"
	}
	return ""
}
