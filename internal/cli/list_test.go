package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/term"

	"github.com/tlx-dev/tlx/timeline"
)

const listFixture = `title = "List fixture"

[[actors]]
id = "iran"
name = "Iran"
aliases = ["Tehran"]

[[actors]]
id = "msft"
name = "Microsoft"

[[themes]]
id = "cyber"
name = "Cyber operations"

[[events]]
id = "report"
date = 2024-08-09
title = "Microsoft report released"
actors = ["msft"]
themes = ["cyber"]
status = "confirmed"

  [[events.sources]]
  publisher = "The Associated Press"
  quote = "Microsoft said Friday"

[[events]]
id = "phishing"
date = "2024-06"
title = "Phishing of a campaign official"
actors = ["iran"]
themes = ["cyber"]
status = "reported"

  [[events.sources]]
  publisher = "Microsoft"
  url = "https://example.com/report"

[[events]]
id = "year-long"
date = "2024"
end = "2025"
title = "Influence sites"
actors = ["iran"]

  [[events.sources]]
  publisher = "AP"
`

// runCLI runs tlx with args and returns its exit status and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), Build{Version: "test"}, args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFixture(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fixture.toml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestList(t *testing.T) {
	path := writeFixture(t, listFixture)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"everything, dates at their precision", nil,
			"2024→       year-long  Influence sites\n" +
				"2024-06     phishing   Phishing of a campaign official\n" +
				"2024-08-09  report     Microsoft report released\n"},
		{"actor alias", []string{"--actor", "tehran"},
			"2024→       year-long  Influence sites\n" +
				"2024-06     phishing   Phishing of a campaign official\n"},
		{"comma-separated actors", []string{"--actor", "msft,Iran", "--theme", "cyber"},
			"2024-06     phishing  Phishing of a campaign official\n" +
				"2024-08-09  report    Microsoft report released\n"},
		{"repeated flag", []string{"-a", "msft", "-a", "iran", "--status", "confirmed"},
			"2024-08-09  report  Microsoft report released\n"},
		{"from a month", []string{"--from", "2024-07"},
			"2024→       year-long  Influence sites\n" +
				"2024-08-09  report     Microsoft report released\n"},
		{"to a month runs through it", []string{"--to", "2024-06", "--theme", "cyber"},
			"2024-06     phishing  Phishing of a campaign official\n"},
		{"search", []string{"--search", "said friday"},
			"2024-08-09  report  Microsoft report released\n"},
		{"nothing matches", []string{"--search", "nothing here"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"list", "-f", path}, tt.args...)...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if out != tt.want {
				t.Errorf("output\n%s\nwant\n%s", out, tt.want)
			}
		})
	}
}

