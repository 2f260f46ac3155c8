package pickle

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
)

// opcode is what the machine knows of one opcode (CPython Lib/pickle.py):
// its pickletools name, the width in bytes of its little-endian integer
// argument (a value, memo key or payload length; 0 for none), and how to
// execute it given that argument. Opcodes the machine refuses execute to an
// error.
type opcode struct {
	name  string
	width int
	exec  func(d *decoder, arg uint64) error
}

// mark stands for the values above the innermost MARK in popping.
const mark = -1

// opStop ends the pickle; run handles it.
const opStop = '.'

// opcodes is the machine, indexed by opcode: the opcodes of protocols 2 to
// 5 and the Python 2 binary strings. The others are unknown or refused.
var opcodes = [256]opcode{
	0x80:   {"PROTO", 1, (*decoder).proto},
	0x95:   {"FRAME", 8, (*decoder).frame},
	opStop: {"STOP", 0, nil},
	'(':    {"MARK", 0, (*decoder).mark},
	'0':    {"POP", 0, (*decoder).popOrMark},
	'1':    {"POP_MARK", 0, popping(mark, func(*decoder, []any) error { return nil })},
	'2':    {"DUP", 0, (*decoder).dup},
	'N':    {"NONE", 0, pushing(nil)},
	0x88:   {"NEWTRUE", 0, pushing(true)},
	0x89:   {"NEWFALSE", 0, pushing(false)},
	'J':    {"BININT", 4, func(d *decoder, n uint64) error { return d.push(int64(int32(n))) }},
	'K':    {"BININT1", 1, func(d *decoder, n uint64) error { return d.push(int64(n)) }},
	'M':    {"BININT2", 2, func(d *decoder, n uint64) error { return d.push(int64(n)) }},
	0x8a:   {"LONG1", 1, (*decoder).long},
	0x8b:   {"LONG4", 4, signed((*decoder).long)},
	'G':    {"BINFLOAT", 8, func(d *decoder, n uint64) error { return d.push(math.Float64frombits(bits.ReverseBytes64(n))) }},
	'U':    {"SHORT_BINSTRING", 1, payload(asPy2Str)},
	'T':    {"BINSTRING", 4, signed(payload(asPy2Str))},
	'C':    {"SHORT_BINBYTES", 1, payload(asView)},
	'B':    {"BINBYTES", 4, payload(asView)},
	0x8e:   {"BINBYTES8", 8, payload(asView)},
	0x96:   {"BYTEARRAY8", 8, payload(asView)},
	0x8c:   {"SHORT_BINUNICODE", 1, payload(asString)},
	'X':    {"BINUNICODE", 4, payload(asString)},
	0x8d:   {"BINUNICODE8", 8, payload(asString)},
	')':    {"EMPTY_TUPLE", 0, popping(0, newTuple)},
	't':    {"TUPLE", 0, popping(mark, newTuple)},
	0x85:   {"TUPLE1", 0, popping(1, newTuple)},
	0x86:   {"TUPLE2", 0, popping(2, newTuple)},
	0x87:   {"TUPLE3", 0, popping(3, newTuple)},
	']':    {"EMPTY_LIST", 0, popping(0, newList)},
	'l':    {"LIST", 0, popping(mark, newList)},
	'a':    {"APPEND", 0, popping(1, (*decoder).appendTo)},
	'e':    {"APPENDS", 0, popping(mark, (*decoder).appendTo)},
	'}':    {"EMPTY_DICT", 0, popping(0, newDict)},
	'd':    {"DICT", 0, popping(mark, newDict)},
	's':    {"SETITEM", 0, popping(2, (*decoder).setItemsTop)},
	'u':    {"SETITEMS", 0, popping(mark, (*decoder).setItemsTop)},
	'q':    {"BINPUT", 1, (*decoder).put},
	'r':    {"LONG_BINPUT", 4, (*decoder).put},
	0x94:   {"MEMOIZE", 0, func(d *decoder, _ uint64) error { return d.put(uint64(len(d.memo))) }},
	'h':    {"BINGET", 1, (*decoder).get},
	'j':    {"LONG_BINGET", 4, (*decoder).get},
	'c':    {"GLOBAL", 0, (*decoder).global},
	0x93:   {"STACK_GLOBAL", 0, popping(2, (*decoder).stackGlobal)},
	'R':    {"REDUCE", 0, popping(2, (*decoder).callReduce)},
	'b':    {"BUILD", 0, popping(1, (*decoder).callBuild)},
}

