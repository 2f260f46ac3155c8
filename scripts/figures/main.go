// Command figures draws the reproduced figures as PNG and SVG files.
//
// Usage (from any directory of the repository):
//
//	go run ./scripts/figures [-data DIR] [-o OUTDIR] [-fig 2,3] [-seed N] [-nocache]
//
// Each figure is written atomically as OUTDIR/figure_N.png and .svg
// (default OUTDIR: out/ in the repository); OUTDIR is checked to be
// writable before any work, and an interrupt removes a partly written
// figure. Without -data, the data is chosen as the notebooks choose it
// (notebook.ChooseData): $SMP_DATA_DIR, DeepMind's files in data/real when
// present, otherwise the synthetic world in data/synthetic. The results are
// computed by the notebooks' steps (notebook.Figure2 and Figure3) with
// their cache, so after a notebook run the figures are drawn in seconds and
// equal the notebooks' last cells. Progress goes to standard error.
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
	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/notebook"
	"github.com/smp-go/smp-go/smp/plot"
)

// figure is one figure the command draws.
type figure struct {
	name string // "2", the N of figure_N
	// draw computes it from src by the notebook's steps; seed draws figure
	// 2's shuffles and figure 3's random initial states.
	draw func(src *notebook.Source, seed int64, progress io.Writer) (*plot.SuperFigure, error)
}

// all lists the figures, in order. Adding a figure is adding one entry.
var all = []figure{
	{"2", func(src *notebook.Source, seed int64, progress io.Writer) (*plot.SuperFigure, error) {
		in, err := notebook.NewFigure2(src, progress).Input(notebook.PaperClassifyOptions(seed))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(progress, "figure 2: panels A-E: %s\n", in.Units.Rule)
		return figures.Figure2(in)
	}},
	{"3", drawFigure3},
}

// drawFigure3 computes figure 3 and draws it. The panels whose inputs are
// complete are drawn and rendered (plot.SuperFigure.Render) on another
// goroutine while the next inputs are computed, so that Save has only the
// last panels left to render.
func drawFigure3(src *notebook.Source, seed int64, progress io.Writer) (*plot.SuperFigure, error) {
	s, err := figures.NewFigure3Stages()
	if err != nil {
		return nil, err
	}
	type stage struct {
		in   figures.Figure3Input
		upTo byte
	}
	stages, drawn := make(chan stage, 3), make(chan error, 1)
	go func() {
		var err error
		for st := range stages {
			if err == nil {
				err = s.Draw(st.in, st.upTo)
			}
			if err == nil {
				err = s.Figure.Render()
			}
		}
		drawn <- err
	}()
	in, err := notebook.NewFigure3(src, notebook.PaperFigure3(uint64(seed)), progress).InputStages(func(in figures.Figure3Input, upTo byte) {
		stages <- stage{in, upTo}
	})
	close(stages)
	if derr := <-drawn; err == nil {
		err = derr
	}
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "figure 3: %s\n", strings.ReplaceAll(in.Corrections.String(), "\n", "\nfigure 3: "))
	if err := s.Draw(in, 'I'); err != nil {
		return nil, err
	}
	return s.Figure, nil
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
	for _, f := range all {
		names = append(names, f.name)
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

	var todo []figure
	for _, n := range strings.Split(*figs, ",") {
		i := slices.Index(names, strings.TrimSpace(n))
		if i < 0 {
			return fmt.Errorf("no figure %q (have %s)", n, strings.Join(names, ", "))
		}
		todo = append(todo, all[i])
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
	for _, f := range todo {
		files = append(files, filepath.Join(*out, "figure_"+f.name+".png"), filepath.Join(*out, "figure_"+f.name+".svg"))
	}
	stop := outputs.OnInterrupt(stderr, "figures", files...)
	defer stop()

	var errs []error
	for _, f := range todo {
		t0 := time.Now()
		if err := draw(f, root, *dataDir, *out, *seed, *noCache, stderr); err != nil {
			errs = append(errs, fmt.Errorf("figure %s: %w", f.name, err))
			continue
		}
		fmt.Fprintf(stderr, "figure %s: done in %.1f s\n", f.name, time.Since(t0).Seconds())
	}
	return errors.Join(errs...)
}

// draw chooses the figure's data (dataDir, or as the notebooks do under
// root), draws the figure and saves it in out.
func draw(f figure, root, dataDir, out string, seed int64, noCache bool, progress io.Writer) error {
	var src *notebook.Source
	var err error
	if dataDir != "" {
		src, err = notebook.Dir(dataDir)
	} else {
		src, err = notebook.ChooseData(root)
	}
	if err != nil {
		return err
	}
	src.NoCache = noCache
	fmt.Fprintf(progress, "figure %s: %s\n", f.name, src)
	fig, err := f.draw(src, seed, progress)
	if err != nil {
		return err
	}
	paths := []string{filepath.Join(out, "figure_"+f.name+".png"), filepath.Join(out, "figure_"+f.name+".svg")}
	if err := fig.Save(paths...); err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintf(progress, "figure %s: wrote %s\n", f.name, p)
	}
	return nil
}
