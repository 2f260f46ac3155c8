// Package smp computes the analyses of figure 2 of DeepMind's Spatial
// Memory Pipeline paper (Uria et al. 2020), with the original notebook's
// numerical conventions:
//
//   - spatial ratemaps, whole and per head-direction octant
//     (Ratemaps);
//   - head-direction ratemaps and the HD scorer's resultant vectors
//     (HDScorer, HDCellParameters);
//   - egocentric and allocentric boundary-vector ratemaps
//     (EgoAlloBVCRatemaps, BVCCellParameters);
//   - spatial stability between the two halves of the data
//     (SpatialStability);
//   - shuffle thresholds and the classification of units into HD, egoBVC
//     and alloBVC cells (ShuffleThreshold, Classify).
//
// smp does no I/O. The data model (Array, Dataset, Trajectories) and the
// loaders of npz and pickle files are in package smp/data; the numpy
// functions the analyses share (percentile, histogram, linspace, the
// parallel loop) in smp/num. Figure 3's head-direction network is in
// smp/hdnet, drawing in smp/plot and the two figures in smp/figures.
package smp

import (
	"embed"
	"io/fs"
)

// sources holds every file of the smp tree ("*" embeds directories
// recursively, without names starting with "." or "_"), so it follows
// packages added or moved under smp/. (An empty directory left under smp/
// stops the build with "contains no embeddable files": remove it.)
//
//go:embed *
var sources embed.FS

// Sources returns the files of the smp package tree (with tests and
// testdata) as compiled into this program, relative to smp/ (e.g.
// "data/npz.go"). smp/cache hashes the Go and assembly sources among them
// into the identity of the analysis code, so that a cached result is never
// served to a program whose analysis code differs.
func Sources() fs.FS { return sources }
