package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// TestSourcesDatesAColumn: in the sources overview (S) the dates of the events a
// publisher alone supports are a column at any width: a title too long for its line
// wraps beside the dates, not under them (F5 of tryout3: at 80 columns, rows with long
// titles lost their padding and the column zig-zagged).
func TestSourcesDatesAColumn(t *testing.T) {
	tl := embedded(t)
	for _, w := range []int{60, 80, 140} {
		m := newTestModel(t, tl, timeline.Filter{}.With(timeline.ActorFilter, "iran"), w, 24)
		keys(m, "S")
		rows, wrapped, col := 0, 0, -1
		for _, l := range m.about.build(w) {
			l = ansi.Strip(l)
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: a line of %d columns: %q", w, ansi.StringWidth(l), l)
			}
			if !strings.HasPrefix(l, "  ") || l == strings.Repeat(" ", len(l)) {
				continue
			}
			if l[2] != ' ' { // a row: date, then its title
				rows++
				at := strings.Index(l[2:], "  ") // the date ends; the padding
				if at < 0 {
					t.Errorf("width %d: a row without its column: %q", w, l)
					continue
				}
				start := 2 + at + len(l[2+at:]) - len(strings.TrimLeft(l[2+at:], " "))
				if col < 0 {
					col = start
				}
				if start != col {
					t.Errorf("width %d: a title starts at column %d, not %d: %q", w, start, col, l)
				}
				continue
			}
			wrapped++ // the rest of a long title, under the title
			if lead := len(l) - len(strings.TrimLeft(l, " ")); lead != col {
				t.Errorf("width %d: a wrapped title goes on at column %d, not %d: %q", w, lead, col, l)
			}
		}
		if rows < 10 || (w <= 80 && wrapped == 0) {
			t.Errorf("width %d: %d rows, %d wrapped lines; want rows, and long titles wrapped at 80", w, rows, wrapped)
		}
	}
}
