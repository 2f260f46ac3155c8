package main

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
)

func TestEncodeResultsNaN(t *testing.T) {
	r := &results{
		Source: "x.npz", NSamples: 3, UnitsPerRNN: []int{1, 1}, Seed: 7, NShuffles: 10, Percentile: 99,
		C: &smp.Classification{
			IsHD: []bool{true, false}, HDThreshold: math.NaN(),
			HDScore: []float64{0.5, math.NaN()}, HDAngle: []float64{math.Inf(1), -1e-5},
			IsEgo: []bool{false, false}, EgoThreshold: 0.25,
			EgoScore: []float64{1, 2}, EgoDistance: []float64{0.025, 0.05}, EgoAngle: []float64{0, math.Inf(-1)},
			IsAllo: []bool{false, true}, AlloThreshold: 0.125,
			AlloScore: []float64{3, 4}, AlloDistance: []float64{0.1, 0.2}, AlloAngle: []float64{math.Pi, 0},
		},
		Stability: [][]float64{{math.NaN()}, {0.75}},
	}
	b, err := encodeResults(r)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b)
	}
	if got["hd_threshold"] != nil {
		t.Errorf("hd_threshold = %v, want null", got["hd_threshold"])
	}
	hs := got["hd_score"].([]any)
	if hs[0] != 0.5 || hs[1] != nil {
		t.Errorf("hd_score = %v, want [0.5 null]", hs)
	}
	ha := got["hd_angle"].([]any)
	if ha[0] != nil || ha[1] != -1e-5 {
		t.Errorf("hd_angle = %v", ha)
	}
	if got["ego_threshold"] != 0.25 || got["allo_angle"].([]any)[0] != math.Pi {
		t.Errorf("numbers do not round-trip: %v %v", got["ego_threshold"], got["allo_angle"])
	}
	st := got["stability"].([]any)
	if len(st) != 2 || st[0].([]any)[0] != nil || st[1].([]any)[0] != 0.75 {
		t.Errorf("stability = %v", st)
	}
	for _, k := range []string{"source", "n_samples", "units_per_rnn", "is_hd", "is_ego", "is_allo", "ego_distance", "allo_distance", "ego_score", "allo_score", "ego_angle", "hd_angle"} {
		if _, ok := got[k]; !ok {
			t.Errorf("key %s missing", k)
		}
	}
	if strings.Contains(string(b), "NaN") || strings.Contains(string(b), "Inf") {
		t.Errorf("non-finite number written:\n%s", b)
	}
}

// writeTrajectories writes a small synthetic trajectory set in the
// original schema to dir/trajectories.npz.
func writeTrajectories(t *testing.T, dir string, nt, ns, na int, units []int) {
	t.Helper()
	r := rand.New(rand.NewPCG(9, 9))
	n := nt * ns
	hd := make([]float32, n)
	pos := make([]float32, 2*n)
	wd := make([]float32, n*na)
	for i := 0; i < n; i++ {
		x, y := 2.2*r.Float64()-1.1, 2.2*r.Float64()-1.1
		h := 2*math.Pi*r.Float64() - math.Pi
		hd[i], pos[2*i], pos[2*i+1] = float32(h), float32(x), float32(y)
		for k := 0; k < na; k++ {
			th := -math.Pi + float64(k)*2*math.Pi/float64(na)
			c, s := math.Cos(th), math.Sin(th)
			d := math.Inf(1)
			if c > 0 {
				d = math.Min(d, (1.1-x)/c)
			} else if c < 0 {
				d = math.Min(d, (-1.1-x)/c)
			}
			if s > 0 {
				d = math.Min(d, (1.1-y)/s)
			} else if s < 0 {
				d = math.Min(d, (-1.1-y)/s)
			}
			wd[i*na+k] = float32(d)
		}
	}
	var outs, logps data.List
	for ui, u := range units {
		a := make([]float32, n*u)
		for i := 0; i < n; i++ {
			for j := 0; j < u; j++ {
				v := r.Float32()
				if ui == 0 && j == 0 { // a head-direction cell
					v = float32(math.Exp(2 * (math.Cos(float64(hd[i])-1) - 1)))
				}
				a[i*u+j] = v
			}
		}
		outs = append(outs, data.New(a, nt, ns, u))
		logps = append(logps, data.New(make([]float32, n*3), nt, ns, 3))
	}
	root := data.Dict{
		"hd":                data.New(hd, nt, ns, 1),
		"pos":               data.New(pos, nt, ns, 2),
		"world_distances":   data.New(wd, nt, ns, na),
		"predicted_outputs": outs,
		"log_ps_given_y":    logps,
	}
	if err := data.WriteNPZ(filepath.Join(dir, "trajectories.npz"), root); err != nil {
		t.Fatal(err)
	}
}

