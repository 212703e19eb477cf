package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// onDisk reads the notebook at path as another process would.
func onDisk(t *testing.T, path string) *notebook.State {
	t.Helper()
	nb, err := notebook.Open(path, notebook.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the notebook on disk: %v", err)
	}
	return nb.State()
}

// selectEvent moves the list's selection to the event id.
func selectEvent(t *testing.T, m *Model, id string) {
	t.Helper()
	keys(m, "g")
	for i := 0; selectedID(m) != id; i++ {
		if i > len(listed(m)) {
			t.Fatalf("%s is not listed", id)
		}
		keys(m, "j")
	}
}

// bookModel is the explorer on small.toml with a notebook of its own, and the notebook's
// path.
func bookModel(t *testing.T, w, h int) (*Model, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notes.toml")
	return newBookModel(t, loadSmall(t), timeline.Filter{}, path, w, h), path
}

// m marks the event selected and unmarks it; the status says "saved" only once the write
// has returned, and the mark shows in the list and the detail.
func TestMarkKey(t *testing.T) {
	m, path := bookModel(t, 140, 40)
	selectEvent(t, m, "hack")
	_, cmd := m.Update(press("m"))
	if strings.Contains(statusOf(m), "saved") {
		t.Errorf("the status says %q before the write", statusOf(m))
	}
	run(m, cmd)
	if !onDisk(t, path).Marked("hack") {
		t.Fatal("m did not write the mark")
	}
	if st := statusOf(m); !strings.Contains(st, "Marked “") || !strings.Contains(st, "saved") {
		t.Errorf("status %q", st)
	}
	if row := selectedRow(m); !strings.Contains(row, markGlyph) {
		t.Errorf("the list does not show the mark: %q", row)
	}
	keys(m, "enter")
	if d := strings.Join(detailLines(m), "\n"); !strings.Contains(d, "★ Your mark") {
		t.Errorf("the detail does not show the mark:\n%s", d)
	}
	keys(m, "m")
	if onDisk(t, path).Marked("hack") {
		t.Error("m again did not unmark")
	}
	if st := statusOf(m); !strings.HasPrefix(st, "Unmarked") {
		t.Errorf("status %q", st)
	}
}

// L labels the mark: tab and enter apply what was toggled, enter alone toggles the label
// highlighted, a new word typed is added, and what cannot be a label is refused.
func TestLabelsKey(t *testing.T) {
	m, path := bookModel(t, 140, 40)
	selectEvent(t, m, "hack")
	keys(m, "L")
	if m.focus != focusLabels {
		t.Fatalf("focus %v", m.focus)
	}
	if got := pickerNamesOf(&m.labels.pickerPane); !slices.Equal(got, []string{"key", "check", "dubious"}) {
		t.Errorf("labels offered %q", got)
	}
	keys(m, "tab", "down", "tab", "enter") // key and check
	if _, labels := onDisk(t, path).Mark("hack"); !slices.Equal(labels, []string{"check", "key"}) {
		t.Errorf("labels on disk %q", labels)
	}
	keys(m, "L", "down", "enter") // check highlighted: it goes
	if _, labels := onDisk(t, path).Mark("hack"); !slices.Equal(labels, []string{"key"}) {
		t.Errorf("after enter on check: %q", labels)
	}
	keys(m, "L")
	typeText(m, "follow-up")
	if w := m.labels.choiceWords(); w != "add new label follow-up" {
		t.Errorf("enter would %q", w)
	}
	keys(m, "enter")
	if _, labels := onDisk(t, path).Mark("hack"); !slices.Equal(labels, []string{"follow-up", "key"}) {
		t.Errorf("after a new label: %q", labels)
	}
	keys(m, "L")
	typeText(m, "Not a label")
	keys(m, "enter")
	if st := statusOf(m); !strings.Contains(st, "is not a label") {
		t.Errorf("status %q", st)
	}
	if d := strings.Join(detailLines(m), "\n"); !strings.Contains(d, "★ Your mark: follow-up, key") {
		t.Errorf("the detail does not name the labels:\n%s", d)
	}
}

// pickerNamesOf lists the names a picker offers, in order.
func pickerNamesOf(p *pickerPane) []string {
	var names []string
	for _, i := range p.shown {
		names = append(names, p.items[i].name)
	}
	return names
}

