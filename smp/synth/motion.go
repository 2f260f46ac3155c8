package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

// MotionParams are the parameters of the rat's random walk (see Walk).
//
// The defaults follow RatInABox (George et al. 2024, fitted to Sargolini et
// al. 2006): dt 0.05 s, rotational velocity an Ornstein–Uhlenbeck process of
// standard deviation 120 deg/s and coherence time 0.08 s, speed Rayleigh
// distributed with coherence time 0.7 s. The speed scale is doubled from
// RatInABox's 0.08 m/s because our box is 2.2 m rather than 1 m wide. Wall
// avoidance is Raudies–Hasselmo style but smooth: within WallZone of a wall
// and heading towards it, the rat turns away and slows down.
type MotionParams struct {
	DT          float64 // time step, s
	RotStd      float64 // stationary std of the rotational velocity, rad/s
	RotTau      float64 // its coherence time, s
	SpeedScale  float64 // Rayleigh scale sigma of the speed, m/s (mean sigma*sqrt(pi/2))
	SpeedTau    float64 // coherence time of the speed, s
	WallZone    float64 // distance from a wall within which the rat avoids it, m
	WallTurn    float64 // fraction of the turn-away angle applied per step at the wall
	WallSlow    float64 // fraction by which speed drops when heading straight at a wall at contact
	Margin      float64 // the rat's centre never comes closer than this to a wall, m
	MaxTurn     float64 // bound on the heading change per step, rad
	StartMargin float64 // start positions are uniform at least this far from the walls, m
}

// DefaultMotion returns the default motion parameters.
func DefaultMotion() MotionParams {
	return MotionParams{
		DT:          0.05,
		RotStd:      120 * math.Pi / 180,
		RotTau:      0.08,
		SpeedScale:  0.16,
		SpeedTau:    0.7,
		WallZone:    0.15,
		WallTurn:    0.3,
		WallSlow:    0.75,
		Margin:      0.01,
		MaxTurn:     0.2,
		StartMargin: 0.1,
	}
}

func (p MotionParams) check(a Arena) error {
	switch {
	case !(p.DT > 0) || !(p.RotTau > 0) || !(p.SpeedTau > 0):
		return fmt.Errorf("motion: DT, RotTau and SpeedTau must be positive (got %g, %g, %g)", p.DT, p.RotTau, p.SpeedTau)
	case !(p.RotStd >= 0) || !(p.SpeedScale >= 0) || !(p.MaxTurn > 0):
		return fmt.Errorf("motion: RotStd and SpeedScale must be ≥ 0 and MaxTurn > 0")
	case !(p.Margin >= 0) || !(p.StartMargin >= p.Margin) || p.StartMargin >= a.Half:
		return fmt.Errorf("motion: need 0 ≤ Margin ≤ StartMargin < Half (got %g, %g, %g)", p.Margin, p.StartMargin, a.Half)
	case !(p.WallZone > 0) || p.WallTurn < 0 || p.WallTurn > 1 || p.WallSlow < 0 || p.WallSlow > 1:
		return fmt.Errorf("motion: need WallZone > 0 and WallTurn, WallSlow in [0, 1]")
	}
	return nil
}

// Path is one trajectory of n steps.
type Path struct {
	X, Y []float64 // position, metres
	HD   []float64 // head direction, radians in (-pi, pi], 0 = +x, counter-clockwise positive
	// W is the angular velocity per step: W[t] = HD[t] - HD[t-1] (unwrapped,
	// radians per step), W[0] = 0. It is what drives the HD network.
	W []float64
}

