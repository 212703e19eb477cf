package ui

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// What a new reader met with the notebook, tried in tmux: each test failed before.

// The help explains the list's column of what the reader wrote, ★ and ✎, as it explains
// the status marks.
func TestHelpExplainsReaderMarks(t *testing.T) {
	m, _ := bookModel(t, 80, 24)
	help := overlayHelpAll(m)
	for _, want := range []string{"★", "your mark", "✎", "your note"} {
		if !strings.Contains(help, want) {
			t.Errorf("the help does not explain %q", want)
		}
	}
}

// overlayHelpAll opens the help and returns all of it, scrolled page by page.
func overlayHelpAll(m *Model) string {
	keys(m, "?")
	defer keys(m, "esc")
	return strings.Join(m.help.lines, "\n")
}

// A new label typed after toggling others is added with them, not dropped without a
// word; one that cannot be a label says so.
func TestLabelTypedWithToggles(t *testing.T) {
	m, path := bookModel(t, 80, 24)
	selectEvent(t, m, "hack")
	keys(m, "L", "tab") // key toggled
	typeText(m, "follow-up")
	if w := m.labels.choiceWords(); !strings.Contains(w, "follow-up") {
		t.Errorf("enter would %q, not naming the label typed", w)
	}
	keys(m, "enter")
	if _, labels := onDisk(t, path).Mark("hack"); !slices.Equal(labels, []string{"follow-up", "key"}) {
		t.Errorf("labels on disk %q, want follow-up and key", labels)
	}
	keys(m, "L", "tab")
	typeText(m, "see again")
	keys(m, "enter")
	if st := statusOf(m); !strings.Contains(st, "is not a label") {
		t.Errorf("a label with a space (and a toggle) says %q", st)
	}
	if _, labels := onDisk(t, path).Mark("hack"); !slices.Equal(labels, []string{"follow-up", "key"}) {
		t.Errorf("a refused label changed the labels: %q", labels)
	}
}

// A notebook that does not read says why in full somewhere a reader can read it at 80
// columns: the status line names the file and the line and points to i, whose view
// holds the whole message; M says the notebook could not be read, not "m marks one".
func TestReadOnlyReasonInFull(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a-rather-long-folder-name-for-the-notebooks", "notes.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := "version = 1\n\n[events.hack]\nmarked = yes\n"
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	m := newBookModel(t, loadSmall(t), timeline.Filter{}, path, 80, 24)
	keys(m, "m")
	if st := statusLineOf(m); !strings.Contains(st, "read-only") || !strings.Contains(st, "i ") {
		t.Errorf("the status line at 80 columns: %q", st)
	}
	keys(m, "i")
	about := strings.Join(strings.Fields(overlayText(m)), " ")
	why := m.book.nb.ReadOnly().Error()
	if !strings.Contains(strings.ReplaceAll(about, " ", ""), strings.ReplaceAll(why, " ", "")) {
		t.Errorf("the about view lacks the whole reason %q:\n%s", why, about)
	}
	keys(m, "esc", "M")
	if st := statusOf(m); !strings.Contains(st, "read-only") {
		t.Errorf("M on an unreadable notebook says %q", st)
	}
}

// statusLineOf returns the status line as the screen shows it, all its lines.
func statusLineOf(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	end := len(lines) - m.lay.footerH
	return strings.Join(lines[end-m.lay.statusH:end], "\n")
}

