package export

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/timeline"
)

// TOML writes the timeline with events, which t.Filter selected, as a tlx TOML file in
// the order and the style of docs/format.md: title and description, the registries the
// timeline declares, then each event with its keys in the order the format lists them and
// its sources as [[events.sources]] tables. A day is a TOML date, a month or a year a
// string; text of several lines is a """ string. It is where an author starts from when
// converting a sheet or a TimelineJS file: tlx convert sheet.csv -o timeline.toml.
//
// Text is kept as the timeline holds it (sanitised should it hold what the loader
// refuses) and read back the same: TOML to JSON to TOML gives the same file. Options are
// not used; the same input gives the same bytes.
func TOML(w io.Writer, t *timeline.Timeline, events []*timeline.Event, _ Options) error {
	ew := &errWriter{w: w}
	tw := &tomlWriter{bw: bufio.NewWriterSize(ew, 64<<10)}
	tw.str("title", keepLine(t.Title))
	if t.Description != "" {
		tw.text("description", keep(t.Description))
	}
	for _, a := range t.DeclaredActors() {
		tw.raw("\n[[actors]]\n")
		tw.str("id", keepLine(a.ID))
		tw.str("name", keepLine(a.Name))
		tw.opt("kind", keepLine(a.Kind))
		tw.list("aliases", keepAll(a.Aliases))
		if a.Description != "" {
			tw.text("description", keep(a.Description))
		}
	}
	for _, th := range t.DeclaredThemes() {
		tw.raw("\n[[themes]]\n")
		tw.str("id", keepLine(th.ID))
		tw.str("name", keepLine(th.Name))
		tw.list("aliases", keepAll(th.Aliases))
		if th.Description != "" {
			tw.text("description", keep(th.Description))
		}
	}
	tw.in = exportedSet(t, events)
	for _, e := range events {
		if ew.err != nil {
			return ew.err
		}
		tw.event(e)
	}
	if err := tw.bw.Flush(); err != nil {
		return err
	}
	return ew.err
}

type tomlWriter struct {
	bw *bufio.Writer
	b  []byte   // scratch
	in exported // the events of the export, when not all of the timeline's
}

func (tw *tomlWriter) raw(s string) { tw.bw.WriteString(s) }

func (tw *tomlWriter) event(e *timeline.Event) {
	tw.raw("\n[[events]]\n")
	tw.str("id", keepLine(e.ID))
	tw.when("date", e.Date)
	tw.date("end", e.End)
	tw.str("title", keepLine(e.Title))
	if e.Summary != "" {
		tw.text("summary", keep(e.Summary))
	}
	tw.list("actors", keepAll(e.Actors))
	tw.list("themes", keepAll(e.Themes))
	tw.opt("location", keepLine(e.Location))
	tw.opt("status", keepLine(e.Status))
	tw.list("related", keepAll(tw.in.related(e.Related)))
	if len(e.Sources) == 0 {
		// Only an unsourced conversion has such an event (timeline.OpenUnsourced): the
		// author gives it a source where the comment says; until then tlx refuses the
		// file, naming the event.
		tw.raw("\n  # TODO: no source yet; tlx opens this file once each event has one:\n")
		tw.raw("  # [[events.sources]]\n  # publisher = \"...\"\n")
	}
	for i := range e.Sources {
		s := &e.Sources[i]
		tw.raw("\n  [[events.sources]]\n")
		tw.raw("  ")
		tw.str("publisher", keepLine(s.Publisher))
		for _, f := range []struct{ k, v string }{{"title", s.Title}, {"url", s.URL}} {
			if f.v != "" {
				tw.raw("  ")
				tw.str(f.k, keepLine(f.v))
			}
		}
		if !s.Published.IsZero() {
			tw.raw("  ")
			tw.date("published", s.Published)
		}
		if s.Via != "" {
			tw.raw("  ")
			tw.str("via", keepLine(s.Via))
		}
		if s.Quote != "" {
			tw.raw("  ")
			tw.text("quote", keep(s.Quote))
		}
		if len(s.Quotes) > 0 {
			quotes := make([]string, len(s.Quotes))
			for k, q := range s.Quotes {
				quotes[k] = keep(q)
			}
			tw.raw("  ")
			tw.list("quotes", quotes)
		}
	}
}

