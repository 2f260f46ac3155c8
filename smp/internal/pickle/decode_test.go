package pickle

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"codeberg.org/sbinet/npyio/npz"
)

const fixtureDir = "../../../testdata/reference/pickles"

// fixtures lists the reference pickles and the .npz holding their arrays.
var fixtures = []struct{ pickle, npz string }{
	{"hd_stats.pickle", "hd_stats_expected.npz"},
	{"parameters.pickle", "parameters_expected.npz"},
	{"trajectories_p2.pickle", "trajectories_expected.npz"},
	{"trajectories_p4.pickle", "trajectories_expected.npz"},
	{"trajectories_p5.pickle", "trajectories_expected.npz"},
	{"visual_inputs.pickle", "visual_inputs_expected.npz"},
}

func TestFixtures(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.pickle, func(t *testing.T) {
			v, err := loadFile(filepath.Join(fixtureDir, f.pickle))
			if err != nil {
				t.Fatal(err)
			}
			got := make(map[string]*NDArray)
			if err := flatten("", v, got); err != nil {
				t.Fatal(err)
			}
			want := readNPZ(t, filepath.Join(fixtureDir, f.npz))
			if len(got) != len(want) {
				t.Errorf("decoded %d arrays %v, want %d %v", len(got), keys(got), len(want), keys(want))
			}
			for name, w := range want {
				g, ok := got[name]
				if !ok {
					t.Errorf("%s: missing", name)
					continue
				}
				if err := sameArray(g, w); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		})
	}
}

