package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/smp-go/smp-go/smp/num"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// Unit types planted in the world (the ground truth of figure 2's
// classification).
const (
	TypeHD      = "hd"      // head-direction unit (RNN-1)
	TypeEgoBVC  = "egobvc"  // egocentric boundary-vector cell
	TypeBVC     = "bvc"     // allocentric boundary-vector cell
	TypePlace   = "place"   // Gaussian place field, no boundary or heading tuning
	TypeUntuned = "untuned" // slowly fluctuating noise only
)

// Unit is one planted unit of RNN-2 or RNN-3. Its activation at step t is
// a sigmoid of a drive f in [0, 1] plus noise:
//
//	a_t = sigmoid(Bias + Gain*f_t + n_t),   n_t an AR(1) process of stationary
//	                                          std NoiseStd and time constant NoiseTau
//
// The drive depends on the type:
//
//	egobvc, bvc: f = g / g_max,
//	             g = (1/N) sum_k exp(-(D_k - Distance)^2 / (2 SigmaDist^2)) * exp(kappa (cos(theta_k - Angle) - 1))
//	place:       f = exp(-((x-CX)^2 + (y-CY)^2) / (2 Width^2))
//	untuned:     f = 0
//
// after Hartley et al. (2000) and RatInABox: theta_k = 2 pi k/K are K test
// directions, D_k is the distance to the first wall along theta_k
// (allocentric for bvc; relative to the head direction, i.e. along
// HD + theta_k, for egobvc), kappa = 1/SigmaAngle^2,
// N = sum_k exp(kappa (cos theta_k - 1)) (RatInABox's analytic bound: g = 1
// for a wall at the preferred distance in every direction) and g_max is
// the largest g the unit reaches in the arena (found on a grid, so f ≤ 1
// and every boundary cell peaks near 1, wherever its field lies). The sum
// runs over the test directions within 3 SigmaAngle of Angle (weights
// beyond are below exp(-4.5) ≈ 1% of the peak); the radial Gaussian is read
// from a table (error below 2e-6) and taken as 0 beyond 5 SigmaDist.
type Unit struct {
	Type       string
	Angle      float64 // preferred direction, radians (egocentric: 0 = ahead, positive = left)
	Distance   float64 // preferred wall distance, metres
	SigmaAngle float64 // angular tuning width, radians
	SigmaDist  float64 // radial tuning width, metres: 0.08 + Distance/12 (Hartley)
	CX, CY     float64 // place-field centre, metres
	Width      float64 // place-field width, metres
	Gain, Bias float64 // logit gain and bias
	NoiseStd   float64 // std of the logit noise
	NoiseTau   float64 // time constant of the logit noise, s
}

// PopulationSpec says how many units of each kind a population holds.
type PopulationSpec struct {
	Units   int  // total number of units
	Ego     bool // the majority's frame: egocentric (RNN-2) or allocentric (RNN-3) boundary cells
	Place   int  // number of place units
	Untuned int  // number of untuned units
	// OtherFrame is the number of boundary cells of the other frame
	// (allocentric ones in an egocentric population and vice versa); the
	// rest, Units - Place - Untuned - OtherFrame, are boundary cells of the
	// population's own frame.
	OtherFrame int
}

// The boundary cells' model: K = 72 test directions (5 degrees apart), and
// preferred distances drawn in [distMin, distMax] metres, within figure 2's
// analysis range (up to half the arena).
const (
	testDirections   = 72
	distMin, distMax = 0.2, 0.45
)

// Population is a set of planted units (RNN-2 or RNN-3) in shuffled order.
type Population struct {
	Ego   bool // the majority's frame
	Units []Unit
	K     int // test directions
	DT    float64

	kern     [][]dirWeight // per boundary unit: angular weights / N within 3 SigmaAngle
	cos, sin []float64     // of the test directions
	fmax     []float64     // per boundary unit: its largest raw drive in the arena
}

type dirWeight struct {
	k int
	w float64
}

