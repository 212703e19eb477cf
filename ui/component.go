package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// component is the one door each pane has, as soft-serve's pkg/ui/common/component.go
// gives its panes: the root model lays the panes out, hands them their size and styles,
// says which has the keyboard and routes messages to it. It never sets a pane's fields.
type component interface {
	SetSize(w, h int)
	SetStyles(s *Styles)
	Focus() tea.Cmd
	Blur()
	Update(msg tea.Msg) tea.Cmd
	View() string
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// focus says what has the keyboard. It is one value, changed only by Model.setFocus, so
// that key routing, the footer and the layout always agree.
type focus int

const (
	focusList       focus = iota // the list of events
	focusDetail                  // the selected event, read and scrolled
	focusHelp                    // every key and the legends
	focusAbout                   // the timeline's title, description and counts
	focusSearch                  // typing a search
	focusPicker                  // an actor, theme or status picker
	focusDates                   // typing a date range
	focusExportName              // typing the export's file name
	focusOverwrite               // answering whether to overwrite the export's file
	focusSource                  // choosing by its number the source o opens
	focusLabels                  // choosing the labels of the event's mark
	focusNote                    // writing the reader's note on the event
	focusViews                   // saving, applying or deleting a saved view
	focusQuery                   // typing the filter as query text
)

var focusNames = [...]string{"list", "detail", "help", "about", "search", "picker", "dates", "export name", "overwrite", "source",
	"labels", "note", "views", "query"}

func (f focus) String() string {
	if f >= 0 && int(f) < len(focusNames) {
		return focusNames[f]
	}
	return fmt.Sprintf("focus(%d)", int(f))
}

// isPane reports whether f is one of the two panes a reader moves between, where
// overlays and prompts return when they close.
func (f focus) isPane() bool { return f == focusList || f == focusDetail }

// statusMsg asks the root model to show a line in the status bar.
type statusMsg struct {
	text  string
	isErr bool
}

// statusCmd is a command that shows a status line.
func statusCmd(isErr bool, format string, args ...any) tea.Cmd {
	text := clean(fmt.Sprintf(format, args...))
	return func() tea.Msg { return statusMsg{text: text, isErr: isErr} }
}

// component returns what has the keyboard in focus f; nil for a question the root model
// asks itself.
func (m *Model) component(f focus) component {
	switch f {
	case focusList:
		return &m.list
	case focusDetail:
		return &m.detail
	case focusHelp:
		return &m.help
	case focusAbout:
		return &m.about
	case focusSearch:
		return &m.search
	case focusPicker:
		return &m.picker
	case focusDates:
		return &m.dates
	case focusExportName, focusOverwrite:
		return &m.export
	case focusLabels:
		return &m.labels
	case focusNote:
		return &m.note
	case focusViews:
		return &m.views
	case focusQuery:
		return &m.query
	}
	return nil
}

// besideList returns what takes the detail's place while it has the keyboard: a picker,
// the note editor, the views; nil when the detail shows.
func (m *Model) besideList() component {
	switch m.focus {
	case focusPicker, focusLabels, focusNote, focusViews:
		return m.component(m.focus)
	}
	return nil
}

// setFocus gives the keyboard to f: the only place focus changes. The pane that had it is
// blurred, the new one focused; list and detail are remembered as where overlays and
// prompts return.
func (m *Model) setFocus(f focus) tea.Cmd {
	if f == m.focus {
		return nil
	}
	old, next := m.component(m.focus), m.component(f)
	if old != nil && old != next {
		old.Blur()
	}
	if f.isPane() {
		m.base = f
	}
	m.focus = f
	if f != focusAbout {
		m.live.showing = false // the about pane shows something else when it opens again
	}
	if next == nil {
		return nil
	}
	return next.Focus()
}
