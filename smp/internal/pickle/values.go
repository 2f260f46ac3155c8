package pickle

import (
	"fmt"
	"math"
	"unicode/utf8"
)

// The pickle machine keeps containers as pointers: Python memoizes a list or
// dict before filling it (APPENDS, SETITEMS), and a value may be shared many
// times, so export converts each container once and detects cycles.

// list is a Python list.
type list struct {
	items []any
	off   int // offset of the opcode that created it
}

// tuple is a Python tuple.
type tuple list

// dict is a Python dict with str keys.
type dict struct {
	m   map[string]any
	off int
}

// copiedBytes is a bytes value made by the decoder (the latin-1 encoding
// of a str), not a view of the input.
type copiedBytes []byte

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
	case []byte, copiedBytes:
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
	maxDepth  int
	maxValues int
	done      map[any]converted // converted containers
	active    map[any]bool      // containers being converted (cycle detection)
}

// converted is a converted container, the height of its subtree (1 for a
// container of leaves) and its number of values, shared ones counted once
// per reference.
type converted struct {
	v      any
	height int
	values int
}

// export converts the result of the pickle machine.
func (d *decoder) export(v any) (any, error) {
	e := exporter{
		maxDepth:  d.lim.MaxDepth,
		maxValues: max(d.lim.MaxValues, len(d.data)),
		done:      make(map[any]converted),
		active:    make(map[any]bool),
	}
	r, err := e.value(v, 1)
	return r.v, err
}

// leaf is a converted leaf value.
func leaf(v any) converted { return converted{v: v, values: 1} }

// value converts v found at nesting depth depth.
func (e *exporter) value(v any, depth int) (converted, error) {
	switch v := v.(type) {
	case nil, bool, int64, float64, string:
		return leaf(v), nil
	case []byte:
		return leaf(append([]byte{}, v...)), nil // a copy: the input may go away
	case copiedBytes:
		return leaf([]byte(v)), nil
	case py2Str:
		return leaf(latin1Decode(v)), nil
	case *array:
		if v.nd == nil {
			return converted{}, &decodeError{off: v.off, msg: "numpy array was created but never given its state (BUILD)"}
		}
		return leaf(v.nd), nil
	case *list:
		return e.container(v, v.off, "list", depth, func() (converted, error) { return e.items(v.items, depth) })
	case *tuple:
		return e.container(v, v.off, "tuple", depth, func() (converted, error) { return e.items(v.items, depth) })
	case *dict:
		return e.container(v, v.off, "dict", depth, func() (converted, error) {
			m := make(map[string]any, len(v.m))
			c := converted{v: m}
			for k, x := range v.m {
				y, err := e.value(x, depth+1)
				if err != nil {
					return converted{}, err
				}
				m[k] = y.v
				c.add(y)
			}
			return c, nil
		})
	case *dtype:
		return converted{}, &decodeError{off: v.off, msg: "a numpy.dtype is not supported as a decoded value"}
	case global:
		return converted{}, &decodeError{off: v.off, msg: fmt.Sprintf("%s is not supported as a decoded value", v)}
	}
	return converted{}, fmt.Errorf("pickle: a %s is not supported as a decoded value", typeName(v))
}

// add accounts for the item y of the container c.
func (c *converted) add(y converted) {
	c.height = max(c.height, y.height)
	c.values = min(c.values, math.MaxInt-y.values) + y.values // saturates
}

// container converts the container p found at depth once, with depth,
// cycle and size checks; conv converts its items and returns them with
// their largest height and total number of values.
func (e *exporter) container(p any, off int, kind string, depth int, conv func() (converted, error)) (converted, error) {
	tooDeep := func() error {
		return &decodeError{off: off, msg: fmt.Sprintf("%s nested deeper than the limit of %d levels", kind, e.maxDepth)}
	}
	c, ok := e.done[p]
	if !ok {
		if depth > e.maxDepth {
			return converted{}, tooDeep()
		}
		if e.active[p] {
			return converted{}, &decodeError{off: off, msg: fmt.Sprintf("reference cycle: the %s created here contains itself", kind)}
		}
		e.active[p] = true
		var err error
		if c, err = conv(); err != nil {
			return converted{}, err
		}
		delete(e.active, p)
		c.height++
		c.values++
		e.done[p] = c
	}
	if depth-1+c.height > e.maxDepth {
		return converted{}, tooDeep()
	}
	if c.values > e.maxValues {
		return converted{}, &decodeError{off: off, msg: fmt.Sprintf(
			"the %s created here holds more than %d values once its shared references are counted (a pickle of repeatedly shared lists or dicts)", kind, e.maxValues)}
	}
	return c, nil
}

func (e *exporter) items(items []any, depth int) (converted, error) {
	out := make([]any, len(items))
	c := converted{v: out}
	for i, x := range items {
		y, err := e.value(x, depth+1)
		if err != nil {
			return converted{}, err
		}
		out[i] = y.v
		c.add(y)
	}
	return c, nil
}
