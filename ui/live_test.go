package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/load"
	"github.com/tlx-dev/tlx/timeline"
)

// liveModel returns the explorer showing a copy of testdata/small.toml, t.toml in a
// folder of its own, at w by h, as it is once loaded from that file (without the watch:
// the tests reload by hand, as the watch would). It returns the file's path and bytes.
func liveModel(t *testing.T, f timeline.Filter, w, h int) (*Model, string, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "small.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.toml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	file, tl, err := load.Open(path, load.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, tl, f, w, h)
	m.live.file = file
	return m, path, data
}

// save writes data to path as an editor saving by rename does.
func save(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// lateEvent is an event dated before every other of small.toml, to add at the file's end.
const lateEvent = `
[[events]]
id = "early"
date = "2019-05-01"
title = "An event added before the others"
actors = ["iran"]

  [[events.sources]]
  publisher = "Example News"
  title = "Early"
  published = "2019-05"
  url = "https://example.com/early"
`

// TestReloadKeepsPlace: a save that edits one event and adds another above the selection
// shows both, under the same filter, with the same event selected on the same row of the
// screen, and only the changed events read again.
func TestReloadKeepsPlace(t *testing.T) {
	f := timeline.Filter{}.With(timeline.ActorFilter, "iran")
	m, path, data := liveModel(t, f, 100, 14)
	do(m, "j", "j")
	want := selectedID(m)
	row, _ := selectedLine(t, m)
	filter := m.session.Applied().String()

	edited := strings.Replace(string(data), `title = "US strike kills a general"`, `title = "US strike kills a general, edited"`, 1)
	save(t, path, []byte(edited+lateEvent))
	run(m, m.reloadFile())

	scr := screen(m)
	if !strings.Contains(scr, "kills a general, e") || m.t.Event("early") == nil {
		t.Errorf("the reload does not show the edit, or lacks the new event:\n%s", scr)
	}
	if got := m.session.Applied().String(); got != filter {
		t.Errorf("the filter after the reload is %q, want %q", got, filter)
	}
	if got := selectedID(m); got != want {
		t.Errorf("the reload moved the selection from %s to %s", want, got)
	}
	if r, line := selectedLine(t, m); r != row {
		t.Errorf("the selected event moved from row %d to %d: %s", row, r, line)
	}
	if !strings.Contains(m.status, "Reloaded "+path+": 10 events") || m.live.file.Reused() < 7 {
		t.Errorf("status %q, %d events reused; want 10 events, at least 7 reused", m.status, m.live.file.Reused())
	}

	// A save of the same bytes (touch, :w without a change) changes nothing and says
	// nothing.
	m.status = ""
	save(t, path, []byte(edited+lateEvent))
	run(m, m.reloadFile())
	if m.status != "" {
		t.Errorf("an unchanged save says %q", m.status)
	}
}

// TestBrokenSave: a save that does not load keeps the last good timeline on screen, the
// status line names its first problem FILE:LINE:COL, ! lists them all, a key pressed
// does not lose them, and the next good save clears them.
func TestBrokenSave(t *testing.T) {
	m, path, data := liveModel(t, timeline.Filter{}, 120, 30)
	before := eventIDs(m)
	broken := strings.Replace(string(data), `date = "2020-10-20"`, `date = "2020-10-32"`, 1)
	broken = strings.Replace(broken, `date = "2024-06"`, `date = "2024-13"`, 1)
	save(t, path, []byte(broken))
	run(m, m.reloadFile())

	if got := eventIDs(m); !reflect.DeepEqual(got, before) {
		t.Errorf("a broken save changed the events shown: %v, want %v", got, before)
	}
	scr := screen(m)
	first := path + ":78:"
	if !strings.Contains(scr, "Not loaded (! lists all 2): "+first) || !strings.Contains(scr, "2020-10-32") {
		t.Errorf("the status line does not name the first problem and the key for all:\n%s", scr)
	}
	if len(m.live.problems) != 2 || !strings.HasPrefix(m.live.problems[0].Error(), first) {
		t.Fatalf("problems %v, want two, the first at %s", m.live.problems, first)
	}
	do(m, "j") // a key clears a message, not the problems
	if !strings.Contains(screen(m), "2020-10-32") {
		t.Errorf("after a key, the status line lost the problem:\n%s", screen(m))
	}
	do(m, "!")
	text := overlayText(m)
	for _, want := range []string{"does not load: 2 problems", "2020-10-32", "2024-13", "The timeline on screen is the last that loaded"} {
		if !strings.Contains(text, want) {
			t.Errorf("! does not list %q:\n%s", want, text)
		}
	}
	// A save that breaks it otherwise lists the new problems in the open pane.
	save(t, path, []byte(strings.Replace(string(data), `date = "2020-10-20"`, `date = "2020-10-33"`, 1)))
	run(m, m.reloadFile())
	if text := overlayText(m); m.focus != focusAbout || !strings.Contains(text, "1 problem") || !strings.Contains(text, "2020-10-33") {
		t.Errorf("the problems listed did not follow the save:\n%s", text)
	}

	fixed := strings.Replace(string(data), `title = "Emails try to intimidate voters"`, `title = "Emails try to scare voters"`, 1)
	save(t, path, []byte(fixed))
	run(m, m.reloadFile())
	if len(m.live.problems) != 0 || !strings.Contains(m.status, "Fixed "+path) || !strings.Contains(screen(m), "Emails try to scare voters") {
		t.Errorf("the good save after a broken one: problems %v, status %q\n%s", m.live.problems, m.status, screen(m))
	}
	if m.focus != focusList {
		t.Errorf("the problems pane stayed open on a file that loads: focus %v", m.focus)
	}
	do(m, "!")
	if !strings.Contains(m.status, "No problems") {
		t.Errorf("! with no problems: %q", m.status)
	}

	// Broken again, then the last good bytes put back: the problems go.
	save(t, path, []byte(broken))
	run(m, m.reloadFile())
	save(t, path, []byte(fixed))
	run(m, m.reloadFile())
	if len(m.live.problems) != 0 || !strings.Contains(m.status, "the problems are gone") {
		t.Errorf("the last good bytes back: problems %v, status %q", m.live.problems, m.status)
	}
}

// TestFileKeysOnBuiltIn: on the built-in timeline, R says there is nothing to reload and
// E says it is read-only, instead of doing nothing or opening an editor on nothing, in
// words that fit a status line at 80 columns.
func TestFileKeysOnBuiltIn(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 80, 24)
	do(m, "R")
	if !strings.Contains(screen(m), "Nothing to reload: the built-in timeline never changes") {
		t.Errorf("R:\n%s", screen(m))
	}
	do(m, "E")
	if !strings.Contains(screen(m), "The built-in timeline is read-only: tlx -f FILE opens a file you can edit") {
		t.Errorf("E:\n%s", screen(m))
	}
	do(m, "!")
	if !strings.Contains(m.status, "No problems") {
		t.Errorf("!: %q", m.status)
	}
}