// refused says why the opcodes that the machine does not implement are
// refused, by the string of their bytes.
var refused = map[string]string{
	"\x97\x98":     "out-of-band buffers (pickle.dump with buffer_callback) are not supported",  // NEXT_BUFFER, READONLY_BUFFER
	"\x8f\x90\x91": "sets are not supported",                                                    // EMPTY_SET, ADDITEMS, FROZENSET
	"\x81\x92io":   "class instances are not supported (only numpy arrays, dtypes and scalars)", // NEWOBJ, NEWOBJ_EX, INST, OBJ
	"\x82\x83\x84": "the extension registry (copyreg) is not supported",                         // EXT1, EXT2, EXT4
	"PQ":           "persistent IDs are not supported",                                          // PERSID, BINPERSID
	"ILFSVgp":      "protocol 0 text opcodes are not supported (protocols 2 to 5 only)",         // INT, LONG, FLOAT, STRING, UNICODE, GET, PUT
}

// opName returns the pickletools name of op. It is used for errors only.
func opName(op byte) string {
	if name := opcodes[op].name; name != "" {
		return name
	}
	return fmt.Sprintf("opcode 0x%02x", op)
}

// pushing executes an opcode that pushes the constant v.
func pushing(v any) func(*decoder, uint64) error {
	return func(d *decoder, _ uint64) error { return d.push(v) }
}

// signed executes f on a 4-byte length that CPython reads as signed.
func signed(f func(*decoder, uint64) error) func(*decoder, uint64) error {
	return func(d *decoder, n uint64) error {
		if int32(n) < 0 {
			return d.errorf("negative length %d", int32(n))
		}
		return f(d, n)
	}
}

// payload executes an opcode that carries a payload of n bytes, and pushes
// it as conv makes it.
func payload(conv func([]byte) any) func(*decoder, uint64) error {
	return func(d *decoder, n uint64) error {
		b, err := d.readPayload(n)
		if err != nil {
			return err
		}
		return d.push(conv(b))
	}
}

func asView(b []byte) any   { return b }         // a view of the input
func asString(b []byte) any { return string(b) } // a copy: strings outlive the input
func asPy2Str(b []byte) any { return py2Str(b) }

// popping executes an opcode that pops n values (or, for n = mark, the
// values above the innermost MARK and the MARK) and passes them to f in
// stack order.
func popping(n int, f func(d *decoder, items []any) error) func(*decoder, uint64) error {
	return func(d *decoder, _ uint64) error {
		var items []any
		var err error
		if n == mark {
			items, err = d.popMark()
		} else {
			items, err = d.popN(n)
		}
		if err != nil {
			return err
		}
		return f(d, items)
	}
}

func newTuple(d *decoder, items []any) error { return d.push(&tuple{items: items, off: d.opPos}) }

func newList(d *decoder, items []any) error { return d.push(&list{items: items, off: d.opPos}) }

func newDict(d *decoder, items []any) error {
	m := &dict{m: make(map[string]any), off: d.opPos}
	if err := d.setItems(m, items); err != nil {
		return err
	}
	return d.push(m)
}

// proto executes PROTO: protocols up to 5 are known.
func (d *decoder) proto(p uint64) error {
	if p > 5 {
		return d.errorf("unsupported pickle protocol %d", p)
	}
	return nil
}

// frame executes FRAME. Frames only group small opcodes for buffering; the
// data stream is the same without them. The declared size is checked
// anyway.
func (d *decoder) frame(n uint64) error {
	if left := len(d.data) - d.pos; n > uint64(left) {
		return d.errorf("frame of %d bytes exceeds the %d bytes left in the input", n, left)
	}
	return nil
}

// mark executes MARK.
func (d *decoder) mark(uint64) error {
	if len(d.marks) >= d.lim.MaxStack {
		return d.errorf("more than %d open MARKs", d.lim.MaxStack)
	}
	d.marks = append(d.marks, len(d.stack))
	return nil
}

