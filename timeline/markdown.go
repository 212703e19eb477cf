package timeline

import (
	"bufio"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ExportOptions says how a Markdown export is headed.
type ExportOptions struct {
	Title   string    // document title; the timeline's title when empty
	Filter  Filter    // the filter that selected the events, described in the header
	Version string    // tlx version named in the header
	Stamp   time.Time // export time to print; zero prints none, so exports are reproducible
}

// WriteMarkdown writes events, which t.Filter(opts.Filter) selected, as a CommonMark
// document: a title, a header that says where the events come from, which filters chose
// them and how many of the timeline's they are, then the events under a heading per year,
// each with its date, title, actors, themes, status, location, summary, related events and
// numbered sources.
//
// Every piece of text from the timeline is sanitised (no control characters) and escaped,
// so that it shows as written: it never forms markup, raw HTML, a link or a heading. Links
// appear only for sources with an http or https URL, and for related events that are in
// the export (as GitHub-style heading anchors). Events must be in timeline order, as
// Filter returns them; the output depends only on t, events and opts, byte for byte.
func (t *Timeline) WriteMarkdown(w io.Writer, events []*Event, opts ExportOptions) error {
	ew := &errWriter{w: w}
	m := &mdWriter{bw: bufio.NewWriterSize(ew, 64<<10), t: t}
	title := line(opts.Title)
	if title == "" {
		title = line(t.Title)
	}
	if title == "" {
		title = "Timeline"
	}
	m.anchors = eventAnchors(title, events)

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
		if !started || e.Date.Year != year {
			year, started = e.Date.Year, true
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
// writer keeps the first one and WriteMarkdown looks at it once per event.
type mdWriter struct {
	bw      *bufio.Writer
	t       *Timeline
	buf     []byte            // scratch for dates and numbers
	anchors map[string]string // event id -> heading anchor, for related links; nil if none
}

func (m *mdWriter) raw(s string) { m.bw.WriteString(s) }

// header writes the block under the title: source, filters, count, version and stamp.
func (m *mdWriter) header(events []*Event, opts ExportOptions) {
	t := m.t
	m.raw("- From ")
	src := sourceLabel(t.Path)
	switch {
	case t.Title != "" && src != "":
		m.raw("the timeline “")
		m.text(line(t.Title), false)
		m.raw("” in ")
		m.text(src, false)
	case t.Title != "":
		m.raw("the timeline “")
		m.text(line(t.Title), false)
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

// sourceLabel names the file a timeline came from: its base name when the path is
// absolute (an export should not reveal the reader's folders), else the path or label
// as given, such as "embedded timeline (data/timeline.toml)".
func sourceLabel(path string) string {
	path = line(path)
	if filepath.IsAbs(path) {
		return filepath.Base(path)
	}
	return path
}

// filters describes f in words: "actors Iran or Russia; theme Cyber operations; status
// alleged; dated from June 2024; text matching “phishing”", or "none".
func (m *mdWriter) filters(f Filter) {
	if f.IsZero() {
		m.raw("none")
		return
	}
	sep := ""
	part := func(one, many string, values []string, name func(string) string) {
		if len(values) == 0 {
			return
		}
		m.raw(sep)
		sep = "; "
		if len(values) == 1 {
			m.raw(one)
		} else {
			m.raw(many)
		}
		for i, v := range values {
			switch {
			case i == 0:
				m.raw(" ")
			case i == len(values)-1:
				m.raw(" or ")
			default:
				m.raw(", ")
			}
			m.text(line(name(v)), false)
		}
	}
	part("actor", "actors", f.Actors, func(s string) string {
		if a := m.t.Actor(s); a != nil {
			return a.Name
		}
		return s
	})
	part("theme", "themes", f.Themes, func(s string) string {
		if th := m.t.Theme(s); th != nil {
			return th.Name
		}
		return s
	})
	part("status", "status", f.Statuses, strings.ToLower)
	if !f.Dates.IsZero() {
		m.raw(sep)
		sep = "; "
		m.raw("dated ")
		m.text(f.Dates.Human(), false)
	}
	if text := line(f.Text); text != "" {
		m.raw(sep)
		m.raw("text matching “")
		m.text(text, false)
		m.raw("”")
	}
}

// event writes one event: heading, facts line, summary, related events and sources.
func (m *mdWriter) event(e *Event) {
	m.raw("\n### ")
	m.heading(e)
	m.raw("\n")

	sep := "\n"
	fact := func(label string) {
		m.raw(sep)
		sep = " · "
		m.raw(label)
	}
	for i, id := range e.Actors {
		if i == 0 {
			fact("**Actors:** ")
		} else {
			m.raw(", ")
		}
		m.text(line(m.t.ActorName(id)), false)
	}
	for i, id := range e.Themes {
		if i == 0 {
			fact("**Themes:** ")
		} else {
			m.raw(", ")
		}
		m.text(line(m.t.ThemeName(id)), false)
	}
	if s := line(e.Status); s != "" {
		fact("**Status:** ")
		m.text(s, false)
	}
	if s := line(e.Location); s != "" {
		fact("**Location:** ")
		m.text(s, false)
	}
	if sep != "\n" {
		m.raw("\n")
	}

	m.paragraphs(e.Summary, "")

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
}

// heading writes an event's heading text: its date or span in words, a dash, its title.
func (m *mdWriter) heading(e *Event) {
	m.buf = appendSpan(m.buf[:0], e)
	m.buf = append(m.buf, " — "...)
	m.bw.Write(m.buf)
	m.text(line(e.Title), false)
}

// HeadingText returns the text an event's heading shows in a Markdown export: its date or
// span at its precision in words ("3 January 2020", "2020 to August 2024"), a dash and its
// title, sanitised.
func HeadingText(e *Event) string {
	return string(appendSpan(nil, e)) + " — " + line(e.Title)
}

// appendSpan appends the event's date in words, or "date to end" when it has an end.
func appendSpan(b []byte, e *Event) []byte {
	b = appendLong(b, e.Date)
	if !e.End.IsZero() && e.End != e.Date {
		b = append(b, " to "...)
		b = appendLong(b, e.End)
	}
	return b
}

// appendLong appends d as Date.Long writes it, without fmt: the export calls it for every
// event.
func appendLong(b []byte, d Date) []byte {
	switch d.Prec {
	case Day:
		b = strconv.AppendInt(b, int64(d.Day), 10)
		b = append(b, ' ')
		fallthrough
	case Month:
		b = append(b, d.Month.String()...)
		b = append(b, ' ')
	}
	if d.Prec == Year { // String's %04d
		for p := 1000; p > 1 && d.Year >= 0 && d.Year < p; p /= 10 {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(d.Year), 10)
}

// related writes a link to a related event's heading when the event is in the export,
// else its date and title as plain text, or its id when the timeline does not have it.
func (m *mdWriter) related(id string) {
	r := m.t.Event(id)
	if r == nil {
		m.text(line(id), false)
		return
	}
	anchor, ok := m.anchors[id]
	if !ok {
		m.buf = appendSpan(m.buf[:0], r)
		m.buf = append(m.buf, " — "...)
		m.bw.Write(m.buf)
		m.text(line(r.Title), false)
		m.raw(" (not in this export)")
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
func (m *mdWriter) source(n int, s *Source) {
	m.buf = strconv.AppendInt(m.buf[:0], int64(n), 10)
	indent := len(m.buf) + 2
	m.buf = append(m.buf, ". "...)
	m.bw.Write(m.buf)

	url := safeURL(s.URL)
	publisher, title := line(s.Publisher), line(s.Title)
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
		m.text(publisher, atStart)
		atStart = false
	}
	if title != "" {
		sep()
		m.raw("“")
		if url != "" {
			m.link(title, url, false)
		} else {
			m.text(title, false)
		}
		m.raw("”")
	} else if publisher == "" && url != "" {
		sep()
		m.link(line(s.URL), url, false)
	}
	if !s.Published.IsZero() {
		sep()
		m.buf = appendLong(m.buf[:0], s.Published)
		m.bw.Write(m.buf)
	}
	if via := line(s.Via); via != "" {
		sep()
		m.raw("via ")
		m.text(via, false)
	}
	if atStart {
		m.raw("Unnamed source")
	}
	m.raw("\n")
	if strings.TrimSpace(s.Quote) != "" {
		m.paragraphs(s.Quote, strings.Repeat(" ", indent)+"> ")
	}
}

// link writes [text](url); url has been made safe by safeURL.
func (m *mdWriter) link(text, url string, atLineStart bool) {
	m.raw("[")
	m.text(text, atLineStart)
	m.raw("](")
	m.raw(url)
	m.raw(")")
}

// paragraphs writes multi-line text as Markdown paragraphs: blank lines separate them,
// the lines within one are joined. With prefix "" each paragraph follows a blank line;
// with a blockquote prefix such as "   > " the paragraphs are the lines of the quote, and
// the quote follows its list item's line directly.
func (m *mdWriter) paragraphs(text, prefix string) {
	if strings.IndexByte(text, '\r') >= 0 { // a CRLF file; Sanitize replaces lone CRs
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	text = Sanitize(text)
	open, wrote := false, false
	for text != "" {
		l, rest, _ := strings.Cut(text, "\n")
		text = rest
		l = strings.TrimSpace(l)
		if l == "" {
			if open {
				m.raw("\n")
				open = false
			}
			continue
		}
		if !open {
			switch {
			case prefix == "":
				m.raw("\n")
			case wrote: // an empty quote line between the quote's paragraphs
				m.raw(strings.TrimRight(prefix, " "))
				m.raw("\n")
			}
			m.raw(prefix)
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

// line makes a one-line field safe: control characters replaced, newlines and tabs turned
// into spaces, outer spaces trimmed.
func line(s string) string {
	return strings.TrimSpace(SanitizeLine(s))
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
	if atLineStart && s != "" {
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
				start = i
			}
		}
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
// http or https URL. Spaces, parentheses, angle brackets, backslashes and any other byte
// that would end or change a destination are percent-encoded; the loader has already
// rejected other schemes, this is the second line of defence.
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	var rest string
	switch {
	case strings.HasPrefix(lower, "https://"):
		rest = u[len("https://"):]
	case strings.HasPrefix(lower, "http://"):
		rest = u[len("http://"):]
	default:
		return ""
	}
	if rest == "" || rest[0] == '/' || strings.ContainsAny(rest[:hostEnd(rest)], " <>\\\"") {
		return ""
	}
	clean := true
	for i := 0; i < len(u); i++ {
		if urlEscape(u[i]) || u[i] == '&' {
			clean = false
			break
		}
	}
	if clean {
		return u
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(u)+16)
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case urlEscape(c):
			b = append(b, '%', hex[c>>4], hex[c&15])
		case c == '&' && entityAt(u[i:]):
			// Renderers decode entities in destinations; "\&" keeps the '&' as written
			// without changing what a query string means, as "%26" would.
			b = append(b, '\\', '&')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// hostEnd returns where the authority part of a URL after its scheme ends.
func hostEnd(rest string) int {
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		return i
	}
	return len(rest)
}

// urlEscape reports whether c must be percent-encoded in a link destination: it would end
// the destination (space, parenthesis, angle bracket) or start an escape (backslash), or
// is not printable ASCII.
func urlEscape(c byte) bool {
	switch c {
	case ' ', '(', ')', '<', '>', '\\':
		return true
	}
	return c < 0x20 || c >= 0x7f
}

// eventAnchors returns the GitHub-style anchor of each event's heading in a document whose
// headings are title, then per year a year heading and its events: the anchors related
// links point to. It returns nil when no event has related events, so that an export
// without them does not pay for it.
func eventAnchors(title string, events []*Event) map[string]string {
	related := false
	for _, e := range events {
		if len(e.Related) > 0 {
			related = true
			break
		}
	}
	if !related {
		return nil
	}
	s := newSlugger()
	s.slug(title)
	anchors := make(map[string]string, len(events))
	year, started := 0, false
	for _, e := range events {
		if !started || e.Date.Year != year {
			year, started = e.Date.Year, true
			s.slug(strconv.Itoa(year))
		}
		anchors[e.ID] = s.slug(HeadingText(e))
	}
	return anchors
}

// slugger gives headings the anchors GitHub gives them (github-slugger): the heading's
// text lower-cased, with every character other than a letter, mark, decimal digit,
// connector, hyphen or space removed and spaces turned into hyphens; a repeated anchor
// gets "-1", "-2" and so on.
type slugger struct {
	seen map[string]int
	buf  []byte
}

func newSlugger() *slugger { return &slugger{seen: map[string]int{}} }

func (s *slugger) slug(text string) string {
	b := s.buf[:0]
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b = append(b, '-')
		case r == '-' || unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc):
			b = utf8.AppendRune(b, r)
		}
	}
	s.buf = b
	base := string(b)
	slug := base
	for {
		if _, taken := s.seen[slug]; !taken {
			break
		}
		s.seen[base]++
		slug = base + "-" + strconv.Itoa(s.seen[base])
	}
	s.seen[slug] = 0
	return slug
}
