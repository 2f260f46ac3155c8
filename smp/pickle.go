package smp

import "fmt"

// LoadPickle reads a Python pickle of numpy arrays (DeepMind's original
// data files) natively.
func LoadPickle(path string) (*Dataset, error) {
	return nil, fmt.Errorf("%s: pickle support not wired yet", path)
}
