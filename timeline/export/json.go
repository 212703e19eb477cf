package export

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/timeline"
)

// JSONVersion is the version of the tlx JSON format JSON writes and timeline reads.
const JSONVersion = 1

// JSON writes the timeline with events, which t.Filter selected, as tlx JSON: the
// timeline's title and description, its registries (only the actors and themes it
// declares, so that a file without a registry does not gain one), and every event with
// every field present, empty when unset, in docs/format.md's order; each date as an
// object with its text as a file writes it, its precision, and the first and last days
// it may stand for. It reads back as the same timeline: TOML to JSON to TOML gives the
// same file. Options are not used: the file is the timeline, not a report on it.
//
// The output is indented with two spaces and ends with a newline; keys come in a fixed
// order and text is kept as the timeline holds it (sanitised should it hold what the
// loader refuses), so the same input gives the same bytes.
func JSON(w io.Writer, t *timeline.Timeline, events []*timeline.Event, _ Options) error {
	return jsonDocument(w, t, events, nil)
}

// ListInfo is what tlx list --json says of a selection beside tlx JSON's document.
type ListInfo struct {
	File   string          // the timeline's file as given; "built-in" for the timeline in tlx
	Filter timeline.Filter // the filter that selected the events
}

// JSONList writes what tlx list --json prints: tlx JSON's document (see JSON) with
// "format": "tlx-list", and after the description "file", "filter" (the filter as query
// text) and "total" (how many events the timeline has); each event as JSONListEvent
// writes it. Related ids are the timeline's, in the selection or not, since it describes
// a selection of the timeline rather than a file to read back (JSON writes those). The
// schema of both is docs/tlx.schema.json.
func JSONList(w io.Writer, t *timeline.Timeline, events []*timeline.Event, info ListInfo) error {
	return jsonDocument(w, t, events, &info)
}

// jsonDocument writes tlx JSON's document, or tlx list's when list is not nil.
func jsonDocument(w io.Writer, t *timeline.Timeline, events []*timeline.Event, list *ListInfo) error {
	ew := &errWriter{w: w}
	j := &jsonWriter{bw: bufio.NewWriterSize(ew, 64<<10)}
	format := "tlx"
	if list != nil {
		format = "tlx-list"
		j.listed, j.mayOnly = true, list.Filter.MayOnly()
	}
	j.raw("{\n")
	j.key(1, "format")
	j.str(format)
	j.raw(",\n")
	j.key(1, "version")
	j.b = strconv.AppendInt(j.b[:0], JSONVersion, 10)
	j.bw.Write(j.b)
	j.raw(",\n")
	j.key(1, "title")
	j.str(keepLine(t.Title))
	j.raw(",\n")
	j.key(1, "description")
	j.str(keep(t.Description))
	j.raw(",\n")
	if list != nil {
		j.field(1, "file", keepLine(list.File), true)
		j.field(1, "filter", keepLine(list.Filter.String()), true)
		j.key(1, "total")
		j.b = strconv.AppendInt(j.b[:0], int64(len(t.Events)), 10)
		j.bw.Write(j.b)
		j.raw(",\n")
	}
	j.key(1, "actors")
	actors := t.DeclaredActors()
	j.open('[', len(actors))
	for i := range actors {
		a := &actors[i]
		j.item(2, i)
		j.raw("{\n")
		j.field(3, "id", keepLine(a.ID), true)
		j.field(3, "name", keepLine(a.Name), true)
		j.field(3, "kind", keepLine(a.Kind), true)
		j.key(3, "aliases")
		j.list(3, keepAll(a.Aliases))
		j.raw(",\n")
		j.field(3, "description", keep(a.Description), false)
		j.indent(2)
		j.raw("}")
	}
	j.close(1, ']', len(actors))
	j.raw(",\n")
	j.key(1, "themes")
	themes := t.DeclaredThemes()
	j.open('[', len(themes))
	for i := range themes {
		th := &themes[i]
		j.item(2, i)
		j.raw("{\n")
		j.field(3, "id", keepLine(th.ID), true)
		j.field(3, "name", keepLine(th.Name), true)
		j.key(3, "aliases")
		j.list(3, keepAll(th.Aliases))
		j.raw(",\n")
		j.field(3, "description", keep(th.Description), false)
		j.indent(2)
		j.raw("}")
	}
	j.close(1, ']', len(themes))
	j.raw(",\n")
	j.key(1, "events")
	j.open('[', len(events))
	if list == nil {
		j.in = exportedSet(t, events) // a file that reads back names only its own events
	}
	for i, e := range events {
		if ew.err != nil {
			return ew.err
		}
		j.item(2, i)
		j.event(2, e)
	}
	j.close(1, ']', len(events))
	j.raw("\n}\n")
	if err := j.bw.Flush(); err != nil {
		return err
	}
	return ew.err
}

