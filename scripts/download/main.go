// Command download fetches DeepMind's Spatial Memory Pipeline data files (Python pickles)
// from their public bucket into data/real/.
//
// Usage, from any directory of the repository:
//
//	go run ./scripts/download [-dir DIR] [-files trajectories,parameters,visual_inputs,hd_stats] [-base URL]
//
// Each name NAME is fetched from BASE/NAME.pickle into DIR/real/NAME.pickle; DIR is by
// default data/ at the repository's root (found from the working directory), where the
// notebooks look. A progress bar (bytes, percentage, MB/s) is written to stderr.
//
// A file is first written as NAME.pickle.part and renamed into place only when complete:
// its length is known and reached, and it is a whole pickle (protocol header at the start,
// STOP opcode at the end), so an HTML or error page is never taken for data. Files already
// in place are skipped if they are whole pickles, fetched again otherwise. An interrupted
// download (Ctrl-C, lost connection, a transfer stalled for 15 s) resumes from its .part
// file with an HTTP Range request guarded by If-Range, so a file that changed on the
// server starts over. Two downloads into one directory take turns (a lock, DIR/.real.lock).
//
// When the bucket cannot be reached at all, download stops with a one-line message and
// exit status 1: the notebooks then use the synthetic data of `go run ./scripts/synth`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/smp-go/smp-go/scripts/internal/outputs"
	"github.com/smp-go/smp-go/smp/data"
)

// defaultBase is DeepMind's public bucket holding the four data files.
const defaultBase = "https://storage.googleapis.com/dm_spatial_memory_pipeline/"

// allFiles are the data files, without the .pickle extension.
var allFiles = []string{"trajectories", "parameters", "visual_inputs", "hd_stats"}

func main() {
	dir := flag.String("dir", "", "data directory; files go to `DIR`/real/ (default: data/ at the repository's root)")
	files := flag.String("files", strings.Join(allFiles, ","), "comma-separated `names` of the files to fetch (without .pickle)")
	base := flag.String("base", defaultBase, "base `URL` of the bucket")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./scripts/download [flags]\n\n"+
			"Downloads %s into DIR/real/ from %s.\n\n", strings.Join(allFiles, ", "), defaultBase)
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fi, _ := os.Stderr.Stat()
	tty := fi != nil && fi.Mode()&os.ModeCharDevice != 0
	d, err := dataDir(*dir)
	if err == nil {
		err = run(ctx, os.Stderr, tty, d, *base, *files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "download:", err)
		os.Exit(1)
	}
}

// dataDir returns the data directory: flagDir if given, else data/ at the root of the
// repository that holds the working directory.
func dataDir(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	root, err := data.FindRoot("")
	if err != nil {
		return "", fmt.Errorf("%w; give the data directory with -dir", err)
	}
	return filepath.Join(root, "data"), nil
}

// run fetches the comma-separated names from base into dir/real, writing progress and
// per-file results to w (redrawing the progress bar in place if tty).
func run(ctx context.Context, w io.Writer, tty bool, dir, base, names string) error {
	var list []string
	for n := range strings.SplitSeq(names, ",") {
		n = strings.TrimSuffix(strings.TrimSpace(n), ".pickle")
		if n == "" {
			continue
		}
		if strings.ContainsAny(n, `/\`) {
			return fmt.Errorf("bad file name %q", n)
		}
		list = append(list, n)
	}
	if len(list) == 0 {
		return errors.New("no files given")
	}
	out, err := filepath.Abs(filepath.Join(dir, "real"))
	if err != nil {
		return err
	}
	if err := outputs.CheckDir(out, true); err != nil {
		return err
	}
	unlock, err := outputs.Lock(ctx, w, "download", out)
	if err != nil {
		return err
	}
	defer unlock()
	f := newFetcher(w, tty)

	var failed []string
	for _, n := range list {
		dest := filepath.Join(out, n+".pickle")
		st, err := f.fetch(ctx, strings.TrimSuffix(base, "/")+"/"+n+".pickle", dest)
		switch {
		case errors.Is(err, errNoNetwork):
			return fmt.Errorf("%v to the bucket from this machine; use the synthetic data instead: go run ./scripts/synth", err)
		case ctx.Err() != nil:
			return fmt.Errorf("interrupted; run again to resume from %s.part", dest)
		case err != nil:
			fmt.Fprintln(w, "download:", err)
			failed = append(failed, n)
		default:
			size := int64(-1)
			if fi, err := os.Stat(dest); err == nil {
				size = fi.Size()
			}
			fmt.Fprintf(w, "%s: %v (%.1f MB)\n", dest, st, float64(size)/1e6)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("failed: %s (run again to retry; partial files are resumed)", strings.Join(failed, ", "))
	}
	return nil
}
