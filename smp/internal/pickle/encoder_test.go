package pickle

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// pickleOf encodes v with the given options.
func pickleOf(v any, opt EncodeOptions) []byte {
	var buf bytes.Buffer
	if err := Encode(&buf, v, opt); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// newEncArray returns the encoding of the C-ordered typed slice data of the
// given shape, stored in Fortran order and/or big-endian as asked.
func newEncArray(data any, shape []int, fortran, bigEndian bool) *Array {
	a, err := NewArray(data, shape...)
	if err != nil {
		panic(err)
	}
	var order binary.ByteOrder = binary.LittleEndian
	if a.DType[0] != '|' {
		a.DType = "<" + a.DType[1:]
		if bigEndian {
			a.DType, order = ">"+a.DType[1:], binary.BigEndian
		}
	}
	a.Fortran = fortran
	if fortran {
		data = fortranOf(data, shape)
	}
	var buf bytes.Buffer
	if err := binary.Write(&buf, order, data); err != nil {
		panic(err)
	}
	a.Raw = buf.Bytes()
	return a
}

// fortranOf returns the C-ordered data of the given shape in Fortran order.
func fortranOf(data any, shape []int) any {
	switch d := data.(type) {
	case []float32:
		return permute(d, shape)
	case []float64:
		return permute(d, shape)
	case []int8:
		return permute(d, shape)
	case []int16:
		return permute(d, shape)
	case []int32:
		return permute(d, shape)
	case []int64:
		return permute(d, shape)
	case []uint8:
		return permute(d, shape)
	case []uint16:
		return permute(d, shape)
	case []uint32:
		return permute(d, shape)
	case []uint64:
		return permute(d, shape)
	case []bool:
		return permute(d, shape)
	}
	panic("fortranOf: unsupported type")
}

// permute returns c (C order) in Fortran order: element j of the result is
// the element whose multi-index, first index fastest, enumerates j.
func permute[T any](c []T, shape []int) []T {
	f := make([]T, len(c))
	idx := make([]int, len(shape))
	for j := range f {
		r := j
		for k := range shape {
			idx[k] = r % shape[k]
			r /= shape[k]
		}
		ci := 0
		for k := range shape {
			ci = ci*shape[k] + idx[k]
		}
		f[j] = c[ci]
	}
	return f
}

// firstDiff describes where got and want first differ.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(i-16, 0)
	return fmt.Sprintf("%d bytes, want %d; first difference at offset %d:\n got  %x\n want %x",
		len(got), len(want), i, got[lo:min(i+16, len(got))], want[lo:min(i+16, len(want))])
}

// TestEncodeFixtures re-encodes the reference pickles, written by CPython
// 3 and numpy 1.x, from their decoded arrays, and checks that the result is
// the same file byte for byte (frames, memo, opcodes and all).
func TestEncodeFixtures(t *testing.T) {
	trajKeys := []string{"hd", "pos", "world_distances", "predicted_outputs", "log_ps_given_y"}
	for _, c := range []struct {
		file  string
		proto int
		keys  []string
	}{
		{"trajectories_p2.pickle", 2, trajKeys},
		{"trajectories_p4.pickle", 4, trajKeys},
		{"trajectories_p5.pickle", 5, trajKeys},
		{"hd_stats.pickle", 4, []string{"rnn0_rv_angles", "rnn0_rv_lengths"}},
		{"visual_inputs.pickle", 4, []string{"images", "embeddings"}},
		{"parameters.pickle", 4, []string{
			"integrator/multi_integrator_nets/prediction_rnn_0/w_gates",
			"integrator/multi_integrator_nets/prediction_rnn_0/b_gates",
			"integrator/multi_integrator_nets/correction_rnn_0/w_gates",
			"integrator/multi_integrator_nets/correction_rnn_0/b_gates",
			"integrator/memory_map_0/column_context_3",
			"integrator/memory_map_0/column_context_2",
			"integrator/memory_map_0/column_context_3_written",
			"integrator/multi_integrator_nets/mmap_0_context_2_query_beta",
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join(fixtureDir, c.file)
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			v, err := loadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m := v.(map[string]any)
			if len(m) != len(c.keys) {
				t.Fatalf("fixture has %d keys, the test lists %d", len(m), len(c.keys))
			}
			var d Dict
			for _, k := range c.keys {
				d = append(d, Item{k, forEncode(t, m[k])})
			}
			got := pickleOf(d, EncodeOptions{Protocol: c.proto})
			if !bytes.Equal(got, want) {
				t.Errorf("re-encoded %s", firstDiff(got, want))
			}
		})
	}
}