// JSONListEvent writes one event as JSONList lists it: the event object of tlx JSON
// (see JSON), followed by what tlx makes of it: "publishers", the number of independent
// publishers that support it, and "may_fall_outside", whether it only may fall in the
// dates of the filter whose MayOnly is mayOnly (false when mayOnly is nil: no dates). It
// is what tlx list --jsonl prints, compacted to a line, and what --format templates see.
func JSONListEvent(w io.Writer, e *timeline.Event, mayOnly func(*timeline.Event) bool) error {
	ew := &errWriter{w: w}
	j := &jsonWriter{bw: bufio.NewWriterSize(ew, 4<<10), listed: true, mayOnly: mayOnly}
	j.event(0, e)
	j.raw("\n")
	if err := j.bw.Flush(); err != nil {
		return err
	}
	return ew.err
}

// jsonWriter writes indented JSON by hand: the keys in the order of the format, without
// reflection, fast enough for 100,000 events.
type jsonWriter struct {
	bw *bufio.Writer
	b  []byte   // scratch
	in exported // the events of the export, when not all of the timeline's
	// listed adds to each event what tlx makes of it (see JSONListEvent); mayOnly is the
	// filter's test of events that only may fall in its dates, or nil.
	listed  bool
	mayOnly func(*timeline.Event) bool
}

func (j *jsonWriter) raw(s string) { j.bw.WriteString(s) }

func (j *jsonWriter) indent(depth int) {
	for range depth {
		j.bw.WriteString("  ")
	}
}

// key writes the indentation and `"key": `.
func (j *jsonWriter) key(depth int, k string) {
	j.indent(depth)
	j.str(k)
	j.raw(": ")
}

// field writes `"key": "value"`, and a comma when more follows, and the line's end.
func (j *jsonWriter) field(depth int, k, v string, more bool) {
	j.key(depth, k)
	j.str(v)
	if more {
		j.raw(",\n")
	} else {
		j.raw("\n")
	}
}

// open starts an array or object of n items: "[]" at once when it has none.
func (j *jsonWriter) open(c byte, n int) {
	j.bw.WriteByte(c)
	if n > 0 {
		j.raw("\n")
	}
}

// item starts the i-th item of an array at depth.
func (j *jsonWriter) item(depth, i int) {
	if i > 0 {
		j.raw(",\n")
	}
	j.indent(depth)
}

// close ends an array or object of n items whose opening line is at depth.
func (j *jsonWriter) close(depth int, c byte, n int) {
	if n > 0 {
		j.raw("\n")
		j.indent(depth)
	}
	j.bw.WriteByte(c)
}

// list writes an array of strings on one line: ["a", "b"].
func (j *jsonWriter) list(_ int, items []string) {
	j.raw("[")
	for i, s := range items {
		if i > 0 {
			j.raw(", ")
		}
		j.str(s)
	}
	j.raw("]")
}

// str writes s as a JSON string.
func (j *jsonWriter) str(s string) {
	j.b = appendJSONString(j.b[:0], s)
	j.bw.Write(j.b)
}

