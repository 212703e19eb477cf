package snapshot

import "syscall"

// changeTime returns the change time sys tells, in nanoseconds since 1970.
func changeTime(sys *syscall.Stat_t) int64 { return sys.Ctim.Sec*1e9 + sys.Ctim.Nsec }