// NewPopulation draws a population from spec with rng. Boundary cells get
// Angle ~ U(-pi, pi), Distance ~ U(0.2, 0.45) m, SigmaDist = 0.08 +
// Distance/12, SigmaAngle ~ U(10, 30) degrees; place units a centre uniform
// in [-0.8, 0.8]^2 m and Width ~ U(0.15, 0.3) m. Tuned units have Gain ~
// U(7, 8), Bias ~ U(-4, -3.6) (rest rate sigmoid(Bias) ≈ 0.018..0.027) and
// noise std 0.4 with time constant 0.5 s; untuned units Gain 0, Bias ~
// U(-2, 0) and noise std 1 with time constant 2 s. The order of the units
// is shuffled. dt is the time step of the trajectories, s; ar is the arena,
// over which each boundary cell's largest raw drive is found (see Drive).
func NewPopulation(ar Arena, spec PopulationSpec, dt float64, rng *rand.Rand) (*Population, error) {
	nb := spec.Units - spec.Place - spec.Untuned - spec.OtherFrame
	switch {
	case spec.Units <= 0 || spec.Place < 0 || spec.Untuned < 0 || spec.OtherFrame < 0 || nb < 0:
		return nil, fmt.Errorf("population: bad sizes %d units, %d place, %d untuned, %d other-frame", spec.Units, spec.Place, spec.Untuned, spec.OtherFrame)
	case !(dt > 0):
		return nil, fmt.Errorf("population: time step must be positive, got %g", dt)
	}
	bvcType, otherType := TypeBVC, TypeEgoBVC
	if spec.Ego {
		bvcType, otherType = TypeEgoBVC, TypeBVC
	}
	units := make([]Unit, 0, spec.Units)
	tuned := func(u Unit) Unit {
		u.Gain = 7 + rng.Float64()
		u.Bias = -4 + 0.4*rng.Float64()
		u.NoiseStd, u.NoiseTau = 0.4, 0.5
		return u
	}
	for i := 0; i < nb+spec.OtherFrame; i++ {
		typ := bvcType
		if i >= nb {
			typ = otherType
		}
		d := distMin + (distMax-distMin)*rng.Float64()
		units = append(units, tuned(Unit{
			Type:       typ,
			Angle:      math.Pi * (2*rng.Float64() - 1),
			Distance:   d,
			SigmaDist:  0.08 + d/12,
			SigmaAngle: (10 + 20*rng.Float64()) * math.Pi / 180,
		}))
	}
	for i := 0; i < spec.Place; i++ {
		units = append(units, tuned(Unit{
			Type:  TypePlace,
			CX:    0.8 * (2*rng.Float64() - 1),
			CY:    0.8 * (2*rng.Float64() - 1),
			Width: 0.15 + 0.15*rng.Float64(),
		}))
	}
	for i := 0; i < spec.Untuned; i++ {
		units = append(units, Unit{Type: TypeUntuned, Bias: -2 * rng.Float64(), NoiseStd: 1, NoiseTau: 2})
	}
	rng.Shuffle(len(units), func(i, j int) { units[i], units[j] = units[j], units[i] })
	p := &Population{Ego: spec.Ego, Units: units, K: testDirections, DT: dt}
	p.kernels()
	p.normalise(ar)
	return p, nil
}

// kernels precomputes the test directions and each boundary unit's angular
// weights exp(kappa (cos(theta_k - Angle) - 1)) / N within 3 SigmaAngle.
func (p *Population) kernels() {
	p.cos, p.sin = make([]float64, p.K), make([]float64, p.K)
	for k := range p.cos {
		p.sin[k], p.cos[k] = math.Sincos(p.theta(k))
	}
	p.kern = make([][]dirWeight, len(p.Units))
	for i, u := range p.Units {
		if u.Type != TypeBVC && u.Type != TypeEgoBVC {
			continue
		}
		kappa := 1 / (u.SigmaAngle * u.SigmaAngle)
		norm := 0.0
		for k := 0; k < p.K; k++ {
			norm += math.Exp(kappa * (math.Cos(p.theta(k)) - 1))
		}
		for k := 0; k < p.K; k++ {
			if math.Abs(hdtrain.Wrap(p.theta(k)-u.Angle)) <= 3*u.SigmaAngle {
				w := math.Exp(kappa * (math.Cos(p.theta(k)-u.Angle) - 1))
				p.kern[i] = append(p.kern[i], dirWeight{k, w / norm})
			}
		}
	}
}

// theta returns test direction k, 2 pi k/K.
func (p *Population) theta(k int) float64 { return 2 * math.Pi * float64(k) / float64(p.K) }

// Drive returns the noiseless drive f in [0, 1] of unit i for a rat at
// (x, y) whose wall distances along the K test directions are ego
// (relative to the heading) and allo (allocentric), as Distances writes
// them (unchecked). A boundary cell's raw drive (Unit) is divided by the
// largest it reaches in the arena, so that it peaks at f ≈ 1.
func (p *Population) Drive(i int, x, y float64, ego, allo []float64) float64 {
	u := &p.Units[i]
	switch u.Type {
	case TypeBVC, TypeEgoBVC:
		dist := allo
		if u.Type == TypeEgoBVC {
			dist = ego
		}
		return min(1, p.rawDrive(i, dist)/p.fmax[i])
	case TypePlace:
		dx, dy := x-u.CX, y-u.CY
		return math.Exp(-(dx*dx + dy*dy) / (2 * u.Width * u.Width))
	}
	return 0
}

// rawDrive returns boundary unit i's raw drive for wall distances dist
// along its frame's test directions.
func (p *Population) rawDrive(i int, dist []float64) float64 {
	u := &p.Units[i]
	f := 0.0
	inv := 1 / u.SigmaDist
	for _, kw := range p.kern[i] {
		f += kw.w * gauss(math.Abs(dist[kw.k]-u.Distance)*inv)
	}
	return f
}

