// Package mantest renders man pages with the system's man, for tests.
package mantest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Need skips the test when man is not installed, and fails it under CI, whose .ci/run
// installs man-db and groff.
func Need(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("man"); err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("man is not installed; .ci/run installs man-db and groff")
	}
	t.Skip("man is not installed")
}

// Render formats roff with man -l at 80 columns, as a reader's terminal would show it
// with its bold and underlines taken off (col -b's work), and returns the text and what
// groff warned about.
func Render(t testing.TB, roff []byte) (text, warnings string) {
	t.Helper()
	Need(t)
	path := filepath.Join(t.TempDir(), "page.1")
	if err := os.WriteFile(path, roff, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("man", "--warnings", "-E", "UTF-8", "-l", path)
	cmd.Env = append(os.Environ(), "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat", "MAN_KEEP_FORMATTING=", "LC_ALL=C.UTF-8")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("man -l: %v\n%s", err, errb.String())
	}
	return stripOverstrike(out.String()), errb.String()
}

// stripOverstrike removes the backspace sequences with which man marks bold (c\bc) and
// underline (_\bc) when its output is not a terminal, as col -b does.
func stripOverstrike(s string) string {
	if !strings.Contains(s, "\b") {
		return s
	}
	r := []rune(s)
	out := make([]rune, 0, len(r))
	for i := 0; i < len(r); i++ {
		if i+1 < len(r) && r[i+1] == '\b' && i+2 < len(r) {
			continue // the struck-over character: the one after the backspace stays
		}
		if r[i] == '\b' {
			continue
		}
		out = append(out, r[i])
	}
	return string(out)
}
