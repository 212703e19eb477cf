package ui

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestOwnActorsSetsOthersAside: f answers "what else did this event's actor do?" with
// every event of the actor, whatever else the list was filtered by; the status names the
// filters set aside, and undo brings them back (F8 of tryout3: with the marked events
// only, f showed the one event already shown). With several actors, the picker counts
// each actor's events under no other filter, and picking one sets the others aside too.
func TestOwnActorsSetsOthersAside(t *testing.T) {
	tl := loadSmall(t)
	before := timeline.Filter{}.With(timeline.StatusFilter, "confirmed").WithText("emails")
	m := newTestModel(t, tl, before, 140, 40)
	if got := eventIDs(m); !slices.Equal(got, []string{"emails"}) {
		t.Fatalf("the filter %q lists %v, want [emails]", before, got)
	}
	do(m, "f") // emails: Iran alone
	var iran []string
	for _, e := range tl.Events {
		if slices.Contains(e.Actors, "iran") {
			iran = append(iran, e.ID)
		}
	}
	if got := eventIDs(m); !slices.Equal(got, iran) {
		t.Errorf("f lists %v, want every event of Iran %v", got, iran)
	}
	if got := shownFilter(m).String(); got != "actor:iran" {
		t.Errorf("f leaves the filter %q, want actor:iran", got)
	}
	if want := "9 events: actor Iran; set aside: status confirmed, text matching “emails” (⌫ brings them back)"; statusOf(m) != want {
		t.Errorf("f says %q, want %q", statusOf(m), want)
	}
	if selectedID(m) != "emails" {
		t.Errorf("f moved the selection to %s", selectedID(m))
	}
	do(m, "backspace")
	if got := shownFilter(m).String(); got != before.String() {
		t.Errorf("undo after f: %q, want %q back", got, before)
	}

	// Several actors: the picker.
	m = newTestModel(t, tl, timeline.Filter{}.WithText("strike"), 140, 40)
	if got := eventIDs(m); !slices.Contains(got, "strike") || len(got) == len(tl.Events) {
		t.Fatalf("search strike lists %v", got)
	}
	for selectedID(m) != "strike" {
		do(m, "j")
	}
	do(m, "f")
	if focusOf(m) != "picker" {
		t.Fatalf("f on an event of three actors: focus %s, want the picker", focusOf(m))
	}
	counts := map[string]int{}
	for _, it := range m.picker.items {
		counts[it.id] = it.count
	}
	if want := map[string]int{"iran": 9, "us": 3, "trump": 4}; !maps.Equal(counts, want) {
		t.Errorf("the picker counts %v, want each actor's events under no other filter %v", counts, want)
	}
	typeText(m, "Trump")
	if got := len(listed(m)); got != 4 {
		t.Errorf("the preview of Trump lists %d events, want his 4", got)
	}
	do(m, "enter")
	if got := shownFilter(m).String(); got != "actor:trump" {
		t.Errorf("f, Trump: filter %q, want actor:trump", got)
	}
	if !strings.Contains(statusOf(m), "set aside: text matching “strike”") {
		t.Errorf("f, Trump says %q", statusOf(m))
	}
	do(m, "backspace")
	if got := shownFilter(m).String(); got != "strike" {
		t.Errorf("undo: %q, want the search back", got)
	}

	// Another picker opened afterwards joins the filter in force, as before.
	do(m, "a")
	typeText(m, "Microsoft")
	do(m, "enter")
	if got := shownFilter(m).String(); got != "actor:microsoft strike" {
		t.Errorf("a after f: filter %q, want actor:microsoft strike", got)
	}
}
