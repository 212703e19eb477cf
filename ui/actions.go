package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// shortTitle is an event's title for a status line: sanitised and short.
func shortTitle(e *timeline.Event) string { return lineText(e.Title, 40) }

// enterDetail gives the keyboard to the detail pane, when it has an event to show.
func (m *Model) enterDetail() tea.Cmd {
	if m.shown() == nil {
		return statusCmd(false, "No event to read: the filters keep none (%s clears them)", m.keys.Clear.Help().Key)
	}
	return m.setFocus(focusDetail)
}

// selectRelated selects the next related event in the detail pane.
func (m *Model) selectRelated() tea.Cmd {
	e := m.shown()
	if e == nil {
		return statusCmd(false, "No event selected")
	}
	if len(e.Related) == 0 {
		return statusCmd(false, "This event has no related events")
	}
	cmd := m.setFocus(focusDetail)
	i, n := m.detail.SelectRelated()
	if n == 0 {
		return tea.Batch(cmd, statusCmd(false, "The related events of this event are not in the timeline"))
	}
	return tea.Batch(cmd, statusCmd(false, "Related event %d of %d: %s opens it, %s the next", i, n,
		m.keys.Follow.Help().Key, m.keys.Related.Help().Key))
}

// follow follows the link selected in the detail pane: a related event is shown, a
// source opened.
func (m *Model) follow() tea.Cmd {
	l, ok := m.detail.Link()
	if !ok {
		return statusCmd(false, "No link selected: %s selects a related event or a source", m.keys.NextLink.Help().Key)
	}
	if l.related == nil {
		return m.openNumber(m.shown(), l.source)
	}
	from := m.shown()
	m.jumps = append(m.jumps, jump{from: from, to: l.related})
	if len(m.jumps) > maxJumps {
		m.jumps = m.jumps[1:]
	}
	m.show(l.related)
	back := m.keys.JumpBack.Help().Key
	if m.peek != nil {
		return statusCmd(false, "The filters hide “%s”: shown anyway; %s clears them, %s goes back", shortTitle(l.related),
			m.keys.Clear.Help().Key, back)
	}
	return statusCmd(false, "%s goes back to “%s”", back, shortTitle(from))
}

// show shows e: selected in the list when the list has it, else in the detail alone.
func (m *Model) show(e *timeline.Event) {
	m.peek = nil
	if !m.list.Select(e) {
		m.peek = e
	}
	m.showSelection()
}

// jumpBack shows the event before the last related link followed, its link selected.
func (m *Model) jumpBack() tea.Cmd {
	if len(m.jumps) == 0 {
		return statusCmd(false, "Nothing to go back to: %s then %s follows a related event", m.keys.Related.Help().Key, m.keys.Follow.Help().Key)
	}
	j := m.jumps[len(m.jumps)-1]
	m.jumps = m.jumps[:len(m.jumps)-1]
	m.show(j.from)
	cmd := m.setFocus(focusDetail)
	m.detail.SelectLinkTo(j.to, 0)
	return tea.Batch(cmd, statusCmd(false, "Back to “%s”", shortTitle(j.from)))
}

// openSearch opens the search prompt on the search in force, selected: typing replaces
// it, an arrow key edits it.
func (m *Model) openSearch() tea.Cmd {
	m.search.Open("", m.session.Applied().Text())
	return m.setFocus(focusSearch)
}

// openPicker opens the picker of a kind of filter on the counts each value would have
// under the other filters; scope, when not nil, limits it to some values.
func (m *Model) openPicker(kind *pickerKind, scope []string, title string) tea.Cmd {
	return m.openPickerOn(m.session.Applied(), false, kind, scope, title)
}

// openPickerOn opens the picker on base: its counts are under base, and its values join
// base rather than the filter in force when aside is true.
func (m *Model) openPickerOn(base timeline.Filter, aside bool, kind *pickerKind, scope []string, title string) tea.Cmd {
	fc, err := m.t.Facets(base, kind.kind)
	if err != nil {
		return statusCmd(true, "%v", err)
	}
	if title == "" {
		title = kind.title
	}
	m.pickBase = nil
	if aside {
		m.pickBase = &base
	}
	m.picker.Open(kind, m.t, fc, base, scope, title)
	return m.setFocus(focusPicker)
}

// openDates opens the date prompt on the range in force.
func (m *Model) openDates() tea.Cmd {
	m.dates.Open("", datesText(m.session.Applied()))
	m.dates.SetNote("2024 · 2024-06 · 2024..2025 · ..2021 · 2024-06.. · within 2024-08 keeps what certainly falls in it")
	return m.setFocus(focusDates)
}

// ownActors answers "what else did this actor do": with one actor, the list keeps its
// events; with several, the actor picker offers just those. Every event of the actor is
// the answer, so the other filters are set aside (F8 of tryout3: with marked events
// only, f showed the one event already shown); the status names them, and undo brings
// them back.
func (m *Model) ownActors() tea.Cmd {
	e := m.shown()
	switch {
	case e == nil:
		return statusCmd(false, "No event selected")
	case len(e.Actors) == 0:
		return statusCmd(false, "This event names no actor")
	case len(e.Actors) == 1:
		before := m.session.Applied()
		changed, err := m.session.Apply(timeline.Filter{}.With(timeline.ActorFilter, e.Actors...))
		if err != nil {
			return statusCmd(true, "%v", err)
		}
		m.showEvents()
		if !changed {
			return statusCmd(false, "The list already keeps only %s", lineText(m.t.ActorName(e.Actors[0]), 40))
		}
		return m.filterStatus(before.Without(timeline.ActorFilter))
	}
	return m.openPickerOn(timeline.Filter{}, true, pickerFor(timeline.ActorFilter), e.Actors, "Actors of “"+shortTitle(e)+"”")
}

