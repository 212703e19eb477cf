package ui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// TestEarlierNotebookSaid: a timeline whose title changed opens with a new, empty
// notebook; the status says that an earlier one holds marks, and i names it and how to
// adopt it (F20 of tryout3).
func TestEarlierNotebookSaid(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	file := filepath.Join(t.TempDir(), "small.toml")
	tl := loadSmall(t)
	old, err := notebook.OpenFor("", notebook.Source{Path: file, Title: "Old title"}, notebook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Mark(tl.Events[0].ID, "key"); err != nil {
		t.Fatal(err)
	}
	open := func(tl *timeline.Timeline) (*notebook.Notebook, error) {
		return notebook.OpenFor("", notebook.Source{Path: file, Title: tl.Title}, notebook.Options{Timeline: tl})
	}
	m := newModel(Options{Name: "small.toml", Version: "test", Notebook: open}, false)
	m.book.every = 0
	m.Update(loadedMsg{t: tl})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.openBook(tl))
	if st := statusOf(m); !strings.HasPrefix(st, "Earlier notebook found (i says where): it holds 1 marked or noted event of this timeline") {
		t.Errorf("status %q does not name the earlier notebook", st)
	}
	do(m, "i")
	nospace := func(s string) string { return strings.Join(strings.Fields(s), "") } // wrapping may cut a path
	about := nospace(overlayText(m))
	for _, want := range []string{
		"An earlier notebook names this timeline's file (small.toml): " + old.Path(),
		"It holds 1 marked or noted event that this notebook lacks; it was made for “Old title”.",
		"tlx notes --adopt " + old.Path(),
	} {
		if !strings.Contains(about, nospace(want)) {
			t.Errorf("i does not say %q:\n%s", want, about)
		}
	}
}
