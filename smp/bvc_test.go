package smp

import (
	"fmt"
	"math"
	"runtime"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// fixDistances returns the classification's distance centres for the
// fixture: 0.025 steps below half the x extent.
func fixDistances(t testing.TB, pos *data.Array) []float64 {
	t.Helper()
	return BVCDistances(floatsOf(pos).posRange(0, pos.Shape[0])[0][2]/2, DefaultDistanceBin)
}

func TestBVCDistancesFixture(t *testing.T) {
	_, _, pos, _ := fixInputs(t)
	d := fixDistances(t, pos)
	assertClose(t, "bvc_distances", d, fixFloats(t, "bvc_distances"), fig2Tol)
	e, err := DistanceEdges(d)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "make_intervals", e, fixFloats(t, "make_intervals"), fig2Tol)
	if _, err := DistanceEdges([]float64{1}); err == nil {
		t.Error("one centre: no error")
	}
	e, _ = DistanceEdges([]float64{0, 1, 2})
	assertClose(t, "make_intervals([0 1 2])", e, []float64{-0.5, 0.5, 1.5, 2.5}, 0)
}

func TestBVCAnglesFixture(t *testing.T) {
	assertClose(t, "bvc_ego_angles", BVCAngles(20), fixFloats(t, "bvc_ego_angles"), fig2Tol)
	assertClose(t, "bvc_allo_angles", BVCAngles(20), fixFloats(t, "bvc_allo_angles"), fig2Tol)
}

func TestRotateDistancesFixture(t *testing.T) {
	_, hd, _, wd := fixInputs(t)
	r, err := rotateDistances(wd, hd)
	if err != nil {
		t.Fatal(err)
	}
	if r.DType() != wd.DType() {
		t.Errorf("rotated dtype %s, want %s", r.DType(), wd.DType())
	}
	assertClose(t, "rotated_world_distances", r.Float64(), fixFloats(t, "rotated_world_distances"), 0)
	if _, err := rotateDistances(wd, hd[:5]); err == nil {
		t.Error("short hd: no error")
	}
}

func TestRotationShift(t *testing.T) {
	// hd = 2*pi/20 * k rotates by -k columns.
	for k := -25; k <= 25; k++ {
		want := ((-k)%20 + 20) % 20
		if got := RotationShift(float64(k)*2*math.Pi/20, 20); got != want {
			t.Errorf("k=%d: shift %d, want %d", k, got, want)
		}
	}
	// Half-way: round half to even, 0.5 -> 0, 1.5 -> 2.
	if got := RotationShift(0.5*2*math.Pi/20, 20); got != 0 {
		t.Errorf("half a column: shift %d, want 0", got)
	}
}

func TestBVCRatemapsFixture(t *testing.T) {
	acts, hd, pos, wd := fixInputs(t)
	d := fixDistances(t, pos)
	allo, err := alloBVCRatemaps(acts, wd, d)
	if err != nil {
		t.Fatal(err)
	}
	ego, err := egoBVCRatemaps(acts, wd, hd, d)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "bvc_allo_rms", allo.Values, fixFloats(t, "bvc_allo_rms"), fig2Tol)
	assertClose(t, "bvc_ego_rms", ego.Values, fixFloats(t, "bvc_ego_rms"), fig2Tol)

	// Egocentric maps equal allocentric maps of rotated distances.
	rot, _ := rotateDistances(wd, hd)
	viaRot, err := alloBVCRatemaps(acts, rot, d)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "ego via RotateDistances", viaRot.Values, ego.Values, 0)

	// The one-pass version agrees to rounding.
	ego2, allo2, err := EgoAlloBVCRatemaps(acts, wd, hd, d)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "one-pass bvc_allo_rms", allo2.Values, fixFloats(t, "bvc_allo_rms"), fig2Tol)
	assertClose(t, "one-pass bvc_ego_rms", ego2.Values, fixFloats(t, "bvc_ego_rms"), fig2Tol)
	for i := range ego.Counts {
		if ego.Counts[i] != ego2.Counts[i] || allo.Counts[i] != allo2.Counts[i] {
			t.Fatalf("counts differ at %d", i)
		}
	}

	// float32 activations accumulate the same float64 sums.
	acts32 := data.New(acts.Float32(), acts.Shape...)
	allo32, err := alloBVCRatemaps(acts32, wd, d)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "float32 activations", allo32.Values, fixFloats(t, "bvc_allo_rms"), 1e-6)
}

