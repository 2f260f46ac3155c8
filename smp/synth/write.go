package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// File names written by World.Write.
const (
	TruthFile    = "truth.json"
	ManifestFile = "manifest.json"
)

// Manifest describes a written world: how it was made and what files it
// holds. It is written last, so its presence marks a complete world.
type Manifest struct {
	Generator    string     `json:"generator"`
	Version      string     `json:"generator_version"`
	Seed         uint64     `json:"seed"`
	Trajectories int        `json:"trajectories"`
	Steps        int        `json:"steps"`
	Sensors      int        `json:"sensors"`
	Units        []int      `json:"units_per_rnn"`
	Embedding    int        `json:"embedding"`
	Slots        int        `json:"slots"`
	Maps         int        `json:"memory_maps"`
	Images       int        `json:"images"`
	ImageSize    [2]int     `json:"image_size"` // height, width
	HDNetwork    string     `json:"hd_network"`
	Files        []FileInfo `json:"files"`
}

// FileInfo is one written file.
type FileInfo struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Datasets returns the four data sets in the schema of the real files
// (docs/figure2-spec.md, figure3-spec.md), keyed by file stem
// (data.TrajectoriesName, ...), all floats float32. Beyond the real keys,
// trajectories has angular_velocity [T, S, 1] (radians per step) and
// visual_inputs poses [I, 3] (x, y, heading); parameters holds the memory
// columns of map 0 under the real keys (hdnet.KeyMemoryHD, ...) and those
// of map k under integrator/memory_map_k/.
func (w *World) Datasets() map[string]data.Dict {
	cfg := w.Config
	t, s, h := cfg.Trajectories, cfg.Steps, w.Net.Units()
	f32 := data.New[float32]
	f64 := func(v []float64, shape ...int) *data.Array { return f32(data.New(v, len(v)).Float32(), shape...) }
	outs := data.List{}
	for _, o := range w.Outputs {
		outs = append(outs, f32(o, t, s, len(o)/(t*s)))
	}
	logps := data.List{}
	for _, l := range w.LogPs {
		logps = append(logps, f32(l, t, s, slots))
	}
	traj := data.Dict{
		"hd":                f32(w.HD, t, s, 1),
		"pos":               f32(w.Pos, t, s, 2),
		"world_distances":   f32(w.WallDist, t, s, sensors),
		"predicted_outputs": outs,
		"log_ps_given_y":    logps,
		"angular_velocity":  f32(w.AngVel, t, s, 1),
	}
	pw, pb, cw, cb := w.Net.Weights()
	params := data.Dict{
		hdnet.KeyPredictionW: f64(pw, 2+h, 4*h),
		hdnet.KeyPredictionB: f64(pb, 4*h),
		hdnet.KeyCorrectionW: f64(cw, 2*h, 4*h),
		hdnet.KeyCorrectionB: f64(cb, 4*h),
		hdnet.KeyBeta:        data.New([]float32{float32(logBeta)}),
	}
	for k, m := range w.Maps {
		pre := fmt.Sprintf("integrator/memory_map_%d/", k) // map 0: hdnet.KeyMemoryHD, ...
		params[pre+"column_context_3"] = f64(m.MX, m.S, m.H)
		params[pre+"column_context_2"] = f64(m.MY, m.S, m.E)
		params[pre+"column_context_3_written"] = f64(m.MX, m.S, m.H)
	}
	ni := cfg.Images
	visual := data.Dict{
		"images":     data.New(w.Images, ni, camera.H, camera.W, 3),
		"embeddings": f32(w.ImageEmb, ni, embedding),
		"poses":      f64(w.ImagePoses, ni, 3),
	}
	hdStats := data.Dict{
		"rnn0_rv_angles":  f64(w.HDAngles, h),
		"rnn0_rv_lengths": f64(w.HDLengths, h),
	}
	return map[string]data.Dict{
		data.TrajectoriesName: traj,
		data.ParametersName:   params,
		data.VisualInputsName: visual,
		data.HDStatsName:      hdStats,
	}
}

// Write writes the world into dir (created if needed): the four data sets
// as .npz files, truth.json and, last, manifest.json, each atomically
// (temporary file and rename), and returns the manifest. An existing
// manifest is removed first, so a write that fails half-way leaves no
// manifest: the manifest vouches for a complete, consistent set. Files are
// byte-identical for identical worlds.
func (w *World) Write(dir string) (*Manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, ManifestFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("synth: %w", err)
	}
	cfg := w.Config
	start := time.Now()
	progress := func(name string) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "synth: wrote %-22s %6.1fs\n", name, time.Since(start).Seconds())
		}
	}
	var names []string
	sets := w.Datasets()
	for _, stem := range []string{data.TrajectoriesName, data.ParametersName, data.VisualInputsName, data.HDStatsName} {
		name := stem + ".npz"
		if err := data.WriteNPZ(filepath.Join(dir, name), sets[stem]); err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
		delete(sets, stem) // let the collector have what it can
		names = append(names, name)
		progress(name)
	}
	if err := writeJSON(filepath.Join(dir, TruthFile), w.Truth); err != nil {
		return nil, err
	}
	names = append(names, TruthFile)
	m := &Manifest{
		Generator: "smp-go synthetic world (github.com/smp-go/smp-go/smp/synth)", Version: GeneratorVersion,
		Seed: cfg.Seed, Trajectories: cfg.Trajectories, Steps: cfg.Steps, Sensors: sensors,
		Units: []int{w.Net.Units(), len(w.RNN2.Units), len(w.RNN3.Units)}, Embedding: embedding,
		Slots: slots, Maps: memoryMaps, Images: cfg.Images, ImageSize: [2]int{camera.H, camera.W},
		HDNetwork: cfg.HDNetwork,
	}
	for _, name := range names {
		fi, err := hashFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		m.Files = append(m.Files, fi)
	}
	if err := writeJSON(filepath.Join(dir, ManifestFile), m); err != nil {
		return nil, err
	}
	progress(ManifestFile)
	return m, nil
}

// writeJSON writes v as indented JSON to path, atomically.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	b = append(b, '\n')
	err = data.WriteAtomic(path, func(wr io.Writer) error {
		_, err := wr.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// hashFile returns the size and SHA-256 of a file.
func hashFile(path string) (FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileInfo{}, fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileInfo{}, fmt.Errorf("synth: %s: %w", path, err)
	}
	return FileInfo{Name: filepath.Base(path), Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// ReadManifest reads the manifest of the world in dir.
func ReadManifest(dir string) (*Manifest, error) { return readJSON[Manifest](dir, ManifestFile) }

// ReadTruth reads the ground truth of the world in dir.
func ReadTruth(dir string) (*Truth, error) { return readJSON[Truth](dir, TruthFile) }

// readJSON reads file name of dir as JSON.
func readJSON[T any](dir, name string) (*T, error) {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("synth: %s: %w", name, err)
	}
	return &v, nil
}
