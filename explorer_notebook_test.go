package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// End-to-end tests of the reader's notebook in the explorer, as a person uses it: marks,
// labels, notes, saved views, and a notebook that does not read.

// TestExplorerNotebook marks an event and labels another, writes a note in the explorer
// and one in $EDITOR, quits, and opens the explorer again: the marks and the notes are
// there; M shows only the marked events; v saves a view that tlx list --view lists alike;
// : filters on a label.
func TestExplorerNotebook(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	editor := filepath.Join(dir, "ed")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\nprintf 'written in the editor\\n' >> \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"XDG_DATA_HOME=" + dir, "EDITOR=" + editor, "VISUAL="}

	s := start(t, 140, 40, dir, env, exe)
	s.waitText(" of ", " events")
	s.selectTitle("US strike kills Qassem Soleimani")
	s.send("m")
	s.waitText("Marked “US strike kills Qassem Soleimani”: saved")
	s.send("n")
	s.waitText("Your note on “US strike kills Qassem Soleimani”")
	s.typeText("Check the date.")
	s.send("C-s")
	s.waitText("Saved your note on “US strike kills Qassem Soleimani”")
	s.selectTitle("Trump nominates Aileen Cannon")
	s.send("L")
	s.waitText("Labels of", "what matters most")
	s.send("Tab", "Enter")
	s.waitText(" key: saved")
	s.send("N")
	s.waitText("Saved your note on")
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Fatalf("status %s", got)
	}

	s = start(t, 140, 40, dir, env, exe)
	s.waitText(" of ", " events")
	s.selectTitle("US strike kills Qassem Soleimani")
	s.send("Enter")
	scr := s.waitText("esc list", "★ Your mark", "Your note (n edits it)", "┃ Check the date.")
	if !strings.Contains(scr, "★✎ US strike kills Qassem Soleimani") {
		t.Errorf("the list does not show the mark and the note:\n%s", scr)
	}
	s.send("Escape")
	s.waitText("enter read") // the list's keys: the list has the keyboard again
	s.send("M")
	// The status message comes in a frame after the list's: wait for it too.
	s.waitText("2 of ", " marked ", "2 events marked")
	s.send("v")
	s.waitText("Saved views", "now: marked:any")
	s.typeText("starred")
	s.send("Enter")
	s.waitText("Saved view “starred”: marked:any (2 events)")
	// : holds the filter as query text; marked:key keeps the one mark labelled key.
	s.send(":")
	s.waitText("query marked:any")
	s.send("C-u")
	s.typeText("marked:key")
	s.send("Enter")
	scr = s.waitText("1 of ", "marked key")
	if !strings.Contains(scr, "Trump nominates Aileen Cannon") {
		t.Errorf(": marked:key:\n%s", scr)
	}
	s.send("q")
	s.exitStatus()

	cmd := exec.Command(exe, "list", "--view", "starred")
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("tlx list found the view without the notebook's folder: %s", out)
	}
	cmd = exec.Command(exe, "list", "--view", "starred")
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir)
	out, err = cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tlx list --view starred: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 || !strings.Contains(string(out), "soleimani") || !strings.Contains(string(out), "cannon") {
		t.Errorf("tlx list --view starred prints:\n%s", out)
	}
	cmd = exec.Command(exe, "notes")
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir)
	out, _ = cmd.CombinedOutput()
	if !strings.Contains(string(out), "Check the date.") || !strings.Contains(string(out), "written in the editor") || !strings.Contains(string(out), "[key]") {
		t.Errorf("tlx notes prints:\n%s", out)
	}
}

// selectTitle moves the list's selection, from the first event down, to the event whose
// title starts so.
func (s *session) selectTitle(title string) {
	s.t.Helper()
	s.send("g")
	s.waitFor("the first event", func(scr string) bool { return strings.Contains(scr, " 1/") })
	for range 100 {
		scr := s.waitText(" of ", " events")
		if strings.Contains(selected(scr), title) {
			return
		}
		before := selected(scr)
		s.send("j")
		s.waitFor("the selection to move", func(scr string) bool { return selected(scr) != before })
	}
	s.t.Fatalf("no event %q in the list", title)
}

// TestExplorerBadNotebook opens the explorer on a notebook that does not read: it opens
// read-only, says so with the file and the line, m says why it cannot mark, and the file
// is left as it was.
func TestExplorerBadNotebook(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	bad := "version = 1\n\n[events.x]\nmarked = yes\n"
	path := filepath.Join(dir, "nb.toml")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	s := start(t, 140, 40, dir, nil, exe, "--notebook", "nb.toml")
	s.waitText("Notebook read-only", "nb.toml:4")
	s.send("m")
	s.waitText("Notebook read-only", "nb.toml:4")
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("status %s", got)
	}
	if b, _ := os.ReadFile(path); string(b) != bad {
		t.Errorf("the notebook was written: %q", b)
	}
}