// M keeps only the marked events, with a chip and in the query text; M again shows all.
func TestMarkedKey(t *testing.T) {
	m, _ := bookModel(t, 140, 40)
	keys(m, "M")
	if st := statusOf(m); !strings.Contains(st, "No event is marked yet") {
		t.Errorf("M with no mark: %q", st)
	}
	selectEvent(t, m, "hack")
	keys(m, "m")
	selectEvent(t, m, "strike")
	keys(m, "m", "M")
	if got := eventIDs(m); !slices.Equal(got, []string{"strike", "hack"}) {
		t.Errorf("M keeps %q", got)
	}
	if q := shownFilter(m).String(); q != "marked:any" {
		t.Errorf("query text %q", q)
	}
	if !strings.Contains(screen(m), " marked ") {
		t.Errorf("no chip:\n%s", screen(m))
	}
	keys(m, "m") // unmarking strike takes it out of the list at once
	if got := eventIDs(m); !slices.Equal(got, []string{"hack"}) {
		t.Errorf("after unmarking: %q", got)
	}
	keys(m, "M")
	if len(listed(m)) != len(m.t.Events) {
		t.Errorf("M again lists %d events", len(listed(m)))
	}
}

// n writes a note in the editor inside the explorer: ctrl+s saves it, it shows in the
// detail under the summary, as the reader's; esc with changes asks first.
func TestNoteKey(t *testing.T) {
	m, path := bookModel(t, 140, 40)
	selectEvent(t, m, "hack")
	keys(m, "n")
	if m.focus != focusNote {
		t.Fatalf("focus %v", m.focus)
	}
	typeText(m, "Check the indictment.")
	keys(m, "enter")
	typeText(m, "Second line.")
	keys(m, "ctrl+s")
	if got := onDisk(t, path).Note("hack"); got != "Check the indictment.\nSecond line." {
		t.Errorf("note on disk %q", got)
	}
	if st := statusOf(m); !strings.HasPrefix(st, "Saved your note") {
		t.Errorf("status %q", st)
	}
	keys(m, "enter")
	d := ansiLines(detailLines(m))
	at := slices.IndexFunc(d, func(l string) bool { return strings.HasPrefix(l, "Your note") })
	summary := slices.IndexFunc(d, func(l string) bool { return strings.HasPrefix(l, "The campaign said") })
	if at < 0 || summary < 0 || at < summary || d[at+1] != "┃ Check the indictment." || d[at+2] != "┃ Second line." {
		t.Errorf("the note is not under the summary, behind its bar:\n%s", strings.Join(d, "\n"))
	}

	// esc with changes asks: esc goes on writing, n drops the changes, y saves them.
	keys(m, "n")
	typeText(m, " More.")
	keys(m, "esc")
	if m.focus != focusNote || !m.note.asking {
		t.Fatalf("esc with changes: focus %v, asking %v", m.focus, m.note.asking)
	}
	keys(m, "esc")
	if m.note.asking || m.focus != focusNote {
		t.Errorf("esc to the question did not go back to writing")
	}
	keys(m, "esc", "n")
	if got := onDisk(t, path).Note("hack"); strings.Contains(got, "More") || m.focus != focusDetail {
		t.Errorf("n to the question: note %q, focus %v", got, m.focus)
	}
	keys(m, "n")
	typeText(m, " More.")
	keys(m, "esc", "y")
	if got := onDisk(t, path).Note("hack"); !strings.HasSuffix(got, "Second line. More.") {
		t.Errorf("y to the question: note %q", got)
	}
	keys(m, "n", "esc") // nothing changed: esc just closes
	if m.focus != focusDetail {
		t.Errorf("esc without changes: focus %v", m.focus)
	}
}

// ansiLines strips lines of their escape codes.
func ansiLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(ansi.Strip(l), " ")
	}
	return out
}

