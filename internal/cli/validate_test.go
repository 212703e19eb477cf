package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenProblems returns the expected lines for a bad testdata file as validate prints them
// for path: the .err golden names the file by its base name.
func goldenProblems(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(strings.TrimSuffix(path, ".toml") + ".err")
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(path)
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		lines = append(lines, path+strings.TrimPrefix(l, base))
	}
	return lines
}

func TestValidate(t *testing.T) {
	good := "../../testdata/good/full.toml"
	five := "../../testdata/bad/five.toml"
	syntax := "../../testdata/bad/syntax.toml"
	missing := filepath.Join(t.TempDir(), "nope.toml")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
	}{
		{"valid file prints nothing", []string{"validate", good}, 0, nil},
		{"verbose says ok", []string{"validate", "-v", good}, 0, []string{good + ": ok"}},
		{"built-in timeline", []string{"validate", "--verbose"}, 0, []string{"data/timeline.toml: ok"}},
		{"--file is checked", []string{"validate", "-v", "-f", good}, 0, []string{good + ": ok"}},
		{"five problems, all printed", []string{"validate", five}, 1, goldenProblems(t, five)},
		{"several files", []string{"validate", good, five, syntax}, 1,
			append(goldenProblems(t, five), goldenProblems(t, syntax)...)},
		{"missing file", []string{"validate", missing}, 1, []string{missing + ": no such file; check the path"}},
		{"a directory", []string{"validate", "../../testdata"}, 1, []string{"../../testdata: is a directory; give the path of a .toml file"}},
		{"JSON", []string{"validate", "../../testdata/bad/json.toml"}, 1,
			[]string{`../../testdata/bad/json.toml:1: looks like JSON, but neither tlx JSON nor TimelineJS JSON; tlx JSON starts {"format": "tlx", ...}, TimelineJS JSON has "events": [...] and a "title" slide; see tlx help format`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			want := ""
			if len(tt.stdout) > 0 {
				want = strings.Join(tt.stdout, "\n") + "\n"
			}
			if stdout != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
			}
			if stderr != "" {
				t.Errorf("stderr %q, want nothing", stderr)
			}
		})
	}
}

func TestValidateFiveKinds(t *testing.T) {
	code, stdout, _ := runCLI(t, "validate", "../../testdata/bad/five.toml")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 1 || len(lines) != 5 {
		t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), stdout)
	}
	for i, want := range []string{"missing title", "unknown key \"titel\"", "invalid date \"2024-02-30\"", "unknown status", "must be http or https"} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d %q does not say %q", i+1, lines[i], want)
		}
	}
}

func TestValidateUsage(t *testing.T) {
	code, stdout, stderr := runCLI(t, "validate", "--no-such-flag")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "unknown flag") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestValidateStdin(t *testing.T) {
	var out bytes.Buffer
	o := &options{}
	err := o.runValidate(strings.NewReader("title = \"x\"\nstatus = 1\n"), &out, []string{"-"}, false, false)
	if exitCode(err) != exitFailed {
		t.Errorf("exit %d, want %d", exitCode(err), exitFailed)
	}
	want := "standard input:2:1: unknown key \"status\"; the keys here are title, description, actors, themes, events\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestValidateSanitizes(t *testing.T) {
	path := writeFixture(t, "title = \"x\"\n\"\\u001b[2J\" = 1\n")
	code, stdout, _ := runCLI(t, "validate", path)
	if code != 1 || strings.ContainsRune(stdout, 0x1b) || !strings.Contains(stdout, `unknown key "\x1b[2J"`) {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
}

// TestProblemsCapped checks that a file with many problems prints the first 50 and how
// many more there are, with an exit status that still says bad, and that --all-problems
// prints every one. A file of 200,000 problems used to print 200,000 lines.
func TestProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("title = \"t\"\n")
	for i := range 300 {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	path := writeFixture(t, b.String())
	closing := "... and 250 more problems; tlx validate --all-problems prints them all"
	for _, args := range [][]string{{"validate", path}, {"list", "-f", path}, {"export", "-f", path}} {
		code, stdout, stderr := runCLI(t, args...)
		out := stdout + stderr
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != exitFailed || len(lines) != 51 || lines[50] != closing || !strings.HasPrefix(lines[0], path+":2:1: unknown key \"k0\"") {
			t.Errorf("%v: exit %d, %d lines, last %q", args, code, len(lines), lines[len(lines)-1])
		}
	}
	code, stdout, _ := runCLI(t, "validate", "--all-problems", path)
	if lines := strings.Count(stdout, "\n"); code != exitFailed || lines != 300 || strings.Contains(stdout, "more problems") {
		t.Errorf("--all-problems: exit %d, %d lines", code, lines)
	}
}
