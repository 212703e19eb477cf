package loadgc

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// settings reads GOGC and the memory limit without changing them.
func settings() (gogc int, limit int64) {
	return int(read("/gc/gogc:percent")), debug.SetMemoryLimit(-1)
}

func TestTighten(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	restore := Tighten(Large - 1)
	if gogc, limit := settings(); gogc != 100 || limit != math.MaxInt64 {
		t.Errorf("a small load set GOGC to %d, the limit to %d", gogc, limit)
	}
	restore()

	restore = Tighten(Large)
	if gogc, limit := settings(); gogc != -1 || limit < room*Large || limit == math.MaxInt64 {
		t.Errorf("a large load runs at GOGC %d with a limit of %d bytes; want off, and a limit of at least %d", gogc, limit, room*Large)
	}
	restore()
	if gogc, limit := settings(); gogc != 100 || limit != math.MaxInt64 {
		t.Errorf("after the load GOGC is %d, the limit %d; want them back at 100 and none", gogc, limit)
	}

	debug.SetGCPercent(20) // the user's own, tighter
	restore = Tighten(Large)
	if gogc, limit := settings(); gogc != 20 || limit != math.MaxInt64 {
		t.Errorf("a large load under GOGC=20 set GOGC to %d, the limit to %d", gogc, limit)
	}
	restore()
	if gogc, _ := settings(); gogc != 20 {
		t.Errorf("after the load GOGC is %d, want the user's 20", gogc)
	}
	debug.SetGCPercent(100)

	debug.SetMemoryLimit(Large) // the user's own limit, tighter than the load's
	restore = Tighten(Large)
	if gogc, limit := settings(); gogc != percent || limit != Large {
		t.Errorf("under a tight GOMEMLIMIT a large load runs at GOGC %d, limit %d; want %d and the user's %d", gogc, limit, percent, Large)
	}
	restore()
	if gogc, limit := settings(); gogc != 100 || limit != Large {
		t.Errorf("after the load GOGC is %d, the limit %d; want 100 and the user's %d", gogc, limit, Large)
	}
}

// TestTightenFallsBack: a load that keeps more than two thirds of its limit goes back to
// GOGC=50 and no limit of its own, rather than collecting without end against the limit.
func TestTightenFallsBack(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	runtime.GC()
	restore := Tighten(Large)
	defer restore()
	_, limit := settings()
	kept := make([]byte, limit-int64(heapInUse())) // live: the load keeps it
	for i := range kept {
		kept[i] = byte(i)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		gogc, l := settings()
		if gogc == percent && l == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("with %d of a %d-byte limit kept, GOGC is %d and the limit %d after 10 s; want %d and none",
				len(kept), limit, gogc, l, percent)
		}
		time.Sleep(poll)
	}
	runtime.KeepAlive(kept)
	restore()
	if gogc, l := settings(); gogc != 100 || l != math.MaxInt64 {
		t.Errorf("after the load GOGC is %d, the limit %d; want 100 and none", gogc, l)
	}
}
