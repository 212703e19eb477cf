package timeline

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// lazyTimeline is a timeline big enough that the index is built on several cores.
func lazyTimeline(n int) *Timeline {
	events := make([]Event, n)
	for i := range events {
		events[i] = Event{ID: fmt.Sprintf("e%05d", i), Date: MustWhen("2024-06"),
			Title:   fmt.Sprintf("Event %d about %s", i, []string{"Oman", "Tehran", "Geneva"}[i%3]),
			Sources: []Source{{Publisher: "Reuters", Quote: fmt.Sprintf("quote %d", i%7)}}}
	}
	return New("lazy", "", nil, nil, events)
}

// TestSearchIndexIsLazy: events built by hand have no search text, a filter without text
// leaves them so, and the first filter with text builds it.
func TestSearchIndexIsLazy(t *testing.T) {
	tl := lazyTimeline(100)
	if tl.Events[0].sig != nil {
		t.Fatal("New built the search text")
	}
	if _, err := tl.Filter(Filter{}.With(StatusFilter, "confirmed")); err != nil {
		t.Fatal(err)
	}
	if tl.Events[0].sig != nil {
		t.Fatal("a filter without text built the search text")
	}
	got, err := tl.Filter(Filter{}.WithText("oman"))
	if err != nil {
		t.Fatal(err)
	}
	if tl.Events[99].sig == nil || len(got) != 34 {
		t.Fatalf("search for oman: %d events, text built %v; want 34 and built", len(got), tl.Events[99].sig != nil)
	}
}

// TestPrepareSearchConcurrent builds the index from several goroutines while others
// search: every search gets the result of a search on a prepared timeline. Run with -race.
func TestPrepareSearchConcurrent(t *testing.T) {
	const n = 40_000 // over the size from which the index is built on every core
	want, err := lazyTimeline(n).Filter(Filter{}.WithText("tehran quote 3"))
	if err != nil {
		t.Fatal(err)
	}
	wantIDs := ids(want)
	tl := lazyTimeline(n)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			if g%2 == 0 {
				tl.PrepareSearch()
				return
			}
			got, err := tl.Filter(Filter{}.WithText("tehran quote 3"))
			if err != nil {
				t.Error(err)
				return
			}
			if !slices.Equal(ids(got), wantIDs) {
				t.Errorf("concurrent search found %d events, want %d", len(got), len(wantIDs))
			}
		})
	}
	wg.Wait()
}

func ids(events []*Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.ID
	}
	return out
}

// TestSearchLater: a Loader told SearchLater decodes the events without their search
// text, which the first filter with text builds; every search then finds what it finds
// on a timeline whose reader built the text as it decoded.
func TestSearchLater(t *testing.T) {
	var b strings.Builder
	b.WriteString("title = \"t\"\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "\n[[events]]\nid = \"e%04d\"\ndate = 2024-06-%02d\ntitle = \"Talks %d in %s\"\n"+
			"[[events.sources]]\npublisher = \"%s\"\nquote = \"quote %d\"\n",
			i, i%28+1, i, []string{"Oman", "Tehran", "Geneva"}[i%3], []string{"Reuters", "AP"}[i%2], i%7)
	}
	data := []byte(b.String())
	now, err := Open("t.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	if now.Events[0].sig == nil {
		t.Fatal("the reader built no search text while it decoded")
	}
	later, err := NewLoader("t.toml").Open(data, LoadOptions{SearchLater: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range later.Events {
		if later.Events[i].sig != nil {
			t.Fatalf("event %d has search text before any search", i)
		}
	}
	for _, q := range []string{"oman", "reuters tehran", "quote 3", "e0042", "zzzqqq"} {
		want, err := now.Filter(Filter{}.WithText(q))
		if err != nil {
			t.Fatal(err)
		}
		got, err := later.Filter(Filter{}.WithText(q))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), ids(want)) {
			t.Errorf("search %q: %d events, want %d", q, len(got), len(want))
		}
		if q == "oman" && len(got) != 1000 {
			t.Errorf("search oman: %d events, want 1000", len(got))
		}
	}
	if later.Events[len(later.Events)-1].sig == nil {
		t.Error("a search left events without search text")
	}
}
