//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// TestExportSignals interrupts tlx export -o, while it writes, with each signal that ends
// a process and can be caught: ctrl+c and ctrl+\ typed in the terminal, kill's SIGTERM,
// and the SIGHUP of a closed terminal. Each time the temporary file is removed, the
// message says so and which signal it was, and the status is the signal's. Before,
// SIGHUP and SIGQUIT left a hidden .out.md.tmp-* file of tens of megabytes.
func TestExportSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("exports a 20,000-event timeline four times")
	}
	needTmux(t)
	exe := buildTLX(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.toml"), timelinetest.Generate(20_000, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		key  string         // typed in the terminal, or
		sig  syscall.Signal // sent with kill
		code int
	}{
		{"SIGINT", "C-c", 0, 130},
		{"SIGQUIT", `C-\`, 0, 131},
		{"SIGTERM", "", syscall.SIGTERM, 143},
		{"SIGHUP", "", syscall.SIGHUP, 129},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pidFile := filepath.Join(dir, "pid")
			out := filepath.Join(dir, "out.md")
			// The signal goes once the temporary file appears; the export of 20,000 events
			// takes a fraction of a second and may still win the race under load, putting
			// the whole file in place first. That run says nothing of stopping: try again.
			var scr, got string
			for try := 1; ; try++ {
				os.Remove(pidFile)
				os.Remove(out)
				s := startTrapping(t, dir, `echo $$ > pid; exec "$0" export -f big.toml -o out.md`, exe)
				s.timeout = 4 * waitTimeout
				// Wait until the export writes, which is when its temporary file appears.
				deadline := time.Now().Add(s.timeout)
				for len(temporaryFiles(t, dir)) == 0 {
					if time.Now().After(deadline) {
						t.Fatalf("no temporary file appeared; the screen shows:\n%s", s.screen(false))
					}
					time.Sleep(5 * time.Millisecond)
				}
				if tc.key != "" {
					s.send(tc.key)
				} else {
					b, err := os.ReadFile(pidFile)
					pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
					if err != nil || pid == 0 {
						t.Fatalf("no pid: %v", err)
					}
					if err := syscall.Kill(pid, tc.sig); err != nil {
						t.Fatal(err)
					}
				}
				got = s.exitStatus()
				scr = s.screen(false)
				if got != "0" || try == 3 {
					break
				}
				t.Logf("try %d: the export was written before %s arrived; again:\n%s", try, tc.name, scr)
			}
			if want := "Export stopped by " + tc.name + ": the temporary file was removed and out.md was left as it was"; !strings.Contains(scr, want) {
				t.Errorf("the screen lacks %q:\n%s", want, scr)
			}
			if got != strconv.Itoa(tc.code) {
				t.Errorf("status %s, want %d:\n%s", got, tc.code, scr)
			}
			if left := temporaryFiles(t, dir); len(left) > 0 {
				t.Errorf("left %v", left)
			}
			if _, err := os.Stat(filepath.Join(dir, "out.md")); err == nil {
				t.Errorf("out.md was written although the export was stopped")
			}
		})
	}
}

// startTrapping is start for a command that ctrl+c or ctrl+\ interrupts outside the
// explorer's raw mode: the terminal signals the whole foreground group, and the shell that
// start runs would die of it before writing the exit status. Here that shell traps them.
func startTrapping(t *testing.T, dir, script, arg0 string) *session {
	t.Helper()
	s := &session{t: t, socket: fmt.Sprintf("tlxsig-%d-%d", os.Getpid(), time.Now().UnixNano()),
		exit: filepath.Join(t.TempDir(), "exit"), timeout: waitTimeout}
	outer := fmt.Sprintf("trap true INT QUIT; XDG_CACHE_HOME=%s; export XDG_CACHE_HOME; cd %s && sh -c %s %s; echo EXIT=$? > %s; sleep 600",
		shellQuote(filepath.Join(t.TempDir(), "cache")), shellQuote(dir), shellQuote(script), shellQuote(arg0), shellQuote(s.exit))
	args := []string{"-L", s.socket, "-f", "/dev/null", "new-session", "-d", "-x", "150", "-y", "20", "sh", "-c", outer}
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

// temporaryFiles lists the export's temporary files in dir.
func temporaryFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".out.md.tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