// event writes e as the object of tlx JSON whose opening brace is at depth.
func (j *jsonWriter) event(depth int, e *timeline.Event) {
	d := depth + 1
	j.raw("{\n")
	j.field(d, "id", keepLine(e.ID), true)
	j.key(d, "date")
	j.when(e.Date)
	j.raw(",\n")
	j.key(d, "end")
	j.date(d, e.End)
	j.raw(",\n")
	j.field(d, "title", keepLine(e.Title), true)
	j.field(d, "summary", keep(e.Summary), true)
	for _, l := range []struct {
		k    string
		list []string
	}{{"actors", e.Actors}, {"themes", e.Themes}} {
		j.key(d, l.k)
		j.list(d, keepAll(l.list))
		j.raw(",\n")
	}
	j.field(d, "location", keepLine(e.Location), true)
	j.field(d, "status", keepLine(e.Status), true)
	j.key(d, "related")
	j.list(d, keepAll(j.in.related(e.Related)))
	j.raw(",\n")
	j.key(d, "sources")
	j.open('[', len(e.Sources))
	for i := range e.Sources {
		s := &e.Sources[i]
		j.item(d+1, i)
		j.raw("{\n")
		j.field(d+2, "publisher", keepLine(s.Publisher), true)
		j.field(d+2, "title", keepLine(s.Title), true)
		j.field(d+2, "url", keepLine(s.URL), true)
		j.key(d+2, "published")
		j.date(d+2, s.Published)
		j.raw(",\n")
		j.field(d+2, "via", keepLine(s.Via), true)
		j.field(d+2, "quote", keep(s.Quote), true)
		j.key(d+2, "quotes")
		j.open('[', len(s.Quotes))
		for k, q := range s.Quotes {
			j.item(d+3, k)
			j.str(keep(q))
		}
		j.close(d+2, ']', len(s.Quotes))
		j.raw("\n")
		j.indent(d + 1)
		j.raw("}")
	}
	j.close(d, ']', len(e.Sources))
	if j.listed {
		j.raw(",\n")
		j.key(d, "publishers")
		j.b = strconv.AppendInt(j.b[:0], int64(e.PublisherCount()), 10)
		j.bw.Write(j.b)
		j.raw(",\n")
		j.key(d, "may_fall_outside")
		j.raw(strconv.FormatBool(j.mayOnly != nil && j.mayOnly(e)))
	}
	j.raw("\n")
	j.indent(depth)
	j.raw("}")
}

// date writes a date (an end, a date of publication) as date objects are written (see
// when), or null for none.
func (j *jsonWriter) date(_ int, dt timeline.Date) {
	if dt.IsZero() {
		j.raw("null")
		return
	}
	j.when(timeline.On(dt))
}

// when writes an event's date as an object on one line: its text as a file writes it
// ("2024-06", "2024-06~", "2024-06..2024-07"), its precision ("day", "month", "year",
// or "window" for a window of dates), and the first and last days it may stand for, as
// filters read it (a qualified date give or take one unit of its precision; null for the
// side a window leaves open). null for no date.
func (j *jsonWriter) when(w timeline.When) {
	if w.IsZero() {
		j.raw("null")
		return
	}
	j.raw(`{"text": `)
	j.str(w.String())
	j.raw(`, "precision": `)
	j.str(precisionWord(w))
	first, last := w.Possible()
	j.raw(`, "first": `)
	j.dayOrNull(first)
	j.raw(`, "last": `)
	j.dayOrNull(last)
	j.raw("}")
}

func (j *jsonWriter) dayOrNull(d timeline.Date) {
	if d.IsZero() {
		j.raw("null")
		return
	}
	j.str(d.String())
}

// precisionWord is the precision of a date in tlx JSON: "day", "month", "year", or
// "window" for a window of dates.
func precisionWord(w timeline.When) string {
	if w.IsWindow() {
		return "window"
	}
	return w.From.Prec.String()
}

// appendJSONString appends s as a JSON string: quotes, backslashes and control
// characters escaped, and U+2028 and U+2029, which JavaScript once took for line ends.
// Other characters are written as they are, so the file stays readable.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0x2028 || r == 0x2029 {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
