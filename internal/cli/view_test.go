package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// notebookFixture writes a notebook for the list fixture: marks, a note, views (one of
// them naming an actor the timeline lacks) and an orphan.
func notebookFixture(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fixture.notes.toml")
	os.WriteFile(path, []byte(`version = 1

[views.iran-cyber]
query = 'actor:iran theme:cyber'

[views.marked]
query = 'marked:key'

[views.stale]
query = 'actor:russia'

[views.broken]
query = 'actor:"iran'

[events.report]
marked = true
labels = ["key"]
note = "Said Friday."

[events.year-long]
marked = true

[events.gone]
marked = true
labels = ["key"]
`), 0o644)
	return path
}

// TestMarkedFlag: --marked keeps the marked events, --marked LABEL (with a space or an
// equals sign) those with the label, in tlx list, tlx export and tlx notes alike.
func TestMarkedFlag(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	nb := notebookFixture(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"list", "--marked"}, "2024→       year-long  Influence sites\n2024-08-09  report     Microsoft report released\n"},
		{[]string{"list", "--marked", "key"}, "2024-08-09  report  Microsoft report released\n"},
		{[]string{"list", "--marked=KEY"}, "2024-08-09  report  Microsoft report released\n"},
		{[]string{"list", "--marked", "key,check", "--json"}, ""},
		{[]string{"list", "--marked", "--actor", "iran"}, "2024→       year-long  Influence sites\n"},
		{[]string{"--marked", "list"}, ""}, // list is the command, not a label
		{[]string{"notes", "--marked", "key"}, "2024-08-09  report  Microsoft report released  [key]\n    Said Friday.\n"},
	}
	for _, tt := range tests {
		args := append([]string{"-f", path, "--notebook", nb}, tt.args...)
		code, out, errOut := runCLI(t, args...)
		if tt.args[0] == "--marked" {
			// The explorer would open: what matters is that "list" ran instead.
			if code != 0 || !strings.Contains(out, "report") {
				t.Errorf("tlx %s: exit %d\n%s%s", strings.Join(tt.args, " "), code, out, errOut)
			}
			continue
		}
		if code != 0 {
			t.Errorf("tlx %s: exit %d: %s", strings.Join(tt.args, " "), code, errOut)
			continue
		}
		if tt.want != "" && out != tt.want {
			t.Errorf("tlx %s:\n%s\nwant:\n%s", strings.Join(tt.args, " "), out, tt.want)
		}
	}
	// A label no mark carries gets the filter's usual message, and a usage exit.
	code, _, errOut := runCLI(t, "-f", path, "--notebook", nb, "list", "--marked", "kye")
	if code != 2 || !strings.Contains(errOut, `unknown label "kye"; did you mean "key"?`) {
		t.Errorf("--marked kye: exit %d: %s", code, errOut)
	}
	// Without a notebook, nothing is marked.
	code, out, _ := runCLI(t, "-f", path, "list", "--marked")
	if code != 0 || out != "" {
		t.Errorf("--marked with an empty notebook: exit %d:\n%s", code, out)
	}
}

// TestViewFlag: --view starts from a saved view; other filter flags replace its parts of
// their kind; a view that names what the timeline lacks fails with the filter's message.
func TestViewFlag(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	nb := notebookFixture(t)
	run := func(args ...string) (int, string, string) {
		return runCLI(t, append([]string{"-f", path, "--notebook", nb}, args...)...)
	}
	code, out, errOut := run("list", "--view", "iran-cyber")
	if code != 0 || out != "2024-06     phishing  Phishing of a campaign official\n" {
		t.Errorf("--view iran-cyber: exit %d\n%s%s", code, out, errOut)
	}
	// The view's query and the flags give one filter: the same events as the query typed.
	code, viewOut, _ := run("list", "--view", "iran-cyber", "--actor", "msft")
	_, flagOut, _ := run("list", "--actor", "msft", "--theme", "cyber")
	if code != 0 || viewOut != flagOut || viewOut == "" {
		t.Errorf("--view with --actor:\n%s\nwant:\n%s", viewOut, flagOut)
	}
	code, out, _ = run("list", "--view", "marked")
	if code != 0 || out != "2024-08-09  report  Microsoft report released\n" {
		t.Errorf("--view marked (a view of marked:key):\n%s", out)
	}
	code, out, _ = run("export", "--view", "iran-cyber")
	if code != 0 || !strings.Contains(out, "- Filters: actor Iran; theme Cyber operations\n") {
		t.Errorf("export --view: exit %d\n%s", code, out)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"list", "--view", "iran-cybr"}, 2, `no view "iran-cybr"; did you mean "iran-cyber"?`},
		{[]string{"list", "--view", "zzz"}, 2, `no view "zzz"; the views are broken, iran-cyber, marked, stale`},
		{[]string{"list", "--view", "stale"}, 2, `view "stale": unknown actor "russia"`},
		{[]string{"export", "--view", "stale"}, 2, `view "stale": unknown actor "russia"`},
		{[]string{"list", "--view", "broken"}, 1, `view "broken" in ` + nb + `: invalid query: the quote at column 7 is never closed`},
		{[]string{"list", "--view", "iran-cyber", "--from", "2025", "--to", "2024"}, 2, "swap them"},
	}
	for _, tt := range tests {
		code, _, errOut := run(tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("tlx %s: exit %d: %s\nwant exit %d and %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.want)
		}
	}
	code, _, errOut = runCLI(t, "-f", path, "list", "--view", "x")
	if code != 2 || !strings.Contains(errOut, `no view "x": the notebook `) || !strings.Contains(errOut, "has none yet") {
		t.Errorf("--view without views: exit %d: %s", code, errOut)
	}
}

