package par

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// procs runs the subtests of t on 1, 2 and 7 goroutines.
func procs(t *testing.T, f func(t *testing.T)) {
	for _, p := range []int{1, 2, 7} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", p), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(p))
			f(t)
		})
	}
}

func TestForCallsEachIndexOnce(t *testing.T) {
	procs(t, func(t *testing.T) {
		for _, n := range []int{0, 1, 2, 3, 10, 1000} {
			calls := make([]atomic.Int32, n)
			if err := For(n, func(i int) error {
				calls[i].Add(1)
				return nil
			}); err != nil {
				t.Fatalf("n=%d: %v", n, err)
			}
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("n=%d: f(%d) called %d times", n, i, c)
				}
			}
		}
	})
}

// TestForRunsOfConsecutiveIndexes: a call mostly comes after the call on
// the index before it, which is what keeps a cache warm; only the start
// of a run may not.
func TestForRunsOfConsecutiveIndexes(t *testing.T) {
	procs(t, func(t *testing.T) {
		const n = 10000
		done := make([]atomic.Bool, n)
		var starts atomic.Int32
		if err := For(n, func(i int) error {
			if i > 0 && !done[i-1].Load() {
				starts.Add(1)
			}
			done[i].Store(true)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if s := starts.Load(); s > 200 {
			t.Errorf("%d of %d calls came before the call on the index before them", s, n)
		}
	})
}

// TestForError: For returns the error of the lowest failed index, and
// starts no call once one has failed.
func TestForError(t *testing.T) {
	procs(t, func(t *testing.T) {
		for _, failing := range []func(i int) bool{
			func(i int) bool { return i == 3 },
			func(i int) bool { return i%97 == 50 },
			func(i int) bool { return true },
		} {
			var mu sync.Mutex
			var calls, lowest = 0, -1
			const n = 10000 // far more calls than are made before the first failure
			err := For(n, func(i int) error {
				time.Sleep(50 * time.Microsecond)
				mu.Lock()
				defer mu.Unlock()
				calls++
				if !failing(i) {
					return nil
				}
				if lowest < 0 || i < lowest {
					lowest = i
				}
				return fmt.Errorf("f(%d) failed", i)
			})
			if want := fmt.Sprintf("f(%d) failed", lowest); err == nil || err.Error() != want {
				t.Errorf("error %v, want %s", err, want)
			}
			if calls > n/2 {
				t.Errorf("%d calls after f(%d) failed; want no new calls", calls, lowest)
			}
		}
	})
}
