// Command analyze runs the figure-2 analyses of the smp package on a
// trajectory data set and writes the results as JSON.
//
// Usage:
//
//	analyze classify [-data DIR] [-seed N] [-shuffles 1000] [-percentile 99] [-o results.json]
//
// classify loads trajectories.npz (or .pickle) from DIR ($SMP_DATA_DIR
// without -data), classifies every unit of the concatenated RNNs
// (smp.Classify) and computes each unit's spatial stability
// (smp.SpatialStability). The JSON object (see encodeResults) has one key
// per line, NaN written as null. The output file is written atomically;
// without -o the JSON goes to standard output. Progress goes to standard
// error.
//
// The flags, and that the output file can be written, are checked before
// any work starts: -shuffles must be at least 1 and -percentile in
// (0, 100] (0 would select Classify's default), so the JSON records the
// values actually used. An interrupt removes the temporary output file.
package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/smp-go/smp-go/scripts/internal/outputs"
	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
)

func main() {
	if err := data.Guard(func() error { return run(os.Args[1:], os.Stdout, os.Stderr) }); err != nil {
		fmt.Fprintln(os.Stderr, "analyze:", err)
		os.Exit(1)
	}
}

const usage = `usage: analyze classify [-data DIR] [-seed N] [-shuffles 1000] [-percentile 99] [-o results.json]`

// run executes the command line args, writing JSON to stdout when no
// output file is given and progress to stderr.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "classify" {
		fmt.Fprintln(stderr, usage)
		return errors.New("want the subcommand classify")
	}
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data", "", "directory holding trajectories.npz or trajectories.pickle (default: $"+dataDirEnv+")")
	seed := fs.Int64("seed", 1, "seed of the shuffles")
	shuffles := fs.Int("shuffles", 1000, "shuffles per unit for each threshold")
	percentile := fs.Float64("percentile", 99, "percentile of the shuffled lengths used as threshold")
	out := fs.String("o", "", "output JSON file (default: standard output)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q\n%s", fs.Args(), usage)
	}
	if *shuffles < 1 {
		return fmt.Errorf("-shuffles %d: want at least 1 shuffle per unit", *shuffles)
	}
	if !(*percentile > 0 && *percentile <= 100) {
		return fmt.Errorf("-percentile %v: want a percentile in (0, 100]", *percentile)
	}
	dir := cmp.Or(*dataDir, os.Getenv(dataDirEnv))
	if dir == "" {
		return fmt.Errorf("no data directory: give -data DIR or set %s (%s)", dataDirEnv, usage)
	}
	if *out != "" {
		if err := outputs.CheckFile(*out); err != nil {
			return err
		}
		stop := outputs.OnInterrupt(stderr, "analyze", *out)
		defer stop()
	}

	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "[%6.2fs] "+format+"\n", append([]any{time.Since(start).Seconds()}, a...)...)
	}
	t, err := data.LoadTrajectoriesDir(dir)
	if err != nil {
		if *dataDir == "" {
			return fmt.Errorf("%w (directory from %s)", err, dataDirEnv)
		}
		return err
	}
	acts := t.Activations()
	logf("loaded %s: %d samples, units per RNN %v", t.Source, acts.Shape[0], t.UnitsPerRNN())

	c, err := smp.Classify(acts, t.HD, t.Pos, t.WorldDistances, smp.ClassifyOptions{
		NShuffles:  *shuffles,
		Percentile: *percentile,
		Seed:       *seed,
		Progress: func(stage string, done, total int) {
			logf("classify: %s (%d/%d)", stage, done, total)
		},
	})
	if err != nil {
		return err
	}
	stab, err := smp.SpatialStability(t.Pos, acts)
	if err != nil {
		return err
	}
	perRNN, err := smp.SplitByRNN(stab, t.UnitsPerRNN())
	if err != nil {
		return err
	}
	logf("spatial stability done")

	r := &results{
		Source: t.Source, NSamples: acts.Shape[0], UnitsPerRNN: t.UnitsPerRNN(),
		Seed: *seed, NShuffles: *shuffles, Percentile: *percentile,
		C: c, Stability: perRNN,
	}
	b, err := encodeResults(r)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(b)
		return err
	}
	if err := data.WriteAtomic(*out, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}); err != nil {
		return err
	}
	abs, _ := filepath.Abs(*out)
	logf("wrote %s", abs)
	return nil
}

// dataDirEnv names the environment variable that gives the data directory
// when -data is not given (as for the notebooks).
const dataDirEnv = "SMP_DATA_DIR"

// results is what the classify subcommand reports.
type results struct {
	Source      string
	NSamples    int
	UnitsPerRNN []int
	Seed        int64
	NShuffles   int
	Percentile  float64
	C           *smp.Classification
	Stability   [][]float64 // per RNN
}

// encodeResults renders r as a JSON object, one key per line, in this key
// order; the per-unit arrays are of all RNNs' units concatenated, and
// stability has one array per RNN. Non-finite numbers (NaN, ±Inf) are
// written as null.
func encodeResults(r *results) ([]byte, error) {
	c := r.C
	var stab [][]any
	for _, s := range r.Stability {
		stab = append(stab, orNulls(s))
	}
	fields := []struct {
		key string
		val any
	}{
		{"source", r.Source},
		{"n_samples", r.NSamples},
		{"units_per_rnn", r.UnitsPerRNN},
		{"seed", r.Seed},
		{"n_shuffles", r.NShuffles},
		{"percentile", orNull(r.Percentile)},
		{"hd_threshold", orNull(c.HDThreshold)},
		{"ego_threshold", orNull(c.EgoThreshold)},
		{"allo_threshold", orNull(c.AlloThreshold)},
		{"is_hd", c.IsHD},
		{"hd_score", orNulls(c.HDScore)},
		{"hd_angle", orNulls(c.HDAngle)},
		{"is_ego", c.IsEgo},
		{"ego_score", orNulls(c.EgoScore)},
		{"ego_distance", orNulls(c.EgoDistance)},
		{"ego_angle", orNulls(c.EgoAngle)},
		{"is_allo", c.IsAllo},
		{"allo_score", orNulls(c.AlloScore)},
		{"allo_distance", orNulls(c.AlloDistance)},
		{"allo_angle", orNulls(c.AlloAngle)},
		{"stability", stab},
	}
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, f := range fields {
		v, err := json.Marshal(f.val)
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", f.key, err)
		}
		k, _ := json.Marshal(f.key)
		fmt.Fprintf(&b, "  %s: %s", k, v)
		if i < len(fields)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// orNull returns x, or nil (JSON null) when x is NaN or ±Inf, which JSON
// cannot hold.
func orNull(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

// orNulls applies orNull to every element of v.
func orNulls(v []float64) []any {
	out := make([]any, len(v))
	for i, x := range v {
		out[i] = orNull(x)
	}
	return out
}
