package explore

import (
	"fmt"
	"slices"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/plot"
	"github.com/smp-go/smp-go/smp/synth"
)

// HDBins is the number of head-direction bins of the explorer's polar
// tuning curves (panel A's 36; the classification uses 20).
const HDBins = 36

// UnitMaps are the pictures of every unit of RNN-1..3, concatenated in
// figure 2's order (unit u of RNN-1 for u < U_1, then RNN-2, then RNN-3).
type UnitMaps struct {
	// HDCentres are the HDBins bin centres (radians); HD[u] is unit u's
	// head-direction ratemap there (mean activation, NaN where empty).
	HDCentres []float64
	HD        [][]float64
	// Spatial[u] is unit u's spatial ratemap (0.14 m bins) with its
	// per-octant maps.
	Spatial []*smp.Ratemap
	// Ego and Allo are the egocentric and allocentric boundary-vector
	// ratemaps of all units ([D, A, U]), at the classification's distances.
	Ego, Allo *smp.BVCRatemaps
}

// ComputeUnitMaps computes every unit's explorer pictures from the
// trajectories, with the analyses figure 2 uses: smp.HDScorer's 36-bin
// ratemaps, smp.Ratemaps with head directions (octant maps), and
// smp.EgoAlloBVCRatemaps at the given boundary distances (the
// classification's Distances).
func ComputeUnitMaps(t *data.Trajectories, distances []float64) (*UnitMaps, error) {
	acts := t.Activations()
	scorer, err := smp.NewHDScorer(HDBins)
	if err != nil {
		return nil, err
	}
	hd, err := scorer.Ratemaps(t.HD, acts)
	if err != nil {
		return nil, fmt.Errorf("explore: unit maps: %w", err)
	}
	m := &UnitMaps{HDCentres: scorer.Centres(), HD: slices.Collect(slices.Chunk(hd.Float64(), HDBins))}
	if m.Spatial, err = smp.Ratemaps(t.Pos, acts, nil, smp.RatemapOptions{HD: t.HD}); err != nil {
		return nil, fmt.Errorf("explore: unit maps: %w", err)
	}
	if m.Ego, m.Allo, err = smp.EgoAlloBVCRatemaps(acts, t.WorldDistances, t.HD, distances); err != nil {
		return nil, fmt.Errorf("explore: unit maps: %w", err)
	}
	return m, nil
}

// Figure2Input is what figure 2's explorer shows.
type Figure2Input struct {
	// UnitsPerRNN are the unit counts of RNN-1, RNN-2 and RNN-3, in the
	// order of the per-unit slices.
	UnitsPerRNN    []int
	Classification *smp.Classification // scores, thresholds and types (smp.Classify)
	Stability      []float64           // spatial stability per unit (smp.SpatialStability)
	Maps           *UnitMaps           // the pictures (ComputeUnitMaps)
	// Planted is each unit's type as the synthetic world planted it (hd,
	// egobvc, bvc, place, untuned; see PlantedTypes); nil for real data.
	Planted []string
	// Title is shown above the explorer, e.g. which data it shows.
	Title string
}

// PlantedTypes returns the planted type of every unit of the
// concatenation RNN-1 | RNN-2 | RNN-3 from a synthetic world's ground truth
// (synth.ReadTruth).
func PlantedTypes(t *synth.Truth, unitsPerRNN []int) ([]string, error) {
	total := 0
	for _, u := range unitsPerRNN {
		total += u
	}
	out := make([]string, total)
	for _, u := range t.Units {
		if u.Index < 0 || u.Index >= total {
			return nil, fmt.Errorf("explore: ground truth unit index %d out of range [0, %d)", u.Index, total)
		}
		out[u.Index] = u.Type
	}
	for i, s := range out {
		if s == "" {
			return nil, fmt.Errorf("explore: ground truth has no type for unit %d", i)
		}
	}
	return out, nil
}

// unit2 is one unit's metadata in the page: its place in the payload and
// the ranges its 8-bit maps decode to.
type unit2 struct {
	RNN, Unit           int
	HD                  num // HD score (resultant vector length, 20 bins)
	HDAngle             num // its angle, atan2(x, y)
	Ego, Allo           num // BVC scores
	EgoDist             num // preferred egocentric wall distance, metres
	EgoAngle            num // preferred egocentric wall angle, atan2(x, y)
	AlloDist, AlloAngle num
	Stab                num // spatial stability
	IsHD, IsEgo, IsAllo bool
	Planted             string `json:",omitempty"`
	// Offsets and ranges of the 8-bit pictures.
	HDOff, MapOff, EgoOff, AlloOff int
	HDMax                          num    // tuning curve: codes over [-HDMax, HDMax]
	MapLo, MapHi                   num    // spatial maps (plain and octants)
	EgoRange, AlloRange            [2]num // BVC maps
}

type page2 struct {
	Title        string
	RNNs         []int
	HDThreshold  num
	EgoThreshold num
	AlloThr      num
	HDCentres    []num
	NX, NY       int
	Tiles        [3][3]int // octant mosaic layout, row 0 at the bottom; 8 = plain map
	Distances    []num
	Angles       []num // BVC direction angles (ratemap frame)
	Units        []unit2
	Jet          []byte // 256 RGB entries
}

