// Package par runs the iterations of a loop in parallel.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i in [0, n) on up to GOMAXPROCS goroutines and
// waits for them. Once a call has failed, no new call starts, and For
// returns the error of the lowest i among the calls that failed.
//
// Each goroutine takes a run of consecutive indexes and calls f on them in
// increasing order, so f(i) finds in a cache what f(i-1) on the same
// goroutine left there (a commit's trees are its child's parent trees).
// Runs shrink as the work runs out, so that goroutines finish together
// even when some calls take longer than others.
func For(n int, f func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			if err := f(i); err != nil {
				return err
			}
		}
		return nil
	}
	var (
		mu     sync.Mutex
		next   int // the first index not yet handed out
		failed = n // the lowest index that failed, n when none has
		err    error
		stop   atomic.Bool // set on the first failure
	)
	// take hands out the next run [lo, hi): half the remaining work's
	// share per goroutine, at least one index; an empty run when the work
	// is done or a call has failed.
	take := func() (lo, hi int) {
		mu.Lock()
		defer mu.Unlock()
		if stop.Load() {
			return 0, 0
		}
		lo = next
		next += max(1, (n-next)/(2*workers))
		next = min(next, n)
		return lo, next
	}
	fail := func(i int, e error) {
		mu.Lock()
		defer mu.Unlock()
		stop.Store(true)
		if i < failed {
			failed, err = i, e
		}
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				lo, hi := take()
				if lo == hi {
					return
				}
				for i := lo; i < hi && !stop.Load(); i++ {
					if e := f(i); e != nil {
						fail(i, e)
					}
				}
			}
		})
	}
	wg.Wait()
	return err
}
