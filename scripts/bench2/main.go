// Command bench2 times figure 2's heavy steps on data of the real size and
// prints a table of medians over several runs.
//
// It generates, deterministically from -seed, the full-size synthetic
// world of package smp/synth (synth.FullConfig: 800 trajectories of 500
// steps, RNN-1 the head-direction LSTM of -hdnet) and writes its
// trajectories once to DIR/trajectories.pickle as Python 3's
// pickle.dump(..., protocol=4) would, with the keys and shapes of
// DeepMind's file: hd [800, 500, 1], pos [.., 2], world_distances [.., 20],
// predicted_outputs [.., 32], [.., 128], [.., 128] and log_ps_given_y
// 2 × [.., 512], all float32 (2.14 GB), plus a key "generator" naming the
// generator, the seed, the head-direction network and the file's size. An
// existing file whose marker matches and whose size is the one it records
// is reused. After reading the file once to warm the page cache, each run
// measures three stages, each in a fresh child process (this program
// re-executed) so that the peak resident set size belongs to one
// measurement:
//
//   - load: data.LoadTrajectories (decode the pickle and flatten), wall time
//     and the child's peak RSS (getrusage ru_maxrss) against the file size;
//   - classify: smp.Classify of the 288 units with 1000 shuffles, timing
//     only the call (the child loads the file first);
//   - stability: smp.SpatialStability of each of the 3 RNNs.
//
// The table gives median, min and max wall time over the runs, the median
// CPU time (user + system, all threads), the target and the time
// the original Python notebook takes. Progress goes to standard error. The
// file is deleted at the end unless -keep.
//
//	go run ./scripts/bench2 [-dir /tmp/smp-bench] [-runs 5] [-keep] [-hdnet data/hdnet/params.npz]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/smp-go/smp-go/smp/data"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == childArg {
		if err := runChild(os.Args[2:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "bench2:", err)
			os.Exit(1)
		}
		return
	}
	dir := flag.String("dir", filepath.Join(os.TempDir(), "smp-bench"), "directory for the generated trajectories.pickle")
	runs := flag.Int("runs", 5, "runs of each stage (the median is reported)")
	keep := flag.Bool("keep", false, "keep the generated file (it is reused by the next run)")
	seed := flag.Uint64("seed", 1, "seed of the generated data and of the shuffles")
	shuffles := flag.Int("shuffles", 1000, "shuffles per unit for each classification threshold")
	hdnet := flag.String("hdnet", "data/hdnet/params.npz", "head-direction LSTM parameters of the synthetic world (.npz from smp/synth/hdtrain)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench2: ")
	if flag.NArg() > 0 || *runs < 1 || *shuffles < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*dir, *runs, *keep, *seed, *shuffles, *hdnet); err != nil {
		log.Fatal(err)
	}
}

// The targets and the original Python notebook's times, seconds.
const (
	targetLoad, pythonLoad           = 2.0, 7.7
	targetRSS                        = 1.5 // peak RSS / file size
	targetClassify, pythonClassify   = 1.5, 144
	targetStability, pythonStability = 0.5, 13
)

