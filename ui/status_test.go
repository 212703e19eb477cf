package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// flat is s with its lines joined and its runs of spaces made one.
func flat(s string) string { return strings.Join(strings.Fields(ansi.Strip(s)), " ") }

// TestLongMessagesReadInFull: at 80x24 a message too long for the status line, or a
// prompt's error too long to sit beside what was typed, is shown whole on the lines it
// needs, its hint included, and the screen keeps its height; the next key gives the
// lines back to the list (tryout3 F2, F4, F6, F15, F19).
func TestLongMessagesReadInFull(t *testing.T) {
	for _, tc := range []struct {
		name string
		do   func(m *Model)
		want func(m *Model) string // the message that must be read whole
	}{
		{"export to a missing folder", func(m *Model) {
			keys(m, "e", "ctrl+u")
			typeText(m, "/nonexistent/dir/a.md")
			keys(m, "enter")
		}, func(m *Model) string { return m.export.prompt.err }},
		{"a query with an unknown key", func(m *Model) {
			keys(m, ":", "ctrl+u")
			typeText(m, "bogus:x")
			keys(m, "enter")
		}, func(m *Model) string { return m.query.err }},
		{"a query with a bad date", func(m *Model) {
			keys(m, ":", "ctrl+u")
			typeText(m, "actor:iran from:2024-13")
			keys(m, "enter")
		}, func(m *Model) string { return m.query.err }},
		{"a mark", func(m *Model) { keys(m, "m") }, func(m *Model) string { return m.status }},
		{"a filter applied", func(m *Model) {
			keys(m, ":", "ctrl+u")
			typeText(m, "actor:iran,us,trump theme:cyber,election,diplomacy from:2020-06")
			keys(m, "enter")
		}, func(m *Model) string { return m.status }},
	} {
		m := newTestModel(t, loadSmall(t), timeline.Filter{}, 80, 24)
		tc.do(m)
		msg := tc.want(m)
		if msg == "" {
			t.Fatalf("%s: no message", tc.name)
		}
		scr := screen(m)
		checkFits(t, scr, 80, 24)
		if strings.Count(scr, "\n") != 23 {
			t.Errorf("%s: the screen is not 24 lines:\n%s", tc.name, scr)
		}
		if got := flat(statusLineOf(m)); !strings.Contains(got, flat(msg)) {
			t.Errorf("%s: the status lines do not hold the whole message %q:\n%s", tc.name, msg, statusLineOf(m))
		}
		if m.lay.statusH < 2 {
			t.Errorf("%s: the status line took %d lines", tc.name, m.lay.statusH)
		}
	}
	// The next key, which clears the message, gives the line back.
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 80, 24)
	keys(m, "m")
	body, rows := m.lay.bodyH, m.lay.statusH
	keys(m, "j")
	if m.status != "" || rows < 2 || m.lay.statusH != 1 || m.lay.bodyH != body+rows-1 {
		t.Errorf("after the next key: status %q on %d lines, body %d (was %d)", m.status, m.lay.statusH, m.lay.bodyH, body)
	}
}
