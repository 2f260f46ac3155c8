package data_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/smp-go/smp-go/smp/data"
)

// A trajectory data set of 2 trajectories of 3 steps, written as
// trajectories.npz (the layout of DeepMind's trajectories.pickle) and read
// back flattened to 6 samples.
func ExampleLoadTrajectoriesDir() {
	dir, err := os.MkdirTemp("", "smp-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	zeros := func(shape ...int) *data.Array {
		n := 1
		for _, d := range shape {
			n *= d
		}
		return data.New(make([]float32, n), shape...)
	}
	set := data.Dict{
		"hd":                data.New([]float32{0, 0.5, 1, -1, -0.5, 0}, 2, 3, 1),
		"pos":               zeros(2, 3, 2),
		"world_distances":   zeros(2, 3, 20),
		"predicted_outputs": data.List{zeros(2, 3, 4), zeros(2, 3, 8)},
		"log_ps_given_y":    data.List{zeros(2, 3, 16)},
	}
	if err := data.WriteNPZ(filepath.Join(dir, data.TrajectoriesName+".npz"), set); err != nil {
		fmt.Println(err)
		return
	}

	t, err := data.LoadTrajectoriesDir(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.NTraj, "trajectories of", t.NSteps, "steps:", t.N(), "samples")
	fmt.Println("head directions", t.HD)
	fmt.Println("positions", data.FormatShape(t.Pos.Shape), "units per RNN", t.UnitsPerRNN())
	fmt.Println("activations", data.FormatShape(t.Activations().Shape))
	// Output:
	// 2 trajectories of 3 steps: 6 samples
	// head directions [0 0.5 1 -1 -0.5 0]
	// positions (6, 2) units per RNN [4 8]
	// activations (6, 12)
}

// Load reads any .npz or .pickle file into a tree of dicts, lists and
// arrays; a wrong key or shape gives an error naming the file and the key.
func ExampleLoad() {
	dir, err := os.MkdirTemp("", "smp-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "tiny.npz")
	err = data.WriteNPZ(path, data.Dict{"rates": data.New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)})
	if err != nil {
		fmt.Println(err)
		return
	}

	ds, err := data.Load(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	rates, err := ds.FloatArray(2, "rates")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rates.DType(), data.FormatShape(rates.Shape), rates.Float64())
	_, err = ds.FloatArray(2, "counts")
	fmt.Println(strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)))
	// Output:
	// float64 (2, 3) [1 2 3 4 5 6]
	// tiny.npz: counts: missing key (have rates)
}
