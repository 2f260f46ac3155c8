package data

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// shapeOnly returns a float32 array of the given shape (zeros).
func shapeOnly(shape ...int) *Array { return New(make([]float32, product(shape)), shape...) }

func fixtureTrajectories(nt, ns int) *Dataset {
	return &Dataset{Source: "trajectories.pickle", Root: Dict{
		"hd":              shapeOnly(nt, ns, 1),
		"pos":             shapeOnly(nt, ns, 2),
		"world_distances": shapeOnly(nt, ns, 20),
		"predicted_outputs": List{
			shapeOnly(nt, ns, 8), shapeOnly(nt, ns, 16), shapeOnly(nt, ns, 16),
		},
		"log_ps_given_y": List{shapeOnly(nt, ns, 16), shapeOnly(nt, ns, 16)},
	}}
}

func TestDescribeMatchesOriginal(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/reference/figure2_text.json")
	if err != nil {
		t.Fatal(err)
	}
	var want struct{ Description string }
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if got := fixtureTrajectories(12, 500).Describe(); got != want.Description {
		t.Errorf("Describe:\n%s\nwant:\n%s", got, want.Description)
	}
}

func TestAccessorErrors(t *testing.T) {
	ds := fixtureTrajectories(2, 3)
	ds.Root["predicted_outputs"].(List)[2] = shapeOnly(800, 500)
	cases := []struct {
		get  func() error
		want string
	}{
		{func() error { _, err := ds.FloatArray(3, "predicted_outputs", 2); return err },
			"trajectories.pickle: predicted_outputs[2]: want a 3-D float array, got float32 array of shape (800, 500)"},
		{func() error { _, err := ds.Array("nope"); return err },
			"trajectories.pickle: nope: missing key"},
		{func() error { _, err := ds.Array("predicted_outputs", 5); return err },
			"trajectories.pickle: predicted_outputs[5]: index out of range: list has 3 elements"},
		{func() error { _, err := ds.Array("predicted_outputs"); return err },
			"trajectories.pickle: predicted_outputs: want an array, got a list of 3"},
		{func() error { _, err := ds.List("hd"); return err },
			"trajectories.pickle: hd: want a list"},
		{func() error { _, err := ds.Scalar("pos"); return err },
			"trajectories.pickle: pos: want a number"},
		{func() error { _, err := ds.Array("hd", "x"); return err },
			"trajectories.pickle: hd: want a dict or list"},
	}
	for i, c := range cases {
		err := c.get()
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("case %d: error %v, want prefix %q", i, err, c.want)
		}
	}
}

func TestNewTrajectoriesChecksShapes(t *testing.T) {
	ds := fixtureTrajectories(2, 3)
	tr, err := NewTrajectories(ds)
	if err != nil {
		t.Fatal(err)
	}
	if tr.N() != 6 || len(tr.HD) != 6 || FormatShape(tr.WorldDistances.Shape) != "(6, 20)" {
		t.Errorf("flattened sizes wrong: N=%d hd=%d wd=%s", tr.N(), len(tr.HD), FormatShape(tr.WorldDistances.Shape))
	}
	if got := tr.UnitsPerRNN(); len(got) != 3 || got[0] != 8 || got[1] != 16 {
		t.Errorf("UnitsPerRNN = %v", got)
	}
	ds.Root["pos"] = shapeOnly(2, 4, 2)
	if _, err := NewTrajectories(ds); err == nil || !strings.Contains(err.Error(), "pos: want shape (2, 3, 2) like hd, got (2, 4, 2)") {
		t.Errorf("bad pos shape: %v", err)
	}
	delete(ds.Root, "pos")
	if _, err := NewTrajectories(ds); err == nil || !strings.Contains(err.Error(), "pos: missing key") {
		t.Errorf("missing pos: %v", err)
	}
}

func TestActivationsConcatenatesUnits(t *testing.T) {
	a := New([]float32{1, 2, 3, 4}, 2, 2)
	b := New([]float32{5, 6, 7, 8, 9, 10}, 2, 3)
	tr := &Trajectories{NTraj: 1, NSteps: 2, PredictedOutputs: []*Array{a, b}}
	got := tr.Activations()
	want := []float32{1, 2, 5, 6, 7, 3, 4, 8, 9, 10}
	d := got.Values().([]float32)
	for i := range want {
		if d[i] != want[i] {
			t.Fatalf("Activations = %v, want %v", d, want)
		}
	}
}
