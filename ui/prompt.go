package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// promptPane is a one-line prompt at the foot of the screen: the search, the date range
// and the export's file name each have their own, so that nothing typed in one reaches
// another. It opens with its value selected, as a browser's address bar does: typing
// replaces it, an arrow key starts editing it. It shows an error or a note after what was
// typed, and its keys only in the footer.
type promptPane struct {
	styles *Styles
	keys   *keyMap
	apply  key.Binding // enter, described for this prompt
	cancel key.Binding // esc, described for this prompt

	label    string
	note     string // dimmed after the input when there is no error
	err      string
	input    textinput.Model
	selected bool // the value is selected: typing replaces it

	recall   []string // values entered before, oldest first
	recallAt int      // index into recall while going through it
	draft    string   // what was typed before going through recall

	width int
	rows  int // lines it may take: on more than one, an error or note too long for the line goes above
}

var _ component = (*promptPane)(nil)

// maxRecall bounds the values a prompt remembers.
const maxRecall = 50

func newPrompt(s *Styles, k *keyMap, label, applyDesc, cancelDesc string) promptPane {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 1024
	in.SetStyles(s.Input)
	p := promptPane{styles: s, keys: k, label: label, input: in, apply: k.Apply, cancel: k.Cancel}
	p.apply.SetHelp(k.Apply.Help().Key, applyDesc)
	p.cancel.SetHelp(k.Cancel.Help().Key, cancelDesc)
	return p
}

// Open starts the prompt on value, selected. label, when not empty, replaces its label.
func (p *promptPane) Open(label, value string) {
	if label != "" {
		p.label = label
	}
	p.note, p.err = "", ""
	p.input.SetValue(value)
	p.input.CursorEnd()
	p.selected = value != ""
	p.recallAt, p.draft = len(p.recall), value
	if n := len(p.recall); n > 0 && p.recall[n-1] == value {
		p.recallAt = n - 1 // the value is the last one entered: ↑ goes to the one before
	}
	p.SetSize(p.width, p.rows)
}

// Focus gives the prompt the keyboard.
func (p *promptPane) Focus() tea.Cmd { return p.input.Focus() }

// Blur takes it away.
func (p *promptPane) Blur() { p.input.Blur() }

// SetStyles hands the prompt new styles.
func (p *promptPane) SetStyles(s *Styles) { p.styles = s; p.input.SetStyles(s.Input) }

// Value returns what was typed.
func (p *promptPane) Value() string { return p.input.Value() }

// Remember keeps v among the values ↑ brings back.
func (p *promptPane) Remember(v string) {
	if v == "" || len(p.recall) > 0 && p.recall[len(p.recall)-1] == v {
		return
	}
	p.recall = append(p.recall, v)
	if len(p.recall) > maxRecall {
		p.recall = p.recall[1:]
	}
}

// shownLabel is the label, or a shorter one when the line is too narrow for it and a
// value.
func (p *promptPane) shownLabel() string {
	if textWidth(p.label)+24 > p.width {
		for i := 0; i < len(p.label); i++ {
			if p.label[i] == ' ' {
				return p.label[:i] + ":"
			}
		}
	}
	return p.label
}

// SetSize sets the prompt's width, and the lines it may take: one for the input, and the
// others for an error or note too long to sit beside it (see Rows).
func (p *promptPane) SetSize(w, h int) {
	p.width, p.rows = max(w, 0), max(h, 1)
	room := w - textWidth(p.shownLabel()) - 2
	if p.aside() != "" && !p.above() {
		// As wide as what is typed, and some, so the error or note sits close by;
		// never less than the room for a date range or a short file name.
		room = min(room, max(textWidth(p.input.Value())+4, 24))
	}
	p.input.SetWidth(max(room, 1))
	// SetWidth keeps the scroll the input had at its old width; placing the cursor again
	// recomputes it, so a value that now fits shows from its start.
	p.input.SetCursor(p.input.Position())
}

// SetNote changes the dimmed text shown after the input when there is no error.
func (p *promptPane) SetNote(note string) {
	if note != p.note {
		p.note = note
		p.SetSize(p.width, p.rows)
	}
}

// SetError shows err after the input; "" clears it.
func (p *promptPane) SetError(err string) {
	if err != p.err {
		p.err = err
		p.SetSize(p.width, p.rows)
	}
}