// ctrl+c in the note editor with words not saved does not throw them away without a
// word: it says so and stays, and a second ctrl+c quits; with nothing changed it quits
// at once, as everywhere.
func TestInterruptKeepsAnUnsavedNote(t *testing.T) {
	m, path := bookModel(t, 80, 24)
	selectEvent(t, m, "hack")
	keys(m, "n")
	typeText(m, "words not saved yet")
	_, cmd := m.Update(press("ctrl+c"))
	if ends(cmd, tea.QuitMsg{}) {
		t.Fatal("ctrl+c quit with the note not saved")
	}
	run(m, cmd)
	if m.focus != focusNote || !strings.Contains(statusOf(m), "not saved") {
		t.Errorf("focus %v, status %q", m.focus, statusOf(m))
	}
	keys(m, "ctrl+s")
	if got := onDisk(t, path).Note("hack"); !strings.Contains(got, "words not saved yet") {
		t.Errorf("the note on disk %q", got)
	}
	keys(m, "n")
	typeText(m, " and more")
	m.Update(press("ctrl+c"))
	_, cmd = m.Update(press("ctrl+c"))
	if !ends(cmd, tea.QuitMsg{}) {
		t.Error("a second ctrl+c did not quit")
	}
}

// e writes the reader's marks and notes into the export, marked as the reader's, and y
// copies the event with them, as the export writes it.
func TestExportAndCopyCarryNotes(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses xclip's name")
	}
	m, _ := bookModel(t, 140, 40)
	selectEvent(t, m, "hack")
	keys(m, "m", "n")
	typeText(m, "Ask the campaign for the emails.")
	keys(m, "ctrl+s", "M")
	if got := eventIDs(m); !slices.Equal(got, []string{"hack"}) {
		t.Fatalf("M lists %q", got)
	}
	path := filepath.Join(t.TempDir(), "marked.md")
	keys(m, "e")
	setPrompt(m, path)
	keys(m, "enter")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"**Reader's mark:** marked", "**Reader's note:**", "Ask the campaign for the emails."} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("the export lacks %q:\n%s", want, doc)
		}
	}

	clip := fakeClipboard(t)
	keys(m, "y")
	waitFile(t, clip, export.EventMarkdownNotes(m.t, m.shown(), m.book.state))
	b, _ := os.ReadFile(clip)
	if !strings.Contains(string(b), "**Reader's note:**") {
		t.Errorf("y copies the event without the reader's note:\n%s", b)
	}
}

// The status says the export was written once it was, whichever of the explorer's
// messages comes first: "Exporting…" came after "Exported" when the write was quick, and
// stayed on screen as though it never ended.
func TestExportSaysExportedLast(t *testing.T) {
	m, _ := bookModel(t, 80, 24)
	path := filepath.Join(t.TempDir(), "quick.md")
	keys(m, "e")
	setPrompt(m, path)
	_, cmd := m.Update(press("enter"))
	runLastFirst(m, cmd)
	if want := "Exported 9 events to " + path; statusOf(m) != want {
		t.Errorf("status %q, want %q", statusOf(m), want)
	}
}

// runLastFirst runs cmd as run does, but the commands of a batch, which the program runs
// at once in no set order, last first; those of a sequence in their order.
func runLastFirst(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if cmds, ok := subCmds(msg); ok {
		if _, batch := msg.(tea.BatchMsg); !batch { // a sequence
			for _, c := range cmds {
				runLastFirst(m, c)
			}
			return
		}
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg, tea.SuspendMsg:
	case tea.BatchMsg:
		for i := len(msg) - 1; i >= 0; i-- {
			runLastFirst(m, msg[i])
		}
	default:
		_, next := m.Update(msg)
		runLastFirst(m, next)
	}
}

