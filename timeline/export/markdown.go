// Package export writes what a filter selects from a timeline in the formats people read
// and other tools import. Each writer is a file of its own here: markdown.go writes
// CommonMark; the writers of issue 11 (TimelineJS, CSV, JSON, JSON Lines, iCalendar,
// TOML) go beside it. Every writer writes exactly the events it is given, sanitised, and
// the same bytes for the same input; callers write files through internal/atomicfile.
package export

import (
	"bufio"
	"hash/maphash"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	title := line(opts.Title)
	if title == "" {
		title = line(t.Title)
	}
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
	var b strings.Builder
	m := &mdWriter{bw: bufio.NewWriter(&b), t: t, alone: true}
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
		m.paragraphs(note, 0, true)
	}
}

// sourceLabel names the file a timeline came from: its base name when the path is
// absolute (an export should not reveal the reader's folders), else the path or label
// as given, such as "data/timeline.toml" for the built-in timeline.
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
		for i, id := range e.Related {
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
		m.raw(" ")
		m.text(l, false)
	}
	if open {
		m.raw("\n")
	}
}

// spaces indents quotes in list items; an item's number has at most 19 digits.
const spaces = "                      "

// line makes a one-line field safe: control characters replaced, newlines and tabs turned
// into spaces, outer spaces trimmed.
func line(s string) string {
	if plainLine(s) {
		return s
	}
	return strings.TrimSpace(timeline.SanitizeLine(s))
}

// asciiText reports whether s is printable ASCII and newlines: nothing to sanitise.
func asciiText(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n, i := len(s), 0
	for ; i+8 <= n; i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if x&highs != 0 {
			return false
		}
		del := x ^ 0x7f*ones
		if (x-0x20*ones)&^x&highs != 0 || (del-ones)&^del&highs != 0 {
			for _, c := range []byte(s[i : i+8]) {
				if c < 0x20 && c != '\n' || c == 0x7f {
					return false
				}
			}
		}
	}
	for ; i < n; i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c >= 0x7f {
			return false
		}
	}
	return true
}

// plainLine reports whether s is printable ASCII without a space at either end: nothing
// to sanitise or trim. It looks at eight bytes at a time, since every field of every
// exported event passes here.
func plainLine(s string) bool {
	n := len(s)
	if n == 0 {
		return true
	}
	if s[0] == ' ' || s[n-1] == ' ' {
		return false
	}
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= n; i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		del := x ^ 0x7f*ones
		// A byte of 0x80 or more, one below 0x20, or DEL (0x7f).
		if x&highs != 0 || (x-0x20*ones)&^x&highs != 0 || (del-ones)&^del&highs != 0 {
			return false
		}
	}
	for ; i < n; i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// mdEscape marks the ASCII punctuation that can start or end markup anywhere in a line:
// emphasis, code, links and images, raw HTML and autolinks, headings (a closing '#'),
// block quotes, GFM tables and strikethrough, and the backslash itself. '&' is escaped
// only where it would start an entity reference.
var mdEscape = [256]bool{
	'\\': true, '`': true, '*': true, '_': true, '[': true, ']': true, '<': true, '>': true,
	'#': true, '|': true, '~': true, '&': true,
}

// text writes s, one line of sanitised text, escaped so that a CommonMark reader shows it
// as written. atLineStart says s starts a line, where "-", "+", "=" and "1." or "1)"
// would start a list or underline a heading. Text without special characters, the usual
// case, is written as it is in one call.
func (m *mdWriter) text(s string, atLineStart bool) {
	start := 0
	if atLineStart {
		start = m.lineStart(s)
	}
	for i := start; i < len(s); i++ {
		c := s[i]
		if !mdEscape[c] || c == '&' && !entityAt(s[i:]) {
			continue
		}
		m.bw.WriteString(s[start:i])
		m.bw.WriteByte('\\')
		start = i
	}
	m.bw.WriteString(s[start:])
}

// lineStart escapes what would start a list or underline a heading at the start of a
// line: "-", "+", "=", or a number and "." or ")". It returns how much of s it wrote.
func (m *mdWriter) lineStart(s string) int {
	if s == "" {
		return 0
	}
	switch c := s[0]; {
	case c == '-' || c == '+' || c == '=':
		m.bw.WriteByte('\\')
	case c >= '0' && c <= '9':
		i := 1
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) && (s[i] == '.' || s[i] == ')') {
			m.bw.WriteString(s[:i])
			m.bw.WriteByte('\\')
			return i
		}
	}
	return 0
}

// mdClass sorts bytes for field's scan: 0 needs nothing, 1 may need escaping (mdEscape),
// 2 needs sanitising or is not ASCII, which the slow path sorts out.
var mdClass = func() (class [256]uint8) {
	for c := range class {
		switch {
		case c < 0x20 || c >= 0x7f:
			class[c] = 2
		case mdEscape[c]:
			class[c] = 1
		}
	}
	return class
}()

// field writes a one-line field from the timeline: sanitised, trimmed and escaped. Plain
// ASCII without markup characters, most fields, is checked and written in one pass.
func (m *mdWriter) field(s string, atLineStart bool) {
	if n := len(s); n > 0 && s[0] != ' ' && s[n-1] != ' ' {
		i := 0
		for i < n && mdClass[s[i]] == 0 {
			i++
		}
		switch {
		case i == n:
			start := 0
			if atLineStart {
				start = m.lineStart(s)
			}
			m.bw.WriteString(s[start:])
			return
		case mdClass[s[i]] == 1 && plainLine(s[i:]):
			m.text(s, atLineStart)
			return
		}
	}
	m.text(line(s), atLineStart)
}