// TestMiscP2 checks misc_p2.pickle (protocol 2, no expected .npz) against
// its content as listed by pickletools: a Fortran-ordered 3x4 float64
// array holding 0..11 in C order, the float64 scalar 2.5, int64 0..4 and
// the bool array [True, False].
func TestMiscP2(t *testing.T) {
	v, err := loadFile(filepath.Join(fixtureDir, "misc_p2.pickle"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"fortran": &NDArray{Shape: []int{3, 4}, Data: []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
		"scalar":  &NDArray{Shape: []int{}, Data: []float64{2.5}},
		"int":     &NDArray{Shape: []int{5}, Data: []int64{0, 1, 2, 3, 4}},
		"flag":    &NDArray{Shape: []int{2}, Data: []bool{true, false}},
	}
	walkArrays(v, func(a *NDArray) { a.Copied = "" })
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %s\nwant %s", show(v), show(want))
	}
}

// TestRoundTrip decodes pickles written by the test encoder in every
// protocol, numpy 1.x and 2.x names, C and Fortran order, little- and
// big-endian, for every supported dtype and several shapes.
func TestRoundTrip(t *testing.T) {
	shapes := [][]int{{}, {0}, {5}, {3, 4}, {2, 3, 4}, {2, 0, 3}, {1, 1, 2, 3, 1}}
	styles := []EncodeOptions{
		{Protocol: 2}, {Protocol: 2, Python2: true}, {Protocol: 3}, {Protocol: 4}, {Protocol: 5},
		{Protocol: 5, Reconstruct: true}, {Protocol: 4, Numpy2: true}, {Protocol: 5, Numpy2: true},
	}
	for _, st := range styles {
		for _, shape := range shapes {
			n := 1
			for _, k := range shape {
				n *= k
			}
			for _, data := range sampleData(n) {
				for _, fortran := range []bool{false, true} {
					for _, big := range []bool{false, true} {
						a := newEncArray(data, shape, fortran, big)
						a.Scalar = len(shape) == 0 && !fortran
						// y holds copies; z is a itself, fetched from the memo.
						a1, a2 := *a, *a
						in := map[string]any{"x": a, "y": []any{&a1, Tuple{1, &a2}}, "z": a}
						name := fmt.Sprintf("p%d py2=%v np2=%v rec=%v %s %v F=%v", st.Protocol, st.Python2, st.Numpy2, st.Reconstruct, a.DType, shape, fortran)
						p := pickleOf(in, st)
						v, err := Decode(p, DefaultLimits())
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						want := &NDArray{Shape: slices.Clone(shape), Data: data}
						m := v.(map[string]any)
						walkArrays(v, func(a *NDArray) { a.Copied = "" })
						for _, g := range []any{m["x"], m["y"].([]any)[0], m["y"].([]any)[1].([]any)[1], m["z"]} {
							if !reflect.DeepEqual(g, want) {
								t.Fatalf("%s: got %s, want %s", name, show(g), show(want))
							}
						}
					}
				}
			}
		}
	}
}

// sampleData returns n deterministic values of every supported type.
func sampleData(n int) []any {
	f32 := make([]float32, n)
	f64 := make([]float64, n)
	i8, i16, i32, i64 := make([]int8, n), make([]int16, n), make([]int32, n), make([]int64, n)
	u8, u16, u32, u64 := make([]uint8, n), make([]uint16, n), make([]uint32, n), make([]uint64, n)
	b := make([]bool, n)
	x := uint64(12345)
	for i := range n {
		x = x*6364136223846793005 + 1442695040888963407
		f32[i] = float32(int64(x>>40)) / 1024
		f64[i] = float64(int64(x)) / 3
		i8[i], i16[i], i32[i], i64[i] = int8(x>>56), int16(x>>48), int32(x>>32), int64(x)
		u8[i], u16[i], u32[i], u64[i] = uint8(x>>56), uint16(x>>48), uint32(x>>32), x
		b[i] = x>>63 == 1
	}
	return []any{f32, f64, i8, i16, i32, i64, u8, u16, u32, u64, b}
}

func TestValues(t *testing.T) {
	in := map[string]any{
		"none": nil, "t": true, "f": false, "small": 7, "neg": -70000, "big": int64(math.MinInt64),
		"pi": math.Pi, "str": "héllo ✓", "bytes": []byte{0, 1, 0xff}, "empty": []byte{},
		"list": []any{1, "a", []any{}}, "tuple": Tuple{}, "nested": map[string]any{"k": Tuple{nil, 2.5}},
	}
	want := map[string]any{
		"none": nil, "t": true, "f": false, "small": int64(7), "neg": int64(-70000), "big": int64(math.MinInt64),
		"pi": math.Pi, "str": "héllo ✓", "bytes": []byte{0, 1, 0xff}, "empty": []byte{},
		"list": []any{int64(1), "a", []any{}}, "tuple": []any{}, "nested": map[string]any{"k": []any{nil, 2.5}},
	}
	for _, st := range []EncodeOptions{{Protocol: 2}, {Protocol: 3}, {Protocol: 4}, {Protocol: 5}} {
		p := pickleOf(in, st)
		v, err := Decode(p, DefaultLimits())
		if err != nil {
			t.Fatalf("p%d: %v", st.Protocol, err)
		}
		if !reflect.DeepEqual(v, want) {
			t.Errorf("p%d: got %s\nwant %s", st.Protocol, show(v), show(want))
		}
	}
	// Python 2 str is decoded as latin-1.
	p := pickleOf(map[string]any{"k\xe9": "v\xff"}, EncodeOptions{Protocol: 2, Python2: true})
	v, err := Decode(p, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if w := map[string]any{"ké": "vÿ"}; !reflect.DeepEqual(v, w) {
		t.Errorf("py2 str: got %v, want %v", v, w)
	}
}

// TestLong checks LONG1/LONG4 decoding against values computed by hand.
func TestLong(t *testing.T) {
	for _, c := range []struct {
		arg  []byte
		want int64
	}{
		{nil, 0},
		{[]byte{0xff}, -1},
		{[]byte{0x80}, -128},
		{[]byte{0xff, 0x00}, 255},
		{[]byte{0, 0, 0, 0, 0, 0, 0, 0x80}, math.MinInt64},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00}, math.MaxInt64},
		{[]byte{0, 0, 0, 0, 0, 0, 0, 0x80, 0xff, 0xff}, math.MinInt64},
	} {
		for _, op := range []byte{opLong1, opLong4} {
			p := []byte{opProto, 2, op}
			if op == opLong1 {
				p = append(p, byte(len(c.arg)))
			} else {
				p = append(p, le32(uint32(len(c.arg)))...)
			}
			p = append(append(p, c.arg...), opStop)
			v, err := Decode(p, DefaultLimits())
			if err != nil || v != c.want {
				t.Errorf("%s %x: got %v, %v; want %d", opName(op), c.arg, v, err, c.want)
			}
		}
	}
}

