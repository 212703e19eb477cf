package timeline

import (
	"strconv"
	"strings"
)

// When is when an event happened, as far as its sources say: one Date at its precision
// ("2024-06-15", "2024-06", "2024", qualified or not), or a window, meaning one day
// within it, not known which: "2024-06..2024-07" (between June and July 2024),
// "..2026-02-04" (by 4 February 2026), "2024-08.." (since August 2024). A window is not a
// duration: an event that lasted has an End as well.
//
// A single date is a window of one date, From == To; an open side is the zero Date. The
// zero When means "no date".
type When struct {
	From Date // the earliest date it may be; zero when the window is open at the start
	To   Date // the latest date it may be; zero when the window is open at the end
}

// On returns the When of one date.
func On(d Date) When { return When{From: d, To: d} }

// ParseWhen reads the date of an event as a file writes it: one date in ParseDate's
// forms, optionally followed by an EDTF qualifier ("2024-06~" about, "2024-06?"
// uncertain, "2024-06%" both), or a window of two such dates, "2024-06..2024-07", open at
// one side, "..2026-02-04" or "2024-08..". The sides may differ in precision
// ("2024-07..2024-08-11"); the window may not end before it starts. Errors are
// *DateError, which wraps ErrDate.
func ParseWhen(s string) (When, error) {
	s = strings.TrimSpace(s)
	from, to, isWindow := strings.Cut(s, "..")
	if !isWindow {
		d, err := parsePoint(s)
		if err != nil {
			return When{}, err
		}
		return On(d), nil
	}
	const forms = `write "2024-06..2024-07" (between), "..2026-02-04" (by) or "2024-08.." (since)`
	if strings.Contains(to, "..") || strings.HasPrefix(to, ".") || strings.HasSuffix(from, ".") {
		return When{}, dateErr(s, forms, "a window is two dates joined by two dots")
	}
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if from == "" && to == "" {
		return When{}, dateErr(s, forms, "a window needs a date on one side at least")
	}
	var w When
	for _, side := range []struct {
		text, name string
		d          *Date
	}{{from, "start", &w.From}, {to, "end", &w.To}} {
		if side.text == "" {
			continue
		}
		d, err := parsePoint(side.text)
		if err != nil {
			de := err.(*DateError)
			return When{}, dateErr(s, de.Hint, "its %s %q: %s", side.name, shorten(side.text), de.Reason)
		}
		*side.d = d
	}
	if !w.From.IsZero() && !w.To.IsZero() && w.To.Last().days() < w.From.First().days() {
		return When{}, dateErr(s, "swap its two sides",
			"the window ends (%s) before it starts (%s)", w.To.Long(), w.From.Long())
	}
	return w, nil
}

// MustWhen is ParseWhen for literals known to be valid; it panics otherwise.
func MustWhen(s string) When {
	w, err := ParseWhen(s)
	if err != nil {
		panic(err)
	}
	return w
}

// cover returns the one unqualified date, as precise as can be, that names every day of
// the closed window w: 2024 for "2024-03..2024-09"; false when none does.
func (w When) cover() (Date, bool) {
	a, z := w.From, w.To
	switch {
	case a.IsZero() || z.IsZero() || a.Year != z.Year:
		return Date{}, false
	case a.Prec >= Month && z.Prec >= Month && a.Month == z.Month:
		return Date{Year: a.Year, Month: a.Month, Prec: Month}, true
	}
	return Date{Year: a.Year, Prec: Year}, true
}

// IsZero reports whether w is the zero When ("no date").
func (w When) IsZero() bool { return w.From.IsZero() && w.To.IsZero() }

// IsWindow reports whether w is a window rather than one date.
func (w When) IsWindow() bool { return w.From != w.To }

// Anchor returns the date w is placed at in a timeline: its date, the start of a window,
// or the end of a window open at the start ("by 4 February 2026" sits at 4 February 2026,
// never at the start of time).
func (w When) Anchor() Date {
	if w.From.IsZero() {
		return w.To
	}
	return w.From
}

// Year returns the year w is placed at: that of Anchor. Lists and exports group events
// under it.
func (w When) Year() int { return w.Anchor().Year }

// First returns the first day w names, at day precision, or the zero Date when the window
// is open at the start. Like Date.First, it ignores qualifiers.
func (w When) First() Date {
	if w.From.IsZero() {
		return Date{}
	}
	return w.From.First()
}

// Last returns the last day w names, at day precision, or the zero Date when the window is
// open at the end.
func (w When) Last() Date {
	if w.To.IsZero() {
		return Date{}
	}
	return w.To.Last()
}

// span returns the first and last day numbers w may stand for, qualifiers widening them
// (see Qualifier); an open side is minDay or maxDay.
func (w When) span() (first, last int) {
	first, last = minDay, maxDay
	if !w.From.IsZero() {
		first, _ = w.From.span()
	}
	if !w.To.IsZero() {
		_, last = w.To.span()
	}
	return first, last
}

// Compare orders events' dates: by Anchor's first day, then the wider first (2024 before
// 2024-06 before 2024-06-01, a window before a date it starts with, a window open at the
// start before the day it is "by"). The zero When sorts first.
func (w When) Compare(o When) int {
	a, b := w.Anchor(), o.Anchor()
	switch {
	case w.IsZero() && o.IsZero():
		return 0
	case w.IsZero():
		return -1
	case o.IsZero():
		return 1
	}
	if da, db := a.First().days(), b.First().days(); da != db {
		if da < db {
			return -1
		}
		return 1
	}
	lw, hw := w.span()
	lo, ho := o.span()
	switch ww, wo := hw-lw, ho-lo; {
	case ww > wo:
		return -1
	case ww < wo:
		return 1
	}
	return 0
}

