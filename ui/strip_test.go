package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// TestStripStretches gives a one-year timeline's months whole columns each across a wide
// terminal, keeps every month the same width, and maps a click on any column of a month to
// that month.
func TestStripStretches(t *testing.T) {
	ev := func(id, date string) timeline.Event {
		return timeline.Event{ID: id, Date: timeline.MustWhen(date), Title: id, Status: "confirmed",
			Sources: []timeline.Source{{Publisher: "P"}}}
	}
	tl := timeline.New("One year", "", nil, nil, []timeline.Event{
		ev("jan", "2024-01-10"), ev("jun", "2024-06-02"), ev("jun2", "2024-06-20"), ev("dec", "2024-12-31"),
	})
	m := newTestModel(t, tl, timeline.Filter{}, 130, 20)
	strip := ansi.Strip(m.strip.View())
	// "2024 " + 12 months + " 2024": 120 columns for the bars, 10 a month.
	if got, want := ansi.StringWidth(strip), 5+120+5; got != want {
		t.Fatalf("strip is %d columns, want %d: %q", got, want, strip)
	}
	bars := []rune(strings.TrimSuffix(strings.TrimPrefix(strip, "2024 "), " 2024"))
	for month := range 12 {
		cell := bars[month*10 : month*10+10]
		for _, r := range cell {
			if r != cell[0] {
				t.Fatalf("month %d is drawn unevenly: %q", month+1, string(cell))
			}
		}
	}
	if bars[0] == ' ' || bars[5*10] == ' ' || bars[11*10] == ' ' || bars[2*10] != ' ' {
		t.Errorf("January, June and December should have bars and March none: %q", string(bars))
	}
	for _, x := range []int{5 + 50, 5 + 59} { // the first and last column of June
		m.Update(tea.MouseClickMsg{X: x, Y: m.lay.bodyY - 1, Button: tea.MouseLeft})
		if got := selectedID(m); got != "jun" {
			t.Errorf("click at column %d selected %q, want jun", x, got)
		}
	}
	m.Update(tea.MouseClickMsg{X: 5 + 60, Y: m.lay.bodyY - 1, Button: tea.MouseLeft})
	if got := selectedID(m); got == "jun" || got == "jun2" {
		t.Errorf("click on July's first column selected %q, a June event", got)
	}
}