// TestZeroCopy checks that decoding a large array in protocols 3 to 5
// uses its bytes in place and allocates next to nothing.
func TestZeroCopy(t *testing.T) {
	const n = 1 << 21 // 8 MiB of float32
	data := make([]float32, n)
	for i := range data {
		data[i] = float32(i)
	}
	a := newEncArray(data, []int{n / 64, 64}, false, false)
	for _, proto := range []int{3, 4, 5} {
		p := pickleOf(map[string]any{"a": a}, EncodeOptions{Protocol: proto})
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		v, err := Decode(p, DefaultLimits())
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		nd := v.(map[string]any)["a"].(*NDArray)
		got := nd.Data.([]float32)
		if !slices.Equal(got, data) {
			t.Fatalf("p%d: wrong data", proto)
		}
		if nd.Copied != "" {
			t.Errorf("p%d: array copied (%s), want it in place", proto, nd.Copied)
		}
		if start, end := unsafe.Pointer(&p[0]), unsafe.Pointer(&got[0]); uintptr(end) < uintptr(start) || uintptr(end) >= uintptr(start)+uintptr(len(p)) {
			t.Errorf("p%d: array data is not a view of the input", proto)
		}
		alloc := after.TotalAlloc - before.TotalAlloc
		if limit := uint64(256 << 10); alloc > limit {
			t.Errorf("p%d: decoding %d bytes of array data allocated %d bytes, want at most %d", proto, 4*n, alloc, limit)
		}
	}
}

// TestCopyReasons checks which arrays are copied out of the input, and why.
func TestCopyReasons(t *testing.T) {
	vals := []float64{1, 2, 3, 4, 5, 6}
	for _, c := range []struct {
		name          string
		fortran, big  bool
		opt           EncodeOptions
		strict, shift bool
		want          string
	}{
		{"p4", false, false, EncodeOptions{Protocol: 4}, false, false, ""},
		{"p5", false, false, EncodeOptions{Protocol: 5}, false, false, ""},
		{"p4 misaligned, loose", false, false, EncodeOptions{Protocol: 4}, false, true, ""},
		{"p4 misaligned, strict", false, false, EncodeOptions{Protocol: 4}, true, true, CopyAlignment},
		{"p4 aligned, strict", false, false, EncodeOptions{Protocol: 4}, true, false, ""},
		{"p2", false, false, EncodeOptions{Protocol: 2}, false, false, CopyLatin1},
		{"Fortran", true, false, EncodeOptions{Protocol: 4}, false, false, CopyFortran},
		{"big-endian", false, true, EncodeOptions{Protocol: 5}, false, false, CopyByteOrder},
	} {
		p := pickleOf(map[string]any{"a": newEncArray(vals, []int{2, 3}, c.fortran, c.big)}, c.opt)
		// Place the input so that the array's bytes are 8-byte aligned,
		// or, with shift, one byte off.
		i := bytes.Index(p, asBytes(vals))
		buf := alignedBytes(len(p) + 16)
		off := (8 - i%8) % 8
		if c.shift {
			off++
		}
		in := buf[off : off+len(p)]
		copy(in, p)
		if c.fortran || c.big || c.opt.Protocol == 2 {
			in = p
		}
		v, err := decodeAligning(in, c.strict)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		nd := v.(map[string]any)["a"].(*NDArray)
		if nd.Copied != c.want {
			t.Errorf("%s: copied %q, want %q", c.name, nd.Copied, c.want)
		}
		if got := nd.Data.([]float64); !slices.Equal(got, vals) {
			t.Errorf("%s: got %v, want %v", c.name, got, vals)
		}
	}
}

