package hdnet_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/internal/cputime"
	"github.com/smp-go/smp-go/smp/notebook"
	"github.com/smp-go/smp-go/smp/synth"
)

// syntheticWorld generates a small synthetic world (24 trajectories of 200
// steps, 512 images) with the committed head-direction network and returns
// the directory it is written to: the dynamics of the default synthetic
// world (its attractors, fixed points and convergence), in a second.
func syntheticWorld(b *testing.B) string {
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
	return dir
}

// BenchmarkAnalyze is all of figure 3's computations (notebook.Figure3's
// steps without a cache, with the original's sizes: 1000 random runs of
// 2000 steps, 2 × 1000 × 200 autocovariance steps, 512 images × up to 200
// corrected steps) on a synthetic world. Besides the total it reports each
// step's seconds per run (demo-s, random-runs-s, autocovariance-s,
// corrections-s, ...) and the CPU time (cpu-ms/op), steadier than wall
// time on a busy machine (which includes reading the network, excluded
// from the wall time).
//
//	go test ./smp/hdnet -run '^$' -bench Analyze -count 5 | tee new.txt
//	benchstat old.txt new.txt
func BenchmarkAnalyze(b *testing.B) {
	src := &notebook.Source{Dir: syntheticWorld(b), NoCache: true}
	stages := map[string]time.Duration{}
	runs := 0
	c0 := cputime.Now()
	defer func() { cputime.Report(b, c0) }()
	for b.Loop() {
		b.StopTimer()
		f := notebook.NewFigure3(src, notebook.PaperFigure3(0), nil)
		if _, err := f.Summary(); err != nil { // reads the network
			b.Fatal(err)
		}
		b.StartTimer()
		for _, s := range []struct {
			name string
			f    func() error
		}{
			{"demo", func() error { _, err := f.Demo(); return err }},
			{"pca", func() error { _, err := f.PCA(); return err }},
			{"random runs", func() error { _, err := f.RandomRuns(); return err }},
			{"attractors", func() error { _, err := f.Attractors(); return err }},
			{"flows", func() error { _, err := f.Flows(); return err }},
			{"autocovariance", func() error { _, err := f.Autocovariance(); return err }},
			{"corrections", func() error { _, err := f.Corrections(); return err }},
		} {
			t0 := time.Now()
			if err := s.f(); err != nil {
				b.Fatalf("figure 3 %s: %v", s.name, err)
			}
			stages[s.name] += time.Since(t0)
		}
		runs++
	}
	for s, d := range stages {
		b.ReportMetric(d.Seconds()/float64(runs), strings.ReplaceAll(s, " ", "-")+"-s")
	}
}
