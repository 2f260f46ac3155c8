package explore

import (
	"math"
	"testing"

	"github.com/smp-go/smp-go/smp/plot"
)

func TestQuantizeRoundTrip(t *testing.T) {
	v := []float64{-1, -0.5, 0, 0.3, 1, math.NaN(), 2, -3}
	q := Quantize(nil, v, -1, 1)
	if q[5] != NaNCode || q[6] != MaxCode || q[7] != 0 || q[0] != 0 || q[4] != MaxCode {
		t.Fatalf("codes %v: want NaN → %d and clamping to 0..%d", q, NaNCode, MaxCode)
	}
	checkDecoded(t, "v", q[:5], -1, 1, v[:5])
	if q := Quantize(nil, []float64{3, 3}, 3, 3); q[0] != 0 || q[1] != 0 {
		t.Errorf("empty range: codes %v, want 0", q)
	}
	if lo, hi := Range([]float64{math.NaN()}, []float64{2, -1}); lo != -1 || hi != 2 {
		t.Errorf("Range = %v, %v; want -1, 2", lo, hi)
	}
}

func TestPayloadRoundTrip(t *testing.T) {
	var b blob
	if off := b.add([]byte{1, 2, 3}); off != 0 {
		t.Fatal(off)
	}
	if off := b.add([]byte{4}); off != 3 {
		t.Fatal(off)
	}
	s, raw := b.encode()
	if raw != 4 {
		t.Fatal(raw)
	}
	got, err := decodePayload(s)
	if err != nil || string(got) != "\x01\x02\x03\x04" {
		t.Fatalf("decoded %v, %v", got, err)
	}
}

func TestOctantTiles(t *testing.T) {
	want := [3][3]int{{5, 4, 3}, {6, 8, 2}, {7, 0, 1}} // the original's octant_grid
	// plot.OctantGrid's layout, read off a 1 x 1 map whose octant k holds k.
	grid, _, cols, err := plot.OctantGrid([]float64{8}, []float64{0, 1, 2, 3, 4, 5, 6, 7}, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got [3][3]int
	for r := range 3 {
		for c := range 3 {
			got[r][c] = int(grid[(3*r+1)*cols+3*c+1])
		}
	}
	if got != want || octantTiles != want {
		t.Errorf("tiles %v, plot.OctantGrid's %v, want %v", octantTiles, got, want)
	}
}

// TestLUT: the page's colour table is the colormap's, entry by entry.
func TestLUT(t *testing.T) {
	m := plot.Jet()
	b := lutBytes(m)
	if len(b) != 3*m.N() {
		t.Fatalf("%d bytes for %d entries", len(b), m.N())
	}
	for i := range m.N() {
		for _, v := range []float64{float64(i) / 256, (float64(i) + 0.999) / 256} {
			c := m.At(v)
			if b[3*i] != c.R || b[3*i+1] != c.G || b[3*i+2] != c.B {
				t.Fatalf("entry %d: %v, colormap at %v: %v", i, b[3*i:3*i+3], v, c)
			}
		}
	}
}
