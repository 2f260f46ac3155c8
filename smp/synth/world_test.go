package synth

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// smallConfig is a small world for tests: 24 trajectories of 200 steps.
func smallConfig(seed uint64) Config {
	c := DefaultConfig(seed)
	c.Trajectories, c.Steps, c.Images = 24, 200, 96
	return c
}

func TestGenerateDeterministic(t *testing.T) {
	var dirs []string
	for _, workers := range []int{1, 2, 3} {
		cfg := smallConfig(5)
		cfg.Workers = workers
		w, err := Generate(cfg, NewIdealHD())
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if _, err := w.Write(dir); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	names := []string{"trajectories.npz", "parameters.npz", "visual_inputs.npz", "hd_stats.npz", TruthFile, ManifestFile}
	for _, name := range names {
		a, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs[1:] {
			b, err := os.ReadFile(filepath.Join(d, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s differs between runs with different worker counts", name)
			}
		}
	}
	// Another seed gives other data.
	w, err := Generate(smallConfig(6), NewIdealHD())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := w.Write(dir); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dirs[0], "trajectories.npz"))
	b, _ := os.ReadFile(filepath.Join(dir, "trajectories.npz"))
	if bytes.Equal(a, b) {
		t.Error("seeds 5 and 6 give identical trajectories")
	}
	// No temporary files are left behind.
	ents, _ := os.ReadDir(dirs[0])
	if len(ents) != len(names) {
		var got []string
		for _, e := range ents {
			got = append(got, e.Name())
		}
		t.Errorf("output holds %v, want exactly %v", got, names)
	}
}

var (
	worldOnce sync.Once
	worldDir  string
	worldW    *World
	worldErr  error
)

// testWorld generates (once) a small world and writes it to a temporary
// directory shared by the tests of this file.
func testWorld(t *testing.T) (*World, string) {
	t.Helper()
	worldOnce.Do(func() {
		cfg := smallConfig(1)
		worldW, worldErr = Generate(cfg, NewIdealHD())
		if worldErr != nil {
			return
		}
		worldDir, worldErr = os.MkdirTemp("", "synthtest")
		if worldErr != nil {
			return
		}
		_, worldErr = worldW.Write(worldDir)
	})
	if worldErr != nil {
		t.Fatal(worldErr)
	}
	return worldW, worldDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if worldDir != "" {
		os.RemoveAll(worldDir)
	}
	os.Exit(code)
}

