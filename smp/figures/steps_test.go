package figures_test

import (
	"testing"

	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/notebook"
)

func init() { figures.Figure3Steps = figure3Steps }

// figure3Steps is figures.Figure3Steps: notebook.Figure3's steps, without a
// cache, with the small sizes on the data sets in dir.
func figure3Steps(t testing.TB, dir string) (figures.Figure3Input, *hdnet.PCA, *hdnet.InitialDistribution, []float64) {
	t.Helper()
	p := notebook.PaperFigure3(7)
	p.RandomRuns, p.RandomSteps, p.AutocovSteps, p.CorrectionImages, p.CorrectionSteps = 100, 200, 60, 48, 40
	f := notebook.NewFigure3(&notebook.Source{Dir: dir, NoCache: true}, p, nil)
	in, err := f.Input()
	if err != nil {
		t.Fatal(err)
	}
	pca, err := f.PCA()
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.Attractors()
	if err != nil {
		t.Fatal(err)
	}
	return in, pca.PCA, pca.Init, a.States
}
