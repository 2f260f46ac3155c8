package synth

import (
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/num"
)

// GeneratorVersion identifies the generator's algorithm; it changes
// whenever the same seed would give different data.
const GeneratorVersion = "1.0"

// Config describes a synthetic world: what varies between worlds. The zero
// value is not valid; start from DefaultConfig.
type Config struct {
	Seed         uint64
	Trajectories int // number of trajectories T
	Steps        int // steps per trajectory
	Images       int // views from random poses in visual_inputs (at least 512)
	// HDNetwork describes the head-direction network for the manifest.
	HDNetwork string
	// Workers bounds the goroutines used (0: GOMAXPROCS). The data do not
	// depend on it.
	Workers int
	// Progress, if not nil, receives one line per finished stage.
	Progress io.Writer
}

// The fixed parameters of every world.
const (
	sensors      = 20   // wall-distance directions A
	embedding    = 32   // view embedding size E
	gridY, gridX = 4, 8 // the encoder's pooling cells
	slots        = 512  // memory slots S per map
	memoryMaps   = 2    // map 0 drives the corrections
	// RNN-1 gets a visual correction at every step t > 0 with
	// t % correctEvery == 0 at which the memories the view recalls agree on
	// the heading, q ≥ minRecall (see Memory.Code).
	correctEvery = 20
	minRecall    = 0.9
	// logBeta is the log of the memory's inverse temperature
	// (mmap_0_context_2_query_beta), used by every map: exp(3) ≈ 20.
	logBeta = 3.0
)

// The world's arena, camera, motion and populations: RNN-2 has 112
// egoBVCs, 8 place and 8 untuned units, RNN-3 112 BVCs, 8 egoBVCs and 8
// untuned units.
var (
	arena  = DefaultArena()
	camera = DefaultCamera()
	motion = DefaultMotion()
	rnn2   = PopulationSpec{Units: 128, Ego: true, Place: 8, Untuned: 8}
	rnn3   = PopulationSpec{Units: 128, Ego: false, OtherFrame: 8, Untuned: 8}
)

// DefaultConfig returns the default world: 200 trajectories of 500 steps
// and 1024 images.
func DefaultConfig(seed uint64) Config {
	return Config{Seed: seed, Trajectories: 200, Steps: 500, Images: 1024}
}

func (c *Config) check() error {
	switch {
	case c.Trajectories < 1 || c.Steps < 1 || c.Images < 1:
		return fmt.Errorf("synth: need at least one trajectory, step and image, got %d x %d, %d images", c.Trajectories, c.Steps, c.Images)
	case slots > c.Trajectories*c.Steps:
		return fmt.Errorf("synth: need at least as many samples as memory slots (%d), got %d", slots, c.Trajectories*c.Steps)
	}
	return nil
}

// World is a generated synthetic world. Sample i of the trajectory data is
// step i % Steps of trajectory i / Steps. Worlds are made by Generate; the
// zero World is not usable.
type World struct {
	Config  Config
	Net     HeadingNetwork
	Encoder *Encoder
	RNN2    *Population
	RNN3    *Population
	Maps    []*Memory
	Paths   []Path

	HD       []float32    // [N] head direction, radians
	AngVel   []float32    // [N] angular velocity per step, radians
	Pos      []float32    // [N, 2] position, metres
	WallDist []float32    // [N, A] wall distances, metres
	Outputs  [3][]float32 // RNN-1 [N, H], RNN-2 [N, 128], RNN-3 [N, 128]
	LogPs    [][]float32  // per map, [N, S] log p(slot | view)

	Images     []uint8   // [I, h, w, 3]
	ImageEmb   []float32 // [I, E]
	ImagePoses []float64 // [I, 3]: x, y, heading

	HDLengths, HDAngles []float64 // figure 2's resultant vector of each RNN-1 unit

	Truth *Truth
}

// N returns the number of samples.
func (w *World) N() int { return w.Config.Trajectories * w.Config.Steps }

