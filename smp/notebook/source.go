package notebook

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/smp-go/smp-go/smp/cache"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/synth"
)

// DataDirEnv names the environment variable that, when set, makes the
// notebooks use that directory instead of choosing one in the repository.
const DataDirEnv = "SMP_DATA_DIR"

// dataSets are the names of the four data sets DeepMind published (and the
// synthetic world imitates): figure 2 reads the trajectories, figure 3 the
// other three.
var dataSets = []string{data.TrajectoriesName, data.ParametersName, data.VisualInputsName, data.HDStatsName}

// A Source is a directory of data sets and where they come from.
type Source struct {
	Dir  string
	Kind figures.DataKind
	// ID identifies the current content of the directory's data set files
	// (their paths, inodes, sizes and times): part of every cache key.
	ID string
	// NoCache makes the steps compute every result, with no cache.
	NoCache bool
}

// String returns a one-line account, e.g. "synthetic data (a simulation,
// not DeepMind's model) in /repo/data/synthetic".
func (s *Source) String() string {
	switch s.Kind {
	case figures.RealData:
		return "DeepMind's data (the trained model's recordings) in " + s.shown()
	case figures.SyntheticData:
		return "synthetic data (a simulation, not DeepMind's model) in " + s.shown()
	}
	return "data of unknown origin (neither data/real nor a synthetic world) in " + s.shown()
}

// Describe returns a short Markdown paragraph for a notebook saying which
// data is shown and what that means for reading the figures.
func (s *Source) Describe() string {
	switch s.Kind {
	case figures.RealData:
		return fmt.Sprintf("**Data: DeepMind's files** (`%s`): the recordings and parameters of the trained "+
			"Spatial Memory Pipeline published with the paper. The figures should look like the published "+
			"ones, up to the randomness of the shuffles and of the random initial states.", s.shown())
	case figures.SyntheticData:
		return fmt.Sprintf("**Data: the synthetic world** (`%s`). This is a *simulation*, not DeepMind's "+
			"trained model: a simulated rat in a 2.2 m box, with RNN-1 a 32-unit head-direction LSTM "+
			"constructed as a ring attractor, RNN-2 mostly planted egocentric boundary-vector cells, RNN-3 "+
			"mostly planted allocentric ones, and memory slots that act like place cells, corrected by views "+
			"rendered in the simulated arena. Because every unit's planted type is known, we can check what "+
			"the analyses recover. The numbers and pictures are the simulation's, not the paper's. "+
			"(Download DeepMind's files with `go run ./scripts/download` and the notebooks use them instead.)", s.shown())
	}
	return fmt.Sprintf("**Data: `%s`** (from $%s), of unknown origin: neither DeepMind's files nor a "+
		"generated synthetic world.", s.shown(), DataDirEnv)
}

// shown is s.Dir as messages show it: relative to the repository root
// when it is inside the repository (e.g. data/synthetic), so that a
// notebook's output does not depend on where the repository is.
func (s *Source) shown() string {
	root, err := data.FindRoot(s.Dir)
	if err != nil {
		return s.Dir
	}
	rel, err := filepath.Rel(root, s.Dir)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return s.Dir
	}
	return filepath.ToSlash(rel)
}

// errNoData says that neither data/real nor data/synthetic is complete.
var errNoData = errors.New("no data")

// ChooseData chooses the data directory under the repository root: the
// directory $SMP_DATA_DIR when set; root/data/real when it holds all four
// of DeepMind's data sets; otherwise root/data/synthetic when the synthetic
// world there is complete (its manifest written). It does not make the
// synthetic world (see MakeSynthetic); when there is none the error wraps
// errNoData.
func ChooseData(root string) (*Source, error) {
	if dir := os.Getenv(DataDirEnv); dir != "" {
		s, err := Dir(dir)
		if err != nil {
			return nil, fmt.Errorf("%s=%s: %w", DataDirEnv, dir, err)
		}
		return s, nil
	}
	realDir := filepath.Join(root, "data", "real")
	if ok, err := complete(realDir); err != nil {
		return nil, err
	} else if ok {
		return newSource(realDir, figures.RealData)
	}
	syn := filepath.Join(root, "data", "synthetic")
	if _, err := os.Stat(filepath.Join(syn, synth.ManifestFile)); err == nil {
		return newSource(syn, figures.SyntheticData)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return nil, fmt.Errorf("%w under %s: neither data/real (go run ./scripts/download) nor data/synthetic (go run ./scripts/synth)", errNoData, root)
}

// Dir describes an explicitly given data directory: the synthetic world if
// it holds its manifest; DeepMind's data only if it is data/real of the
// repository (where go run ./scripts/download puts DeepMind's files) and
// holds their four data sets; other data otherwise (any other directory of
// pickles included: nothing vouches that they are DeepMind's).
func Dir(dir string) (*Source, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, synth.ManifestFile)); err == nil {
		return newSource(dir, figures.SyntheticData)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if root, err := data.FindRoot(abs); err == nil && abs == filepath.Join(root, "data", "real") {
		if ok, _ := complete(abs); ok {
			return newSource(abs, figures.RealData)
		}
	}
	return newSource(abs, figures.OtherData)
}

// newSource returns the source of dir with its content's identity.
func newSource(dir string, kind figures.DataKind) (*Source, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	s := &Source{Dir: abs, Kind: kind}
	var ids []string
	for _, n := range dataSets {
		p, err := data.FindDataset(abs, n)
		if err != nil {
			continue // a data set this directory lacks: its readers say so
		}
		id, err := cache.FileID(p)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	s.ID = strings.Join(ids, ";")
	return s, nil
}

// complete reports whether dir holds all four data sets.
func complete(dir string) (bool, error) {
	for _, name := range dataSets {
		if _, err := data.FindDataset(dir, name); err != nil {
			if _, serr := os.Stat(dir); serr != nil && !errors.Is(serr, fs.ErrNotExist) {
				return false, serr
			}
			return false, nil
		}
	}
	return true, nil
}

// RepoEnv names the environment variable that points a notebook outside the
// repository at one (in a cell: %env SMP_REPO /path/to/smp-go).
const RepoEnv = "SMP_REPO"

// Root returns the root of the smp-go repository: the one holding $SMP_REPO
// when set, otherwise the one holding the working directory, which is the
// notebook's directory under GoNB (data.FindRoot).
func Root() (string, error) {
	if dir := os.Getenv(RepoEnv); dir != "" {
		root, err := data.FindRoot(dir)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", RepoEnv, dir, err)
		}
		return root, nil
	}
	root, err := data.FindRoot("")
	if err != nil {
		return "", fmt.Errorf("%w (outside the repository, set %s to its path)", err, RepoEnv)
	}
	return root, nil
}
