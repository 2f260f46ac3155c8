package pickle

// Limits bounds the resources one Decode may use. A zero or negative field
// means the value of DefaultLimits for that field.
//
// Independently of Limits, every length declared inside the pickle (payloads
// of BINBYTES8, BINUNICODE, FRAME, ...) is checked against the number of
// bytes left in the input before anything is allocated, so memory use is at
// most a small constant times the input size.
type Limits struct {
	// MaxMemo is the largest number of memo entries (BINPUT, MEMOIZE).
	MaxMemo int
	// MaxStack is the largest number of values on the stack, and
	// separately the largest number of open MARKs.
	MaxStack int
	// MaxDepth is the deepest nesting of lists, tuples and dicts in the
	// decoded value; the top-level value has depth 1.
	MaxDepth int
	// MaxValues bounds the number of values in the decoded tree, each
	// container and leaf counted once for every path that reaches it. A
	// pickle can share one list many times (x = [x, x], repeated, doubles
	// the tree at each step in a few bytes), and whoever walks the result
	// walks every path. The bound used is the larger of MaxValues and the
	// input size in bytes, so a tree without sharing never exceeds it.
	MaxValues int
}

// DefaultLimits returns limits that no real numpy pickle comes near:
// 1<<20 memo entries, 1<<20 stack values and MARKs, nesting depth 1000,
// and 1<<20 values in the decoded tree (or the input size, if larger).
func DefaultLimits() Limits {
	return Limits{MaxMemo: 1 << 20, MaxStack: 1 << 20, MaxDepth: 1000, MaxValues: 1 << 20}
}

// orDefault replaces the unset fields of lim by their defaults.
func (lim Limits) orDefault() Limits {
	def := DefaultLimits()
	or := func(v, def int) int {
		if v <= 0 {
			return def
		}
		return v
	}
	return Limits{MaxMemo: or(lim.MaxMemo, def.MaxMemo), MaxStack: or(lim.MaxStack, def.MaxStack),
		MaxDepth: or(lim.MaxDepth, def.MaxDepth), MaxValues: or(lim.MaxValues, def.MaxValues)}
}
