package explore

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"fmt"
	"image/png"
	"math"
	"slices"
	"sort"

	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/plot"
)

// Figure 3 explorer defaults.
const (
	// VelocitySteps is how many steps each velocity is unrolled: two turns
	// at the slowest non-zero default velocity, π/80 (period 160 steps).
	VelocitySteps = 320
	// DefaultViews is how many views (images) the explorer offers.
	DefaultViews = 48
	// FlowStepsShown is how many steps of a view's correction run are
	// kept beyond its convergence (runs that never converge keep this
	// many).
	FlowStepsShown = 40
)

// DefaultVelocities returns the angular velocities the explorer offers:
// k·π/80 radians per step for k = −8..8 (±π/10; ±π/20 ≈ ±0.157 is the
// speed of panels E and F's ±0.16).
func DefaultVelocities() []float64 {
	var w []float64
	for k := -8; k <= 8; k++ {
		w = append(w, float64(k)*math.Pi/80)
	}
	return w
}

// Figure3Input is what figure 3's explorer shows. Net, HDCells, PCA,
// Limits, Attractors and Times are required.
type Figure3Input struct {
	Net     *hdnet.Network // the prediction and correction LSTMs, codes and images
	HDCells []int          // HD cells ordered by preferred direction (Network.HDCells)
	PCA     *hdnet.PCA     // the PCA plane of the HD cells (cell 10)
	Limits  [2]float64     // PCA axis limits ±Limits[0], ±Limits[1] (cell 12)
	// Ring, if not nil, is drawn in grey behind the PCA plane: e.g. the
	// projected demo trajectory [T, 2].
	Ring []float64
	// Attractors are the states [B, H] the correction runs start from
	// (cell 12).
	Attractors []float64
	// Times are the times to convergence of all corrected images
	// (hdnet.Network.ConvergenceTimes; +Inf: never), for the histogram and
	// to choose the views.
	Times []float64
	// Views are the images offered; nil means ChooseViews(Times,
	// DefaultViews).
	Views []int
	// Ambiguous, if not nil, says for each image whether the synthetic
	// world planted it as ambiguous (synth.ImageTruth.Ambiguous).
	Ambiguous []bool
	// Velocities (radians per step) offered; nil means DefaultVelocities.
	Velocities []float64
	// VelocitySteps (0: VelocitySteps) and CorrectionSteps (0:
	// hdnet.CorrectionSteps) size the runs; every velocity run starts from
	// written state hdnet.DemoState (c = h), the demo's start.
	VelocitySteps, CorrectionSteps int
	// Title is shown above the explorer.
	Title string
}

// ChooseViews returns n images spread over the range of convergence times:
// the images sorted by time (never-converging last, ties by index), taken
// at n evenly spaced ranks, then returned in that order. All images are
// returned when there are at most n.
func ChooseViews(times []float64, n int) []int {
	order := make([]int, len(times))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return times[order[a]] < times[order[b]] })
	if n <= 0 || len(order) <= n {
		return order
	}
	out := make([]int, 0, n)
	for k := range n {
		out = append(out, order[k*(len(order)-1)/(n-1)])
	}
	return out
}

// velocityRun is one velocity's unroll as the explorer shows it.
type velocityRun struct {
	W        float64   // angular velocity, radians per step
	Activity []float64 // HD cells' activity [steps+1, len(HDCells)], initial state first
	PCA      []float64 // projected states [steps+1, 2]
}

// velocityRuns unrolls the prediction LSTM from start at each velocity
// (hdnet.Network.Unroll) and keeps the HD cells' activities and the
// projections.
func velocityRuns(net *hdnet.Network, start []float64, hdCells []int, pca *hdnet.PCA, velocities []float64, steps int) ([]velocityRun, error) {
	var out []velocityRun
	for _, w := range velocities {
		traj, err := net.Unroll(start, w, steps)
		if err != nil {
			return nil, fmt.Errorf("velocity %v: %w", w, err)
		}
		out = append(out, velocityRun{W: w, Activity: hdnet.SelectUnits(traj, net.H, hdCells), PCA: pca.ProjectAll(traj, net.H)})
	}
	return out, nil
}

