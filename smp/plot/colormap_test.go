package plot

import (
	"math"
	"testing"

	"codeberg.org/sbinet/npyio/npz"
)

const (
	colormapsNPZ = "../../testdata/reference/colormaps.npz"
	figure2NPZ   = "../../testdata/reference/figure2.npz"
)

// readNPZ reads one float64 array of an npz file, with its shape.
func readNPZ(t testing.TB, path, key string) ([]float64, []int) {
	t.Helper()
	r, err := npz.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer r.Close()
	hdr := r.Header(key + ".npy")
	if hdr == nil {
		t.Fatalf("%s: no key %q (keys %v)", path, key, r.Keys())
	}
	var v []float64
	if err := r.Read(key+".npy", &v); err != nil {
		t.Fatalf("%s: read %s: %v", path, key, err)
	}
	return v, hdr.Descr.Shape
}

func TestColormapsMatchMatplotlib(t *testing.T) {
	for _, tc := range []struct {
		key  string
		cmap *Colormap
	}{
		{"jet", Jet()},
		{"coolwarm", Coolwarm()},
	} {
		want, shape := readNPZ(t, colormapsNPZ, tc.key)
		n := shape[0]
		if shape[1] != 3 || tc.cmap.N() != n {
			t.Fatalf("%s: fixture shape %v, colormap has %d entries", tc.key, shape, tc.cmap.N())
		}
		var maxDiff float64
		for i := range n {
			// The fixture is cmap(linspace(0, 1, n)): sample the same points.
			v := float64(i) * (1 / float64(n-1))
			if i == n-1 {
				v = 1
			}
			rgb, ok := tc.cmap.RGB(v)
			if !ok {
				t.Fatalf("%s: RGB(%v) not ok", tc.key, v)
			}
			at := tc.cmap.At(v)
			got8 := [3]uint8{at.R, at.G, at.B}
			for c := range 3 {
				w := want[3*i+c]
				d := math.Abs(rgb[c] - w)
				maxDiff = math.Max(maxDiff, d)
				if d > 1.0/255 {
					t.Errorf("%s[%d][%d] = %v, want %v", tc.key, i, c, rgb[c], w)
				}
				if d8 := math.Abs(float64(got8[c])/255 - w); d8 > 1.0/255 {
					t.Errorf("%s At[%d][%d] = %d/255, want %v", tc.key, i, c, got8[c], w)
				}
			}
		}
		t.Logf("%s: max |diff| over the LUT = %.3g", tc.key, maxDiff)
	}
}

func TestTab20bColours(t *testing.T) {
	want, _ := readNPZ(t, colormapsNPZ, "tab20b")
	for i, c := range Tab20b() {
		got := [3]uint8{c.R, c.G, c.B}
		for k := range 3 {
			if d := math.Abs(float64(got[k])/255 - want[3*i+k]); d > 1e-12 {
				t.Errorf("tab20b[%d][%d] = %d/255, want %v", i, k, got[k], want[3*i+k])
			}
		}
	}
}

func TestColormapIndexing(t *testing.T) {
	m := &Colormap{lut: make([][3]float64, 256)} // entry i is (i, 0, 0)
	for i := range m.lut {
		m.lut[i][0] = float64(i)
	}
	for _, tc := range []struct {
		v    float64
		want int
	}{
		{0, 0}, {1, 255}, {0.999, 255}, {1.0 / 256, 1}, {0.5, 128},
		{-1e-9, 0}, {1 + 1e-9, 255}, {math.Inf(1), 255}, {math.Inf(-1), 0}, // under and over
	} {
		got, ok := m.RGB(tc.v)
		if !ok || got[0] != float64(tc.want) {
			t.Errorf("RGB(%v) is entry %v, %v; want %d", tc.v, got[0], ok, tc.want)
		}
	}
	m = Jet()
	if _, ok := m.RGB(math.NaN()); ok {
		t.Errorf("RGB(NaN) ok")
	}
	if c := m.At(math.NaN()); c.A != 0 {
		t.Errorf("At(NaN) = %v, want transparent", c)
	}
	under, _ := m.RGB(-0.5)
	first, _ := m.RGB(0)
	over, _ := m.RGB(2)
	last, _ := m.RGB(1)
	if under != first || over != last {
		t.Errorf("under/over colours differ from the ends of the LUT")
	}
}
