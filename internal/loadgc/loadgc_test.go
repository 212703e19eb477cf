package loadgc

import (
	"runtime/debug"
	"testing"
)

func TestTighten(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	restore := Tighten(Large - 1)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("a small load set GOGC to %d", got)
	}
	restore()

	restore = Tighten(Large)
	if got := debug.SetGCPercent(percent); got != percent {
		t.Errorf("a large load runs at GOGC %d, want %d", got, percent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after the load GOGC is %d, want it back at 100", got)
	}

	debug.SetGCPercent(20) // the user's own, tighter
	restore = Tighten(Large)
	if got := debug.SetGCPercent(20); got != 20 {
		t.Errorf("a large load loosened GOGC=20 to %d", got)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 20 {
		t.Errorf("after the load GOGC is %d, want the user's 20", got)
	}
}