// Generate builds the world described by cfg with head-direction network
// net. Stages, each from its own random streams (2–3 and 5–7 run per
// trajectory, trajectories in parallel):
//
//  1. the encoder's projection;
//  2. one random walk per trajectory (Walk);
//  3. the view (Camera.Render) and its embedding (Encoder) at every sample;
//  4. the memory maps: map k has 512 slots written at distinct samples
//     drawn uniformly, m(y) = the view embedding there and
//     m(x) = written = net.StateAt(true heading there) (map 0's slot
//     DemoSlot is the one written nearest to heading 0);
//  5. RNN-1: per trajectory, from (h, c) = (StateAt(hd_0), StateAt(hd_0)),
//     step t ≥ 1 is net.Step(W_t, code, h, c), where code is map 0's
//     correction code for the view at step t-1 (taken before the turn W_t)
//     when t % 20 == 0 and the recalled memories agree on the heading
//     (q ≥ 0.9, see Memory.Code), nil otherwise; the output
//     at t is h;
//  6. RNN-2 and RNN-3: the planted populations (Population.Activations);
//  7. wall distances (WallDistances) and log p(slot | view) of every map;
//  8. Images views from poses uniform in the box (0.05 m from the walls)
//     with uniform headings, and their embeddings;
//  9. HD stats and the ground truth.
func Generate(cfg Config, net HeadingNetwork) (*World, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if net == nil {
		return nil, fmt.Errorf("synth: no head-direction network")
	}
	w := &World{Config: cfg, Net: net}
	n, ns := cfg.Trajectories*cfg.Steps, cfg.Steps
	h := net.Units()
	start := time.Now()
	stage := func(name string) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "synth: %-28s %6.1fs\n", name, time.Since(start).Seconds())
		}
	}
	var err error
	w.Encoder, err = NewEncoder(arena, camera, embedding, gridY, gridX, stream(cfg.Seed, "encoder", 0))
	if err != nil {
		return nil, err
	}
	if w.RNN2, err = NewPopulation(arena, rnn2, motion.DT, stream(cfg.Seed, "rnn2 units", 0)); err != nil {
		return nil, fmt.Errorf("synth: RNN-2: %w", err)
	}
	if w.RNN3, err = NewPopulation(arena, rnn3, motion.DT, stream(cfg.Seed, "rnn3 units", 0)); err != nil {
		return nil, fmt.Errorf("synth: RNN-3: %w", err)
	}
	stage("encoder and populations")

	w.Paths = make([]Path, cfg.Trajectories)
	w.HD, w.AngVel, w.Pos = make([]float32, n), make([]float32, n), make([]float32, 2*n)
	e := embedding
	emb := make([]float64, n*e)
	err = num.ParallelForErr(cfg.Trajectories, cfg.Workers, nil, func(_, i int) error {
		p, err := Walk(arena, motion, stream(cfg.Seed, "motion", uint64(i)), ns)
		if err != nil {
			return err
		}
		w.Paths[i] = p
		img := make([]uint8, camera.W*camera.H*3)
		scratch := make([]float64, w.Encoder.Features())
		for t := 0; t < ns; t++ {
			s := i*ns + t
			w.HD[s], w.AngVel[s] = float32(p.HD[t]), float32(p.W[t])
			w.Pos[2*s], w.Pos[2*s+1] = float32(p.X[t]), float32(p.Y[t])
			if err := camera.Render(arena, p.X[t], p.Y[t], p.HD[t], img); err != nil {
				return err
			}
			if err := w.Encoder.Encode(img, emb[s*e:(s+1)*e], scratch); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	stage("motion and views")

	for k := 0; k < memoryMaps; k++ {
		w.Maps = append(w.Maps, w.writeMemory(k, emb))
	}
	stage("memory")

	a := sensors
	w.WallDist = make([]float32, n*a)
	w.LogPs = make([][]float32, memoryMaps)
	for k := range w.LogPs {
		w.LogPs[k] = make([]float32, n*slots)
	}
	pops := []*Population{w.RNN2, w.RNN3}
	w.Outputs[0] = make([]float32, n*h)
	for r, pop := range pops {
		w.Outputs[r+1] = make([]float32, n*len(pop.Units))
	}
	err = num.ParallelForErr(cfg.Trajectories, cfg.Workers, nil, func(_, i int) error {
		p := w.Paths[i]
		hs := net.StateAt(p.HD[0])
		if len(hs) != h {
			return fmt.Errorf("synth: head-direction network state has %d values, want %d", len(hs), h)
		}
		cs := append([]float64(nil), hs...)
		code := make([]float64, h)
		scratch := make([]float64, max(slots, ns*slots))
		out := w.Outputs[0][i*ns*h : (i+1)*ns*h]
		for t := 0; t < ns; t++ {
			if t > 0 {
				var corr []float64
				if t%correctEvery == 0 {
					s := i*ns + t - 1
					q, err := w.Maps[0].Code(emb[s*e:(s+1)*e], code, scratch)
					if err != nil {
						return err
					}
					if q >= minRecall {
						corr = code
					}
				}
				net.Step(p.W[t], corr, hs, cs)
			}
			for u, v := range hs {
				out[t*h+u] = float32(v)
			}
		}
		for r, pop := range pops {
			nu := len(pop.Units)
			rng := stream(cfg.Seed, fmt.Sprintf("rnn%d noise", r+2), uint64(i))
			if err := pop.Activations(arena, p, rng, w.Outputs[r+1][i*ns*nu:(i+1)*ns*nu]); err != nil {
				return err
			}
		}
		d := make([]float64, a)
		for t := 0; t < ns; t++ {
			WallDistances(arena, p.X[t], p.Y[t], d)
			for k, v := range d {
				w.WallDist[(i*ns+t)*a+k] = float32(v)
			}
		}
		for k, m := range w.Maps {
			if err := m.LogProbsBatch(emb[i*ns*e:(i+1)*ns*e], w.LogPs[k][i*ns*slots:(i+1)*ns*slots], scratch); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	stage("RNN-1, RNN-2, RNN-3, wall distances, log p(slot|y)")

	if err := w.visualInputs(); err != nil {
		return nil, err
	}
	stage("visual inputs")

	// Figure 2's HD analysis with 20 bins: the angle uses the swapped
	// atan2(first, second) convention, so a unit preferring heading theta
	// gets angle ≈ pi/2 - theta.
	cells, err := smp.HDCellParameters(data.New(w.Outputs[0], n, h), data.New(w.HD, n).Float64(), 0, 20)
	if err != nil {
		return nil, fmt.Errorf("synth: hd stats: %w", err)
	}
	w.HDLengths, w.HDAngles = cells.Length, cells.Angle
	w.Truth = w.truth()
	stage("hd stats, truth")
	return w, nil
}

// DemoSlot is the memory slot whose written state figure 3's integration
// demo starts from ("written state number 8, chosen because its angle
// starts at 0"). Map 0 puts there the slot written at the heading nearest
// to 0.
const DemoSlot = 8

// writeMemory builds memory map k from the sample embeddings emb [N, E]:
// Slots slots written at distinct samples drawn uniformly; in map 0 the
// slot written nearest to heading 0 is then swapped into place DemoSlot.
func (w *World) writeMemory(k int, emb []float64) *Memory {
	cfg := w.Config
	n, e, h := w.N(), embedding, w.Net.Units()
	rng := stream(cfg.Seed, "memory", uint64(k))
	samples := make([]int, 0, slots)
	used := make(map[int]bool, slots)
	for len(samples) < slots {
		s := rng.IntN(n)
		if !used[s] {
			used[s] = true
			samples = append(samples, s)
		}
	}
	if k == 0 && slots > DemoSlot {
		best := 0
		for j, s := range samples {
			if math.Abs(float64(w.HD[s])) < math.Abs(float64(w.HD[samples[best]])) {
				best = j
			}
		}
		samples[best], samples[DemoSlot] = samples[DemoSlot], samples[best]
	}
	m := &Memory{S: slots, E: e, H: h, LogBeta: logBeta,
		MY: make([]float64, slots*e), MX: make([]float64, slots*h)}
	for j, s := range samples {
		traj, step := s/cfg.Steps, s%cfg.Steps
		p := w.Paths[traj]
		m.Slots = append(m.Slots, SlotTruth{Slot: j, Trajectory: traj, Step: step, X: p.X[step], Y: p.Y[step], HD: p.HD[step]})
		copy(m.MY[j*e:(j+1)*e], emb[s*e:(s+1)*e])
		copy(m.MX[j*h:(j+1)*h], w.Net.StateAt(p.HD[step]))
	}
	return m
}

// ImageMargin is how far from the walls the poses of visual_inputs stay, m.
const ImageMargin = 0.05

// visualInputs renders the views of random poses and embeds them.
func (w *World) visualInputs() error {
	cfg := w.Config
	ni, e := cfg.Images, embedding
	sz := camera.W * camera.H * 3
	rng := stream(cfg.Seed, "views", 0)
	w.ImagePoses = make([]float64, 3*ni)
	w.Images = make([]uint8, ni*sz)
	w.ImageEmb = make([]float32, ni*e)
	lim := arena.Half - ImageMargin
	y := make([]float64, e)
	for i := 0; i < ni; i++ {
		pose := w.ImagePoses[3*i : 3*i+3]
		pose[0] = lim * (2*rng.Float64() - 1)
		pose[1] = lim * (2*rng.Float64() - 1)
		pose[2] = math.Pi * (2*rng.Float64() - 1)
		img := w.Images[i*sz : (i+1)*sz]
		if err := camera.Render(arena, pose[0], pose[1], pose[2], img); err != nil {
			return err
		}
		if err := w.Encoder.Encode(img, y, nil); err != nil {
			return err
		}
		for k, v := range y {
			w.ImageEmb[i*e+k] = float32(v)
		}
	}
	return nil
}

// stream returns the random stream of one piece of the world (named by
// piece, e.g. "motion") and one item of it (e.g. a trajectory index), for
// the world's seed. Streams are PCG generators whose two seed words are
// SplitMix64 hashes of the seed, the FNV-1a hash of the piece name and the
// index, so every piece and item draws independent numbers whatever order
// the work is done in.
func stream(seed uint64, piece string, index uint64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(piece))
	k := num.SplitMix64(seed ^ num.SplitMix64(h.Sum64()) ^ num.SplitMix64(index+0x9e3779b97f4a7c15))
	return rand.New(rand.NewPCG(k, num.SplitMix64(k+index)))
}
