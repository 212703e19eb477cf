package timeline

import (
	"testing"
	"time"
)

// TestDaysIn: daysIn counts the days of every month as time.Date does, leap years of
// every kind and months out of range included.
func TestDaysIn(t *testing.T) {
	for y := -800; y <= 10400; y++ {
		for m := time.Month(-1); m <= 14; m++ {
			if got, want := daysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}
