package hdtrain

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// committed is the committed parameter file, made with
// go run ./scripts/hdtrain -seed 1 -o data/hdnet/params.npz.
var committed = filepath.Join("..", "..", "..", "data", "hdnet", "params.npz")

// TestCommittedFile checks the committed file's keys, shapes and dtype and
// that it is what Build(1) makes.
func TestCommittedFile(t *testing.T) {
	ds, err := data.LoadNPZ(committed)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{
		hdnet.KeyPredictionW: {34, 128}, hdnet.KeyPredictionB: {128}, hdnet.KeyCorrectionW: {64, 128}, hdnet.KeyCorrectionB: {128}, KeyPref: {32},
	}
	if len(ds.Root) != len(want) {
		t.Errorf("%d keys, want %d", len(ds.Root), len(want))
	}
	for k, shape := range want {
		a, err := ds.Array(k)
		if err != nil {
			t.Error(err)
			continue
		}
		if !slices.Equal(a.Shape, shape) || a.DType() != "float32" {
			t.Errorf("%s: %s %s, want float32 %v", k, a.DType(), data.FormatShape(a.Shape), shape)
		}
	}
	m, err := FromDataset(ds)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _, err := Build(1)
	if err != nil {
		t.Fatal(err)
	}
	mw, mb, mcw, mcb := m.Weights()
	bw, bb, bcw, bcb := b.Weights()
	for i, p := range [][]float64{mw, mb, mcw, mcb} {
		if !slices.Equal(p, [][]float64{bw, bb, bcw, bcb}[i]) {
			t.Errorf("parameter %d differs from Build(1)", i)
		}
	}
	if !slices.Equal(m.Pref, b.Pref) {
		t.Error("preferred directions differ from Build(1)")
	}
}

// TestCommittedCriteria measures every criterion of the task on the
// committed parameters.
func TestCommittedCriteria(t *testing.T) {
	m, err := Load(committed)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Evaluate(m, false)
	if err != nil {
		t.Fatal(err)
	}
	r.Print(testWriter{t})
	// Integration demo.
	if r.Demo.MAE >= 0.3 {
		t.Errorf("integration demo: decoding MAE %.3f rad, want < 0.3", r.Demo.MAE)
	}
	// Attractor: settled well within 50 steps, on a ring all around.
	if r.SettleStep < 0 || r.SettleStep > 50 || r.Unsettled > 0 {
		t.Errorf("attractor: settles from step %d, %d runs unsettled; want ≤ 50 and 0", r.SettleStep, r.Unsettled)
	}
	if r.ChangeMean[50] > SettleTolerance {
		t.Errorf("attractor: mean change at step 50 is %.3g", r.ChangeMean[50])
	}
	if attractors := len(r.Attractors) / len(m.Pref); r.RadiusSpread > 0.2 || r.MaxGap > math.Pi/4 || attractors < 8 {
		t.Errorf("ring: radius spread %.3f (want ≤ 0.2), largest gap %.3f rad (want ≤ π/4), %d attractor states (want ≥ 8)",
			r.RadiusSpread, r.MaxGap, attractors)
	}
	// Rotation: ±0.16 turn the state in opposite directions at about 0.16.
	for _, c := range []struct {
		name   string
		got, w float64
	}{{"+0.16", r.RotPlusDecoded, 0.16}, {"-0.16", r.RotMinusDecoded, -0.16}} {
		if math.Abs(c.got/c.w-1) > 0.05 {
			t.Errorf("rotation at %s: decoded heading turns %.4f rad/step", c.name, c.got)
		}
	}
	if r.RotPlusPCA*r.RotMinusPCA >= 0 || math.Abs(math.Abs(r.RotPlusPCA)-0.16) > 0.02 || math.Abs(math.Abs(r.RotMinusPCA)-0.16) > 0.02 {
		t.Errorf("rotation: PCA angle turns %.4f and %.4f rad/step, want opposite signs of size about 0.16", r.RotPlusPCA, r.RotMinusPCA)
	}
	// Clean codes collapse every attractor state within 10 steps.
	if tm := maxTime(r.CleanTimes); tm < 0 || tm >= 10 {
		t.Errorf("clean codes: convergence times %v, want all in 0..9", r.CleanTimes)
	}
	if tm := maxTime(r.SpreadTimes); tm < 0 || tm >= 10 {
		t.Errorf("spread clean codes: convergence times %v, want all in 0..9", r.SpreadTimes)
	}
	// Ambiguous codes never collapse them; states go to the nearer heading.
	for k, tm := range r.AmbiguousTimes {
		if tm >= 0 {
			t.Errorf("ambiguous code %d: states collapsed at step %d", k, tm)
		}
	}
	for k, tm := range r.UnbalancedTimes {
		if tm >= 0 {
			t.Errorf("ambiguous code %d mixed 60:40: states collapsed at step %d", k, tm)
		}
	}
	if r.AmbiguousMinClusters < 2 || r.AmbiguousNearer < 0.95 {
		t.Errorf("ambiguous codes: fewest clusters %d (want ≥ 2), %.3f of states to the nearer heading (want ≥ 0.95)",
			r.AmbiguousMinClusters, r.AmbiguousNearer)
	}
}

// TestCommittedTuning checks that every unit is a head-direction cell: on
// the integration demo its activity, binned by true heading (20 bins), has
// a resultant-vector length above figure 3's 0.56 cut-off, and points to
// its preferred direction.
func TestCommittedTuning(t *testing.T) {
	m, err := Load(committed)
	if err != nil {
		t.Fatal(err)
	}
	d, err := m.IntegrationDemo(0, hdnet.DemoVelocities(hdnet.DemoSteps))
	if err != nil {
		t.Fatal(err)
	}
	const bins = 20
	for u := range m.Pref {
		var sum, n [bins]float64
		for k, th := range d.True {
			b := int((Wrap(th) + math.Pi) / (2 * math.Pi) * bins)
			b = min(b, bins-1)
			sum[b] += d.Outputs[k*len(m.Pref)+u]
			n[b]++
		}
		var x, y, tot float64
		for b := range sum {
			if n[b] == 0 {
				t.Fatalf("heading bin %d never visited", b)
			}
			r := sum[b] / n[b]
			c := -math.Pi + (float64(b)+0.5)*2*math.Pi/bins
			x += r * math.Cos(c)
			y += r * math.Sin(c)
			tot += r
		}
		length, angle := math.Hypot(x, y)/(tot+1e-5), math.Atan2(y, x)
		if length <= 0.56 || math.Abs(Wrap(angle-m.Pref[u])) > 0.2 {
			t.Errorf("unit %d: resultant length %.3f at %.3f rad, preferred %.3f", u, length, angle, m.Pref[u])
		}
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}