func TestClassifyCommand(t *testing.T) {
	dir := t.TempDir()
	writeTrajectories(t, dir, 4, 500, 20, []int{3, 5, 4})
	out := filepath.Join(dir, "results.json")
	var stderr bytes.Buffer
	if err := run([]string{"classify", "-data", dir, "-seed", "3", "-shuffles", "50", "-o", out}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "classify: hd shuffles") {
		t.Errorf("no progress on stderr:\n%s", stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Source      string       `json:"source"`
		NSamples    int          `json:"n_samples"`
		UnitsPerRNN []int        `json:"units_per_rnn"`
		HDThreshold *float64     `json:"hd_threshold"`
		IsHD        []bool       `json:"is_hd"`
		HDScore     []*float64   `json:"hd_score"`
		EgoDistance []*float64   `json:"ego_distance"`
		IsAllo      []bool       `json:"is_allo"`
		Stability   [][]*float64 `json:"stability"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if got.NSamples != 2000 || len(got.UnitsPerRNN) != 3 || len(got.IsHD) != 12 || len(got.HDScore) != 12 || len(got.IsAllo) != 12 || len(got.EgoDistance) != 12 {
		t.Errorf("unexpected sizes: %+v", got)
	}
	if len(got.Stability) != 3 || len(got.Stability[0]) != 3 || len(got.Stability[1]) != 5 || len(got.Stability[2]) != 4 {
		t.Errorf("stability per RNN: %v", got.Stability)
	}
	if got.HDThreshold == nil || !got.IsHD[0] {
		t.Errorf("the planted HD cell is not found: threshold %v, score %v", got.HDThreshold, *got.HDScore[0])
	}
	if !strings.HasSuffix(got.Source, "trajectories.npz") {
		t.Errorf("source %q", got.Source)
	}
	// Only the output file is left in the directory (no temporary files).
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("directory holds %d entries", len(ents))
	}
	// Same seed, same bytes.
	out2 := filepath.Join(t.TempDir(), "again.json")
	if err := run([]string{"classify", "-data", dir, "-seed", "3", "-shuffles", "50", "-o", out2}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	b2, _ := os.ReadFile(out2)
	if !bytes.Equal(b, b2) {
		t.Errorf("two runs with the same seed differ")
	}
}

func TestCommandErrors(t *testing.T) {
	var e bytes.Buffer
	if err := run(nil, &e, &e); err == nil {
		t.Error("no subcommand: no error")
	}
	if err := run([]string{"classify"}, &e, &e); err == nil {
		t.Error("no -data: no error")
	}
	if err := run([]string{"classify", "-data", t.TempDir()}, &e, &e); err == nil {
		t.Error("empty data directory: no error")
	}
}

// TestFlagsChecked checks that values Classify would not use as given are
// rejected before any work, and that the values used are recorded.
func TestFlagsChecked(t *testing.T) {
	empty := t.TempDir() // no data: a flag error must come first
	for _, args := range [][]string{
		{"-percentile", "0"}, {"-percentile", "-5"}, {"-percentile", "100.5"}, {"-percentile", "NaN"},
		{"-shuffles", "0"}, {"-shuffles", "-3"},
	} {
		err := run(append([]string{"classify", "-data", empty}, args...), &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.HasPrefix(err.Error(), args[0]+" "+args[1]+": want") {
			t.Errorf("%v: %v, want an error naming the flag", args, err)
		}
	}
	dir := t.TempDir()
	writeTrajectories(t, dir, 2, 300, 20, []int{2, 2, 2})
	var stdout bytes.Buffer
	if err := run([]string{"classify", "-data", dir, "-shuffles", "7", "-percentile", "95"}, &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		NShuffles  int     `json:"n_shuffles"`
		Percentile float64 `json:"percentile"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil || got.NShuffles != 7 || got.Percentile != 95 {
		t.Errorf("recorded %+v (%v), want 7 shuffles at the 95th percentile", got, err)
	}
}

// TestOutputCheckedFirst gives -o in a missing directory: the command fails
// before loading anything.
func TestOutputCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	writeTrajectories(t, dir, 2, 300, 20, []int{2, 2, 2})
	for _, out := range []string{filepath.Join(dir, "missing", "results.json"), dir} {
		var stderr bytes.Buffer
		err := run([]string{"classify", "-data", dir, "-o", out}, &bytes.Buffer{}, &stderr)
		if err == nil || !strings.Contains(err.Error(), out) {
			t.Errorf("-o %s: %v, want an error naming it", out, err)
		}
		if stderr.Len() > 0 {
			t.Errorf("-o %s: work started before the output was checked:\n%s", out, stderr.String())
		}
	}
}

// TestDataDirFromEnvironment uses $SMP_DATA_DIR without -data, and names
// the variable when its directory fails.
func TestDataDirFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	writeTrajectories(t, dir, 2, 300, 20, []int{2, 2, 2})
	t.Setenv("SMP_DATA_DIR", dir)
	var stdout bytes.Buffer
	if err := run([]string{"classify", "-shuffles", "5"}, &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), filepath.Join(dir, "trajectories.npz")) {
		t.Errorf("results do not name the data file in %s", dir)
	}
	missing := filepath.Join(dir, "nothing")
	t.Setenv("SMP_DATA_DIR", missing)
	err := run([]string{"classify"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "SMP_DATA_DIR") || !strings.Contains(err.Error(), missing) || strings.Contains(err.Error(), "\n") {
		t.Errorf("bad SMP_DATA_DIR: %v, want one line naming the variable and %s", err, missing)
	}
	t.Setenv("SMP_DATA_DIR", "")
	if err := run([]string{"classify"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "SMP_DATA_DIR") {
		t.Errorf("no data directory: %v, want an error naming -data and SMP_DATA_DIR", err)
	}
}
