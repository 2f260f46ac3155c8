package main

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"github.com/smp-go/smp-go/smp"
)

// The real data set's sizes (DeepMind's trajectories.pickle).
const (
	nTraj   = 800
	nSteps  = 500
	nAngles = 20  // wall-distance directions, k = -pi + k*2*pi/nAngles
	nSlots  = 512 // memory slots per map
	nMaps   = 2   // memory maps
	half    = 1.1 // half the width of the square arena, metres
)

// unitsPerRNN are the sizes of RNN-1, RNN-2 and RNN-3.
var unitsPerRNN = [3]int{32, 128, 128}

// trajSet is a generated trajectory set: every array is [nTraj, nSteps, k]
// float32 in C order.
type trajSet struct {
	hd, pos, wd []float32
	acts        [3][]float32 // per RNN
	logps       [nMaps][]float32
}

// generatorVersion changes whenever generate changes what it makes, so
// that a file made by another version is not reused.
const generatorVersion = 1

// marker returns the string stored under the key "generator" of the file
// made with seed: the first key in sorted order, so it is near the start.
func marker(seed uint64) string {
	return fmt.Sprintf("smp-go scripts/bench2 v%d, seed %d", generatorVersion, seed)
}

// tree returns s as the original data set: keys hd, pos, world_distances,
// predicted_outputs (a list of 3 arrays) and log_ps_given_y (a list of 2),
// every array a float32 view of s, not a copy, plus "generator", the
// marker of seed.
func (s *trajSet) tree(seed uint64) smp.Dict {
	arr := func(data []float32, last int) *smp.Array { return smp.NewFloat32(data, nTraj, nSteps, last) }
	var acts, logps smp.List
	for r, u := range unitsPerRNN {
		acts = append(acts, arr(s.acts[r], u))
	}
	for m := range nMaps {
		logps = append(logps, arr(s.logps[m], nSlots))
	}
	return smp.Dict{
		"hd":                arr(s.hd, 1),
		"pos":               arr(s.pos, 2),
		"world_distances":   arr(s.wd, nAngles),
		"predicted_outputs": acts,
		"log_ps_given_y":    logps,
		"generator":         marker(seed),
	}
}

// newTrajSet allocates a set; with zero, every array is a prefix of one
// zero buffer that is never written (enough to compute the file's size).
func newTrajSet(zero bool) *trajSet {
	n := nTraj * nSteps
	var buf []float32
	if zero {
		buf = make([]float32, n*nSlots) // the largest array; never touched
	}
	mk := func(k int) []float32 {
		if zero {
			return buf[:n*k]
		}
		return make([]float32, n*k)
	}
	s := &trajSet{hd: mk(1), pos: mk(2), wd: mk(nAngles)}
	for r, u := range unitsPerRNN {
		s.acts[r] = mk(u)
	}
	for m := range nMaps {
		s.logps[m] = mk(nSlots)
	}
	return s
}

// countWriter counts the bytes written to it and discards them.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// expectedSize returns the size of the pickle of a generated set: the
// layout depends on the shapes only, not on the values, so a set of zeros
// that is never written to memory gives it.
func expectedSize(seed uint64) (int64, error) {
	var w countWriter
	if err := smp.EncodePickle(&w, newTrajSet(true).tree(seed)); err != nil {
		return 0, err
	}
	return w.n, nil
}

// unitKind is the simple tuning of a generated unit.
type unitKind int

const (
	kindNoise unitKind = iota // untuned
	kindHD                    // head direction: exp(kappa*(cos(hd - phi) - 1))
	kindEgo                   // egocentric boundary vector: wall distance at angle alpha from hd
	kindAllo                  // allocentric boundary vector: wall distance along direction k
	kindPlace                 // place: Gaussian of position
)

// unit is the tuning of one generated unit.
type unit struct {
	kind         unitKind
	cphi, sphi   float64 // preferred head direction (HD)
	kappa        float64 // HD concentration
	alpha        float64 // egocentric angle of the boundary (ego), radians
	dir          int     // allocentric direction index (allo)
	dist, sigma  float64 // preferred boundary distance and tuning width (ego, allo), metres
	cx, cy, prad float64 // place field centre and radius
	gain, base   float64
}

