package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// Marks are Timesketch's stars and labels: m marks or unmarks the event, L gives its mark
// labels (key, check, dubious, or a word the reader types), M keeps only marked events.
// A marked event shows a star in the list, in the colour of its first label, and a line
// in the detail that names its labels.

// markGlyph and noteGlyph make the list's column of what the reader wrote.
const (
	markGlyph = "★"
	noteGlyph = "✎"
)

// annotationWidth is the width of that column: a mark, a note, a space.
const annotationWidth = 3

// labelMeanings say what the default labels are for, in the label picker.
var labelMeanings = map[string]string{
	"key":     "what matters most",
	"check":   "to verify",
	"dubious": "looks wrong",
}

// markPaint is the paint of a mark: that of its first label that has a colour.
func markPaint(s *Styles, labels []string) paint {
	r := &s.ReaderPaint
	switch {
	case slices.Contains(labels, "key"):
		return r.Key
	case slices.Contains(labels, "dubious"):
		return r.Dubious
	case slices.Contains(labels, "check"):
		return r.Check
	}
	return r.Mark
}

// SetNotes hands the list the reader's marks and notes; the column that shows them comes
// with the first.
func (l *listPane) SetNotes(st *notebook.State) {
	if st == l.notes {
		return
	}
	l.notes, l.cache = st, nil
	l.annW = 0
	if st != nil && st.Len() > 0 {
		l.annW = annotationWidth
	}
}

// annotation renders the list's column of what the reader wrote about e, and the same
// without colour for the selected row.
func (l *listPane) annotation(e *timeline.Event) (painted, plain string) {
	if l.annW == 0 {
		return "", ""
	}
	mark, note := " ", " "
	var p paint
	if marked, labels := l.notes.Mark(e.ID); marked {
		mark, p = markGlyph, markPaint(l.styles, labels)
	}
	if l.notes.Note(e.ID) != "" {
		note = noteGlyph
	}
	plain = mark + note + " "
	return p.Render(mark) + l.styles.ReaderPaint.Note.Render(note) + " ", plain
}

// SetNotes hands the detail the reader's marks and notes.
func (d *detailPane) SetNotes(st *notebook.State) {
	if st != d.notes {
		d.notes, d.stale = st, true
	}
}

// readerMark lays out the event's mark: "★ Your mark: key, check".
func (x *detailWriter) readerMark(e *timeline.Event) {
	st := x.d.notes
	if st == nil {
		return
	}
	marked, labels := st.Mark(e.ID)
	if !marked {
		return
	}
	text := markGlyph + " Your mark"
	if len(labels) > 0 {
		text += ": " + strings.Join(labels, ", ")
	}
	x.lines = append(x.lines, markPaint(x.d.styles, labels).Render(truncate(text, x.w, "…")))
}

// toggleMark marks the event shown, or unmarks it with its labels.
func (m *Model) toggleMark() tea.Cmd {
	e := m.shown()
	if e == nil {
		return statusCmd(false, "No event selected")
	}
	if cmd := m.writable(); cmd != nil {
		return cmd
	}
	id, title := e.ID, shortTitle(e)
	if marked, labels := m.book.state.Mark(id); marked {
		what := "Unmarked “" + title + "”"
		if len(labels) > 0 {
			what += " and took its labels " + strings.Join(labels, ", ") + " off"
		}
		what += ": saved"
		if len(m.session.Applied().Values(timeline.MarkedFilter)) > 0 {
			// It goes from the list at once: say why, and how to see it again.
			what += "; it leaves the list, which keeps marked events (" + m.keys.Marked.Help().Key + " shows all)"
		}
		return m.write(func(nb *notebook.Notebook) (string, error) {
			_, err := nb.Unmark(id, "")
			return what, err
		})
	}
	say := "Marked “" + title + "”: saved; " + m.keys.Labels.Help().Key + " labels it, " + m.keys.Marked.Help().Key + " keeps the marked"
	return m.write(func(nb *notebook.Notebook) (string, error) {
		_, err := nb.Mark(id, "")
		return say, err
	})
}

