package ui

import (
	"errors"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// A timeline the explorer shows may be replaced by another: while a large file loads,
// by timelines of more and more of its events, then by the whole; later, by the file
// reloaded after an edit. A replacement keeps what the reader was doing: the filter and
// its history, the selected event (by id), the row it sits on, the detail's scroll, the
// events followed.

// partialMsg carries a timeline of the events loaded so far: a preview, unchecked, of the
// one the load ends with.
type partialMsg struct{ t *timeline.Timeline }

// showPartial shows the events loaded so far. The first time, keys typed while nothing
// showed are handled; a filter from the command line that the events so far cannot
// take (it names an actor the file has not declared yet) waits for the whole timeline.
func (m *Model) showPartial(msg partialMsg) tea.Cmd {
	if !m.load.loading {
		return nil // the whole timeline is in: a late preview
	}
	if m.t != nil {
		return tea.Batch(m.fillTimeline(msg.t), m.waitLoad())
	}
	if _, err := msg.t.Filter(m.opts.Filter); err != nil {
		return m.waitLoad()
	}
	cmds := []tea.Cmd{m.setTimeline(msg.t), m.waitLoad()}
	for _, k := range m.load.typed {
		cmds = append(cmds, m.handleKey(k))
	}
	m.load.typed = nil
	return tea.Batch(cmds...)
}

// waitLoad waits for what the loader says next; nil when nothing loads.
func (m *Model) waitLoad() tea.Cmd {
	if m.load.loader == nil {
		return nil
	}
	return m.load.loader.wait
}

// loadingShown reports whether the explorer shows the events of a timeline still loading.
func (m *Model) loadingShown() bool { return m.load.loading && m.t != nil }

// loadingCount is what the header adds to the count while the events shown are those
// loaded so far: how far the load has got.
func (m *Model) loadingCount() string {
	if !m.loadingShown() {
		return ""
	}
	pct := 0
	if m.load.total > 0 {
		pct = int(int64(m.load.done) * 100 / int64(m.load.total))
	}
	return " so far · " + strconv.Itoa(min(pct, 99)) + "%"
}

// waitsForLoad answers a key that needs the whole timeline while the events shown are
// those loaded so far: the export, which writes the events listed.
func (m *Model) waitsForLoad(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if !m.loadingShown() || !m.focus.isPane() || !key.Matches(k, m.keys.Export) {
		return nil, false
	}
	return statusCmd(false, "The export waits for the whole timeline: %s loaded so far", m.loadingCount()[len(" so far · "):]), true
}

// fillTimeline shows t, more of the file's events or all of them, in place of the
// events loaded so far. A reader at the first event stays at the first: events dated
// before it arrive above it, and a list the reader has not moved down stays at its
// top (it drifted down as they came, and a search from there then landed on its
// second match).
func (m *Model) fillTimeline(t *timeline.Timeline) tea.Cmd {
	atTop := m.peek == nil && m.list.Selected() != nil && m.list.cursor == m.list.nextEventRow(0, 1)
	cmd := m.replaceTimeline(t)
	if atTop {
		m.list.Home()
		m.showSelection()
	}
	return cmd
}

// replaceTimeline shows t in place of the timeline shown, keeping the reader's place.
func (m *Model) replaceTimeline(t *timeline.Timeline) tea.Cmd {
	selID, rel := "", 0
	if e := m.list.Selected(); e != nil {
		selID, rel = e.ID, m.list.cursor-m.list.offset
	}
	var peekID string
	if m.peek != nil {
		peekID = m.peek.ID
	}
	detailEv, detailY, link := m.detail.ev, m.detail.vp.YOffset(), m.detail.link

	note := m.session.Replace(t)
	m.takeTimeline(t)
	m.peek = nil
	if peekID != "" {
		m.peek = t.Event(peekID)
	}
	m.jumps = remapJumps(m.jumps, t)
	if m.openFor != nil {
		m.openFor = t.Event(m.openFor.ID)
		if m.openFor == nil && m.focus == focusSource {
			m.setFocus(m.base)
		}
	}
	m.showEvents()
	if e := t.Event(selID); e != nil && m.list.Select(e) {
		m.list.keepRow(rel)
		if m.peek == nil {
			m.showSelection()
		}
	}
	if shown := m.shown(); shown != nil && detailEv != nil && shown.ID == detailEv.ID {
		m.detail.keepPlace(detailY, link)
	}
	m.headerLines = [2]string{}
	cmds := []tea.Cmd{prepareSearch(t)}
	if note != "" {
		cmds = append(cmds, statusCmd(true, "%s; %s brings it back", note, m.keys.Undo.Help().Key))
	}
	return tea.Batch(cmds...)
}

// remapJumps finds the events of the followed links in t, by id, dropping those t lacks.
func remapJumps(jumps []jump, t *timeline.Timeline) []jump {
	out := jumps[:0]
	for _, j := range jumps {
		from, to := t.Event(j.from.ID), t.Event(j.to.ID)
		if from != nil && to != nil {
			out = append(out, jump{from: from, to: to})
		}
	}
	return out
}

// Replace shows t in place of the session's timeline under the same filters, shown and
// in force, with the same history. A filter t cannot take (it names an actor the new
// timeline lacks) is cleared, as a change the history can undo, and the returned note
// says so; otherwise the note is "".
func (s *filterSession) Replace(t *timeline.Timeline) string {
	s.seq++ // a search still running reads the old timeline
	s.version++
	s.t = t
	if _, err := t.Filter(s.applied); err != nil {
		var unknown error
		if errors.Is(err, timeline.ErrUnknownValue) {
			unknown = err
		}
		was := s.applied
		s.history = append(s.history, was)
		s.applied, s.shown = timeline.Filter{}, timeline.Filter{}
		s.events, _ = t.Filter(s.shown)
		if unknown != nil {
			return "The filter no longer applies (" + lineText(unknown.Error(), 120) + "): cleared"
		}
		return "The filter no longer applies: cleared"
	}
	events, err := t.Filter(s.shown)
	if err != nil {
		s.shown = s.applied
		events, _ = t.Filter(s.shown)
	}
	s.events = events
	return ""
}

// keepRow scrolls the list so that the selected row sits rel rows below the top of the
// screen, where it sat before the events changed around it.
func (l *listPane) keepRow(rel int) {
	if l.height <= 0 {
		return
	}
	l.offset = max(0, min(l.cursor-max(0, min(rel, l.height-1)), len(l.rows)-l.height))
	l.scrollToCursor()
}

// keepPlace keeps the detail's scroll and selected link for an event shown anew, the
// same event in a replaced timeline: its text is laid out again, but not scrolled to
// the top.
func (d *detailPane) keepPlace(y, link int) {
	d.toTop = false
	d.link = link
	d.stale = true
	d.vp.SetYOffset(y)
}
