//go:build unix

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// q while a change to the notebook waits for another process's lock does not quit at
// once: it says it waits, and quits once the change is written.
func TestQuitWaitsForTheNotebook(t *testing.T) {
	m, path := bookModel(t, 140, 40)
	lock, err := os.OpenFile(filepath.Join(filepath.Dir(path), ".notes.toml.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	selectEvent(t, m, "hack")
	_, write := m.Update(press("m"))
	_, cmd := m.Update(press("q"))
	if ends(cmd, tea.QuitMsg{}) {
		t.Fatal("q quit with a mark not yet written")
	}
	select {
	case <-m.book.run.done:
		t.Fatal("the write did not wait for the lock")
	default:
	}
	if st := statusOf(m); !strings.Contains(st, "Quitting once your notebook is saved") {
		t.Errorf("status %q", st)
	}
	syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	_, cmd = m.Update(write())
	if !ends(cmd, tea.QuitMsg{}) {
		t.Error("the end of the write did not quit")
	}
	if !onDisk(t, path).Marked("hack") {
		t.Error("the mark is not on disk")
	}
}
