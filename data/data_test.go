package data_test

import (
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
)

// idPattern is what issue 3 asks of ids: short, lower-case, stable enough to type.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestEmbedded checks the floor issue 3 sets for the default timeline: it loads, spans
// 2020 to 2026 with no year left uncovered, declares no actor or theme it does not use,
// and rests every event on at least one named source.
func TestEmbedded(t *testing.T) {
	tl, err := timeline.Open(data.Name, data.Timeline)
	if err != nil {
		t.Fatalf("parse the embedded timeline: %v", err)
	}
	if n := len(tl.Events); n < 30 {
		t.Errorf("%d events, want at least 30", n)
	}

	t.Run("span", func(t *testing.T) {
		first, last := tl.Span()
		if first.Year != 2020 || last.Year != 2026 {
			t.Errorf("span %s to %s, want 2020 to 2026", first, last)
		}
		covered := map[int]bool{}
		for i := range tl.Events {
			e := &tl.Events[i]
			start, end := e.Date.From, e.Date.To
			if !e.End.IsZero() {
				end = e.End
			}
			for y := start.First().Year; y <= end.Last().Year; y++ {
				covered[y] = true
			}
		}
		for y := 2020; y <= 2026; y++ {
			if !covered[y] {
				t.Errorf("no event's span covers %d", y)
			}
		}
	})

	t.Run("registries", func(t *testing.T) {
		actors, themes := map[string]bool{}, map[string]bool{}
		for i := range tl.Events {
			for _, id := range tl.Events[i].Actors {
				actors[id] = true
			}
			for _, id := range tl.Events[i].Themes {
				themes[id] = true
			}
		}
		for _, a := range tl.Actors {
			if !actors[a.ID] {
				t.Errorf("actor %q is declared but no event names it", a.ID)
			}
			if !idPattern.MatchString(a.ID) || a.Name == "" || a.Kind == "" {
				t.Errorf("actor %q: want a lower-case id, a name and a kind", a.ID)
			}
		}
		for _, th := range tl.Themes {
			if !themes[th.ID] {
				t.Errorf("theme %q is declared but no event names it", th.ID)
			}
			if !idPattern.MatchString(th.ID) || th.Name == "" {
				t.Errorf("theme %q: want a lower-case id and a name", th.ID)
			}
		}
	})

	t.Run("events", func(t *testing.T) {
		for i := range tl.Events {
			e := &tl.Events[i]
			if !idPattern.MatchString(e.ID) {
				t.Errorf("event %q: id is not short lower-case words joined by hyphens", e.ID)
			}
			if n := utf8.RuneCountInString(e.Title); n > 70 {
				t.Errorf("event %q: title of %d characters, want at most 70", e.ID, n)
			}
			if !slices.Contains(timeline.Statuses, e.Status) {
				t.Errorf("event %q: status %q, want one of %v", e.ID, e.Status, timeline.Statuses)
			}
			if len(e.Sources) == 0 {
				t.Errorf("event %q has no source", e.ID)
			}
			for j, s := range e.Sources {
				if s.Publisher == "" || s.Quote == "" {
					t.Errorf("event %q, source %d: want a publisher and the quote it rests on", e.ID, j+1)
				}
			}
		}
	})
}
