// Command bench times the project's figure-2 and figure-3 work side by side
// with Python's bare pickle.load of the same data, each run in a fresh
// process, and reports per stage the median and best wall time and the
// peak memory.
//
// Usage:
//
//	go run ./scripts/bench [-dir /tmp/smpbench] [-runs 3] [-o bench.md] [-stages all] [-src DIR]
//
// It first builds, unless present in DIR:
//   - full/: the real-size synthetic world (800 × 500, 288 units, 20
//     directions; go run ./scripts/synth -full), about 2.1 GB of .npz, and
//     full/pickle/trajectories.pickle, written by Python and numpy from the
//     .npz with protocol 4, as DeepMind's file is;
//   - small/: the default synthetic world (200 × 500), and small/pickle/
//     with all four data sets converted to protocol-4 pickles.
//
// With -src, the analyze, figures and synth commands are built from
// another checkout of the project (for a before/after comparison); the
// load, classify and stability stages, which call this version's packages,
// are then skipped, and the analyze stage's log gives the same breakdown.
//
// Python must have numpy (Debian: apt-get install python3-numpy; the
// script uses /usr/bin/python3 when it has numpy). The commands are built
// once with go build, so no compilation is timed. Stages (each a fresh
// process; the figure commands with an empty cache, writing PNG and SVG):
//
//	load          data.LoadTrajectories of full/pickle/trajectories.pickle
//	classify      load, then smp.Classify (1000 shuffles): time of the classification
//	stability     load, then smp.SpatialStability: time of the stability
//	analyze       the whole `analyze classify -data full/pickle` command; its
//	              log's time stamps also give its load (including the
//	              concatenation of the RNNs' activations), classification and
//	              stability times
//	pickle.load   Python's pickle.load of the same file (time inside Python)
//	figure2       the whole `figures -fig 2 -data small/pickle` command
//	figure3       the whole `figures -fig 3 -data small/pickle` command
//
// Times are wall times (medians and bests); CPU is the median user+system
// time, steadier than wall time on a busy machine. Peak RSS is the
// process's maximum resident set (wait4), which counts mapped file pages
// (page cache); peak anon is the largest RssAnon sampled every 10 ms from
// /proc, memory the process itself allocated. The table
// is printed and written to the -o file (Markdown) with the machine's
// description, so that results can be compared across machines.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// stamp matches the time stamps of analyze's log lines: "[  1.23s] ...".
var stamp = regexp.MustCompile(`(?m)^\[\s*([0-9.]+)s\] (loaded|classify:|spatial stability done)`)

