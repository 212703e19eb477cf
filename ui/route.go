package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// handleKey sends a key to what has the keyboard. ctrl+c quits and ctrl+z suspends from
// everywhere; every other key either acts or says briefly why it cannot.
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	if m.load.loading && m.t == nil {
		return m.typeAhead(k)
	}
	if cmd, ok := m.waitsForLoad(k); ok {
		return cmd
	}
	if m.t == nil {
		return nil
	}
	m.status = ""
	if m.quitter.quitting {
		return m.quittingKey(k)
	}
	switch {
	case key.Matches(k, m.keys.Interrupt) && m.focus == focusNote && m.note.HoldInterrupt():
		return statusCmd(true, "Your note is not saved: %s saves it, %s again quits without it",
			m.keys.NoteSave.Help().Key, m.keys.Interrupt.Help().Key)
	case key.Matches(k, m.keys.Interrupt):
		return m.quit(true, errInterrupted)
	case key.Matches(k, m.keys.Suspend):
		return tea.Suspend
	}
	switch m.focus {
	case focusList, focusDetail:
		return m.browseKey(k)
	case focusHelp, focusAbout:
		return m.overlayKey(k)
	case focusSearch:
		return m.searchKey(k)
	case focusPicker:
		return m.pickerKey(k)
	case focusDates:
		return m.datesKey(k)
	case focusQuery:
		return m.queryKey(k)
	case focusExportName, focusOverwrite:
		cmd := m.export.Update(k)
		return tea.Batch(cmd, m.followExport())
	case focusSource:
		return m.sourceKey(k)
	case focusLabels:
		return m.labelsKey(k)
	case focusNote:
		return m.noteKey(k)
	case focusViews:
		return m.viewsKey(k)
	}
	return nil
}

// typeAhead keeps keys typed while the timeline loads, so that a reader can start a
// search before a large file is in. q quits unless it follows such keys, where it may be
// a letter; ctrl+c always quits.
func (m *Model) typeAhead(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, m.keys.Interrupt) || len(m.load.typed) == 0 && key.Matches(k, m.keys.Quit) {
		return tea.Quit
	}
	if len(m.load.typed) < maxTypeAhead {
		m.load.typed = append(m.load.typed, k)
	}
	return nil
}

// browseKey answers the keys of the list and the detail pane.
func (m *Model) browseKey(k tea.KeyPressMsg) tea.Cmd {
	keys := &m.keys
	inDetail := m.focus == focusDetail
	if cmd, ok := m.fileKey(k); ok {
		return cmd
	}
	switch {
	case key.Matches(k, keys.Quit):
		return m.quit(false, nil)
	case key.Matches(k, keys.Help):
		return m.openHelp()
	case key.Matches(k, keys.About):
		return m.openAbout()
	case key.Matches(k, keys.Sources):
		return m.openSources()
	case key.Matches(k, keys.Switch):
		if inDetail {
			return m.setFocus(focusList)
		}
		return m.enterDetail()
	case inDetail && key.Matches(k, keys.Follow):
		return m.follow()
	case key.Matches(k, keys.Read):
		if inDetail {
			return statusCmd(false, "Reading already: %s goes back to the list", keys.Leave.Help().Key)
		}
		return m.enterDetail()
	case key.Matches(k, keys.Leave):
		if inDetail {
			return m.setFocus(focusList)
		}
		return statusCmd(false, "Nothing to go back from: %s quits", keys.Quit.Help().Key)
	case key.Matches(k, keys.Related):
		return m.selectRelated()
	case key.Matches(k, keys.JumpBack):
		return m.jumpBack()
	case key.Matches(k, keys.Search):
		return m.openSearch()
	case key.Matches(k, keys.Actors, keys.Themes, keys.Statuses, keys.Places, keys.Publishers):
		for _, pk := range pickerKinds {
			if key.Matches(k, pk.key(keys)) {
				return m.openPicker(pk, nil, "")
			}
		}
	case key.Matches(k, keys.Dates):
		return m.openDates()
	case key.Matches(k, keys.Query):
		return m.openQuery()
	case key.Matches(k, keys.OwnActors):
		return m.ownActors()
	case key.Matches(k, keys.Clear):
		return m.clearFilters()
	case key.Matches(k, keys.Undo):
		return m.undo()
	case key.Matches(k, keys.Mark):
		return m.toggleMark()
	case key.Matches(k, keys.Labels):
		return m.openLabels()
	case key.Matches(k, keys.Marked):
		return m.toggleMarked()
	case key.Matches(k, keys.Note):
		return m.openNote()
	case key.Matches(k, keys.NoteEditor):
		return m.openNoteEditor()
	case key.Matches(k, keys.Views):
		return m.openViews()
	case key.Matches(k, keys.Export):
		return m.openExport()
	case key.Matches(k, keys.Open):
		return m.openSource()
	case key.Matches(k, keys.Copy):
		return m.copyEvent()
	case key.Matches(k, keys.NextLink, keys.PrevLink):
		if !inDetail {
			if cmd := m.enterDetail(); m.focus != focusDetail {
				return cmd
			}
		}
		return m.detail.Update(k)
	case inDetail && key.Matches(k, keys.Down, keys.Up, keys.PageDown, keys.PageUp, keys.HalfDown, keys.HalfUp, keys.Top, keys.Bottom):
		return m.detail.Update(k)
	case key.Matches(k, keys.Down, keys.Up, keys.PageDown, keys.PageUp, keys.HalfDown, keys.HalfUp, keys.Top, keys.Bottom, keys.PrevYear, keys.NextYear):
		before := m.list.Selected()
		cmd := m.list.Update(k)
		if m.list.Selected() != before || m.peek != nil {
			m.selectionChanged()
		}
		return cmd
	}
	return m.unknownKey(k)
}

