package data

import (
	"path/filepath"
	"strings"
	"testing"
)

// The fixture pickles decode, through the package's entry point, to the
// arrays numpy wrote into the *_expected.npz files (list elements there are
// name_0, name_1, ...; "/" in names is "__").
func TestLoadPickleMatchesExpected(t *testing.T) {
	cases := map[string]string{
		"trajectories_p2.pickle": "trajectories_expected.npz",
		"trajectories_p4.pickle": "trajectories_expected.npz",
		"trajectories_p5.pickle": "trajectories_expected.npz",
		"parameters.pickle":      "parameters_expected.npz",
		"visual_inputs.pickle":   "visual_inputs_expected.npz",
		"hd_stats.pickle":        "hd_stats_expected.npz",
	}
	dir := "../../testdata/reference/pickles"
	for pkl, exp := range cases {
		ds, err := Load(filepath.Join(dir, pkl))
		if err != nil {
			t.Fatalf("%s: %v", pkl, err)
		}
		want, err := LoadNPZ(filepath.Join(dir, exp))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for name, w := range want.Root {
			path := expectedPath(ds, name)
			got, err := ds.Array(path...)
			if err != nil {
				t.Errorf("%s: %s: %v", pkl, name, err)
				continue
			}
			wa := w.(*Array)
			if FormatShape(got.Shape) != FormatShape(wa.Shape) || got.DType() != wa.DType() || !sameValues(got.Float64(), wa.Float64()) {
				t.Errorf("%s: %s: got %s %s, want %s %s", pkl, name, got.DType(), FormatShape(got.Shape), wa.DType(), FormatShape(wa.Shape))
			}
			n++
		}
		if n == 0 {
			t.Errorf("%s: nothing compared", pkl)
		}
	}
}

// expectedPath maps an *_expected.npz entry name to a path in the pickle's
// tree: "a__b" is key "a/b"; "name_3" is element 3 of list "name" when the
// pickle has such a list.
func expectedPath(ds *Dataset, name string) []any {
	key := strings.ReplaceAll(name, "__", "/")
	if _, ok := ds.Root[key]; ok {
		return []any{key}
	}
	i := strings.LastIndexByte(key, '_')
	var idx int
	for _, c := range key[i+1:] {
		idx = idx*10 + int(c-'0')
	}
	return []any{key[:i], idx}
}

func TestLoadTrajectoriesFromPickle(t *testing.T) {
	tr, err := LoadTrajectories("../../testdata/reference/pickles/trajectories_p4.pickle")
	if err != nil {
		t.Fatal(err)
	}
	if tr.NTraj != 2 || tr.NSteps != 30 || len(tr.HD) != 60 {
		t.Errorf("sizes %d x %d, %d hd values", tr.NTraj, tr.NSteps, len(tr.HD))
	}
	if got := tr.UnitsPerRNN(); len(got) != 3 || got[0] != 32 || got[1] != 128 || got[2] != 128 {
		t.Errorf("units per RNN %v", got)
	}
	if a := tr.Activations(); FormatShape(a.Shape) != "(60, 288)" {
		t.Errorf("activations %s", FormatShape(a.Shape))
	}
}

func TestLoadPickleErrorsNameTheFile(t *testing.T) {
	_, err := LoadPickle("../../testdata/reference/pickles/missing.pickle")
	if err == nil || !strings.Contains(err.Error(), "missing.pickle") {
		t.Errorf("missing file: %v", err)
	}
	_, err = Load("../../testdata/reference/README.md")
	if err == nil || !strings.Contains(err.Error(), "unknown data format") {
		t.Errorf("unknown extension: %v", err)
	}
}
