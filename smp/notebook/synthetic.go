package notebook

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/synth"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// SyntheticSeed is the seed of the default synthetic world, as
// go run ./scripts/synth makes it.
const SyntheticSeed = 1

// MakeSynthetic makes the default synthetic world in root/data/synthetic,
// exactly as go run ./scripts/synth does (seed 1, 200 trajectories, the
// committed head-direction LSTM), unless it is already complete, and
// returns its source. It holds the directory's lock (data.LockDir, the
// one scripts/synth takes) meanwhile, so that notebooks started together
// make it once: the others wait and then find it complete. Progress lines
// go to progress. Each file is written atomically and the manifest last,
// so an interrupted run leaves no world that looks complete.
func MakeSynthetic(root string, progress io.Writer) (src *Source, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("synthetic world: %w", err)
		}
	}()
	dir := filepath.Join(root, "data", "synthetic")
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	unlock, err := data.LockDir(context.Background(), dir, func(lock string) {
		fmt.Fprintf(progress, "(waiting for another process making %s: lock %s)\n", dir, lock)
	})
	if err != nil {
		return nil, err
	}
	defer unlock()
	if _, err := os.Stat(filepath.Join(dir, synth.ManifestFile)); err == nil {
		return newSource(dir, figures.SyntheticData)
	}
	start := time.Now()
	fmt.Fprintf(progress, "(making the synthetic world in %s: once, about 15 s)\n", dir)
	cfg := synth.DefaultConfig(SyntheticSeed)
	cfg.Progress = progress
	// Described as scripts/synth describes it, so that both make
	// byte-identical files.
	net, desc, err := synth.LoadLSTM(filepath.Join(root, hdtrain.Committed), hdtrain.Committed)
	if err != nil {
		return nil, err
	}
	cfg.HDNetwork = desc
	w, err := synth.Generate(cfg, net)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(dir); err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "(made the synthetic world in %.1f s)\n", time.Since(start).Seconds())
	return newSource(dir, figures.SyntheticData)
}
