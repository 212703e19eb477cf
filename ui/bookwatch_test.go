package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// pump runs commands as the program does, each in a goroutine of its own, and hands
// their messages to the model one at a time: a command that waits (the watch's) waits
// without holding up the others.
type pump struct {
	t    *testing.T
	m    *Model
	msgs chan tea.Msg
}

func newPump(t *testing.T, m *Model) *pump {
	return &pump{t: t, m: m, msgs: make(chan tea.Msg, 64)}
}

func (p *pump) start(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if msg := cmd(); msg != nil {
			p.msgs <- msg
		}
	}()
}

// until hands messages to the model until done holds after one of them, or fails the
// test after d.
func (p *pump) until(what string, d time.Duration, done func(tea.Msg) bool) {
	p.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case msg := <-p.msgs:
			if cmds, ok := subCmds(msg); ok {
				for _, c := range cmds {
					p.start(c)
				}
				continue
			}
			if _, ok := msg.(tea.QuitMsg); ok {
				continue
			}
			_, next := p.m.Update(msg)
			p.start(next)
			if done(msg) {
				return
			}
		case <-deadline:
			p.t.Fatalf("%s: not within %v (status %q)", what, d, statusOf(p.m))
		}
	}
}

// TestNotebookWatched: another tlx (or a hand edit) changing the notebook shows in the
// explorer as soon as the change settles, through the watch on the file, not the poll.
// A notebook whose folder does not exist yet cannot be watched: the explorer looks every
// few seconds until the folder comes, then watches it.
func TestNotebookWatched(t *testing.T) {
	tl := loadSmall(t)
	path := filepath.Join(t.TempDir(), "later", "notes.toml") // the folder comes later
	m := newBookModel(t, tl, timeline.Filter{}, path, 80, 24)
	defer m.closeBook()
	p := newPump(t, m)
	m.book.every = time.Hour // no poll comes within the test: only a tick sent by hand

	p.start(m.lookAgain())
	if m.book.watcher != nil || !m.book.ticking {
		t.Fatalf("a notebook with no folder: watcher %v, ticking %v; want a poll", m.book.watcher, m.book.ticking)
	}
	if err := os.Mkdir(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	p.start(func() tea.Msg { return bookTickMsg{} }) // the poll's tick, once the folder is there
	p.until("the watch starts", 10*time.Second, func(tea.Msg) bool { return m.book.watcher != nil })
	p.until("the first read once watched", 10*time.Second, func(msg tea.Msg) bool {
		_, ok := msg.(bookReloadedMsg)
		return ok
	})
	if m.book.ticking {
		t.Fatal("a poll is pending beside the watch")
	}

	other, err := notebook.Open(path, notebook.Options{Timeline: tl, LockWait: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	id := tl.Events[2].ID
	if _, err := other.Mark(id, "key"); err != nil {
		t.Fatal(err)
	}
	p.until("the outside mark shows", 10*time.Second, func(tea.Msg) bool {
		return strings.HasPrefix(statusOf(m), "The notebook changed on disk")
	})
	if st := m.book.state; st == nil || !st.Marked(id) {
		t.Fatalf("the explorer does not hold the mark on %s", id)
	}
	if m.book.ticking {
		t.Fatal("a poll is pending beside the watch")
	}

	// And again: the watch goes on after a change.
	if _, err := other.AppendNote(id, "written in another window"); err != nil {
		t.Fatal(err)
	}
	p.until("the outside note shows", 10*time.Second, func(tea.Msg) bool {
		return strings.Contains(m.noteOf(&timeline.Event{ID: id}), "written in another window")
	})
}
