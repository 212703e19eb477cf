package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// End-to-end tests: they build the real binary, run it in tmux as a person would, send
// keys and read the screen. Every wait is on what the screen shows, with a deadline; none
// sleeps a fixed time.

// waitTimeout bounds every wait on the screen; the race detector and a busy CI machine
// make everything slower, so it is generous.
const waitTimeout = 20 * time.Second

// buildTLX builds tlx into a temporary folder for one test.
func buildTLX(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	exe := filepath.Join(t.TempDir(), "tlx")
	if out, err := exec.Command(gobin, "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// needTmux skips the test when tmux is missing, except in CI, where it must be there.
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed; the end-to-end tests need it in CI")
		}
		t.Skip("tmux is not installed")
	}
}

// session is one tmux session on a private server, killed when the test ends.
type session struct {
	t       *testing.T
	socket  string
	exit    string        // file the shell writes the exit status to
	timeout time.Duration // bounds each wait; waitTimeout unless the test says more
}

// start runs command in a new w by h tmux session with TERM=xterm-256color and env set.
// The command's exit status lands in s.exit.
func start(t *testing.T, w, h int, dir string, env []string, command ...string) *session {
	t.Helper()
	needTmux(t)
	s := &session{
		t:       t,
		socket:  fmt.Sprintf("tlxtest-%d-%d", os.Getpid(), time.Now().UnixNano()),
		exit:    filepath.Join(t.TempDir(), "exit"),
		timeout: waitTimeout,
	}
	quoted := make([]string, len(command))
	for i, c := range command {
		quoted[i] = shellQuote(c)
	}
	script := fmt.Sprintf("cd %s && %s; echo EXIT=$? > %s; sleep 600",
		shellQuote(dir), strings.Join(quoted, " "), shellQuote(s.exit))
	// Each session has a cache folder of its own: no test reads a snapshot another wrote,
	// nor writes one into the user's.
	args := []string{"-L", s.socket, "-f", "/dev/null", "new-session", "-d", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h),
		"env", "TERM=xterm-256color", "XDG_CACHE_HOME=" + filepath.Join(t.TempDir(), "cache")}
	args = append(args, env...)
	args = append(args, "sh", "-c", script)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// send types keys with tmux send-keys: names such as Enter, Escape, Space, C-c, BSpace,
// or literal text.
func (s *session) send(keys ...string) {
	s.t.Helper()
	args := append([]string{"-L", s.socket, "send-keys", "-t", "0"}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		s.t.Fatalf("tmux send-keys %q: %v\n%s", keys, err, out)
	}
}

// typeText sends text literally.
func (s *session) typeText(text string) {
	s.t.Helper()
	if out, err := exec.Command("tmux", "-L", s.socket, "send-keys", "-t", "0", "-l", text).CombinedOutput(); err != nil {
		s.t.Fatalf("tmux send-keys -l %q: %v\n%s", text, err, out)
	}
}

// screen returns what the pane shows; with colour, its escape sequences too.
func (s *session) screen(colour bool) string {
	s.t.Helper()
	args := []string{"-L", s.socket, "capture-pane", "-p", "-t", "0"}
	if colour {
		args = append(args, "-e")
	}
	out, err := exec.Command("tmux", args...).Output()
	if err != nil {
		s.t.Fatalf("tmux capture-pane: %v", err)
	}
	return string(out)
}

// waitFor polls the screen until ok holds, and fails the test with the last screen after
// the deadline.
func (s *session) waitFor(desc string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(s.timeout)
	for {
		scr := s.screen(false)
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %v for %s; the screen shows:\n%s", s.timeout, desc, scr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitText waits until the screen contains every one of texts.
func (s *session) waitText(texts ...string) string {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("%q", texts), func(scr string) bool {
		for _, t := range texts {
			if !strings.Contains(scr, t) {
				return false
			}
		}
		return true
	})
}

// waitGone waits until the screen no longer contains text.
func (s *session) waitGone(text string) string {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("%q to go", text), func(scr string) bool { return !strings.Contains(scr, text) })
}