// toggleMarked keeps only the marked events, or shows all again.
func (m *Model) toggleMarked() tea.Cmd {
	if m.book.state == nil {
		return m.writable()
	}
	f := m.session.Applied()
	if len(f.Values(timeline.MarkedFilter)) > 0 {
		f = f.Without(timeline.MarkedFilter)
	} else {
		if n := m.book.state.MarkCount(); n > 0 && markedOrphans(m.book.state, m.t) == n {
			which := "mark is on an event"
			if n > 1 {
				which = strconv.Itoa(n) + " marks are on events"
			}
			return statusCmd(false, "No event of this timeline is marked: the notebook's %s it no longer has (tlx notes --orphans lists them)", which)
		}
		if m.book.state.MarkCount() == 0 {
			if cmd := m.writable(); cmd != nil {
				return cmd // no mark can be made: say why
			}
			return statusCmd(false, "No event is marked yet: %s marks the one selected", m.keys.Mark.Help().Key)
		}
		f = f.With(timeline.MarkedFilter, timeline.AnyMark)
	}
	if _, err := m.session.Apply(f); err != nil {
		return statusCmd(true, "%v", err)
	}
	m.showEvents()
	if len(f.Values(timeline.MarkedFilter)) == 0 {
		return tea.Batch(m.filterStatus())
	}
	return statusCmd(false, "%s marked; %s shows all again, %s undoes", plural(len(m.session.Events()), "event"),
		m.keys.Marked.Help().Key, m.keys.Undo.Help().Key)
}

// openLabels opens the picker of the labels of the shown event's mark.
func (m *Model) openLabels() tea.Cmd {
	e := m.shown()
	if e == nil {
		return statusCmd(false, "No event selected")
	}
	if cmd := m.writable(); cmd != nil {
		return cmd
	}
	st := m.book.state
	counts := map[string]int{}
	for _, labels := range st.Marks() {
		for _, l := range labels {
			counts[l]++
		}
	}
	_, has := st.Mark(e.ID)
	var items []pickerItem
	for i, l := range st.Labels() {
		it := newPickerItem(l, l, "", labelMeanings[l], nil, counts[l])
		it.order, it.fixed, it.checked = i, true, slices.Contains(has, l)
		items = append(items, it)
	}
	m.labels.Open(e, items, has, m.book.state)
	return m.setFocus(focusLabels)
}

// labelsKey answers the keys of the label picker: enter applies what was toggled, or
// toggles the label highlighted, or adds the label typed.
func (m *Model) labelsKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		e, want, ok := m.labels.Choice()
		cmd := m.setFocus(m.base)
		if !ok {
			return tea.Batch(cmd, statusCmd(false, "“%s” is not a label: a lower-case word of letters, digits and dashes", m.labels.Query()))
		}
		return tea.Batch(cmd, m.setLabels(e, want))
	case key.Matches(k, m.keys.Cancel):
		return m.setFocus(m.base)
	}
	return m.labels.Update(k)
}

// setLabels gives e's mark exactly the labels want, marking it when it is not.
func (m *Model) setLabels(e *timeline.Event, want []string) tea.Cmd {
	id, title := e.ID, shortTitle(e)
	marked, has := m.book.state.Mark(id)
	var add, drop []string
	for _, l := range want {
		if !slices.Contains(has, l) {
			add = append(add, l)
		}
	}
	for _, l := range has {
		if !slices.Contains(want, l) {
			drop = append(drop, l)
		}
	}
	if marked && len(add) == 0 && len(drop) == 0 {
		return statusCmd(false, "The labels of “%s” are as they were", title)
	}
	say := "Marked “" + title + "”"
	if len(want) > 0 {
		say += " " + strings.Join(want, ", ")
	}
	return m.write(func(nb *notebook.Notebook) (string, error) {
		if !marked && len(add) == 0 {
			if _, err := nb.Mark(id, ""); err != nil {
				return "", err
			}
		}
		for _, l := range add {
			if _, err := nb.Mark(id, l); err != nil {
				return "", err
			}
		}
		for _, l := range drop {
			if _, err := nb.Unmark(id, l); err != nil {
				return "", err
			}
		}
		return say + ": saved", nil
	})
}