// unknownKey says that a key does nothing here, and how to find the keys that do.
func (m *Model) unknownKey(k tea.KeyPressMsg) tea.Cmd {
	name := k.String()
	if name == "" || name == " " {
		name = "that key"
	}
	return statusCmd(false, "%s does nothing here: %s lists the keys", name, m.keys.Help.Help().Key)
}

// overlayKey answers the keys of the help and the about view.
func (m *Model) overlayKey(k tea.KeyPressMsg) tea.Cmd {
	if m.focus == focusAbout {
		if cmd, ok := m.fileKey(k); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return m.quit(false, nil)
	case m.focus == focusAbout && m.sources:
		if cmd, ok := m.sourcesKey(k); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(k, m.keys.Help) && m.focus == focusAbout:
		return m.openHelp()
	case key.Matches(k, m.keys.About) && m.focus == focusHelp:
		return m.openAbout()
	case key.Matches(k, m.keys.Close):
		return m.setFocus(m.base)
	}
	return m.component(m.focus).Update(k)
}

// searchKey answers the keys of the search prompt: the list follows what is typed.
func (m *Model) searchKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		text := m.search.Value()
		m.search.Remember(strings.TrimSpace(text))
		if _, err := m.session.Preview(m.session.Applied().WithText(text)); err != nil {
			m.search.SetError(err.Error())
			return nil
		}
		return m.commit()
	case key.Matches(k, m.keys.Cancel):
		return m.revert()
	}
	before := m.search.Value()
	cmd := m.search.Update(k)
	text := m.search.Value()
	if text == before {
		return cmd
	}
	f := m.session.Applied().WithText(text)
	if len(m.t.Events) >= asyncSearchFrom {
		m.search.SetNote("searching " + plural(len(m.t.Events), "event") + "…")
		return tea.Batch(cmd, m.session.PreviewLater(f))
	}
	changed, err := m.session.Preview(f)
	if err != nil {
		m.search.SetError(err.Error())
	} else if changed {
		m.showEvents()
	}
	return cmd
}

// commit makes the filter the prompt or picker previews the one in force, gives the
// keyboard back to the pane, and says what the list keeps when that changed.
func (m *Model) commit() tea.Cmd {
	var aside []timeline.Filter
	if m.focus == focusPicker && m.pickBase != nil { // f: the filters before are set aside
		aside = append(aside, m.session.Applied().Without(m.picker.Kind().kind))
	}
	changed := m.session.Commit()
	m.showEvents()
	cmd := m.setFocus(m.base)
	if changed {
		return tea.Batch(cmd, m.filterStatus(aside...))
	}
	return cmd
}