// TestAlignmentFixtures reports, for each reference pickle, how many arrays
// are used in place, how many of those are misaligned for their element
// type (copied on architectures that need alignment), and how many are
// copied for other reasons. The pickles are read into 4 KiB-aligned
// memory, as a mapped file is.
func TestAlignmentFixtures(t *testing.T) {
	for _, name := range []string{"trajectories_p2.pickle", "trajectories_p4.pickle", "trajectories_p5.pickle", "hd_stats.pickle", "parameters.pickle", "visual_inputs.pickle", "misc_p2.pickle"} {
		data, err := os.ReadFile(filepath.Join(fixtureDir, name))
		if err != nil {
			t.Fatal(err)
		}
		in := alignedBytes(len(data) + 4096)
		in = in[(4096-int(uintptr(unsafe.Pointer(&in[0]))%4096))%4096:][:len(data)]
		copy(in, data)
		for _, strict := range []bool{false, true} {
			v, err := decodeAligning(in, strict)
			if err != nil {
				t.Fatal(err)
			}
			inPlace, misaligned, copied := 0, 0, map[string]int{}
			walkArrays(v, func(a *NDArray) {
				if a.Copied != "" {
					copied[a.Copied]++
					return
				}
				inPlace++
				if b := rawOf(a); Misaligned(b, len(b)/max(1, lenOf(a.Data))) {
					misaligned++
				}
			})
			if strict && misaligned != 0 {
				t.Errorf("%s: %d misaligned arrays used in place with strict alignment", name, misaligned)
			}
			t.Logf("%s strict=%v: %d in place (%d misaligned), copied %v", name, strict, inPlace, misaligned, copied)
		}
	}
}

// walkArrays calls f on every array in a decoded value.
func walkArrays(v any, f func(*NDArray)) {
	switch x := v.(type) {
	case *NDArray:
		f(x)
	case []any:
		for _, e := range x {
			walkArrays(e, f)
		}
	case map[string]any:
		for _, e := range x {
			walkArrays(e, f)
		}
	}
}

// lenOf returns the length of a numeric slice.
func lenOf(data any) int { return reflect.ValueOf(data).Len() }

// rawOf returns the bytes of an array's data.
func rawOf(a *NDArray) []byte {
	v := reflect.ValueOf(a.Data)
	if v.Len() == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(v.UnsafePointer()), v.Len()*int(v.Type().Elem().Size()))
}

// asBytes returns the bytes of a float64 slice.
func asBytes(v []float64) []byte { return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 8*len(v)) }

// loadFile decodes the pickle file at path.
func loadFile(path string) (any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Decode(data, DefaultLimits())
}

// flatten stores the arrays of a decoded tree under the names of the
// expected .npz files: dict keys with '/' replaced by "__", nested dict keys
// joined with "__", list elements suffixed _0, _1, ...
func flatten(prefix string, v any, out map[string]*NDArray) error {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			name := strings.ReplaceAll(k, "/", "__")
			if prefix != "" {
				name = prefix + "__" + name
			}
			if err := flatten(name, x, out); err != nil {
				return err
			}
		}
	case []any:
		for i, x := range v {
			if err := flatten(prefix+"_"+strconv.Itoa(i), x, out); err != nil {
				return err
			}
		}
	case *NDArray:
		out[prefix] = v
	default:
		return fmt.Errorf("%s: unexpected %T", prefix, v)
	}
	return nil
}

// readNPZ reads every array of an .npz file with npyio.
func readNPZ(t *testing.T, path string) map[string]*NDArray {
	t.Helper()
	z, err := npz.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	out := make(map[string]*NDArray)
	for _, k := range z.Keys() {
		h := z.Header(k)
		if h == nil {
			t.Fatalf("%s: no header for %s", path, k)
		}
		if h.Descr.Fortran {
			t.Fatalf("%s: %s is Fortran-ordered", path, k)
		}
		var ptr any
		switch typ := strings.Trim(h.Descr.Type, "'\""); typ {
		case "<f4":
			ptr = new([]float32)
		case "<f8":
			ptr = new([]float64)
		case "<i8":
			ptr = new([]int64)
		case "<i4":
			ptr = new([]int32)
		case "|u1":
			ptr = new([]uint8)
		case "|b1":
			ptr = new([]bool)
		default:
			t.Fatalf("%s: %s has unhandled dtype %s", path, k, typ)
		}
		if err := z.Read(k, ptr); err != nil {
			t.Fatalf("%s: %s: %v", path, k, err)
		}
		shape := h.Descr.Shape
		if shape == nil {
			shape = []int{}
		}
		out[strings.TrimSuffix(k, ".npy")] = &NDArray{Shape: shape, Data: reflect.ValueOf(ptr).Elem().Interface()}
	}
	return out
}

