package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// schemaPath is the published JSON Schema of tlx JSON and of tlx list --json and --jsonl.
const schemaPath = "../../docs/tlx.schema.json"

// compileSchema compiles the published schema, or the part of it at fragment ("" for the
// document, "/$defs/listEvent" for a line of --jsonl).
func compileSchema(t *testing.T, fragment string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://github.com/tlx-dev/tlx/docs/tlx.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url + "#" + fragment)
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	return s
}

// validate checks JSON text against s, and returns the error.
func validate(s *jsonschema.Schema, text string) error {
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// TestListJSONSchema validates what tlx list --json and --jsonl print, and what tlx
// export --format json writes, against the published schema: on the built-in timeline,
// on a generated one, under a date filter and with nothing matched. The schema must also
// refuse a document that lacks a field, lest it pass anything.
func TestListJSONSchema(t *testing.T) {
	doc := compileSchema(t, "")
	line := compileSchema(t, "/$defs/listEvent")
	generated := filepath.Join(t.TempDir(), "generated.toml")
	if err := os.WriteFile(generated, timelinetest.Generate(400, 7), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{},
		{"--actor", "iran", "--from", "2024-06", "--to", "2024-09"},
		{"--search", "nothing-matches-this"},
		{"-f", generated},
		{"-f", generated, "--from", "2001", "--to", "2003"},
		{"-f", "../../testdata/good/windows.toml", "--from", "2024-06", "--to", "2024-06"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"list", "--json"}, args...)...)
			if code != 0 {
				t.Fatalf("list --json: exit %d: %s", code, errOut)
			}
			if err := validate(doc, out); err != nil {
				t.Errorf("list --json does not match %s: %v", schemaPath, err)
			}
			code, out, errOut = runCLI(t, append([]string{"list", "--jsonl"}, args...)...)
			if code != 0 {
				t.Fatalf("list --jsonl: exit %d: %s", code, errOut)
			}
			for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if l == "" && out == "" {
					break
				}
				if err := validate(line, l); err != nil {
					t.Fatalf("list --jsonl, line %d does not match listEvent: %v\n%s", i+1, err, l)
				}
			}
			code, out, errOut = runCLI(t, append([]string{"export", "--format", "json", "-o", "-"}, args...)...)
			if code != 0 {
				t.Fatalf("export --format json: exit %d: %s", code, errOut)
			}
			if err := validate(doc, out); err != nil {
				t.Errorf("export --format json does not match %s: %v", schemaPath, err)
			}
		})
	}

	_, out, _ := runCLI(t, "list", "--json", "--actor", "routh")
	for _, broken := range []struct{ name, from, to string }{
		{"an event without end", `"end": null,`, ``},
		{"a date without its precision", `"precision": "day", `, ``},
		{"an unknown status", `"status": "confirmed"`, `"status": "Confirmed"`},
		{"a key of its own", `"total": 48,`, `"total": 48, "extra": 1,`},
		{"no version", `"version": 1,`, ``},
	} {
		if !strings.Contains(out, broken.from) {
			t.Fatalf("%s: the output lacks %q", broken.name, broken.from)
		}
		if validate(doc, strings.Replace(out, broken.from, broken.to, 1)) == nil {
			t.Errorf("the schema accepts %s", broken.name)
		}
	}
}

// TestListJSONLinesGolden: list --jsonl prints one compact object a line, as the golden
// says, with may_fall_outside under a date filter.
func TestListJSONLinesGolden(t *testing.T) {
	code, out, errOut := runCLI(t, "list", "--jsonl", "-f", "../../testdata/good/windows.toml", "--from", "2024-06", "--to", "2024-06")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkGolden(t, filepath.Join("testdata", "windows.list.jsonl"), out, "JSONLinesGolden")
	// The lines are the events of --json, compacted.
	_, doc, _ := runCLI(t, "list", "--json", "-f", "../../testdata/good/windows.toml", "--from", "2024-06", "--to", "2024-06")
	if n := strings.Count(out, "\n"); n != 3 || !strings.Contains(strings.Join(strings.Fields(doc), ""), strings.Join(strings.Fields(strings.SplitN(out, "\n", 2)[0]), "")) {
		t.Errorf("%d lines; the first is not an event of --json", n)
	}
}

