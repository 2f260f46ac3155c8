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
)

// Cached returns the result of the analysis step computed by compute from
// Data with the parameters params, from the cache when it is there, and
// remembers it for the later cells of this kernel (Last). The cache key is
// the step, the identity of the data (Source.ID), params formatted with
// %#v (so params must be a plain value: numbers, strings, structs and
// slices of them, not pointers or functions) and the analysis code. One
// line on standard output says whether the result was computed, and in how
// long, or read from the cache. An error stops the cell (Stop).
func Cached[T any](step string, params any, compute func() (T, error)) T {
	v, err := get(Data(), step, params, compute, os.Stdout)
	if err != nil {
		Stop(err)
	}
	remember(step, formatParams(params), v)
	return v
}

// get returns the result of step computed by compute from src with the
// parameters params, from the cache when it is there (see Cached for the
// key), writing one line to progress (if not nil) that says whether it was
// computed, and in how long, or read from the cache.
func get[T any](src *Source, step string, params any, compute func() (T, error), progress io.Writer) (T, error) {
	t0 := time.Now()
	var v T
	var hit bool
	var err error
	compute = guarded(compute)
	if src.NoCache {
		v, err = compute()
	} else {
		v, hit, err = cache.Get(openStore(progress), cache.NewKey(step, src.ID, formatParams(params)), compute)
	}
	if err != nil {
		return v, fmt.Errorf("%s: %w", step, err)
	}
	if progress != nil {
		if hit {
			fmt.Fprintf(progress, "(%s: from the cache)\n", step)
		} else {
			fmt.Fprintf(progress, "(%s: computed in %.1f s)\n", step, time.Since(t0).Seconds())
		}
	}
	return v, nil
}

// guarded returns compute with its memory faults on a mapped data file
// (truncated while in use) turned into one error naming the file (see
// data.Guard), instead of a crash.
func guarded[T any](compute func() (T, error)) func() (T, error) {
	return func() (v T, err error) {
		err = data.Guard(func() error {
			var err error
			v, err = compute()
			return err
		})
		return v, err
	}
}

// formatParams formats the parameters of a step for its cache key.
func formatParams(params any) string { return fmt.Sprintf("%T %#v", params, params) }

// errNotCached is what Last's lookups compute.
var errNotCached = errors.New("not in the cache")

// Last returns the result of the step that Cached computed or read last in
// this kernel, with the parameters it was given there: the cell that shows
// the analysis call sets the parameters, and the later cells use its
// result. It stops the cell with one line of guidance when no cell of this
// kernel has run the step yet (after a kernel restart, say).
func Last[T any](step string) T {
	src := Data()
	p, ok := recalled(step)
	if !ok {
		Stop(fmt.Errorf("no %s in this kernel yet: run the cell that computes it first (after a kernel restart, run the notebook from the top)", step))
	}
	c := openStore(os.Stdout)
	if c == nil {
		// Without a cache, Cached kept the result itself.
		return recalledValue[T](step)
	}
	v, _, err := cache.Get(c, cache.NewKey(step, src.ID, p), func() (T, error) {
		var zero T
		return zero, errNotCached
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

// recalledValue returns step's last result as remember kept it, or stops
// the cell.
func recalledValue[T any](step string) T {
	var v T
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

// recalled returns the parameters of step's last result in this kernel.
func recalled(step string) (string, bool) {
	p := sessionFile(step)
	if p == "" {
		return "", false
	}
	b, err := os.ReadFile(p)
	return string(b), err == nil
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