// sameArray compares shapes, element types and element bits.
func sameArray(got, want *NDArray) error {
	if !slices.Equal(got.Shape, want.Shape) {
		return fmt.Errorf("shape %v, want %v", got.Shape, want.Shape)
	}
	if reflect.TypeOf(got.Data) != reflect.TypeOf(want.Data) {
		return fmt.Errorf("data %T, want %T", got.Data, want.Data)
	}
	switch g := got.Data.(type) {
	case []float32:
		w := want.Data.([]float32)
		if !slices.EqualFunc(g, w, func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) }) {
			return fmt.Errorf("float32 data differs")
		}
	case []float64:
		w := want.Data.([]float64)
		if !slices.EqualFunc(g, w, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
			return fmt.Errorf("float64 data differs")
		}
	default:
		if !reflect.DeepEqual(got.Data, want.Data) {
			return fmt.Errorf("data differs")
		}
	}
	return nil
}

func keys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for x := range m {
		k = append(k, x)
	}
	slices.Sort(k)
	return k
}

// show formats decoded values with arrays expanded.
func show(v any) string {
	switch v := v.(type) {
	case *NDArray:
		return fmt.Sprintf("NDArray%v%v", v.Shape, v.Data)
	case map[string]any:
		var s []string
		for _, k := range keys(v) {
			s = append(s, k+": "+show(v[k]))
		}
		return "{" + strings.Join(s, ", ") + "}"
	case []any:
		var s []string
		for _, x := range v {
			s = append(s, show(x))
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	return fmt.Sprintf("%#v", v)
}

func le32(n uint32) []byte { return []byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)} }

// TestLatin1 compares latin1Encode with a direct implementation.
func TestLatin1(t *testing.T) {
	ref := func(s string) ([]byte, bool) {
		if !utf8.ValidString(s) {
			return nil, false
		}
		var b []byte
		for _, r := range s {
			if r >= 0x100 {
				return nil, false
			}
			b = append(b, byte(r))
		}
		return b, true
	}
	cases := []string{"", "a", "\u00e9", "\u00ff\u0080\u007f", "\u0100", "\u20ac", "\xc2", "\x80", "\xc2\xc2\x80", "\xc0\x80", "\xc1\xbf", "a\xc3", "\xed\xa0\x80"}
	x := uint64(1)
	for range 2000 {
		var b []byte
		for range int(x % 13) {
			x = x*6364136223846793005 + 1442695040888963407
			switch x >> 62 {
			case 0, 1:
				b = utf8.AppendRune(b, rune(x>>40)&0xff)
			case 2:
				b = utf8.AppendRune(b, rune(x>>40)&0x3ff)
			default:
				b = append(b, byte(x>>40))
			}
		}
		x = x*6364136223846793005 + 1442695040888963407
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, ok := ref(s)
		got, err := latin1Encode(s)
		if ok != (err == nil) || (ok && !bytes.Equal(got, want) && len(want)+len(got) > 0) {
			t.Errorf("%q: got %x, %v; want %x, ok=%v", s, got, err, want, ok)
		}
		if ok && latin1Decode(got) != s {
			t.Errorf("%q: latin1Decode(latin1Encode(s)) = %q", s, latin1Decode(got))
		}
	}
}

// decodeAligning decodes in with StrictAlignment set to strict.
func decodeAligning(in []byte, strict bool) (any, error) {
	defer func(s bool) { StrictAlignment = s }(StrictAlignment)
	StrictAlignment = strict
	return Decode(in, DefaultLimits())
}
