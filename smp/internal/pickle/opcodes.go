package pickle

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Pickle opcodes (CPython Lib/pickle.py). The machine implements those of
// protocols 2-5 and the Python 2 binary strings; the protocol 0 text opcodes
// and the object-building ones are named in errors only.
const (
	opMark           = '('
	opStop           = '.'
	opPop            = '0'
	opPopMark        = '1'
	opDup            = '2'
	opFloat          = 'F'
	opInt            = 'I'
	opBinInt         = 'J'
	opBinInt1        = 'K'
	opLong           = 'L'
	opBinInt2        = 'M'
	opNone           = 'N'
	opPersID         = 'P'
	opBinPersID      = 'Q'
	opReduce         = 'R'
	opString         = 'S'
	opBinString      = 'T'
	opShortBinString = 'U'
	opUnicode        = 'V'
	opBinUnicode     = 'X'
	opAppend         = 'a'
	opBuild          = 'b'
	opGlobal         = 'c'
	opDict           = 'd'
	opEmptyDict      = '}'
	opAppends        = 'e'
	opGet            = 'g'
	opBinGet         = 'h'
	opInst           = 'i'
	opLongBinGet     = 'j'
	opList           = 'l'
	opEmptyList      = ']'
	opObj            = 'o'
	opPut            = 'p'
	opBinPut         = 'q'
	opLongBinPut     = 'r'
	opSetItem        = 's'
	opTuple          = 't'
	opEmptyTuple     = ')'
	opSetItems       = 'u'
	opBinFloat       = 'G'

	opProto    = 0x80 // protocol 2
	opNewObj   = 0x81
	opExt1     = 0x82
	opExt2     = 0x83
	opExt4     = 0x84
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
	opAddItems        = 0x90
	opFrozenSet       = 0x91
	opNewObjEx        = 0x92
	opStackGlobal     = 0x93
	opMemoize         = 0x94
	opFrame           = 0x95

	opByteArray8     = 0x96 // protocol 5
	opNextBuffer     = 0x97
	opReadOnlyBuffer = 0x98
)

// opName returns the pickletools name of op. It is used for errors only.
func opName(op byte) string {
	names := map[byte]string{
		opMark: "MARK", opStop: "STOP", opPop: "POP", opPopMark: "POP_MARK", opDup: "DUP",
		opFloat: "FLOAT", opInt: "INT", opBinInt: "BININT", opBinInt1: "BININT1", opLong: "LONG",
		opBinInt2: "BININT2", opNone: "NONE", opPersID: "PERSID", opBinPersID: "BINPERSID",
		opReduce: "REDUCE", opString: "STRING", opBinString: "BINSTRING",
		opShortBinString: "SHORT_BINSTRING", opUnicode: "UNICODE", opBinUnicode: "BINUNICODE",
		opAppend: "APPEND", opBuild: "BUILD", opGlobal: "GLOBAL", opDict: "DICT",
		opEmptyDict: "EMPTY_DICT", opAppends: "APPENDS", opGet: "GET", opBinGet: "BINGET",
		opInst: "INST", opLongBinGet: "LONG_BINGET", opList: "LIST", opEmptyList: "EMPTY_LIST",
		opObj: "OBJ", opPut: "PUT", opBinPut: "BINPUT", opLongBinPut: "LONG_BINPUT",
		opSetItem: "SETITEM", opTuple: "TUPLE", opEmptyTuple: "EMPTY_TUPLE", opSetItems: "SETITEMS",
		opBinFloat: "BINFLOAT", opProto: "PROTO", opNewObj: "NEWOBJ", opExt1: "EXT1", opExt2: "EXT2",
		opExt4: "EXT4", opTuple1: "TUPLE1", opTuple2: "TUPLE2", opTuple3: "TUPLE3", opNewTrue: "NEWTRUE",
		opNewFalse: "NEWFALSE", opLong1: "LONG1", opLong4: "LONG4", opBinBytes: "BINBYTES",
		opShortBinBytes: "SHORT_BINBYTES", opShortBinUnicode: "SHORT_BINUNICODE",
		opBinUnicode8: "BINUNICODE8", opBinBytes8: "BINBYTES8", opEmptySet: "EMPTY_SET",
		opAddItems: "ADDITEMS", opFrozenSet: "FROZENSET", opNewObjEx: "NEWOBJ_EX",
		opStackGlobal: "STACK_GLOBAL", opMemoize: "MEMOIZE", opFrame: "FRAME",
		opByteArray8: "BYTEARRAY8", opNextBuffer: "NEXT_BUFFER", opReadOnlyBuffer: "READONLY_BUFFER",
	}
	if name, ok := names[op]; ok {
		return name
	}
	return fmt.Sprintf("opcode 0x%02x", op)
}