// labelPicker is the picker of the labels of one event's mark: a picker of the labels
// the notebook knows, those of the mark toggled on, and the label typed when it is new.
type labelPicker struct {
	pickerPane
	ev  *timeline.Event
	has []string
}

var _ component = (*labelPicker)(nil)

func newLabelPicker(s *Styles, k *keyMap) labelPicker {
	return labelPicker{pickerPane: newPicker(s, k)}
}

// Open offers items, the labels, for e's mark, which has those of has.
func (p *labelPicker) Open(e *timeline.Event, items []pickerItem, has []string, _ *notebook.State) {
	p.ev, p.has = e, has
	p.OpenItems("Labels of “"+shortTitle(e)+"”", items, has, true)
	p.SetPlaceholder("type to narrow, or a new label")
	p.SetSub("tab toggles · enter applies")
	p.SetEmpty("No label of that name: enter adds it, if it is a lower-case word")
}

// Choice returns the event and the labels enter gives its mark: the toggled ones when
// the reader toggled any; else the mark's labels with the highlighted one toggled, or
// with the label typed added when no label matches it. ok is false when what was typed
// cannot be a label.
func (p *labelPicker) Choice() (*timeline.Event, []string, bool) {
	if ids, ok := p.Toggled(); ok {
		// A label typed that no label matches joins the toggled ones.
		if typed, ok := p.typedNew(); ok {
			if !timeline.ValidLabel(typed) {
				return p.ev, nil, false
			}
			return p.ev, append(ids, typed), true
		}
		return p.ev, ids, true
	}
	if !p.Touched() {
		return p.ev, p.has, true
	}
	if it, ok := p.Highlighted(); ok {
		if slices.Contains(p.has, it.id) {
			return p.ev, slices.DeleteFunc(slices.Clone(p.has), func(l string) bool { return l == it.id }), true
		}
		return p.ev, append(slices.Clone(p.has), it.id), true
	}
	typed := strings.ToLower(strings.TrimSpace(p.Query()))
	if !timeline.ValidLabel(typed) {
		return p.ev, nil, false
	}
	return p.ev, append(slices.Clone(p.has), typed), true
}

// typedNew returns what the reader typed, lower-cased, when no label matches it; ok is
// false when nothing is typed or a label matches.
func (p *labelPicker) typedNew() (string, bool) {
	typed := strings.ToLower(strings.TrimSpace(p.Query()))
	if typed == "" {
		return "", false
	}
	if _, ok := p.Highlighted(); ok {
		return "", false
	}
	return typed, true
}

// choiceWords says what enter would do.
func (p *labelPicker) choiceWords() string {
	if _, ok := p.Toggled(); ok {
		if typed, ok := p.typedNew(); ok {
			if !timeline.ValidLabel(typed) {
				return "not a label"
			}
			return "apply, with new label " + typed
		}
		return "apply"
	}
	if !p.Touched() {
		return "keep as is"
	}
	if it, ok := p.Highlighted(); ok {
		if slices.Contains(p.has, it.id) {
			return "remove " + it.name
		}
		return "add " + it.name
	}
	if typed := strings.ToLower(strings.TrimSpace(p.Query())); timeline.ValidLabel(typed) {
		return "add new label " + typed
	}
	return "not a label"
}

// ShortHelp returns the picker's keys, enter saying what it would do.
func (p *labelPicker) ShortHelp() []key.Binding {
	k := p.keys
	apply := k.Apply
	apply.SetHelp(apply.Help().Key, p.choiceWords())
	return []key.Binding{k.PickDown, k.Toggle, apply, k.Cancel}
}

// FullHelp returns the same, in one column.
func (p *labelPicker) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// markedOrphans counts the marks of st on events t does not have.
func markedOrphans(st *notebook.State, t *timeline.Timeline) int {
	n := 0
	for _, e := range st.Orphans(t) {
		if e.Marked {
			n++
		}
	}
	return n
}
