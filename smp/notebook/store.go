package notebook

import (
	"io"
	"sync"

	"github.com/smp-go/smp-go/smp/cache"
)

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

// cacheGet returns the result of step for the data dataID and the
// formatted parameters params from the cache, or computes and stores it;
// hit reports whether it came from the cache. The cache adds the code's
// identity and the result's type to the key.
func cacheGet[T any](c *cache.Cache, step, dataID, params string, compute func() (T, error)) (T, bool, error) {
	return cache.Get(c, cache.NewKey(step, dataID, params), compute)
}

// fileID identifies a data file's content for cache keys (cache.FileID).
func fileID(path string) (string, error) { return cache.FileID(path) }
