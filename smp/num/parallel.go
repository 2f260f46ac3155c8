package num

import (
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// ParallelFor calls f(worker, i) once for every i in [0, n) on up to
// workers goroutines (0 or less: GOMAXPROCS); worker in [0, workers)
// identifies the goroutine, for its scratch space. Items are handed out in
// increasing order. Each item must write only to its own outputs, so that
// the results do not depend on scheduling. progress, if not nil, is called
// from the calling goroutine after each completed item with (done, n).
// A memory fault in f (reading a mapped file truncated while in use) stops
// the items and is raised again in the calling goroutine, where
// smp/internal/mmap's Guard turns it into an error naming the file.
func ParallelFor(n, workers int, progress func(done, total int), f func(worker, i int)) {
	_ = ParallelForErr(n, workers, progress, func(w, i int) error {
		f(w, i)
		return nil
	})
}

// ParallelForErr is ParallelFor for items that can fail: after a failure no
// further item starts, and the error returned is that of the lowest failing
// index — the one a sequential loop would have returned — so the result
// does not depend on scheduling either.
func ParallelForErr(n, workers int, progress func(done, total int), f func(worker, i int) error) error {
	if n <= 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	errs := make([]error, n)
	var failed atomic.Bool
	var next atomic.Int64
	var done chan struct{}
	if progress != nil {
		done = make(chan struct{}, n)
	}
	var wg sync.WaitGroup
	var fault atomic.Value // a memory fault of a worker, passed on to the caller
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(interface{ Addr() uintptr }); !ok {
						panic(r)
					}
					fault.CompareAndSwap(nil, r)
					failed.Store(true)
				}
			}()
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if errs[i] = f(w, i); errs[i] != nil {
					failed.Store(true)
				}
				if done != nil {
					done <- struct{}{}
				}
			}
		}(w)
	}
	if done != nil {
		go func() { wg.Wait(); close(done) }()
		k := 0
		for range done {
			k++
			progress(k, n)
		}
	}
	wg.Wait()
	if r := fault.Load(); r != nil {
		panic(r)
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
