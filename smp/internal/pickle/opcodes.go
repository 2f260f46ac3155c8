package pickle

import (
	"fmt"
	"math"
	"math/bits"
)

// Pickle opcodes (CPython Lib/pickle.py). The machine implements those of
// protocols 2-5 and the Python 2 binary strings; the protocol 0 text opcodes
// and the object-building ones are refused, and named here when the tests
// write them (the others appear in opcodes only).
const (
	opMark           = '('
	opStop           = '.'
	opPop            = '0'
	opPopMark        = '1'
	opDup            = '2'
	opBinInt         = 'J'
	opBinInt1        = 'K'
	opBinInt2        = 'M'
	opNone           = 'N'
	opBinPersID      = 'Q'
	opReduce         = 'R'
	opBinString      = 'T'
	opShortBinString = 'U'
	opBinUnicode     = 'X'
	opAppend         = 'a'
	opBuild          = 'b'
	opGlobal         = 'c'
	opDict           = 'd'
	opEmptyDict      = '}'
	opAppends        = 'e'
	opBinGet         = 'h'
	opLongBinGet     = 'j'
	opList           = 'l'
	opEmptyList      = ']'
	opBinPut         = 'q'
	opLongBinPut     = 'r'
	opSetItem        = 's'
	opTuple          = 't'
	opEmptyTuple     = ')'
	opSetItems       = 'u'
	opBinFloat       = 'G'

	opProto    = 0x80 // protocol 2
	opNewObj   = 0x81
	opTuple1   = 0x85
	opTuple2   = 0x86
	opTuple3   = 0x87
	opNewTrue  = 0x88
	opNewFalse = 0x89
	opLong1    = 0x8a
	opLong4    = 0x8b

	opBinBytes      = 'B' // protocol 3
	opShortBinBytes = 'C'

	opShortBinUnicode = 0x8c // protocol 4
	opBinUnicode8     = 0x8d
	opBinBytes8       = 0x8e
	opEmptySet        = 0x8f
	opStackGlobal     = 0x93
	opMemoize         = 0x94
	opFrame           = 0x95

	opByteArray8     = 0x96 // protocol 5
	opNextBuffer     = 0x97
	opReadOnlyBuffer = 0x98
)

// opcode is what the machine knows of one opcode: its pickletools name,
// the width in bytes of its little-endian integer argument (a value, memo
// key or payload length; 0 for none), and how to execute it given that
// argument. Opcodes the machine refuses execute to an error.
type opcode struct {
	name  string
	width int
	exec  func(d *decoder, arg uint64) error
}

// mark stands for the values above the innermost MARK in popping.
const mark = -1

// opcodes is the machine, indexed by opcode; STOP is handled by run.
var opcodes = [256]opcode{
	opProto:           {"PROTO", 1, (*decoder).proto},
	opFrame:           {"FRAME", 8, (*decoder).frame},
	opStop:            {"STOP", 0, nil},
	opMark:            {"MARK", 0, (*decoder).mark},
	opPop:             {"POP", 0, (*decoder).popOrMark},
	opPopMark:         {"POP_MARK", 0, popping(mark, func(*decoder, []any) error { return nil })},
	opDup:             {"DUP", 0, (*decoder).dup},
	opNone:            {"NONE", 0, pushing(nil)},
	opNewTrue:         {"NEWTRUE", 0, pushing(true)},
	opNewFalse:        {"NEWFALSE", 0, pushing(false)},
	opBinInt:          {"BININT", 4, func(d *decoder, n uint64) error { return d.push(int64(int32(n))) }},
	opBinInt1:         {"BININT1", 1, func(d *decoder, n uint64) error { return d.push(int64(n)) }},
	opBinInt2:         {"BININT2", 2, func(d *decoder, n uint64) error { return d.push(int64(n)) }},
	opLong1:           {"LONG1", 1, (*decoder).long},
	opLong4:           {"LONG4", 4, (*decoder).long},
	opBinFloat:        {"BINFLOAT", 8, func(d *decoder, n uint64) error { return d.push(math.Float64frombits(bits.ReverseBytes64(n))) }},
	opShortBinString:  {"SHORT_BINSTRING", 1, (*decoder).binary},
	opBinString:       {"BINSTRING", 4, (*decoder).binary},
	opShortBinBytes:   {"SHORT_BINBYTES", 1, (*decoder).binary},
	opBinBytes:        {"BINBYTES", 4, (*decoder).binary},
	opBinBytes8:       {"BINBYTES8", 8, (*decoder).binary},
	opByteArray8:      {"BYTEARRAY8", 8, (*decoder).binary},
	opShortBinUnicode: {"SHORT_BINUNICODE", 1, (*decoder).binary},
	opBinUnicode:      {"BINUNICODE", 4, (*decoder).binary},
	opBinUnicode8:     {"BINUNICODE8", 8, (*decoder).binary},
	opEmptyTuple:      {"EMPTY_TUPLE", 0, popping(0, newTuple)},
	opTuple:           {"TUPLE", 0, popping(mark, newTuple)},
	opTuple1:          {"TUPLE1", 0, popping(1, newTuple)},
	opTuple2:          {"TUPLE2", 0, popping(2, newTuple)},
	opTuple3:          {"TUPLE3", 0, popping(3, newTuple)},
	opEmptyList:       {"EMPTY_LIST", 0, popping(0, newList)},
	opList:            {"LIST", 0, popping(mark, newList)},
	opAppend:          {"APPEND", 0, popping(1, (*decoder).appendTo)},
	opAppends:         {"APPENDS", 0, popping(mark, (*decoder).appendTo)},
	opEmptyDict:       {"EMPTY_DICT", 0, popping(0, newDict)},
	opDict:            {"DICT", 0, popping(mark, newDict)},
	opSetItem:         {"SETITEM", 0, popping(2, (*decoder).setItemsTop)},
	opSetItems:        {"SETITEMS", 0, popping(mark, (*decoder).setItemsTop)},
	opBinPut:          {"BINPUT", 1, (*decoder).put},
	opLongBinPut:      {"LONG_BINPUT", 4, (*decoder).put},
	opMemoize:         {"MEMOIZE", 0, (*decoder).put},
	opBinGet:          {"BINGET", 1, (*decoder).get},
	opLongBinGet:      {"LONG_BINGET", 4, (*decoder).get},
	opGlobal:          {"GLOBAL", 0, (*decoder).global},
	opStackGlobal:     {"STACK_GLOBAL", 0, popping(2, (*decoder).stackGlobal)},
	opReduce:          {"REDUCE", 0, popping(2, (*decoder).callReduce)},
	opBuild:           {"BUILD", 0, popping(1, (*decoder).callBuild)},

	opNextBuffer:     {"NEXT_BUFFER", 0, refuse(errBuffers)},
	opReadOnlyBuffer: {"READONLY_BUFFER", 0, refuse(errBuffers)},
	opEmptySet:       {"EMPTY_SET", 0, refuse(errSets)},
	0x90:             {"ADDITEMS", 0, refuse(errSets)},
	0x91:             {"FROZENSET", 0, refuse(errSets)},
	opNewObj:         {"NEWOBJ", 0, refuse(errObjects)},
	0x92:             {"NEWOBJ_EX", 0, refuse(errObjects)},
	'i':              {"INST", 0, refuse(errObjects)},
	'o':              {"OBJ", 0, refuse(errObjects)},
	0x82:             {"EXT1", 0, refuse(errExtensions)},
	0x83:             {"EXT2", 0, refuse(errExtensions)},
	0x84:             {"EXT4", 0, refuse(errExtensions)},
	'P':              {"PERSID", 0, refuse(errPersistent)},
	opBinPersID:      {"BINPERSID", 0, refuse(errPersistent)},
	'I':              {"INT", 0, refuse(errText)},
	'L':              {"LONG", 0, refuse(errText)},
	'F':              {"FLOAT", 0, refuse(errText)},
	'S':              {"STRING", 0, refuse(errText)},
	'V':              {"UNICODE", 0, refuse(errText)},
	'g':              {"GET", 0, refuse(errText)},
	'p':              {"PUT", 0, refuse(errText)},
}