// Walk simulates n steps of the rat in arena a.
//
// Start: position uniform in the box shrunk by StartMargin, heading uniform.
// Each later step t:
//
//	omega  <- rho*omega + RotStd*sqrt(1-rho^2)*xi,   rho = exp(-DT/RotTau)      (exact OU update)
//	u      <- rhov*u + sqrt(1-rhov^2)*xi',           rhov = exp(-DT/SpeedTau)
//	v       = SpeedScale*sqrt(-2 ln Phi(-u))         (u ~ N(0,1) mapped to Rayleigh(SpeedScale))
//	for each wall at distance d < WallZone with heading a relative to its outward
//	normal, |a| < pi/2 (heading towards it), p = 1 - d/WallZone:
//	    r_k = (pi/2 - |a|) * p,   v *= 1 - WallSlow*p*cos(a)
//	turn = s * WallTurn * sum_k r_k, where the side s is chosen when the rat
//	    starts avoiding (no request at the previous step) and kept until no wall
//	    asks for a turn: s = sign(sum_k sign(a_k) r_k) if
//	    |sum_k sign(a_k) r_k| ≥ sum_k r_k / 2, and otherwise (walls disagree, as
//	    in a corner) s = +1 (left) if there is more room to the left
//	    (wall distance along HD + pi/2 ≥ along HD - pi/2), else -1
//	W[t]    = clamp(omega*DT + turn, -MaxTurn, MaxTurn)
//	HD[t]   = wrap(HD[t-1] + W[t])
//	(X, Y) += v*DT*(cos HD[t], sin HD[t]), clamped to Margin inside the walls (the rat slides along a wall)
func Walk(a Arena, p MotionParams, rng *rand.Rand, n int) (Path, error) {
	if err := p.check(a); err != nil {
		return Path{}, err
	}
	if n < 1 {
		return Path{}, fmt.Errorf("motion: need at least one step, got %d", n)
	}
	if rng == nil {
		return Path{}, fmt.Errorf("motion: no random number generator")
	}
	path := Path{X: make([]float64, n), Y: make([]float64, n), HD: make([]float64, n), W: make([]float64, n)}
	lim := a.Half - p.StartMargin
	x := lim * (2*rng.Float64() - 1)
	y := lim * (2*rng.Float64() - 1)
	hd := math.Pi * (2*rng.Float64() - 1)
	rho := math.Exp(-p.DT / p.RotTau)
	rhov := math.Exp(-p.DT / p.SpeedTau)
	omega := p.RotStd * rng.NormFloat64()
	u := rng.NormFloat64()
	path.X[0], path.Y[0], path.HD[0] = x, y, hdtrain.Wrap(hd)
	bound := a.Half - p.Margin
	commit := 0.0 // direction of the current turn away from walls, 0 when none
	for t := 1; t < n; t++ {
		omega = rho*omega + p.RotStd*math.Sqrt(1-rho*rho)*rng.NormFloat64()
		u = rhov*u + math.Sqrt(1-rhov*rhov)*rng.NormFloat64()
		v := p.SpeedScale * math.Sqrt(-2*math.Log(0.5*math.Erfc(u/math.Sqrt2)))
		// Wall avoidance (see above): the requests' signed sum and magnitude.
		var signed, mag float64
		dists := [4]float64{a.Half - x, a.Half - y, a.Half + x, a.Half + y}
		for k, d := range dists {
			if d >= p.WallZone {
				continue
			}
			rel := hdtrain.Wrap(hd - float64(k)*math.Pi/2)
			if math.Abs(rel) >= math.Pi/2 {
				continue
			}
			prox := 1 - math.Max(d, 0)/p.WallZone
			t := (math.Pi/2 - math.Abs(rel)) * prox
			if rel < 0 {
				signed -= t
			} else {
				signed += t
			}
			mag += t
			v *= 1 - p.WallSlow*prox*math.Cos(rel)
		}
		turn := 0.0
		switch {
		case mag == 0:
			commit = 0
		case commit == 0:
			commit = 1
			switch {
			case math.Abs(signed) >= mag/2:
				if signed < 0 {
					commit = -1
				}
			case a.Distance(x, y, hd+math.Pi/2) < a.Distance(x, y, hd-math.Pi/2):
				commit = -1
			}
		}
		turn = commit * mag * p.WallTurn
		w := math.Max(-p.MaxTurn, math.Min(p.MaxTurn, omega*p.DT+turn))
		hd = hdtrain.Wrap(hd + w)
		sin, cos := math.Sincos(hd)
		x = math.Max(-bound, math.Min(bound, x+v*p.DT*cos))
		y = math.Max(-bound, math.Min(bound, y+v*p.DT*sin))
		path.X[t], path.Y[t], path.HD[t], path.W[t] = x, y, hd, w
	}
	return path, nil
}
