package pickle

import (
	"fmt"
	"unicode/utf8"
)

// The pickle machine keeps containers as pointers: Python memoizes a list or
// dict before filling it (APPENDS, SETITEMS), and a value may be shared many
// times, so export converts each container once and detects cycles.

// list is a Python list.
type list struct {
	items []any
	off   int64 // offset of the opcode that created it
}

// tuple is a Python tuple.
type tuple struct {
	items []any
	off   int64
}

// dict is a Python dict with str keys.
type dict struct {
	m   map[string]any
	off int64
}

// py2Str is a Python 2 str (BINSTRING, SHORT_BINSTRING): raw bytes that are
// text when used as a key or value, and bytes when used as array data.
type py2Str []byte

// dictKey returns v as a dict key.
func dictKey(v any) (string, error) {
	switch k := v.(type) {
	case string:
		return k, nil
	case py2Str:
		return latin1Decode(k), nil
	}
	return "", fmt.Errorf("dict key of type %s is not supported (only str keys)", typeName(v))
}

// text returns v as a Python str (a Python 2 str decoded as latin-1).
func text(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case py2Str:
		return latin1Decode(s), true
	}
	return "", false
}

// latin1Decode decodes latin-1 bytes, each byte one code point U+0000–U+00FF.
func latin1Decode(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// latin1Encode encodes s (UTF-8) to latin-1 into an aligned buffer, as
// Python's s.encode('latin1'): every code point must be below U+0100, so
// in UTF-8 it is one byte below 0x80, or a lead byte 0xC2/0xC3 followed by
// a continuation byte 0x80–0xBF. The loops are branch-free because array
// data encoded this way is about half non-ASCII bytes in random order.
func latin1Encode(s string) ([]byte, error) {
	var bad, prevLead uint8
	n := len(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		hi := c >> 7
		lead := hi & (c >> 6) // 11xxxxxx
		cont := hi &^ lead    // 10xxxxxx
		x := c&0xfe ^ 0xc2
		bad |= cont ^ prevLead | lead&((x|-x)>>7)
		n -= int(cont)
		prevLead = lead
	}
	if bad|prevLead != 0 {
		return nil, latin1Error(s)
	}
	out := alignedBytes(n)
	if n == 0 {
		return out, nil
	}
	var acc uint8 // top two bits from the last lead byte
	j := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		m := uint8(int8(c) >> 7) // 0xff for a non-ASCII byte
		out[j] = c&^m | (acc|c&0x3f)&m
		acc = c << 6
		j += int(1 - (c>>7)&(c>>6))
	}
	return out, nil
}

// latin1Error describes why s cannot be encoded as latin-1.
func latin1Error(s string) error {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("invalid UTF-8 at byte %d of the string", i)
		}
		if r >= 0x100 {
			return fmt.Errorf("character %U at byte %d cannot be encoded as latin-1", r, i)
		}
		i += size
	}
	return fmt.Errorf("invalid UTF-8 in the string")
}

// typeName returns the Python name of the type of a stack value.
func typeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case int64:
		return "int"
	case float64:
		return "float"
	case string:
		return "str"
	case py2Str:
		return "str (Python 2)"
	case []byte:
		return "bytes"
	case *list:
		return "list"
	case *tuple:
		return "tuple"
	case *dict:
		return "dict"
	case *array:
		return "numpy.ndarray"
	case *dtype:
		return "numpy.dtype"
	case global:
		return "global " + v.String()
	}
	return fmt.Sprintf("%T", v)
}

// exporter converts machine values to the documented Go values.
type exporter struct {
	maxDepth int
	done     map[any]converted // converted containers
	active   map[any]bool      // containers being converted (cycle detection)
}

// converted is a converted container and the height of its subtree
// (1 for a container of leaves).
type converted struct {
	v      any
	height int
}

// export converts the result of the pickle machine.
func (d *decoder) export(v any) (any, error) {
	e := exporter{maxDepth: d.lim.MaxDepth, done: make(map[any]converted), active: make(map[any]bool)}
	r, _, err := e.value(v, 1)
	return r, err
}

// value converts v found at nesting depth depth, and returns it with the
// height of its subtree (0 for a leaf).
func (e *exporter) value(v any, depth int) (any, int, error) {
	switch v := v.(type) {
	case nil, bool, int64, float64, string, []byte:
		return v, 0, nil
	case py2Str:
		return latin1Decode(v), 0, nil
	case *array:
		if v.nd == nil {
			return nil, 0, &decodeError{off: v.off, msg: "numpy array was created but never given its state (BUILD)"}
		}
		return v.nd, 0, nil
	case *list:
		return e.container(v, v.off, "list", depth, func() (any, int, error) { return e.items(v.items, depth) })
	case *tuple:
		return e.container(v, v.off, "tuple", depth, func() (any, int, error) { return e.items(v.items, depth) })
	case *dict:
		return e.container(v, v.off, "dict", depth, func() (any, int, error) {
			m := make(map[string]any, len(v.m))
			h := 0
			for k, x := range v.m {
				y, hy, err := e.value(x, depth+1)
				if err != nil {
					return nil, 0, err
				}
				m[k] = y
				h = max(h, hy)
			}
			return m, h, nil
		})
	case *dtype:
		return nil, 0, &decodeError{off: v.off, msg: "a numpy.dtype is not supported as a decoded value"}
	case global:
		return nil, 0, &decodeError{off: v.off, msg: fmt.Sprintf("%s is not supported as a decoded value", v)}
	}
	return nil, 0, fmt.Errorf("pickle: a %s is not supported as a decoded value", typeName(v))
}

// container converts the container p found at depth once, with depth and
// cycle checks; conv converts its items and returns their largest height.
func (e *exporter) container(p any, off int64, kind string, depth int, conv func() (any, int, error)) (any, int, error) {
	tooDeep := func() error {
		return &decodeError{off: off, msg: fmt.Sprintf("%s nested deeper than the limit of %d levels", kind, e.maxDepth)}
	}
	if c, ok := e.done[p]; ok {
		if depth-1+c.height > e.maxDepth {
			return nil, 0, tooDeep()
		}
		return c.v, c.height, nil
	}
	if depth > e.maxDepth {
		return nil, 0, tooDeep()
	}
	if e.active[p] {
		return nil, 0, &decodeError{off: off, msg: fmt.Sprintf("reference cycle: the %s created here contains itself", kind)}
	}
	e.active[p] = true
	r, h, err := conv()
	if err != nil {
		return nil, 0, err
	}
	delete(e.active, p)
	e.done[p] = converted{r, h + 1}
	return r, h + 1, nil
}

func (e *exporter) items(items []any, depth int) (any, int, error) {
	out := make([]any, len(items))
	h := 0
	for i, x := range items {
		y, hy, err := e.value(x, depth+1)
		if err != nil {
			return nil, 0, err
		}
		out[i] = y
		h = max(h, hy)
	}
	return out, h, nil
}
