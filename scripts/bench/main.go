//go:build linux

// Command bench prints the real-size benchmark table: the project's
// figure-2 and figure-3 work beside Python's bare pickle.load of the same
// data, each run in a fresh process, with per stage the median and best
// wall time, the median CPU time (user + system, steadier than wall time on
// a busy machine) and the peak memory. It runs on Linux only (it reads
// /proc and Linux's rusage).
//
// Usage:
//
//	go run ./scripts/bench [-dir /tmp/smpbench] [-runs 3] [-o bench.md] [-stages all] [-src DIR]
//
// Unless present in DIR, it first writes full/, the real-size synthetic
// world (go run ./scripts/synth -full: 800 × 500, 288 units, 20 directions,
// about 2.1 GB of .npz), and small/, the default world (200 × 500), and
// converts them with Python and numpy to protocol-4 pickles, as DeepMind's
// files are: full/pickle/trajectories.pickle, and all four data sets in
// small/pickle/. Python must have numpy (Debian: apt-get install
// python3-numpy). The commands are built once with go build, so no
// compilation is timed. With -src they are built from another checkout of
// the project (a before/after comparison), and the stages that call this
// version's packages (load, classify, stability) are skipped: the analyze
// stage's log gives the same breakdown.
//
// Stages (each a fresh process; the figure commands with an empty cache,
// writing PNG and SVG):
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
// Runs are interleaved (run 1 of every stage, then run 2, ...), so that a
// change in the machine's load affects every stage alike. Peak RSS is the
// process's maximum resident set (wait4), which counts mapped file pages;
// peak anon is the largest RssAnon sampled every 10 ms from /proc, memory
// the process itself allocated. The table, with the machine's description,
// is printed and written to the -o file (Markdown).
package main

import (
	"bytes"
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
	"syscall"
	"time"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
)