func TestListJSON(t *testing.T) {
	path := writeFixture(t, listFixture)
	code, out, errOut := runCLI(t, "list", "-f", path, "--json", "--actor", "iran")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Format  string           `json:"format"`
		Version int              `json:"version"`
		Title   string           `json:"title"`
		File    string           `json:"file"`
		Filter  string           `json:"filter"`
		Total   int              `json:"total"`
		Actors  []map[string]any `json:"actors"`
		Events  []map[string]any `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	// A versioned document, the shape of tlx JSON's, that says what it lists.
	if doc.Format != "tlx-list" || doc.Version != 1 || doc.Title != "List fixture" || doc.File != path ||
		doc.Filter != "actor:iran" || doc.Total != 3 || len(doc.Actors) != 2 || doc.Actors[0]["name"] != "Iran" {
		t.Errorf("unexpected document: %s", out)
	}
	got := doc.Events
	// The shape of tlx JSON's events: every field present, dates as objects.
	text := func(v any) any {
		if m, ok := v.(map[string]any); ok {
			return m["text"]
		}
		return v
	}
	if len(got) != 2 || got[0]["id"] != "year-long" || text(got[0]["date"]) != "2024" || text(got[0]["end"]) != "2025" {
		t.Errorf("unexpected JSON: %s", out)
	}
	src := got[1]["sources"].([]any)[0].(map[string]any)
	if text(got[1]["date"]) != "2024-06" || src["url"] != "https://example.com/report" || got[1]["status"] != "reported" {
		t.Errorf("unexpected JSON event: %v", got[1])
	}
	date := got[1]["date"].(map[string]any)
	if date["precision"] != "month" || date["first"] != "2024-06-01" || date["last"] != "2024-06-30" {
		t.Errorf("date %v: want month precision, first 2024-06-01, last 2024-06-30", date)
	}
	for _, key := range []string{"id", "date", "end", "title", "summary", "actors", "themes", "location", "status", "related", "sources"} {
		if _, ok := got[1][key]; !ok {
			t.Errorf("key %q missing: every field is always present", key)
		}
	}
	if got[1]["end"] != nil {
		t.Error("an event without end has end: null")
	}

	// No match is an empty array, not null.
	_, out, _ = runCLI(t, "list", "-f", path, "--json", "--search", "zzz")
	if !strings.Contains(out, `"events": []`) {
		t.Errorf("empty result = %q, want \"events\": []", out)
	}
}

func TestListErrors(t *testing.T) {
	path := writeFixture(t, listFixture)
	dir := t.TempDir()
	// A bad file is a failure, not a wrong command line, whatever its name says: its
	// problems start with the name as given, here a relative one.
	t.Chdir(dir)
	oddName := "unknown flag.toml"
	if err := os.WriteFile(oddName, []byte("title = \"x\"\n[[events]]\nid = \"a\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"bad file named like a usage error", []string{"list", "-f", oddName}, 1, `unknown flag.toml:2:1: missing date in event "a"`},
		{"unknown actor with suggestion", []string{"list", "-f", path, "--actor", "iarn"}, 2, `unknown actor "iarn"; did you mean "iran"?`},
		{"bad from date", []string{"list", "-f", path, "--from", "2024-13"}, 2, `--from: invalid date "2024-13": month 13 does not exist`},
		{"inverted range", []string{"list", "-f", path, "--from", "2025", "--to", "2024"}, 2, "--to 2024 is before --from 2025; swap them"},
		{"several unknown names, one a line", []string{"list", "-f", path, "-a", "nobodi", "-t", "cybr"}, 2,
			"Error: unknown actor \"nobodi\"; the actors are iran, msft\nError: unknown theme \"cybr\"; did you mean \"cyber\"? (the themes are cyber)\n"},
		{"unknown place with suggestion", []string{"list", "--location", "Floridaa"}, 2, `unknown location "Floridaa"; did you mean "Florida"?`},
		{"publisher by the start of its name", []string{"list", "--publisher", "asharq"}, 2, `unknown publisher "asharq"; did you mean "Asharq Al-Awsat"?`},
		{"unknown flag", []string{"list", "--bogus"}, 2, "unknown flag: --bogus"},
		{"stray argument", []string{"list", "extra"}, 2, `tlx list takes no arguments, got "extra"`},
		{"unknown command", []string{"lsit"}, 2, `unknown command "lsit"`},
		{"missing file", []string{"list", "-f", filepath.Join(dir, "nope.toml")}, 1, "nope.toml: no such file; check the path"},
		{"directory", []string{"list", "-f", dir}, 1, "is a directory; give the path of a .toml file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.wantCode, tt.wantErr)
			}
			if out != "" {
				t.Errorf("stdout should be empty on error, got %q", out)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace in output: %s", errOut)
			}
		})
	}
}

func TestListSanitizes(t *testing.T) {
	// A title carrying an escape sequence must not reach the terminal raw, even if a loader
	// let it through: list sanitises what it prints.
	path := writeFixture(t, strings.Replace(listFixture, `title = "Influence sites"`, `title = "Influence \u001b[2J sites"`, 1))
	code, out, errOut := runCLI(t, "list", "-f", path)
	if code == 0 && strings.Contains(out, "\x1b") {
		t.Errorf("escape sequence reached the output: %q", out)
	}
	if code != 0 && !strings.Contains(errOut, "control character") {
		t.Errorf("a file with a control character should be rejected with a clear message, got %q", errOut)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "--version")
	if code != 0 || !strings.Contains(out, "test") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

func TestExplorerNeedsTerminal(t *testing.T) {
	// Tests run without a terminal on standard output: the explorer says what to do
	// instead of Bubble Tea's "could not open TTY".
	if term.IsTerminal(os.Stdout.Fd()) {
		t.Skip("standard output is a terminal")
	}
	code, out, errOut := runCLI(t, "--actor", "iran")
	if code != 1 || out != "" || !strings.Contains(errOut, "the explorer needs a terminal") || !strings.Contains(errOut, "tlx list") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestExitCodeOfOneProblem(t *testing.T) {
	// The explorer returns a missing file as one *Problem, not Problems; a file name that
	// reads like a cobra usage message must not turn it into a usage error.
	p := &timeline.Problem{File: "unknown flag.toml", Kind: timeline.ErrFile, Msg: "no such file", Hint: "check the path"}
	if got := exitCode(p); got != exitFailed {
		t.Errorf("exitCode(%v) = %d, want %d", p, got, exitFailed)
	}
	if got := exitCode(timeline.Problems{p}); got != exitFailed {
		t.Errorf("exitCode(Problems) = %d, want %d", got, exitFailed)
	}
}

// TestListJSONOfOtherFormats: a TimelineJS file and TimelineJS sheets made by hand (as a
// newsroom makes them, not by tlx) open with -f, and tlx list --json prints what
// testdata/good/NAME.list.json holds: how tlx reads each field of each format.
func TestListJSONOfOtherFormats(t *testing.T) {
	for _, name := range []string{"timelinejs.json", "sheet.csv", "sheet-v1.csv"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "testdata", "good", name)
			code, out, errOut := runCLI(t, "list", "-f", path, "--json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGolden(t, strings.TrimSuffix(path, filepath.Ext(path))+".list.json", out, "OtherFormats")
		})
	}
}

// updateGolden rewrites the golden files of this package from the current output.
var updateGolden = flag.Bool("update", false, "rewrite the golden files from the current output")

// TestListWindows: windows read as windows, never as durations, and under a date filter
// the events that only may fall in it say so; within keeps those certainly inside.
func TestListWindows(t *testing.T) {
	const file = "../../testdata/good/windows.toml"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2024-06", "--to", "2024-06"},
			"~2024-06→      about    About June 2024, until September perhaps  [may fall outside the dates]\n" +
				"2024-06..07    between  Some day in June or July 2024  [may fall outside the dates]\n" +
				"by 2026-02-04  by       Some day before 4 February 2026  [may fall outside the dates]\n"},
		{[]string{"--within", "2024"},
			"~2024-06→       about    About June 2024, until September perhaps\n" +
				"2024-06..07     between  Some day in June or July 2024\n" +
				"2024-07..08-11  mixed    A month to a day\n"},
		{[]string{"--within", "2024-06"}, ""},
		{[]string{"--min-sources", "2"}, ""},
		{[]string{"--publisher", "reuters", "--single-source"},
			"2024-06..07  between  Some day in June or July 2024\n"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, append([]string{"list", "-f", file}, tt.args...)...)
		if code != 0 || errOut != "" || out != tt.want {
			t.Errorf("tlx list %q: exit %d, stderr %q\n%s\nwant\n%s", tt.args, code, errOut, out, tt.want)
		}
	}

	code, out, _ := runCLI(t, "list", "-f", file, "--json", "--from", "2024-06", "--to", "2024-06")
	var doc struct{ Events []map[string]any }
	err := json.Unmarshal([]byte(out), &doc)
	got := doc.Events
	if code != 0 || err != nil || len(got) != 3 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	date, _ := got[1]["date"].(map[string]any)
	if date["text"] != "2024-06..2024-07" || date["precision"] != "window" ||
		got[1]["publishers"] != 1.0 || got[1]["may_fall_outside"] != true {
		t.Errorf("list --json, a window: %v", got[1])
	}
	if q := got[1]["sources"].([]any)[0].(map[string]any)["quotes"]; len(q.([]any)) != 2 {
		t.Errorf("list --json, the quotes: %v", q)
	}
	_, out, _ = runCLI(t, "list", "-f", file, "--json")
	if strings.Contains(out, `"may_fall_outside": true`) || !strings.Contains(out, `"may_fall_outside": false`) {
		t.Errorf("list --json without dates: may_fall_outside is not always false:\n%s", out)
	}
}

// TestSources is the sources overview: each publisher, how many events it supports, and
// those it alone supports; a via is not a publisher.
func TestSources(t *testing.T) {
	path := writeFixture(t, listFixture+`
[[events]]
id = "carried"
date = 2024-08-10
title = "Carried by another outlet"

  [[events.sources]]
  publisher = "The Associated Press"
  via = "Asharq Al-Awsat"

  [[events.sources]]
  publisher = "Microsoft"
`)
	code, out, errOut := runCLI(t, "sources", "-f", path)
	want := "Microsoft             2 events, 1 alone\n" +
		"  2024-06     phishing   Phishing of a campaign official\n" +
		"The Associated Press  2 events, 1 alone\n" +
		"  2024-08-09  report     Microsoft report released\n" +
		"AP                    1 event, all alone\n" +
		"  2024→       year-long  Influence sites\n"
	if code != 0 || errOut != "" || out != want {
		t.Errorf("tlx sources: exit %d, %q\n%s\nwant\n%s", code, errOut, out, want)
	}
	_, out, _ = runCLI(t, "sources", "-f", path, "--theme", "cyber", "--json")
	var got []struct {
		Publisher     string
		Events, Alone []string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 2 ||
		got[0].Publisher != "Microsoft" || strings.Join(got[0].Alone, ",") != "phishing" ||
		got[1].Publisher != "The Associated Press" || strings.Join(got[1].Events, ",") != "report" {
		t.Errorf("tlx sources --theme cyber --json: %v\n%s", err, out)
	}
}

// TestStdinEverywhere checks that every command that reads a timeline reads standard
// input for -f -, as validate - does: list, export, facets, sources, notes and validate
// give what they give for the file itself. Before, all but validate said "-: no such
// file".
func TestStdinEverywhere(t *testing.T) {
	path := writeFixture(t, listFixture)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	for _, args := range [][]string{
		{"list"}, {"list", "--json"}, {"export", "-o", "-"}, {"facets"}, {"sources"},
		{"notes"}, {"validate", "-v"}, {"list", "--actor", "iran"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var fileOut, fileErr bytes.Buffer
			fileCode := run(context.Background(), Build{Version: "test"}, append(args, "-f", path), &fileOut, &fileErr)
			var out, errb bytes.Buffer
			code := runIO(context.Background(), Build{Version: "test"}, append(args, "-f", "-"),
				strings.NewReader(listFixture), &out, &errb)
			if code != 0 || fileCode != 0 {
				t.Fatalf("exit %d with -f -, %d with the file: %s%s", code, fileCode, errb.String(), fileErr.String())
			}
			// The file's name, where a command prints it, is standard input's.
			want := strings.ReplaceAll(fileOut.String(), `"file": "`+path+`"`, `"file": "-"`)
			want = strings.ReplaceAll(want, path, stdinName)
			want = strings.ReplaceAll(want, filepath.Base(path), stdinName)
			if got := out.String(); got != want {
				t.Errorf("with -f - it prints\n%s\nwith the file\n%s", got, want)
			}
		})
	}
	// Bounded as validate - is: not text stops at once.
	var out, errb bytes.Buffer
	code := runIO(context.Background(), Build{Version: "test"}, []string{"list", "-f", "-"},
		strings.NewReader("title = \"x\"\n\x00"), &out, &errb)
	if code != exitFailed || !strings.Contains(errb.String(), "standard input:2:1: not text: a NUL byte") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}
