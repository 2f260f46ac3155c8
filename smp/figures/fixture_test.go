package figures

import (
	"sync"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
)

// fixturePath is the golden fixture of figure 2's analyses: 12 trajectories
// x 500 steps, 8 + 16 + 16 units, 16 memory slots.
const fixturePath = "../../testdata/reference/figure2.npz"

var fixture struct {
	once sync.Once
	root data.Dict
	err  error
}

// fixtureDict returns the fixture's inputs assembled into the unflattened
// trajectory schema: hd [12, 500, 1], pos [12, 500, 2], world_distances
// [12, 500, 20], predicted_outputs of 8, 16 and 16 units and
// log_ps_given_y of two maps (map 0 a copy of map 1, which is the
// fixture's in_logp1).
func fixtureDict(t testing.TB) data.Dict {
	t.Helper()
	fixture.once.Do(func() {
		ds, err := data.LoadNPZ(fixturePath)
		if err != nil {
			fixture.err = err
			return
		}
		get := func(name string) []float64 {
			a, err := ds.FloatArray(2, name)
			if err != nil && fixture.err == nil {
				fixture.err = err
			}
			if a == nil {
				return nil
			}
			return a.Float64()
		}
		const nt, ns = 12, 500
		n := nt * ns
		acts := get("in_acts")
		logp := get("in_logp1")
		if fixture.err != nil {
			return
		}
		var rnns data.List
		off := 0
		for _, u := range []int{8, 16, 16} {
			d := make([]float64, n*u)
			for i := range n {
				copy(d[i*u:(i+1)*u], acts[i*40+off:i*40+off+u])
			}
			rnns = append(rnns, data.New(d, nt, ns, u))
			off += u
		}
		fixture.root = data.Dict{
			"hd":                data.New(get("in_hd"), nt, ns, 1),
			"pos":               data.New(get("in_pos"), nt, ns, 2),
			"world_distances":   data.New(get("in_world_distances"), nt, ns, 20),
			"predicted_outputs": rnns,
			"log_ps_given_y": data.List{
				data.New(append([]float64(nil), logp...), nt, ns, 16),
				data.New(logp, nt, ns, 16),
			},
		}
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	return fixture.root
}

// fixtureTrajectories returns the fixture as loaded trajectories.
func fixtureTrajectories(t testing.TB) *data.Trajectories {
	t.Helper()
	tr, err := data.NewTrajectories(&data.Dataset{Source: fixturePath, Root: fixtureDict(t)})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}
