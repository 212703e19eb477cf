package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// subset returns a timeline of the events of full that keep says to keep.
func subset(full *timeline.Timeline, keep func(i int) bool) *timeline.Timeline {
	var events []timeline.Event
	for i := range full.Events {
		if keep(i) {
			e := full.Events[i]
			events = append(events, timeline.Event{ID: e.ID, Date: e.Date, End: e.End, Title: e.Title,
				Summary: e.Summary, Actors: e.Actors, Themes: e.Themes, Location: e.Location,
				Status: e.Status, Related: e.Related, Sources: e.Sources, Line: e.Line, Pos: e.Pos})
		}
	}
	return timeline.New(full.Title, full.Description, full.Actors, full.Themes, events)
}

// selectedLine returns the number of the screen line the selection is on, and the line.
func selectedLine(t *testing.T, m *Model) (int, string) {
	t.Helper()
	for i, line := range strings.Split(screen(m), "\n") {
		if strings.HasPrefix(line, "▌") {
			return i, line
		}
	}
	t.Fatalf("no selected row:\n%s", screen(m))
	return 0, ""
}

// loadingModel returns the explorer in its loading state at w by h.
func loadingModel(f timeline.Filter, w, h int) *Model {
	m := newModel(Options{Name: "big.toml", Filter: f, Version: "test"}, false)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// TestPartialTimelines: while a file loads, the explorer shows the events loaded so far,
// says that the count is not the whole, keeps the selection on its event and its row as
// events arrive above it, makes the export wait, and takes the whole timeline at the end.
func TestPartialTimelines(t *testing.T) {
	full := timelinetest.GenerateTimeline(600, 3)
	m := loadingModel(timeline.Filter{}, 120, 30)
	m.Update(loadProgressMsg{done: 10, total: 100})
	if !strings.Contains(screen(m), "Loading big.toml… 10%") {
		t.Fatalf("before any event:\n%s", screen(m))
	}
	// Keys typed before any event shows are kept, and handled when the first do.
	m.Update(press("j"))
	m.Update(press("j"))
	run(m, m.showPartial(partialMsg{subset(full, func(i int) bool { return i%3 == 0 })}))
	if got := selectedID(m); got != full.Events[6].ID {
		t.Errorf("after two j typed ahead, %s is selected, want %s", got, full.Events[6].ID)
	}
	if scr := screen(m); !strings.Contains(scr, "200 of 200 events so far · 10%") {
		t.Errorf("the header does not say the count is of the events loaded so far:\n%s", scr)
	}
	do(m, "j", "j", "j", "j", "j", "j", "j", "j")
	want := selectedID(m)
	row, _ := selectedLine(t, m)

	m.Update(loadProgressMsg{done: 55, total: 100})
	run(m, m.showPartial(partialMsg{subset(full, func(i int) bool { return i%3 == 0 || i%3 == 1 })}))
	if got := selectedID(m); got != want {
		t.Errorf("events arriving moved the selection from %s to %s", want, got)
	}
	if r, line := selectedLine(t, m); r != row {
		t.Errorf("the selected event moved from row %d to %d: %s", row, r, line)
	}
	if scr := screen(m); !strings.Contains(scr, "400 of 400 events so far · 55%") {
		t.Errorf("the count and progress did not follow:\n%s", scr)
	}

	_, cmd := m.Update(press("e"))
	if msg := cmd(); !strings.Contains(msg.(statusMsg).text, "The export waits for the whole timeline: 55% loaded so far") {
		t.Errorf("e while loading: %q", msg.(statusMsg).text)
	}
	if m.focus != focusList {
		t.Errorf("e while loading opened %v", m.focus)
	}

	run(m, m.loaded(loadedMsg{t: full}))
	if got := selectedID(m); got != want {
		t.Errorf("the whole timeline moved the selection from %s to %s", want, got)
	}
	if r, _ := selectedLine(t, m); r != row {
		t.Errorf("the whole timeline moved the selected row from %d to %d", row, r)
	}
	if scr := screen(m); !strings.Contains(scr, "600 of 600 events") || strings.Contains(scr, "so far") {
		t.Errorf("once loaded, the header:\n%s", scr)
	}
	// A preview arriving late changes nothing.
	run(m, m.showPartial(partialMsg{subset(full, func(i int) bool { return i < 10 })}))
	if len(m.t.Events) != 600 {
		t.Errorf("a late preview replaced the whole timeline")
	}
}

// TestSearchWhileLoading: a search typed while the file loads finds the events loaded so
// far, and the events that arrive after it.
func TestSearchWhileLoading(t *testing.T) {
	full := timelinetest.GenerateTimeline(900, 4)
	word := strings.Fields(strings.ToLower(full.Events[0].Title))[0]
	count := func(tl *timeline.Timeline) int {
		evs, err := tl.Filter(timeline.Filter{}.WithText(word))
		if err != nil {
			t.Fatal(err)
		}
		return len(evs)
	}
	m := loadingModel(timeline.Filter{}, 120, 30)
	half := subset(full, func(i int) bool { return i < 450 })
	run(m, m.showPartial(partialMsg{half}))
	keys(m, "/")
	typeText(m, word)
	keys(m, "enter")
	if got := len(m.session.Events()); got != count(half) {
		t.Errorf("search %q over the events so far: %d, want %d", word, got, count(half))
	}
	run(m, m.loaded(loadedMsg{t: full}))
	if got := len(m.session.Events()); got != count(full) || got == count(half) {
		t.Errorf("search %q once loaded: %d, want %d", word, got, count(full))
	}
	if m.session.Applied().Text() != word {
		t.Errorf("the search in force is %q, want %q", m.session.Applied().Text(), word)
	}
	// The status line said how many of the events so far the search kept: it now counts
	// the whole timeline's.
	if want := fmt.Sprintf("%d events: ", count(full)); !strings.HasPrefix(m.status, want) {
		t.Errorf("status %q once loaded, want it to start %q", m.status, want)
	}
}

// TestPartialWaitsForFilter: a filter from the command line that the events loaded so far
// cannot take waits for the whole timeline, instead of ending the program.
func TestPartialWaitsForFilter(t *testing.T) {
	full := timelinetest.GenerateTimeline(300, 5)
	f := timeline.Filter{}.With(timeline.ActorFilter, full.Actors[0].ID)
	m := loadingModel(f, 100, 30)
	run(m, m.showPartial(partialMsg{timeline.New("T", "", nil, nil, nil)}))
	if m.t != nil || m.err != nil {
		t.Fatalf("a preview without the actor showed, or ended the program: %v", m.err)
	}
	run(m, m.loaded(loadedMsg{t: full}))
	if m.t != full || m.err != nil {
		t.Fatalf("the whole timeline did not show: %v", m.err)
	}
}

// TestReplaceClearsFilterThatNoLongerApplies: a timeline reloaded without the actor the
// filter names clears the filter, says so, and undo brings it back once it applies.
func TestReplaceClearsFilterThatNoLongerApplies(t *testing.T) {
	tl := loadSmall(t)
	actor := tl.Actors[0].ID
	m := newTestModel(t, tl, timeline.Filter{}.With(timeline.ActorFilter, actor), 120, 30)
	var events []timeline.Event
	for _, e := range tl.Events {
		events = append(events, timeline.Event{ID: e.ID, Date: e.Date, Title: e.Title, Sources: e.Sources})
	}
	bare := timeline.New(tl.Title, "", nil, nil, events)
	cmd := m.replaceTimeline(bare)
	run(m, cmd)
	if !m.session.Applied().IsZero() || !strings.Contains(m.status, "The filter no longer applies") || !strings.Contains(m.status, "brings it back") {
		t.Errorf("filter %q, status %q", m.session.Applied(), m.status)
	}
	run(m, m.replaceTimeline(tl))
	keys(m, "backspace")
	if got := m.session.Applied().String(); !strings.Contains(got, actor) {
		t.Errorf("undo after the actor is back: filter %q", got)
	}
}
