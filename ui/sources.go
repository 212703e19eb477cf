package ui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// The sources overview (S) says who supports what among the events listed: every
// publisher, how many of the events it supports, and those it alone supports, which no
// other publisher confirms. Its keys filter on the number of publishers, as
// --single-source and --min-sources do on the command line. It is drawn in the about
// pane.

// openSources shows the sources overview of the events listed.
func (m *Model) openSources() tea.Cmd {
	s, k := &m.styles, &m.keys
	events, f := m.session.Events(), m.session.Applied()
	pubs := timeline.Publishers(events)
	m.about.SetContent(func(w int) []string {
		x := &detailWriter{d: &detailPane{styles: s}, w: w}
		sourcesLines(x, s, k, events, pubs, f)
		return x.lines
	})
	m.sources = true
	return m.setFocus(focusAbout)
}

// sourcesKey answers the overview's own keys; false for the others, which close it or
// scroll it as the about view's do.
func (m *Model) sourcesKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	var count []string
	switch {
	case key.Matches(k, m.keys.OneSource):
		count = []string{"1"}
	case key.Matches(k, m.keys.TwoSources):
		count = []string{"2.."}
	case key.Matches(k, m.keys.AnySources):
	default:
		return nil, false
	}
	changed, err := m.session.Apply(m.session.Applied().With(timeline.SourcesFilter, count...))
	if err != nil {
		return statusCmd(true, "%v", err), true
	}
	m.showEvents()
	cmd := m.setFocus(m.base)
	if changed {
		return tea.Batch(cmd, m.filterStatus()), true
	}
	return cmd, true
}

// sourcesLines lays out the overview: how many of the events one publisher alone
// supports, the keys that filter on it, then each publisher with its count and, under
// it, the events it alone supports.
func sourcesLines(x *detailWriter, s *Styles, k *keyMap, events []*timeline.Event, pubs []timeline.PublisherSupport, f timeline.Filter) {
	x.add(s.DetailPaint.Title, "Sources of the "+plural(len(events), "event")+" listed", 0)
	alone := 0
	for _, e := range events {
		if e.PublisherCount() == 1 {
			alone++
		}
	}
	x.add(s.DetailPaint.Meta, strconv.Itoa(alone)+" rest on one publisher alone, "+strconv.Itoa(len(events)-alone)+
		" on two or more independent ones; a via does not count, nor one article cited twice", 0)
	hint := hintOf(k.OneSource.Help().Key, "one publisher only", k.TwoSources.Help().Key, "two or more",
		k.AnySources.Help().Key, "either", k.Close.Help().Key, "close")
	if v := f.Values(timeline.SourcesFilter); len(v) > 0 {
		c, _ := timeline.ParseCount(v[0])
		hint = "Now: supported by " + c.Words() + " · " + hint
	}
	x.add(s.DetailPaint.Muted, hint, 0)
	dateW := 0
	for _, p := range pubs {
		for _, e := range p.Alone {
			dateW = max(dateW, textWidth(e.ShortSpan()))
		}
	}
	if len(pubs) == 0 {
		x.blank()
		x.add(s.DetailPaint.Muted, "No event listed.", 0)
	}
	for _, p := range pubs {
		x.blank()
		head := clean(headOfString(p.Name, 1024)) + " · " + plural(len(p.Events), "event")
		switch len(p.Alone) {
		case 0:
			head += ", none it alone supports"
		case len(p.Events):
			head += ", all of them it alone supports"
		default:
			head += ", " + strconv.Itoa(len(p.Alone)) + " it alone supports"
		}
		x.add(s.DetailPaint.Publisher, head, 0)
		for _, e := range p.Alone {
			// The dates stay a column: a long title wraps beside it, never under it
			// (F5 of tryout3: at 80 columns long titles lost the padding).
			x.addHanging(s.DetailPaint.Value, "  "+padRight(e.ShortSpan(), dateW)+"  ", clean(headOfString(e.Title, maxFieldBytes)))
		}
	}
}