func run(dir string, runs int, keep bool, seed uint64, shuffles int, hdnet string) (err error) {
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(os.Stderr, "[%6.1fs] "+format+"\n", append([]any{time.Since(start).Seconds()}, a...)...)
	}
	load0 := loadAverage()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, data.TrajectoriesName+".pickle")
	if !keep {
		defer func() {
			switch rerr := os.Remove(path); {
			case rerr == nil:
				logf("removed %s (-keep keeps it for the next run)", path)
			case !errors.Is(rerr, fs.ErrNotExist) && err == nil:
				err = rerr
			}
			os.Remove(dir) // only if empty
		}()
	}

	size, genNote, err := prepare(path, seed, hdnet, logf)
	if err != nil {
		return err
	}
	logf("warming the page cache")
	readSec, err := readFile(path)
	if err != nil {
		return err
	}

	var loadWall, loadCPU, rss, classWall, classCPU []float64
	var stabWall, stabCPU [3][]float64
	var stabTotal, stabTotalCPU []float64
	var notes [3]string
	var alloc uint64
	var units []int
	for r := 1; r <= runs; r++ {
		res, peak, err := childProcess(stageLoad, path, shuffles, int64(seed))
		if err != nil {
			return err
		}
		loadWall, loadCPU = append(loadWall, res.Wall[0]), append(loadCPU, res.CPU[0])
		rss = append(rss, float64(peak)/float64(size))
		notes[0], alloc, units = res.Note, res.AllocBytes, res.Units
		logf("run %d/%d: load %.3f s, peak RSS %.2f GB = %.2f × file", r, runs, res.Wall[0], float64(peak)/1e9, rss[len(rss)-1])

		if res, _, err = childProcess(stageClassify, path, shuffles, int64(seed)); err != nil {
			return err
		}
		classWall, classCPU = append(classWall, res.Wall[0]), append(classCPU, res.CPU[0])
		notes[1] = res.Note
		logf("run %d/%d: classify %.3f s", r, runs, res.Wall[0])

		if res, _, err = childProcess(stageStability, path, shuffles, int64(seed)); err != nil {
			return err
		}
		if len(res.Wall) != 3 {
			return fmt.Errorf("stability child timed %d RNNs, want 3", len(res.Wall))
		}
		var tw, tc float64
		for k := range 3 {
			stabWall[k], stabCPU[k] = append(stabWall[k], res.Wall[k]), append(stabCPU[k], res.CPU[k])
			tw, tc = tw+res.Wall[k], tc+res.CPU[k]
		}
		stabTotal, stabTotalCPU = append(stabTotal, tw), append(stabTotalCPU, tc)
		notes[2] = res.Note
		logf("run %d/%d: stability %.3f s", r, runs, tw)
	}

	fmt.Printf("figure 2 at full size: %s, %.2f GB (%d bytes), seed %d\n", path, float64(size)/1e9, size, seed)
	fmt.Printf("%s, GOMAXPROCS=%d, %d CPUs; %d runs, each stage in a fresh process; load average %s at start, %s at end\n",
		runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU(), runs, load0, loadAverage())
	fmt.Printf("%s\n", genNote)
	fmt.Printf("reading the file once (warm page cache, into a reused buffer): %.3f s, %.2f GB/s\n\n", readSec, float64(size)/readSec/1e9)

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\tmedian\tmin\tmax\tmedian CPU\ttarget\tmet\toriginal Python\tspeed-up\t")
	secs := func(name string, wall, cpu []float64, target, python float64) {
		m := median(wall)
		row := fmt.Sprintf("%s\t%.3f s\t%.3f s\t%.3f s\t%.3f s\t", name, m, slices.Min(wall), slices.Max(wall), median(cpu))
		if target > 0 {
			row += fmt.Sprintf("≤ %.1f s\t%s\t%.1f s\t%.0f×\t", target, yesNo(m <= target), python, python/m)
		} else {
			row += "\t\t\t\t"
		}
		fmt.Fprintln(tw, row)
	}
	secs(fmt.Sprintf("load + flatten (%.2f GB pickle)", float64(size)/1e9), loadWall, loadCPU, targetLoad, pythonLoad)
	m := median(rss)
	fmt.Fprintf(tw, "load: peak RSS / file size\t%.2f×\t%.2f×\t%.2f×\t\t≤ %.1f×\t%s\t\t\t\n", m, slices.Min(rss), slices.Max(rss), targetRSS, yesNo(m <= targetRSS))
	total := 0
	for _, u := range units {
		total += u
	}
	secs(fmt.Sprintf("classify (%d units, %d shuffles)", total, shuffles), classWall, classCPU, targetClassify, pythonClassify)
	for k, u := range units {
		secs(fmt.Sprintf("stability RNN-%d (%d units)", k+1, u), stabWall[k], stabCPU[k], 0, 0)
	}
	secs(fmt.Sprintf("stability, %d RNNs", len(units)), stabTotal, stabTotalCPU, targetStability, pythonStability)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Printf("\nload: %s; Go heap allocated %.2f GB = %.2f × file\n", notes[0], float64(alloc)/1e9, float64(alloc)/float64(size))
	fmt.Printf("classify (last run): %s\n", notes[1])
	fmt.Printf("%s (last run)\n", notes[2])
	return nil
}

// prepare makes sure path holds the trajectories of the full-size
// synthetic world of seed (RNN-1 the LSTM of hdnet), generating and
// writing them in a child process unless reusable says the file there is
// one, and returns the file size and a line saying where the file came
// from.
func prepare(path string, seed uint64, hdnet string, logf func(string, ...any)) (int64, string, error) {
	cfg, _, err := worldConfig(seed, hdnet)
	if err != nil {
		return 0, "", err
	}
	if size, ok := reusable(path, cfg); ok {
		logf("reusing %s (%d bytes, %s)", path, size, marker(cfg, size))
		return size, "data: reused, " + marker(cfg, size), nil
	}
	logf("generating the synthetic world in a child: %d trajectories of %d steps (seed %d)", cfg.Trajectories, cfg.Steps, seed)
	res, peak, err := spawn(stageGenerate, path, hdnet, strconv.FormatUint(seed, 10))
	if err != nil {
		return 0, "", err
	}
	size, ok := reusable(path, cfg)
	if !ok || len(res.Wall) != 2 {
		return 0, "", fmt.Errorf("%s: the generating child did not leave a complete file", path)
	}
	note := fmt.Sprintf("data: synthetic world generated in %.1f s (CPU %.1f s), written in %.1f s; peak RSS of the generating process %.2f GB = %.2f × file",
		res.Wall[0], res.CPU[0], res.Wall[1], float64(peak)/1e9, float64(peak)/float64(size))
	logf("wrote %s (%d bytes); %s", path, size, note)
	return size, note, nil
}

// readFile reads the file at path into a reused buffer and returns the
// seconds it took.
func readFile(path string) (float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	t0 := time.Now()
	if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{f}, make([]byte, 1<<20)); err != nil {
		return 0, err
	}
	return time.Since(t0).Seconds(), nil
}

// loadAverage returns the 1, 5 and 15 minute load averages, or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "NO"
}
