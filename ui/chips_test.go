package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// chipsText is the text of the lines between the title and the list: the chips.
func chipsText(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return strings.Join(lines[m.lay.headerH:m.lay.headerH+m.lay.chipsH], "\n")
}

// TestChipsStayInSight: every part of the filter stays on screen (tryout3 F1): parts that
// do not fit on one line go on to a second, where the list leaves room for it; and when
// the lines are not enough, the longest values are shortened rather than a part cut off.
// A filter that fits keeps to one line and gives the second back to the list.
func TestChipsStayInSight(t *testing.T) {
	tl := embedded(t)
	for _, tc := range []struct {
		query string
		size  [2]int
		want  []string // in the chips, in full
		lines int
	}{
		{"theme:assassination,justice from:2025-06", [2]int{80, 24},
			[]string{"theme Assassination plots and attempts or Courts and charges", "dates from June 2025", "⌫ undo · x clear"}, 2},
		{"actor:trump,iran theme:cyber,assassination status:alleged,reported from:2024-06 to:2024-09 campaign", [2]int{140, 40},
			[]string{"actor Donald Trump or Iran", "theme Cyber operations or Assassination plots and attempts", "status alleged or reported", "dates June 2024 to September 2024", "search “campaign”", "⌫ undo · x clear"}, 2},
		{"actor:trump,iran theme:cyber,assassination status:alleged,reported from:2024-06 to:2024-09 campaign", [2]int{80, 24},
			[]string{"actor ", "theme ", "status ", "dates ", "search ", "campaign"}, 2},
		{"actor:trump,iran theme:cyber,assassination status:alleged,reported from:2024-06 to:2024-09 campaign", [2]int{80, 12},
			[]string{"actor ", "theme ", "status ", "dates ", "search "}, 1},
		{"actor:iran", [2]int{80, 24}, []string{"actor Iran", "⌫ undo · x clear"}, 1},
	} {
		m := newTestModel(t, tl, timeline.Filter{}, tc.size[0], tc.size[1])
		keys(m, ":")
		keys(m, "ctrl+u")
		typeText(m, tc.query)
		keys(m, "enter")
		if got := m.session.Applied().String(); got != tc.query {
			t.Fatalf("the query applied is %q, want %q", got, tc.query)
		}
		scr := screen(m)
		checkFits(t, scr, tc.size[0], tc.size[1])
		chips := chipsText(m)
		for _, w := range tc.want {
			if !strings.Contains(chips, w) {
				t.Errorf("%s at %dx%d: the chips lack %q:\n%s", tc.query, tc.size[0], tc.size[1], w, chips)
			}
		}
		if m.lay.chipsH != tc.lines {
			t.Errorf("%s at %dx%d: the chips take %d lines, want %d:\n%s", tc.query, tc.size[0], tc.size[1], m.lay.chipsH, tc.lines, scr)
		}
		// The list begins under the chips: its first row is the first event listed.
		if first := strings.Split(scr, "\n")[m.lay.bodyY]; !strings.Contains(ansi.Strip(first), "20") {
			t.Errorf("%s at %dx%d: the list does not begin under the chips:\n%s", tc.query, tc.size[0], tc.size[1], scr)
		}
		if tc.size == [2]int{140, 40} || tc.size == [2]int{80, 24} && tc.lines == 2 && strings.HasPrefix(tc.query, "actor") {
			golden(t, "chips-wrapped-"+sizeName(tc.size), scr)
		}
		// Cleared, the filter gives its second line back.
		keys(m, "x")
		if m.lay.chipsH != 1 {
			t.Errorf("%s at %dx%d: cleared, the chips keep %d lines", tc.query, tc.size[0], tc.size[1], m.lay.chipsH)
		}
	}
}