// rnnMix gives, per RNN, how many units of each tuned kind it has (the
// rest are untuned), roughly like the trained model's RNN-1..3.
var rnnMix = [3]map[unitKind]int{
	{kindHD: 30},
	{kindHD: 40, kindEgo: 40, kindAllo: 30},
	{kindHD: 20, kindEgo: 30, kindAllo: 40, kindPlace: 20},
}

// newUnits draws the tunings of every RNN's units.
func newUnits(seed uint64) [3][]unit {
	r := rand.New(rand.NewPCG(seed, 0x756e697473)) // "units"
	var out [3][]unit
	for k, n := range unitsPerRNN {
		var kinds []unitKind
		for _, kind := range []unitKind{kindHD, kindEgo, kindAllo, kindPlace} {
			for range rnnMix[k][kind] {
				kinds = append(kinds, kind)
			}
		}
		for len(kinds) < n {
			kinds = append(kinds, kindNoise)
		}
		r.Shuffle(n, func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
		for _, kind := range kinds {
			phi := r.Float64()*2*math.Pi - math.Pi
			dist := 0.05 + 0.55*r.Float64()
			out[k] = append(out[k], unit{
				kind: kind, cphi: math.Cos(phi), sphi: math.Sin(phi), kappa: 1 + 3*r.Float64(),
				alpha: r.Float64()*2*math.Pi - math.Pi, dir: r.IntN(nAngles),
				dist: dist, sigma: 0.08 + 0.1*dist,
				cx: (2*r.Float64() - 1) * (half - 0.2), cy: (2*r.Float64() - 1) * (half - 0.2), prad: 0.15 + 0.15*r.Float64(),
				gain: 0.5 + r.Float64(), base: 0.3 * r.Float64(),
			})
		}
	}
	return out
}

// generate fills a trajectory set deterministically from seed: each
// trajectory is a random walk of the rat in the square arena [-1.1, 1.1]²
// (heading diffusing by 0.3 rad per step, speed 0.02 m plus an exponential
// of mean 0.03 m per step, reflected at the walls), with the exact wall
// distances along the nAngles directions, tuned activations plus uniform
// noise for the 288 units, and log p(slot | view) = log-softmax over 512
// slots of -|p̃ - c_s|²/(2·0.25²) for a noisy position p̃ and random slot
// centres c_s, per map. Trajectories are generated in parallel, each from
// its own random stream, so the result does not depend on scheduling.
func generate(seed uint64, progress io.Writer) *trajSet {
	s := newTrajSet(false)
	units := newUnits(seed)
	centres := newCentres(seed)
	var wg sync.WaitGroup
	next := make(chan int)
	workers := runtime.GOMAXPROCS(0)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				genTraj(s, i, seed, &units, centres)
			}
		}()
	}
	for i := range nTraj {
		next <- i
		if progress != nil && (i+1)%100 == 0 {
			fmt.Fprintf(progress, "\r  generating: %d/%d trajectories", i+1, nTraj)
		}
	}
	close(next)
	wg.Wait()
	if progress != nil {
		fmt.Fprintln(progress)
	}
	return s
}

// newCentres draws the slot centres of each memory map, uniform in the
// arena.
func newCentres(seed uint64) *[nMaps][nSlots][2]float64 {
	var c [nMaps][nSlots][2]float64
	r := rand.New(rand.NewPCG(seed, 0x736c6f7473)) // "slots"
	for m := range c {
		for j := range c[m] {
			c[m][j] = [2]float64{(2*r.Float64() - 1) * half, (2*r.Float64() - 1) * half}
		}
	}
	return &c
}

// genTraj generates trajectory i into s.
func genTraj(s *trajSet, i int, seed uint64, units *[3][]unit, centres *[nMaps][nSlots][2]float64) {
	off := i * nSteps
	t := &trajSet{hd: s.hd[off : off+nSteps], pos: s.pos[2*off : 2*(off+nSteps)], wd: s.wd[nAngles*off : nAngles*(off+nSteps)]}
	for r, u := range unitsPerRNN {
		t.acts[r] = s.acts[r][u*off : u*(off+nSteps)]
	}
	for m := range nMaps {
		t.logps[m] = s.logps[m][nSlots*off : nSlots*(off+nSteps)]
	}
	genTrajAt(t, i, seed, units, centres)
}

