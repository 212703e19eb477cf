package timeline_test

import (
	"fmt"
	"runtime"
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
// as long as loading a valid generated timeline of size bytes (measured in the same run,
// so that a slow machine slows both). Hostile input is refused in time and memory
// proportional to what was read of it; the valid load is the yardstick a quadratic or
// unbounded regression breaks at once.
func checkBounded(t *testing.T, size int, maxBytes uint64, f func()) {
	t.Helper()
	valid := timelinetest.Generate(max(1, size/780), 1)
	checkAgainst(t, fmt.Sprintf("a valid load of %d bytes", len(valid)), func() {
		if _, err := timeline.Open("valid.toml", valid); err != nil {
			t.Fatal(err)
		}
	}, 0, maxBytes, f)
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
