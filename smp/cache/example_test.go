package cache_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/smp-go/smp-go/smp/cache"
)

// A step of a notebook: the result is keyed by the step's name, its input
// file and its parameters; the second run reads it from the cache.
func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	input := filepath.Join(dir, "trajectories.npz")
	os.WriteFile(input, []byte("data"), 0o644)

	// Notebooks and commands use cache.Default(os.Stdout): the user's
	// cache, or nil (no cache) after one warning if it cannot be used.
	c, err := cache.Open(filepath.Join(dir, "cache"), os.Stdout)
	if err != nil {
		fmt.Println(err)
		return
	}

	for range 2 {
		file, err := cache.FileID(input)
		if err != nil {
			fmt.Println(err)
			return
		}
		key := cache.NewKey("shuffle thresholds", file, 1000, int64(1))
		thresholds, hit, err := cache.Get(c, key, func() ([]float64, error) {
			return []float64{0.42, 0.17}, nil // the long computation
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		if hit {
			fmt.Println("shuffle thresholds: from the cache", thresholds)
		} else {
			fmt.Println("shuffle thresholds: computed", thresholds)
		}
	}
	// Output:
	// shuffle thresholds: computed [0.42 0.17]
	// shuffle thresholds: from the cache [0.42 0.17]
}
