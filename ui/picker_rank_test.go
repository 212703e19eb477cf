package ui

import (
	"slices"
	"strings"
	"testing"

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
