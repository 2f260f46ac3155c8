package hdnet

import (
	"math"
	"strings"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
)

const fixturePath = "../../testdata/reference/figure3.npz"

// relTol is the agreement required with the original (float32 arithmetic in
// places): relative 1e-5, with an absolute floor of 1e-8 for values near 0.
const relTol, absTol = 1e-5, 1e-8

func loadFixture(t *testing.T) *data.Dataset {
	t.Helper()
	ds, err := data.LoadNPZ(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func fixtureFloats(t *testing.T, ds *data.Dataset, key string) []float64 {
	t.Helper()
	a, err := ds.FloatArray(-1, key)
	if err != nil {
		t.Fatal(err)
	}
	return a.Float64()
}

// fixtureParams returns the fixture's in_ arrays as data sets in the
// original schema: the parameters and the visual inputs (embeddings only).
func fixtureParams(t *testing.T, ds *data.Dataset) (params, visual *data.Dataset) {
	t.Helper()
	params = &data.Dataset{Source: "figure3.npz", Root: data.Dict{}}
	visual = &data.Dataset{Source: "figure3.npz", Root: data.Dict{}}
	for k, v := range ds.Root {
		switch {
		case k == "in_embeddings":
			visual.Root[KeyEmbeddings] = v
		case strings.HasPrefix(k, "in_integrator__"):
			params.Root[strings.ReplaceAll(strings.TrimPrefix(k, "in_"), "__", "/")] = v
		}
	}
	return params, visual
}

func fixtureNetwork(t *testing.T, ds *data.Dataset) *Network {
	t.Helper()
	params, visual := fixtureParams(t, ds)
	n, err := FromDatasets(params, visual, nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// compare checks got against want element by element and logs the largest
// relative error.
func compare(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	worst, at := 0.0, 0
	bad := 0
	for i := range got {
		d := math.Abs(got[i] - want[i])
		if !(d <= relTol*math.Abs(want[i])+absTol) {
			if bad < 5 {
				t.Errorf("%s[%d] = %.9g, want %.9g", name, i, got[i], want[i])
			}
			bad++
		}
		if r := d / math.Max(math.Abs(want[i]), 1e-300); r > worst {
			worst, at = r, i
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d values differ", name, bad, len(got))
	}
	t.Logf("%s: %d values, largest relative error %.2g (at %d: %.9g vs %.9g)", name, len(got), worst, at, got[at], want[at])
}

func TestFixtureNetworkShapes(t *testing.T) {
	n := fixtureNetwork(t, loadFixture(t))
	if n.H != 32 || n.S != 64 || n.E != 16 || n.NumImages != 24 || n.Images != nil || n.RVAngles != nil {
		t.Errorf("H=%d S=%d E=%d I=%d images=%v rv=%v", n.H, n.S, n.E, n.NumImages, n.Images != nil, n.RVAngles != nil)
	}
	if n.Prediction.In != 2 || n.Correction.In != 32 {
		t.Errorf("inputs %d, %d", n.Prediction.In, n.Correction.In)
	}
	if math.Abs(n.Beta-0.7) > 1e-7 {
		t.Errorf("beta %v", n.Beta)
	}
}

func TestFixtureLSTMStep(t *testing.T) {
	ds := loadFixture(t)
	n := fixtureNetwork(t, ds)
	x := fixtureFloats(t, ds, "lstm_in_x")
	h := fixtureFloats(t, ds, "lstm_in_h")
	c := fixtureFloats(t, ds, "lstm_in_c")
	B := len(x) / 2
	h2, c2 := append([]float64(nil), h...), append([]float64(nil), c...)
	n.Prediction.Step(x, h, c, B, make([]float64, 4*n.H))
	compare(t, "lstm_out_h", h, fixtureFloats(t, ds, "lstm_out_h"))
	compare(t, "lstm_out_c", c, fixtureFloats(t, ds, "lstm_out_c"))
	stepReference(n.Prediction, x, h2, c2, B)
	for i := range h {
		if !sameBits(h[i], h2[i]) || !sameBits(c[i], c2[i]) {
			t.Fatalf("Step differs from the scalar reference at %d", i)
		}
	}
}

func TestFixtureCorrectionCodes(t *testing.T) {
	ds := loadFixture(t)
	n := fixtureNetwork(t, ds)
	codes, err := n.ImageCodes(n.NumImages)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "correction_codes", codes, fixtureFloats(t, ds, "correction_codes"))
}

func TestFixtureUnroll(t *testing.T) {
	ds := loadFixture(t)
	n := fixtureNetwork(t, ds)
	out, err := n.Unroll(fixtureFloats(t, ds, "unroll_in"), 0.16, 20)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "unroll_out", out, fixtureFloats(t, ds, "unroll_out"))
}

func TestFixtureTakeIfFartherThan(t *testing.T) {
	ds := loadFixture(t)
	idx, kept := TakeIfFartherThan(fixtureFloats(t, ds, "farther_in"), 2, 0.1)
	ia, err := ds.Array("farther_idx")
	if err != nil {
		t.Fatal(err)
	}
	wantIdx := ia.Float64()
	if len(idx) != len(wantIdx) {
		t.Fatalf("kept %d points, want %d", len(idx), len(wantIdx))
	}
	for i := range idx {
		if float64(idx[i]) != wantIdx[i] {
			t.Fatalf("idx[%d] = %d, want %v", i, idx[i], wantIdx[i])
		}
	}
	compare(t, "farther_kept", kept, fixtureFloats(t, ds, "farther_kept"))
}

func TestFixtureAutocovariance(t *testing.T) {
	ds := loadFixture(t)
	a, err := ds.FloatArray(3, "autocov_in")
	if err != nil {
		t.Fatal(err)
	}
	T, B, D := a.Shape[0], a.Shape[1], a.Shape[2]
	got, err := Autocovariance(a.Float64(), T, B, D, AutocovLags)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "autocov_out", got, fixtureFloats(t, ds, "autocov_out"))
}

func TestFixtureDemo(t *testing.T) {
	ds := loadFixture(t)
	n := fixtureNetwork(t, ds)
	d, err := n.Demo(DemoState, DemoSteps)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "demo_true_offset", d.TrueOffset, fixtureFloats(t, ds, "demo_true_offset"))
	// The fixture has no HD statistics: the demo trajectory is over all
	// units in order, which is what HDCells gives without them.
	compare(t, "demo_trajectory", SelectUnits(d.Trajectory, n.H, n.HDCells()), fixtureFloats(t, ds, "demo_trajectory"))
}

// sameBits reports whether a and b are the same float64, bit for bit (NaNs
// of any payload count as equal).
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}
