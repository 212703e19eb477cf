package ui

import (
	"sort"

	tea "charm.land/bubbletea/v2"
)

// handleWheel scrolls what is under the mouse.
func (m *Model) handleWheel(msg tea.MouseWheelMsg) tea.Cmd {
	if m.t == nil {
		return nil
	}
	mouse := msg.Mouse()
	delta := 0
	switch mouse.Button {
	case tea.MouseWheelDown:
		delta = 3
	case tea.MouseWheelUp:
		delta = -3
	default:
		return nil
	}
	overRight := m.lay.wide && mouse.X >= m.lay.listW
	switch {
	case m.focus == focusHelp:
		m.help.Scroll(delta)
	case m.focus == focusAbout:
		m.about.Scroll(delta)
	case m.focus == focusPicker && (overRight || !m.lay.wide):
		m.picker.Move(delta)
		m.previewAfterPick()
	case m.focus == focusLabels && (overRight || !m.lay.wide):
		m.labels.Move(delta)
	case m.focus == focusViews && (overRight || !m.lay.wide):
		m.views.Move(delta)
	case m.focus == focusNote:
		// The editor scrolls with its cursor.
	case overRight || !m.lay.wide && m.focus == focusDetail:
		m.detail.Scroll(delta)
	default:
		before := m.list.Selected()
		m.list.Move(delta)
		if m.list.Selected() != before {
			m.selectionChanged()
		}
	}
	return nil
}

// previewAfterPick previews what the picker would apply after the wheel moved it.
func (m *Model) previewAfterPick() {
	if values, ok := m.picker.Choice(); ok {
		m.previewPick(values)
	}
}

// handleClick selects the clicked row, or focuses the clicked pane.
func (m *Model) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	mouse := msg.Mouse()
	if m.t == nil || mouse.Button != tea.MouseLeft || !m.focus.isPane() {
		return nil
	}
	if m.lay.stripH > 0 && mouse.Y == m.lay.bodyY-1 {
		m.clickStrip(mouse.X)
		return nil
	}
	y := mouse.Y - m.lay.bodyY
	if y < 0 || y >= m.lay.bodyH {
		return nil
	}
	if m.lay.wide && mouse.X >= m.lay.listW {
		return m.enterDetail()
	}
	if !m.lay.wide && m.focus == focusDetail {
		return nil
	}
	cmd := m.setFocus(focusList)
	before := m.list.Selected()
	m.list.ClickRow(y)
	if m.list.Selected() != before || m.peek != nil {
		m.selectionChanged()
	}
	return cmd
}

// clickStrip selects the first listed event of the period under column x of the strip,
// or the nearest after it.
func (m *Model) clickStrip(x int) {
	from, ok := m.strip.periodAt(x)
	events := m.session.Events()
	if !ok || len(events) == 0 {
		return
	}
	// Events sort by the first day of the date they are placed at.
	i := sort.Search(len(events), func(i int) bool { return events[i].Date.Anchor().First().Compare(from.First()) >= 0 })
	if i == len(events) {
		i--
	}
	if m.list.Select(events[i]) {
		m.selectionChanged()
	}
}
