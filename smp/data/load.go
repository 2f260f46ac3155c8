package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The four data sets of the original notebooks, by file stem.
const (
	TrajectoriesName = "trajectories"  // rat trajectories and the model's activations (figure 2)
	ParametersName   = "parameters"    // trained network parameters (figure 3)
	VisualInputsName = "visual_inputs" // images and their embeddings (figure 3)
	HDStatsName      = "hd_stats"      // resultant vectors of RNN-1 units (figure 3)
)

// dataExtensions lists the file formats a data set may come in, in order of
// preference.
var dataExtensions = []string{".npz", ".pickle", ".pkl"}

// Load reads a data set file: a numpy .npz archive or a Python pickle of
// numpy arrays (.pickle or .pkl), chosen by extension.
func Load(path string) (*Dataset, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".npz":
		return LoadNPZ(path)
	case ".pickle", ".pkl":
		return LoadPickle(path)
	}
	return nil, fmt.Errorf("%s: unknown data format (want .npz, .pickle or .pkl)", path)
}

// FindDataset returns the path of the data set called name (e.g.
// "trajectories") in dir, in whichever supported format is present.
func FindDataset(dir, name string) (string, error) {
	for _, ext := range dataExtensions {
		p := filepath.Join(dir, name+ext)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("%s: no %s data set (looked for %[2]s.npz, %[2]s.pickle, %[2]s.pkl)", dir, name)
}

// LoadDataset finds the data set called name in dir and loads it.
func LoadDataset(dir, name string) (*Dataset, error) {
	p, err := FindDataset(dir, name)
	if err != nil {
		return nil, err
	}
	return Load(p)
}
