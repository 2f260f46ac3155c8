package data

import (
	"errors"
	"fmt"

	"github.com/smp-go/smp-go/smp/internal/mmap"
	"github.com/smp-go/smp-go/smp/internal/pickle"
)

// LoadPickle reads a Python pickle of numpy arrays — the format of
// DeepMind's original data files — natively, without Python.
//
// Only what such files hold is accepted: dicts with string keys, lists and
// tuples (both become List), numpy arrays and scalars (numpy 1.x and 2.x,
// pickle protocols 2 to 5), and Python numbers, strings and None. Any other
// Python class is rejected by name; every declared length is checked
// against the file size, and lists or dicts shared many times are bounded
// (see pickle.Limits).
//
// The file is mapped (see smp/internal/mmap). Arrays stored C-ordered and
// little-endian (protocols 3 to 5) are views of it (see Array), released by
// the Dataset's Close; others (protocol 2, Fortran order, big-endian) are
// converted copies in C order and native byte order.
func LoadPickle(path string) (*Dataset, error) {
	mf, err := mmap.Open(path)
	if err != nil {
		return nil, err
	}
	var v any
	err = Guard(func() error {
		var err error
		v, err = pickle.Decode(mf.Bytes(), pickle.DefaultLimits())
		return err
	})
	if err != nil {
		mf.Close()
		if !errors.Is(err, mmap.ErrFault) {
			err = fmt.Errorf("%s: %w", path, err)
		}
		return nil, err
	}
	root, ok := v.(map[string]any)
	if !ok {
		mf.Close()
		return nil, fmt.Errorf("%s: want a dict at the top level, got %s", path, kindOf(fromPickle(v)))
	}
	return &Dataset{Source: path, Root: fromPickle(root).(Dict), file: mf}, nil
}

// fromPickle converts the decoder's values to the data-set tree. The tree's
// size is bounded by the decoder (pickle.Limits.MaxValues).
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
		return fromNDArray(x)
	}
	return v
}