// viewRun is one view's correction run as the explorer shows it.
type viewRun struct {
	Image int
	Time  float64   // time to convergence (hdnet.ConvergenceTime); +Inf: never
	PCA   []float64 // projected run [steps+1, B, 2]
}

// viewRuns runs the corrected dynamics from the attractor states for each
// view (hdnet.Network.CorrectionRun) and times their convergence
// (hdnet.ConvergenceTime), exactly as cells 14 and 15 do for one image.
// The views must be ≥ 0 (ImageCodes checks that they are images).
func viewRuns(net *hdnet.Network, attractors []float64, pca *hdnet.PCA, views []int, steps int) ([]viewRun, error) {
	codes, err := net.ImageCodes(slices.Max(append([]int{-1}, views...)) + 1)
	if err != nil {
		return nil, err
	}
	B := len(attractors) / net.H
	var out []viewRun
	for _, v := range views {
		run, err := net.CorrectionRun(codes[v*net.H:(v+1)*net.H], attractors, steps, pca)
		if err != nil {
			return nil, fmt.Errorf("view %d: %w", v, err)
		}
		out = append(out, viewRun{Image: v, Time: hdnet.ConvergenceTime(run, B, hdnet.ClusterThreshold), PCA: run})
	}
	return out, nil
}

type velocity3 struct {
	W        num
	Off, POf int // activity codes [T+1][nHD], PCA codes [T+1][2]
}

type view3 struct {
	Image     int
	Time      num // null: never
	Steps     int // steps kept (codes [Steps+1][B][2])
	Off       int
	PNG       string `json:",omitempty"` // data: URI
	Ambiguous *bool  `json:",omitempty"`
}

type page3 struct {
	Title           string
	T               int // velocity steps
	HDCells         []int
	Angles          []num // each HD cell's preferred direction (atan2(x, y)), drawn as polar angle
	ActLo, ActHi    num
	Limits          [2]num
	RingOff, RingN  int
	Velocities      []velocity3
	B               int
	CorrectionSteps int
	HistEdges       int // panel G's histogram edges over [0, CorrectionSteps]
	Threshold       num
	Views           []view3
	Times           []num // every image; null: never
	Coolwarm, Tab   []byte
}

