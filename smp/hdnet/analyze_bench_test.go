package hdnet_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/internal/cputime"
	"github.com/smp-go/smp-go/smp/internal/fig3ref"
	"github.com/smp-go/smp-go/smp/synth"
)

// syntheticNetwork generates a small synthetic world (24 trajectories of
// 200 steps, 512 images) with the committed head-direction network and
// returns figure 3's network read back from its data sets: the dynamics of
// the default synthetic world (its attractors, fixed points and
// convergence), in a second.
func syntheticNetwork(b *testing.B) *hdnet.Network {
	b.Helper()
	lstm, _, err := synth.LoadLSTM(filepath.Join("..", "..", "data", "hdnet", "params.npz"), "params.npz")
	if err != nil {
		b.Fatal(err)
	}
	cfg := synth.DefaultConfig(1)
	cfg.Trajectories, cfg.Steps, cfg.Images = 24, 200, hdnet.CorrectionImages
	w, err := synth.Generate(cfg, lstm)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if _, err := w.Write(dir); err != nil {
		b.Fatal(err)
	}
	var ds [3]*data.Dataset
	for i, name := range []string{data.ParametersName, data.VisualInputsName, data.HDStatsName} {
		if ds[i], err = data.LoadDataset(dir, name); err != nil {
			b.Fatal(err)
		}
	}
	n, err := hdnet.FromDatasets(ds[0], ds[1], ds[2])
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkAnalyze is all of figure 3's computations (fig3ref.Analyze with
// the original's sizes: 1000 random runs of 2000 steps, 2 × 1000 × 200
// autocovariance steps, 512 images × up to 200 corrected steps) on a
// synthetic world. Besides the total it reports each stage's seconds per
// run (demo-s, random-runs-s, autocovariance-s, corrections-s, ...) and
// the CPU time (cpu-ms/op), steadier than wall time on a busy machine.
//
//	go test ./smp/hdnet -run '^$' -bench Analyze -count 5 | tee new.txt
//	benchstat old.txt new.txt
func BenchmarkAnalyze(b *testing.B) {
	n := syntheticNetwork(b)
	stages := map[string]time.Duration{}
	runs := 0
	c0 := cputime.Now()
	defer func() { cputime.Report(b, c0) }()
	for b.Loop() {
		a, err := fig3ref.Analyze(n, fig3ref.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for s, d := range a.Timings {
			stages[s] += d
		}
		runs++
	}
	for s, d := range stages {
		b.ReportMetric(d.Seconds()/float64(runs), strings.ReplaceAll(s, " ", "-")+"-s")
	}
}
