// Package plot holds the plotting pieces of the Spatial Memory Pipeline
// figures, built on gonum.org/v1/plot: matplotlib's jet, coolwarm and tab20b
// colormaps, the octant ratemap mosaic, a lettered multi-panel figure
// (SuperFigure), matplotlib-like axes, polar panels, crisp images, bars,
// scatter markers, threshold lines, arrows (quiver) and image thumbnails.
//
// The package does not import package smp: every input is a plain slice with
// explicit dimensions, row-major, so that smp may import this package. As a
// plotter's Plot cannot return an error, plotters given coordinate slices of
// unequal lengths draw as many items as the shortest slice allows.
//
// # Units
//
// The original's SuperFigure makes a matplotlib figure of
// (W·dpi/72) × (H·dpi/72) inches at 72 dpi, so one point (font size, line
// width, marker size) is one output pixel, while panel positions are given
// in "inches" of the nominal W × H figure at dpi. This package keeps that
// convention: a SuperFigure's canvas is W·dpi by H·dpi points, every
// vg.Length inside a panel is in the original's points (one display pixel
// at scale 1), and positions in inches go through SuperFigure.Length.
//
// # Orientation
//
// Ratemaps are indexed [x-bin][y-bin] and drawn with origin lower: the first
// index runs upward and the second to the right. Polar panels draw a
// direction theta at polar angle π/2 − theta (see DirectionToPolar), with
// ticks E, N, W, S at polar angles 0°, 90°, 180°, 270°.
package plot
