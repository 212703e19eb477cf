package timeline_test

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// allocated returns how many bytes the program has allocated on the heap so far.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// fastest runs f three times and returns the shortest time and the fewest bytes
// allocated: the figures least disturbed by the rest of the machine.
func fastest(f func()) (time.Duration, uint64) {
	var best time.Duration
	var bytes uint64
	for i := range 3 {
		a, start := allocated(), time.Now()
		f()
		d, n := time.Since(start), allocated()-a
		if i == 0 || d < best {
			best = d
		}
		if i == 0 || n < bytes {
			bytes = n
		}
	}
	return best, bytes
}

// checkBounded fails t when f allocates more than maxBytes, or takes more than ten times
// as long as loading a valid timeline of size bytes. Hostile input is refused in time and
// memory proportional to what was read of it; a valid load is the yardstick that a
// quadratic or unbounded regression breaks at once. The yardstick is measured once per
// run, on a valid timeline of 1 MB, and scaled to size: a slow machine (or the race
// detector) slows it and f alike.
func checkBounded(t *testing.T, size int, maxBytes uint64, f func()) {
	t.Helper()
	perByte := validLoadPerByte(t)
	took, bytes := fastest(f)
	limit := time.Duration(10*perByte*float64(size)) + 10*time.Millisecond
	t.Logf("%d bytes: %v and %d bytes allocated; a valid load of as many bytes takes about %v",
		size, took, bytes, time.Duration(perByte*float64(size)))
	if bytes > maxBytes {
		t.Errorf("allocated %d bytes, want at most %d", bytes, maxBytes)
	}
	if took > limit {
		t.Errorf("took %v, want at most %v, ten times a valid load of %d bytes", took, limit, size)
	}
}

var validLoad struct {
	sync.Once
	perByte float64 // nanoseconds
}

// validLoadPerByte returns the time a valid load takes per byte of the file, measured on
// a generated timeline of about 1 MB.
func validLoadPerByte(t *testing.T) float64 {
	validLoad.Do(func() {
		valid := timelinetest.Generate(1300, 1)
		d, _ := fastest(func() {
			if _, err := timeline.Open("valid.toml", valid); err != nil {
				t.Fatal(err)
			}
		})
		validLoad.perByte = float64(d.Nanoseconds()) / float64(len(valid))
	})
	return validLoad.perByte
}

// checkAgainst fails t when f takes more than ten times as long as baseline, or allocates
// more than allocFactor times what baseline allocates plus extraBytes.
func checkAgainst(t *testing.T, what string, baseline func(), allocFactor float64, extraBytes uint64, f func()) {
	t.Helper()
	base, baseBytes := fastest(baseline)
	took, bytes := fastest(f)
	maxBytes := uint64(allocFactor*float64(baseBytes)) + extraBytes
	t.Logf("%v and %d bytes allocated; %s takes %v and %d bytes", took, bytes, what, base, baseBytes)
	if bytes > maxBytes {
		t.Errorf("allocated %d bytes, want at most %d", bytes, maxBytes)
	}
	if took > 10*base+10*time.Millisecond {
		t.Errorf("took %v, want at most ten times the %v of %s", took, base, what)
	}
}
