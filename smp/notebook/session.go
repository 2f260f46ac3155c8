package notebook

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// session is what one process (one GoNB cell) has already obtained: the
// data source and the data sets read from it. Each cell is a new process, so
// it starts empty in every cell.
var session struct {
	src  *Source
	fig2 *Figure2
	net  *hdnet.Network
}

// Data returns the data the notebooks show (see ChooseData): $SMP_DATA_DIR,
// DeepMind's files in data/real, or the synthetic world in data/synthetic,
// which it makes on first use (MakeSynthetic) with progress on standard
// output. It stops the cell with one line of guidance when it cannot.
func Data() *Source {
	if session.src != nil {
		return session.src
	}
	src, err := chooseOrMake()
	if err != nil {
		Stop(err)
	}
	session.src = src
	return src
}

func chooseOrMake() (*Source, error) {
	var root string
	if os.Getenv(DataDirEnv) == "" {
		var err error
		if root, err = Root(); err != nil {
			return nil, err
		}
	}
	src, err := ChooseData(root)
	if errors.Is(err, errNoData) {
		return MakeSynthetic(root, os.Stdout)
	}
	return src, err
}

// Trajectories reads the trajectories of Data (figure 2's data set), once
// per cell, saying on standard output what it reads. It stops the cell on
// an error. Call it inside a Cached computation, so that a cell whose
// results are cached reads nothing.
func Trajectories() *data.Trajectories { return Must(OpenFigure2().trajectories()) }

// Network reads figure 3's three data sets of Data (the trained parameters,
// the visual inputs and RNN-1's HD statistics) and builds the network, once
// per cell. It stops the cell on an error. Call it inside a Cached
// computation.
func Network() *hdnet.Network {
	if session.net == nil {
		session.net = Must(LoadNetwork(Data(), os.Stdout))
	}
	return session.net
}

// LoadNetwork reads figure 3's three data sets of src and builds the
// network (hdnet.FromDatasets), writing one line about it to progress (if
// not nil). The network must have its units' resultant vectors.
func LoadNetwork(src *Source, progress io.Writer) (*hdnet.Network, error) {
	t0 := time.Now()
	var ds [3]*data.Dataset
	for i, name := range []string{data.ParametersName, data.VisualInputsName, data.HDStatsName} {
		p, err := src.Path(name)
		if err != nil {
			return nil, err
		}
		if ds[i], err = data.Load(p); err != nil {
			return nil, err
		}
	}
	net, err := hdnet.FromDatasets(ds[0], ds[1], ds[2])
	if err != nil {
		return nil, err
	}
	if net.RVAngles == nil {
		return nil, fmt.Errorf("%s: no resultant vectors (%s, %s)", src.Dir, hdnet.KeyRVAngles, hdnet.KeyRVLengths)
	}
	if progress != nil {
		fmt.Fprintf(progress, "(read the network: H = %d units, S = %d slots, %d images, in %.1f s)\n",
			net.H, net.S, net.NumImages, time.Since(t0).Seconds())
	}
	return net, nil
}

// Must returns v, or stops the cell with err (see Stop).
func Must[T any](v T, err error) T {
	if err != nil {
		Stop(err)
	}
	return v
}

// Stop ends the cell with err: one line on standard error starting with
// "smp-go: ", then exit status 1. Under GoNB the first cell of a kernel to
// stop with a message prints it in full; later cells stopping with the same
// message print a short pointer to it instead.
func Stop(err error) {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if seen(msg) {
		fmt.Fprintf(os.Stderr, "smp-go: stopped for the reason printed above by the first cell that stopped.\n")
	} else {
		fmt.Fprintf(os.Stderr, "smp-go: %s\n", msg)
	}
	os.Exit(1)
}

// seen reports whether this kernel has already stopped a cell with msg,
// and records msg. Outside GoNB (no $GONB_TMP_DIR) it reports false.
func seen(msg string) bool {
	dir := os.Getenv("GONB_TMP_DIR")
	if dir == "" {
		return false
	}
	p := filepath.Join(dir, "smp-go-stopped.txt")
	if b, err := os.ReadFile(p); err == nil && string(b) == msg {
		return true
	}
	_ = os.WriteFile(p, []byte(msg), 0o644)
	return false
}

// Check stops the cell with err, if not nil (see Stop).
func Check(err error) {
	if err != nil {
		Stop(err)
	}
}