// normalise sets fmax: for each boundary unit the largest raw drive over
// rat positions on a 5 cm grid (MaxDriveGrid points a side) covering the
// arena up to 1 cm from the walls; an egocentric unit is evaluated as an
// allocentric one rotated by every multiple of the test-direction step
// over a quarter turn (the box's symmetry), i.e. over all headings.
func (p *Population) normalise(ar Arena) {
	p.fmax = make([]float64, len(p.Units))
	lim := ar.Half - 0.01
	dist, rotated := make([]float64, p.K), make([]float64, p.K)
	for gx := 0; gx < MaxDriveGrid; gx++ {
		for gy := 0; gy < MaxDriveGrid; gy++ {
			x := -lim + 2*lim*float64(gx)/float64(MaxDriveGrid-1)
			y := -lim + 2*lim*float64(gy)/float64(MaxDriveGrid-1)
			p.Distances(ar, x, y, 0, false, dist)
			for r := 0; r < p.K/4; r++ {
				for k := range rotated {
					rotated[k] = dist[(k+r)%p.K]
				}
				for i, u := range p.Units {
					switch {
					case u.Type == TypeBVC && r == 0:
						p.fmax[i] = max(p.fmax[i], p.rawDrive(i, dist))
					case u.Type == TypeEgoBVC:
						p.fmax[i] = max(p.fmax[i], p.rawDrive(i, rotated))
					}
				}
			}
		}
	}
}

// MaxDriveGrid is the number of grid points a side over which a boundary
// cell's largest drive is found.
const MaxDriveGrid = 45

// Distances writes into dst (length K) the wall distances along the test
// directions for a rat at (x, y) with heading hd: along theta_k if ego is
// false, along hd + theta_k if ego is true.
func (p *Population) Distances(ar Arena, x, y, hd float64, ego bool, dst []float64) {
	if !ego {
		for k := range dst[:p.K] {
			dst[k], _, _ = ar.castDir(x, y, p.cos[k], p.sin[k])
		}
		return
	}
	s, c := math.Sincos(hd)
	for k := range dst[:p.K] {
		// direction hd + theta_k by the angle-addition formulas
		dst[k], _, _ = ar.castDir(x, y, c*p.cos[k]-s*p.sin[k], s*p.cos[k]+c*p.sin[k])
	}
}

// Activations writes the activations of all units along path into dst,
// [len(path.X), len(Units)] row-major, as float32 in (0, 1). rng drives
// the noise; the noise of each unit starts from its stationary
// distribution.
func (p *Population) Activations(ar Arena, path Path, rng *rand.Rand, dst []float32) error {
	n, nu := len(path.X), len(p.Units)
	if len(dst) != n*nu {
		return fmt.Errorf("population: activations need %d values, got %d", n*nu, len(dst))
	}
	noise := make([]float64, nu)
	rho := make([]float64, nu)
	for i, u := range p.Units {
		rho[i] = math.Exp(-p.DT / u.NoiseTau)
		noise[i] = u.NoiseStd * rng.NormFloat64()
	}
	var needEgo, needAllo bool
	for _, u := range p.Units {
		needEgo = needEgo || u.Type == TypeEgoBVC
		needAllo = needAllo || u.Type == TypeBVC
	}
	ego, allo := make([]float64, p.K), make([]float64, p.K)
	for t := 0; t < n; t++ {
		x, y := path.X[t], path.Y[t]
		if needEgo {
			p.Distances(ar, x, y, path.HD[t], true, ego)
		}
		if needAllo {
			p.Distances(ar, x, y, path.HD[t], false, allo)
		}
		row := dst[t*nu : (t+1)*nu]
		for i := range p.Units {
			u := &p.Units[i]
			if t > 0 {
				noise[i] = rho[i]*noise[i] + u.NoiseStd*math.Sqrt(1-rho[i]*rho[i])*rng.NormFloat64()
			}
			row[i] = float32(num.Sigmoid(u.Bias + u.Gain*p.Drive(i, x, y, ego, allo) + noise[i]))
		}
	}
	return nil
}

// gaussSteps is the resolution of gaussTable: samples per unit of q.
const gaussSteps = 256

// gaussTable holds exp(-q^2/2) at q = i/gaussSteps for q in [0, 5]
// (read-only after initialisation).
var gaussTable = func() []float64 {
	t := make([]float64, 5*gaussSteps+2)
	for i := range t {
		q := float64(i) / gaussSteps
		t[i] = math.Exp(-q * q / 2)
	}
	return t
}()

// gauss returns exp(-q^2/2) for q ≥ 0 by linear interpolation in
// gaussTable (absolute error below 2e-6), and 0 for q ≥ 5.
func gauss(q float64) float64 {
	x := q * gaussSteps
	if !(x < 5*gaussSteps) {
		return 0
	}
	i := int(x)
	fr := x - float64(i)
	return gaussTable[i] + fr*(gaussTable[i+1]-gaussTable[i])
}
