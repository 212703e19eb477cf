package ui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// Notes: n writes the reader's note on the event in an editor inside the explorer (bubbles
// textarea), N in $VISUAL or $EDITOR. The note shows in the detail under the summary,
// behind a bar and under a heading of its own, never mixed with the timeline's text. A
// note is saved over the text it was edited from: when another window saved the note
// meanwhile, the notebook keeps both texts and the status says so.

// maxInlineNote bounds the note the editor inside the explorer opens: a longer one opens
// in $EDITOR, which is made for it.
const maxInlineNote = 64 << 10

// readerNote lays out the reader's note on e, line by line as it was written, behind a
// bar, on at most maxFieldLines lines.
func (x *detailWriter) readerNote(e *timeline.Event) {
	st := x.d.notes
	if st == nil {
		return
	}
	note := st.Note(e.ID)
	if note == "" {
		return
	}
	s := &x.d.styles.ReaderPaint
	x.blank()
	heading := "Your note"
	if x.d.keys != nil {
		heading += " (" + x.d.keys.Note.Help().Key + " edits it)"
	}
	x.lines = append(x.lines, s.Heading.Render(truncate(heading, x.w, "…")))
	bar := s.Bar.Render("┃ ")
	w := max(x.w-2, 1)
	if x.w < 4 {
		bar, w = "", x.w
	}
	head, cut := headBytes(note, maxFieldBytes)
	start, blank := len(x.lines), false
	for line := range strings.Lines(cleanText(head)) {
		line = strings.TrimRight(line, " \n")
		if line == "" {
			blank = true
			continue
		}
		if blank {
			x.lines = append(x.lines, bar)
			blank = false
		}
		left := maxFieldLines - (len(x.lines) - start)
		lines, more := wrap(line, w, 0, left)
		if x.plain == nil {
			x.plain = make(map[int]plainLine)
		}
		for _, l := range lines {
			x.plain[len(x.lines)] = plainLine{lead: bar, text: l}
			x.lines = append(x.lines, bar+l)
		}
		if more || len(x.lines)-start >= maxFieldLines {
			cut = true
			break
		}
	}
	if cut {
		x.tooLong()
	}
}

// openNote opens the editor inside the explorer on the note of the event shown.
func (m *Model) openNote() tea.Cmd {
	e := m.shown()
	if e == nil {
		return statusCmd(false, "No event selected")
	}
	if cmd := m.writable(); cmd != nil {
		return cmd
	}
	base := m.noteOf(e)
	if len(base) > maxInlineNote {
		return statusCmd(false, "Your note on “%s” is %s: %s opens it in your editor", shortTitle(e), humanBytes(len(base)), m.keys.NoteEditor.Help().Key)
	}
	m.note.Open(e, base)
	return m.setFocus(focusNote)
}

// noteKey answers the keys of the note editor.
func (m *Model) noteKey(k tea.KeyPressMsg) tea.Cmd {
	switch m.note.Answer(k) {
	case noteSave:
		e, base, text := m.note.Result()
		cmd := m.setFocus(m.base)
		return tea.Batch(cmd, m.saveNote(e, base, text))
	case noteDrop:
		return tea.Batch(m.setFocus(m.base), statusCmd(false, "Your changes to the note were dropped"))
	case noteExternal:
		if _, err := editorArgv(); err != nil {
			return statusCmd(true, "%v", err) // the words typed stay in the editor
		}
		e, base, text := m.note.Result()
		cmd := m.setFocus(m.base)
		return tea.Batch(cmd, m.editExternally(e, base, text))
	case noteClose:
		return m.setFocus(m.base)
	}
	return m.note.Update(k)
}

// saveNote saves text as the note on e, which read base when the reader began.
func (m *Model) saveNote(e *timeline.Event, base, text string) tea.Cmd {
	if strings.TrimSpace(text) == strings.TrimSpace(base) {
		return statusCmd(false, "The note on “%s” is as it was", shortTitle(e))
	}
	id, title := e.ID, shortTitle(e)
	merge := m.keys.Note.Help().Key
	return m.write(func(nb *notebook.Notebook) (string, error) {
		_, both, err := nb.EditNote(id, base, text)
		switch {
		case err != nil:
			return "", err
		case both:
			return "Saved, with the text another tlx saved meanwhile: both are kept in the note on “" + title + "”; " + merge + " to merge them", nil
		case strings.TrimSpace(text) == "":
			return "Removed the note on “" + title + "”: saved", nil
		}
		return "Saved your note on “" + title + "”", nil
	})
}

// editedMsg reports that the reader's editor ended on the note of an event.
type editedMsg struct {
	ev   *timeline.Event
	base string // the note when the editing began
	text string // the text handed to the editor
	file string // the temporary file the editor wrote
	err  error
}