// TestEncodeFixtureMisc re-encodes misc_p2.pickle (CPython 3, numpy 1.x,
// protocol 2): a Fortran-ordered float64 array, a float64 scalar, an int64
// and a bool array; see TestMiscP2.
func TestEncodeFixtureMisc(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(fixtureDir, "misc_p2.pickle"))
	if err != nil {
		t.Fatal(err)
	}
	scalar, err := NewArray([]float64{2.5})
	if err != nil {
		t.Fatal(err)
	}
	scalar.Scalar = true
	ints, _ := NewArray([]int64{0, 1, 2, 3, 4}, 5)
	flags, _ := NewArray([]bool{true, false}, 2)
	v := Dict{
		{"fortran", newEncArray([]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, []int{3, 4}, true, false)},
		{"scalar", scalar}, {"int", ints}, {"flag", flags},
	}
	if got := pickleOf(v, EncodeOptions{Protocol: 2}); !bytes.Equal(got, want) {
		t.Errorf("re-encoded %s", firstDiff(got, want))
	}
}

// forEncode converts a decoded value back to the encoder's input.
func forEncode(t *testing.T, v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = forEncode(t, e)
		}
		return out
	case *NDArray:
		a, err := NewArray(x.Data, x.Shape...)
		if err != nil {
			t.Fatal(err)
		}
		a.Scalar = len(x.Shape) == 0 // the fixtures' 0-d values are numpy scalars
		return a
	}
	t.Fatalf("unexpected %T in a fixture", v)
	return nil
}

// TestEncodeCPython compares the encoder's output with CPython 3.11's
// pickle.dumps of the same values, written by:
//
//	small = {'none': None, 't': True, 'f': False,
//	     'ints': [0, 255, 256, 65535, 65536, -1, -2**31, 2**31-1, 2**31, -2**31-1, 2**40, -2**63, 2**63-1],
//	     'pi': 3.141592653589793, 'str': 'h\u00e9llo \u2713', 'bytes': b'\x00\x01\xff', 'empty': b'',
//	     'tuples': ((), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)), 'one': [7], 'nested': {'k': (None, 2.5)},
//	     'e': {}, 'l': []}
//	big = {'big': b'\xab' * 70000, 'small': 'x', 'text': 'y' * 70000,
//	       'many': list(range(2500)), 'keys': {'k%04d' % i: i for i in range(1001)}}
//	for name, v in [('small', small), ('big', big)]:
//	    for p in (2, 3, 4, 5):
//	        b = pickle.dumps(v, protocol=p)
//	        print(name, p, len(b), hashlib.sha256(b).hexdigest())
func TestEncodeCPython(t *testing.T) {
	small := Dict{
		{"none", nil}, {"t", true}, {"f", false},
		{"ints", []any{0, 255, 256, 65535, 65536, -1, math.MinInt32, math.MaxInt32, 1 << 31, math.MinInt32 - 1, 1 << 40, int64(math.MinInt64), int64(math.MaxInt64)}},
		{"pi", math.Pi}, {"str", "héllo ✓"}, {"bytes", []byte{0, 1, 0xff}}, {"empty", []byte{}},
		{"tuples", Tuple{Tuple{}, Tuple{1}, Tuple{1, 2}, Tuple{1, 2, 3}, Tuple{1, 2, 3, 4}}},
		{"one", []any{7}}, {"nested", Dict{{"k", Tuple{nil, 2.5}}}},
		{"e", map[string]any{}}, {"l", []any{}},
	}
	many := make([]any, 2500)
	for i := range many {
		many[i] = i
	}
	keys := make(map[string]any)
	for i := range 1001 {
		keys[fmt.Sprintf("k%04d", i)] = i
	}
	big := Dict{
		{"big", bytes.Repeat([]byte{0xab}, 70000)}, {"small", "x"}, {"text", strings.Repeat("y", 70000)},
		{"many", many}, {"keys", keys},
	}
	for _, c := range []struct {
		name  string
		v     any
		proto int
		size  int
		hash  string
	}{
		{"small", small, 2, 395, "bdaab1520d26fc1c23222c8ba5e49d7643a4b1e5242819ead760539ee6e3e535"},
		{"small", small, 3, 333, "c1a2e3f3939299b3da3eaddce6562dbc03a0f9a88f733705324b7f196f316336"},
		{"small", small, 4, 268, "cfb8a7df4769409deb7dbaf0fd160df9c7dd1b0b87a5dcb012b9c0422e23c70c"},
		{"small", small, 5, 268, "bb42689d8e09ee25ab1cafb0bf34a279c6fd3868f051e03ee8c38fe343f487e7"},
		{"big", big, 2, 234421, "a5298ae48202731539929ec380cae962b64dd4fdd9dfbf5853c319bf3900251f"},
		{"big", big, 3, 164372, "4230b6e118297f4252c74012522f5cb7843b241dcb5a00079a135f6c82510a63"},
		{"big", big, 4, 158098, "143b76cf871eb0afb54b1f38d0a0de22eac5573d0203a67905f56818988e45e4"},
		{"big", big, 5, 158098, "d10bff910419db697ca634e6c0685cdd28da4687b7cefde421f7f72614cc4bd5"},
	} {
		got := pickleOf(c.v, EncodeOptions{Protocol: c.proto})
		sum := sha256.Sum256(got)
		if len(got) != c.size || hex.EncodeToString(sum[:]) != c.hash {
			t.Errorf("%s p%d: got %d bytes, sha256 %x; want %d bytes, sha256 %s", c.name, c.proto, len(got), sum, c.size, c.hash)
		}
		if _, err := Decode(got, DefaultLimits()); err != nil {
			t.Errorf("%s p%d: decoding: %v", c.name, c.proto, err)
		}
	}
}