// step executes one opcode; it reports whether the opcode was STOP.
func (d *decoder) step(op byte) (stop bool, err error) {
	switch op {
	case opStop:
		return true, nil
	case opProto:
		p, err := d.readByte()
		if err != nil {
			return false, err
		}
		if p > 5 {
			return false, d.errorf("unsupported pickle protocol %d", p)
		}
	case opFrame:
		// Frames only group small opcodes for buffering; the data stream
		// is the same without them. Check the declared size anyway.
		n, err := d.readUint(8)
		if err != nil {
			return false, err
		}
		if left := len(d.data) - d.pos; n > uint64(left) {
			return false, d.errorf("frame of %d bytes exceeds the %d bytes left in the input", n, left)
		}
	case opMark:
		if len(d.marks) >= d.lim.MaxStack {
			return false, d.errorf("more than %d open MARKs", d.lim.MaxStack)
		}
		d.marks = append(d.marks, len(d.stack))
	case opPop:
		if len(d.stack) > d.base() {
			_, err = d.pop()
		} else if len(d.marks) > 0 {
			d.marks = d.marks[:len(d.marks)-1]
		} else {
			err = d.errorf("stack underflow")
		}
	case opPopMark:
		_, err = d.popMark()
	case opDup:
		var v any
		if v, err = d.top(); err == nil {
			err = d.push(v)
		}

	case opNone:
		err = d.push(nil)
	case opNewTrue:
		err = d.push(true)
	case opNewFalse:
		err = d.push(false)
	case opBinInt:
		var b []byte
		if b, err = d.readFixed(4); err == nil {
			err = d.push(int64(int32(binary.LittleEndian.Uint32(b))))
		}
	case opBinInt1, opBinInt2:
		var n uint64
		if n, err = d.readUint(argWidth(op)); err == nil {
			err = d.push(int64(n))
		}
	case opLong1, opLong4:
		err = d.long(op)
	case opBinFloat:
		var b []byte
		if b, err = d.readFixed(8); err == nil {
			err = d.push(math.Float64frombits(binary.BigEndian.Uint64(b)))
		}

	case opShortBinString, opBinString, opShortBinBytes, opBinBytes, opBinBytes8, opByteArray8,
		opShortBinUnicode, opBinUnicode, opBinUnicode8:
		err = d.binary(op)

	case opEmptyTuple:
		err = d.push(&tuple{off: d.opPos})
	case opTuple:
		var items []any
		if items, err = d.popMark(); err == nil {
			err = d.push(&tuple{items: items, off: d.opPos})
		}
	case opTuple1, opTuple2, opTuple3:
		var items []any
		if items, err = d.popN(int(op-opTuple1) + 1); err == nil {
			err = d.push(&tuple{items: items, off: d.opPos})
		}
	case opEmptyList:
		err = d.push(&list{off: d.opPos})
	case opList:
		var items []any
		if items, err = d.popMark(); err == nil {
			err = d.push(&list{items: items, off: d.opPos})
		}
	case opAppend:
		var v any
		if v, err = d.pop(); err == nil {
			err = d.appendTo([]any{v})
		}
	case opAppends:
		var items []any
		if items, err = d.popMark(); err == nil {
			err = d.appendTo(items)
		}
	case opEmptyDict:
		err = d.push(&dict{m: make(map[string]any), off: d.opPos})
	case opDict:
		var items []any
		if items, err = d.popMark(); err == nil {
			m := &dict{m: make(map[string]any), off: d.opPos}
			if err = d.setItems(m, items); err == nil {
				err = d.push(m)
			}
		}
	case opSetItem:
		var items []any
		if items, err = d.popN(2); err == nil {
			err = d.setItemsTop(items)
		}
	case opSetItems:
		var items []any
		if items, err = d.popMark(); err == nil {
			err = d.setItemsTop(items)
		}

	case opBinPut, opLongBinPut, opMemoize:
		err = d.put(op)
	case opBinGet, opLongBinGet:
		var k uint64
		if k, err = d.readUint(argWidth(op)); err == nil {
			v, ok := d.memo[int64(k)]
			if !ok {
				return false, d.errorf("memo key %d is not defined", k)
			}
			err = d.push(v)
		}

	case opGlobal:
		var mod, name string
		if mod, err = d.readLine(); err != nil {
			return false, err
		}
		if name, err = d.readLine(); err != nil {
			return false, err
		}
		var g global
		if g, err = d.lookup(mod, name); err == nil {
			err = d.push(g)
		}
	case opStackGlobal:
		var items []any
		if items, err = d.popN(2); err != nil {
			return false, err
		}
		mod, ok1 := items[0].(string)
		name, ok2 := items[1].(string)
		if !ok1 || !ok2 {
			return false, d.errorf("module and name must be str, got %s and %s", typeName(items[0]), typeName(items[1]))
		}
		var g global
		if g, err = d.lookup(mod, name); err == nil {
			err = d.push(g)
		}
	case opReduce:
		var items []any
		if items, err = d.popN(2); err != nil {
			return false, err
		}
		var v any
		if v, err = d.reduce(items[0], items[1]); err == nil {
			err = d.push(v)
		}
	case opBuild:
		var state, obj any
		if state, err = d.pop(); err != nil {
			return false, err
		}
		if obj, err = d.top(); err == nil {
			err = d.build(obj, state)
		}

	case opNextBuffer, opReadOnlyBuffer:
		err = d.errorf("out-of-band buffers (pickle.dump with buffer_callback) are not supported")
	case opEmptySet, opAddItems, opFrozenSet:
		err = d.errorf("sets are not supported")
	case opNewObj, opNewObjEx, opInst, opObj:
		err = d.errorf("class instances are not supported (only numpy arrays, dtypes and scalars)")
	case opExt1, opExt2, opExt4:
		err = d.errorf("the extension registry (copyreg) is not supported")
	case opPersID, opBinPersID:
		err = d.errorf("persistent IDs are not supported")
	case opInt, opLong, opFloat, opString, opUnicode, opGet, opPut:
		err = d.errorf("protocol 0 text opcodes are not supported (protocols 2 to 5 only)")
	default:
		err = d.errorf("unknown opcode")
	}
	return false, err
}

