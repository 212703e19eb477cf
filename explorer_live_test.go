package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// End-to-end tests of live reload and the edit key: the real binary in tmux, its file
// saved under it as editors save.

// smallTimeline returns ui/testdata/small.toml.
func smallTimeline(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("ui", "testdata", "small.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// retitle returns text with the title of the emails event replaced.
func retitle(text, title string) string {
	return strings.Replace(text, `title = "Emails try to intimidate voters"`, `title = "`+title+`"`, 1)
}

// selectedRow returns the screen line the selection is on.
func selectedRow(scr string) int {
	for i, line := range strings.Split(scr, "\n") {
		if strings.HasPrefix(line, "▌") {
			return i
		}
	}
	return -1
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renameSave saves text to path as vim and most editors do: a new file renamed over it.
func renameSave(t *testing.T, path, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".swp")
	writeFile(t, tmp, text)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// TestExplorerLiveReload saves the file under a running explorer in each way editors save
// it (renaming a new file over it, truncating and writing it, writing through a symbolic
// link), and sees each change with the selection and the filter kept; then saves it
// broken and sees the problem and the old events, fixes it and sees the problem go.
func TestExplorerLiveReload(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(real, "t.toml")
	text := smallTimeline(t)
	writeFile(t, path, text)
	if err := os.Symlink(path, filepath.Join(dir, "link.toml")); err != nil {
		t.Fatal(err)
	}

	s := start(t, 120, 30, dir, []string{"XDG_DATA_HOME=" + dir}, exe, "-f", "link.toml", "--actor", "iran")
	s.waitText("Emails try to intimidate voters", "actor Iran")
	s.send("j", "j")
	row := selectedRow(s.waitFor("the emails selected", func(scr string) bool {
		return strings.Contains(selected(scr), "Emails try to intimidate voters")
	}))

	for _, save := range []struct {
		name  string
		title string
		save  func(text string)
	}{
		{"rename", "Saved by rename", func(text string) { renameSave(t, path, text) }},
		{"truncate and write", "Saved in place", func(text string) { writeFile(t, path, text) }},
		{"through the link", "Saved through the link", func(text string) { writeFile(t, filepath.Join(dir, "link.toml"), text) }},
		{"rename through the link", "Saved by rename via the link", func(text string) { renameSave(t, path, text) }},
	} {
		save.save(retitle(text, save.title))
		scr := s.waitText(save.title, "Reloaded link.toml")
		if got := selected(scr); !strings.Contains(got, save.title) || selectedRow(scr) != row {
			t.Errorf("%s: the selection left the edited event or its row %d:\n%s", save.name, row, scr)
		}
		if !strings.Contains(scr, "actor Iran") {
			t.Errorf("%s: the filter is gone:\n%s", save.name, scr)
		}
	}

	// A broken save: the events stay, the status names the problem and its place.
	renameSave(t, path, strings.Replace(retitle(text, "Broken"), `date = "2020-10-20"`, `date = "2020-10-32"`, 1))
	scr := s.waitText("Not loaded (! shows it): link.toml:78:1:", "2020-10-32")
	if !strings.Contains(selected(scr), "Saved by rename via the link") {
		t.Errorf("a broken save changed the events shown:\n%s", scr)
	}
	s.send("!")
	s.waitText("link.toml does not load: 1 problem", "The timeline on screen is the last that loaded")
	s.send("Escape")
	renameSave(t, path, retitle(text, "Fixed at last"))
	scr = s.waitText("Fixed link.toml", "Fixed at last")
	if strings.Contains(scr, "Not loaded") {
		t.Errorf("the fix did not clear the problem:\n%s", scr)
	}
	s.send("R")
	s.waitText("Reloading link.toml")
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("status %s, want 0", got)
	}
}

// TestExplorerEditKey: E opens $EDITOR at the selected event's line; what the editor saves
// shows when it exits. On the built-in timeline, E says it is read-only.
func TestExplorerEditKey(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "t.toml")
	writeFile(t, path, smallTimeline(t))
	// The fake editor notes its arguments and edits the event's title as a person would.
	args := filepath.Join(dir, "args")
	editor := filepath.Join(dir, "ed")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + shellQuote(args) + "\n" +
		"sed -i 's/Emails try to intimidate voters/Edited in the editor/' \"$2\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"XDG_DATA_HOME=" + dir, "EDITOR=" + editor, "VISUAL="}

	s := start(t, 120, 30, dir, env, exe, "-f", "t.toml")
	s.waitText("Emails try to intimidate voters")
	s.send("j", "j")
	s.waitFor("the emails selected", func(scr string) bool {
		return strings.Contains(selected(scr), "Emails try to intimidate voters")
	})
	s.send("E")
	scr := s.waitText("Edited in the editor")
	if !strings.Contains(selected(scr), "Edited in the editor") {
		t.Errorf("the edited event is not selected:\n%s", scr)
	}
	b, err := os.ReadFile(args)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(b)); len(got) != 2 || got[0] != "+76" || got[1] != "t.toml" {
		t.Errorf("the editor was given %q, want +76 t.toml (the emails event's line)", got)
	}
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("status %s, want 0", got)
	}

	s = start(t, 120, 30, dir, env, exe)
	s.waitText(" of ", " events")
	s.send("E")
	s.waitText("The built-in timeline is read-only")
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("status %s, want 0", got)
	}
}
