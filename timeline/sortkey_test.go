package timeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortKeyIsCompare: the keys sortEvents sorts by order every pair of dates as
// When.Compare does, over dates of every precision and qualifier, windows open at either
// end, and no date; and sortEvents puts events in compareEvents' order.
func TestSortKeyIsCompare(t *testing.T) {
	texts := []string{"", "2024", "2024~", "2024?", "2024%", "2024-06", "2024-06~", "2024-06-01",
		"2024-06-01?", "2024-06-30", "2024-06..2024-07", "2024-06-15..2024-06-20", "..2024-06",
		"..2024-06-01", "2024-06..", "2024-06-01..", "2023-12", "2023", "2023-12-31", "2025",
		"2024-01", "2024-01~", "2024-12%", "..2026-02-04", "2024..2025"}
	var whens []When
	for _, s := range texts {
		w := When{}
		if s != "" {
			var err error
			if w, err = ParseWhen(s); err != nil {
				t.Fatalf("%q: %v", s, err)
			}
		}
		whens = append(whens, w)
	}
	for _, a := range whens {
		for _, b := range whens {
			if got, want := keyOf(a).compare(keyOf(b)), a.Compare(b); got != want {
				t.Errorf("%v against %v: keys say %d, Compare %d", a, b, got, want)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	evs := make([]Event, 2000)
	for i := range evs {
		evs[i] = Event{ID: fmt.Sprintf("e%d", r.IntN(500)), Date: whens[r.IntN(len(whens))]}
	}
	want := slices.Clone(evs)
	slices.SortStableFunc(want, func(a, b Event) int { return compareEvents(&a, &b) })
	sortEvents(evs)
	for i := range evs {
		if evs[i].ID != want[i].ID || evs[i].Date != want[i].Date {
			t.Fatalf("event %d: %s %v, want %s %v", i, evs[i].ID, evs[i].Date, want[i].ID, want[i].Date)
		}
	}
}
