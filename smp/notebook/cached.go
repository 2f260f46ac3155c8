package notebook

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/smp-go/smp-go/smp/cache"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

// steps is what the steps of Figure2 and Figure3, and Cached, share in one
// process: the data, where progress lines go (io.Discard for none), the
// data sets read so far and the last result of each step.
type steps struct {
	src      *Source
	progress io.Writer
	traj     *data.Trajectories
	net      *hdnet.Network
	last     map[string]result // by step
}

// result is a step's last result and the parameters it was computed with.
type result struct {
	params string
	v      any
}

// newSteps returns the steps on src with progress lines to progress (if
// not nil).
func newSteps(src *Source, progress io.Writer) *steps {
	if progress == nil {
		progress = io.Discard
	}
	return &steps{src: src, progress: progress, last: map[string]result{}}
}

// step returns the result of the step name with the parameters params:
// obtained last in this process, or read from the cache, or computed by
// compute, with one progress line saying which and how long it took. The
// cache key is the step, the identity of the data (Source.ID), params
// formatted with %#v (so params must be a plain value: numbers, strings,
// structs and slices of them, not pointers or functions) and the analysis
// code. A memory fault on a mapped data file (truncated while in use)
// becomes an error naming the file (data.Guard). The result is remembered
// for Last.
func step[T any](s *steps, name string, params any, compute func() (T, error)) (T, error) {
	p := formatParams(params)
	if r, ok := s.last[name]; ok && r.params == p {
		return r.v.(T), nil
	}
	t0 := time.Now()
	var c *cache.Cache
	if !s.src.NoCache {
		c = openStore(s.progress)
	}
	v, hit, err := cache.Get(c, cache.NewKey(name, s.src.ID, p), func() (v T, err error) {
		err = data.Guard(func() error {
			var err error
			v, err = compute()
			return err
		})
		return v, err
	})
	if err != nil {
		return v, fmt.Errorf("%s: %w", name, err)
	}
	if hit {
		fmt.Fprintf(s.progress, "(%s: from the cache)\n", name)
	} else {
		fmt.Fprintf(s.progress, "(%s: computed in %.1f s)\n", name, time.Since(t0).Seconds())
	}
	s.last[name] = result{p, v}
	remember(name, p, v)
	return v, nil
}

// stage returns a progress callback for the stage name of a long
// computation (hdnet's Progress options): one line about every second and
// one when it is done, e.g. "(random runs 400/1000, 40%, 1.2 s)".
func (s *steps) stage(name string) func(done, total int) {
	start := time.Now()
	last := start
	return func(done, total int) {
		now := time.Now()
		if done < total && now.Sub(last) < time.Second {
			return
		}
		last = now
		fmt.Fprintf(s.progress, "(%s %d/%d, %.0f%%, %.1f s)\n", name, done, total, 100*float64(done)/float64(max(total, 1)), now.Sub(start).Seconds())
	}
}

// formatParams formats the parameters of a step for its cache key.
func formatParams(params any) string { return fmt.Sprintf("%T %#v", params, params) }

// Cached returns the result of the analysis step name computed by compute
// from Data with the parameters params (a plain value, see step), from the
// cache when it is there, and remembers it for the later cells of this
// kernel (Last), with one progress line on standard output. An error stops
// the cell (Stop).
func Cached[T any](name string, params any, compute func() (T, error)) T {
	return Must(step(sessionSteps(), name, params, compute))
}

// Last returns the result of the step that Cached computed or read last in
// this kernel, with the parameters it was given there: the cell that shows
// the analysis call sets the parameters, and the later cells use its
// result. It stops the cell with one line of guidance when no cell of this
// kernel has run the step yet (after a kernel restart, say).
func Last[T any](step string) T {
	src := Data()
	p, err := os.ReadFile(sessionFile(step))
	if err != nil {
		Stop(fmt.Errorf("no %s in this kernel yet: run the cell that computes it first (after a kernel restart, run the notebook from the top)", step))
	}
	c := openStore(os.Stdout)
	var v T
	if c == nil {
		// Without a cache, remember kept the result itself.
		f, err := os.Open(sessionFile(step) + ".gob")
		if err == nil {
			err = gob.NewDecoder(f).Decode(&v)
			f.Close()
		}
		if err != nil {
			Stop(fmt.Errorf("%s: not kept in this kernel (%v): run the cell that computes it again", step, err))
		}
		return v
	}
	v, _, err = cache.Get(c, cache.NewKey(step, src.ID, string(p)), func() (zero T, err error) {
		return zero, errors.New("not in the cache")
	})
	if err != nil {
		Stop(fmt.Errorf("%s: %w: run the cell that computes it again", step, err))
	}
	return v
}

// sessionFile is where this kernel remembers the parameters of step's last
// result, or "" outside GoNB.
func sessionFile(step string) string {
	dir := os.Getenv("GONB_TMP_DIR")
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "smp-go-session", fmt.Sprintf("%x", step))
}

// remember records the parameters of step's last result v in this kernel,
// and v itself when there is no cache to find it in.
func remember[T any](step, params string, v T) {
	p := sessionFile(step)
	if p == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	_ = os.WriteFile(p, []byte(params), 0o644)
	if openStore(os.Stdout) == nil {
		_ = data.WriteAtomic(p+".gob", func(w io.Writer) error { return gob.NewEncoder(w).Encode(v) })
	}
}

// store is the process's result cache (cache.Default), opened on first use;
// nil when the cache directory cannot be used (one warning line says why).
var store struct {
	once sync.Once
	c    *cache.Cache
}

// openStore returns the result cache, opening it on first use with its
// warning, if any, written to warn.
func openStore(warn io.Writer) *cache.Cache {
	store.once.Do(func() { store.c = cache.Default(warn) })
	return store.c
}
