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
	whens := parseWhens(t, texts...)
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

// TestSortInParts: a timeline large enough to be sorted on several cores comes out in
// the order of one stable sort, events with the same date and id (told apart by Pos)
// included; and runs cut as inParallel cuts them merge stably for any number of parts.
func TestSortInParts(t *testing.T) {
	whens := parseWhens(t, "", "2024", "2024-06", "2024-06-01", "2024-06-02", "2023-12", "2024-06..2024-07")
	r := rand.New(rand.NewPCG(3, 4))
	evs := make([]Event, 3*parallelThreshold+7)
	for i := range evs {
		evs[i] = Event{ID: fmt.Sprintf("e%d", r.IntN(300)), Date: whens[r.IntN(len(whens))], Pos: i + 1}
	}
	want := slices.Clone(evs)
	slices.SortStableFunc(want, func(a, b Event) int { return compareEvents(&a, &b) })
	sortEvents(evs)
	for i := range evs {
		if evs[i].Pos != want[i].Pos {
			t.Fatalf("at %d: event %d (%s %v), want event %d (%s %v)", i, evs[i].Pos, evs[i].ID, evs[i].Date,
				want[i].Pos, want[i].ID, want[i].Date)
		}
	}

	vals := make([]int, 1001)
	for i := range vals {
		vals[i] = r.IntN(50)
	}
	compare := func(a, b int32) int { return vals[a] - vals[b] }
	for parts := 1; parts <= 9; parts++ {
		order := make([]int32, len(vals))
		for i := range order {
			order[i] = int32(i)
		}
		inParallel(len(order), parts, func(_, lo, hi int) { slices.SortStableFunc(order[lo:hi], compare) })
		got := mergeParts(order, parts, compare)
		for i := 1; i < len(got); i++ {
			if c := compare(got[i-1], got[i]); c > 0 || c == 0 && got[i-1] > got[i] {
				t.Fatalf("%d parts: %d (%d) before %d (%d)", parts, got[i-1], vals[got[i-1]], got[i], vals[got[i]])
			}
		}
		if len(got) != len(vals) {
			t.Fatalf("%d parts: %d elements, want %d", parts, len(got), len(vals))
		}
	}
}

// parseWhens parses each of texts with ParseWhen; "" is no date.
func parseWhens(t *testing.T, texts ...string) []When {
	t.Helper()
	whens := make([]When, len(texts))
	for i, s := range texts {
		if s == "" {
			continue
		}
		var err error
		if whens[i], err = ParseWhen(s); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	}
	return whens
}