func TestBVCCellParametersFixture(t *testing.T) {
	acts, hd, pos, wd := fixInputs(t)
	d := fixDistances(t, pos)
	ego, allo, err := EgoAlloBVCRatemaps(acts, wd, hd, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		r    *BVCRatemaps
	}{{"ego", ego}, {"allo", allo}} {
		p, err := BVCCellParameters(c.r, 0.2)
		if err != nil {
			t.Fatal(err)
		}
		assertBools(t, "bvc_"+c.name+"_is", p.IsBVC, fixBools(t, "bvc_"+c.name+"_is"))
		assertClose(t, "bvc_"+c.name+"_angle", p.Angle, fixFloats(t, "bvc_"+c.name+"_angle"), fig2Tol)
		assertClose(t, "bvc_"+c.name+"_dist", p.Distance, fixFloats(t, "bvc_"+c.name+"_dist"), fig2Tol)
		assertClose(t, "bvc_"+c.name+"_score", p.Score, fixFloats(t, "bvc_"+c.name+"_score"), fig2Tol)
	}
}

func TestBVCParametersSynthetic(t *testing.T) {
	// One unit whose ratemap peaks at angle column 5 and distance bin 3.
	d := []float64{0.1, 0.2, 0.3, 0.4, 0.5}
	r := &BVCRatemaps{Distances: d, Angles: BVCAngles(20), NUnits: 1, Values: make([]float64, 5*20)}
	for a := 0; a < 20; a++ {
		for k := range d {
			r.Values[k*20+a] = 0.01
		}
	}
	r.Values[3*20+5] = 1
	p, err := BVCCellParameters(r, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	theta := r.Angles[5]
	if p.Distance[0] != 0.4 {
		t.Errorf("distance %v, want 0.4", p.Distance[0])
	}
	if math.Abs(p.Angle[0]-math.Atan2(math.Cos(theta), math.Sin(theta))) > 1e-9 {
		t.Errorf("angle %v, want atan2(cos, sin) of %v", p.Angle[0], theta)
	}
	if !p.IsBVC[0] {
		t.Errorf("score %v not above 0.2", p.Score[0])
	}
}

func TestBVCRatemapsErrors(t *testing.T) {
	acts, hd, pos, wd := fixInputs(t)
	d := fixDistances(t, pos)
	if _, err := alloBVCRatemaps(acts, wd, d[:1]); err == nil {
		t.Error("one distance: no error")
	}
	short := data.New(make([]float64, 20), 1, 20)
	if _, err := alloBVCRatemaps(acts, short, d); err == nil {
		t.Error("wall distances of another length: no error")
	}
	if _, err := egoBVCRatemaps(acts, wd, hd[:3], d); err == nil {
		t.Error("short hd: no error")
	}
	bad := append([]float64(nil), hd...)
	bad[7] = math.NaN()
	if _, err := egoBVCRatemaps(acts, wd, bad, d); err == nil {
		t.Error("NaN hd: no error")
	}
	if _, err := BVCCellParameters(&BVCRatemaps{}, 0.2); err == nil {
		t.Error("empty ratemaps: no error")
	}
}

// naiveBVC is a direct transcription of bvc_rms on rotated distances: for
// every sample and column, digitize, and add to the bin in sample order.
func naiveBVC(acts []float64, u int, wd []float64, a int, hd []float64, d []float64) []float64 {
	edges, _ := DistanceEdges(d)
	n := len(acts) / u
	nd := len(d)
	sum := make([]float64, nd*a*u)
	cnt := make([]float64, nd*a)
	for i := 0; i < n; i++ {
		s := 0
		if hd != nil {
			s = RotationShift(hd[i], a)
		}
		for c := 0; c < a; c++ {
			v := wd[i*a+((c-s)%a+a)%a]
			k := num.Digitize(edges, v)
			if k < 1 || k > nd {
				continue
			}
			cnt[(k-1)*a+c]++
			for j := 0; j < u; j++ {
				sum[((k-1)*a+c)*u+j] += acts[i*u+j]
			}
		}
	}
	for c := range cnt {
		for j := 0; j < u; j++ {
			sum[c*u+j] /= cnt[c] + 1e-12
		}
	}
	return sum
}

func TestBVCRatemapsLarge(t *testing.T) {
	// More samples than one processing block and more units than one
	// chunk, float32 activations: compare with the direct transcription.
	s := newBenchSet(40, 500, 12, []int{70, 30})
	d := BVCDistances(1.0, 0.05)
	acts64 := s.acts.Float64()
	u := s.acts.Shape[1]
	wantEgo := naiveBVC(acts64, u, s.wd.Float64(), 12, s.hd, d)
	wantAllo := naiveBVC(acts64, u, s.wd.Float64(), 12, nil, d)
	run := func() (*BVCRatemaps, *BVCRatemaps, *BVCRatemaps, *BVCRatemaps) {
		ego, allo, err := EgoAlloBVCRatemaps(s.acts, s.wd, s.hd, d)
		if err != nil {
			t.Fatal(err)
		}
		ego1, err := egoBVCRatemaps(s.acts, s.wd, s.hd, d)
		if err != nil {
			t.Fatal(err)
		}
		allo1, err := alloBVCRatemaps(s.acts, s.wd, d)
		if err != nil {
			t.Fatal(err)
		}
		return ego, allo, ego1, allo1
	}
	ego, allo, ego1, allo1 := run()
	assertClose(t, "one-pass ego", ego.Values, wantEgo, 1e-12)
	assertClose(t, "one-pass allo", allo.Values, wantAllo, 1e-12)
	assertClose(t, "ego", ego1.Values, wantEgo, 0)
	assertClose(t, "allo", allo1.Values, wantAllo, 0)

	prev := runtime.GOMAXPROCS(1)
	egoB, alloB, _, _ := run()
	runtime.GOMAXPROCS(prev)
	assertClose(t, "ego, one CPU", egoB.Values, ego.Values, 0)
	assertClose(t, "allo, one CPU", alloB.Values, allo.Values, 0)
}

// The original's bvc_rms_allocentric, bvc_rms_egocentric and _rotate_distances
// one at a time, as references for the one-pass EgoAlloBVCRatemaps.

// alloBVCRatemaps computes allocentric boundary-vector ratemaps of acts
// [N, U] from wall distances wd [N, A] (bvc_rms_allocentric) for distance
// bin centres distances: the allocentric maps of EgoAlloBVCRatemaps with
// every head direction 0, which puts all samples in one group, so sums are
// accumulated in sample order, as the original's bincount.
func alloBVCRatemaps(acts, wd *data.Array, distances []float64) (*BVCRatemaps, error) {
	n := 0
	if wd != nil && len(wd.Shape) > 0 {
		n = wd.Shape[0]
	}
	_, allo, err := EgoAlloBVCRatemaps(acts, wd, make([]float64, max(n, 0)), distances)
	return allo, err
}

// egoBVCRatemaps computes egocentric boundary-vector ratemaps
// (bvc_rms_egocentric): alloBVCRatemaps after rotating each sample's wall
// distances by its head direction hd (radians), see rotateDistances.
func egoBVCRatemaps(acts, wd *data.Array, hd []float64, distances []float64) (*BVCRatemaps, error) {
	rot, err := rotateDistances(wd, hd)
	if err != nil {
		return nil, err
	}
	return alloBVCRatemaps(acts, rot, distances)
}

// rotateDistances returns the wall distances wd [N, A] rotated from
// allocentric to egocentric by head directions hd [N] (_rotate_distances):
// row i becomes out[c] = wd[i][(c - s_i) mod A] with s_i =
// RotationShift(hd[i], A). The result has wd's element type.
func rotateDistances(wd *data.Array, hd []float64) (*data.Array, error) {
	n, a, err := checkFloat2D(wd, "wall distances", "[samples, angles]", 0)
	if err != nil {
		return nil, fmt.Errorf("rotate distances: %w", err)
	}
	if len(hd) != n {
		return nil, fmt.Errorf("rotate distances: %d head directions for %d samples", len(hd), n)
	}
	s, err := rotationShifts(hd, a)
	if err != nil {
		return nil, fmt.Errorf("rotate distances: %w", err)
	}
	switch d := wd.Values().(type) {
	case []float32:
		return data.New(rotateRows(d, s, a), n, a), nil
	default:
		return data.New(rotateRows(wd.Values().([]float64), s, a), n, a), nil
	}
}

func rotateRows[W num.Float](d []W, shifts []int32, a int) []W {
	out := make([]W, len(d))
	for i, s := range shifts {
		in, o := d[i*a:(i+1)*a], out[i*a:(i+1)*a]
		for c := range o {
			o[c] = in[(c-int(s)+a)%a]
		}
	}
	return out
}