// An editor that is not installed is named in a plain sentence, and the words typed in
// the explorer's editor stay there; an editor that fails gives them back too.
func TestEditorMissingKeepsTheWords(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "no-such-editor-here --wait")
	m, _ := bookModel(t, 80, 24)
	selectEvent(t, m, "hack")
	keys(m, "n")
	typeText(m, "typed inline")
	keys(m, "ctrl+o")
	st := statusOf(m)
	if !strings.Contains(st, "no-such-editor-here") || !strings.Contains(st, "EDITOR") || strings.Contains(st, "executable file not found") {
		t.Errorf("a missing editor says %q", st)
	}
	if _, _, text := m.note.Result(); m.focus != focusNote || text != "typed inline" {
		t.Errorf("focus %v, text %q: the words typed are gone", m.focus, text)
	}

	// An editor that starts and fails: its end gives the words back to the explorer's editor.
	e := m.shown()
	run(m, m.setFocus(m.base))
	file := filepath.Join(t.TempDir(), "note.md")
	os.WriteFile(file, []byte("typed inline\n"), 0o600)
	_, cmd := m.Update(editedMsg{ev: e, base: "", text: "typed inline", file: file, err: errors.New("exit status 1")})
	run(m, cmd)
	if _, _, text := m.note.Result(); m.focus != focusNote || text != "typed inline" {
		t.Errorf("after the editor failed: focus %v, text %q", m.focus, text)
	}
	if st := statusOf(m); !strings.Contains(st, "exit status 1") {
		t.Errorf("status %q", st)
	}
}

// A stop (the terminal closed, a signal) with words in the note editor not saved saves
// them, since the reader cannot be asked, and says so once the screen is gone; before,
// they were lost.
func TestStopKeepsTheNote(t *testing.T) {
	m, path := bookModel(t, 80, 24)
	selectEvent(t, m, "hack")
	keys(m, "n")
	typeText(m, "words being written")
	_, cmd := m.Update(stopMsg{cause: errors.New("SIGHUP")})
	if ends(cmd, tea.QuitMsg{}) {
		t.Fatal("the stop quit before the note was saved")
	}
	if !ends(untilSaved(t, m, cmd), tea.QuitMsg{}) {
		t.Error("the note's save did not end the program")
	}
	if got := onDisk(t, path).Note("hack"); got != "words being written" {
		t.Errorf("the note on disk %q", got)
	}
	if len(m.quitter.notes) != 1 || !strings.Contains(m.quitter.notes[0], "it was saved to "+path) {
		t.Errorf("Run will say %q", m.quitter.notes)
	}
}

// untilSaved runs cmd, which holds a notebook write, and hands m its end; it returns the
// command m answers with.
func untilSaved(t *testing.T, m *Model, cmd tea.Cmd) tea.Cmd {
	t.Helper()
	for _, msg := range collect(cmd) {
		if saved, ok := msg.(bookSavedMsg); ok {
			_, next := m.Update(saved)
			return next
		}
	}
	t.Fatal("no notebook write")
	return nil
}

// A search for text with a colon or a quote, such as marked:key, reads in the header and
// the status as the export's header words it, in curly quotes, not Go-escaped.
func TestSearchChipNotEscaped(t *testing.T) {
	m, _ := bookModel(t, 140, 40)
	keys(m, "/")
	typeText(m, "marked:key")
	keys(m, "enter")
	if got := screen(m); strings.Contains(got, `\"`) || !strings.Contains(got, `search “"marked:key"”`) {
		t.Errorf("the header shows:\n%s", strings.SplitN(got, "\n", 3)[1])
	}
	if st := statusOf(m); strings.Contains(st, `\"`) || !strings.Contains(st, `text matching “"marked:key"”`) {
		t.Errorf("status %q", st)
	}
}