// popOrMark executes POP: it drops the top value, or the innermost MARK
// when no value is above it.
func (d *decoder) popOrMark(uint64) error {
	if len(d.stack) > d.base() {
		_, err := d.popN(1)
		return err
	}
	if len(d.marks) == 0 {
		return d.errorf("stack underflow")
	}
	d.marks = d.marks[:len(d.marks)-1]
	return nil
}

// dup executes DUP.
func (d *decoder) dup(uint64) error {
	v, err := d.top()
	if err != nil {
		return err
	}
	return d.push(v)
}

// long executes LONG1 and LONG4: a little-endian two's-complement integer
// of n bytes, which must fit in an int64.
func (d *decoder) long(n uint64) error {
	b, err := d.readPayload(n)
	if err != nil {
		return err
	}
	var buf [8]byte // b sign-extended or cut to 8 bytes
	if len(b) > 0 && b[len(b)-1]&0x80 != 0 {
		buf = [8]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	}
	copy(buf[:], b)
	v := int64(binary.LittleEndian.Uint64(buf[:]))
	for _, c := range b[min(len(b), 8):] { // must repeat the sign of v
		if c != byte(v>>63) {
			return d.errorf("integer of %d bytes does not fit in int64", len(b))
		}
	}
	return d.push(v)
}

// put executes BINPUT and LONG_BINPUT, and MEMOIZE with the next key k:
// it stores the top of the stack in the memo.
func (d *decoder) put(k uint64) error {
	v, err := d.top()
	if err != nil {
		return err
	}
	if _, ok := d.memo[int64(k)]; !ok && len(d.memo) >= d.lim.MaxMemo {
		return d.errorf("memo exceeds the limit of %d entries", d.lim.MaxMemo)
	}
	d.memo[int64(k)] = v
	return nil
}

// get executes BINGET and LONG_BINGET: it pushes memo entry k.
func (d *decoder) get(k uint64) error {
	v, ok := d.memo[int64(k)]
	if !ok {
		return d.errorf("memo key %d is not defined", k)
	}
	return d.push(v)
}

// global executes GLOBAL, whose module and name are lines.
func (d *decoder) global(uint64) error {
	mod, err := d.readLine()
	if err != nil {
		return err
	}
	name, err := d.readLine()
	if err != nil {
		return err
	}
	g, err := d.lookup(mod, name)
	if err != nil {
		return err
	}
	return d.push(g)
}

// stackGlobal executes STACK_GLOBAL on the module and name popped.
func (d *decoder) stackGlobal(items []any) error {
	mod, ok1 := items[0].(string)
	name, ok2 := items[1].(string)
	if !ok1 || !ok2 {
		return d.errorf("module and name must be str, got %s and %s", typeName(items[0]), typeName(items[1]))
	}
	g, err := d.lookup(mod, name)
	if err != nil {
		return err
	}
	return d.push(g)
}

// callReduce executes REDUCE on the callable and arguments popped.
func (d *decoder) callReduce(items []any) error {
	v, err := d.reduce(items[0], items[1])
	if err != nil {
		return err
	}
	return d.push(v)
}

// callBuild executes BUILD with the state popped on the object below it.
func (d *decoder) callBuild(state []any) error {
	obj, err := d.top()
	if err != nil {
		return err
	}
	return d.build(obj, state[0])
}

// appendTo appends items to the list on top of the stack.
func (d *decoder) appendTo(items []any) error {
	v, err := d.top()
	if err != nil {
		return err
	}
	l, ok := v.(*list)
	if !ok {
		return d.errorf("cannot append to a %s", typeName(v))
	}
	l.items = append(l.items, items...)
	return nil
}

// setItemsTop sets key/value pairs in the dict on top of the stack.
func (d *decoder) setItemsTop(items []any) error {
	v, err := d.top()
	if err != nil {
		return err
	}
	m, ok := v.(*dict)
	if !ok {
		return d.errorf("cannot set items of a %s", typeName(v))
	}
	return d.setItems(m, items)
}

// setItems sets the key/value pairs items[0]: items[1], ... in m.
func (d *decoder) setItems(m *dict, items []any) error {
	if len(items)%2 != 0 {
		return d.errorf("odd number of values (%d) for key/value pairs", len(items))
	}
	for i := 0; i < len(items); i += 2 {
		k, err := dictKey(items[i])
		if err != nil {
			return d.errorf("%v", err)
		}
		m.m[k] = items[i+1]
	}
	return nil
}
