package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
)

// TestConvert converts the embedded timeline into every format, chosen by the output's
// name or by --to, and reads back those tlx reads as the same events.
func TestConvert(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "timeline.toml")
	if err := os.WriteFile(in, data.Timeline, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := timeline.Open(in, data.Timeline)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		out, to string
		reads   bool
	}{
		{"a.md", "", false}, {"a.timelinejs.json", "", true}, {"a.csv", "", true}, {"a.jsonl", "", false},
		{"a.ics", "", false}, {"a.json", "", true}, {"a.toml", "", true}, {"tl.data", "timelinejs", true},
		{"b.json", "timelinejs", true},
	} {
		t.Run(tt.out, func(t *testing.T) {
			out := filepath.Join(dir, tt.out)
			args := []string{"convert", in, "-o", out}
			if tt.to != "" {
				args = append(args, "--to", tt.to)
			}
			code, stdout, stderr := runCLI(t, args...)
			if code != 0 || stdout != "" || !strings.HasPrefix(stderr, fmt.Sprintf("Converted %d events to %s", len(want.Events), out)) {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
			if !tt.reads {
				return
			}
			got, err := timeline.Load(out)
			if err != nil {
				t.Fatalf("read back: %v", err)
			}
			if len(got.Events) != len(want.Events) || got.Events[7].ID != want.Events[7].ID {
				t.Errorf("read back %d events", len(got.Events))
			}
		})
	}
}

func TestConvertErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "timeline.toml")
	os.WriteFile(in, data.Timeline, 0o644)
	exists := filepath.Join(dir, "exists.json")
	os.WriteFile(exists, []byte("keep me"), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no input", []string{"convert", "-o", "x.json"}, 2, "tlx convert: missing IN"},
		{"unknown ending", []string{"convert", in, "-o", filepath.Join(dir, "x.data")}, 2, ".data is not a format tlx writes; end the name with .md"},
		{"no ending", []string{"convert", in, "-o", filepath.Join(dir, "x")}, 2, "its name does not say a format; add --to"},
		{"standard output needs --to", []string{"convert", in}, 2, "--to: give the format to write to standard output"},
		{"unknown format", []string{"convert", in, "--to", "icss"}, 2, `--to "icss" is not a format tlx writes; did you mean "ics"?`},
		{"exists", []string{"convert", in, "-o", exists}, 1, "already exists and was left untouched; add --force"},
		{"bad input", []string{"convert", filepath.Join(dir, "missing.csv"), "-o", filepath.Join(dir, "y.json")}, 1, "missing.csv: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
	if b, _ := os.ReadFile(exists); string(b) != "keep me" {
		t.Errorf("an existing file was overwritten without --force: %q", b)
	}
	if code, _, stderr := runCLI(t, "convert", in, "-o", exists, "--force"); code != 0 {
		t.Fatalf("--force: exit %d, %s", code, stderr)
	}
	if _, err := timeline.Load(exists); err != nil {
		t.Errorf("--force wrote a file that does not load: %v", err)
	}
	// Standard output, with --to.
	tl, _ := timeline.Open(in, data.Timeline)
	code, stdout, _ := runCLI(t, "convert", in, "--to", "jsonl")
	if code != 0 || strings.Count(stdout, "\n") != len(tl.Events) || !strings.HasPrefix(stdout, `{"message": `) {
		t.Errorf("convert --to jsonl to standard output: exit %d, %.200q", code, stdout)
	}
}

// TestExportFormat: tlx export writes the filtered view in the format --format names, or
// -o's name ends with; only Markdown takes the reader's notes.
func TestExportFormat(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCLI(t, "export", "--theme", "cyber", "-o", filepath.Join(dir, "cyber.ics"))
	if code != 0 || !strings.Contains(stderr, "Exported ") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "cyber.ics"))
	if !strings.HasPrefix(string(b), "BEGIN:VCALENDAR\r\n") {
		t.Errorf("not iCalendar: %.100q", b)
	}
	code, stdout, _ := runCLI(t, "export", "--theme", "cyber", "--format", "JSON")
	tl, err := timeline.Open("out.json", []byte(stdout))
	if code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	for _, e := range tl.Events {
		if !strings.Contains(strings.Join(e.Themes, " "), "cyber") {
			t.Errorf("event %q is not in the filtered view", e.ID)
		}
	}
	if code, _, stderr := runCLI(t, "export", "--format", "pdf"); code != 2 || !strings.Contains(stderr, "markdown, timelinejs, csv, jsonl, ics, json, toml") {
		t.Errorf("--format pdf: exit %d, %q", code, stderr)
	}
}

