package smp

import (
	"embed"
	"io/fs"
)

// sources holds every file of the smp tree: the pattern "*" embeds each
// entry of this directory, and directories recursively (without files whose
// names start with "." or "_"). It therefore follows packages that are
// added, moved or removed under smp/ without any list to keep up to date.
// (A directory under smp/ with no embeddable file, e.g. an empty one left
// after a move, stops the build with "contains no embeddable files":
// remove it.)
//
//go:embed *
var sources embed.FS

// Sources returns the files of the smp package tree (this package and every
// package under it, with their tests and testdata) as they were when this
// program was compiled. Paths are relative to smp/, e.g. "data/npz.go".
//
// Package smp/cache hashes the Go and assembly sources among them into the
// identity of the analysis code, so that a cached result is never served to
// a program whose analysis code differs from the one that computed it.
func Sources() fs.FS { return sources }