// selected returns the row the list shows selected.
func selected(scr string) string {
	for _, line := range strings.Split(scr, "\n") {
		if strings.HasPrefix(line, "▌") {
			return line
		}
	}
	return ""
}

// exitStatus waits for the program to end and returns the status the shell saw.
func (s *session) exitStatus() string {
	s.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		b, err := os.ReadFile(s.exit)
		if err == nil && strings.HasPrefix(string(b), "EXIT=") {
			return strings.TrimSpace(strings.TrimPrefix(string(b), "EXIT="))
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("tlx did not exit; the screen shows:\n%s", s.screen(false))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestExplorer drives the explorer through a session: open, move, filter by actor with
// the picker, search, set a date range, export and read the file back, quit.
func TestExplorer(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	small, err := filepath.Abs(filepath.Join("ui", "testdata", "small.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, 120, 40, dir, nil, exe, "-f", small)

	scr := s.waitText("Small test timeline", "9 of 9 events")
	if !strings.Contains(selected(scr), "Iran seeks retaliation") {
		t.Errorf("the first event is not selected:\n%s", scr)
	}

	// Move.
	s.send("j")
	s.waitFor("the second event selected", func(scr string) bool {
		return strings.Contains(selected(scr), "US strike kills a general")
	})
	s.send("G")
	scr = s.waitFor("the last event selected", func(scr string) bool {
		return strings.Contains(selected(scr), "US and Iran set talks in Oman")
	})
	if !strings.Contains(scr, "https://example.com/talks") {
		t.Errorf("the detail pane does not show the selected event's source:\n%s", scr)
	}

	// Filter by actor with the picker.
	s.send("a")
	s.waitText("Actors", "type to narrow")
	s.typeText("micro")
	s.waitGone("Donald Trump  ")
	s.send("Tab")
	s.waitText("[x] Microsoft", "2 of 9 events")
	s.send("Enter")
	scr = s.waitText("actor Microsoft")
	if strings.Contains(scr, "type to narrow") {
		t.Errorf("the picker stayed open after enter:\n%s", scr)
	}
	s.send("x")
	s.waitText("9 of 9 events")

	// Search as you type.
	s.send("/")
	s.waitText("enter keep")
	s.typeText("hack")
	s.waitText("3 of 9 events")
	s.send("Enter")
	s.waitText(`search “hack”`)
	s.waitGone("esc drop")
	s.send("x")
	s.waitText("9 of 9 events")

	// A date range, with a wrong one first.
	s.send("d")
	s.waitText("2024..2025")
	s.typeText("2026-13")
	s.waitText("month 13 does not exist")
	for range len("2026-13") {
		s.send("BSpace")
	}
	s.typeText("2026")
	s.send("Enter")
	s.waitText("1 of 9 events", "dates 2026")

	// Export, and read the file back.
	s.send("e")
	s.waitText("export 1 event to tlx-2026.md")
	s.send("Enter")
	s.waitText("Exported 1 event to " + filepath.Join(dir, "tlx-2026.md"))
	b, err := os.ReadFile(filepath.Join(dir, "tlx-2026.md"))
	if err != nil {
		t.Fatal(err)
	}
	if doc := string(b); !strings.Contains(doc, "US and Iran set talks in Oman") || strings.Contains(doc, "US strike kills") {
		t.Errorf("the export holds the wrong events:\n%s", doc)
	}

	// Exporting again asks before overwriting; n keeps the file.
	os.WriteFile(filepath.Join(dir, "tlx-2026.md"), []byte("mine"), 0o644)
	s.send("e")
	s.waitText("export 1 event to")
	s.send("Enter")
	s.waitText("tlx-2026.md exists. Overwrite it? y/n")
	s.send("n")
	s.waitText("kept the existing file")
	s.send("Escape")
	s.waitGone("kept the existing file")
	if b, _ := os.ReadFile(filepath.Join(dir, "tlx-2026.md")); string(b) != "mine" {
		t.Errorf("the existing file was replaced: %q", b)
	}

	// Quit.
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("tlx exited with status %s, want 0", got)
	}
}

// TestExplorerNarrow opens the explorer on an 80-column terminal: the list alone, enter
// opens the detail over it and esc goes back.
func TestExplorerNarrow(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	s := start(t, 80, 24, t.TempDir(), nil, exe)
	scr := s.waitText(" of ", " events")
	if strings.Contains(scr, "│") {
		t.Errorf("80 columns show two panes:\n%s", scr)
	}
	s.send("Enter")
	s.waitText("esc list") // the detail, over the list
	s.send("Escape")
	s.waitGone("esc list")
	s.send("C-c")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("ctrl+c: status %s, want 0", got)
	}
}

// sgr matches the parameters of a select-graphic-rendition sequence.
var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// hasColour reports whether a captured screen sets any foreground or background colour.
func hasColour(scr string) bool {
	for _, m := range sgr.FindAllStringSubmatch(scr, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if n >= 30 && n <= 38 || n >= 40 && n <= 48 || n >= 90 && n <= 97 || n >= 100 && n <= 107 {
				return true
			}
		}
	}
	return false
}

// TestNoColor checks that any non-empty NO_COLOR, "yes" included, turns colour off, and
// that the screen has colour without it.
func TestNoColor(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	for _, tc := range []struct {
		env    []string
		colour bool
	}{
		{nil, true},
		{[]string{"NO_COLOR=yes"}, false},
	} {
		t.Run(fmt.Sprint(tc.env), func(t *testing.T) {
			s := start(t, 120, 30, t.TempDir(), tc.env, exe)
			s.waitText(" of ", " events")
			scr := s.screen(true)
			if got := hasColour(scr); got != tc.colour {
				t.Errorf("env %q: colour %v, want %v:\n%q", tc.env, got, tc.colour, scr)
			}
			if !strings.Contains(scr, "\x1b[") {
				t.Errorf("env %q: no attributes at all; the selection must still show", tc.env)
			}
			s.send("q")
			s.exitStatus()
		})
	}
}

// TestLoadingInterrupted opens a 100,000-event file: the progress bar shows at once and
// ctrl+c during the load exits with status 0.
func TestLoadingInterrupted(t *testing.T) {
	exe, dir, big := bigTimeline(t)
	s := start(t, 100, 30, dir, nil, exe, "-f", big)
	s.waitText("Loading", "big.toml", "ctrl+c stops")
	s.send("C-c")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("ctrl+c during the load: status %s, want 0", got)
	}
}

