package export

import (
	"bufio"
	"io"
	"strconv"
	"time"

	"github.com/tlx-dev/tlx/timeline"
)

// JSONLines writes events, which t.Filter selected, as JSON Lines that Timesketch
// imports: one object a line, each with the three fields Timesketch requires, message
// (the title), datetime (the first day the event may stand for, at midnight UTC, in ISO
// 8601) and timestamp_desc ("Event start (month precision)"), then timestamp (that
// instant in microseconds since 1970, which Timesketch reads too) and the event's own
// fields: tlx_id, date and end as the file writes them, summary, actors and themes by
// name, location, status, related ids, and sources, each as one line of text; then
// publishers, how many independent publishers support it, and under a date filter
// may_fall_outside (see Filter.MayOnly). Then what the reader wrote, in fields of its
// own and never in the timeline's: tag, the list Timesketch keeps an event's tags in,
// with the reader's mark (its labels, or "marked" for a plain mark), and reader_note, the
// reader's note with its lines. Fields that are empty are left out.
//
// Text is sanitised and the same input gives the same bytes.
func JSONLines(w io.Writer, t *timeline.Timeline, events []*timeline.Event, opts Options) error {
	ew := &errWriter{w: w}
	j := &jsonWriter{bw: bufio.NewWriterSize(ew, 64<<10)}
	mayOnly, ann := opts.Filter.MayOnly(), annotations(opts)
	var names []string
	for _, e := range events {
		if ew.err != nil {
			return ew.err
		}
		first := e.Date.Anchor().First()
		j.raw(`{"message": `)
		j.str(line(e.Title))
		j.raw(`, "datetime": `)
		j.str(first.String() + "T00:00:00+00:00")
		j.raw(`, "timestamp_desc": `)
		j.str(timestampDesc(e.Date))
		j.raw(`, "timestamp": `)
		j.b = strconv.AppendInt(j.b[:0], time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, time.UTC).UnixMicro(), 10)
		j.bw.Write(j.b)
		j.raw(`, "tlx_id": `)
		j.str(line(e.ID))
		j.raw(`, "date": `)
		j.str(e.Date.String())
		if !e.End.IsZero() {
			j.raw(`, "end": `)
			j.str(e.End.String())
		}
		jsonlText(j, "summary", timeline.Sanitize(e.Summary))
		names = names[:0]
		for i := range e.Actors {
			names = append(names, line(actorName(t, e, i)))
		}
		jsonlList(j, "actors", names)
		names = names[:0]
		for i := range e.Themes {
			names = append(names, line(themeName(t, e, i)))
		}
		jsonlList(j, "themes", names)
		jsonlText(j, "location", line(e.Location))
		jsonlText(j, "status", line(e.Status))
		names = names[:0]
		for _, id := range e.Related {
			names = append(names, line(id))
		}
		jsonlList(j, "related", names)
		names = names[:0]
		for i := range e.Sources {
			names = append(names, SourceLine(&e.Sources[i]))
		}
		jsonlList(j, "sources", names)
		j.raw(`, "publishers": `)
		j.b = strconv.AppendInt(j.b[:0], int64(e.PublisherCount()), 10)
		j.bw.Write(j.b)
		if mayOnly != nil {
			j.raw(`, "may_fall_outside": `)
			j.raw(strconv.FormatBool(mayOnly(e)))
		}
		if marked, labels := readerMark(ann, e.ID); marked {
			if len(labels) == 0 {
				labels = []string{"marked"}
			}
			jsonlList(j, "tag", labels)
		}
		jsonlText(j, "reader_note", readerNote(ann, e.ID))
		j.raw("}\n")
	}
	if err := j.bw.Flush(); err != nil {
		return err
	}
	return ew.err
}

// timestampDesc says what datetime is: "Event start (day precision)"; for a window or a
// qualified date, the date in words: "Event start (between June and July 2024)".
func timestampDesc(w timeline.When) string {
	if w.IsWindow() || w.From.Qual != 0 {
		return "Event start (" + w.Long() + ")"
	}
	return "Event start (" + w.From.Prec.String() + " precision)"
}

func jsonlText(j *jsonWriter, key, v string) {
	if v == "" {
		return
	}
	j.raw(`, "`)
	j.raw(key)
	j.raw(`": `)
	j.str(v)
}

func jsonlList(j *jsonWriter, key string, items []string) {
	if len(items) == 0 {
		return
	}
	j.raw(`, "`)
	j.raw(key)
	j.raw(`": `)
	j.list(0, items)
}

// SourceLine returns a source as one line of plain text: `Reuters, “Title”, 11 August
// 2024, via X, https://...: “quote”`, sanitised.
func SourceLine(s *timeline.Source) string {
	b := []byte(line(s.Publisher))
	if title := line(s.Title); title != "" {
		b = append(b, ", “"...)
		b = append(b, title...)
		b = append(b, "”"...)
	}
	if !s.Published.IsZero() {
		b = append(b, ", "...)
		b = append(b, s.Published.Long()...)
	}
	if via := line(s.Via); via != "" {
		b = append(b, ", via "...)
		b = append(b, via...)
	}
	if u := timeline.LinkTarget(s.URL); u != "" {
		b = append(b, ", "...)
		b = append(b, u...)
	}
	for k, q := range s.Quoted() {
		if k == 0 {
			b = append(b, ": “"...)
		} else {
			b = append(b, " “"...)
		}
		b = append(b, line(q)...)
		b = append(b, "”"...)
	}
	return string(b)
}