// N writes the note in $EDITOR; what the editor leaves in its file is the note, and the
// file is removed. An editor that fails leaves the note as it was.
func TestNoteEditorKey(t *testing.T) {
	dir := t.TempDir()
	editor := filepath.Join(dir, "ed")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\nprintf 'from the editor\\n' >> \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor)
	m, path := bookModel(t, 140, 40)
	selectEvent(t, m, "hack")
	e := shownEvent(m)
	cmd, done, err := noteEditorCmd(e, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if cmd.Path != editor && !strings.HasSuffix(cmd.Path, "/ed") {
		t.Errorf("the editor run is %q", cmd.Path)
	}
	_, next := m.Update(done(cmd.Run()))
	run(m, next)
	if got := onDisk(t, path).Note("hack"); got != "from the editor" {
		t.Errorf("note %q", got)
	}
	if _, err := os.Stat(cmd.Args[len(cmd.Args)-1]); !os.IsNotExist(err) {
		t.Errorf("the editor's file was left: %v", err)
	}

	// The key itself hands the program the editor to run.
	if _, c := m.Update(press("N")); c == nil {
		t.Error("N gives no command")
	}

	fail := exec.Command("false")
	cmd, done, _ = noteEditorCmd(e, "from the editor", "from the editor")
	_, next = m.Update(done(fail.Run()))
	run(m, next)
	os.Remove(cmd.Args[len(cmd.Args)-1])
	if st := statusOf(m); !strings.Contains(st, "The editor failed") {
		t.Errorf("status %q", st)
	}
	if got := onDisk(t, path).Note("hack"); got != "from the editor" {
		t.Errorf("a failed editor changed the note: %q", got)
	}
}

// / finds an event by a word of the reader's note on it.
func TestSearchFindsNotes(t *testing.T) {
	m, _ := bookModel(t, 140, 40)
	selectEvent(t, m, "talks")
	keys(m, "n")
	typeText(m, "zanzibar")
	keys(m, "ctrl+s", "/")
	typeText(m, "zanzibar")
	keys(m, "enter")
	if got := eventIDs(m); !slices.Equal(got, []string{"talks"}) {
		t.Errorf("a search for a word of a note keeps %q", got)
	}
	if !strings.Contains(overlayHelp(m), "your notes") {
		t.Error("the help does not say / searches notes")
	}
}

// overlayHelp is the whole text of the help.
func overlayHelp(m *Model) string {
	keys(m, "?")
	defer keys(m, "esc")
	return overlayText(m)
}

// v saves the filter under a name, shows it as query text, applies a saved view, and
// deletes one after asking; saving over a view asks first.
func TestViewsKey(t *testing.T) {
	m, path := bookModel(t, 140, 40)
	keys(m, "a")
	typeText(m, "micro")
	keys(m, "enter", "v")
	if m.focus != focusViews {
		t.Fatalf("focus %v", m.focus)
	}
	if !strings.Contains(screen(m), "now: actor:microsoft") {
		t.Errorf("the views do not show the filter as query text:\n%s", screen(m))
	}
	typeText(m, "ms")
	keys(m, "enter")
	if v, ok := onDisk(t, path).View("ms"); !ok || v.Query != "actor:microsoft" {
		t.Fatalf("view on disk %+v %v", v, ok)
	}
	if st := statusOf(m); !strings.Contains(st, "Saved view “ms”: actor:microsoft (2 events)") {
		t.Errorf("status %q", st)
	}

	keys(m, "x", "v", "enter") // the only view is highlighted: enter applies it
	if q := m.session.Applied().String(); q != "actor:microsoft" {
		t.Errorf("applying the view gives %q", q)
	}
	keys(m, "backspace")
	if !m.session.Applied().IsZero() {
		t.Errorf("undo after a view leaves %q", m.session.Applied().String())
	}

	keys(m, "d")
	typeText(m, "2024")
	keys(m, "enter", "v")
	typeText(m, "ms")
	keys(m, "ctrl+s")
	if m.views.asking != viewReplace {
		t.Fatalf("saving over a view does not ask; status %q", statusOf(m))
	}
	keys(m, "n")
	if v, _ := onDisk(t, path).View("ms"); v.Query != "actor:microsoft" {
		t.Errorf("n replaced the view: %q", v.Query)
	}
	keys(m, "ctrl+s", "y")
	if v, _ := onDisk(t, path).View("ms"); v.Query != "from:2024 to:2024" && !strings.Contains(v.Query, "2024") {
		t.Errorf("y did not replace the view: %q", v.Query)
	}

	keys(m, "v", "ctrl+x")
	if m.views.asking != viewDelete {
		t.Fatal("ctrl+x does not ask")
	}
	keys(m, "y")
	if _, ok := onDisk(t, path).View("ms"); ok {
		t.Error("the view was not deleted")
	}
}

