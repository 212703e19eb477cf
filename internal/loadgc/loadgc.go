// Package loadgc is the commands' choice of how the garbage collector runs while a large
// timeline loads. The timeline package never changes a process-wide setting; the commands
// that load (the command line and the explorer's loader) call Tighten around the load.
package loadgc

import "runtime/debug"

// Large is the size from which a load runs the collector more often.
const Large = 16 << 20

// percent is the GOGC a large load runs at. The decoder builds a tree of maps for every
// batch and drops it at once, so the heap is mostly garbage; at the default GOGC=100 the
// heap may grow to twice what the timeline keeps, at 50 to one and a half times, which on
// a 75 MB file saves about 80 MB of peak memory for a few per cent more CPU.
const percent = 50

// Tighten sets GOGC to 50 for the load of a timeline of size bytes, when size is at least
// Large and the setting is not already tighter, and returns the function that puts the
// setting back. A command loads one timeline at a time, so no count of loads under way
// is kept.
func Tighten(size int) (restore func()) {
	if size < Large {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	if old < percent {
		debug.SetGCPercent(old) // already tighter, or off: leave it
		return func() {}
	}
	return func() { debug.SetGCPercent(old) }
}
