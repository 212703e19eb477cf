package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// TestPickerRanksWholeWords: typing a name and enter picks the value that has it as a
// whole word, the most counted among those as good: a, trump, enter is Donald Trump (17
// events), not the Trump campaign (4), which only starts with it (tryout3 F7).
func TestPickerRanksWholeWords(t *testing.T) {
	for _, tc := range []struct {
		key, typed string
		kind       timeline.FilterKind
		want       string
	}{
		{"a", "trump", timeline.ActorFilter, "trump"},
		{"a", "Trump", timeline.ActorFilter, "trump"},
		{"a", "donald", timeline.ActorFilter, "trump"},
		{"a", "tehran", timeline.ActorFilter, "iran"},
		{"a", "routh", timeline.ActorFilter, "routh"},
		{"t", "cyber", timeline.ThemeFilter, "cyber"},
	} {
		m := newTestModel(t, embedded(t), timeline.Filter{}, 80, 24)
		keys(m, tc.key)
		typeText(m, tc.typed)
		keys(m, "enter")
		if got := m.session.Applied().Values(tc.kind); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%s %q enter: %q, want [%s]", tc.key, tc.typed, got, tc.want)
		}
	}
}

// TestMatchRank: the tiers of a match, best first.
func TestMatchRank(t *testing.T) {
	for _, tc := range []struct {
		keys, q string
		want    int
	}{
		{"trump\ndonald trump", "trump", 0},
		{"trump-campaign\ntrump campaign", "trump", 1},
		{"us\nunited states", "united", 1},
		{"us\nunited states", "unit", 2},
		{"iran\niran\nislamic republic", "rep", 3},
		{"iran\niran\nislamic republic", "slam", 4},
		{"iran\niran\nislamic republic", "iran rep", 5},
		{"iran\niran", "iraq", -1},
		{"café\ncafé society", "café", 0},
		{"x\nle café", "caf", 3},
	} {
		if got := matchRank(tc.keys, tc.q, strings.Fields(tc.q)); got != tc.want {
			t.Errorf("matchRank(%q, %q) = %d, want %d", tc.keys, tc.q, got, tc.want)
		}
	}
}

// TestPickerEnterPicksHighlighted: enter in a picker just opened, with no value of its kind
// in the filter, picks the highlighted value, as the README and its hint say, rather than
// closing without a word (tryout3 F18); with values in the filter, it keeps them.
func TestPickerEnterPicksHighlighted(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 80, 24)
	for shownEvent(m).ID != "soleimani-strike" {
		keys(m, "j")
	}
	keys(m, "f")
	want := m.picker.items[m.picker.shown[0]].id
	if hint := m.picker.choiceWords(); !strings.HasPrefix(hint, "pick ") {
		t.Errorf("f: the hint says enter does %q", hint)
	}
	keys(m, "enter")
	if got := m.session.Applied().Values(timeline.ActorFilter); !slices.Equal(got, []string{want}) {
		t.Fatalf("f enter: actors %q, want the highlighted [%s]", got, want)
	}
	keys(m, "a")
	if hint := m.picker.choiceWords(); hint != "keep as is" {
		t.Errorf("a on a filter with an actor: the hint says enter does %q", hint)
	}
	keys(m, "enter")
	if got := m.session.Applied().Values(timeline.ActorFilter); !slices.Equal(got, []string{want}) {
		t.Errorf("a enter on a filter with an actor: %q, want it kept", got)
	}
	keys(m, "x", "t", "enter")
	if got := m.session.Applied().Values(timeline.ThemeFilter); len(got) != 1 {
		t.Errorf("t enter: themes %q, want the highlighted one", got)
	}
}

// TestOpenerFailureSaysWhatToDo: a link opener that fails says what to do next, not only
// its exit status (tryout3 F16).
func TestOpenerFailureSaysWhatToDo(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 80, 24)
	run(m, func() tea.Msg {
		return openedMsg{source: 1, publisher: "Wire Service", program: "xdg-open", err: errors.New("exit status 3")}
	})
	for _, want := range []string{"xdg-open could not open source 1 (Wire Service)", "exit status 3", "set BROWSER", "y copies the event"} {
		if !strings.Contains(m.status, want) {
			t.Errorf("the status %q lacks %q", m.status, want)
		}
	}
	if got := flat(statusLineOf(m)); !strings.Contains(got, flat(m.status)) {
		t.Errorf("the message is not shown whole at 80 columns:\n%s", statusLineOf(m))
	}
}