// Figure3 returns figure 3's explorer: choose an angular velocity and see
// the activity bump move around the ring of HD cells (the cells' activities
// over time, ordered by preferred direction, as panel A; the cells on a
// circle at their preferred directions; the state in the PCA plane), with
// a time slider and a play button; choose a view and see its correction
// flow (every attractor state's trajectory in the PCA plane under that
// image's correction code, as panels H and I, up to a chosen step) and its
// time to convergence against the histogram of all images (panel G). The
// result is HTML with an inline script, for gonbui.DisplayHTML.
func Figure3(in Figure3Input) (string, error) {
	net := in.Net
	if net == nil || in.PCA == nil || len(in.HDCells) == 0 {
		return "", fmt.Errorf("explore: figure 3: need the network, its HD cells and the PCA")
	}
	H := net.H // the attractors are whole states: hdnet.Network.CorrectionRun checks
	if len(in.Times) == 0 {
		return "", fmt.Errorf("explore: figure 3: no convergence times")
	}
	if !(in.Limits[0] > 0 && in.Limits[1] > 0) {
		return "", fmt.Errorf("explore: figure 3: PCA limits %v, want positive", in.Limits)
	}
	if in.Ambiguous != nil && len(in.Ambiguous) < len(in.Times) {
		return "", fmt.Errorf("explore: figure 3: %d ambiguity flags for %d images", len(in.Ambiguous), len(in.Times))
	}
	if net.RVAngles != nil && len(net.RVAngles) != H {
		return "", fmt.Errorf("explore: figure 3: %d preferred directions for %d units", len(net.RVAngles), H)
	}
	for _, u := range in.HDCells {
		if u < 0 || u >= H {
			return "", fmt.Errorf("explore: figure 3: HD cell %d out of range [0, %d)", u, H)
		}
	}
	start, err := net.WrittenState(hdnet.DemoState)
	if err != nil {
		return "", fmt.Errorf("explore: figure 3: %w", err)
	}
	vel := in.Velocities
	if vel == nil {
		vel = DefaultVelocities()
	}
	T := cmp.Or(in.VelocitySteps, VelocitySteps)
	cs := cmp.Or(in.CorrectionSteps, hdnet.CorrectionSteps)
	views := in.Views
	if views == nil {
		views = ChooseViews(in.Times, DefaultViews)
	}
	for _, v := range views {
		if v < 0 || v >= len(in.Times) {
			return "", fmt.Errorf("explore: figure 3: view %d has no convergence time (%d images)", v, len(in.Times))
		}
	}

	runs, err := velocityRuns(net, start, in.HDCells, in.PCA, vel, T)
	if err != nil {
		return "", fmt.Errorf("explore: figure 3: %w", err)
	}
	vruns, err := viewRuns(net, in.Attractors, in.PCA, views, cs)
	if err != nil {
		return "", fmt.Errorf("explore: figure 3: %w", err)
	}

	L := in.Limits
	p := page3{Title: in.Title, T: T, HDCells: in.HDCells, Limits: [2]num{num(L[0]), num(L[1])}, B: len(in.Attractors) / H,
		CorrectionSteps: cs, HistEdges: figures.Figure3HistEdges, Threshold: num(hdnet.ClusterThreshold), Times: nums(in.Times),
		Coolwarm: lutBytes(plot.Coolwarm()), Tab: tab20bBytes()}
	for k, u := range in.HDCells {
		a := 2 * math.Pi * float64(k) / float64(len(in.HDCells))
		if net.RVAngles != nil {
			a = net.RVAngles[u]
		}
		p.Angles = append(p.Angles, num(a))
	}
	var bl blob
	var acts [][]float64
	for _, r := range runs {
		acts = append(acts, r.Activity)
	}
	lo, hi := Range(acts...)
	p.ActLo, p.ActHi = num(lo), num(hi)
	for _, r := range runs {
		p.Velocities = append(p.Velocities, velocity3{W: num(r.W), Off: bl.add(Quantize(nil, r.Activity, lo, hi)),
			POf: bl.add(quantizePlane(r.PCA, L))})
	}
	if in.Ring != nil {
		p.RingOff, p.RingN = bl.add(quantizePlane(in.Ring, L)), len(in.Ring)/2
	}
	B := p.B
	for _, r := range vruns {
		keep := FlowStepsShown
		if !math.IsInf(r.Time, 1) {
			keep = int(r.Time) + FlowStepsShown/4
		}
		keep = min(keep, cs)
		v := view3{Image: r.Image, Time: num(r.Time), Steps: keep, Off: bl.add(quantizePlane(r.PCA[:(keep+1)*B*2], L))}
		if net.Images != nil {
			img, err := net.Image(r.Image)
			if err != nil {
				return "", fmt.Errorf("explore: figure 3: %w", err)
			}
			var b bytes.Buffer
			if err := png.Encode(&b, img); err != nil {
				return "", fmt.Errorf("explore: figure 3: image %d: %w", r.Image, err)
			}
			v.PNG = "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
		}
		if in.Ambiguous != nil {
			a := in.Ambiguous[r.Image]
			v.Ambiguous = &a
		}
		p.Views = append(p.Views, v)
	}
	return render("figure3", figure3JS, p, bl)
}

// quantizePlane quantises points [n, 2] of the PCA plane, x over
// [−L[0], L[0]] and y over [−L[1], L[1]], interleaved as the points.
func quantizePlane(pts []float64, L [2]float64) []byte {
	out := make([]byte, 0, len(pts))
	for i, v := range pts {
		l := L[i%2]
		out = Quantize(out, []float64{v}, -l, l)
	}
	return out
}

// tab20bBytes returns the tab20b palette as 8-bit RGB triples.
func tab20bBytes() []byte {
	var out []byte
	for _, c := range plot.Tab20b() {
		out = append(out, c.R, c.G, c.B)
	}
	return out
}