// blank reports whether a field shows nothing once made safe: line(s) == "". A field that
// starts with a visible ASCII character, the usual case, is not.
func blank(s string) bool {
	if s != "" && s[0] > ' ' && s[0] < 0x7f {
		return false
	}
	return line(s) == ""
}

// entityAt reports whether s, which starts with '&', starts an entity or numeric character
// reference: "&amp;", "&#38;", "&#x26;". A renderer would turn those into one character.
func entityAt(s string) bool {
	i := 1
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	isHex := func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
	isAlnum := func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' }
	ok := isAlnum
	if i < len(s) && s[i] == '#' {
		i++
		ok = isDigit
		if i < len(s) && s[i]|0x20 == 'x' {
			i++
			ok = isHex
		}
	}
	n := 0
	for i < len(s) && ok(s[i]) {
		i++
		n++
	}
	return n > 0 && i < len(s) && s[i] == ';'
}

// safeURL returns u ready to be a link destination, or "" when it is not an absolute
// http or https URL: timeline.LinkTarget, the rule the explorer's hyperlinks follow too,
// with an entity's '&' escaped, which Markdown alone would decode.
func safeURL(u string) string {
	target := timeline.LinkTarget(u)
	if !strings.Contains(target, "&") {
		return target
	}
	var b strings.Builder
	for i := 0; i < len(target); i++ {
		if c := target[i]; c == '&' && entityAt(target[i:]) {
			// Renderers decode entities in destinations; "\&" keeps the '&' as written
			// without changing what a query string means, as "%26" would.
			b.WriteString("\\&")
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// relatedAnchors returns the GitHub-style anchor of the heading of every exported event
// that another exported event names as related: the targets of related links. The
// document's headings are its title, then per year a year heading and its events. It
// returns nil when there is no such link, so that an export without them does not pay.
func relatedAnchors(t *timeline.Timeline, title string, events []*timeline.Event) map[*timeline.Event]string {
	// Events come from t.Filter: as many as t has means all of them.
	all := len(events) == len(t.Events)
	var inExport map[*timeline.Event]bool
	targets := map[*timeline.Event]string{}
	for _, e := range events {
		for _, id := range e.Related {
			r := t.Event(id)
			if r == nil {
				continue
			}
			if all {
				targets[r] = ""
				continue
			}
			if inExport == nil {
				inExport = make(map[*timeline.Event]bool, len(events))
				for _, x := range events {
					inExport[x] = true
				}
			}
			if inExport[r] {
				targets[r] = ""
			}
		}
	}
	if len(targets) == 0 {
		return nil
	}
	s := newSlugger(len(events))
	var text []byte
	s.slug([]byte(title))
	year, started := 0, false
	for _, e := range events {
		if !started || e.Date.Year() != year {
			year, started = e.Date.Year(), true
			text = strconv.AppendInt(text[:0], int64(year), 10)
			s.slug(text)
		}
		text = appendHeading(text[:0], e)
		slug := s.slug(text)
		if _, ok := targets[e]; ok {
			targets[e] = string(slug)
		}
	}
	return targets
}

// appendHeading appends an event's heading text, as HeadingText returns it.
func appendHeading(b []byte, e *timeline.Event) []byte {
	b = timeline.AppendSpan(b, e)
	if title := line(e.Title); title != "" {
		b = append(b, " — "...)
		b = append(b, title...)
	}
	return b
}

// appendSlug appends the GitHub anchor of a heading's text, before numbering: lower-cased,
// every character other than a letter, mark, decimal or letter number (Ⅻ), connector,
// alphabetic symbol (Ⓐ), hyphen or space removed, spaces turned into hyphens
// (github-slugger).
func appendSlug(b, text []byte) []byte {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
				b = append(b, c)
			case c == ' ':
				b = append(b, '-')
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		if r = unicode.ToLower(r); unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic) {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// slugger numbers anchors as GitHub does (github-slugger): a heading whose anchor was
// taken gets "-1", "-2" and so on after it, the count kept per original anchor. Every
// heading of an export passes here, so anchors are kept as 64-bit hashes, not strings.
type slugger struct {
	seed  maphash.Seed
	count map[uint64]int // anchor hash -> times its text was repeated; present means taken
	buf   []byte
}

func newSlugger(n int) *slugger {
	return &slugger{seed: maphash.MakeSeed(), count: make(map[uint64]int, n+16)}
}

// slug returns the anchor of a heading with the given text, valid until the next call.
func (s *slugger) slug(text []byte) []byte {
	b := appendSlug(s.buf[:0], text)
	base := len(b)
	hb := maphash.Bytes(s.seed, b)
	h := hb
	for {
		if _, taken := s.count[h]; !taken {
			break
		}
		s.count[hb]++
		b = append(b[:base], '-')
		b = strconv.AppendInt(b, int64(s.count[hb]), 10)
		h = maphash.Bytes(s.seed, b)
	}
	s.count[h] = 0
	s.buf = b
	return b
}
