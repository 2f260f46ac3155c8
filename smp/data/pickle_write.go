package data

import (
	"fmt"
	"io"

	"github.com/smp-go/smp-go/smp/internal/pickle"
)

// EncodePickle writes root to w as a Python pickle, protocol 4, laid out
// as Python 3's pickle.dump(root, f, protocol=4) lays out the same tree of
// numpy arrays: Python's pickle.load (with numpy) and LoadPickle read it
// back. Dict keys are written in sorted order; a List becomes a Python
// list; an *Array a numpy array in C order and native byte order, its data
// written straight from memory, without a copy; float64, int64, bool,
// string and nil become Python's float, int, bool, str and None.
func EncodePickle(w io.Writer, root Dict) error {
	v, err := toPickle(root)
	if err != nil {
		return err
	}
	return pickle.Encode(w, v, pickle.EncodeOptions{Protocol: 4})
}

// WritePickle writes root to path with EncodePickle, atomically (see
// WriteAtomic).
func WritePickle(path string, root Dict) error {
	v, err := toPickle(root)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return WriteAtomic(path, func(w io.Writer) error {
		return pickle.Encode(w, v, pickle.EncodeOptions{Protocol: 4})
	})
}

// toPickle converts a data-set tree to the pickle encoder's values.
func toPickle(v any) (any, error) {
	switch x := v.(type) {
	case Dict:
		m := make(map[string]any, len(x))
		for k, e := range x {
			p, err := toPickle(e)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			m[k] = p
		}
		return m, nil
	case List:
		l := make([]any, len(x))
		for i, e := range x {
			p, err := toPickle(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			l[i] = p
		}
		return l, nil
	case *Array:
		return pickle.NewArray(x.Data, x.Shape...)
	case float64, int64, bool, string, nil:
		return x, nil
	}
	return nil, fmt.Errorf("cannot write a %T to a pickle", v)
}