// Update edits the value: typing replaces it while it is selected, ↑ and ↓ go through
// the values entered before.
func (p *promptPane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if len(p.recall) > 0 && key.Matches(k, p.keys.Recall) {
			p.step(k.Code == tea.KeyUp)
			return nil
		}
		if p.selected {
			p.selected = false
			switch {
			case key.Matches(k, p.keys.Edit):
				// Editing starts where the arrow puts the cursor.
			case k.Code == tea.KeyBackspace || k.Code == tea.KeyDelete:
				p.input.SetValue("")
				p.SetSize(p.width, p.rows)
				return nil
			case k.Text != "":
				p.input.SetValue("")
			default:
				p.selected = true
			}
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.SetSize(p.width, p.rows)
	}
	return cmd
}

// step goes one value back (up) or forward through the values entered before, ending on
// what was being typed.
func (p *promptPane) step(up bool) {
	if p.recallAt == len(p.recall) {
		p.draft = p.input.Value()
	}
	switch {
	case up && p.recallAt > 0:
		p.recallAt--
	case !up && p.recallAt < len(p.recall):
		p.recallAt++
	default:
		return
	}
	v := p.draft
	if p.recallAt < len(p.recall) {
		v = p.recall[p.recallAt]
	}
	p.input.SetValue(v)
	p.input.CursorEnd()
	p.selected = false
	p.SetSize(p.width, p.rows)
}

// aside is what is said after the input: the error, or else the note.
func (p *promptPane) aside() string {
	if p.err != "" {
		return clean(p.err)
	}
	return p.note
}

// besideWidth is the width of the line with the aside after the input.
func (p *promptPane) besideWidth() int {
	return textWidth(p.shownLabel()) + 1 + max(textWidth(p.input.Value())+4, 24) + 2 + textWidth(p.aside())
}

// Rows is how many lines the prompt needs to be read in full: one, or with an error or
// note too long to sit beside the input, the lines that text takes above it (three at
// most, and no more than the status line may take).
func (p *promptPane) Rows() int {
	a := p.aside()
	if a == "" || p.width <= 0 || p.besideWidth() <= p.width {
		return 1
	}
	lines, _ := wrap(a, p.width, 0, 3)
	return 1 + len(lines)
}

// above reports whether the aside goes on lines of its own above the input.
func (p *promptPane) above() bool { return p.rows > 1 && p.Rows() > 1 }

// View renders the label, the input and the error or note: after the input when it fits
// there or the prompt has one line, else on the lines above it.
func (p *promptPane) View() string {
	if p.width <= 0 {
		return ""
	}
	s := p.styles
	if p.above() {
		style := s.Prompt.Note
		if p.err != "" {
			style = s.Prompt.Error
		}
		lines, more := wrap(p.aside(), p.width, 0, min(p.rows, p.Rows())-1)
		if more && len(lines) > 0 {
			lines[len(lines)-1] = truncate(lines[len(lines)-1]+" …", p.width, "…")
		}
		for i, l := range lines {
			lines[i] = exactWidth(style.Render(l), p.width)
		}
		return strings.Join(append(lines, p.inputLine()), "\n")
	}
	line := p.inputLine()
	switch {
	case p.err != "":
		line += "  " + s.Prompt.Error.Render(clean(p.err))
	case p.note != "":
		line += "  " + s.Prompt.Note.Render(p.note)
	}
	return exactWidth(line, p.width)
}

// inputLine renders the label and the input.
func (p *promptPane) inputLine() string {
	s := p.styles
	label := p.shownLabel()
	line := s.Prompt.Label.Render(label + " ")
	if p.selected {
		line += s.Prompt.Selected.Render(truncate(clean(p.input.Value()), max(p.width-textWidth(label)-1, 1), "…"))
	} else {
		line += p.input.View()
	}
	if p.above() {
		return exactWidth(line, p.width)
	}
	return line
}

// state is what changes the keys the prompt offers.
func (p *promptPane) state() string {
	return boolState(p.selected) + boolState(len(p.recall) > 0)
}

// ShortHelp returns the prompt's keys for the footer.
func (p *promptPane) ShortHelp() []key.Binding {
	keys := []key.Binding{p.apply, p.cancel}
	if p.selected {
		keys = append(keys, p.keys.Edit)
	}
	if len(p.recall) > 0 {
		keys = append(keys, p.keys.Recall)
	}
	return keys
}

// FullHelp returns the prompt's keys for the help.
func (p *promptPane) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
