package export

import (
	"bufio"
	"io"
	"strconv"

	"github.com/tlx-dev/tlx/timeline"
)

// TimelineJS writes events, which t.Filter selected, as the JSON that Knight Lab's
// TimelineJS displays: a title slide with the timeline's title and description, then a
// slide per event. A slide's start_date and end_date hold the fields the date's
// precision knows (a month has no day); unique_id is the event's id; text.headline its
// title; text.text, in HTML, its summary, a line with its status, actors, themes,
// location and related events, and its numbered sources with their links and quotes;
// media the first source with a URL, its publisher as credit and its title as caption;
// group the name of its first theme. After the sources, text.text has the reader's mark
// and note (opts.Annotations, else the filter's) in a block of their own, each under words
// that say it is the reader's, which tlx's reader of the format passes over.
//
// Every piece of text is escaped HTML, so that it shows as written. The output is
// indented, in a fixed order of keys, and the same input gives the same bytes. See
// docs/format.md for what the format cannot hold and tlx's reader of it.
func TimelineJS(w io.Writer, t *timeline.Timeline, events []*timeline.Event, opts Options) error {
	ew := &errWriter{w: w}
	j := &jsonWriter{bw: bufio.NewWriterSize(ew, 64<<10)}
	title := opts.title(t)
	var h []byte
	j.raw("{\n")
	j.key(1, "title")
	j.raw("{\n")
	j.key(2, "text")
	j.raw("{\n")
	j.field(3, "headline", string(appendHTML(h[:0], title)), true)
	j.field(3, "text", string(appendParagraphs(h[:0], t.Description)), false)
	j.indent(2)
	j.raw("}\n")
	j.indent(1)
	j.raw("},\n")
	j.key(1, "events")
	j.open('[', len(events))
	in, mayOnly, ann := exportedSet(t, events), opts.Filter.MayOnly(), annotations(opts)
	for i, e := range events {
		if ew.err != nil {
			return ew.err
		}
		j.item(2, i)
		h = slide(j, h, t, e, in, mayOnly, ann)
	}
	j.close(1, ']', len(events))
	j.raw("\n}\n")
	if err := j.bw.Flush(); err != nil {
		return err
	}
	return ew.err
}

// slide writes e's slide, an object at depth 2, using h as scratch, which it returns.
func slide(j *jsonWriter, h []byte, t *timeline.Timeline, e *timeline.Event, in exported, mayOnly func(*timeline.Event) bool, ann timeline.Annotations) []byte {
	j.raw("{\n")
	j.field(3, "unique_id", line(e.ID), true)
	j.key(3, "start_date")
	tljsDate(j, e.Date.Anchor())
	j.raw(",\n")
	if !e.End.IsZero() {
		j.key(3, "end_date")
		tljsDate(j, e.End)
		j.raw(",\n")
	}
	j.key(3, "text")
	j.raw("{\n")
	h = appendHTML(h[:0], line(e.Title))
	j.field(4, "headline", string(h), true)
	h = appendSlideText(h[:0], t, e, in, mayOnly, ann)
	j.field(4, "text", string(h), false)
	j.indent(3)
	j.raw("}")
	if s := mediaSource(e); s != nil {
		j.raw(",\n")
		j.key(3, "media")
		j.raw("{\n")
		j.field(4, "url", timeline.LinkTarget(s.URL), true)
		j.field(4, "credit", string(appendHTML(h[:0], line(s.Publisher))), s.Title != "")
		if s.Title != "" {
			j.field(4, "caption", string(appendHTML(h[:0], line(s.Title))), false)
		}
		j.indent(3)
		j.raw("}")
	}
	if display := displayDate(e); display != "" {
		j.raw(",\n")
		j.field(3, "display_date", string(appendHTML(h[:0], display)), false)
		j.b = j.b[:0]
	}
	if len(e.Themes) > 0 {
		j.raw(",\n")
		name := themeName(t, e, 0)
		j.field(3, "group", line(name), false)
	} else {
		j.raw("\n")
	}
	j.indent(2)
	j.raw("}")
	return h
}

// mediaSource returns the first of e's sources with a link, or nil.
func mediaSource(e *timeline.Event) *timeline.Source {
	for i := range e.Sources {
		if timeline.LinkTarget(e.Sources[i].URL) != "" {
			return &e.Sources[i]
		}
	}
	return nil
}

// displayDate is what TimelineJS shows for an event's date when its date fields would
// mislead: the wording of every output for a window or a qualified date ("between June
// and July 2024", "about June 2024"), with the end of an event that lasted; "" when the
// fields say it.
func displayDate(e *timeline.Event) string {
	if !e.Date.IsWindow() && e.Date.From.Qual == 0 && e.End.Qual == 0 {
		return ""
	}
	return e.Span()
}

// tljsDate writes a TimelineJS date object with the fields d's precision knows, as
// numbers: {"year": 2024, "month": 6}.
func tljsDate(j *jsonWriter, d timeline.Date) {
	j.raw(`{"year": `)
	j.b = strconv.AppendInt(j.b[:0], int64(d.Year), 10)
	if d.Prec >= timeline.Month {
		j.b = append(j.b, `, "month": `...)
		j.b = strconv.AppendInt(j.b, int64(d.Month), 10)
	}
	if d.Prec == timeline.Day {
		j.b = append(j.b, `, "day": `...)
		j.b = strconv.AppendInt(j.b, int64(d.Day), 10)
	}
	j.b = append(j.b, '}')
	j.bw.Write(j.b)
}