// TestExportNotes: tlx export writes the reader's marks and notes from the notebook,
// after each event and labelled as the reader's, unless --no-notes; a notebook that
// does not read fails the export.
func TestExportNotes(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	nb := notebookFixture(t)
	code, out, errOut := runCLI(t, "-f", path, "--notebook", nb, "export")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"- The reader's notebook: 2 marked, 1 with a note\n",
		"**Reader's mark:** key\n\n**Reader's note:**\n\n> Said Friday.\n",
		"**Reader's mark:** marked\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "gone") {
		t.Errorf("an orphan reached the export")
	}
	// The reader's part comes after the event's sources, never inside the timeline's text.
	ev := out[strings.Index(out, "Microsoft report released"):]
	if s, r := strings.Index(ev, "**Source:**"), strings.Index(ev, "**Reader's mark:**"); s < 0 || r < s {
		t.Errorf("the reader's mark is not after the sources:\n%s", ev)
	}
	_, out, _ = runCLI(t, "-f", path, "--notebook", nb, "export", "--no-notes")
	if strings.Contains(out, "Reader's") {
		t.Errorf("--no-notes still writes notes:\n%s", out)
	}
	_, plain, _ := runCLI(t, "-f", path, "export")
	if out != plain {
		t.Errorf("--no-notes differs from an export without a notebook")
	}
	_, out, _ = runCLI(t, "-f", path, "--notebook", nb, "export", "--marked", "--no-notes")
	if strings.Contains(out, "Reader's") || !strings.Contains(out, "- Filters: marked\n- 2 of 3 events\n") {
		t.Errorf("--marked --no-notes:\n%s", out)
	}
	os.WriteFile(nb, []byte("version = 1\n[events.report\n"), 0o644)
	code, out, errOut = runCLI(t, "-f", path, "--notebook", nb, "export")
	if code != 1 || out != "" || !strings.Contains(errOut, nb+":2:") {
		t.Errorf("export with a broken notebook: exit %d\n%s%s", code, out, errOut)
	}
	// No data folder at all (no $HOME): nothing to read, and the export goes on.
	t.Setenv("HOME", "")
	t.Setenv("XDG_DATA_HOME", "")
	code, out, errOut = runCLI(t, "-f", path, "export")
	if code != 0 || out != plain {
		t.Errorf("export without a data folder: exit %d: %s", code, errOut)
	}
	if !slices.Contains([]int{0}, code) {
		t.Fail()
	}
}

// TestViewCommand saves views from flags and from query text, checked against the
// timeline, refuses to replace one silently, prints and deletes them.
func TestViewCommand(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	nb := filepath.Join(t.TempDir(), "nb.toml")
	run := func(code int, args ...string) (string, string) {
		t.Helper()
		return mustRun(t, code, append([]string{"-f", path, "--notebook", nb}, args...)...)
	}
	_, errOut := run(0, "view", "iran", "--actor", "Tehran", "--theme", "cyber")
	if errOut != "Saved view iran: actor:Tehran theme:cyber (1 of 3 events)\n" {
		t.Errorf("save: %q", errOut)
	}
	out, _ := run(0, "view", "iran")
	if out != "actor:Tehran theme:cyber\n" {
		t.Errorf("print: %q", out)
	}
	// The saved text is the query a person could type: the flags and the view agree.
	viewOut, _ := run(0, "list", "--view", "iran")
	flagOut, _ := run(0, "list", "--actor", "Tehran", "--theme", "cyber")
	if viewOut != flagOut {
		t.Errorf("list --view:\n%s\nlist with the flags:\n%s", viewOut, flagOut)
	}
	_, errOut = run(2, "view", "iran", "--actor", "msft")
	if !strings.Contains(errOut, `view "iran" is saved as "actor:Tehran theme:cyber"; add --force`) {
		t.Errorf("replace without --force: %s", errOut)
	}
	run(0, "view", "iran", "--actor", "msft", "--force")
	run(0, "view", "phrase", "--query", `theme:cyber "said friday"`, "--from", "2024")
	out, _ = run(0, "view", "phrase")
	if out != "theme:cyber from:2024 \"said friday\"\n" {
		t.Errorf("--query with a flag: %q", out)
	}
	_, errOut = run(2, "view", "bad", "--actor", "irn")
	if !strings.Contains(errOut, `unknown actor "irn"; did you mean "iran"?`) {
		t.Errorf("unknown actor: %s", errOut)
	}
	run(2, "view", "bad", "--query", `actor:"x`)
	run(0, "view", "--delete", "phrase")
	run(2, "view", "phrase")
	out, _ = run(0, "notes")
	if out != "Views:\n  iran  actor:msft\n" {
		t.Errorf("notes after the views:\n%s", out)
	}
}

