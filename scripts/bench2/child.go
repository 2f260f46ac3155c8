package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/synth"
)

// childArg, as the first argument, makes the program a child measuring
// one stage: childArg stage path shuffles seed. It is not a flag, so -h
// does not list it.
const childArg = "-bench2-child"

// Stages, each measured in a fresh child process.
const (
	stageGenerate  = "generate"  // synth.Generate and writeWorld (arguments path hdnet seed)
	stageLoad      = "load"      // data.LoadTrajectories
	stageClassify  = "classify"  // smp.Classify of all 288 units
	stageStability = "stability" // smp.SpatialStability of each RNN
)

// childResult is what a child prints on standard output, as JSON.
type childResult struct {
	Wall []float64 `json:"wall"` // seconds of each timed call
	CPU  []float64 `json:"cpu"`  // user+system CPU seconds of each timed call
	// AllocBytes is the Go heap allocated by the process (TotalAlloc)
	// when the stage ends.
	AllocBytes uint64 `json:"alloc_bytes"`
	Note       string `json:"note"`  // a summary of the results, for a sanity check
	Units      []int  `json:"units"` // units per RNN of the file
}

// runChild measures one stage and writes a childResult to w.
func runChild(args []string, w io.Writer) error {
	if len(args) > 0 && args[0] == stageGenerate {
		return runGenerate(args[1:], w)
	}
	if len(args) != 4 {
		return fmt.Errorf("child: want stage path shuffles seed, got %q", args)
	}
	stage, path := args[0], args[1]
	shuffles, err := strconv.Atoi(args[2])
	if err != nil {
		return err
	}
	seed, err := strconv.ParseInt(args[3], 10, 64)
	if err != nil {
		return err
	}
	var res childResult
	timed := func(f func() error) error {
		c0, t0 := cpuTime(), time.Now()
		err := f()
		res.Wall = append(res.Wall, time.Since(t0).Seconds())
		res.CPU = append(res.CPU, (cpuTime() - c0).Seconds())
		return err
	}

	var t *data.Trajectories
	load := func() error {
		var err error
		t, err = data.LoadTrajectories(path)
		if err != nil {
			return err
		}
		return checkShape(t, synth.FullConfig(uint64(seed)))
	}
	switch stage {
	case stageLoad:
		if err := timed(load); err != nil {
			return err
		}
		res.Note = fmt.Sprintf("%d samples, units per RNN %v", t.N(), t.UnitsPerRNN())
	case stageClassify:
		if err := load(); err != nil {
			return err
		}
		acts := t.Activations()
		runtime.GC()
		var c *smp.Classification
		err := timed(func() error {
			var err error
			c, err = smp.Classify(acts, t.HD, t.Pos, t.WorldDistances, smp.ClassifyOptions{NShuffles: shuffles, Seed: seed})
			return err
		})
		if err != nil {
			return err
		}
		counts, err := c.TypeCounts(t.UnitsPerRNN())
		if err != nil {
			return err
		}
		var parts []string
		for _, k := range counts {
			parts = append(parts, fmt.Sprintf("RNN-%d: %d HD, %d egoBVC, %d BVC", k.RNN, k.HD, k.Ego, k.Allo))
		}
		res.Note = fmt.Sprintf("thresholds HD %.3f, ego %.3f, allo %.3f; %s",
			c.HDThreshold, c.EgoThreshold, c.AlloThreshold, strings.Join(parts, "; "))
	case stageStability:
		if err := load(); err != nil {
			return err
		}
		runtime.GC()
		var parts []string
		for k, a := range t.PredictedOutputs {
			var s []float64
			err := timed(func() error {
				var err error
				s, err = smp.SpatialStability(t.Pos, a)
				return err
			})
			if err != nil {
				return err
			}
			parts = append(parts, fmt.Sprintf("RNN-%d median %.2f", k+1, median(s)))
		}
		res.Note = "stability " + strings.Join(parts, ", ")
	default:
		return fmt.Errorf("child: unknown stage %q", stage)
	}
	res.Units = t.UnitsPerRNN()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	res.AllocBytes = ms.TotalAlloc
	runtime.KeepAlive(t)
	return json.NewEncoder(w).Encode(res)
}

// checkShape checks that t has the shapes of the trajectories of the
// world of cfg: Trajectories × Steps samples, 3 RNNs of which RNN-2 and
// RNN-3 have cfg.RNN2.Units and cfg.RNN3.Units units, cfg.Maps memory maps
// of cfg.Slots slots, cfg.Sensors wall distances.
func checkShape(t *data.Trajectories, cfg synth.Config) error {
	u := t.UnitsPerRNN()
	ok := t.NTraj == cfg.Trajectories && t.NSteps == cfg.Steps && len(u) == 3 &&
		u[1] == cfg.RNN2.Units && u[2] == cfg.RNN3.Units &&
		len(t.LogPsGivenY) == cfg.Maps && t.WorldDistances.Shape[1] == cfg.Sensors
	for _, l := range t.LogPsGivenY {
		ok = ok && l.Shape[1] == cfg.Slots
	}
	if !ok {
		var slots []int
		for _, l := range t.LogPsGivenY {
			slots = append(slots, l.Shape[1])
		}
		return fmt.Errorf("%s: %d x %d samples, units %v, slots per map %v, %d wall distances; want %d x %d, [* %d %d], %d maps of %d, %d",
			t.Source, t.NTraj, t.NSteps, u, slots, t.WorldDistances.Shape[1],
			cfg.Trajectories, cfg.Steps, cfg.RNN2.Units, cfg.RNN3.Units, cfg.Maps, cfg.Slots, cfg.Sensors)
	}
	return nil
}

// cpuTime returns the user plus system CPU time of the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// median returns the median of the non-NaN values of x (NaN if none).
func median(x []float64) float64 {
	s := make([]float64, 0, len(x))
	for _, v := range x {
		if v == v {
			s = append(s, v)
		}
	}
	if len(s) == 0 {
		return math.NaN()
	}
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// childProcess runs a child measuring stage and returns its result and
// its peak resident set size in bytes.
func childProcess(stage, path string, shuffles int, seed int64) (*childResult, int64, error) {
	return spawn(stage, path, strconv.Itoa(shuffles), strconv.FormatInt(seed, 10))
}

// spawn runs this program as a child with childArg and args (the stage
// first) and returns its result and its peak resident set size in bytes.
//
// The parent must stay small: on Linux a child's ru_maxrss starts from the
// parent's peak RSS at the exec (Go's os/exec uses vfork, and execve
// carries the old address space's high-water mark over), which is why the
// data are generated in a child too.
func spawn(args ...string) (*childResult, int64, error) {
	stage := args[0]
	exe, err := os.Executable()
	if err != nil {
		return nil, 0, err
	}
	cmd := exec.Command(exe, append([]string{childArg}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, 0, fmt.Errorf("%s child: %w", stage, err)
	}
	var res childResult
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, 0, fmt.Errorf("%s child: %w (output %q)", stage, err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return nil, 0, fmt.Errorf("%s child: no resource usage", stage)
	}
	return &res, maxRSSBytes(ru), nil
}

// maxRSSBytes converts getrusage's ru_maxrss to bytes: it is in kilobytes
// on Linux and the BSDs, in bytes on macOS.
func maxRSSBytes(ru *syscall.Rusage) int64 {
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}