// filterStatus says what the filter in force keeps, and which filters were set aside
// (a zero filter for none).
func (m *Model) filterStatus(aside ...timeline.Filter) tea.Cmd {
	what := filterWords(m.t, m.session.Applied())
	undo := m.keys.Undo.Help().Key
	n := plural(len(m.session.Events()), "event")
	var gone string
	if len(aside) > 0 {
		gone = filterWords(m.t, aside[0])
	}
	switch {
	case gone != "" && what == "":
		return statusCmd(false, "All %s; set aside: %s (%s brings them back)", n, gone, undo)
	case gone != "":
		return statusCmd(false, "%s: %s; set aside: %s (%s brings them back)", n, what, gone, undo)
	case what == "":
		return statusCmd(false, "All %s", n)
	}
	return statusCmd(false, "%s: %s; %s undoes", n, what, undo)
}

// filterWords says what f keeps, in the words the export's header uses: "dated August
// 2024", "certainly dated August 2024", "supported by one publisher only"; "" for none.
func filterWords(t *timeline.Timeline, f timeline.Filter) string {
	words := f.Words(t)
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = strings.TrimSpace(w.Label + " " + wordsValue(w))
	}
	return strings.Join(parts, ", ")
}

// clearFilters removes every filter; undo brings them back.
func (m *Model) clearFilters() tea.Cmd {
	if m.session.Applied().IsZero() {
		return statusCmd(false, "No filter to clear")
	}
	m.session.Apply(timeline.Filter{}) //nolint:errcheck // the zero filter cannot fail
	m.showEvents()
	return statusCmd(false, "Filters cleared: %s brings them back", m.keys.Undo.Help().Key)
}

// undo brings back the filter before the last change.
func (m *Model) undo() tea.Cmd {
	if !m.session.Undo() {
		return statusCmd(false, "No filter to undo")
	}
	m.showEvents()
	return m.filterStatus()
}

// openExport starts exporting the events listed.
func (m *Model) openExport() tea.Cmd {
	job := exportJob{t: m.t, events: m.session.Events(), filter: m.session.Applied(), version: m.opts.Version}
	if m.book.state != nil {
		job.notes = m.book.state // the reader's marks and notes, as the screen shows them
	}
	m.export.Open(job)
	return m.followExport()
}

// openSource opens a source of the event shown: the one selected in the detail pane,
// the only one with a link, or the one whose number the reader types next.
func (m *Model) openSource() tea.Cmd {
	e := m.shown()
	if e == nil {
		return statusCmd(false, "No event selected")
	}
	if l, ok := m.detail.Link(); ok && m.focus == focusDetail && l.related == nil {
		return m.openNumber(e, l.source)
	}
	linked := linkedSources(e)
	switch len(linked) {
	case 0:
		return statusCmd(false, "%s", noLinkWhy(e))
	case 1:
		n, _ := strconv.Atoi(linked[0])
		return m.openNumber(e, n)
	}
	m.openFor = e
	return m.setFocus(focusSource)
}

// linkedSources returns the numbers of e's sources with a web link.
func linkedSources(e *timeline.Event) []string {
	var out []string
	for i := range e.Sources {
		if sourceLink(&e.Sources[i]) != "" {
			out = append(out, strconv.Itoa(i+1))
		}
	}
	return out
}

// openNumber opens source n of e, from 1.
func (m *Model) openNumber(e *timeline.Event, n int) tea.Cmd {
	src := &e.Sources[n-1]
	return openCmd(n, lineText(src.Publisher, 40), sourceLink(src))
}

// copyEvent copies the event shown as the export writes it, with the reader's mark and
// note, through the terminal and a clipboard program where there is one.
func (m *Model) copyEvent() tea.Cmd {
	e := m.shown()
	if e == nil {
		return statusCmd(false, "No event selected")
	}
	var ann timeline.Annotations
	if m.book.state != nil {
		ann = m.book.state // the reader's mark and note, as the export writes them
	}
	return copyCmd(shortTitle(e), export.EventMarkdownNotes(m.t, e, ann))
}

// timelineFacts returns the counts of the timeline, counting them the first time.
func (m *Model) timelineFacts() *timelineFacts {
	if m.facts == nil {
		m.facts = countFacts(m.t)
	}
	return m.facts
}

// openHelp shows every key and the legends, the timeline in brief at the top.
func (m *Model) openHelp() tea.Cmd {
	s, k, t, f := &m.styles, &m.keys, m.t, m.timelineFacts()
	m.help.SetContent(func(w int) []string { return helpLines(s, k, t, f, w) })
	return m.setFocus(focusHelp)
}

// openAbout shows the timeline's title, description, dates and counts.
func (m *Model) openAbout() tea.Cmd {
	m.sources = false
	s, k, t, f, b := &m.styles, &m.keys, m.t, m.timelineFacts(), m.bookFacts()
	m.about.SetContent(func(w int) []string {
		x := &detailWriter{d: &detailPane{styles: s}, w: w}
		aboutLines(x, s, k, t, f, true)
		bookLines(x, s, b)
		return x.lines
	})
	return m.setFocus(focusAbout)
}
