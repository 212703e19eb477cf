//go:build unix

package timeline_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used so far, user and system, on all its
// threads, or 0 when it cannot be told. On a machine shared with other work it varies far
// less than the wall time does.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
