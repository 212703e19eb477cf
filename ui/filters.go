package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// pickerKind says what a picker picks.
type pickerKind int

const (
	pickActors pickerKind = iota
	pickThemes
	pickStatuses
)

func (k pickerKind) String() string {
	switch k {
	case pickActors:
		return "Actors"
	case pickThemes:
		return "Themes"
	}
	return "Status"
}

// pickerItem is one value a picker offers, with the number of events it would keep under
// the other active filters.
type pickerItem struct {
	id      string
	name    string
	keys    string // lower-cased id, name and aliases, which typing narrows on
	count   int
	checked bool
}

// pickerModel picks actors, themes or statuses: every value with its count, narrowed as
// the user types, toggled with space.
type pickerModel struct {
	styles *Styles
	keys   *keyMap
	kind   pickerKind
	input  textinput.Model

	items   []pickerItem
	shown   []int // indexes into items that match what was typed
	cursor  int   // index into shown
	offset  int
	changed bool // a value was toggled since the last takeChanged

	width, height int
}

func newPicker(s *Styles, k *keyMap) pickerModel {
	in := textinput.New()
	in.Prompt = "filter: "
	in.Placeholder = "type to narrow"
	in.CharLimit = 64
	return pickerModel{styles: s, keys: k, input: in}
}

// Open fills the picker with the values of kind, their facet counts, and those f selects
// already checked.
func (p *pickerModel) Open(kind pickerKind, t *timeline.Timeline, fc timeline.Facets, f timeline.Filter) tea.Cmd {
	p.kind = kind
	p.items = p.items[:0]
	p.cursor, p.offset, p.changed = 0, 0, false
	p.input.Reset()
	selected := map[string]bool{}
	// entry adds an actor or a theme, found by typing its id, name or an alias.
	entry := func(id, name string, aliases []string, count int) {
		keys := strings.ToLower(id + "\n" + name + "\n" + strings.Join(aliases, "\n"))
		p.items = append(p.items, pickerItem{id: id, name: timeline.SanitizeLine(name), keys: keys, count: count, checked: selected[id]})
	}
	switch kind {
	case pickActors:
		for _, name := range f.Actors {
			if a := t.Actor(name); a != nil {
				selected[a.ID] = true
			}
		}
		for i, a := range t.Actors {
			entry(a.ID, a.Name, a.Aliases, at(fc.Actors, i))
		}
	case pickThemes:
		for _, name := range f.Themes {
			if th := t.Theme(name); th != nil {
				selected[th.ID] = true
			}
		}
		for i, th := range t.Themes {
			entry(th.ID, th.Name, th.Aliases, at(fc.Themes, i))
		}
	case pickStatuses:
		for _, s := range f.Statuses {
			selected[strings.ToLower(strings.TrimSpace(s))] = true
		}
		for i, s := range timeline.Statuses {
			p.items = append(p.items, pickerItem{id: s, name: s, keys: s, count: at(fc.Statuses, i), checked: selected[s]})
		}
	}
	if kind != pickStatuses {
		// Most used first; the order stays put while the picker is open.
		slices.SortStableFunc(p.items, func(a, b pickerItem) int {
			return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)))
		})
	}
	p.narrow()
	return p.input.Focus()
}

func at(counts []int, i int) int {
	if i < len(counts) {
		return counts[i]
	}
	return 0
}

// Selected returns the ids of the checked values.
func (p *pickerModel) Selected() []string {
	var ids []string
	for _, it := range p.items {
		if it.checked {
			ids = append(ids, it.id)
		}
	}
	return ids
}

// takeChanged reports whether a value was toggled since the last call.
func (p *pickerModel) takeChanged() bool {
	c := p.changed
	p.changed = false
	return c
}

func (p *pickerModel) narrow() {
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	p.shown = p.shown[:0]
	for i, it := range p.items {
		if q == "" || strings.Contains(it.keys, q) {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = max(0, min(p.cursor, len(p.shown)-1))
	p.scroll()
}

// SetSize sets the picker's size.
func (p *pickerModel) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	p.input.SetWidth(max(w-len(p.input.Prompt)-1, 1))
	p.scroll()
}

// listHeight is the number of lines left for values under the title and the input.
func (p *pickerModel) listHeight() int { return max(p.height-3, 1) }

func (p *pickerModel) scroll() {
	h := p.listHeight()
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+h {
		p.offset = p.cursor - h + 1
	}
	p.offset = max(0, min(p.offset, len(p.shown)-h))
}

// move moves the cursor by n values (negative is up), staying on the values shown.
func (p *pickerModel) move(n int) {
	p.cursor = max(0, min(p.cursor+n, len(p.shown)-1))
	p.scroll()
}

// Update moves, toggles, or passes typing to the narrowing input.
func (p pickerModel) Update(msg tea.Msg) (pickerModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, p.keys.PickDown):
			p.move(1)
			return p, nil
		case key.Matches(k, p.keys.PickUp):
			p.move(-1)
			return p, nil
		case key.Matches(k, p.keys.Toggle):
			if len(p.shown) > 0 {
				it := &p.items[p.shown[p.cursor]]
				it.checked = !it.checked
				p.changed = true
			}
			return p, nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.cursor = 0
		p.narrow()
	}
	return p, cmd
}

