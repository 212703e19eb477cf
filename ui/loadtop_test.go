package ui

import (
	"testing"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// TestLoadKeepsTopAtTop: while a large file loads, events dated before those shown
// arrive above them. A reader who has not moved stays at the first event, with the
// list at its top, so that a search made once the file is in lands on its first match
// (on the 100,000-event file, the selection had drifted to the fifth event, and a
// search then selected its second match). A reader who moved keeps their event
// (TestPartialTimelines).
func TestLoadKeepsTopAtTop(t *testing.T) {
	full := timelinetest.GenerateTimeline(600, 3)
	m := loadingModel(timeline.Filter{}, 80, 24)
	later := func(i int) bool { return i >= 300 } // the file's later half comes first
	run(m, m.showPartial(partialMsg{subset(full, later)}))
	if got := selectedID(m); got != full.Events[300].ID {
		t.Fatalf("the first events: %s selected, want the first of them, %s", got, full.Events[300].ID)
	}
	run(m, m.showPartial(partialMsg{subset(full, func(i int) bool { return later(i) || i%2 == 0 })}))
	if got := selectedID(m); got != full.Events[0].ID {
		t.Errorf("events arrived above: %s selected, want the new first, %s", got, full.Events[0].ID)
	}
	run(m, m.loaded(loadedMsg{t: full}))
	if got := selectedID(m); got != full.Events[0].ID {
		t.Errorf("the whole timeline: %s selected, want the first, %s", got, full.Events[0].ID)
	}
	if r, line := selectedLine(t, m); r != m.lay.bodyY+1 {
		t.Errorf("the first event is on screen line %d, want %d, under its year: %s", r, m.lay.bodyY+1, line)
	}

	// A search from the top lands on its first match.
	word := ""
	for _, e := range full.Events[1:] {
		if w := firstWord(e.Title); w != "" && w != firstWord(full.Events[0].Title) {
			word = w
			break
		}
	}
	do(m, "/")
	typeText(m, word)
	do(m, "enter")
	events := listed(m)
	if len(events) == 0 || len(events) == len(full.Events) {
		t.Fatalf("search %q lists %d events", word, len(events))
	}
	if got := selectedID(m); got != events[0].ID {
		t.Errorf("search %q from the top: %s selected, want its first match %s", word, got, events[0].ID)
	}
}

func firstWord(s string) string {
	for i, r := range s {
		if r == ' ' {
			return s[:i]
		}
	}
	return s
}
