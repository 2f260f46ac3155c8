package pickle

// Limits bounds the resources one Decode may use. A zero or negative field
// means the value of DefaultLimits for that field. (Declared lengths need
// no limit: they are checked against the bytes left in the input.)
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
	for _, f := range [][2]*int{{&lim.MaxMemo, &def.MaxMemo}, {&lim.MaxStack, &def.MaxStack}, {&lim.MaxDepth, &def.MaxDepth}, {&lim.MaxValues, &def.MaxValues}} {
		if *f[0] <= 0 {
			*f[0] = *f[1]
		}
	}
	return lim
}
