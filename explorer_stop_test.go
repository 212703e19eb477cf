//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// End-to-end tests of how the explorer stops: a signal while browsing or with a prompt
// open gives the terminal back as it was, and no quit leaves an export half written.

// pidOf reads the pid a script wrote to file, waiting for it.
func pidOf(t *testing.T, file string) int {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		b, err := os.ReadFile(file)
		if pid, _ := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
			return pid
		}
		if time.Now().After(deadline) {
			t.Fatalf("no pid in %s", file)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitExit waits up to d for the process pid to end, and reports whether it did.
func waitExit(pid int, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// tmuxFormat prints a tmux format for the session's pane, such as #{alternate_on}.
func (s *session) tmuxFormat(format string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", "-L", s.socket, "display-message", "-p", "-t", "0", format).Output()
	if err != nil {
		s.t.Fatalf("tmux display-message: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// TestExplorerSIGHUP sends SIGHUP to the explorer from a shell's terminal, as a closed
// window or a dropped ssh connection does, while it browses, with the search and the
// date prompt open, and with a picker open: each time it exits with 129 and the terminal
// is as the shell left it, raw mode off (stty shows icanon and echo), the alternate
// screen and the mouse off. Before, SIGHUP killed it in raw mode.
func TestExplorerSIGHUP(t *testing.T) {
	needTmux(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	exe := buildTLX(t)
	embedded, err := timeline.Open(data.Name, data.Timeline)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		keys []string
		wait string // what the screen shows once the explorer has read every key
	}{
		// The list's position moving to 2 shows that j was read: waiting on what the
		// first screen already showed let SIGHUP arrive before it, and the j then went
		// to the shell, which ran "jecho status=$?".
		{"browsing", []string{"j"}, fmt.Sprintf("2/%d", len(embedded.Events))},
		{"search prompt", []string{"/", "ira"}, "ira"},
		{"date prompt", []string{"d", "2024"}, "dates 2024"},
		{"picker", []string{"a"}, "type to narrow"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := start(t, 120, 30, dir, []string{"PS1=$ ", "XDG_DATA_HOME=" + dir}, "bash", "--norc", "--noprofile", "-i")
			s.waitText("$")
			s.typeText(`sh -c 'echo $$ > pid; exec "$0"' ` + shellQuote(exe))
			s.send("Enter")
			// The footer is drawn last: a screen with it is drawn whole, not caught
			// half-way from the loading screen.
			s.waitText(" of ", " events", "q quit")
			for _, k := range tc.keys {
				s.send(k)
			}
			s.waitText(tc.wait)
			if got := s.tmuxFormat("#{alternate_on} #{mouse_any_flag}"); got != "1 1" {
				t.Fatalf("the explorer runs with alternate screen and mouse %q, want 1 1", got)
			}
			pid := pidOf(t, filepath.Join(dir, "pid"))
			if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
				t.Fatal(err)
			}
			if !waitExit(pid, 5*time.Second) {
				t.Fatalf("tlx still runs 5 s after SIGHUP:\n%s", s.screen(false))
			}
			s.waitGone(" events")
			// A key sent before the signal that tlx had not read yet is the shell's now:
			// ctrl+u drops it, so that it does not run into the command below.
			s.send("C-u")
			// The shell's arithmetic prints "stty-done-2" only once stty has printed all it
			// prints: waiting for its first line alone read a half-drawn screen under load.
			s.typeText("echo status=$?; stty -a; echo stty-done-$((1+1))")
			s.send("Enter")
			scr := s.waitText("status=", "stty-done-2")
			if !strings.Contains(scr, "status=129") {
				t.Errorf("exit status is not 129:\n%s", scr)
			}
			for _, bad := range []string{"-icanon", "-echo "} {
				if strings.Contains(scr, bad) {
					t.Errorf("stty shows %s: the terminal was left raw:\n%s", bad, scr)
				}
			}
			if !strings.Contains(scr, " icanon") || !strings.Contains(scr, " echo ") {
				t.Errorf("stty lacks icanon or echo:\n%s", scr)
			}
			if got := s.tmuxFormat("#{alternate_on} #{mouse_any_flag}"); got != "0 0" {
				t.Errorf("after SIGHUP alternate screen and mouse are %q, want 0 0", got)
			}
		})
	}
}

// exportBig opens the explorer on a 20,000-event file, types an export's file name and
// sends Enter together with then, so that then arrives while the file is being written.
func exportBig(t *testing.T, then ...string) (s *session, dir string, pid int) {
	t.Helper()
	if testing.Short() {
		t.Skip("exports a 20,000-event timeline")
	}
	needTmux(t)
	exe := buildTLX(t)
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.toml"), timelinetest.Generate(20_000, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	s = startTrapping(t, dir, `echo $$ > pid; exec "$0" -f big.toml 2> err.txt`, exe)
	s.timeout = 4 * waitTimeout
	// The whole timeline, not the events shown while it loads: e then only says that
	// the export waits for the rest.
	s.waitFor("the whole timeline", func(scr string) bool {
		return strings.Contains(scr, "20000 of 20000 events") && !strings.Contains(scr, "so far")
	})
	s.send("e")
	s.waitText("export 20000 events to")
	s.send("C-u")
	s.typeText("out.md")
	s.send(append([]string{"Enter"}, then...)...)
	return s, dir, pidOf(t, filepath.Join(dir, "pid"))
}

// waitTemporaryFile waits until the export writes, which is when its temporary file
// appears.
func waitTemporaryFile(t *testing.T, s *session, dir string) {
	t.Helper()
	deadline := time.Now().Add(s.timeout)
	for len(temporaryFiles(t, dir)) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no temporary file appeared; the screen shows:\n%s", s.screen(false))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// q during an export waits for it: the file is written whole, no temporary file is left,
// the status is 0 and the terminal says the export was written before quitting.
func TestExplorerQuitDuringExport(t *testing.T) {
	s, dir, _ := exportBig(t, "q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("status %s, want 0", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "err.txt")); !strings.Contains(string(b), "Exported 20000 events to "+filepath.Join(dir, "out.md")+" before quitting") {
		t.Errorf("tlx said %q", b)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "out.md")); err != nil || len(b) < 1<<20 {
		t.Errorf("out.md is not the whole export: %d bytes, %v", len(b), err)
	}
	if left := temporaryFiles(t, dir); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

// ctrl+c, SIGTERM and SIGHUP during an export cancel it: no temporary file, no out.md,
// the status is the signal's (130 for ctrl+c), and the terminal says what happened.
func TestExplorerStopDuringExport(t *testing.T) {
	for _, tc := range []struct {
		name string
		key  string
		sig  syscall.Signal
		code string
		says string
	}{
		{"ctrl+c", "C-c", 0, "130", "cancelled (ctrl+c)"},
		{"SIGTERM", "", syscall.SIGTERM, "143", "cancelled (stopped by SIGTERM)"},
		{"SIGHUP", "", syscall.SIGHUP, "129", "cancelled (stopped by SIGHUP)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var then []string
			if tc.key != "" {
				then = []string{tc.key}
			}
			var s *session
			var dir string
			var b []byte
			// A signal is sent once the temporary file appears; the export may still win
			// the race and put the whole file in place first (it takes a fraction of a
			// second). That run says nothing of cancelling: try again, a few times.
			for try := 1; ; try++ {
				var pid int
				s, dir, pid = exportBig(t, then...)
				if tc.sig != 0 {
					waitTemporaryFile(t, s, dir)
					if err := syscall.Kill(pid, tc.sig); err != nil {
						t.Fatal(err)
					}
				}
				if got := s.exitStatus(); got != tc.code {
					t.Errorf("status %s, want %s", got, tc.code)
				}
				b, _ = os.ReadFile(filepath.Join(dir, "err.txt"))
				_, err := os.Stat(filepath.Join(dir, "out.md"))
				if tc.sig == 0 || err != nil || strings.Contains(string(b), "cancelled") || try == 3 {
					break
				}
				t.Logf("try %d: the export was written before %v arrived (tlx said %q); again", try, tc.sig, b)
			}
			if !strings.Contains(string(b), tc.says) || !strings.Contains(string(b), "the temporary file was removed") {
				t.Errorf("tlx said %q", b)
			}
			if left := temporaryFiles(t, dir); len(left) > 0 {
				t.Errorf("left %v", left)
			}
			if _, err := os.Stat(filepath.Join(dir, "out.md")); err == nil {
				t.Error("out.md was written although the export was cancelled")
			}
		})
	}
}

// Closing the terminal (tmux kill-session) during an export ends the explorer and
// removes the export's temporary file.
func TestExplorerKillSessionDuringExport(t *testing.T) {
	s, dir, pid := exportBig(t)
	waitTemporaryFile(t, s, dir)
	if out, err := exec.Command("tmux", "-L", s.socket, "kill-session", "-t", "0").CombinedOutput(); err != nil {
		t.Fatalf("tmux kill-session: %v\n%s", err, out)
	}
	if !waitExit(pid, 10*time.Second) {
		t.Fatal("tlx still runs 10 s after its terminal closed")
	}
	if left := temporaryFiles(t, dir); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

// A megabyte word in a title, a summary, a place, a quote and a publisher, and a source
// URL of 500 KB: the event shows at once, and q quits within a second or two. Before the
// explorer's rendering was bounded, such a file hung it for minutes and ignored q.
func TestExplorerHugeWord(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	word := strings.Repeat("x", 1<<20)
	src := "title = \"Huge\"\n\n[[events]]\nid = \"a\"\ndate = 2024-01-01\ntitle = \"short\"\n\n  [[events.sources]]\n  publisher = \"p\"\n\n" +
		"[[events]]\nid = \"b\"\ndate = 2024-02-01\ntitle = \"" + word + "\"\nsummary = \"" + word + "\"\nlocation = \"" + word + "\"\n\n" +
		"  [[events.sources]]\n  publisher = \"" + word + "\"\n  quote = \"" + word + "\"\n  url = \"https://example.com/" + strings.Repeat("y", 500<<10) + "\"\n"
	if err := os.WriteFile(filepath.Join(dir, "huge.toml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s := start(t, 120, 40, dir, []string{"XDG_DATA_HOME=" + dir}, exe, "-f", "huge.toml")
	s.waitText("2 of 2 events")
	s.send("j", "Enter", "G")
	s.waitText("too long to show")
	begin := time.Now()
	s.send("q")
	if got := s.exitStatus(); got != "0" {
		t.Errorf("status %s, want 0", got)
	}
	// exitStatus polls every 20 ms; two seconds is generous for a redraw of 40 lines.
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("q took %v to quit", d)
	}
}

// TestExplorerSIGHUPKeepsTheNote closes the terminal, as SIGHUP says, while a note is
// being written: the words are saved to the notebook, and once the screen is gone tlx
// says so. Before, they were lost with the window.
func TestExplorerSIGHUPKeepsTheNote(t *testing.T) {
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	s := start(t, 100, 30, dir, []string{"XDG_DATA_HOME=" + dir}, "sh", "-c", `echo $$ > pid; exec "$0"`, exe)
	s.waitText(" of ", " events", "q quit")
	s.send("n")
	s.waitText("Your note on")
	s.typeText("words when the window closed")
	s.waitText("words when the window closed")
	if err := syscall.Kill(pidOf(t, filepath.Join(dir, "pid")), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	if got := s.exitStatus(); got != "129" {
		t.Errorf("status %s", got)
	}
	s.waitText("was being written (stopped by SIGHUP)", "notebooks/built-in.toml")
	cmd := exec.Command(exe, "notes")
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir)
	if out, _ := cmd.CombinedOutput(); !strings.Contains(string(out), "words when the window closed") {
		t.Errorf("tlx notes prints:\n%s", out)
	}
}
