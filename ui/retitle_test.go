package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/load"
	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// TestRetitledWhileOpen: a save that changes the timeline's title gives it a new default
// notebook from its next open. The explorer says so when it reloads, and i says how to
// take the marks along, before the marks made now seem lost (F20 of tryout3). A reload
// that keeps the title says nothing of it; the notebook records events' titles as they
// are after the reload.
func TestRetitledWhileOpen(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	data, err := os.ReadFile(filepath.Join("testdata", "small.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.toml")
	save(t, path, data)
	file, tl, err := load.Open(path, load.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	open := func(tl *timeline.Timeline) (*notebook.Notebook, error) {
		return notebook.OpenFor("", notebook.Source{Path: path, Title: tl.Title}, notebook.Options{Timeline: tl})
	}
	m := newModel(Options{Name: "t.toml", Version: "test", Notebook: open}, false)
	m.book.every = 0
	m.Update(loadedMsg{t: tl})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.openBook(tl))
	m.live.file = file
	old := m.book.nb.Path()

	// An event's title edited, the timeline's kept: nothing said of the notebook.
	edited := strings.Replace(string(data), `title = "US strike kills a general"`, `title = "US strike kills a general, edited"`, 1)
	save(t, path, []byte(edited))
	run(m, m.reloadFile())
	if strings.Contains(m.status, "title changed") || m.book.retitled != "" {
		t.Fatalf("a reload keeping the title says %q", m.status)
	}
	id := m.t.Events[0].ID
	for _, e := range m.t.Events {
		if strings.HasSuffix(e.Title, ", edited") {
			id = e.ID
		}
	}
	for selectedID(m) != id {
		do(m, "j")
	}
	do(m, "m")
	if b, _ := os.ReadFile(old); !strings.Contains(string(b), "title = 'US strike kills a general, edited'") {
		t.Errorf("the mark records the event's title from before the reload:\n%s", b)
	}

	// The timeline's title changed.
	retitled := strings.Replace(edited, `title = "Small test timeline"`, `title = "Small test timeline, renamed"`, 1)
	save(t, path, []byte(retitled))
	run(m, m.reloadFile())
	want := "Its title changed: marks and notes still go to the notebook opened with it until tlx quits; opened again, the timeline gets a new notebook (i says how to take them along)"
	if !strings.Contains(m.status, want) {
		t.Fatalf("status %q does not say the title changed the notebook", m.status)
	}
	scr := strings.Join(strings.Fields(screen(m)), " ")
	if !strings.Contains(scr, strings.Join(strings.Fields(want), " ")) {
		t.Errorf("the message is not shown whole at 80x24:\n%s", screen(m))
	}
	if m.book.nb.Path() != old {
		t.Fatalf("the notebook changed from %s to %s within the session", old, m.book.nb.Path())
	}
	next, err := notebook.DefaultPath(notebook.Source{Path: path, Title: "Small test timeline, renamed"})
	if err != nil {
		t.Fatal(err)
	}
	do(m, "i")
	nospace := func(s string) string { return strings.Join(strings.Fields(s), "") }
	about := nospace(overlayText(m))
	for _, w := range []string{
		"The timeline's title changed since this notebook opened: opened again, the timeline gets a new notebook, " + next,
		"tlx notes -f " + path + " --adopt " + old + " takes them into the new one.",
	} {
		if !strings.Contains(about, nospace(w)) {
			t.Errorf("i does not say %q:\n%s", w, overlayText(m))
		}
	}
	do(m, "esc")

	// Said once: a later reload under the new title says nothing more; the old title
	// back forgets it.
	save(t, path, []byte(retitled+"\n"))
	run(m, m.reloadFile())
	if strings.Contains(m.status, "title changed") {
		t.Errorf("a second reload under the new title says %q", m.status)
	}
	save(t, path, []byte(edited))
	run(m, m.reloadFile())
	if m.book.retitled != "" || strings.Contains(m.status, "title changed") {
		t.Errorf("the title back: retitled %q, status %q", m.book.retitled, m.status)
	}
}