// TestListScripting: --count, --ids, --format and --fail-empty print what a script
// needs, with the exit statuses list --help documents.
func TestListScripting(t *testing.T) {
	path := writeFixture(t, listFixture)
	for _, tt := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"--count"}, 0, "3\n", ""},
		{[]string{"--count", "--actor", "iran"}, 0, "2\n", ""},
		{[]string{"--ids", "--theme", "cyber"}, 0, "phishing\nreport\n", ""},
		{[]string{"--format", "{{.date.first}}|{{.id}}|{{join .actors \"+\"}}|{{.publishers}}|{{.may_fall_outside}}", "--theme", "cyber"}, 0,
			"2024-06-01|phishing|iran|1|false\n2024-08-09|report|msft|1|false\n", ""},
		{[]string{"--format", `{{range .sources}}{{.publisher}};{{end}}`, "--actor", "msft"}, 0, "The Associated Press;\n", ""},
		{[]string{"--format", `{{json .date}}`, "--actor", "msft"}, 0, `{"first":"2024-08-09","last":"2024-08-09","precision":"day","text":"2024-08-09"}` + "\n", ""},
		{[]string{"--search", "zzz"}, 0, "", ""},
		{[]string{"--search", "zzz", "--fail-empty"}, 1, "", ""},
		{[]string{"--search", "zzz", "--count", "--fail-empty"}, 1, "0\n", ""},
		{[]string{"--actor", "iran", "--ids", "--fail-empty"}, 0, "year-long\nphishing\n", ""},
		{[]string{"--format", "{{.titel}}"}, 2, "", `--format: no field "titel" at format:1:2; did you mean .title? The fields are those --jsonl prints, in lower case: .actors, `},
		// Go's own names, capitalised, are the first a Go user types.
		{[]string{"--format", "{{.Date}} {{.ID}}"}, 2, "", `--format: no field "Date" at format:1:2; did you mean .date? The fields are those --jsonl prints, in lower case`},
		{[]string{"--format", "{{.date.Text}}"}, 2, "", `--format: no field "Text" at format:1:7; did you mean .text? The fields are those --jsonl prints, in lower case`},
		{[]string{"--format", "{{.id"}, 2, "", "--format: template: format:1: unclosed action"},
		{[]string{"--json", "--count"}, 2, "", "--json and --count each print the events their own way; give one of them"},
		{[]string{"--ids", "--format", "x"}, 2, "", "--ids and --format each print"},
	} {
		code, out, errOut := runCLI(t, append([]string{"list", "-f", path}, tt.args...)...)
		if code != tt.code || (tt.code != 2 && out != tt.out) || !strings.Contains(errOut, tt.err) || (tt.err == "" && errOut != "") {
			t.Errorf("tlx list %q: exit %d, stdout %q, stderr %q; want exit %d, %q, stderr with %q", tt.args, code, out, errOut, tt.code, tt.out, tt.err)
		}
	}
	// --count agrees with the events listed, on the built-in timeline.
	_, ids, _ := runCLI(t, "list", "--ids", "--theme", "cyber")
	_, count, _ := runCLI(t, "list", "--count", "--theme", "cyber")
	if n := bytes.Count([]byte(ids), []byte("\n")); strings.TrimSpace(count) != strconv.Itoa(n) {
		t.Errorf("--count says %s, --ids lists %d", count, n)
	}
}

// TestListJSONIsNotATimeline: list --json read back as a timeline says in one line what
// it is and what to use, not a problem per key it adds.
func TestListJSONIsNotATimeline(t *testing.T) {
	_, doc, _ := runCLI(t, "list", "--json", "--actor", "routh")
	var out, errb bytes.Buffer
	code := runIO(context.Background(), Build{Version: "test"}, []string{"list", "-f", "-"}, strings.NewReader(doc), &out, &errb)
	want := "standard input: format: this is what tlx list --json prints, not a timeline; tlx export --format json writes a timeline that tlx reads back\n"
	if code != exitFailed || errb.String() != want {
		t.Errorf("exit %d:\n%s\nwant\n%s", code, errb.String(), want)
	}
}

// checkGolden compares out with the golden file, or with -update writes it; run names the
// tests that write it.
func checkGolden(t *testing.T, golden, out, run string) {
	t.Helper()
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./internal/cli -run %s -update writes it)", err, run)
	}
	if out != string(want) {
		t.Errorf("the output differs from %s:\n%s", golden, out)
	}
}

// TestListSchemaFlag: list --schema prints the published schema, which an installed
// binary thus carries, without reading a timeline.
func TestListSchemaFlag(t *testing.T) {
	want, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "list", "--schema", "-f", "no-such-file.toml")
	if code != 0 || out != string(want) {
		t.Errorf("exit %d, %s; want the schema", code, errOut)
	}
	if code, _, errOut := runCLI(t, "list", "--schema", "--json"); code != exitUsage {
		t.Errorf("--schema --json: exit %d, %s", code, errOut)
	}
}
