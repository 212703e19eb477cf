package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/timeline"
)

// ICalendar writes events, which t.Filter selected, as an iCalendar file (RFC 5545): one
// all-day VEVENT per event, from the first day its date may stand for (DTSTART;VALUE=DATE)
// to the day after the last day its end, or its date, may stand for (DTEND, which RFC
// 5545 makes exclusive), so that an event of June 2024 covers the whole of June. SUMMARY
// is the title; DESCRIPTION the date in words, the summary, the status, actors and themes
// and the numbered sources; LOCATION the location; CATEGORIES the themes; URL the first
// source's link. After the event's own text, DESCRIPTION has the reader's mark and note
// (opts.Annotations, else the filter's), each under a line that says it is the reader's.
// UID is stable: the event's id and a digest of the timeline's title.
// DTSTAMP, which RFC 5545 requires, is the export's stamp (opts.Stamp, tlx export
// --stamp) or else 1 January 1970, so that the same input gives the same bytes.
//
// Text is sanitised and escaped; lines end in CRLF and are folded at 75 octets, never
// inside a character.
func ICalendar(w io.Writer, t *timeline.Timeline, events []*timeline.Event, opts Options) error {
	ew := &errWriter{w: w}
	c := &icsWriter{bw: bufio.NewWriterSize(ew, 64<<10)}
	title := opts.title(t)
	stamp := "19700101T000000Z"
	if !opts.Stamp.IsZero() {
		stamp = opts.Stamp.UTC().Format("20060102T150405Z")
	}
	sum := sha256.Sum256([]byte(t.Title))
	domain := hex.EncodeToString(sum[:6]) + ".tlx.invalid"
	c.prop("BEGIN", "VCALENDAR")
	c.prop("VERSION", "2.0")
	c.prop("PRODID", "-//tlx//tlx timeline export//EN")
	c.prop("CALSCALE", "GREGORIAN")
	c.prop("METHOD", "PUBLISH")
	if title != "" {
		c.text("X-WR-CALNAME", title)
	}
	var b strings.Builder
	mayOnly, ann := opts.Filter.MayOnly(), annotations(opts)
	for _, e := range events {
		if ew.err != nil {
			return ew.err
		}
		c.prop("BEGIN", "VEVENT")
		c.text("UID", line(e.ID)+"@"+domain)
		c.prop("DTSTAMP", stamp)
		first, last := icsSpan(e)
		c.prop("DTSTART;VALUE=DATE", icsDay(first, 0))
		c.prop("DTEND;VALUE=DATE", icsDay(last, 1))
		c.text("SUMMARY", line(e.Title))
		b.Reset()
		icsDescription(&b, t, e, mayOnly)
		icsReader(&b, ann, e)
		c.text("DESCRIPTION", b.String())
		if loc := line(e.Location); loc != "" {
			c.text("LOCATION", loc)
		}
		if len(e.Themes) > 0 {
			var cats []string
			for i := range e.Themes {
				cats = append(cats, icsEscape(line(themeName(t, e, i))))
			}
			c.prop("CATEGORIES", strings.Join(cats, ","))
		}
		if s := mediaSource(e); s != nil {
			c.prop("URL;VALUE=URI", timeline.LinkTarget(s.URL))
		}
		c.prop("END", "VEVENT")
	}
	c.prop("END", "VCALENDAR")
	if err := c.bw.Flush(); err != nil {
		return err
	}
	return ew.err
}

// icsSpan returns the first and last days an event covers in a calendar: the whole
// period of its date as written (a month, a year, a window from its start to its end),
// to the end of its end when it lasted. A window open at one side covers the period of
// the side it has; the description says "by" or "since".
func icsSpan(e *timeline.Event) (first, last timeline.Date) {
	w := e.Date
	if w.From.IsZero() || w.To.IsZero() {
		w = timeline.On(w.Anchor())
	}
	first, last = w.First(), w.Last()
	if !e.End.IsZero() && e.End.Last().Compare(last) > 0 {
		last = e.End.Last()
	}
	return first, last
}