// A notebook that is not valid opens read-only: the status names the file and the line,
// every key that would write says why it cannot, and the file is left as it was.
func TestReadOnlyNotebook(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.toml")
	bad := "version = 1\n\n[events.hack]\nmarked = yes\n"
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	m := newBookModel(t, loadSmall(t), timeline.Filter{}, path, 140, 40)
	selectEvent(t, m, "hack")
	for _, k := range [][]string{{"m"}, {"L"}, {"n"}, {"N"}, {"v"}} {
		keys(m, k...)
		st := statusOf(m)
		if !strings.Contains(st, "read-only") || !strings.Contains(st, path+":4") {
			t.Errorf("%s on a bad notebook says %q", k, st)
		}
		if !m.focus.isPane() {
			t.Errorf("%s opened %v on a read-only notebook", k, m.focus)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != bad {
		t.Errorf("the bad notebook was written: %q", b)
	}
}

// Two explorers on one notebook keep each other's marks and notes, and each shows the
// other's on its next look at the file; two notes written at once are both kept.
func TestTwoExplorersOneNotebook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.toml")
	a := newBookModel(t, loadSmall(t), timeline.Filter{}, path, 140, 40)
	b := newBookModel(t, loadSmall(t), timeline.Filter{}, path, 140, 40)
	selectEvent(t, a, "hack")
	keys(a, "m")
	selectEvent(t, b, "strike")
	keys(b, "m")
	disk := onDisk(t, path)
	if !disk.Marked("hack") || !disk.Marked("strike") {
		t.Errorf("marks on disk: hack %v, strike %v", disk.Marked("hack"), disk.Marked("strike"))
	}
	run(a, a.reload())
	if !a.book.state.Marked("strike") || !strings.Contains(statusOf(a), "changed on disk") {
		t.Errorf("a does not show b's mark; status %q", statusOf(a))
	}

	// Both open the note on hack, empty; a saves first, then b.
	selectEvent(t, b, "hack")
	keys(a, "n")
	keys(b, "n")
	typeText(a, "from a")
	typeText(b, "from b")
	keys(a, "ctrl+s")
	keys(b, "ctrl+s")
	note := onDisk(t, path).Note("hack")
	if !strings.Contains(note, "from a") || !strings.Contains(note, "from b") || !strings.Contains(note, notebook.ConflictMarker) {
		t.Errorf("the note on disk %q", note)
	}
	if st := statusOf(b); !strings.Contains(st, "both are kept") {
		t.Errorf("b says %q", st)
	}
}

// The notebook's golden views: marks and notes in the list and the detail, the label
// picker, the note editor, the views, the marked events alone.
func TestNotebookGoldenViews(t *testing.T) {
	prepare := func(t *testing.T, m *Model) {
		selectEvent(t, m, "strike")
		keys(m, "L", "tab", "enter")
		keys(m, "n")
		typeText(m, "Check the date against the Pentagon's statement.")
		keys(m, "enter", "enter")
		typeText(m, "A second paragraph of mine, long enough to wrap in the narrow detail pane.")
		keys(m, "ctrl+s")
		selectEvent(t, m, "phishing")
		keys(m, "m", "L", "down", "down", "tab", "enter")
		selectEvent(t, m, "hack")
		keys(m, "n")
		typeText(m, "Who else was phished?")
		keys(m, "ctrl+s")
		keys(m, "M", "v")
		typeText(m, "starred")
		keys(m, "enter", "M")
	}
	for _, tc := range []struct {
		name string
		keys []string
		text string
	}{
		{name: "notebook-list"},
		{name: "notebook-detail", keys: []string{"g", "j", "enter"}},
		{name: "notebook-labels", keys: []string{"L"}},
		{name: "notebook-note", keys: []string{"g", "j", "n"}},
		{name: "notebook-views", keys: []string{"v"}},
		{name: "notebook-marked", keys: []string{"M"}},
	} {
		for _, size := range [][2]int{{80, 24}, {140, 40}} {
			name := tc.name + "-" + strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1])
			t.Run(name, func(t *testing.T) {
				m, _ := bookModel(t, size[0], size[1])
				prepare(t, m)
				keys(m, tc.keys...)
				got := screen(m)
				checkFits(t, got, size[0], size[1])
				golden(t, name, got)
			})
		}
	}
}