// TestSearchFindsNotes: --search finds words in the reader's notes too, in tlx list and
// tlx export, each word in the event's text or in its note.
func TestSearchFindsNotes(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	mustRun(t, 0, "-f", path, "note", "phishing", "Ask the FBI about the campaign aide.")
	out, _ := mustRun(t, 0, "-f", path, "list", "--search", "fbi")
	if out != "2024-06     phishing  Phishing of a campaign official\n" {
		t.Errorf("--search fbi:\n%s", out)
	}
	out, _ = mustRun(t, 0, "-f", path, "list", "--search", "official fbi")
	if out != "2024-06     phishing  Phishing of a campaign official\n" {
		t.Errorf("--search official fbi (one word in the title, one in the note):\n%s", out)
	}
	out, _ = mustRun(t, 0, "-f", path, "export", "--search", "fbi")
	if !strings.Contains(out, "- 1 of 3 events\n") || !strings.Contains(out, "> Ask the FBI about the campaign aide.\n") {
		t.Errorf("export --search fbi:\n%s", out)
	}
	// A notebook that does not read fails the search rather than leave notes out.
	nb, _ := mustRun(t, 0, "-f", path, "notes", "--path")
	os.WriteFile(strings.TrimSpace(nb), []byte("version = 1\n[events.x\n"), 0o644)
	mustRun(t, 1, "-f", path, "list", "--search", "fbi")
	mustRun(t, 0, "-f", path, "list", "--actor", "iran") // no search: no notebook read
	// No data folder at all: the timeline alone is searched.
	t.Setenv("HOME", "")
	t.Setenv("XDG_DATA_HOME", "")
	out, _ = mustRun(t, 0, "-f", path, "list", "--search", "official")
	if out != "2024-06     phishing  Phishing of a campaign official\n" {
		t.Errorf("--search without a data folder:\n%s", out)
	}
}

// TestExportNotesFormats: every format that carries the reader's marks and notes gets
// them from the notebook, as tlx export writes Markdown; a timeline file (json, toml)
// leaves them out and the message says they stay in the notebook, and where to find them.
func TestExportNotesFormats(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	nb := notebookFixture(t)
	dir := t.TempDir()
	for _, c := range []struct{ format, want string }{
		{"jsonl", `"tag": ["key"], "reader_note": "Said Friday."`},
		{"ics", `Reader's note:\nSaid Friday.`},
		{"csv", `Reader&#39;s note:</strong><br>Said Friday.`},
		{"timelinejs", `Reader&#39;s note:</strong><br>Said Friday.`},
	} {
		code, out, errOut := runCLI(t, "-f", path, "--notebook", nb, "export", "--format", c.format)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%s: exit %d, no %q in:\n%s%s", c.format, code, c.want, out, errOut)
		}
		_, out, _ = runCLI(t, "-f", path, "--notebook", nb, "export", "--format", c.format, "--no-notes")
		if strings.Contains(out, "Said Friday") || strings.Contains(out, "Reader") || strings.Contains(out, `"tag"`) {
			t.Errorf("%s --no-notes still writes notes:\n%s", c.format, out)
		}
	}
	for _, ext := range []string{".json", ".toml"} {
		out := filepath.Join(dir, "kept"+ext)
		code, stdout, errOut := runCLI(t, "-f", path, "--notebook", nb, "export", "-o", out)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, errOut)
		}
		if !strings.Contains(errOut, "Your marks and notes on 2 of them stay in the notebook, not in a timeline file") ||
			!strings.Contains(errOut, "tlx notes --json lists them") {
			t.Errorf("%s: the message does not say where the notes stay: %q%s", ext, errOut, stdout)
		}
		if b, _ := os.ReadFile(out); strings.Contains(string(b), "Said Friday") {
			t.Errorf("%s holds the reader's note", ext)
		}
		_, _, errOut = runCLI(t, "-f", path, "--notebook", nb, "export", "-o", out, "--force", "--no-notes")
		if strings.Contains(errOut, "notebook") {
			t.Errorf("%s --no-notes still speaks of the notes: %q", ext, errOut)
		}
	}
}