// View renders the title, the narrowing input and the values on screen.
func (p *pickerModel) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	s := p.styles
	w := p.width
	title := p.kind.String() + "  " + strconv.Itoa(len(p.Selected())) + " selected · space toggles · enter applies"
	lines := []string{s.PickerPaint.Title.Render(ansi.Truncate(title, w, "…"))}
	if p.height >= 2 {
		lines = append(lines, ansi.Truncate(p.input.View(), w, ""))
	}
	if p.height >= 3 {
		lines = append(lines, "")
	}
	if len(p.shown) == 0 {
		lines = append(lines, s.PickerPaint.Zero.Render(ansi.Truncate("Nothing matches what you typed.", w, "…")))
	}
	end := min(len(p.shown), p.offset+p.listHeight())
	for i := p.offset; i < end; i++ {
		it := p.items[p.shown[i]]
		box := "[ ] "
		if it.checked {
			box = "[x] "
		}
		count := strconv.Itoa(it.count)
		nameW := max(w-len(box)-len(count)-1, 0)
		name := ansi.Truncate(it.name, nameW, "…")
		gap := max(w-len(box)-ansi.StringWidth(name)-len(count), 1)
		row := box + name + strings.Repeat(" ", gap) + count
		switch {
		case i == p.cursor:
			lines = append(lines, s.PickerPaint.Cursor.Render(ansi.Truncate(row, w, "")))
		default:
			boxStyle, nameStyle, countStyle := s.PickerPaint.Item, s.PickerPaint.Item, s.PickerPaint.Count
			if it.checked {
				boxStyle = s.PickerPaint.Checked
			}
			if it.count == 0 {
				nameStyle, countStyle = s.PickerPaint.Zero, s.PickerPaint.Zero
			}
			lines = append(lines, ansi.Truncate(boxStyle.Render(box)+nameStyle.Render(name)+strings.Repeat(" ", gap)+countStyle.Render(count), w, ""))
		}
	}
	if len(lines) > p.height {
		lines = lines[:p.height]
	}
	return strings.Join(lines, "\n")
}

// ShortHelp returns the picker's keys for the short help.
func (p pickerModel) ShortHelp() []key.Binding { return pickerHelp{p.keys}.ShortHelp() }

// FullHelp returns the picker's keys for the full help.
func (p pickerModel) FullHelp() [][]key.Binding { return pickerHelp{p.keys}.FullHelp() }

// promptModel is a one-line prompt at the foot of the screen: the search, the date range
// and the export file name. It shows an error in place, after what was typed.
type promptModel struct {
	styles *Styles
	keys   *keyMap
	label  string
	hint   string // shown dimmed after the input when there is no error
	err    string
	input  textinput.Model
	width  int
}

func newPrompt(s *Styles, k *keyMap) promptModel {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 256
	return promptModel{styles: s, keys: k, input: in}
}

// Open starts the prompt with a label, a starting value and a hint.
func (p *promptModel) Open(label, value, hint string) tea.Cmd {
	p.label, p.hint, p.err = label, hint, ""
	p.input.SetValue(value)
	p.input.CursorEnd()
	p.SetSize(p.width, 1)
	return p.input.Focus()
}

// shownLabel is the label, or its first word when the line is too narrow for it and a
// file name.
func (p *promptModel) shownLabel() string {
	if ansi.StringWidth(p.label)+24 > p.width {
		if first, _, ok := strings.Cut(p.label, " "); ok {
			return first + ":"
		}
	}
	return p.label
}

// Close blurs the prompt.
func (p *promptModel) Close() { p.input.Blur() }

// Value returns what was typed.
func (p *promptModel) Value() string { return p.input.Value() }

// SetSize sets the prompt's width; it is one line high whatever h is.
func (p *promptModel) SetSize(w, _ int) {
	p.width = max(w, 0)
	room := w - ansi.StringWidth(p.shownLabel()) - 2
	if p.err != "" || p.hint != "" {
		// As wide as what is typed, and some, so the error or hint sits close by; never
		// less than the room for a date range or a short file name.
		room = min(room, max(ansi.StringWidth(p.input.Value())+4, 24))
	}
	p.input.SetWidth(max(room, 1))
	// SetWidth keeps the scroll the input had at its old width; placing the cursor again
	// recomputes it, so a value that now fits shows from its start.
	p.input.SetCursor(p.input.Position())
}

// SetHint changes the dimmed text shown after the input when there is no error.
func (p *promptModel) SetHint(hint string) {
	if hint != p.hint {
		p.hint = hint
		p.SetSize(p.width, 1)
	}
}

// SetError shows err after the input; "" clears it.
func (p *promptModel) SetError(err string) {
	if err != p.err {
		p.err = err
		p.SetSize(p.width, 1)
	}
}

// Update passes typing to the input.
func (p promptModel) Update(msg tea.Msg) (promptModel, tea.Cmd) {
	var cmd tea.Cmd
	before := p.input.Value()
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.SetSize(p.width, 1)
	}
	return p, cmd
}

// View renders the label, the input and the error or hint.
func (p *promptModel) View() string {
	if p.width <= 0 {
		return ""
	}
	s := p.styles
	line := s.Prompt.Label.Render(p.shownLabel()+" ") + p.input.View()
	switch {
	case p.err != "":
		line += "  " + s.Prompt.Error.Render(timeline.SanitizeLine(p.err))
	case p.hint != "":
		line += "  " + s.Prompt.Hint.Render(p.hint)
	}
	return ansi.Truncate(line, p.width, "…")
}

// ShortHelp returns the prompt's keys for the short help.
func (p promptModel) ShortHelp() []key.Binding { return promptHelp{p.keys}.ShortHelp() }

// FullHelp returns the prompt's keys for the full help.
func (p promptModel) FullHelp() [][]key.Binding { return promptHelp{p.keys}.FullHelp() }
