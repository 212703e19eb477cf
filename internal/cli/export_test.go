package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

func embeddedTimeline(t *testing.T) *timeline.Timeline {
	t.Helper()
	tl, err := timeline.Open(data.Name, data.Timeline)
	if err != nil {
		t.Fatalf("parse the embedded timeline: %v", err)
	}
	return tl
}

// TestExportSameEventsAsFilter pins that a filter given as flags to tlx export selects the
// same events, in the same order, as the same timeline.Filter does in the explorer, whose
// export key calls export.Markdown with its view's filter: the documents are byte for byte
// the same, and hold one heading per event of t.Filter, in order.
func TestExportSameEventsAsFilter(t *testing.T) {
	tl := embeddedTimeline(t)
	r := func(s string) timeline.Range {
		rg, err := timeline.ParseRange(s)
		if err != nil {
			t.Fatal(err)
		}
		return rg
	}
	tests := []struct {
		args   []string
		filter timeline.Filter
	}{
		{nil, timeline.Filter{}},
		{[]string{"--actor", "iran"}, timeline.Filter{}.With(timeline.ActorFilter, "iran")},
		{[]string{"-a", "Tehran,russia", "-a", "China"}, timeline.Filter{}.With(timeline.ActorFilter, "Tehran", "russia", "China")},
		{[]string{"-t", "cyber", "--from", "2024-06", "--to", "2024-09"}, timeline.Filter{}.With(timeline.ThemeFilter, "cyber").WithDates(r("2024-06..2024-09"))},
		{[]string{"--status", "alleged,denied"}, timeline.Filter{}.With(timeline.StatusFilter, "alleged", "denied")},
		{[]string{"--to", "2021"}, timeline.Filter{}.WithDates(r("..2021"))},
		{[]string{"-s", `"hack" campaign`}, timeline.Filter{}.WithText(`"hack" campaign`)},
		{[]string{"-a", "iran", "-t", "influence", "--status", "confirmed,reported", "--from", "2024", "-s", "trump"},
			timeline.Filter{}.With(timeline.ActorFilter, "iran").With(timeline.ThemeFilter, "influence").With(timeline.StatusFilter, "confirmed", "reported").WithDates(r("2024..")).WithText("trump")},
		{[]string{"-s", "zqxjv nothing"}, timeline.Filter{}.WithText("zqxjv nothing")},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"export"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			events, err := tl.Filter(tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := export.Markdown(&want, tl, events, export.Options{Filter: tt.filter, Version: "test"}); err != nil {
				t.Fatal(err)
			}
			if out != want.String() {
				t.Errorf("tlx export %s differs from export.Markdown(t.Filter(%+v))", strings.Join(tt.args, " "), tt.filter)
			}
			var headings []string
			for _, l := range strings.Split(out, "\n") {
				if h, ok := strings.CutPrefix(l, "### "); ok {
					headings = append(headings, unescapeMarkdown(h))
				}
			}
			if len(headings) != len(events) {
				t.Fatalf("%d event headings, want %d", len(headings), len(events))
			}
			for i, e := range events {
				if headings[i] != export.HeadingText(e) {
					t.Errorf("heading %d is %q, want %q (event %s)", i+1, headings[i], export.HeadingText(e), e.ID)
				}
			}
		})
	}
}

// unescapeMarkdown removes the backslashes before ASCII punctuation.
func unescapeMarkdown(s string) string {
	return regexp.MustCompile(`\\([!-/:-@\[-`+"`"+`{-~])`).ReplaceAllString(s, "$1")
}

// noTemp fails when dir holds anything but want: a temporary file left behind.
func noTemp(t *testing.T, dir string, want ...string) {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, de := range des {
		got = append(got, de.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("folder holds %q, want %q", got, want)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExportToFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "routh.md")
	code, out, errOut := runCLI(t, "export", "--actor", "routh", "-o", path)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "Exported ") || !strings.Contains(errOut, path) {
		t.Errorf("stderr %q does not say what was written where", errOut)
	}
	_, stdout, _ := runCLI(t, "export", "--actor", "routh")
	if got := readFile(t, path); got != stdout {
		t.Errorf("the file differs from the same export to standard output")
	}
	if _, dash, _ := runCLI(t, "export", "--actor", "routh", "-o", "-"); dash != stdout {
		t.Errorf("-o - does not write to standard output")
	}
	noTemp(t, dir, "routh.md")
}

func TestExportRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.md")
	os.WriteFile(path, []byte("my precious notes\n"), 0o600)
	code, _, errOut := runCLI(t, "export", "-o", path)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{path, "already exists", "--force"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("message %q does not mention %q", errOut, want)
		}
	}
	if got := readFile(t, path); got != "my precious notes\n" {
		t.Errorf("the file was changed to %q", got[:min(40, len(got))])
	}
	noTemp(t, dir, "report.md")

	// --force replaces it, atomically, keeping its permissions.
	code, _, errOut = runCLI(t, "export", "-o", path, "--force", "--status", "denied")
	if code != 0 {
		t.Fatalf("--force: exit %d: %s", code, errOut)
	}
	_, want, _ := runCLI(t, "export", "--status", "denied")
	if got := readFile(t, path); got != want {
		t.Errorf("--force did not write the export")
	}
	if st, _ := os.Stat(path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old file's 0600", st.Mode().Perm())
	}
	noTemp(t, dir, "report.md")
}

func TestExportUnwritable(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "plain"), []byte("x"), 0o644)
	tests := []struct{ name, path, want string }{
		{"missing folder", filepath.Join(dir, "missing", "out.md"), "does not exist"},
		{"folder given", dir, "is a folder"},
		{"file as folder", filepath.Join(dir, "plain", "out.md"), "not a folder"},
	}
	for _, tt := range tests {
		for _, force := range []bool{false, true} {
			args := []string{"export", "-o", tt.path}
			if force {
				args = append(args, "--force")
			}
			code, _, errOut := runCLI(t, args...)
			if code != 1 || !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, tt.path) {
				t.Errorf("%s (force %v): exit %d, message %q; want 1 and a message naming the path and saying %q",
					tt.name, force, code, errOut, tt.want)
			}
			if strings.Contains(errOut, "\n\t") || strings.Contains(errOut, "goroutine") {
				t.Errorf("%s: a stack trace: %s", tt.name, errOut)
			}
		}
	}
	noTemp(t, dir, "plain")
}

func TestExportReproducibleAndStamp(t *testing.T) {
	_, a, _ := runCLI(t, "export", "-t", "cyber")
	_, b, _ := runCLI(t, "export", "-t", "cyber")
	if a != b {
		t.Errorf("two exports of the same view differ")
	}
	if strings.Contains(a, " UTC") {
		t.Errorf("an export without --stamp holds a time")
	}
	code, s, errOut := runCLI(t, "export", "-t", "cyber", "--stamp")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !regexp.MustCompile(`(?m)^- Exported with tlx test on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d UTC$`).MatchString(s) {
		t.Errorf("--stamp gives no export time in the header:\n%s", s[:min(len(s), 400)])
	}
}

func TestExportTitleAndFile(t *testing.T) {
	path := writeFixture(t, listFixture)
	code, out, errOut := runCLI(t, "export", "-f", path, "--title", "Cyber *notes* #1", "-t", "cyber")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	first, _, _ := strings.Cut(out, "\n")
	if first != `# Cyber \*notes\* \#1` {
		t.Errorf("first line %q, want the escaped --title", first)
	}
	if !strings.Contains(out, "“List fixture” (fixture.toml)") {
		t.Errorf("the header does not name the timeline and its file:\n%s", out)
	}
	if !strings.Contains(out, "- 2 of 3 events") || !strings.Contains(out, "- Filters: theme Cyber operations") {
		t.Errorf("the header does not give the count and the filter in words:\n%s", out)
	}
}

// brokenWriter is standard output whose reader has gone.
type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) {
	return 0, errors.New("write /dev/stdout: broken pipe")
}

func TestExportBrokenStdout(t *testing.T) {
	var errb bytes.Buffer
	code := run(context.Background(), Build{Version: "test"}, []string{"export"}, brokenWriter{}, &errb)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if msg := errb.String(); !strings.Contains(msg, "write to standard output") || !strings.Contains(msg, "broken pipe") || strings.Count(msg, "\n") != 1 {
		t.Errorf("message %q, want one line about standard output", msg)
	}
}

func TestExportUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"export", "--force"},
		{"export", "--actor", "iarn"},
		{"export", "--from", "2024-13"},
		{"export", "extra"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 2 || out != "" || errOut == "" {
			t.Errorf("tlx %s: exit %d, stdout %d bytes, stderr %q; want exit 2, a message and no document",
				strings.Join(args, " "), code, len(out), errOut)
		}
	}
}

// TestExportInterrupted: an export stopped half-way (ctrl+c) leaves the old file as it was
// and no temporary file, and exits 130 like any interrupted command.
func TestExportInterrupted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	os.WriteFile(path, []byte("old"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, Build{Version: "test"}, []string{"export", "-o", path, "--force"}, &out, &errb)
	if code != exitStopped {
		t.Errorf("exit %d, want %d; stderr %q", code, exitStopped, errb.String())
	}
	if !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("stderr %q does not say the export was interrupted", errb.String())
	}
	if got := readFile(t, path); got != "old" {
		t.Errorf("the old file became %q", got[:min(len(got), 40)])
	}
	noTemp(t, dir, "out.md")
}
