package export

import (
	"strconv"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// event writes one event: heading, facts line (with how many publishers support it and,
// under a date filter, whether it only may fall in the dates), summary, related events
// and sources, each article once with all its quotes.
func (m *mdWriter) event(e *timeline.Event) {
	m.raw("\n### ")
	m.heading(e)
	m.raw("\n")

	sep := "\n"
	fact := func(label string) {
		m.raw(sep)
		sep = " · "
		m.raw(label)
	}
	names := func(label string, ids []string, name func(e *timeline.Event, i int, id string) string) {
		for i, id := range ids {
			if i == 0 {
				fact(label)
			} else {
				m.raw(", ")
			}
			m.field(name(e, i, id), false)
		}
	}
	names("**Actors:** ", e.Actors, m.actorName)
	names("**Themes:** ", e.Themes, m.themeName)
	if !blank(e.Status) {
		fact("**Status:** ")
		m.field(e.Status, false)
	}
	if !blank(e.Location) {
		fact("**Location:** ")
		m.field(e.Location, false)
	}
	if n := e.PublisherCount(); n > 0 {
		fact("**Supported by:** ")
		m.raw(timeline.SupportWords(n))
	}
	if m.mayOnly != nil && m.mayOnly(e) {
		fact("**Date filter:** ")
		m.raw("may fall outside it")
	}
	if sep != "\n" {
		m.raw("\n")
	}

	m.paragraphs(e.Summary, 0, false)

	if len(e.Related) > 0 {
		m.raw("\n**Related:** ")
		for i, id := range m.t.RelatedInOrder(e) {
			if i > 0 {
				m.raw("; ")
			}
			m.related(id)
		}
		m.raw("\n")
	}

	if len(e.Sources) > 0 {
		if len(e.Sources) == 1 {
			m.raw("\n**Source:**\n\n")
		} else {
			m.raw("\n**Sources:**\n\n")
		}
		for i := range e.Sources {
			m.source(i+1, &e.Sources[i])
		}
	}
	m.readerPart(e)
}

// actorName returns the name of e's i-th actor through the index New built, without the
// case-folding lookup of ActorName.
func (m *mdWriter) actorName(e *timeline.Event, i int, id string) string {
	if a := m.t.EventActor(e, i); a != nil {
		return a.Name
	}
	return id
}

// themeName is actorName for themes.
func (m *mdWriter) themeName(e *timeline.Event, i int, id string) string {
	if th := m.t.EventTheme(e, i); th != nil {
		return th.Name
	}
	return id
}

// heading writes an event's heading text: its date or span in words, a dash, its title.
// An event without a title (only hand-built ones lack it) shows its date alone.
func (m *mdWriter) heading(e *timeline.Event) {
	m.buf = timeline.AppendSpan(m.buf[:0], e)
	if !blank(e.Title) {
		m.buf = append(m.buf, " — "...)
	}
	m.bw.Write(m.buf)
	m.field(e.Title, false)
}

// HeadingText returns the text an event's heading shows in a Markdown export: its date or
// span in words as timeline.AppendSpan writes it ("3 January 2020", "between June and
// July 2024"), a dash and its title, sanitised.
func HeadingText(e *timeline.Event) string {
	return string(appendHeading(nil, e))
}

// related writes a link to a related event's heading when the event is in the export,
// else its date and title as plain text, or its id when the timeline does not have it.
func (m *mdWriter) related(id string) {
	r := m.t.Event(id)
	if r == nil {
		m.field(id, false)
		return
	}
	anchor, ok := m.anchors[r]
	if !ok {
		m.heading(r)
		if !m.alone {
			m.raw(" (not in this export)")
		}
		return
	}
	m.raw("[")
	m.heading(r)
	m.raw("](#")
	m.raw(anchor) // slugs hold only letters, marks, digits, '-' and '_'
	m.raw(")")
}

// source writes one item of an event's numbered list of sources: publisher, title (linked
// when the source has a safe URL), date published and via, then the quote as a
// blockquote inside the item.
func (m *mdWriter) source(n int, s *timeline.Source) {
	m.buf = strconv.AppendInt(m.buf[:0], int64(n), 10)
	indent := len(m.buf) + 2
	m.buf = append(m.buf, ". "...)
	m.bw.Write(m.buf)

	url := safeURL(s.URL)
	publisher, title := s.Publisher, s.Title
	if blank(publisher) {
		publisher = ""
	}
	if blank(title) {
		title = ""
	}
	atStart := true
	sep := func() {
		if !atStart {
			m.raw(", ")
		}
		atStart = false
	}
	switch {
	case publisher != "" && title == "" && url != "":
		m.link(publisher, url, atStart)
		atStart = false
	case publisher != "":
		m.field(publisher, atStart)
		atStart = false
	}
	if title != "" {
		sep()
		m.raw("“")
		if url != "" {
			m.link(title, url, false)
		} else {
			m.field(title, false)
		}
		m.raw("”")
	} else if publisher == "" && url != "" {
		sep()
		m.link(timeline.DisplayURL(s.URL), url, false)
	}
	if !s.Published.IsZero() {
		sep()
		m.buf = s.Published.AppendLong(m.buf[:0])
		m.bw.Write(m.buf)
	}
	if !blank(s.Via) {
		sep()
		m.raw("via ")
		m.field(s.Via, false)
	}
	if atStart {
		m.raw("Unnamed source")
	}
	m.raw("\n")
	// Each quote its own block quote; a blank line between them ends the one before.
	for i, q := range s.Quoted() {
		if i > 0 {
			m.raw("\n")
		}
		m.paragraphs(q, indent, true)
	}
}

// link writes [text](url), text being a field from the timeline and url made safe by
// safeURL.
func (m *mdWriter) link(text, url string, atLineStart bool) {
	m.raw("[")
	m.field(text, atLineStart)
	m.raw("](")
	m.raw(url)
	m.raw(")")
}

// paragraphs writes multi-line text as Markdown paragraphs: blank lines separate them,
// the lines within one are joined. Plain paragraphs each follow a blank line; a quote's
// paragraphs are lines of a block quote indented by indent spaces, which follows its list
// item's line directly.
func (m *mdWriter) paragraphs(text string, indent int, quote bool) {
	m.paragraphLines(text, indent, quote, false)
}

// note writes the reader's note as a block quote that keeps the note's lines: a reader
// types a list or an address line by line, and joining them would destroy it. Each line
// is a "> " line ending in a hard break (a backslash, CommonMark's visible one), escaped
// as the start of a line; blank lines still separate paragraphs.
func (m *mdWriter) note(text string) {
	m.paragraphLines(text, 0, true, true)
}

// paragraphLines is paragraphs, and with keep it keeps each line of a paragraph.
func (m *mdWriter) paragraphLines(text string, indent int, quote, keep bool) {
	plain := asciiText(text)
	if !plain {
		text = timeline.Sanitize(text)
	}
	open, wrote := false, false
	for text != "" {
		l, rest, _ := strings.Cut(text, "\n")
		text = rest
		if plain { // only spaces can be white at either end
			for l != "" && l[0] == ' ' {
				l = l[1:]
			}
			for l != "" && l[len(l)-1] == ' ' {
				l = l[:len(l)-1]
			}
		} else {
			l = strings.TrimSpace(l)
		}
		if l == "" {
			if open {
				m.raw("\n")
				open = false
			}
			continue
		}
		if !open {
			switch {
			case !quote:
				m.raw("\n")
			case wrote: // an empty quote line between the quote's paragraphs
				m.raw(spaces[:indent])
				m.raw(">\n")
			}
			if quote {
				m.raw(spaces[:indent])
				m.raw("> ")
			}
			m.text(l, true)
			open, wrote = true, true
			continue
		}
		if keep {
			m.raw("\\\n")
			m.raw(spaces[:indent])
			m.raw("> ")
			m.text(l, true)
			continue
		}
		m.raw(" ")
		m.text(l, false)
	}
	if open {
		m.raw("\n")
	}
}

// spaces indents quotes in list items; an item's number has at most 19 digits.
const spaces = "                      "