// icsDay writes d plus days as an iCalendar DATE: 20240601.
func icsDay(d timeline.Date, days int) string {
	return time.Date(d.Year, d.Month, d.Day+days, 0, 0, 0, 0, time.UTC).Format("20060102")
}

// icsDescription writes the event for DESCRIPTION: the date in words (a calendar shows
// only days), the summary's paragraphs, status, actors, themes, related events, how many
// independent publishers support it, whether it may fall outside the filter's dates
// (mayOnly, nil without dates) and the numbered sources.
func icsDescription(b *strings.Builder, t *timeline.Timeline, e *timeline.Event, mayOnly func(*timeline.Event) bool) {
	b.Write(timeline.AppendSpan(nil, e))
	for _, p := range timeline.Paragraphs(e.Summary) {
		b.WriteString("\n\n")
		b.WriteString(p)
	}
	var about []string
	if s := line(e.Status); s != "" {
		about = append(about, "Status: "+s)
	}
	if len(e.Actors) > 0 {
		names := make([]string, len(e.Actors))
		for i := range e.Actors {
			names[i] = line(actorName(t, e, i))
		}
		about = append(about, "Actors: "+strings.Join(names, ", "))
	}
	if len(e.Related) > 0 {
		ids := make([]string, len(e.Related))
		for i, id := range e.Related {
			ids[i] = line(id)
		}
		about = append(about, "Related: "+strings.Join(ids, ", "))
	}
	if n := e.PublisherCount(); n > 0 {
		about = append(about, "Supported by: "+timeline.SupportWords(n))
	}
	if mayOnly != nil && mayOnly(e) {
		about = append(about, "Date filter: may fall outside it")
	}
	if len(about) > 0 {
		b.WriteString("\n\n")
		b.WriteString(strings.Join(about, "\n"))
	}
	if len(e.Sources) > 0 {
		b.WriteString("\n\nSources:")
		for i := range e.Sources {
			b.WriteString("\n")
			b.WriteString(strconv.Itoa(i + 1))
			b.WriteString(". ")
			b.WriteString(SourceLine(&e.Sources[i]))
		}
	}
}

// icsReader writes what the reader wrote about e for DESCRIPTION, after the event's own
// text and apart from it: a "Reader's mark:" line with the labels, and the note, its
// lines kept, under a "Reader's note:" line.
func icsReader(b *strings.Builder, ann timeline.Annotations, e *timeline.Event) {
	if marked, labels := readerMark(ann, e.ID); marked {
		b.WriteString("\n\nReader's mark: ")
		b.WriteString(markWords(labels))
	}
	if note := readerNote(ann, e.ID); note != "" {
		b.WriteString("\n\nReader's note:\n")
		b.WriteString(note)
	}
}

// icsWriter writes content lines, folded.
type icsWriter struct {
	bw *bufio.Writer
}

// text writes a property whose value is TEXT, escaped.
func (c *icsWriter) text(name, value string) { c.prop(name, icsEscape(value)) }

// prop writes NAME:VALUE as a content line, folded at 75 octets: a longer line goes on
// after CRLF and a space, and a character is never cut.
func (c *icsWriter) prop(name, value string) {
	l := name + ":" + value
	n := 0 // octets on the current line
	for len(l) > 0 {
		room := 75 - n
		if len(l) <= room {
			c.bw.WriteString(l)
			break
		}
		cut := room
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		c.bw.WriteString(l[:cut])
		c.bw.WriteString("\r\n ")
		l = l[cut:]
		n = 1
	}
	c.bw.WriteString("\r\n")
}

// icsEscape escapes TEXT as RFC 5545 3.3.11 says: backslash, semicolon, comma, and line
// breaks as \n. Text reaching it is sanitised: no other control character is left.
func icsEscape(s string) string {
	if !strings.ContainsAny(s, "\\;,\n\r") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
