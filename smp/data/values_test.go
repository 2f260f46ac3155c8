package data

import (
	"math"
	"testing"
)

// TestTrajectoryValues puts one bad value into each checked array: the
// error names the full path, the key, the index and the value.
func TestTrajectoryValues(t *testing.T) {
	inf := float32(math.Inf(1))
	nan := float32(math.NaN())
	for _, c := range []struct {
		name string
		key  string
		list int     // index in a list key, or -1
		flat int     // flat index of the bad value in the [2, 5, k] array
		v    float32 // the bad value
		want string
	}{
		{"pos +Inf", "pos", -1, 7, inf, "pos[0,3,1]: +Inf"},
		{"pos 1e30", "pos", -1, 12, 1e30, "pos[1,1,0]: 1.0000000150474662e+30 is outside [-10, 10]"},
		{"pos 1e4 m", "pos", -1, 0, 1e4, "pos[0,0,0]: 10000 is outside [-10, 10]"},
		{"pos 1e3 m", "pos", -1, 19, 1e3, "pos[1,4,1]: 1000 is outside [-10, 10]"},
		{"hd NaN", "hd", -1, 9, nan, "hd[1,4,0]: NaN"},
		{"hd 100 rad", "hd", -1, 2, 100, "hd[0,2,0]: 100 is outside"},
		{"distance NaN", "world_distances", -1, 45, nan, "world_distances[0,2,5]: NaN"},
		{"distance negative", "world_distances", -1, 45, -0.5, "world_distances[0,2,5]: -0.5 is below 0"},
		{"activation NaN", "predicted_outputs", 1, 128*7 + 45, nan, "predicted_outputs[1][1,2,45]: NaN"},
		{"activation -Inf", "predicted_outputs", 0, 3, -inf, "predicted_outputs[0][0,0,3]: -Inf"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := smallTrajectories(t, func(d Dict) {
				a := d[c.key]
				if c.list >= 0 {
					a = d[c.key].(List)[c.list]
				}
				v, _ := Values[float32](a.(*Array))
				v[c.flat] = c.v
			})
			_, err := LoadTrajectories(path)
			wantError(t, err, path+": "+c.want)
		})
	}
}

// TestNonFinite checks the block scan against a plain loop at every
// position of a block boundary.
func TestNonFinite(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 4095, 4096, 4097, 9000} {
		for _, at := range []int{0, n / 2, n - 1, 4095, 4096} {
			if at < 0 || at >= n {
				continue
			}
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				v := make([]float64, n)
				v[at] = bad
				if n > at+1 {
					v[n-1] = math.NaN()
				}
				if got := nonFinite(v); got != at {
					t.Errorf("n=%d, %v at %d: got %d", n, bad, at, got)
				}
			}
		}
		if got := nonFinite(make([]float32, n)); got != -1 {
			t.Errorf("n=%d finite: got %d", n, got)
		}
	}
}

// BenchmarkCheckValues measures the value checks of a trajectory set of
// 100 × 500 samples with the real data's 311 checked columns (hd, pos, 20
// distances, 288 activations), 62 MB of float32.
func BenchmarkCheckValues(b *testing.B) {
	ds := &Dataset{Source: "bench", Root: benchTrajectories(100, 500)}
	s, err := checkTrajectorySchema(ds)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(100 * 500 * 311 * 4))
	for b.Loop() {
		if err := checkTrajectoryValues(ds, s); err != nil {
			b.Fatal(err)
		}
	}
}