// writeRecorder records the calls of Write: a copy of what was written and
// the address of the first byte.
type writeRecorder struct {
	calls [][]byte
	addrs []*byte
	n     int
}

func (w *writeRecorder) Write(p []byte) (int, error) {
	w.calls = append(w.calls, slices.Clone(p))
	w.addrs = append(w.addrs, unsafe.SliceData(p))
	w.n += len(p)
	return len(p), nil
}

// TestEncodeNoCopy checks that large array data is handed to Write as the
// caller's own memory, outside any frame, in every protocol that has a
// binary bytes opcode.
func TestEncodeNoCopy(t *testing.T) {
	data := make([]float32, 100000)
	for i := range data {
		data[i] = float32(i)
	}
	a, err := NewArray(data, 1000, 100)
	if err != nil {
		t.Fatal(err)
	}
	if unsafe.SliceData(a.Raw) != (*byte)(unsafe.Pointer(unsafe.SliceData(data))) || len(a.Raw) != 4*len(data) {
		t.Fatal("NewArray copied its data")
	}
	for _, proto := range []int{3, 4, 5} {
		var w writeRecorder
		if err := Encode(&w, map[string]any{"a": a, "b": []any{1, "x"}}, EncodeOptions{Protocol: proto}); err != nil {
			t.Fatal(err)
		}
		found := 0
		for i, p := range w.calls {
			if len(p) > 0 && w.addrs[i] == unsafe.SliceData(a.Raw) {
				found++
				if len(p) != len(a.Raw) {
					t.Errorf("p%d: data written in a call of %d bytes, want %d", proto, len(p), len(a.Raw))
				}
				// The header comes in the call before: BINBYTES or BYTEARRAY8 and the length.
				h := w.calls[i-1]
				if (h[0] != opBinBytes || len(h) != 5) && (h[0] != opByteArray8 || len(h) != 9) {
					t.Errorf("p%d: header %x before the data", proto, h)
				}
			}
		}
		if found != 1 {
			t.Errorf("p%d: the array's memory was written %d times, want once", proto, found)
		}
		var buf bytes.Buffer
		for _, p := range w.calls {
			buf.Write(p)
		}
		v, err := Decode(buf.Bytes(), DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		if got := v.(map[string]any)["a"].(*NDArray).Data.([]float32); !slices.Equal(got, data) {
			t.Errorf("p%d: round trip changed the data", proto)
		}
	}
}

// TestEncodeShared checks that an *Array or a dtype given twice is written
// once and fetched from the memo afterwards.
func TestEncodeShared(t *testing.T) {
	a := newEncArray([]float64{1, 2, 3}, []int{3}, false, false)
	b := newEncArray([]float64{4, 5, 6}, []int{3}, false, false)
	for _, proto := range []int{2, 3, 4, 5} {
		p := pickleOf([]any{a, a, b}, EncodeOptions{Protocol: proto})
		if n := bytes.Count(p, []byte("dtype")); n != 1 {
			t.Errorf("p%d: %d dtype globals, want 1", proto, n)
		}
		raw := a.Raw[:8]
		if n := bytes.Count(p, raw); n != 1 && proto > 2 {
			t.Errorf("p%d: a's data written %d times, want once", proto, n)
		}
		v, err := Decode(p, DefaultLimits())
		if err != nil {
			t.Fatalf("p%d: %v", proto, err)
		}
		l := v.([]any)
		if l[0] != l[1] || l[0] == l[2] {
			t.Errorf("p%d: the shared array was not shared: %s", proto, show(v))
		}
	}
}

// TestEncodeErrors checks that unsupported values and options give errors.
func TestEncodeErrors(t *testing.T) {
	deep := []any{}
	for range maxEncodeDepth + 1 {
		deep = []any{deep}
	}
	for _, c := range []struct {
		name string
		v    any
		opt  EncodeOptions
		want string
	}{
		{"protocol 1", 1, EncodeOptions{Protocol: 1}, "protocol 1"},
		{"protocol 6", 1, EncodeOptions{Protocol: 6}, "protocol 6"},
		{"py2 p4", 1, EncodeOptions{Protocol: 4, Python2: true}, "need protocol 2"},
		{"type", struct{}{}, EncodeOptions{}, "cannot encode a struct {}"},
		{"nested type", map[string]any{"a": []any{1, uint(2)}}, EncodeOptions{}, "cannot encode a uint"},
		{"utf-8", "\xff", EncodeOptions{}, "not valid UTF-8"},
		{"bytearray p4", ByteArray{1}, EncodeOptions{Protocol: 4}, "needs protocol 5"},
		{"duplicate key", Dict{{"a", 1}, {"a", 2}}, EncodeOptions{}, `key "a" given twice`},
		{"deep", deep, EncodeOptions{}, "nested deeper than 1000"},
		{"nil array", (*Array)(nil), EncodeOptions{}, "nil *Array"},
		{"dtype", &Array{DType: "<f2", Raw: []byte{0, 0}, Shape: []int{1}}, EncodeOptions{}, "not supported"},
		{"dtype order", &Array{DType: "<u1", Raw: []byte{0}, Shape: []int{1}}, EncodeOptions{}, "byte order"},
		{"dtype length", &Array{DType: "f4", Raw: []byte{0}, Shape: []int{1}}, EncodeOptions{}, "byte order and a type code"},
		{"short data", &Array{DType: "<f4", Raw: make([]byte, 7), Shape: []int{2}}, EncodeOptions{}, "needs 8 bytes, Raw has 7"},
		{"negative", &Array{DType: "<f4", Shape: []int{-1}}, EncodeOptions{}, "negative"},
		{"overflow", &Array{DType: "<f8", Shape: []int{1 << 40, 1 << 40}}, EncodeOptions{}, "overflows"},
		{"scalar shape", &Array{DType: "<f4", Raw: make([]byte, 4), Shape: []int{1}, Scalar: true}, EncodeOptions{}, "numpy scalar"},
	} {
		var buf bytes.Buffer
		err := Encode(&buf, c.v, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
	if _, err := NewArray([]int{1}, 1); err == nil || !strings.Contains(err.Error(), "NewArray of []int") {
		t.Errorf("NewArray([]int): got %v", err)
	}
	if _, err := NewArray([]float32{1, 2}, 3); err == nil || !strings.Contains(err.Error(), "needs 12 bytes") {
		t.Errorf("NewArray with a wrong shape: got %v", err)
	}

	// Write errors are returned, and stop the encoder.
	boom := errors.New("boom")
	if err := Encode(failWriter{boom}, []any{1}, EncodeOptions{}); !errors.Is(err, boom) {
		t.Errorf("write error: got %v, want %v", err, boom)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }
