// Package export writes what a filter selects from a timeline in the formats people read
// and other tools import. Each writer is a file of its own here: markdown*.go writes
// CommonMark; the writers of issue 11 (TimelineJS, CSV, JSON, JSON Lines, iCalendar,
// TOML) go beside it. Every writer writes exactly the events it is given, sanitised, and
// the same bytes for the same input; callers write files through internal/atomicfile.
package export

import (
	"bufio"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
)

// Options says how an export is headed.
type Options struct {
	Title   string          // document title; the timeline's title when empty
	Filter  timeline.Filter // the filter that selected the events, described in the header
	Version string          // tlx version named in the header
	Stamp   time.Time       // export time to print, in UTC; zero prints none, so exports are reproducible
	// Annotations are the reader's marks and notes, written after each event's sources
	// as the reader's, apart from the timeline's text; nil takes the filter's own (see
	// timeline.Filter.WithAnnotations), and without those the export has none.
	Annotations timeline.Annotations
}

// title is the document's title on one line: opts.Title, or else t's.
func (opts Options) title(t *timeline.Timeline) string {
	if title := line(opts.Title); title != "" {
		return title
	}
	return line(t.Title)
}

// Markdown writes events, which t.Filter(opts.Filter) selected, as a CommonMark
// document: a title, a header that says where the events come from, which filters chose
// them and how many of the timeline's they are, then the events under a heading per year,
// each with its date, title, actors, themes, status, location, summary, related events and
// numbered sources, then the reader's mark and note when opts has annotations.
//
// Every piece of text from the timeline, and from the reader's notebook, is sanitised (no control characters) and escaped,
// so that it shows as written: it never forms markup, raw HTML, a link or a heading. Links
// appear only for sources with an http or https URL, and for related events that are in
// the export (as GitHub-style heading anchors). Events must be t's own, in timeline order,
// as Filter returns them; the output depends only on t, events and opts, byte for byte.
//
// It writes through a bufio.Writer and stops at the first write error, which it returns.
func Markdown(w io.Writer, t *timeline.Timeline, events []*timeline.Event, opts Options) error {
	ew := &errWriter{w: w}
	m := &mdWriter{bw: bufio.NewWriterSize(ew, 64<<10), t: t, ann: opts.Annotations, mayOnly: opts.Filter.MayOnly()}
	if m.ann == nil {
		m.ann = opts.Filter.Annotations()
	}
	title := opts.title(t)
	if title == "" {
		title = "Timeline"
	}
	m.anchors = relatedAnchors(t, title, events)

	m.raw("# ")
	m.text(title, false)
	m.raw("\n\n")
	m.header(events, opts)
	switch {
	case len(t.Events) == 0:
		m.raw("\nThe timeline has no events.\n")
	case len(events) == 0:
		m.raw("\nNo event matched these filters.\n")
	}
	year, started := 0, false
	for _, e := range events {
		if ew.err != nil {
			return ew.err
		}
		if !started || e.Date.Year() != year {
			year, started = e.Date.Year(), true
			m.raw("\n## ")
			m.buf = strconv.AppendInt(m.buf[:0], int64(year), 10)
			m.bw.Write(m.buf)
			m.raw("\n")
		}
		m.event(e)
	}
	if err := m.bw.Flush(); err != nil {
		return err
	}
	return ew.err
}

// EventMarkdown returns one event as Markdown writes it, from its "### " heading to its
// sources, escaped the same way: for copying a single event elsewhere. Related events are
// named, not linked, since the event stands alone, and nothing says they are left out:
// there is no export for them to be left out of. e must be t's own.
func EventMarkdown(t *timeline.Timeline, e *timeline.Event) string {
	return EventMarkdownNotes(t, e, nil)
}

// EventMarkdownNotes is EventMarkdown with the reader's mark and note on e from ann
// (nil for none), written after the sources as the export writes them.
func EventMarkdownNotes(t *timeline.Timeline, e *timeline.Event, ann timeline.Annotations) string {
	var b strings.Builder
	m := &mdWriter{bw: bufio.NewWriter(&b), t: t, alone: true, ann: ann}
	m.event(e)
	m.bw.Flush() // a strings.Builder does not fail
	return strings.TrimPrefix(b.String(), "\n")
}

// errWriter keeps the first write error, so that a long export stops early when its
// output has gone (a closed pipe, a full disk).
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// mdWriter writes the document. Write errors are not checked call by call: the bufio
// writer keeps the first one and Markdown looks at it once per event.
type mdWriter struct {
	bw      *bufio.Writer
	t       *timeline.Timeline
	buf     []byte                     // scratch for dates and numbers
	anchors map[*timeline.Event]string // heading anchors of the targets of related links; nil if none
	alone   bool                       // one event on its own, as EventMarkdown writes it
	ann     timeline.Annotations       // the reader's marks and notes; nil if none
	// mayOnly reports an event that only may fall in the filter's dates, nil without
	// dates: Filter.MayOnly.
	mayOnly func(*timeline.Event) bool
}

func (m *mdWriter) raw(s string) { m.bw.WriteString(s) }

// header writes the block under the title: source, filters, count, version and stamp.
func (m *mdWriter) header(events []*timeline.Event, opts Options) {
	t := m.t
	m.raw("- From ")
	src := sourceLabel(t.Path)
	switch {
	case t.Path == data.Name:
		// A reader of the binary has no data/timeline.toml: name the tlx it is built into.
		m.raw("the timeline “")
		m.field(t.Title, false)
		m.raw("” built into tlx")
		if v := line(opts.Version); v != "" {
			m.raw(" ")
			m.text(v, false)
		}
	case !blank(t.Title) && src != "":
		m.raw("the timeline “")
		m.field(t.Title, false)
		m.raw("” (")
		m.text(src, false)
		m.raw(")")
	case !blank(t.Title):
		m.raw("the timeline “")
		m.field(t.Title, false)
		m.raw("”")
	case src != "":
		m.text(src, false)
	default:
		m.raw("an untitled timeline")
	}
	m.raw("\n- Filters: ")
	m.filters(opts.Filter)
	m.raw("\n- ")
	m.buf = strconv.AppendInt(m.buf[:0], int64(len(events)), 10)
	m.buf = append(m.buf, " of "...)
	m.buf = strconv.AppendInt(m.buf, int64(len(t.Events)), 10)
	m.bw.Write(m.buf)
	if len(t.Events) == 1 {
		m.raw(" event")
	} else {
		m.raw(" events")
	}
	if m.mayOnly != nil {
		may := 0
		for _, e := range events {
			if m.mayOnly(e) {
				may++
			}
		}
		if may > 0 {
			m.buf = strconv.AppendInt(m.buf[:0], int64(may), 10)
			m.raw("; ")
			m.bw.Write(m.buf)
			m.raw(" of them may fall outside the dates: their dates are windows or too coarse to be sure")
		}
	}
	m.notebook(events)
	if m.anchors != nil {
		// Renderers name headings their own ways; these links are right where the names
		// are GitHub's (TestMarkdownLinksInPandoc renders them).
		m.raw("\n- Links to related events use GitHub's heading anchors: they work on GitHub and in pandoc -f gfm")
	}
	m.raw("\n- Exported with tlx")
	if v := line(opts.Version); v != "" {
		m.raw(" ")
		m.text(v, false)
	}
	if !opts.Stamp.IsZero() {
		m.raw(" on ")
		m.raw(opts.Stamp.UTC().Format("2 January 2006 at 15:04 UTC"))
	}
	m.raw("\n")
}

// notebook says in the header how many of the events the reader marked or wrote a note
// on, when any: "3 marked and 2 with a note by the reader".
func (m *mdWriter) notebook(events []*timeline.Event) {
	if m.ann == nil {
		return
	}
	marked, noted := 0, 0
	for _, e := range events {
		if ok, _ := m.ann.Mark(e.ID); ok {
			marked++
		}
		if !blank(m.ann.Note(e.ID)) {
			noted++
		}
	}
	if marked+noted == 0 {
		return
	}
	m.raw("\n- The reader's notebook: ")
	if marked > 0 {
		m.buf = strconv.AppendInt(m.buf[:0], int64(marked), 10)
		m.bw.Write(m.buf)
		m.raw(" marked")
	}
	if noted > 0 {
		if marked > 0 {
			m.raw(", ")
		}
		m.buf = strconv.AppendInt(m.buf[:0], int64(noted), 10)
		m.bw.Write(m.buf)
		if noted == 1 {
			m.raw(" with a note")
		} else {
			m.raw(" with notes")
		}
	}
}

// readerPart writes what the reader wrote about e, after the timeline's text and under
// labels of its own, so that it never reads as the timeline's: the mark with its labels,
// and the note as a block quote.
func (m *mdWriter) readerPart(e *timeline.Event) {
	if m.ann == nil {
		return
	}
	if marked, labels := m.ann.Mark(e.ID); marked {
		m.raw("\n**Reader's mark:** ")
		if len(labels) == 0 {
			m.raw("marked")
		}
		for i, l := range labels {
			if i > 0 {
				m.raw(", ")
			}
			m.field(l, false)
		}
		m.raw("\n")
	}
	if note := m.ann.Note(e.ID); !blank(note) {
		m.raw("\n**Reader's note:**\n\n")
		m.note(note)
	}
}

// sourceLabel names the file a timeline came from: its base name when the path is
// absolute (an export should not reveal the reader's folders), else the path or label
// as given. The built-in timeline (data.Name) is named by the header itself.
func sourceLabel(path string) string {
	path = line(path)
	if filepath.IsAbs(path) {
		return filepath.Base(path)
	}
	return path
}

// filters describes f in words: "actors Iran or Russia; theme Cyber operations; status
// alleged; dated from June 2024; text matching “phishing”", or "none". The words are the
// filter's own (Filter.Words).
func (m *mdWriter) filters(f timeline.Filter) {
	if f.IsZero() {
		m.raw("none")
		return
	}
	for i, w := range f.Words(m.t) {
		if i > 0 {
			m.raw("; ")
		}
		m.raw(w.Label)
		for j, v := range w.Values {
			switch {
			case j == 0:
				m.raw(" ")
			case j == len(w.Values)-1:
				m.raw(" or ")
			default:
				m.raw(", ")
			}
			if w.Quoted {
				m.raw("“")
				m.field(v, false)
				m.raw("”")
			} else {
				m.field(v, false)
			}
		}
	}
}