// analyzeStages returns the load, classification and stability times
// from analyze's log.
func analyzeStages(log string) map[string]float64 {
	var loaded, classified, done float64
	for _, m := range stamp.FindAllStringSubmatch(log, -1) {
		t, _ := strconv.ParseFloat(m[1], 64)
		switch m[2] {
		case "loaded":
			loaded = t
		case "classify:":
			classified = t
		default:
			done = t
		}
	}
	if done == 0 {
		return nil
	}
	return map[string]float64{"analyze: load": loaded, "analyze: classification": classified - loaded, "analyze: stability": done - classified}
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-child" {
		if err := child(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	dir := flag.String("dir", "/tmp/smpbench", "working directory for the data and binaries")
	runs := flag.Int("runs", 3, "runs per stage (fresh processes)")
	out := flag.String("o", "bench.md", "report file (Markdown)")
	stages := flag.String("stages", "all", "comma-separated stages to run (all: "+strings.Join(stageNames, ",")+")")
	src := flag.String("src", ".", "checkout of the project to build the commands from")
	flag.Parse()
	if err := run(*dir, *src, *runs, *out, *stages, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

var stageNames = []string{"load", "classify", "stability", "analyze", "pickle.load", "figure2", "figure3"}

// result is the measurement of one stage.
type result struct {
	stage, command string
	times, cpu     []float64 // seconds, one per run
	peakRSS        int64     // bytes, largest over the runs
	peakAnon       int64     // bytes, largest over the runs
}

func run(dir, src string, runs int, out, stages string, w io.Writer) error {
	want := stageNames
	if stages != "all" {
		want = strings.Split(stages, ",")
	}
	if src != "." {
		want = slices.DeleteFunc(want, func(s string) bool { return s == "load" || s == "classify" || s == "stability" })
	}
	py, err := python()
	if err != nil {
		return err
	}
	bin := filepath.Join(dir, "bin")
	for _, cmd := range []string{"analyze", "figures", "synth", "bench"} {
		fmt.Fprintf(w, "building %s\n", cmd)
		from := src
		if cmd == "bench" {
			from = "."
		}
		build := exec.Command("go", "build", "-o", filepath.Join(bin, cmd), "./scripts/"+cmd)
		build.Dir, build.Stdout, build.Stderr = from, w, w
		if err := build.Run(); err != nil {
			return fmt.Errorf("building %s in %s: %w", cmd, from, err)
		}
	}
	full, small := filepath.Join(dir, "full"), filepath.Join(dir, "small")
	if err := makeWorld(w, bin, py, full, true); err != nil {
		return err
	}
	if err := makeWorld(w, bin, py, small, false); err != nil {
		return err
	}
	fullPickle := filepath.Join(full, "pickle")
	traj := filepath.Join(fullPickle, "trajectories.pickle")
	commands := map[string][]string{
		"load":        {filepath.Join(bin, "bench"), "-child", "load", traj},
		"classify":    {filepath.Join(bin, "bench"), "-child", "classify", traj},
		"stability":   {filepath.Join(bin, "bench"), "-child", "stability", traj},
		"analyze":     {filepath.Join(bin, "analyze"), "classify", "-data", fullPickle, "-o", filepath.Join(dir, "analyze.json")},
		"pickle.load": {py, "-c", pyLoad, traj},
		"figure2":     {filepath.Join(bin, "figures"), "-fig", "2", "-data", filepath.Join(small, "pickle"), "-o", filepath.Join(dir, "fig")},
		"figure3":     {filepath.Join(bin, "figures"), "-fig", "3", "-data", filepath.Join(small, "pickle"), "-o", filepath.Join(dir, "fig")},
	}
	// Runs are interleaved (run 1 of every stage, then run 2, ...), so that
	// a change in the machine's load affects every stage alike.
	results := make(map[string]*result)
	split := map[string]*result{}
	for i := 0; i < runs; i++ {
		for _, st := range want {
			args, ok := commands[st]
			if !ok {
				return fmt.Errorf("no stage %q (have %s)", st, strings.Join(stageNames, ", "))
			}
			r := results[st]
			if r == nil {
				r = &result{stage: st, command: display(args)}
				results[st] = r
			}
			cache, err := os.MkdirTemp(dir, "cache")
			if err != nil {
				return err
			}
			m, err := measure(args, []string{"SMP_CACHE_DIR=" + cache})
			os.RemoveAll(cache)
			if err != nil {
				return fmt.Errorf("%s: %w", st, err)
			}
			r.times, r.cpu = append(r.times, m.seconds), append(r.cpu, m.cpu)
			r.peakRSS, r.peakAnon = max(r.peakRSS, m.peakRSS), max(r.peakAnon, m.peakAnon)
			if st == "analyze" {
				for name, sec := range analyzeStages(m.stderr) {
					if split[name] == nil {
						split[name] = &result{stage: name, command: "(from the analyze log)"}
					}
					split[name].times = append(split[name].times, sec)
				}
			}
			fmt.Fprintf(w, "%-12s run %d: %.3f s, CPU %.3f s, peak RSS %d MB, peak anon %d MB\n", st, i+1, m.seconds, m.cpu, m.peakRSS>>20, m.peakAnon>>20)
		}
	}
	var ordered []*result
	for _, st := range want {
		ordered = append(ordered, results[st])
		if st == "analyze" {
			for _, name := range []string{"analyze: load", "analyze: classification", "analyze: stability"} {
				if split[name] != nil {
					ordered = append(ordered, split[name])
				}
			}
		}
	}
	table := report(ordered, traj)
	fmt.Fprint(w, "\n"+table)
	return os.WriteFile(out, []byte(table), 0o644)
}

// display returns a command line for the report, an inline Python script
// shown as "-c SCRIPT".
func display(args []string) string {
	shown := slices.Clone(args)
	for i, a := range shown {
		if strings.Contains(a, "\n") {
			shown[i] = "SCRIPT"
		}
	}
	return strings.Join(shown, " ")
}

// report formats the results as a Markdown table with the machine and file
// size.
func report(results []*result, traj string) string {
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "# smp-go side-by-side benchmark\n\n%s, %s/%s, %d CPUs, %s, host %s\n\n",
		time.Now().UTC().Format(time.RFC3339), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), host)
	if st, err := os.Stat(traj); err == nil {
		fmt.Fprintf(&b, "full-size pickle: %s, %.1f MB\n\n", traj, float64(st.Size())/1e6)
	}
	fmt.Fprintf(&b, "| stage | median s | best s | CPU s | runs | peak RSS MB | peak anon MB | command |\n|---|---|---|---|---|---|---|---|\n")
	best := map[string]float64{}
	for _, r := range results {
		s := slices.Sorted(slices.Values(r.times))
		cpu := "–"
		if len(r.cpu) > 0 {
			c := slices.Sorted(slices.Values(r.cpu))
			cpu = fmt.Sprintf("%.3f", c[len(c)/2])
		}
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %s | %d | %d | %d | `%s` |\n", r.stage, s[len(s)/2], s[0], cpu, len(s), r.peakRSS>>20, r.peakAnon>>20, r.command)
		best[r.stage] = s[0]
	}
	if a, p := best["analyze"], best["pickle.load"]; a > 0 && p > 0 {
		fmt.Fprintf(&b, "\nwhole analyze classify / Python pickle.load, best of each: %.2f (target ≤ 0.5)\n", a/p)
	}
	return b.String()
}

// makeWorld writes a synthetic world into dir (full size if full) and its
// pickles into dir/pickle, unless already there.
func makeWorld(w io.Writer, bin, py, dir string, full bool) error {
	if _, err := os.Stat(filepath.Join(dir, "trajectories.npz")); err != nil {
		args := []string{filepath.Join(bin, "synth"), "-o", dir}
		if full {
			args = append(args, "-full")
		}
		fmt.Fprintf(w, "writing the synthetic world into %s\n", dir)
		if err := sh(w, args[0], args[1:]...); err != nil {
			return err
		}
	}
	names := []string{"trajectories"}
	if !full {
		names = append(names, "parameters", "visual_inputs", "hd_stats")
	}
	if err := os.MkdirAll(filepath.Join(dir, "pickle"), 0o755); err != nil {
		return err
	}
	for _, n := range names {
		dst := filepath.Join(dir, "pickle", n+".pickle")
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		fmt.Fprintf(w, "converting %s.npz to a protocol-4 pickle with Python\n", n)
		if err := sh(w, py, "-c", pyConvert, filepath.Join(dir, n+".npz"), dst); err != nil {
			return err
		}
	}
	return nil
}

// pyConvert converts an .npz written by data.WriteNPZ ("name[i].npy" is
// element i of list name) into a dict pickled with protocol 4, written to
// a temporary name and renamed.
const pyConvert = `
import os, pickle, re, sys
import numpy as np
src, dst = sys.argv[1], sys.argv[2]
z = np.load(src)
root, lists = {}, {}
for k in z.files:
    m = re.match(r'^(.*?)((?:\[\d+\])+)$', k)
    if m is None:
        root[k] = z[k]
    else:
        lists.setdefault(m.group(1), []).append(([int(i) for i in re.findall(r'\d+', m.group(2))], z[k]))
def build(items):
    groups = {}
    for idx, a in items:
        groups.setdefault(idx[0], []).append((idx[1:], a))
    return [g[0][1] if not g[0][0] else build(g) for _, g in sorted(groups.items())]
for k, items in lists.items():
    root[k] = build(items)
with open(dst + '.tmp', 'wb') as f:
    pickle.dump(root, f, protocol=4)
os.rename(dst + '.tmp', dst)
`

// pyLoad times Python's bare pickle.load of a file (SCRIPT in the report).
const pyLoad = `
import pickle, sys, time
t = time.perf_counter()
with open(sys.argv[1], 'rb') as f:
    pickle.load(f)
print('seconds', time.perf_counter() - t)
`

// python returns a Python 3 interpreter with numpy.
func python() (string, error) {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import numpy").Run() == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no python3 with numpy (Debian: apt-get install python3-numpy)")
}

// sh runs a command with its output going to w.
func sh(w io.Writer, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

// cpuModel returns the CPU's model name from /proc/cpuinfo, if any.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