// TestFileKeysOnStdin: on a timeline read from standard input, R, E and ! say so, not
// that it is the built-in timeline (tryout3 F22).
func TestFileKeysOnStdin(t *testing.T) {
	m := newModel(Options{Name: "standard input", FromStdin: true, Version: "test"}, false)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.loaded(loadedMsg{t: loadSmall(t)}))
	for _, tc := range []struct{ key, want string }{
		{"R", "Read from standard input: nothing to reload"},
		{"E", "Read from standard input: no file to edit"},
		{"!", "No problems: the timeline read from standard input loaded"},
	} {
		do(m, tc.key)
		if !strings.Contains(m.status, tc.want) || strings.Contains(m.status, "built-in") {
			t.Errorf("%s: %q, want %q", tc.key, m.status, tc.want)
		}
	}
}

// TestEditorAt: the editor's command opens the file at the line, in the form each kind of
// editor takes, keeping the arguments the setting holds.
func TestEditorAt(t *testing.T) {
	for _, tc := range []struct {
		argv []string
		want []string
	}{
		{[]string{"vi"}, []string{"vi", "+12", "t.toml"}},
		{[]string{"/usr/bin/nvim"}, []string{"/usr/bin/nvim", "+12", "t.toml"}},
		{[]string{"emacs", "-nw"}, []string{"emacs", "-nw", "+12", "t.toml"}},
		{[]string{"code", "--wait"}, []string{"code", "--wait", "--goto", "t.toml:12"}},
		{[]string{"hx"}, []string{"hx", "t.toml:12"}},
	} {
		if got := editorAt(tc.argv, "t.toml", 12); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("editorAt(%q) = %q, want %q", tc.argv, got, tc.want)
		}
	}
}

// TestSaveDuringFirstLoad: a save made while the file loads, after the load read its
// bytes and before the watch began, is reloaded once the load ends, though no watch saw
// it (tryout3 F10); a file left alone during its load is not read again.
func TestSaveDuringFirstLoad(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "small.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.toml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}

	file, tl, err := load.Open(path, load.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	m := loadingModel(timeline.Filter{}, 120, 30)
	cmd := m.loaded(loadedMsg{t: tl, file: file})
	if m.live.reloading {
		t.Error("a file left alone during its load is read again")
	}
	m.closeLive()

	file, tl, err = load.Open(path, load.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	save(t, path, []byte(strings.Replace(string(data), `title = "Emails try to intimidate voters"`, `title = "Emails try to scare voters"`, 1)))
	m = loadingModel(timeline.Filter{}, 120, 30)
	cmd = m.loaded(loadedMsg{t: tl, file: file})
	defer m.closeLive()
	if !strings.Contains(screen(m), "Emails try to intimidate voters") {
		t.Fatalf("the load does not show the bytes it read:\n%s", screen(m))
	}
	msg := awaitMsg[fileReloadedMsg](t, cmd)
	run(m, func() tea.Msg { return msg })
	if scr := screen(m); !strings.Contains(scr, "Emails try to scare voters") || !strings.Contains(m.status, "Reloaded "+path) {
		t.Errorf("the save made during the load is not shown: status %q\n%s", m.status, scr)
	}
}

// awaitMsg runs cmd's commands at once, as the program does, and returns the first message
// of type T they give; it fails the test when none has come after 10 seconds. Commands
// that wait for something that never comes (the watch) are left waiting.
func awaitMsg[T tea.Msg](t *testing.T, cmd tea.Cmd) T {
	t.Helper()
	msgs := make(chan tea.Msg, 16)
	var start func(tea.Cmd)
	start = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if cmds, ok := subCmds(msg); ok {
				for _, c := range cmds {
					start(c)
				}
				return
			}
			msgs <- msg
		}()
	}
	start(cmd)
	deadline := time.After(10 * time.Second)
	for {
		select {
		case msg := <-msgs:
			if v, ok := msg.(T); ok {
				return v
			}
		case <-deadline:
			var zero T
			t.Fatalf("no %T came", zero)
			return zero
		}
	}
}