// str writes key = "value".
func (tw *tomlWriter) str(key, v string) {
	tw.b = append(tw.b[:0], key...)
	tw.b = append(tw.b, " = "...)
	tw.b = appendTOMLString(tw.b, v)
	tw.b = append(tw.b, '\n')
	tw.bw.Write(tw.b)
}

// opt writes key = "value" when the value is not empty.
func (tw *tomlWriter) opt(key, v string) {
	if v != "" {
		tw.str(key, v)
	}
}

// text writes text that may span lines: a """ string when it does, else a "..." one.
func (tw *tomlWriter) text(key, v string) {
	if !strings.ContainsAny(v, "\n") {
		tw.str(key, v)
		return
	}
	tw.b = append(tw.b[:0], key...)
	tw.b = append(tw.b, ` = """`+"\n"...)
	tw.b = appendTOMLMultiline(tw.b, v)
	tw.b = append(tw.b, `"""`+"\n"...)
	tw.bw.Write(tw.b)
}

// list writes key = ["a", "b"] when the list is not empty.
func (tw *tomlWriter) list(key string, items []string) {
	if len(items) == 0 {
		return
	}
	tw.b = append(tw.b[:0], key...)
	tw.b = append(tw.b, " = ["...)
	for i, s := range items {
		if i > 0 {
			tw.b = append(tw.b, ", "...)
		}
		tw.b = appendTOMLString(tw.b, s)
	}
	tw.b = append(tw.b, "]\n"...)
	tw.bw.Write(tw.b)
}

// date writes key = 2024-06-15 for a day, key = "2024-06" for what TOML has no value for
// (a month, a year, a qualified date); nothing for no date.
func (tw *tomlWriter) date(key string, d timeline.Date) {
	if !d.IsZero() {
		tw.when(key, timeline.On(d))
	}
}

// when writes an event's date: a TOML date for a day, else a string ("2024-06",
// "2024-06~", "2024-06..2024-07"); nothing for no date.
func (tw *tomlWriter) when(key string, w timeline.When) {
	if w.IsZero() {
		return
	}
	tw.b = append(tw.b[:0], key...)
	tw.b = append(tw.b, " = "...)
	if !w.IsWindow() && w.From.Prec == timeline.Day && w.From.Qual == 0 {
		tw.b = append(tw.b, w.String()...)
	} else {
		tw.b = appendTOMLString(tw.b, w.String())
	}
	tw.b = append(tw.b, '\n')
	tw.bw.Write(tw.b)
}

// appendTOMLString appends s as a TOML basic string, "...".
func appendTOMLString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendTOMLEscaped(b, s, false)
	return append(b, '"')
}

// appendTOMLMultiline appends the body of a """ string whose opening line has ended: s
// with backslashes, control characters and quotes that could close the string escaped.
// A line break right after the opening quotes is not part of the value, as TOML says.
func appendTOMLMultiline(b []byte, s string) []byte {
	return appendTOMLEscaped(b, s, true)
}

// appendTOMLEscaped appends s escaped for a basic string, or for a multi-line one, where
// newlines and tabs are written as they are and a quote is escaped only where two more
// follow it or where it ends the text (and so would run into the closing quotes).
func appendTOMLEscaped(b []byte, s string, multiline bool) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\uFFFD`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch {
		case c == '\\':
			b = append(b, '\\', '\\')
		case c == '"' && (!multiline || i == len(s)-1 || strings.HasPrefix(s[i+1:], `""`)):
			b = append(b, '\\', '"')
		case c == '\n' && multiline, c == '\t':
			b = append(b, c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c < 0x20 || c == 0x7f:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
		i++
	}
	return b
}