// genTrajAt generates trajectory i into t, a set sized for one trajectory.
func genTrajAt(s *trajSet, i int, seed uint64, units *[3][]unit, centres *[nMaps][nSlots][2]float64) {
	logits := make([]float64, nSlots)
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	const margin = 0.02
	x := (2*r.Float64() - 1) * (half - margin)
	y := (2*r.Float64() - 1) * (half - margin)
	h := r.Float64()*2*math.Pi - math.Pi
	var wd [nAngles]float64
	var dirs [nAngles][2]float64
	for k := range dirs {
		a := -math.Pi + float64(k)*2*math.Pi/nAngles
		dirs[k] = [2]float64{math.Cos(a), math.Sin(a)}
	}
	for step := range nSteps {
		j := step
		h = math.Atan2(math.Sin(h), math.Cos(h))
		s.hd[j] = float32(h)
		s.pos[2*j], s.pos[2*j+1] = float32(x), float32(y)
		for k, d := range dirs {
			wd[k] = wallDistance(x, y, d[0], d[1])
			s.wd[j*nAngles+k] = float32(wd[k])
		}
		ch, sh := math.Cos(h), math.Sin(h)
		for rnn, us := range units {
			out := s.acts[rnn][j*len(us) : (j+1)*len(us)]
			for u := range us {
				out[u] = float32(activation(&us[u], h, ch, sh, x, y, &wd) + 0.1*(2*r.Float64()-1))
			}
		}
		for m := range nMaps {
			// The view: the position blurred by 5 cm of noise.
			vx, vy := x+0.05*r.NormFloat64(), y+0.05*r.NormFloat64()
			top := math.Inf(-1)
			for k, c := range centres[m] {
				dx, dy := vx-c[0], vy-c[1]
				logits[k] = -(dx*dx + dy*dy) / (2 * 0.25 * 0.25)
				top = max(top, logits[k])
			}
			sum := 0.0
			for _, l := range logits {
				sum += math.Exp(l - top)
			}
			lse := top + math.Log(sum)
			out := s.logps[m][j*nSlots : (j+1)*nSlots]
			for k, l := range logits {
				out[k] = float32(l - lse)
			}
		}
		// Move: turn, then step, reflecting the heading off the walls.
		h += 0.3 * r.NormFloat64()
		v := 0.02 + 0.03*r.ExpFloat64()
		nx, ny := x+v*math.Cos(h), y+v*math.Sin(h)
		if math.Abs(nx) > half-margin {
			h = math.Pi - h
			nx = x + v*math.Cos(h)
		}
		if math.Abs(ny) > half-margin {
			h = -h
			ny = y + v*math.Sin(h)
		}
		x = math.Max(-half+margin, math.Min(half-margin, nx))
		y = math.Max(-half+margin, math.Min(half-margin, ny))
	}
}

// wallDistance returns the distance from (x, y) to the wall of the square
// arena [-half, half]² along the unit vector (c, s).
func wallDistance(x, y, c, s float64) float64 {
	d := math.Inf(1)
	if c > 1e-12 {
		d = math.Min(d, (half-x)/c)
	} else if c < -1e-12 {
		d = math.Min(d, (-half-x)/c)
	}
	if s > 1e-12 {
		d = math.Min(d, (half-y)/s)
	} else if s < -1e-12 {
		d = math.Min(d, (-half-y)/s)
	}
	return d
}

// activation returns the noiseless activation of unit u at head direction
// h (cosine ch, sine sh), position (x, y) with wall distances wd.
func activation(u *unit, h, ch, sh, x, y float64, wd *[nAngles]float64) float64 {
	var a float64
	switch u.kind {
	case kindHD:
		a = math.Exp(u.kappa * (ch*u.cphi + sh*u.sphi - 1))
	case kindEgo, kindAllo:
		k := u.dir
		if u.kind == kindEgo {
			// Nearest allocentric direction to h + alpha.
			k = int(math.Round((h+u.alpha+math.Pi)/(2*math.Pi/nAngles))) % nAngles
			if k < 0 {
				k += nAngles
			}
		}
		e := (wd[k] - u.dist) / u.sigma
		a = math.Exp(-0.5 * e * e)
	case kindPlace:
		dx, dy := (x-u.cx)/u.prad, (y-u.cy)/u.prad
		a = math.Exp(-0.5 * (dx*dx + dy*dy))
	}
	return u.base + u.gain*a
}