// : shows the filter in force as query text, ready to edit; enter applies what is typed,
// a mark's labels among it, which M alone cannot pick; what does not read is said as it
// is typed and enter keeps the prompt open; esc leaves the filter as it was.
func TestQueryKey(t *testing.T) {
	m, _ := bookModel(t, 140, 40)
	selectEvent(t, m, "hack")
	keys(m, "m", "L", "tab", "enter") // hack marked key
	selectEvent(t, m, "strike")
	keys(m, "m") // strike marked, no label
	keys(m, "a")
	typeText(m, "microsoft")
	keys(m, "enter", ":")
	if m.focus != focusQuery || m.query.Value() != "actor:microsoft" {
		t.Fatalf("focus %v, query %q; want the filter in force as query text", m.focus, m.query.Value())
	}
	if !strings.Contains(screen(m), "actor:microsoft") {
		t.Errorf("the query is not on screen:\n%s", screen(m))
	}
	keys(m, "esc")
	if shownFilter(m).String() != "actor:microsoft" {
		t.Errorf("esc changed the filter to %q", shownFilter(m).String())
	}
	keys(m, ":", "ctrl+u")
	typeText(m, "marked:key")
	keys(m, "enter")
	if got := eventIDs(m); !slices.Equal(got, []string{"hack"}) || m.focus != focusList {
		t.Errorf("marked:key lists %q, focus %v; want hack alone", got, m.focus)
	}
	keys(m, ":", "ctrl+u")
	typeText(m, "actor:")
	if !strings.Contains(screen(m), "actor:") || m.query.err == "" {
		t.Errorf("a query that does not read says nothing: %q", m.query.err)
	}
	keys(m, "enter")
	if m.focus != focusQuery {
		t.Errorf("enter on a bad query left the prompt: focus %v", m.focus)
	}
	keys(m, "esc", "backspace")
	if got := shownFilter(m).String(); got != "actor:microsoft" {
		t.Errorf("undo after the query gives %q", got)
	}
}

// A change the notebook could not save says so with a reason that names a path, too long
// for 80 columns: the status points to i, whose view holds the reason whole.
func TestNotSavedReasonInFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a-folder-that-is-not-there", "and-another", "notes.toml")
	m := newBookModel(t, loadSmall(t), timeline.Filter{}, path, 80, 24)
	keys(m, "m")
	if st := statusLineOf(m); !strings.Contains(st, "Not saved") || !strings.Contains(st, "i says why") {
		t.Errorf("the status line at 80 columns: %q", st)
	}
	keys(m, "i")
	about := strings.ReplaceAll(strings.Join(strings.Fields(overlayText(m)), ""), " ", "")
	why := strings.ReplaceAll(m.book.failed.Error(), " ", "")
	if !strings.Contains(about, why) {
		t.Errorf("the about view lacks the whole reason %q:\n%s", m.book.failed, overlayText(m))
	}
}

// Marks and notes on events the timeline no longer has (orphans) are kept and said: M
// says why it lists nothing rather than "0 events marked", and i counts them.
func TestOrphansSaid(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.toml")
	nb := "version = 1\n\n[events.gone]\ntitle = 'Gone'\nmarked = true\nnote = '''\nAn orphan note.\n'''\n"
	if err := os.WriteFile(path, []byte(nb), 0o644); err != nil {
		t.Fatal(err)
	}
	m := newBookModel(t, loadSmall(t), timeline.Filter{}, path, 80, 24)
	keys(m, "M")
	if st := statusOf(m); !strings.Contains(st, "no longer has") || !strings.Contains(st, "--orphans") {
		t.Errorf("M with only orphan marks says %q", st)
	}
	if !shownFilter(m).IsZero() {
		t.Errorf("M applied %q, listing nothing", shownFilter(m).String())
	}
	keys(m, "i")
	if about := strings.Join(strings.Fields(overlayText(m)), " "); !strings.Contains(about, "1 event marked or noted that this timeline no longer has") {
		t.Errorf("the about view does not count the orphan:\n%s", about)
	}
}

// Unmarking an event while M keeps only marked ones takes it from the list at once: the
// status says why, and how to see it again.
func TestUnmarkUnderMarkedSaysWhy(t *testing.T) {
	m, _ := bookModel(t, 80, 24)
	selectEvent(t, m, "hack")
	keys(m, "m")
	selectEvent(t, m, "strike")
	keys(m, "m", "M", "g")
	keys(m, "m")
	if got := len(listed(m)); got != 1 {
		t.Fatalf("%d events listed after unmarking one of two", got)
	}
	if st := statusOf(m); !strings.Contains(st, "leaves the list") || !strings.Contains(st, "M shows all") {
		t.Errorf("status %q", st)
	}
}
