package smp

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/smp-go/smp-go/smp/num"
)

func TestBinnerMatchesDigitize(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	edges := RatemapEdges(-1.1, 1.1, 0.14)
	b := num.NewDigitizer(edges)
	for i := 0; i < 100000; i++ {
		v := -1.3 + 2.6*r.Float64()
		if i%10 == 0 {
			v = edges[r.IntN(len(edges))]
		}
		want := sort.Search(len(edges), func(k int) bool { return edges[k] > v })
		if got := b.Digitize(v); got != want {
			t.Fatalf("digitize(%v) = %d, want %d", v, got, want)
		}
	}
	if got := b.Digitize(math.NaN()); got != len(edges) {
		t.Errorf("digitize(NaN) = %d", got)
	}
	sb := newStatBinner(edges)
	if got := sb.bin(edges[len(edges)-1]); got != len(edges)-2 {
		t.Errorf("last edge goes to bin %d, want the last bin", got)
	}
	if got := sb.bin(edges[len(edges)-1] + 1e-9); got != len(edges)-2 {
		t.Errorf("a value rounding to the last edge goes to bin %d, want the last bin", got)
	}
	if got := sb.bin(edges[len(edges)-1] + 1e-5); got != -1 {
		t.Errorf("a value beyond the last edge goes to bin %d, want none", got)
	}
}
