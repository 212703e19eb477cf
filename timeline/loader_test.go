package timeline_test

import (
	"bytes"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// unusual is a timeline with what a snapshot must keep that generated ones lack: two
// sources of one article (merged by New), windows and qualifiers, an end, text that is not
// ASCII, an event before the registries' order, inline quotes and a file out of order.
const unusual = `title = "Unusual"
description = "Ünïcode, and a description."

[[actors]]
id = "iran"
name = "Iran"
kind = "state"
aliases = ["Islamic Republic"]

[[themes]]
id = "cyber"
name = "Cyber operations"

[[events]]
id = "late"
date = "2024-06..2024-07"
end = "2024-09~"
title = "A window, then an end"
actors = ["iran"]
themes = ["cyber"]
related = ["early"]

  [[events.sources]]
  publisher = "Reuters"
  url = "https://example.com/a"
  quote = "first words"

  [[events.sources]]
  publisher = "Reuters"
  url = "https://example.com/a"
  quotes = ["more words", "and more"]
  published = 2024-07-01

[[events]]
id = "early"
date = 2020-02-29
title = "Tehran, Türkiye and a leap day"
status = "confirmed"
location = "Tehran"

  [[events.sources]]
  publisher = "AP"
  via = "Reuters"
`

// sameTimeline reports how a differs from b, as readers and filters see them.
func sameTimeline(t *testing.T, a, b *timeline.Timeline) {
	t.Helper()
	if a.Title != b.Title || a.Description != b.Description || !reflect.DeepEqual(a.Actors, b.Actors) || !reflect.DeepEqual(a.Themes, b.Themes) {
		t.Fatalf("title, description or registries differ")
	}
	if len(a.Events) != len(b.Events) {
		t.Fatalf("%d events, want %d", len(a.Events), len(b.Events))
	}
	for i := range a.Events {
		if !reflect.DeepEqual(exported(a.Events[i]), exported(b.Events[i])) {
			t.Fatalf("event %d:\n got %+v\nwant %+v", i, exported(a.Events[i]), exported(b.Events[i]))
		}
	}
	for _, q := range []string{"iran", "reuters", "words", "islamic", "türkiye", "leap", "the and", "e1", "cyber operations"} {
		fa, err := a.Filter(timeline.Filter{}.WithText(q))
		if err != nil {
			t.Fatal(err)
		}
		fb, _ := b.Filter(timeline.Filter{}.WithText(q))
		if !slices.Equal(ids(fa), ids(fb)) {
			t.Errorf("search %q: %d events, want %d", q, len(fa), len(fb))
		}
	}
}

// exported is an event's exported fields.
func exported(e timeline.Event) timeline.Event {
	return timeline.Event{ID: e.ID, Date: e.Date, End: e.End, Title: e.Title, Summary: e.Summary,
		Actors: e.Actors, Themes: e.Themes, Location: e.Location, Status: e.Status, Related: e.Related,
		Sources: e.Sources, Line: e.Line, Pos: e.Pos}
}

// TestReloadDecodesChanges: after a good open, the next decodes only the events whose
// bytes changed, and gives what a fresh open gives; a failed open keeps what the good one
// decoded.
func TestReloadDecodesChanges(t *testing.T) {
	data := timelinetest.Generate(2000, 3)
	l := timeline.NewLoader("t.toml")
	if _, err := l.Open(data, timeline.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	// Change one event's title, and add a line above every event (the lines move).
	edited := bytes.Replace(data, []byte("[[events]]\nid = \"e1000-"), []byte("[[events]]\nid = \"e1000-"), 1)
	i := bytes.Index(edited, []byte("[[events]]\nid = \"e1000-"))
	j := bytes.Index(edited[i:], []byte("title = \"")) + i + len("title = \"")
	edited = slices.Concat(edited[:j], []byte("Changed: "), edited[j:])
	edited = slices.Concat([]byte("# a comment on top\n"), edited)

	got, err := l.Open(edited, timeline.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Reused() != 1999 {
		t.Errorf("reused %d events, want 1999", l.Reused())
	}
	want, err := timeline.Open("t.toml", edited)
	if err != nil {
		t.Fatal(err)
	}
	sameTimeline(t, got, want)
	if e := got.Events[got.Index(want.Events[1000].ID)]; e.Line != want.Events[1000].Line {
		t.Errorf("a reused event is on line %d, want %d", e.Line, want.Events[1000].Line)
	}

	broken := bytes.Replace(edited, []byte("Changed: "), []byte("Changed: \"\"\""), 1)
	if _, err := l.Open(broken, timeline.LoadOptions{}); err == nil {
		t.Fatal("a broken file opened")
	}
	if _, err := l.Open(edited, timeline.LoadOptions{}); err != nil || l.Reused() != 2000 {
		t.Errorf("after a failed open: reused %d, %v; want all 2000 from the good one", l.Reused(), err)
	}
}

// TestPartial: while a large file loads, Partial is handed timelines of more and more of
// its first events, in order, each a prefix of the file, until three quarters of them are
// decoded; then Open returns the whole.
func TestPartial(t *testing.T) {
	data := timelinetest.Generate(20_000, 5)
	var mu sync.Mutex
	var sizes []int
	l := timeline.NewLoader("t.toml")
	final, err := l.Open(data, timeline.LoadOptions{Partial: func(p *timeline.Timeline) {
		mu.Lock()
		defer mu.Unlock()
		if len(sizes) == 1 {
			// A caller slow to take the second preview: the workers decode past three
			// quarters of the file meanwhile, and no preview may follow.
			time.Sleep(300 * time.Millisecond)
		}
		sizes = append(sizes, len(p.Events))
		if p.Title == "" || len(p.Actors) == 0 {
			t.Errorf("a partial timeline without the title or the registries at the top of the file")
		}
		seen := make([]bool, len(p.Events)+1)
		for i := range p.Events {
			if pos := p.Events[i].Pos; pos <= len(p.Events) {
				seen[pos] = true
			}
		}
		if slices.Contains(seen[1:], false) {
			t.Errorf("a partial timeline of %d events that are not the file's first", len(p.Events))
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(sizes) == 0 {
		t.Fatal("no partial timeline")
	}
	// Growing, each a prefix, and none once three quarters of the events are decoded: the
	// whole timeline comes soon after, and a preview of most of it would hold it up.
	if !slices.IsSorted(sizes) || sizes[len(sizes)-1] >= len(final.Events)*3/4 {
		t.Errorf("partial sizes %v: want growing, under %d", sizes, len(final.Events)*3/4)
	}
	t.Logf("partial sizes: %v", sizes)
}

// TestPartialNotCalledAfterOpen: Partial is never called once Open has returned, even on
// a file that fails.
func TestPartialNotCalledAfterOpen(t *testing.T) {
	data := timelinetest.Generate(5000, 5)
	bad := slices.Concat(data, []byte("\n[[events]]\nid = \"x\"\ndate = \"2024-13\"\n"))
	for _, d := range [][]byte{data, bad} {
		var mu sync.Mutex
		returned := false
		_, _ = timeline.NewLoader("t").Open(d, timeline.LoadOptions{Partial: func(*timeline.Timeline) {
			mu.Lock()
			defer mu.Unlock()
			if returned {
				t.Error("Partial called after Open returned")
			}
		}})
		mu.Lock()
		returned = true
		mu.Unlock()
	}
}

// TestOnce: a Loader told Once keys nothing and keeps no bytes; it gives what a fresh open
// gives, and its next Open, with nothing to reuse, decodes every event again.
func TestOnce(t *testing.T) {
	data := timelinetest.Generate(2000, 3)
	l := timeline.NewLoader("t.toml")
	got, err := l.Open(data, timeline.LoadOptions{Once: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := timeline.Open("t.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	sameTimeline(t, got, want)
	if l.KeepsBytes() {
		t.Error("a Loader told Once keeps the file's bytes")
	}
	edited := bytes.Replace(data, []byte("title = \""), []byte("title = \"x"), 2) // the timeline's and one event's
	got, err = l.Open(edited, timeline.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Reused() != 0 {
		t.Errorf("reused %d events after an Open told Once, want 0", l.Reused())
	}
	if want, err = timeline.Open("t.toml", edited); err != nil {
		t.Fatal(err)
	}
	sameTimeline(t, got, want)
}

// TestSearchLaterThenOpen: a search on the timeline of an Open told SearchLater builds its
// text while the Loader's next Open copies its events; run with -race, the two must not
// race.
func TestSearchLaterThenOpen(t *testing.T) {
	data := timelinetest.Generate(20_000, 3) // enough that the search and the copy overlap
	edited := bytes.Replace(data, []byte("title = \""), []byte("title = \"x"), 2)
	l := timeline.NewLoader("t.toml")
	first, err := l.Open(data, timeline.LoadOptions{SearchLater: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if _, err := first.Filter(timeline.Filter{}.WithText("oman")); err != nil {
			t.Error(err)
		}
	})
	if _, err := l.Open(edited, timeline.LoadOptions{SearchLater: true}); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
}