// editExternally opens the note on e, text so far, in the reader's editor; base is the
// note as it was when the editing began.
func (m *Model) editExternally(e *timeline.Event, base, text string) tea.Cmd {
	if cmd := m.writable(); cmd != nil {
		return cmd
	}
	cmd, done, err := noteEditorCmd(e, base, text)
	if err != nil {
		return statusCmd(true, "%v", err)
	}
	return runInTerminal(cmd, done)
}

// openNoteEditor opens the note of the event shown in the reader's editor.
func (m *Model) openNoteEditor() tea.Cmd {
	e := m.shown()
	if e == nil {
		return statusCmd(false, "No event selected")
	}
	base := m.noteOf(e)
	return m.editExternally(e, base, base)
}

// editorArgv returns the reader's editor as a command: $VISUAL, else $EDITOR, split at
// spaces (so "code --wait" works), else vi when there is one.
func editorArgv() ([]string, error) {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if argv := strings.Fields(os.Getenv(v)); len(argv) > 0 {
			if _, err := exec.LookPath(argv[0]); err != nil {
				return nil, fmt.Errorf("no editor “%s” (your $%s) is installed here: set VISUAL or EDITOR to the one you use", argv[0], v)
			}
			return argv, nil
		}
	}
	if _, err := exec.LookPath("vi"); err == nil {
		return []string{"vi"}, nil
	}
	return nil, errors.New("no editor: set VISUAL or EDITOR to the one you use")
}

// noteEditorCmd writes text to a temporary file and returns the command that opens it in
// the reader's editor, and what reports its end.
func noteEditorCmd(e *timeline.Event, base, text string) (*exec.Cmd, tea.ExecCallback, error) {
	argv, err := editorArgv()
	if err != nil {
		return nil, nil, err
	}
	f, err := os.CreateTemp("", "tlx-note-*.md")
	if err != nil {
		return nil, nil, fmt.Errorf("a file for the editor: %w", err)
	}
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return nil, nil, fmt.Errorf("a file for the editor: %w", err)
	}
	cmd := exec.Command(argv[0], append(argv[1:], f.Name())...)
	file := f.Name()
	return cmd, func(err error) tea.Msg { return editedMsg{ev: e, base: base, text: text, file: file, err: err} }, nil
}

// edited saves what the reader's editor left in its file as the note, unless the editor
// failed; the file is removed either way.
func (m *Model) edited(msg editedMsg) tea.Cmd {
	defer os.Remove(msg.file)
	if msg.err != nil && strings.TrimSpace(msg.text) != strings.TrimSpace(msg.base) {
		// Words not saved went to the editor: they come back to ours, not lost.
		m.note.Resume(msg.ev, msg.base, msg.text)
		return tea.Batch(m.setFocus(focusNote), statusCmd(true, "The editor failed (%v): your words are back here, not saved; %s saves them",
			msg.err, m.keys.NoteSave.Help().Key))
	}
	if msg.err != nil {
		return statusCmd(true, "The editor failed (%v): the note on “%s” is as it was", msg.err, shortTitle(msg.ev))
	}
	b, err := os.ReadFile(msg.file)
	if err != nil {
		return statusCmd(true, "The editor's file could not be read (%v): the note is as it was", err)
	}
	if cmd := m.writable(); cmd != nil {
		return cmd
	}
	return m.saveNote(msg.ev, msg.base, string(b))
}

// noteAnswer is what a key in the note editor asks for.
type noteAnswer int

const (
	noteEdit     noteAnswer = iota // the key edits the text
	noteSave                       // save the text and close
	noteDrop                       // close, dropping the changes
	noteClose                      // close: nothing changed
	noteExternal                   // go on in the reader's editor
)

// noteEditor is the editor of a note inside the explorer: a textarea under a title, in
// the detail's place. esc with changes asks first whether to save them.
type noteEditor struct {
	styles *Styles
	keys   *keyMap
	area   textarea.Model
	ev     *timeline.Event
	base   string // the note when the editing began
	asking bool   // esc asked whether to save the changes
	warned bool   // ctrl+c was held once, the changes not saved
	width  int
	height int
	yes    key.Binding
	no     key.Binding
}

var _ component = (*noteEditor)(nil)

func newNoteEditor(s *Styles, k *keyMap) noteEditor {
	a := textarea.New()
	a.ShowLineNumbers = false
	a.Prompt = "┃ "
	a.MaxHeight = 0
	a.CharLimit = maxInlineNote
	a.Placeholder = "Your note: what matters, what to check, where it leads."
	a.SetStyles(s.Note)
	yes, no := k.Yes, k.No
	yes.SetHelp(yes.Help().Key, "save")
	no.SetHelp(no.Help().Key, "drop the changes")
	return noteEditor{styles: s, keys: k, area: a, yes: yes, no: no}
}

