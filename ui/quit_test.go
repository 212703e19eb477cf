package ui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// startSlowExport opens the export of a timeline large enough that its write takes far
// longer than the test's next step, types path and starts the write; it returns the
// command that waits for the end of the write.
func startSlowExport(t *testing.T, path string) (*Model, tea.Cmd) {
	t.Helper()
	m := newTestModel(t, timelinetest.GenerateTimeline(20_000, 1), timeline.Filter{}, 140, 40)
	keys(m, "e")
	setPrompt(m, path)
	_, cmd := m.Update(press("enter"))
	if !m.export.Writing() {
		t.Fatal("enter did not start the export")
	}
	return m, func() tea.Msg {
		for _, msg := range collect(cmd) {
			if e, ok := msg.(exportedMsg); ok {
				return e
			}
		}
		t.Fatal("the export's command gives no exportedMsg")
		return nil
	}
}

// tempFiles lists the hidden temporary files an export leaves in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

// q while an export is being written waits for it, says so, and quits once it is
// written; Run then says it was written.
func TestQuitFinishesTheExport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "all.md")
	m, wait := startSlowExport(t, path)
	_, cmd := m.Update(press("q"))
	if ends(cmd, tea.QuitMsg{}) {
		t.Fatal("q quit while the export was being written")
	}
	if st := statusOf(m); !strings.Contains(st, "Quitting once the export to "+path+" is written") || !strings.Contains(st, "ctrl+c cancels it") {
		t.Errorf("status %q", st)
	}
	do(m, "j") // any other key says the same
	if st := statusOf(m); !strings.Contains(st, "Quitting once") {
		t.Errorf("a key while quitting says %q", st)
	}
	_, cmd = m.Update(wait())
	if !ends(cmd, tea.QuitMsg{}) {
		t.Fatal("the end of the export did not quit")
	}
	notes, err := m.afterRun(nil)
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0], "Exported 20000 events to "+path+" before quitting") {
		t.Errorf("after the run: %q, %v", notes, err)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "# ") {
		t.Errorf("the export is not there: %v", err)
	}
	if tmp := tempFiles(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %q", tmp)
	}
}

// ctrl+c while an export is being written cancels it: the temporary file is removed, the
// file it was to replace is left as it was, Run says so and returns context.Canceled.
func TestInterruptCancelsTheExport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "all.md")
	m, wait := startSlowExport(t, path)
	_, cmd := m.Update(press("ctrl+c"))
	if ends(cmd, tea.QuitMsg{}) {
		t.Fatal("ctrl+c quit before the export was cancelled")
	}
	_, cmd = m.Update(wait())
	if !ends(cmd, tea.QuitMsg{}) {
		t.Fatal("the end of the cancelled export did not quit")
	}
	notes, err := m.afterRun(nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run would return %v, want context.Canceled", err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "cancelled (ctrl+c)") || !strings.Contains(notes[0], "temporary file was removed") {
		t.Errorf("notes %q", notes)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the cancelled export left %s: %v", path, err)
	}
	if tmp := tempFiles(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %q", tmp)
	}
}

// A stop (a signal the command passed on) cancels the export in whatever has the
// keyboard, and ends the program at once when nothing is under way: while loading, while
// browsing, with a prompt or a picker open; with a note being written, once it is saved.
func TestStopEverywhere(t *testing.T) {
	cause := errors.New("stopped by SIGHUP")
	loading := newModel(Options{Name: "big.toml"}, false)
	loading.Update(loadProgressMsg{done: 1, total: 10})
	if _, cmd := loading.Update(stopMsg{cause}); !ends(cmd, tea.QuitMsg{}) {
		t.Error("a stop while loading does not quit")
	}
	for _, fs := range everyFocus(t, "hack") {
		m := newTestModel(t, loadSmall(t), timeline.Filter{}, 80, 24)
		fs.do(m)
		_, cmd := m.Update(stopMsg{cause})
		if m.focus == focusNote {
			// The note being written is saved first (TestStopKeepsTheNote); its end quits.
			cmd = untilSaved(t, m, cmd)
		}
		if !ends(cmd, tea.QuitMsg{}) {
			t.Errorf("a stop in %s does not quit", fs.name)
		}
	}

	dir := t.TempDir()
	m, wait := startSlowExport(t, filepath.Join(dir, "all.md"))
	keys(m, "/") // a prompt open over the export being written
	if _, cmd := m.Update(stopMsg{cause}); ends(cmd, tea.QuitMsg{}) {
		t.Fatal("a stop quit before the export was cancelled")
	}
	if _, cmd := m.Update(wait()); !ends(cmd, tea.QuitMsg{}) {
		t.Fatal("the end of the cancelled export did not quit")
	}
	notes, _ := m.afterRun(cause)
	if len(notes) != 1 || !strings.Contains(notes[0], "cancelled (stopped by SIGHUP)") {
		t.Errorf("notes %q", notes)
	}
	if tmp := tempFiles(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %q", tmp)
	}
}

// When the program ends without waiting (it was killed past stopGrace, or its terminal
// went away), Run still cancels the export and waits for its temporary file to go.
func TestAfterRunCleansUp(t *testing.T) {
	dir := t.TempDir()
	m, _ := startSlowExport(t, filepath.Join(dir, "all.md"))
	notes, _ := m.afterRun(errors.New("stopped by SIGTERM"))
	if len(notes) != 1 || !strings.Contains(notes[0], "cancelled (stopped by SIGTERM)") {
		t.Errorf("notes %q", notes)
	}
	if tmp := tempFiles(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %q", tmp)
	}
}

// Run stops when its context is cancelled, while loading and once loaded, and returns
// the context's cause: the command maps a signal to its exit status.
func TestRunStopsOnContext(t *testing.T) {
	for _, loaded := range []bool{false, true} {
		release := make(chan struct{})
		opts := Options{
			Name: "small.toml",
			Read: func() ([]byte, error) {
				if !loaded {
					<-release // the load never ends before the stop
				}
				return os.ReadFile(filepath.Join("testdata", "small.toml"))
			},
			Stdin:  strings.NewReader(""),
			Stdout: io.Discard,
			Stderr: io.Discard,
		}
		cause := errors.New("stopped by SIGHUP")
		ctx, cancel := context.WithCancelCause(context.Background())
		done := make(chan error, 1)
		go func() { done <- Run(ctx, opts) }()
		time.Sleep(100 * time.Millisecond) // the program starts; a stop before it is no different
		cancel(cause)
		select {
		case err := <-done:
			if !errors.Is(err, cause) {
				t.Errorf("loaded %v: Run returned %v, want the cause", loaded, err)
			}
		case <-time.After(2 * stopGrace):
			t.Fatalf("loaded %v: Run did not return after the stop", loaded)
		}
		close(release)
	}
}