func TestLoadRoundTrip(t *testing.T) {
	w, dir := testWorld(t)
	cfg := w.Config
	nt, ns := cfg.Trajectories, cfg.Steps
	tr, err := data.LoadTrajectories(filepath.Join(dir, "trajectories.npz"))
	if err != nil {
		t.Fatal(err)
	}
	if tr.NTraj != nt || tr.NSteps != ns {
		t.Errorf("loaded %d x %d, want %d x %d", tr.NTraj, tr.NSteps, nt, ns)
	}
	if got := tr.UnitsPerRNN(); len(got) != 3 || got[0] != 32 || got[1] != 128 || got[2] != 128 {
		t.Errorf("units per RNN %v, want [32 128 128]", got)
	}
	if len(tr.LogPsGivenY) < 2 {
		t.Fatalf("%d memory maps, want at least 2", len(tr.LogPsGivenY))
	}
	for k, lp := range tr.LogPsGivenY {
		if lp.Shape[0] != nt*ns || lp.Shape[1] != 512 {
			t.Errorf("log_ps_given_y[%d] flattened to %v, want [%d 512]", k, lp.Shape, nt*ns)
		}
	}
	if tr.WorldDistances.Shape[1] != 20 {
		t.Errorf("world_distances has %d directions, want 20", tr.WorldDistances.Shape[1])
	}
	for i, v := range tr.HD {
		if v != float64(w.HD[i]) {
			t.Fatalf("hd[%d] = %g after the round trip, want %g", i, v, w.HD[i])
		}
	}
	// The wall distances are those of the recorded positions.
	pos, wd := tr.Pos.Float64(), tr.WorldDistances.Float64()
	d := make([]float64, 20)
	for _, i := range []int{0, 17, nt*ns - 1} {
		WallDistances(arena, pos[2*i], pos[2*i+1], d)
		for k := range d {
			if math.Abs(d[k]-wd[20*i+k]) > 1e-5 {
				t.Errorf("sample %d sensor %d: stored %g, recomputed %g", i, k, wd[20*i+k], d[k])
			}
		}
	}

	params, err := data.Load(filepath.Join(dir, "parameters.npz"))
	if err != nil {
		t.Fatal(err)
	}
	shapes := map[string][]int{
		hdnet.KeyPredictionW: {34, 128}, hdnet.KeyPredictionB: {128}, hdnet.KeyCorrectionW: {64, 128}, hdnet.KeyCorrectionB: {128},
		hdnet.KeyMemoryHD: {512, 32}, hdnet.KeyMemoryVis: {512, embedding}, hdnet.KeyWritten: {512, 32}, hdnet.KeyBeta: {},
	}
	for key, want := range shapes {
		a, err := params.Array(key)
		if err != nil {
			t.Error(err)
			continue
		}
		if data.FormatShape(a.Shape) != data.FormatShape(want) || a.DType() != "float32" {
			t.Errorf("%s: %s %s, want float32 %s", key, a.DType(), data.FormatShape(a.Shape), data.FormatShape(want))
		}
	}
	if beta, err := params.Scalar(hdnet.KeyBeta); err != nil || math.Abs(beta-logBeta) > 1e-6 {
		t.Errorf("beta %g (%v), want %g", beta, err, logBeta)
	}

	vis, err := data.Load(filepath.Join(dir, "visual_inputs.npz"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := vis.Array("images")
	if err != nil {
		t.Fatal(err)
	}
	if data.FormatShape(img.Shape) != data.FormatShape([]int{cfg.Images, 32, 32, 3}) || img.DType() != "uint8" {
		t.Errorf("images: %s %s", img.DType(), data.FormatShape(img.Shape))
	}
	emb, err := vis.FloatArray(2, "embeddings")
	if err != nil {
		t.Fatal(err)
	}
	// Each stored embedding is the encoder's output for the stored image.
	y := make([]float64, embedding)
	pix, ev := img.Values().([]uint8), emb.Float64()
	for _, i := range []int{0, 5, cfg.Images - 1} {
		if err := w.Encoder.Encode(pix[i*32*32*3:(i+1)*32*32*3], y, nil); err != nil {
			t.Fatal(err)
		}
		for k := range y {
			if math.Abs(y[k]-ev[i*embedding+k]) > 1e-6 {
				t.Fatalf("image %d: stored embedding differs from the encoder's", i)
			}
		}
	}

	stats, err := data.Load(filepath.Join(dir, "hd_stats.npz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"rnn0_rv_angles", "rnn0_rv_lengths"} {
		a, err := stats.FloatArray(1, key)
		if err != nil || a.Shape[0] != 32 {
			t.Errorf("%s: %v %v", key, a, err)
		}
	}

	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Seed != 1 || m.Trajectories != nt || m.Steps != ns || len(m.Files) != 5 || m.Version != GeneratorVersion {
		t.Errorf("manifest %+v", m)
	}
	for _, f := range m.Files {
		fi, err := hashFile(filepath.Join(dir, f.Name))
		if err != nil || fi != f {
			t.Errorf("%s: %+v in the manifest, %+v on disk (%v)", f.Name, f, fi, err)
		}
	}
	truth, err := ReadTruth(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(truth.Units) != 288 || len(truth.Maps) != 2 || len(truth.Images) != cfg.Images {
		t.Errorf("truth: %d units, %d maps, %d images", len(truth.Units), len(truth.Maps), len(truth.Images))
	}
}

func TestDemoSlot(t *testing.T) {
	w, _ := testWorld(t)
	m := w.Maps[0]
	for j, s := range m.Slots {
		if math.Abs(s.HD) < math.Abs(m.Slots[DemoSlot].HD) {
			t.Errorf("slot %d was written at heading %.3f, nearer 0 than slot %d's %.3f", j, s.HD, DemoSlot, m.Slots[DemoSlot].HD)
		}
	}
	// Every slot holds the embedding and the network state of its moment.
	e, h := m.E, m.H
	for j, s := range m.Slots {
		want := w.Net.StateAt(w.Paths[s.Trajectory].HD[s.Step])
		for u := range want {
			if m.MX[j*h+u] != want[u] {
				t.Fatalf("slot %d: m(x) is not the state for its heading", j)
			}
		}
		if j == DemoSlot {
			y := make([]float64, e)
			img := make([]uint8, 32*32*3)
			p := w.Paths[s.Trajectory]
			camera.Render(arena, p.X[s.Step], p.Y[s.Step], p.HD[s.Step], img)
			w.Encoder.Encode(img, y, nil)
			for k := range y {
				if y[k] != m.MY[j*e+k] {
					t.Fatalf("slot %d: m(y) is not the embedding of its view", j)
				}
			}
		}
	}
}

func TestHDStatsMatchPlantedHeadings(t *testing.T) {
	w, _ := testWorld(t)
	pref := w.Net.PreferredHeadings()
	for u, p := range pref {
		// Figure 2's swapped atan2: a unit preferring theta reports pi/2 - theta.
		if d := math.Abs(hdtrain.Wrap(w.HDAngles[u] - (math.Pi/2 - p))); d > 0.15 {
			t.Errorf("unit %d: resultant angle %.3f, want %.3f (pi/2 - %.3f)", u, w.HDAngles[u], hdtrain.Wrap(math.Pi/2-p), p)
		}
		if w.HDLengths[u] < 0.4 {
			t.Errorf("unit %d: resultant length %.3f, want a sharp HD tuning", u, w.HDLengths[u])
		}
	}
}