// Open starts editing base, the note on e.
func (n *noteEditor) Open(e *timeline.Event, base string) {
	n.ev, n.base, n.asking, n.warned = e, base, false, false
	n.area.SetValue(base)
	n.area.MoveToEnd()
}

// Resume goes on editing text, not saved, of the note on e that was base.
func (n *noteEditor) Resume(e *timeline.Event, base, text string) {
	n.Open(e, base)
	n.area.SetValue(strings.TrimSuffix(text, "\n"))
	n.area.MoveToEnd()
}

// Result returns the event, the note when the editing began, and the text now.
func (n *noteEditor) Result() (*timeline.Event, string, string) { return n.ev, n.base, n.area.Value() }

// changed reports whether the text differs from the note it began from.
func (n *noteEditor) changed() bool {
	return strings.TrimSpace(n.area.Value()) != strings.TrimSpace(n.base)
}

// HoldInterrupt reports whether ctrl+c should wait this once: with changes not saved,
// the first press is held, so that the reader's words are not thrown away without a
// word; the next quits.
func (n *noteEditor) HoldInterrupt() bool {
	if n.warned || !n.changed() {
		return false
	}
	n.warned = true
	return true
}

// Answer says what k asks of the editor: save, close, go on elsewhere, or edit.
func (n *noteEditor) Answer(k tea.KeyPressMsg) noteAnswer {
	if n.asking {
		switch {
		case key.Matches(k, n.keys.Yes):
			return noteSave
		case key.Matches(k, n.keys.Cancel):
			n.asking = false
			return noteEdit
		case key.Matches(k, n.keys.No):
			return noteDrop
		}
		return noteEdit
	}
	switch {
	case key.Matches(k, n.keys.NoteSave):
		return noteSave
	case key.Matches(k, n.keys.NoteExternal):
		return noteExternal
	case key.Matches(k, n.keys.NoteClose) && n.changed():
		n.asking = true
		return noteEdit
	case key.Matches(k, n.keys.NoteClose):
		return noteClose
	}
	return noteEdit
}

// SetSize sets the editor's size: a title line, then the text.
func (n *noteEditor) SetSize(w, h int) {
	n.width, n.height = max(w, 0), max(h, 0)
	n.area.SetWidth(max(w, 1))
	n.area.SetHeight(max(h-2, 1))
}

// SetStyles hands the editor new styles.
func (n *noteEditor) SetStyles(s *Styles) { n.styles = s; n.area.SetStyles(s.Note) }

// Focus gives the editor the keyboard.
func (n *noteEditor) Focus() tea.Cmd { return n.area.Focus() }

// Blur takes it away.
func (n *noteEditor) Blur() { n.area.Blur() }

// Update edits the text; keys wait while the editor asks whether to save.
func (n *noteEditor) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.KeyPressMsg); ok && n.asking {
		return statusCmd(false, "Save your changes to the note? %s saves, %s drops them, %s goes on writing",
			n.keys.Yes.Help().Key, n.keys.No.Help().Key, n.keys.Cancel.Help().Key)
	}
	var cmd tea.Cmd
	n.area, cmd = n.area.Update(msg)
	return cmd
}

// View draws the title, a line saying what is asked or what the keys do, and the text.
func (n *noteEditor) View() string {
	if n.width <= 0 || n.height <= 0 || n.ev == nil {
		return ""
	}
	s, w := n.styles, n.width
	lines := []string{s.ReaderPaint.Heading.Render(truncate("Your note on “"+shortTitle(n.ev)+"”", w, "…"))}
	if n.height >= 2 {
		hint := "saved when you press " + n.keys.NoteSave.Help().Key + " · the timeline is not changed"
		p := s.PickerPaint.Meta
		if n.asking {
			hint = "Save your changes? " + n.keys.Yes.Help().Key + " saves · " + n.keys.No.Help().Key + " drops them · " + n.keys.Cancel.Help().Key + " goes on writing"
			p = s.StatusPaint.Error
		}
		lines = append(lines, p.Render(truncate(hint, w, "…")))
	}
	if n.height >= 3 {
		for _, l := range strings.Split(n.area.View(), "\n") {
			lines = append(lines, exactWidth(l, w))
		}
	}
	if len(lines) > n.height {
		lines = lines[:n.height]
	}
	return strings.Join(lines, "\n")
}

// ShortHelp returns the editor's keys, or the answers to its question.
func (n *noteEditor) ShortHelp() []key.Binding {
	if n.asking {
		return []key.Binding{n.yes, n.no, n.keys.Cancel}
	}
	return []key.Binding{n.keys.NoteSave, n.keys.NoteClose, n.keys.NoteExternal}
}

// FullHelp returns the same, in one column.
func (n *noteEditor) FullHelp() [][]key.Binding { return [][]key.Binding{n.ShortHelp()} }
