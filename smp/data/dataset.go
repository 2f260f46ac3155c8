package data

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/smp-go/smp-go/smp/internal/mmap"
)

// Dict is a data-set node mapping names to values.
type Dict map[string]any

// List is a data-set node holding values in order.
type List []any

// A Dataset is a tree read from one file: Dict and List nodes whose leaves are
// *Array values or scalars (float64, int64, bool, string, nil).
//
// Source names the file the tree came from (its path as given to Load);
// every accessor error starts with it, followed by the key path, e.g.
//
//	/data/trajectories.pickle: predicted_outputs[2]: want a 3-D float array, got shape (800, 500)
//
// A data set loaded from a file usually maps it, and its arrays are views
// of the mapping (see Array): Close releases it.
type Dataset struct {
	Source string
	Root   Dict

	file fileBytes // the file the arrays view, if any
}

// fileBytes is the content of a data file, as *mmap.File holds it.
type fileBytes interface {
	Path() string
	Bytes() []byte
	Prefault(b []byte)
	Close() error
}

// Close releases the file mapping behind the data set's arrays.
// Neither they nor arrays derived from them without a copy (such as
// Trajectories) may be used afterwards. Without Close the mapping
// lasts until the process ends. Closing twice, or a data set that was not
// loaded from a file, is a no-op.
func (d *Dataset) Close() error {
	if d.file == nil {
		return nil
	}
	return d.file.Close() // which closing twice leaves alone
}

// Guard runs fn, turning a memory fault on a mapped data file (truncated
// while in use) into one error naming the file instead of a crash, in the
// calling goroutine and in num.ParallelFor's workers (see
// smp/internal/mmap). Commands wrap their work in it.
func Guard(fn func() error) error { return mmap.Guard(fn) }

// PathError reports a value missing from a data set or of the wrong kind.
type PathError struct {
	Source string // file the data set came from
	Path   string // key path, e.g. "predicted_outputs[2]"
	Msg    string // what was expected and what was found
}

// Error returns "source: path: message", or "source: message" at the root.
func (e *PathError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%s: %s", e.Source, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.Source, e.Path, e.Msg)
}

// formatPath renders a key path: the first key bare, later string keys as
// ["key"], integer indices as [i].
func formatPath(path []any) string {
	var b strings.Builder
	for i, p := range path {
		switch k := p.(type) {
		case string:
			if i == 0 {
				b.WriteString(k)
			} else {
				fmt.Fprintf(&b, "[%q]", k)
			}
		case int:
			fmt.Fprintf(&b, "[%d]", k)
		default:
			fmt.Fprintf(&b, "[%v]", k)
		}
	}
	return b.String()
}

func (d *Dataset) errorf(path []any, format string, args ...any) error {
	return &PathError{Source: d.Source, Path: formatPath(path), Msg: fmt.Sprintf(format, args...)}
}

// Get returns the value at path; each element is a string (a Dict key) or an
// int (a List index).
func (d *Dataset) Get(path ...any) (any, error) {
	var v any = d.Root
	for i, p := range path {
		switch node := v.(type) {
		case Dict:
			k, ok := p.(string)
			if !ok {
				return nil, d.errorf(path[:i], "want a key, got index %v into a dict", p)
			}
			next, ok := node[k]
			if !ok {
				return nil, d.errorf(path[:i+1], "missing key (have %s)", strings.Join(sortedKeys(node), ", "))
			}
			v = next
		case List:
			k, ok := p.(int)
			if !ok {
				return nil, d.errorf(path[:i], "want an index, got key %q into a list", p)
			}
			if k < 0 || k >= len(node) {
				return nil, d.errorf(path[:i+1], "index out of range: list has %d elements", len(node))
			}
			v = node[k]
		default:
			return nil, d.errorf(path[:i], "want a dict or list, got %s", kindOf(v))
		}
	}
	return v, nil
}

// Array returns the array at path.
func (d *Dataset) Array(path ...any) (*Array, error) { return getAs[*Array](d, "an array", path) }

// FloatArray returns the float32 or float64 array at path and checks that it
// has ndim dimensions (any number when ndim < 0).
func (d *Dataset) FloatArray(ndim int, path ...any) (*Array, error) {
	want := "a float array"
	if ndim >= 0 {
		want = fmt.Sprintf("a %d-D float array", ndim)
	}
	a, err := getAs[*Array](d, want, path)
	if err == nil && (!a.IsFloat() || (ndim >= 0 && a.NDim() != ndim)) {
		return nil, d.errorf(path, "want %s, got %s", want, kindOf(a))
	}
	return a, err
}

// List returns the list at path.
func (d *Dataset) List(path ...any) (List, error) { return getAs[List](d, "a list", path) }

// getAs returns the value at path as a T; want describes a T for errors.
func getAs[T any](d *Dataset, want string, path []any) (T, error) {
	v, err := d.Get(path...)
	if err != nil {
		return *new(T), err
	}
	t, ok := v.(T)
	if !ok {
		return t, d.errorf(path, "want %s, got %s", want, kindOf(v))
	}
	return t, nil
}

// Scalar returns the number at path: a float64 or int64 leaf, or an array
// with exactly one element (a numpy scalar or 0-d array).
func (d *Dataset) Scalar(path ...any) (float64, error) {
	v, err := d.Get(path...)
	if err != nil {
		return 0, err
	}
	switch s := v.(type) {
	case float64:
		return s, nil
	case int64:
		return float64(s), nil
	case *Array:
		if s.Len() == 1 {
			return s.Float64()[0], nil
		}
	}
	return 0, d.errorf(path, "want a number, got %s", kindOf(v))
}

// kindOf describes a value for error messages: "shape (800, 500) float32
// array", "list of 3", "dict", "string", ...
func kindOf(v any) string {
	switch x := v.(type) {
	case *Array:
		return fmt.Sprintf("%s array of shape %s", x.DType(), FormatShape(x.Shape))
	case List:
		return fmt.Sprintf("a list of %d", len(x))
	case Dict:
		return fmt.Sprintf("a dict of %d keys", len(x))
	case nil:
		return "None"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func sortedKeys(d Dict) []string { return slices.Sorted(maps.Keys(d)) }

// Describe prints the structure of the tree as the original notebook does:
// one line per top-level key in sorted order, "key: <description>", where an
// array is "array(d0, d1, ...)" (a 1-D shape prints as "(n,)") and a list is
// "list(<d1>, <d2>, ...)". Nested dicts print as "dict(key: <d>, ...)" and
// scalars by their Python type name.
func (d *Dataset) Describe() string {
	keys := sortedKeys(d.Root)
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = k + ": " + describe(d.Root[k])
	}
	return strings.Join(lines, "\n")
}

func describe(v any) string {
	switch x := v.(type) {
	case *Array:
		return "array" + FormatShape(x.Shape)
	case List:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = describe(e)
		}
		return "list(" + strings.Join(parts, ", ") + ")"
	case Dict:
		keys := sortedKeys(x)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + describe(x[k])
		}
		return "dict(" + strings.Join(parts, ", ") + ")"
	case float64:
		return "float"
	case int64:
		return "int"
	case bool:
		return "bool"
	case string:
		return "str"
	case []byte:
		return "bytes"
	case nil:
		return "None"
	}
	return fmt.Sprintf("%T", v)
}