func main() {
	var err error
	if len(os.Args) > 1 && os.Args[1] == "-child" {
		err = child(os.Args[2:])
	} else {
		dir := flag.String("dir", "/tmp/smpbench", "working directory for the data and binaries")
		runs := flag.Int("runs", 3, "runs per stage (fresh processes)")
		out := flag.String("o", "bench.md", "report file (Markdown)")
		stages := flag.String("stages", "all", "comma-separated stages to run (all: "+strings.Join(stageNames, ",")+")")
		src := flag.String("src", ".", "checkout of the project to build the commands from")
		flag.Parse()
		err = run(*dir, *src, *runs, *out, *stages, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

var stageNames = []string{"load", "classify", "stability", "analyze", "pickle.load", "figure2", "figure3"}

// analyzeRows are the rows of the report that analyze's log gives (see
// analyzeStages).
var analyzeRows = []string{"analyze: load", "analyze: classification", "analyze: stability"}

// result is the measurement of one stage over the runs.
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
		want = slices.DeleteFunc(slices.Clone(want), func(s string) bool { return s == "load" || s == "classify" || s == "stability" })
	}
	for _, st := range want {
		if !slices.Contains(stageNames, st) {
			return fmt.Errorf("no stage %q (have %s)", st, strings.Join(stageNames, ", "))
		}
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
		if err := sh(w, from, "go", "build", "-o", filepath.Join(bin, cmd), "./scripts/"+cmd); err != nil {
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
	fullPickle, smallPickle := filepath.Join(full, "pickle"), filepath.Join(small, "pickle")
	traj := filepath.Join(fullPickle, "trajectories.pickle")
	commands := map[string][]string{
		"load":        {filepath.Join(bin, "bench"), "-child", "load", traj},
		"classify":    {filepath.Join(bin, "bench"), "-child", "classify", traj},
		"stability":   {filepath.Join(bin, "bench"), "-child", "stability", traj},
		"analyze":     {filepath.Join(bin, "analyze"), "classify", "-data", fullPickle, "-o", filepath.Join(dir, "analyze.json")},
		"pickle.load": {py, "-c", pyLoad, traj},
		"figure2":     {filepath.Join(bin, "figures"), "-fig", "2", "-data", smallPickle, "-o", filepath.Join(dir, "fig")},
		"figure3":     {filepath.Join(bin, "figures"), "-fig", "3", "-data", smallPickle, "-o", filepath.Join(dir, "fig")},
	}
	results := map[string]*result{}
	add := func(stage, command string, seconds float64) *result {
		r := results[stage]
		if r == nil {
			r = &result{stage: stage, command: command}
			results[stage] = r
		}
		r.times = append(r.times, seconds)
		return r
	}
	for i := range runs {
		for _, st := range want {
			cache, err := os.MkdirTemp(dir, "cache")
			if err != nil {
				return err
			}
			args := commands[st]
			m, err := measure(args, "SMP_CACHE_DIR="+cache)
			os.RemoveAll(cache)
			if err != nil {
				return fmt.Errorf("%s: %w", st, err)
			}
			r := add(st, strings.ReplaceAll(strings.Join(args, " "), pyLoad, "SCRIPT"), m.seconds)
			r.cpu = append(r.cpu, m.cpu)
			r.peakRSS, r.peakAnon = max(r.peakRSS, m.peakRSS), max(r.peakAnon, m.peakAnon)
			if st == "analyze" {
				for name, sec := range analyzeStages(m.stderr) {
					add(name, "(from the analyze log)", sec)
				}
			}
			fmt.Fprintf(w, "%-12s run %d: %.3f s, CPU %.3f s, peak RSS %d MB, peak anon %d MB\n", st, i+1, m.seconds, m.cpu, m.peakRSS>>20, m.peakAnon>>20)
		}
	}
	var rows []*result
	for _, st := range want {
		rows = append(rows, results[st])
		for _, name := range analyzeRows {
			if st == "analyze" && results[name] != nil {
				rows = append(rows, results[name])
			}
		}
	}
	table := report(rows, traj)
	fmt.Fprint(w, "\n"+table)
	return os.WriteFile(out, []byte(table), 0o644)
}

// stamp matches the time stamps of analyze's log lines: "[  1.23s] ...".
var stamp = regexp.MustCompile(`(?m)^\[\s*([0-9.]+)s\] (loaded|classify:|spatial stability done)`)

// analyzeStages returns the load, classification and stability times from
// analyze's log, keyed by analyzeRows.
func analyzeStages(log string) map[string]float64 {
	at := map[string]float64{}
	for _, m := range stamp.FindAllStringSubmatch(log, -1) {
		at[m[2]], _ = strconv.ParseFloat(m[1], 64) // the last "classify:" line ends the classification
	}
	loaded, classified, done := at["loaded"], at["classify:"], at["spatial stability done"]
	if done == 0 {
		return nil
	}
	return map[string]float64{analyzeRows[0]: loaded, analyzeRows[1]: classified - loaded, analyzeRows[2]: done - classified}
}

// report formats the results as a Markdown table with the machine and file
// size.
func report(results []*result, traj string) string {
	var b strings.Builder
	host, _ := os.Hostname()
	cpuModel := "unknown CPU"
	cpuinfo, _ := os.ReadFile("/proc/cpuinfo")
	if m := regexp.MustCompile(`(?m)^model name\s*:\s*(.*)$`).FindSubmatch(cpuinfo); m != nil {
		cpuModel = string(m[1])
	}
	fmt.Fprintf(&b, "# smp-go side-by-side benchmark\n\n%s, %s/%s, %d CPUs, %s, host %s\n\n",
		time.Now().UTC().Format(time.RFC3339), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel, host)
	if st, err := os.Stat(traj); err == nil {
		fmt.Fprintf(&b, "full-size pickle: %s, %.1f MB\n\n", traj, float64(st.Size())/1e6)
	}
	fmt.Fprintf(&b, "| stage | median s | best s | CPU s | runs | peak RSS MB | peak anon MB | command |\n|---|---|---|---|---|---|---|---|\n")
	best := map[string]float64{}
	for _, r := range results {
		s := slices.Sorted(slices.Values(r.times))
		cpu := "–"
		if len(r.cpu) > 0 {
			cpu = fmt.Sprintf("%.3f", slices.Sorted(slices.Values(r.cpu))[len(r.cpu)/2])
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
		args := []string{"-o", dir}
		if full {
			args = append(args, "-full")
		}
		fmt.Fprintf(w, "writing the synthetic world into %s\n", dir)
		if err := sh(w, "", filepath.Join(bin, "synth"), args...); err != nil {
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
		if err := sh(w, "", py, "-c", pyConvert, filepath.Join(dir, n+".npz"), dst); err != nil {
			return err
		}
	}
	return nil
}

// pyConvert converts an .npz written by data.WriteNPZ ("name[i].npy" is
// element i of list name; the data sets have no nested lists) into a dict
// pickled with protocol 4, written to a temporary name and renamed.
const pyConvert = `
import os, pickle, re, sys
import numpy as np
z = np.load(sys.argv[1])
root = {}
for k in z.files:
    m = re.fullmatch(r'(.*)\[(\d+)\]', k)
    if m is None:
        root[k] = z[k]
    else:
        root.setdefault(m[1], {})[int(m[2])] = z[k]
root = {k: [v[i] for i in sorted(v)] if isinstance(v, dict) else v for k, v in root.items()}
with open(sys.argv[2] + '.tmp', 'wb') as f:
    pickle.dump(root, f, protocol=4)
os.rename(sys.argv[2] + '.tmp', sys.argv[2])
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

// sh runs a command in dir ("": this process's directory) with its output
// going to w.
func sh(w io.Writer, dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, w, w
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

// measurement is one run of a command.
type measurement struct {
	seconds           float64 // the time the command reports ("seconds S" on stdout), else wall time
	cpu               float64 // user + system seconds
	peakRSS, peakAnon int64   // bytes
	stderr            string
}

// rssAnon matches the RssAnon line of /proc/PID/status.
var rssAnon = regexp.MustCompile(`(?m)^RssAnon:\s*(\d+) kB`)

// measure runs args with an extra environment variable and measures it.
func measure(args []string, env string) (measurement, error) {
	var out, errb bytes.Buffer
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env)
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return measurement{}, err
	}
	var m measurement
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				return m, fmt.Errorf("%w\n%s", err, errb.String())
			}
			m.seconds, m.stderr = time.Since(start).Seconds(), errb.String()
			if f := strings.Fields(out.String()); len(f) >= 2 && f[len(f)-2] == "seconds" {
				if s, err := strconv.ParseFloat(f[len(f)-1], 64); err == nil {
					m.seconds = s
				}
			}
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				m.peakRSS = ru.Maxrss << 10 // Linux reports KiB
				m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
			}
			return m, nil
		case <-tick.C:
			b, _ := os.ReadFile(status)
			if kb := rssAnon.FindSubmatch(b); kb != nil {
				n, _ := strconv.ParseInt(string(kb[1]), 10, 64)
				m.peakAnon = max(m.peakAnon, n<<10)
			}
		}
	}
}

// child runs one stage in this (fresh) process and prints "seconds S", the
// time of that stage alone: load, classify or stability.
func child(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: bench -child load|classify|stability FILE")
	}
	start := time.Now()
	t, err := data.LoadTrajectories(args[1])
	if err != nil {
		return err
	}
	defer t.Close()
	acts := t.Activations()
	switch args[0] {
	case "load":
	case "classify":
		start = time.Now()
		_, err = smp.Classify(acts, t.HD, t.Pos, t.WorldDistances, smp.ClassifyOptions{Seed: 1})
	case "stability":
		start = time.Now()
		_, err = smp.SpatialStability(t.Pos, acts)
	default:
		return fmt.Errorf("no stage %q", args[0])
	}
	if err != nil {
		return err
	}
	fmt.Println("seconds", time.Since(start).Seconds())
	return nil
}
