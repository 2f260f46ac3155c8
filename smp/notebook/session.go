package notebook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// session is what one process (one GoNB cell) has already obtained: the
// data source, and its steps with the data sets read so far. Each cell is a
// new process, so it starts empty in every cell.
var session struct {
	src   *Source
	steps *steps
}

// Data returns the data the notebooks show (see ChooseData): $SMP_DATA_DIR,
// DeepMind's files in data/real, or the synthetic world in data/synthetic,
// which it makes on first use (MakeSynthetic) with progress on standard
// output. It stops the cell with one line of guidance when it cannot.
func Data() *Source {
	if session.src == nil {
		session.src = Must(chooseOrMake())
	}
	return session.src
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

// sessionSteps returns the steps of this process on Data, with progress on
// standard output.
func sessionSteps() *steps {
	if session.steps == nil {
		session.steps = newSteps(Data(), os.Stdout)
	}
	return session.steps
}

// Trajectories reads the trajectories of Data (figure 2's data set), once
// per cell, saying on standard output what it reads. It stops the cell on
// an error. Call it inside a Cached computation, so that a cell whose
// results are cached reads nothing.
func Trajectories() *data.Trajectories { return Must(sessionSteps().trajectories()) }

// Network reads figure 3's three data sets of Data (the trained parameters,
// the visual inputs and RNN-1's HD statistics) and builds the network, once
// per cell. It stops the cell on an error. Call it inside a Cached
// computation.
func Network() *hdnet.Network { return Must(sessionSteps().network()) }

// trajectories reads the trajectories of s's data, once, with a progress
// line.
func (s *steps) trajectories() (*data.Trajectories, error) {
	if s.traj == nil {
		p, err := data.FindDataset(s.src.Dir, data.TrajectoriesName)
		if err != nil {
			return nil, err
		}
		t0 := time.Now()
		if s.traj, err = data.LoadTrajectories(p); err != nil {
			return nil, err
		}
		fmt.Fprintf(s.progress, "(read %s: %d trajectories x %d steps, in %.1f s)\n", p, s.traj.NTraj, s.traj.NSteps, time.Since(t0).Seconds())
	}
	return s.traj, nil
}

// network reads figure 3's three data sets of s's data and builds the
// network (hdnet.FromDatasets), once, with a progress line. The network
// must have its units' resultant vectors.
func (s *steps) network() (*hdnet.Network, error) {
	if s.net != nil {
		return s.net, nil
	}
	t0 := time.Now()
	var ds [3]*data.Dataset
	for i, name := range []string{data.ParametersName, data.VisualInputsName, data.HDStatsName} {
		p, err := data.FindDataset(s.src.Dir, name)
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
		return nil, fmt.Errorf("%s: no resultant vectors (%s, %s)", s.src.Dir, hdnet.KeyRVAngles, hdnet.KeyRVLengths)
	}
	fmt.Fprintf(s.progress, "(read the network: H = %d units, S = %d slots, %d images, in %.1f s)\n",
		net.H, net.S, net.NumImages, time.Since(t0).Seconds())
	s.net = net
	return net, nil
}

// Must returns v, or stops the cell with err (see Stop).
func Must[T any](v T, err error) T {
	Check(err)
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