// argWidth returns the size in bytes of the integer argument (a value,
// memo key or payload length) of op.
func argWidth(op byte) int {
	switch op {
	case opBinInt1, opBinGet, opBinPut, opLong1, opShortBinString, opShortBinBytes, opShortBinUnicode:
		return 1
	case opBinInt2:
		return 2
	case opBinInt, opLongBinGet, opLongBinPut, opLong4, opBinString, opBinBytes, opBinUnicode:
		return 4
	}
	return 8 // BINUNICODE8, BINBYTES8, BYTEARRAY8, FRAME
}

// readUint reads an n-byte little-endian unsigned argument, n ≤ 8.
func (d *decoder) readUint(n int) (uint64, error) {
	b, err := d.readFixed(n)
	if err != nil {
		return 0, err
	}
	var v uint64
	for i := n - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v, nil
}

// long executes LONG1 and LONG4: a little-endian two's-complement integer
// of declared length, which must fit in an int64.
func (d *decoder) long(op byte) error {
	n, err := d.readUint(argWidth(op))
	if err != nil {
		return err
	}
	if op == opLong4 && int32(n) < 0 {
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

// binary executes the opcodes that carry a length-prefixed payload.
func (d *decoder) binary(op byte) error {
	n, err := d.readUint(argWidth(op))
	if err != nil {
		return err
	}
	if op == opBinString && int32(n) < 0 {
		return d.errorf("negative length %d", int32(n))
	}
	b, err := d.readPayload(n)
	if err != nil {
		return err
	}
	switch op {
	case opShortBinString, opBinString:
		return d.push(py2Str(b))
	case opShortBinUnicode, opBinUnicode, opBinUnicode8:
		return d.push(string(b)) // a copy: strings outlive the input
	}
	return d.push(b) // a view of the input
}

// put executes BINPUT, LONG_BINPUT and MEMOIZE: it stores the top of the
// stack in the memo.
func (d *decoder) put(op byte) error {
	var k int64
	switch op {
	case opBinPut, opLongBinPut:
		n, err := d.readUint(argWidth(op))
		if err != nil {
			return err
		}
		k = int64(n)
	default:
		k = int64(len(d.memo))
	}
	v, err := d.top()
	if err != nil {
		return err
	}
	if _, ok := d.memo[k]; !ok && len(d.memo) >= d.lim.MaxMemo {
		return d.errorf("memo exceeds the limit of %d entries", d.lim.MaxMemo)
	}
	d.memo[k] = v
	return nil
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
