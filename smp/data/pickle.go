package data

import (
	"fmt"
	"path/filepath"

	"github.com/smp-go/smp-go/smp/internal/pickle"
)

// LoadPickle reads a Python pickle of numpy arrays — the format of
// DeepMind's original data files — natively, without Python.
//
// Only what such files hold is accepted: dicts with string keys, lists and
// tuples (both become List), numpy arrays and scalars (numpy 1.x and 2.x,
// pickle protocols 2 to 5), and Python numbers, strings and None. Any other
// Python class is rejected by name; every declared length is checked
// against the file size before memory is allocated. Arrays come back in C
// order and native byte order; the big float32 arrays are not copied after
// being read.
func LoadPickle(path string) (*Dataset, error) {
	v, err := pickle.Load(path, pickle.DefaultLimits())
	if err != nil {
		return nil, err
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: want a dict at the top level, got %s", path, pickleKind(v))
	}
	return &Dataset{Source: filepath.Base(path), Root: fromPickle(root).(Dict)}, nil
}

// fromPickle converts the decoder's values to the data-set tree.
func fromPickle(v any) any {
	switch x := v.(type) {
	case map[string]any:
		d := make(Dict, len(x))
		for k, e := range x {
			d[k] = fromPickle(e)
		}
		return d
	case []any:
		l := make(List, len(x))
		for i, e := range x {
			l[i] = fromPickle(e)
		}
		return l
	case *pickle.NDArray:
		return &Array{Shape: x.Shape, Data: x.Data}
	case int:
		return int64(x)
	}
	return v
}

func pickleKind(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case *pickle.NDArray:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}
