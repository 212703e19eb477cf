package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// notebookHome points the default notebook folder at a temporary one, so that no test
// touches the user's, and returns it.
func notebookHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("HOME", dir)
	return dir
}

// mustRun runs tlx and fails the test unless it exits with code.
func mustRun(t *testing.T, code int, args ...string) (stdout, stderr string) {
	t.Helper()
	got, out, errOut := runCLI(t, args...)
	if got != code {
		t.Fatalf("tlx %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, code, out, errOut)
	}
	return out, errOut
}

// TestNotes marks and notes events of a timeline from the command line and lists them.
func TestNotes(t *testing.T) {
	home := notebookHome(t)
	path := writeFixture(t, listFixture)

	_, errOut := mustRun(t, 0, "-f", path, "mark", "report", "key", "Check")
	if errOut != "Marked report [check, key]\n" {
		t.Errorf("mark said %q", errOut)
	}
	mustRun(t, 0, "-f", path, "mark", "year-long")
	mustRun(t, 0, "-f", path, "note", "phishing", "Line one,\nstill one.\n\nLine <two> *2*.")
	// A note never holds what could drive the terminal, so a notebook shared in git
	// cannot carry it to another reader's screen either.
	_, errOut = mustRun(t, 2, "-f", path, "note", "phishing", "Line \x1b[31mtwo")
	if !strings.Contains(errOut, "the note holds the control character U+001B") {
		t.Errorf("note with an escape: %s", errOut)
	}
	mustRun(t, 0, "-f", path, "note", "report", "Said")
	mustRun(t, 0, "-f", path, "note", "report", "Said Friday.")
	mustRun(t, 0, "-f", path, "note", "--append", "year-long", "Appended.")
	mustRun(t, 0, "-f", path, "note", "--append", "year-long", "Again.")

	out, errOut := mustRun(t, 0, "notes", "-f", path)
	want := "2024→       year-long  Influence sites  [marked]\n" +
		"    Appended.\n\n    Again.\n" +
		"2024-06     phishing   Phishing of a campaign official\n" +
		"    Line one,\n    still one.\n\n    Line <two> *2*.\n" +
		"2024-08-09  report     Microsoft report released  [check, key]\n" +
		"    Said Friday.\n"
	if out != want || errOut != "" {
		t.Errorf("tlx notes:\n%s\nwant:\n%s\nstderr: %s", out, want, errOut)
	}

	// The filters narrow the list as they narrow tlx list.
	out, _ = mustRun(t, 0, "notes", "-f", path, "--actor", "msft")
	if !strings.HasPrefix(out, "2024-08-09  report  Microsoft report released  [check, key]\n") || strings.Contains(out, "phishing") {
		t.Errorf("tlx notes --actor msft:\n%s", out)
	}

	// The notebook is the timeline's own, in the data folder.
	out, _ = mustRun(t, 0, "notes", "-f", path, "--path")
	nbPath := strings.TrimSpace(out)
	dir := filepath.Join(home, "tlx", "notebooks")
	if filepath.Dir(nbPath) != dir || !regexp.MustCompile(`^list-fixture-[0-9a-f]{12}\.toml$`).MatchString(filepath.Base(nbPath)) {
		t.Errorf("--path = %q, want a file in %s named after the timeline", nbPath, dir)
	}
	if _, err := os.Stat(nbPath); err != nil {
		t.Fatal(err)
	}

	// JSON for scripts: every entry with its date, and the notebook's path.
	out, _ = mustRun(t, 0, "notes", "-f", path, "--json")
	var doc struct {
		Notebook string `json:"notebook"`
		Entries  []struct {
			ID     string   `json:"id"`
			Date   string   `json:"date"`
			Marked bool     `json:"marked"`
			Labels []string `json:"labels"`
			Note   string   `json:"note"`
			Orphan bool     `json:"orphan"`
		} `json:"entries"`
		Views []any `json:"views"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.Notebook != nbPath || len(doc.Entries) != 3 || doc.Views == nil {
		t.Fatalf("JSON: %s", out)
	}
	if e := doc.Entries[1]; e.ID != "phishing" || e.Date != "2024-06" || e.Marked || len(e.Labels) != 0 || e.Note != "Line one,\nstill one.\n\nLine <two> *2*." {
		t.Errorf("JSON entry: %+v", e)
	}

	// The author renames an event: its mark and note stay, as an orphan.
	os.WriteFile(path, []byte(strings.Replace(listFixture, `id = "report"`, `id = "ms-report"`, 1)), 0o644)
	out, errOut = mustRun(t, 0, "notes", "-f", path)
	if strings.Contains(out, "report") || errOut != "1 mark or note is on events the timeline no longer has; tlx notes --orphans lists them\n" {
		t.Errorf("after the rename:\n%s\nstderr: %s", out, errOut)
	}
	out, _ = mustRun(t, 0, "notes", "-f", path, "--orphans")
	if out != "report  Microsoft report released  [check, key]\n    Said Friday.\n" {
		t.Errorf("tlx notes --orphans:\n%s", out)
	}
	mustRun(t, 2, "notes", "-f", path, "--orphans", "--actor", "iran")
	// An orphan can be cleaned up, but not marked anew.
	mustRun(t, 2, "-f", path, "mark", "report")
	mustRun(t, 0, "-f", path, "note", "--remove", "report")
	mustRun(t, 0, "-f", path, "mark", "--remove", "report", "key")
	out, _ = mustRun(t, 0, "notes", "-f", path, "--orphans")
	if out != "report  Microsoft report released  [check]\n" {
		t.Errorf("after removing the note and a label:\n%s", out)
	}
	mustRun(t, 0, "-f", path, "mark", "--remove", "report")
	_, errOut = mustRun(t, 0, "notes", "-f", path, "--orphans")
	if errOut != "No orphans: every mark and note is on an event of the timeline\n" {
		t.Errorf("stderr: %q", errOut)
	}
}

// TestNotesElsewhere: --notebook keeps the notebook where the reader says, and another
// timeline has a notebook of its own.
func TestNotesElsewhere(t *testing.T) {
	home := notebookHome(t)
	path := writeFixture(t, listFixture)
	shared := filepath.Join(t.TempDir(), "team.notes.toml")
	mustRun(t, 0, "-f", path, "--notebook", shared, "mark", "report", "key")
	if _, err := os.Stat(shared); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, "tlx")); !os.IsNotExist(err) {
		t.Errorf("the default folder was made: %v", err)
	}
	out, _ := mustRun(t, 0, "notes", "-f", path, "--notebook", shared)
	if !strings.Contains(out, "report") {
		t.Errorf("notes from --notebook:\n%s", out)
	}
	out, errOut := mustRun(t, 0, "notes", "-f", path)
	if out != "" || !strings.HasPrefix(errOut, "No marks, notes or views yet in ") {
		t.Errorf("the default notebook is not empty:\n%s\n%s", out, errOut)
	}
	// The built-in timeline's notebook is a file of its own.
	mustRun(t, 0, "mark", "soleimani-strike", "key")
	out, _ = mustRun(t, 0, "notes")
	if !strings.HasPrefix(out, "2020        soleimani-strike  US strike kills Qassem Soleimani  [key]\n") {
		t.Errorf("built-in notes:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(home, "tlx", "notebooks", "built-in.toml")); err != nil {
		t.Error(err)
	}
}

// TestNotesInvalidNotebook: a notebook that does not read is reported with its file and
// line, every command exits 1, and the file is left as it was.
func TestNotesInvalidNotebook(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	nb := filepath.Join(t.TempDir(), "nb.toml")
	broken := "version = 1\n\n[events.report]\nmarked = true\nnote = '''\nA note cut short"
	os.WriteFile(nb, []byte(broken), 0o644)
	for _, args := range [][]string{
		{"notes"}, {"notes", "--orphans"}, {"notes", "--json"},
		{"mark", "report"}, {"note", "report", "x"}, {"note", "--remove", "report"},
	} {
		args = append([]string{"-f", path, "--notebook", nb}, args...)
		out, errOut := mustRun(t, 1, args...)
		if out != "" || !strings.Contains(errOut, nb+":6:") {
			t.Errorf("tlx %s:\nstdout %q\nstderr %q; want the file and line 6", strings.Join(args, " "), out, errOut)
		}
	}
	if b, _ := os.ReadFile(nb); string(b) != broken {
		t.Errorf("the invalid notebook was written:\n%s", b)
	}
}

// TestNoteEditor: without TEXT, tlx note opens $VISUAL or $EDITOR on the note and saves
// what the editor leaves.
func TestNoteEditor(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the test editor is a shell script")
	}
	notebookHome(t)
	path := writeFixture(t, listFixture)
	editor := filepath.Join(t.TempDir(), "editor")
	os.WriteFile(editor, []byte("#!/bin/sh\nprintf 'added in the editor\\n' >> \"$1\"\n"), 0o755)
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor)
	mustRun(t, 0, "-f", path, "note", "report", "typed first")
	mustRun(t, 0, "-f", path, "note", "report")
	out, _ := mustRun(t, 0, "notes", "-f", path)
	if out != "2024-08-09  report  Microsoft report released\n    typed first\n    added in the editor\n" {
		t.Errorf("after the editor:\n%s", out)
	}
	t.Setenv("EDITOR", "false")
	_, errOut := mustRun(t, 1, "-f", path, "note", "report")
	if !strings.Contains(errOut, "the note was not changed") {
		t.Errorf("failed editor: %s", errOut)
	}
	t.Setenv("EDITOR", "")
	_, errOut = mustRun(t, 2, "-f", path, "note", "report")
	if !strings.Contains(errOut, "set $VISUAL or $EDITOR") {
		t.Errorf("no editor: %s", errOut)
	}
}

// TestMarkUsage: ids the timeline lacks and labels that are not words are usage errors.
func TestMarkUsage(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"mark", "reprot"}, `the timeline has no event "reprot"; did you mean "report"?`},
		{[]string{"mark", "report", "two words"}, `label "two words" is not a lower-case word`},
		{[]string{"note", "nothing", "x"}, `the timeline has no event "nothing"`},
		{[]string{"note", "--remove", "report", "x"}, "--remove takes no TEXT"},
		{[]string{"mark"}, "tlx mark: missing ID; usage: tlx mark ID [LABELS]"},
		{[]string{"note", "report", "a", "b"}, `tlx note: too many arguments ("report" "a" "b"); usage: tlx note ID [TEXT | -]`},
		{[]string{"view"}, "tlx view: missing NAME; usage: tlx view NAME [filters | --query TEXT]"},
		{[]string{"note", "--append", "report"}, "--append needs the TEXT"},
		{[]string{"note", "--append", "--remove", "report", "x"}, "--remove and --append do not go together"},
	}
	for _, tt := range tests {
		_, errOut := mustRun(t, 2, append([]string{"-f", path}, tt.args...)...)
		if !strings.Contains(errOut, tt.want) {
			t.Errorf("tlx %s: %s\nwant %q", strings.Join(tt.args, " "), errOut, tt.want)
		}
	}
}

// TestNotesEarlierNotebook: after a timeline's title changes (or its file moves), its new
// notebook is empty; tlx notes names the earlier one and --adopt takes its marks, notes
// and views, leaving it as it was (F20 of tryout3).
func TestNotesEarlierNotebook(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	mustRun(t, 0, "-f", path, "mark", "report", "key")
	mustRun(t, 0, "-f", path, "note", "phishing", "To check:\n- one")
	oldPath, _ := mustRun(t, 0, "notes", "-f", path, "--path")
	oldPath = strings.TrimSpace(oldPath)
	before := readFile(t, oldPath)

	b := readFile(t, path)
	retitled := strings.Replace(b, "title = ", "title = \"Renamed\"\n# was: ", 1)
	if retitled == b {
		t.Fatal("the fixture has no title line")
	}
	os.WriteFile(path, []byte(retitled), 0o644)

	out, errOut := mustRun(t, 0, "notes", "-f", path)
	if out != "" || !strings.Contains(errOut, "No marks, notes or views yet in ") ||
		!strings.Contains(errOut, "An earlier notebook names this timeline's file ("+filepath.Base(path)+"): "+oldPath) ||
		!strings.Contains(errOut, "2 marked or noted events") ||
		!strings.Contains(errOut, "tlx notes --adopt "+oldPath) || !strings.Contains(errOut, "--notebook "+oldPath) {
		t.Fatalf("tlx notes after a title change: stdout %q\nstderr:\n%s", out, errOut)
	}
	_, errOut = mustRun(t, 0, "notes", "-f", path, "--adopt", oldPath)
	if !strings.Contains(errOut, "Adopted 2 marked or noted events from "+oldPath) || !strings.Contains(errOut, "left as it was") {
		t.Errorf("--adopt said %q", errOut)
	}
	out, errOut = mustRun(t, 0, "notes", "-f", path)
	if !strings.Contains(out, "report") || !strings.Contains(out, "To check:") || strings.Contains(errOut, "earlier notebook") {
		t.Errorf("after --adopt: stdout %q, stderr %q", out, errOut)
	}
	if readFile(t, oldPath) != before {
		t.Errorf("--adopt changed the earlier notebook")
	}
	mustRun(t, 2, "notes", "-f", path, "--adopt", oldPath, "--orphans")
	_, errOut = mustRun(t, 1, "notes", "-f", path, "--adopt", filepath.Join(t.TempDir(), "none.toml"))
	if !strings.Contains(errOut, "no notebook") {
		t.Errorf("--adopt of a missing file: %q", errOut)
	}
}