// Why the refused opcodes are refused.
const (
	errBuffers    = "out-of-band buffers (pickle.dump with buffer_callback) are not supported"
	errSets       = "sets are not supported"
	errObjects    = "class instances are not supported (only numpy arrays, dtypes and scalars)"
	errExtensions = "the extension registry (copyreg) is not supported"
	errPersistent = "persistent IDs are not supported"
	errText       = "protocol 0 text opcodes are not supported (protocols 2 to 5 only)"
)

// opName returns the pickletools name of op. It is used for errors only.
func opName(op byte) string {
	if name := opcodes[op].name; name != "" {
		return name
	}
	return fmt.Sprintf("opcode 0x%02x", op)
}

// refuse executes an opcode the machine does not support.
func refuse(why string) func(*decoder, uint64) error {
	return func(d *decoder, _ uint64) error { return d.errorf("%s", why) }
}

// pushing executes an opcode that pushes the constant v.
func pushing(v any) func(*decoder, uint64) error {
	return func(d *decoder, _ uint64) error { return d.push(v) }
}

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
		_, err := d.pop()
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
	if d.op == opLong4 && int32(n) < 0 {
		return d.errorf("negative length %d", int32(n))
	}
	b, err := d.readPayload(n)
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return d.push(int64(0))
	}
	neg := b[len(b)-1]&0x80 != 0
	var v uint64
	if neg {
		v = math.MaxUint64
	}
	for i := len(b) - 1; i >= 0; i-- {
		if i >= 8 {
			if (neg && b[i] != 0xff) || (!neg && b[i] != 0) {
				return d.errorf("integer of %d bytes does not fit in int64", len(b))
			}
			continue
		}
		v = v<<8 | uint64(b[i])
	}
	if len(b) > 8 && (int64(v) < 0) != neg {
		return d.errorf("integer of %d bytes does not fit in int64", len(b))
	}
	return d.push(int64(v))
}

// binary executes the opcodes that carry a payload of n bytes.
func (d *decoder) binary(n uint64) error {
	if d.op == opBinString && int32(n) < 0 {
		return d.errorf("negative length %d", int32(n))
	}
	b, err := d.readPayload(n)
	if err != nil {
		return err
	}
	switch d.op {
	case opShortBinString, opBinString:
		return d.push(py2Str(b))
	case opShortBinUnicode, opBinUnicode, opBinUnicode8:
		return d.push(string(b)) // a copy: strings outlive the input
	}
	return d.push(b) // a view of the input
}

// put executes BINPUT and LONG_BINPUT (memo key k) and MEMOIZE (the next
// key): it stores the top of the stack in the memo.
func (d *decoder) put(k uint64) error {
	if d.op == opMemoize {
		k = uint64(len(d.memo))
	}
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