// TestExportUnknownEnding: -o with an ending no format has (a typo such as .jsn) is
// refused with the endings and how to force a format, and writes nothing; a name without
// an ending is Markdown and the message says so; --format md writes Markdown under any
// name (F3 of tryout3).
func TestExportUnknownEnding(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"cli.jsn", "out.xyz"} {
		path := filepath.Join(dir, name)
		code, _, stderr := runCLI(t, "export", "-o", path)
		ext := filepath.Ext(name)
		if code != 2 || !strings.Contains(stderr, ext+" is not a format tlx writes") ||
			!strings.Contains(stderr, ".md, .timelinejs.json, .csv, .jsonl, .ics, .json or .toml") || !strings.Contains(stderr, "--format md") {
			t.Errorf("-o %s: exit %d, %q", name, code, stderr)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("-o %s wrote a file", name)
		}
	}
	code, _, stderr := runCLI(t, "export", "-o", filepath.Join(dir, "report"))
	if code != 0 || !strings.Contains(stderr, "as Markdown") {
		t.Errorf("-o report: exit %d, %q does not say as Markdown", code, stderr)
	}
	path := filepath.Join(dir, "forced.xyz")
	code, _, stderr = runCLI(t, "export", "--format", "md", "-o", path)
	if b, _ := os.ReadFile(path); code != 0 || !strings.HasPrefix(string(b), "# ") {
		t.Errorf("--format md -o forced.xyz: exit %d, %q, file %.20q", code, stderr, b)
	}
	code, _, stderr = runCLI(t, "convert", "../../testdata/good/minimal.toml", "-o", filepath.Join(dir, "c.jsn"))
	if code != 2 || !strings.Contains(stderr, ".jsn is not a format tlx writes") || !strings.Contains(stderr, "--to") {
		t.Errorf("convert -o c.jsn: exit %d, %q", code, stderr)
	}
}

// TestConvertUnsourcedSlides: most TimelineJS slides have no media, so no source. tlx
// convert still writes them as tlx TOML, each event without a source marked with a TODO
// comment where its [[events.sources]] goes, and says how many; the TOML does not load
// until each has one, and every other use of the file refuses it as before (F17 of
// tryout3).
func TestConvertUnsourcedSlides(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "kl.json")
	os.WriteFile(in, []byte(`{"title": {"text": {"headline": "Knight Lab style"}},
 "events": [
  {"start_date": {"year": 2024, "month": 6}, "text": {"headline": "Sourced", "text": "With media."},
   "media": {"url": "https://example.com/a", "credit": "AP"}, "unique_id": "sourced"},
  {"start_date": {"year": 2025}, "text": {"headline": "Text only", "text": "No media."}, "unique_id": "growth"},
  {"start_date": {"year": 2025, "month": 3}, "text": {"headline": "Also text only"}, "unique_id": "later"}
 ]}`), 0o644)
	out := filepath.Join(dir, "kl.toml")
	code, _, stderr := runCLI(t, "convert", in, "-o", out)
	if code != 0 || !strings.Contains(stderr, "Converted 3 events to "+out) ||
		!strings.Contains(stderr, "2 events have no source yet") || !strings.Contains(stderr, "TODO") {
		t.Fatalf("convert: exit %d, %q", code, stderr)
	}
	toml := readFile(t, out)
	if n := strings.Count(toml, "# TODO: no source yet"); n != 2 {
		t.Errorf("%d TODO comments, want 2:\n%s", n, toml)
	}
	// The TOML names each unsourced event as tlx validate does, until it has a source.
	code, stdout, stderr := runCLI(t, "validate", out)
	stderr += stdout
	if code != 1 || strings.Count(stderr, "has no source") != 2 || !strings.Contains(stderr, `event "growth"`) {
		t.Errorf("validate kl.toml: exit %d, %q", code, stderr)
	}
	fixed := strings.ReplaceAll(toml, "  # [[events.sources]]\n  # publisher = \"...\"\n", "  [[events.sources]]\n  publisher = \"Me\"\n")
	os.WriteFile(out, []byte(fixed), 0o644)
	if code, _, stderr := runCLI(t, "validate", out); code != 0 {
		t.Errorf("kl.toml with the TODOs done does not load: %s", stderr)
	}
	// Other formats and commands refuse the file as before.
	if code, _, stderr := runCLI(t, "convert", in, "-o", filepath.Join(dir, "kl.ics")); code != 1 || !strings.Contains(stderr, "has no source") {
		t.Errorf("convert to .ics: exit %d, %q", code, stderr)
	}
	if code, _, _ := runCLI(t, "list", "-f", in); code != 1 {
		t.Errorf("list -f kl.json: exit %d", code)
	}
}
