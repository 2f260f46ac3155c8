package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/internal/mmap"
	"github.com/smp-go/smp-go/smp/num"
)

// TestTruncatedDataFile truncates a loaded (mapped) data file, then reads
// its array in a computation, serially and in num.ParallelFor's workers:
// step returns one error naming the file instead of crashing on SIGBUS.
func TestTruncatedDataFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "trajectories.npz")
	if err := data.WriteNPZ(path, data.Dict{"x": data.New(make([]float32, 1<<20), 1<<20)}); err != nil {
		t.Fatal(err)
	}
	if f, err := mmap.Open(path); err != nil || !f.Mapped() {
		t.Skip("files are not mapped on this build")
	}
	ds, err := data.LoadNPZ(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ds.Close()
	a, err := ds.Array("x")
	if err != nil {
		t.Fatal(err)
	}
	v, _ := data.Values[float32](a)
	if err := os.Truncate(path, 4096); err != nil {
		t.Fatal(err)
	}
	src := &Source{Dir: dir, NoCache: true}
	for _, workers := range []int{1, 4} {
		_, err := step(newSteps(src, nil), "sum", workers, func() (float32, error) {
			sums := make([]float32, workers)
			num.ParallelFor(workers, workers, nil, func(w, i int) {
				for _, x := range v[i*len(v)/workers : (i+1)*len(v)/workers] {
					sums[w] += x
				}
			})
			return sums[0], nil
		})
		if err == nil || !strings.Contains(err.Error(), path+": changed or truncated while in use; reload it") {
			t.Errorf("%d workers: got %v, want an error naming %s", workers, err, path)
		}
	}
}
