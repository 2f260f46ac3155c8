package hdnet

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// workerCount returns w if positive, otherwise GOMAXPROCS.
func workerCount(w int) int {
	if w > 0 {
		return w
	}
	return runtime.GOMAXPROCS(0)
}

// parallelFor calls f(worker, i) once for every i in [0, n) on up to workers
// goroutines (worker in [0, workers) identifies the goroutine, for its
// scratch space). Items must write to their own outputs, so that the results
// do not depend on scheduling. progress, if not nil, is called from the
// calling goroutine after each completed item with (done, n).
func parallelFor(n, workers int, progress func(done, total int), f func(worker, i int)) {
	if n <= 0 {
		return
	}
	workers = min(workerCount(workers), n)
	var next atomic.Int64
	done := make(chan struct{}, n)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(w, i)
				done <- struct{}{}
			}
		}(w)
	}
	for k := 1; k <= n; k++ {
		<-done
		if progress != nil {
			progress(k, n)
		}
	}
	wg.Wait()
}
