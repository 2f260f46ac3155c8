package fig3ref

import (
	"reflect"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// fixtureNetwork returns the network of the figure-3 golden fixture.
func fixtureNetwork(t *testing.T) *hdnet.Network {
	t.Helper()
	ds, err := data.LoadNPZ("../../../testdata/reference/figure3.npz")
	if err != nil {
		t.Fatal(err)
	}
	params := &data.Dataset{Source: "figure3.npz", Root: data.Dict{}}
	visual := &data.Dataset{Source: "figure3.npz", Root: data.Dict{}}
	for k, v := range ds.Root {
		switch {
		case k == "in_embeddings":
			visual.Root[hdnet.KeyEmbeddings] = v
		case strings.HasPrefix(k, "in_integrator__"):
			params.Root[strings.ReplaceAll(strings.TrimPrefix(k, "in_"), "__", "/")] = v
		}
	}
	n, err := hdnet.FromDatasets(params, visual, nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAnalyzeFixture(t *testing.T) {
	n := fixtureNetwork(t)
	opts := Options{Seed: 1, RandomRuns: 100, RandomSteps: 60, AutocovSteps: 60, Images: n.NumImages, CorrectionSteps: 40}
	var stages []string
	opts.Progress = func(stage string, done, total int) {
		if done == total {
			stages = append(stages, stage)
		}
	}
	a, err := Analyze(n, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("HD cells %d, PCA from %d points, eigenvalues %.3g..., limits %.3g, attractors %d, convergence %v, stages %v",
		len(a.HDCells), len(a.PCAFrom), a.PCA.Values[:3], a.Limits, len(a.AttractorRuns), a.Convergence, stages)
	opts.Workers, opts.Progress = 1, nil
	b, err := Analyze(n, opts)
	if err != nil {
		t.Fatal(err)
	}
	a.Timings, b.Timings = nil, nil
	a.Options.Progress, a.Options.Workers, b.Options.Workers = nil, 0, 0
	if !reflect.DeepEqual(a, b) {
		t.Error("analysis differs between 1 and GOMAXPROCS workers")
	}
	if len(a.Change.Mean) != 60 || len(a.FinalPCA) != 200 || len(a.Autocov[0].Data) != hdnet.AutocovLags || len(a.Flows[1].Data) != 2*(hdnet.FlowSteps+1) {
		t.Error("unexpected sizes")
	}
	if _, err := Analyze(nil, Options{}); err == nil {
		t.Error("Analyze(nil): no error")
	}
}