// revert drops the preview and gives the keyboard back to the pane.
func (m *Model) revert() tea.Cmd {
	if m.session.Revert() {
		m.showEvents()
	}
	return m.setFocus(m.base)
}

// asyncSearchFrom is the size from which the search runs beside the event loop.
const asyncSearchFrom = 20_000

// searched shows the result of a background search, unless the reader typed since.
func (m *Model) searched(msg searchedMsg) tea.Cmd {
	shown, err := m.session.Searched(msg)
	if err != nil {
		m.search.SetError(err.Error())
		return nil
	}
	if shown {
		m.showEvents()
		m.search.SetNote("")
	}
	return nil
}

// pickerKey answers the keys of a picker: the list previews what enter would apply.
func (m *Model) pickerKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		values, ok := m.picker.Choice()
		if !ok {
			return statusCmd(false, "Nothing matches “%s”: type less, or %s leaves the filter as it was",
				m.picker.Query(), m.keys.Cancel.Help().Key)
		}
		m.previewPick(values)
		return m.commit()
	case key.Matches(k, m.keys.Cancel):
		return m.revert()
	}
	cmd := m.picker.Update(k)
	if values, ok := m.picker.Choice(); ok {
		m.previewPick(values)
	} else if m.session.Revert() {
		m.showEvents()
	}
	return cmd
}

// previewPick shows the filter in force with the picker's kind set to values.
func (m *Model) previewPick(values []string) {
	base := m.session.Applied()
	if m.pickBase != nil {
		base = *m.pickBase
	}
	f := base.With(m.picker.Kind().kind, values...)
	changed, err := m.session.Preview(f)
	if err != nil {
		m.setStatus(true, "%v", err)
		return
	}
	if changed {
		m.showEvents()
	}
}

// datesKey answers the keys of the date prompt, which checks the range as it is typed.
func (m *Model) datesKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		f, err := withDatesText(m.session.Applied(), m.dates.Value())
		if err != nil {
			m.dates.SetError(err.Error())
			return nil
		}
		m.dates.Remember(datesText(f))
		if _, err := m.session.Preview(f); err != nil {
			m.dates.SetError(err.Error())
			return nil
		}
		return m.commit()
	case key.Matches(k, m.keys.Cancel):
		return m.setFocus(m.base)
	}
	cmd := m.dates.Update(k)
	if _, err := withDatesText(m.session.Applied(), m.dates.Value()); err != nil {
		m.dates.SetError(err.Error())
	} else {
		m.dates.SetError("")
	}
	return cmd
}

// followExport gives the keyboard to the export's prompt or question while it asks, and
// back to the pane when it is done.
func (m *Model) followExport() tea.Cmd {
	switch m.export.Stage() {
	case exportNaming:
		return m.setFocus(focusExportName)
	case exportAsking:
		return m.setFocus(focusOverwrite)
	}
	if m.focus == focusExportName || m.focus == focusOverwrite {
		return m.setFocus(m.base)
	}
	return nil
}

// sourceKey answers the question which source o opens.
func (m *Model) sourceKey(k tea.KeyPressMsg) tea.Cmd {
	e := m.openFor
	switch {
	case key.Matches(k, m.keys.Source):
		n := int(k.Code - '0')
		if n > len(e.Sources) || sourceLink(&e.Sources[n-1]) == "" {
			why := "has no web link"
			if n <= len(e.Sources) && tooLongToOpen(&e.Sources[n-1]) {
				why = "has a web link too long to open"
			}
			return statusCmd(false, "Source %d %s: choose one of %s", n, why, strings.Join(linkedSources(e), ", "))
		}
		cmd := m.setFocus(m.base)
		return tea.Batch(cmd, m.openNumber(e, n))
	case key.Matches(k, m.keys.Cancel):
		return m.setFocus(m.base)
	}
	return statusCmd(false, "Type a source's number, or %s to cancel", m.keys.Cancel.Help().Key)
}
