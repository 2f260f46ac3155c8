package figures

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/smp-go/smp-go/smp/data"
)

// ModulePath is the module whose root RepoRoot looks for.
const ModulePath = "github.com/smp-go/smp-go"

// ManifestFile marks a directory written by the synthetic-world generator
// (go run ./scripts/synth); it is written last, so its presence means the
// world is complete.
const ManifestFile = "manifest.json"

// DataKind says where a data set comes from.
type DataKind int

const (
	// RealData is DeepMind's files: the trained model's recordings,
	// downloaded by go run ./scripts/download into data/real.
	RealData DataKind = iota + 1
	// SyntheticData is the simulated world made by go run ./scripts/synth
	// (a directory holding ManifestFile): not DeepMind's model, but a
	// simulation whose planted cell types are known.
	SyntheticData
	// OtherData is any other directory in the same schema (for example a
	// small test set): neither DeepMind's pickles nor a generated world.
	OtherData
)

// String returns "real", "synthetic" or "other".
func (k DataKind) String() string {
	switch k {
	case RealData:
		return "real"
	case SyntheticData:
		return "synthetic"
	case OtherData:
		return "other"
	}
	return fmt.Sprintf("DataKind(%d)", int(k))
}

// DataSource is a directory of data sets and where they come from.
type DataSource struct {
	Dir  string
	Kind DataKind
}

// String returns a one-line account, e.g. "synthetic data (a simulation,
// not DeepMind's model) in /repo/data/synthetic".
func (s DataSource) String() string {
	switch s.Kind {
	case RealData:
		return "real data (DeepMind's trained model) in " + s.Dir
	case SyntheticData:
		return "synthetic data (a simulation, not DeepMind's model) in " + s.Dir
	}
	return "data of unknown origin in " + s.Dir
}

// Describe returns a short Markdown paragraph for a notebook saying which
// data is shown and what that means for reading the figure.
func (s DataSource) Describe() string {
	switch s.Kind {
	case RealData:
		return fmt.Sprintf("**Data: DeepMind's real files** (`%s`): the recordings of the trained "+
			"Spatial Memory Pipeline published with the paper. The figure should look like the "+
			"published one (up to the randomness of the shuffle thresholds).", s.Dir)
	case SyntheticData:
		return fmt.Sprintf("**Data: the synthetic world** (`%s`). This is a *simulation*, not "+
			"DeepMind's trained model: a simulated rat in a 2.2 m box, with RNN-1 a head-direction "+
			"network, RNN-2 mostly planted egocentric boundary-vector cells, RNN-3 mostly planted "+
			"allocentric ones, and memory slots that act like place cells. Because the planted type "+
			"of every unit is known, we can check what the analyses recover. The numbers and "+
			"pictures are those of the simulation, not the paper's. (Download the real data with "+
			"`go run ./scripts/download` and the notebook will use it instead.)", s.Dir)
	}
	return fmt.Sprintf("**Data: `%s`**, of unknown origin (neither DeepMind's files nor a "+
		"generated synthetic world).", s.Dir)
}

// DataDir chooses the data directory of a figure under the repository root:
// root/data/real when every named data set (e.g. data.TrajectoriesName) is
// there — DeepMind's files, downloaded — and otherwise root/data/synthetic
// when the synthetic world is complete there (ManifestFile present) and
// holds the named data sets. With no names, all four data sets are
// required. It fails, saying how to get the data, when neither has them.
func DataDir(root string, names ...string) (DataSource, error) {
	if len(names) == 0 {
		names = []string{data.TrajectoriesName, data.ParametersName, data.VisualInputsName, data.HDStatsName}
	}
	realDir := filepath.Join(root, "data", "real")
	if ok, err := hasAll(realDir, names); err != nil {
		return DataSource{}, err
	} else if ok {
		return DataSource{Dir: realDir, Kind: RealData}, nil
	}
	syn := filepath.Join(root, "data", "synthetic")
	if _, err := os.Stat(filepath.Join(syn, ManifestFile)); err == nil {
		if ok, err := hasAll(syn, names); err != nil {
			return DataSource{}, err
		} else if ok {
			return DataSource{Dir: syn, Kind: SyntheticData}, nil
		}
		return DataSource{}, fmt.Errorf("%s: the synthetic world lacks %s; regenerate it with go run ./scripts/synth",
			syn, strings.Join(names, ", "))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return DataSource{}, err
	}
	return DataSource{}, fmt.Errorf("no data under %s: neither data/real (go run ./scripts/download) "+
		"nor data/synthetic (go run ./scripts/synth) holds %s", root, strings.Join(names, ", "))
}

// Source describes an explicitly given data directory: synthetic if it
// holds ManifestFile; real if it holds the named data sets as Python pickles
// (the format DeepMind published); other data otherwise. It fails if a named
// data set is missing.
func Source(dir string, names ...string) (DataSource, error) {
	pickles := true
	for _, n := range names {
		p, err := data.FindDataset(dir, n)
		if err != nil {
			return DataSource{}, err
		}
		ext := strings.ToLower(filepath.Ext(p))
		pickles = pickles && (ext == ".pickle" || ext == ".pkl")
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err == nil {
		return DataSource{Dir: dir, Kind: SyntheticData}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return DataSource{}, err
	}
	if pickles && len(names) > 0 {
		return DataSource{Dir: dir, Kind: RealData}, nil
	}
	return DataSource{Dir: dir, Kind: OtherData}, nil
}

// DataDirEnv names the environment variable that, when set, makes
// NotebookData use that directory instead of choosing one under the
// repository.
const DataDirEnv = "SMP_DATA_DIR"

// NotebookData returns the data source a notebook uses for the named data
// sets: the directory $SMP_DATA_DIR when set (described by Source),
// otherwise DataDir under the repository root found from the working
// directory (RepoRoot), which is the notebook's directory under GoNB.
func NotebookData(names ...string) (DataSource, error) {
	if dir := os.Getenv(DataDirEnv); dir != "" {
		return Source(dir, names...)
	}
	root, err := RepoRoot("")
	if err != nil {
		return DataSource{}, err
	}
	return DataDir(root, names...)
}

// hasAll reports whether every named data set is in dir.
func hasAll(dir string, names []string) (bool, error) {
	for _, n := range names {
		if _, err := data.FindDataset(dir, n); err != nil {
			if _, serr := os.Stat(dir); serr != nil && !errors.Is(serr, fs.ErrNotExist) {
				return false, serr
			}
			return false, nil
		}
	}
	return true, nil
}

// RepoRoot returns the root of the smp-go repository: the nearest directory
// at or above start (the working directory when start is "") whose go.mod
// declares module ModulePath. A notebook runs with its own directory as the
// working directory, so RepoRoot("") finds the repository from there.
func RepoRoot(start string) (string, error) {
	dir := start
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return "", fmt.Errorf("repository root: %w", err)
		}
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("repository root: %w", err)
	}
	for d := dir; ; {
		if ok, err := declaresModule(filepath.Join(d, "go.mod")); err != nil {
			return "", fmt.Errorf("repository root: %w", err)
		} else if ok {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("repository root: no go.mod of module %s at or above %s", ModulePath, dir)
		}
		d = parent
	}
}

// declaresModule reports whether the go.mod at path declares ModulePath.
func declaresModule(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == ModulePath, nil
		}
	}
	return false, sc.Err()
}