// TestTypeAheadWhileLoading types a search while a 100,000-event file loads: once the
// list shows, the search is applied, as if typed after.
func TestTypeAheadWhileLoading(t *testing.T) {
	exe, dir, big := bigTimeline(t)
	s := start(t, 120, 30, dir, nil, exe, "-f", big)
	// Loading 75 MB and searching it takes seconds; far more on a machine busy with
	// other tests.
	s.timeout = 4 * waitTimeout
	s.waitText("Loading", "big.toml")
	s.send("/")
	s.typeText("oman")
	s.send("Enter")
	s.waitText(`search “oman”`, "of 100000 events")
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("status %s, want 0", got)
	}
}

// bigTimeline builds tlx and writes a 100,000-event timeline, big.toml, into a new folder.
func bigTimeline(t *testing.T) (exe, dir, big string) {
	t.Helper()
	if testing.Short() {
		t.Skip("writes a 75 MB timeline")
	}
	needTmux(t)
	exe = buildTLX(t)
	dir = t.TempDir()
	big = filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, timelinetest.Generate(100_000, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return exe, dir, big
}

// TestLoadError opens a broken file: the explorer ends, and every problem is printed on
// a line of its own with its place.
func TestLoadError(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	bad := "title = \"Bad\"\n\n[[events]]\nid = \"a\"\ndate = \"2024-02-30\"\ntitle = \"A\"\n\n[[events]]\nid = \"b\"\ntitle = \"B\"\n"
	if err := os.WriteFile(filepath.Join(dir, "bad.toml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	s := start(t, 120, 30, dir, nil, exe, "-f", "bad.toml")
	if got := s.exitStatus(); got != "1" {
		t.Errorf("status %s, want 1", got)
	}
	scr := s.screen(false)
	if !strings.Contains(scr, "bad.toml:5") {
		t.Errorf("the problems are not printed with their lines:\n%s", scr)
	}
}

// TestExplorerStdinPipe starts tlx with a pipe on its standard input: the keys still come
// from the terminal.
func TestExplorerStdinPipe(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	s := start(t, 100, 30, t.TempDir(), nil, "sh", "-c", "echo piped | "+shellQuote(exe))
	first := selected(s.waitText(" of ", " events"))
	s.send("j")
	s.waitFor("the selection to move", func(scr string) bool {
		return selected(scr) != "" && selected(scr) != first
	})
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("status %s, want 0", got)
	}
}

// TestExplorerIssue10 drives the real binary through what issue 10 asks of the explorer,
// as a person types it, on the built-in timeline and on ui/testdata/small.toml.
func TestExplorerIssue10(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	small, err := filepath.Abs(filepath.Join("ui", "testdata", "small.toml"))
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := timeline.Open(data.Name, data.Timeline)
	if err != nil {
		t.Fatal(err)
	}
	count := func(f timeline.Filter) string {
		events, err := embedded.Filter(f)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%d of %d events", len(events), len(embedded.Events))
	}

	t.Run("a routh enter filters to Routh's events", func(t *testing.T) {
		s := start(t, 120, 40, t.TempDir(), nil, exe)
		s.waitText(fmt.Sprintf("%d of %d events", len(embedded.Events), len(embedded.Events)))
		s.send("a")
		s.waitText("Actors", "type to narrow")
		s.typeText("routh")
		s.send("Enter")
		s.waitText("actor Ryan Routh", count(timeline.Filter{}.With(timeline.ActorFilter, "routh")))
	})

	t.Run("a Donald T and tab select Donald Trump", func(t *testing.T) {
		s := start(t, 120, 40, t.TempDir(), nil, exe)
		s.waitText(" of ", " events")
		s.send("a")
		s.waitText("type to narrow")
		s.typeText("Donald T")
		s.waitText("› Donald T")
		s.send("Tab")
		s.waitText("[x] Donald Trump")
		s.send("Enter")
		s.waitText("actor Donald Trump", count(timeline.Filter{}.With(timeline.ActorFilter, "trump")))
	})

	t.Run("/hacking enter finds the Cyber events", func(t *testing.T) {
		s := start(t, 120, 40, t.TempDir(), nil, exe)
		s.waitText(" of ", " events")
		s.send("/")
		s.typeText("hacking")
		s.send("Enter")
		s.waitText(`search “hacking”`, count(timeline.Filter{}.WithText("hacking")))
		cyber, _ := embedded.Filter(timeline.Filter{}.With(timeline.ThemeFilter, "cyber"))
		hacking, _ := embedded.Filter(timeline.Filter{}.WithText("hacking"))
		if len(hacking) < len(cyber) {
			t.Errorf("hacking finds %d events, fewer than the %d Cyber events", len(hacking), len(cyber))
		}
	})

	t.Run("tab tab returns to the list", func(t *testing.T) {
		s := start(t, 120, 40, t.TempDir(), nil, exe)
		s.waitText(" of ", " events", "enter read")
		s.send("Tab")
		s.waitText("esc list")
		s.send("Tab")
		s.waitText("enter read")
		first := selected(s.waitGone("esc list"))
		s.send("j")
		s.waitFor("the list to move with j", func(scr string) bool { return selected(scr) != first })
	})

	t.Run("related jump and back", func(t *testing.T) {
		s := start(t, 140, 40, t.TempDir(), nil, exe, "-f", small)
		s.waitText("9 of 9 events", "Iran seeks retaliation for the strike")
		s.send("r")
		s.waitText("Related event 1 of 2")
		s.send("Enter")
		s.waitText("b goes back to “Iran seeks retaliation for the strike”")
		if !strings.Contains(selected(s.screen(false)), "US strike kills a general") {
			t.Errorf("enter on the related event did not select it:\n%s", s.screen(false))
		}
		s.send("b")
		s.waitText("Back to “Iran seeks retaliation for the strike”")
		if !strings.Contains(selected(s.screen(false)), "Iran seeks retaliation") {
			t.Errorf("b did not come back:\n%s", s.screen(false))
		}
	})

	t.Run("o opens the source with BROWSER", func(t *testing.T) {
		dir := t.TempDir()
		opened := filepath.Join(dir, "opened")
		script := filepath.Join(dir, "browser")
		if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+shellQuote(opened)+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		s := start(t, 140, 40, dir, []string{"BROWSER=" + script}, exe, "-f", small)
		s.waitText("9 of 9 events")
		s.send("j") // US strike kills a general: one source, with a link
		s.waitFor("the strike selected", func(scr string) bool { return strings.Contains(selected(scr), "US strike kills") })
		s.send("o")
		s.waitText("Opened source 1 (Example News) with browser")
		b, err := os.ReadFile(opened)
		if err != nil || string(b) != "https://example.com/strike" {
			t.Errorf("the browser got %q (%v), want https://example.com/strike", b, err)
		}
	})

	t.Run("the footer at 80x24 keeps help and quit", func(t *testing.T) {
		s := start(t, 80, 24, t.TempDir(), nil, exe)
		// Waiting for the keys too: a screen caught half-way from the loading screen
		// still showed its "ctrl+c stops" on the last line. Without them the wait fails.
		scr := s.waitText(" of ", " events", "? help", "q quit")
		lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, "? help") || !strings.Contains(last, "q quit") {
			t.Errorf("the footer at 80x24 is %q", last)
		}
		s.send("Enter")
		scr = s.waitText("esc list")
		lines = strings.Split(strings.TrimRight(scr, "\n"), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, "? help") || !strings.Contains(last, "q quit") {
			t.Errorf("the detail's footer at 80x24 is %q", last)
		}
		s.send("q")
		if got := s.exitStatus(); got != "0" {
			t.Errorf("q: status %s, want 0", got)
		}
	})
}

// TestExplorerSuspend: ctrl+z hands the terminal back to the shell, and fg brings the
// explorer back as it was.
func TestExplorerSuspend(t *testing.T) {
	needTmux(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash for job control")
	}
	exe := buildTLX(t)
	s := start(t, 120, 30, t.TempDir(), []string{"PS1=$ "}, "bash", "--norc", "--noprofile", "-i")
	s.waitText("$")
	s.typeText(exe)
	s.send("Enter")
	first := selected(s.waitText(" of ", " events"))
	s.send("j")
	moved := selected(s.waitFor("the selection to move", func(scr string) bool {
		return selected(scr) != first && selected(scr) != ""
	}))
	s.send("C-z")
	s.waitText("Stopped")
	s.typeText("fg")
	s.send("Enter")
	scr := s.waitText(" of ", " events")
	if got := selected(scr); got != moved {
		t.Errorf("after fg the selection is %q, want %q", got, moved)
	}
	s.send("j")
	s.waitFor("keys to work after fg", func(scr string) bool { return selected(scr) != moved && selected(scr) != "" })
	s.send("q")
	s.waitGone(" events")
}