// Figure2 returns figure 2's explorer: choose an RNN and one of its units,
// and see its head-direction tuning (polar, 36 bins; positive lobe blue,
// negative red; the 20-bin resultant vector as a black stick), its spatial
// ratemap as an octant mosaic (jet, the unit's own range, empty bins
// white), its egocentric and allocentric boundary-vector ratemaps (polar:
// direction around, distance outwards; ego: ahead is up), and its scores
// against the thresholds, with its planted type on synthetic data. The
// result is HTML with an inline script, for gonbui.DisplayHTML.
func Figure2(in Figure2Input) (string, error) {
	c, m := in.Classification, in.Maps
	if c == nil || m == nil {
		return "", fmt.Errorf("explore: figure 2: no classification or no unit maps")
	}
	total := 0
	for _, u := range in.UnitsPerRNN {
		total += u
	}
	if total == 0 {
		return "", fmt.Errorf("explore: figure 2: no units (units per RNN %v)", in.UnitsPerRNN)
	}
	for name, n := range map[string]int{"HD scores": len(c.HDScore), "HD angles": len(c.HDAngle),
		"egoBVC scores": len(c.EgoScore), "BVC scores": len(c.AlloScore), "stability values": len(in.Stability),
		"HD curves": len(m.HD), "spatial ratemaps": len(m.Spatial)} {
		if n != total {
			return "", fmt.Errorf("explore: figure 2: %d %s for %d units", n, name, total)
		}
	}
	if in.Planted != nil && len(in.Planted) != total {
		return "", fmt.Errorf("explore: figure 2: %d planted types for %d units", len(in.Planted), total)
	}
	if m.Ego == nil || m.Allo == nil || m.Ego.NUnits != total || m.Allo.NUnits != total {
		return "", fmt.Errorf("explore: figure 2: boundary-vector ratemaps missing or not of %d units", total)
	}
	nx, ny := m.Spatial[0].NX, m.Spatial[0].NY
	p := page2{Title: in.Title, RNNs: in.UnitsPerRNN, HDThreshold: num(c.HDThreshold), EgoThreshold: num(c.EgoThreshold),
		AlloThr: num(c.AlloThreshold), HDCentres: nums(m.HDCentres), NX: nx, NY: ny, Tiles: octantTiles,
		Distances: nums(m.Ego.Distances), Angles: nums(m.Ego.Angles), Jet: lutBytes(plot.Jet())}
	var bl blob
	rnn, k := 0, 0
	for u := range total {
		for k >= in.UnitsPerRNN[rnn] {
			rnn, k = rnn+1, 0
		}
		r := m.Spatial[u]
		if r.NX != nx || r.NY != ny || len(r.Octants) != 8*nx*ny {
			return "", fmt.Errorf("explore: figure 2: unit %d's ratemap is %d x %d (octants: %d values), want %d x %d with octants",
				u, r.NX, r.NY, len(r.Octants), nx, ny)
		}
		if len(m.HD[u]) != len(m.HDCentres) {
			return "", fmt.Errorf("explore: figure 2: unit %d's HD curve has %d values for %d bins", u, len(m.HD[u]), len(m.HDCentres))
		}
		e := unit2{RNN: rnn + 1, Unit: k, HD: num(c.HDScore[u]), HDAngle: num(c.HDAngle[u]), Ego: num(c.EgoScore[u]),
			Allo: num(c.AlloScore[u]), Stab: num(in.Stability[u]), IsHD: c.IsHD[u], IsEgo: c.IsEgo[u], IsAllo: c.IsAllo[u]}
		if len(c.EgoDistance) == total && len(c.AlloDistance) == total {
			e.EgoDist, e.EgoAngle = num(c.EgoDistance[u]), num(c.EgoAngle[u])
			e.AlloDist, e.AlloAngle = num(c.AlloDistance[u]), num(c.AlloAngle[u])
		}
		if in.Planted != nil {
			e.Planted = in.Planted[u]
		}
		hdMax := absMax(m.HD[u])
		e.HDMax, e.HDOff = num(hdMax), bl.add(Quantize(nil, m.HD[u], -hdMax, hdMax))
		lo, hi := Range(r.Plain, r.Octants)
		e.MapLo, e.MapHi = num(lo), num(hi)
		e.MapOff = bl.add(Quantize(Quantize(nil, r.Plain, lo, hi), r.Octants, lo, hi))
		ego, allo := bvcMap(m.Ego, u), bvcMap(m.Allo, u)
		lo, hi = Range(ego)
		e.EgoRange, e.EgoOff = [2]num{num(lo), num(hi)}, bl.add(Quantize(nil, ego, lo, hi))
		lo, hi = Range(allo)
		e.AlloRange, e.AlloOff = [2]num{num(lo), num(hi)}, bl.add(Quantize(nil, allo, lo, hi))
		p.Units = append(p.Units, e)
		k++
	}
	return render("figure2", figure2JS, p, bl)
}

// bvcMap returns unit u's boundary-vector ratemap [D, A] (row-major).
func bvcMap(r *smp.BVCRatemaps, u int) []float64 {
	out := make([]float64, len(r.Distances)*len(r.Angles))
	for i := range out {
		out[i] = r.Values[i*r.NUnits+u] // r.At(d, a, u) with i = d·A + a
	}
	return out
}

// octantTiles is the octant mosaic's tile layout as plot.OctantGrid makes it
// (row 0 drawn at the bottom; 8 is the plain map), checked against it by the
// tests.
var octantTiles = [3][3]int{{5, 4, 3}, {6, 8, 2}, {7, 0, 1}}

// lutBytes returns a colormap's lookup table as 8-bit RGB triples, entry i
// read as Colormap.At((i + 0.5)/N) (matplotlib's indexing puts that value
// in entry i; At converts to bytes as matplotlib does).
func lutBytes(m *plot.Colormap) []byte {
	n := m.N()
	out := make([]byte, 0, 3*n)
	for i := range n {
		c := m.At((float64(i) + 0.5) / float64(n))
		out = append(out, c.R, c.G, c.B)
	}
	return out
}
