// Package loadgc is the commands' choice of how the garbage collector runs while a large
// timeline loads. The timeline package never changes a process-wide setting; the commands
// that load (the command line and the explorer's loader) call Tighten around the load.
package loadgc

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Large is the size from which a load runs the collector more often.
const Large = 16 << 20

// percent is the GOGC a large load falls back to. The decoder builds a tree of maps for
// every batch and drops it at once, so the heap is mostly garbage; at the default GOGC=100
// the heap may grow to twice what the timeline keeps, at 50 to one and a half times, which
// on a 75 MB file saves about 80 MB of peak memory for a few per cent more CPU.
const percent = 50

// room is how many bytes of heap a load may use per byte of the file, beyond the heap in
// use when it starts, before the collector runs. The memory of a load peaks at its end,
// when the timeline it keeps is largest (2.6 bytes per byte of the 78.5 MB test file),
// and GOGC=50 lets the heap reach one and a half times what is kept then; early in the
// load, when little is kept, the limit lets the collector run less often than GOGC=50
// would. Each collection marks all the load has kept so far, more as it goes, and the
// write barriers slow the decoder while it runs; each byte of heap touched for the first
// time costs a page fault instead (about 0.8 ms a MB on the 2-core VM docs/performance.md
// describes). On the 78.5 MB test file, from 3 to 4 took tlx list --no-cache from 1.88 s
// to 1.81 s and its peak from 328 to 373 MB, and the explorer's whole first load from
// 2.60 s to 2.43 s with its peak from 478 to 486 MB; at 5, tlx list gained 1% more for
// 445 MB.
const room = 4

// fallback is the share of the limit the live heap may reach before the load falls back
// to GOGC=50: a file whose events take more memory than usual (many tiny ones) must not
// leave the collector running without end against a limit below what the load keeps.
const fallbackNum, fallbackDen = 2, 3

// poll is how often the load looks at the live heap, which changes when a collection ends.
const poll = 10 * time.Millisecond

// Tighten bounds the heap of the load of a timeline of size bytes, when size is at least
// Large and GOGC is not already tighter than 50, and returns the function that puts the
// settings back. The collector runs when the heap reaches what was in use at the start
// plus room bytes per byte of the file (a soft memory limit, with GOGC off), until the
// live heap passes two thirds of that; then it runs at GOGC=50. A command loads one
// timeline at a time, so no count of loads under way is kept.
func Tighten(size int) (restore func()) {
	if size < Large {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	if old < percent {
		debug.SetGCPercent(old) // already tighter, or off: leave it
		return func() {}
	}
	oldLimit := debug.SetMemoryLimit(-1)
	limit := heapInUse() + room*uint64(size)
	if limit > math.MaxInt64 || int64(limit) >= oldLimit {
		return func() { debug.SetGCPercent(old) } // the user's limit is tighter: GOGC=50 alone
	}
	debug.SetMemoryLimit(int64(limit))
	debug.SetGCPercent(-1)

	stop, done := make(chan struct{}), make(chan struct{})
	var fellBack sync.Once
	fallBack := func() {
		fellBack.Do(func() {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(oldLimit)
		})
	}
	go func() {
		defer close(done)
		tick := time.NewTicker(poll)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			if liveHeap() > limit/fallbackDen*fallbackNum {
				fallBack()
				return
			}
		}
	}()
	var restored sync.Once
	return func() {
		restored.Do(func() {
			close(stop)
			<-done
			fallBack()
			debug.SetGCPercent(old)
		})
	}
}

// heapInUse is the bytes of heap objects now, live or not yet collected.
func heapInUse() uint64 { return read("/memory/classes/heap/objects:bytes") }

// liveHeap is the bytes the last collection found live.
func liveHeap() uint64 { return read("/gc/heap/live:bytes") }

func read(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
