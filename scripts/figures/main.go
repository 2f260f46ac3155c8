// Command figures draws the reproduced figures as PNG and SVG files.
//
// Usage (from any directory of the repository):
//
//	go run ./scripts/figures [-data DIR] [-o OUTDIR] [-fig 2,3] [-seed N] [-nocache]
//
// Each figure is written as OUTDIR/figure_N.png and OUTDIR/figure_N.svg
// (default OUTDIR: out/ in the repository), atomically; OUTDIR is checked to
// be writable before any work, and an interrupt removes a partly written
// figure. Without -data, the data is chosen as the notebooks
// choose it (notebook.ChooseData): $SMP_DATA_DIR, DeepMind's files in
// data/real when present, otherwise the synthetic world in data/synthetic.
// The results are computed by the notebooks' steps and cached with their
// keys (notebook.Get), so after a notebook run the figures are drawn in
// seconds, and the figures equal the notebooks' last cells. Progress goes
// to standard error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/smp-go/smp-go/scripts/internal/outputs"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/notebook"
	"github.com/smp-go/smp-go/smp/plot"
)

// config is what every figure job gets.
type config struct {
	src      *notebook.Source
	seed     int64
	progress io.Writer
}

// job draws one figure.
type job struct {
	name     string   // "2", the N of figure_N
	datasets []string // the data sets the figure reads
	draw     func(cfg config) (*plot.SuperFigure, error)
}

// jobs lists the figures the command can draw, in order. Adding a figure
// is adding one entry.
func jobs() []job {
	return []job{
		{"2", []string{data.TrajectoriesName}, drawFigure2},
		{"3", []string{data.ParametersName, data.VisualInputsName, data.HDStatsName}, drawFigure3},
	}
}

// drawFigure2 computes figure 2 (types of spatial representation) with
// the paper's classification parameters; the seed draws the shuffles.
func drawFigure2(cfg config) (*plot.SuperFigure, error) {
	in, err := notebook.Figure2Input(cfg.src, notebook.PaperClassifyOptions(cfg.seed), cfg.progress)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(cfg.progress, "figure 2: panels A-E: %s\n", in.Units.Rule)
	return figures.Figure2(in)
}

// drawFigure3 computes figure 3 (the head-direction network) with the
// original's sizes; the seed draws the random initial states.
func drawFigure3(cfg config) (*plot.SuperFigure, error) {
	in, err := notebook.NewFigure3(cfg.src, hdnet.Options{Seed: uint64(cfg.seed)}, cfg.progress).Figure3Input()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(cfg.progress, "figure 3: %s\n", strings.ReplaceAll(in.Corrections.String(), "\n", "\nfigure 3: "))
	return figures.Figure3(in)
}

func main() {
	if err := run(os.Args[1:], os.Stderr); errors.Is(err, flag.ErrHelp) {
		return
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "figures:", err)
		os.Exit(1)
	}
}

// run runs the command with the given arguments, writing progress to
// stderr.
func run(args []string, stderr io.Writer) error {
	var names []string
	for _, j := range jobs() {
		names = append(names, j.name)
	}
	flags := flag.NewFlagSet("figures", flag.ContinueOnError)
	flags.SetOutput(stderr)
	dataDir := flags.String("data", "", "data directory (default: data/real if DeepMind's files are there, else data/synthetic)")
	out := flags.String("o", "", "output `directory` (default: out/ in the repository)")
	figs := flags.String("fig", strings.Join(names, ","), "comma-separated figures to draw")
	seed := flags.Int64("seed", 0, "seed of the random draws (figure 2: the classification's shuffles; figure 3: the random initial states)")
	noCache := flags.Bool("nocache", false, "compute everything, read and write no cache")
	flags.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./scripts/figures [flags]\n\nDraws figure_N.png and figure_N.svg into the output directory.\n\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", flags.Args())
	}

	var todo []job
	for _, n := range strings.Split(*figs, ",") {
		n = strings.TrimSpace(n)
		i := slices.IndexFunc(jobs(), func(j job) bool { return j.name == n })
		if i < 0 {
			return fmt.Errorf("no figure %q (have %s)", n, strings.Join(names, ", "))
		}
		todo = append(todo, jobs()[i])
	}
	var root string
	if (*dataDir == "" && os.Getenv(notebook.DataDirEnv) == "") || *out == "" {
		var err error
		if root, err = notebook.Root(); err != nil {
			return fmt.Errorf("%w (or give -data and -o)", err)
		}
	}
	if *out == "" {
		*out = filepath.Join(root, "out")
	}
	if err := outputs.CheckDir(*out, true); err != nil {
		return err
	}
	var files []string
	for _, j := range todo {
		for _, ext := range []string{".png", ".svg"} {
			files = append(files, filepath.Join(*out, "figure_"+j.name+ext))
		}
	}
	stop := outputs.OnInterrupt(stderr, "figures", files...)
	defer stop()

	var errs []error
	for _, j := range todo {
		t0 := time.Now()
		if err := drawOne(j, root, *dataDir, *out, config{seed: *seed, progress: stderr}, *noCache); err != nil {
			errs = append(errs, fmt.Errorf("figure %s: %w", j.name, err))
			continue
		}
		fmt.Fprintf(stderr, "figure %s: done in %.1f s\n", j.name, time.Since(t0).Seconds())
	}
	return errors.Join(errs...)
}

// drawOne chooses the job's data, draws the figure and saves it.
func drawOne(j job, root, dataDir, out string, cfg config, noCache bool) error {
	var err error
	if dataDir != "" {
		cfg.src, err = notebook.Dir(dataDir)
	} else {
		cfg.src, err = notebook.ChooseData(root)
	}
	if err != nil {
		return err
	}
	for _, name := range j.datasets {
		if _, err := cfg.src.Path(name); err != nil {
			return err
		}
	}
	cfg.src.NoCache = noCache
	fmt.Fprintf(cfg.progress, "figure %s: %s\n", j.name, cfg.src)
	f, err := j.draw(cfg)
	if err != nil {
		return err
	}
	paths := []string{filepath.Join(out, "figure_"+j.name+".png"), filepath.Join(out, "figure_"+j.name+".svg")}
	if err := f.Save(paths...); err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintf(cfg.progress, "figure %s: wrote %s\n", j.name, p)
	}
	return nil
}