// String returns w as a file writes it: "2024-06-15", "2024-06~", "2024-06..2024-07",
// "..2026-02-04", "2024-08..".
func (w When) String() string {
	if !w.IsWindow() {
		return w.From.String()
	}
	b := w.From.appendISO(nil)
	b = append(b, ".."...)
	return string(w.To.appendISO(b))
}

// MarshalText writes w as String does, so JSON shows "2024-06..2024-07" for a window.
func (w When) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText reads the forms ParseWhen reads.
func (w *When) UnmarshalText(b []byte) error {
	v, err := ParseWhen(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// Long returns w in words, the one wording every output shares: "15 June 2024", "about
// June 2024", "between June and July 2024", "between 9 and 11 August 2024", "between 2020
// and August 2024", "by 4 February 2026", "since August 2024". A window never reads as a
// duration.
func (w When) Long() string { return string(w.AppendLong(nil)) }

// AppendLong appends w as Long returns it, without allocating: the exports call it for
// every event.
func (w When) AppendLong(b []byte) []byte {
	a, z := w.From, w.To
	switch {
	case w.IsZero():
		return b
	case !w.IsWindow():
		return a.AppendLong(b)
	case a.IsZero():
		return z.AppendLong(append(b, "by "...))
	case z.IsZero():
		return a.AppendLong(append(b, "since "...))
	}
	b = append(b, "between "...)
	if a.Qual == 0 && z.Qual == 0 && a.Prec == z.Prec && a.Year == z.Year && a.Prec != Year {
		// The start without what the end says again: "between 9 July and 11 August 2024".
		if a.Prec == Day {
			b = strconv.AppendInt(b, int64(a.Day), 10)
			if a.Month != z.Month {
				b = append(b, ' ')
				b = append(b, a.Month.String()...)
			}
		} else {
			b = append(b, a.Month.String()...)
		}
	} else {
		b = a.AppendLong(b)
	}
	b = append(b, " and "...)
	return z.AppendLong(b)
}

// Short returns w in figures for a narrow column, never as a duration: "2024-06-15",
// "~2024-06", "2024-06?", "2024-06..07" for a window (June or July 2024; the end leaves
// out what it shares with the start), "2020..2024-08", "by 2026-02-04", "since 2024-08".
// The sides are joined by the file's own "..", never by "/", which is EDTF's interval
// (a duration) and makes "2024-07/08-11" read like 8 to 11 July.
func (w When) Short() string { return string(w.AppendShort(nil)) }

// AppendShort appends w as Short returns it.
func (w When) AppendShort(b []byte) []byte {
	a, z := w.From, w.To
	switch {
	case w.IsZero():
		return b
	case !w.IsWindow():
		return a.appendShort(b)
	case a.IsZero():
		return z.appendShort(append(b, "by "...))
	case z.IsZero():
		return a.appendShort(append(b, "since "...))
	}
	b = a.appendShort(b)
	b = append(b, ".."...)
	start := len(b)
	b = z.appendShort(b)
	if a.Qual != 0 || z.Qual != 0 || z.Year != a.Year || z.Prec == Year {
		return b
	}
	// Leave out the end's year, and its month when both are days of one month: the end
	// then reads as a continuation of the start, "2024-08-09..11".
	cut := 5 // "2024-"
	if a.Prec == Day && z.Prec == Day && a.Month == z.Month {
		cut = 8 // "2024-08-"
	}
	return append(b[:start], b[start+cut:]...)
}

// Span returns the event's date in words, with its end when it has one: "15 June 2024",
// "between June and July 2024", "June 2024 to September 2024" for an event that lasted,
// and for one that lasted from a window, "began between June and September 2025, ended
// September 2025". It is the wording of every output: the explorer, the exports and the
// command line call it (or AppendSpan).
func (e *Event) Span() string { return string(AppendSpan(nil, e)) }

// AppendSpan appends e's date in words, as Event.Span returns it.
func AppendSpan(b []byte, e *Event) []byte {
	if e.End.IsZero() || !e.Date.IsWindow() && e.End == e.Date.From {
		return e.Date.AppendLong(b)
	}
	if !e.Date.IsWindow() {
		b = e.Date.AppendLong(b)
		b = append(b, " to "...)
		return e.End.AppendLong(b)
	}
	b = append(b, "began "...)
	if e.Date.To.IsZero() {
		// "began since August 2024" would not read.
		b = e.Date.From.AppendLong(append(b, "in or after "...))
	} else {
		b = e.Date.AppendLong(b)
	}
	b = append(b, ", ended "...)
	return e.End.AppendLong(b)
}

// ShortSpan returns the event's date for a narrow column, as When.Short writes it, with
// an arrow after it when the event lasted: "2024-06→", "2025-06..09→".
func (e *Event) ShortSpan() string {
	b := e.Date.AppendShort(nil)
	if !e.End.IsZero() && (e.Date.IsWindow() || e.End != e.Date.From) {
		b = append(b, "→"...)
	}
	return string(b)
}
