package ui

import (
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestLongStatusKeepsRows: a long status message takes rows from the bottom of the list
// for a moment; the rows above stay where they were, and the list is as it was when
// the message goes (at 80x24 the list shifted up a line when the message came, and
// stayed shifted).
func TestLongStatusKeepsRows(t *testing.T) {
	m := newTestModel(t, embedded(t), timeline.Filter{}, 80, 24)
	for range 16 { // two rows above the bottom, where a shorter list must scroll
		do(m, "j")
	}
	before := strings.Split(screen(m), "\n")
	sel := selectedID(m)
	do(m, "m")
	if !strings.HasPrefix(statusOf(m), "Marked") || m.lay.statusH < 2 {
		t.Fatalf("m: status %q on %d lines; want a message on two lines or more", statusOf(m), m.lay.statusH)
	}
	after := strings.Split(screen(m), "\n")
	top := m.lay.bodyY
	if plainRow(after[top]) != plainRow(before[top]) {
		t.Errorf("the message shifted the list: its first row\n%q\nwas\n%q", after[top], before[top])
	}
	if selectedID(m) != sel {
		t.Fatalf("m moved the selection from %s to %s", sel, selectedID(m))
	}
	do(m, "z") // a key clears the message; z's own is one line
	if m.lay.statusH != 1 {
		t.Fatalf("the status is still %q", statusOf(m))
	}
	again := strings.Split(screen(m), "\n")
	if plainRow(again[top]) != plainRow(before[top]) {
		t.Errorf("the list stayed shifted after the message: its first row\n%q\nwas\n%q", again[top], before[top])
	}
}

// plainRow is a list row without the mark column, which comes with the first mark.
func plainRow(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "★", "")), " ")
}
