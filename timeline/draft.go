package timeline

import (
	"errors"
	"fmt"
)

// Draft is a timeline as a reader decoded it from a file, before the check that every
// format shares: the parts as the file gives them, what the reader itself found wrong
// (syntax, types, unknown keys), and where each item and field is in the file. Build turns
// it into a Timeline, or into every problem with its place.
//
// A reader fills Actors, Themes and Events (each event with its 1-based position in Pos,
// and its Line where the format has lines) in file order. It leaves out what it could not
// decode and says so in Issues or Problems.
type Draft struct {
	Name        string // the file's name, for messages
	Title       string
	Description string
	Actors      []Actor
	Themes      []Theme
	Events      []Event

	// Problems are the reader's own problems, placed already: a syntax error.
	Problems Problems
	// Issues are the reader's problems about an item or a field (a wrong type, an unknown
	// key), which Build places with Locate beside those the check finds.
	Issues []Issue
	// Given lists the fields that are present in the file although the reader left them
	// empty: as blank text (the check then says "empty title", not "missing title"), or
	// with a wrong type the reader has reported (the check says nothing more).
	Given map[Ref]Given
	// Broken marks, by index into Events, the events the reader could not decode at all;
	// such an event has at most its id, which other events may still refer to, and is not
	// checked. Nil when none is.
	Broken []bool
	// TopBroken says that the file's top level could not be decoded: its title and its
	// registries are unknown, so neither is checked.
	TopBroken bool

	// Locate returns where a field or an item is in the file; nil, or a zero Place,
	// when the format cannot say.
	Locate func(Ref) Place
	// Hint, when not nil, words a hint of the shared check in the format's own terms: the
	// check writes its hints as TOML ("add title = ..."), which a sheet says otherwise
	// ("fill in its Headline"). It returns the hint to print, the check's own when it has
	// no better one.
	Hint func(ref Ref, hint string) string

	badDates []badDate // dates written as text that do not parse: see DateText
}

// badDate is a date a reader handed to DateText that does not parse.
type badDate struct {
	ref Ref
	err error
}

// WhenText parses an event's date as a file writes it as text, in ParseWhen's forms
// ("2024-06-15", "2024-06~", "2024-06..2024-07", "..2026-02-04"), for the field ref
// names. A date that does not parse is reported by Build, in the same words for every
// format, and the zero When is returned.
func (d *Draft) WhenText(ref Ref, text string) When {
	w, err := ParseWhen(text)
	if err != nil {
		d.badDates = append(d.badDates, badDate{ref, err})
		d.Give(ref, GivenWrong)
	}
	return w
}

// DateText parses a date that may not be a window (an end, a date of publication) as a
// file writes it as text: one date in ParseWhen's forms, a qualifier allowed, for the
// field ref names. What does not parse, a window included, is reported by Build, and the
// zero Date is returned.
func (d *Draft) DateText(ref Ref, text string) Date {
	w, err := ParseWhen(text)
	if err == nil {
		var dt Date
		if dt, err = oneDate(ref.Key, text, w); err == nil {
			return dt
		}
	}
	d.badDates = append(d.badDates, badDate{ref, err})
	d.Give(ref, GivenWrong)
	return Date{}
}

// oneDate returns the date w holds for the field key, which takes one date: an error
// that says so when w is a window.
func oneDate(key, text string, w When) (Date, error) {
	if !w.IsWindow() {
		return w.From, nil
	}
	known := w.To
	if known.IsZero() {
		known = w.From
	}
	hint := fmt.Sprintf("write one date, qualified if need be, such as %q", known.withQual(Approximate))
	if c, ok := w.cover(); ok {
		hint = fmt.Sprintf("write one date that covers it, such as %q", c)
	}
	return Date{}, dateErr(text, hint, "a window, and %s takes one date", key)
}

// Give records that the field ref names is present in the file, although the reader left
// it empty: see Given.
func (d *Draft) Give(ref Ref, how Given) {
	if d.Given == nil {
		d.Given = make(map[Ref]Given)
	}
	d.Given[ref] = how
}

// in names the item ref is about for messages: " in event \"id\"", " in source 2 of
// event 3", or "" at the top level.
func (d *Draft) in(ref Ref) string {
	switch {
	case ref.Table == "events" && ref.Item < len(d.Events):
		e := &d.Events[ref.Item]
		return " in " + itemName("event", e.ID, e.Pos, ref.Source)
	case ref.Table == "actors" && ref.Item < len(d.Actors):
		return " in " + itemName("actor", d.Actors[ref.Item].ID, ref.Item+1, 0)
	case ref.Table == "themes" && ref.Item < len(d.Themes):
		return " in " + itemName("theme", d.Themes[ref.Item].ID, ref.Item+1, 0)
	}
	return ""
}

// Ref names an item of a draft or one of its fields.
type Ref struct {
	Table  string // "" for the top level, "actors", "themes" or "events"
	Item   int    // index into the draft's Actors, Themes or Events; 0 at the top level
	Source int    // 1-based number of the event's source the field is in, or 0
	Key    string // the field's key as the format docs name it ("date", "publisher"); "" for the item itself
}

// Place is where something is in a file: a line and column where the format has lines,
// or a path such as events[3].start_date.month, or a row and column header for a sheet.
type Place struct {
	Line, Col int
	Path      string
}

// Given says how a field that the reader left empty is present in the file.
type Given uint8

// The ways a field can be given but empty.
const (
	GivenBlank Given = iota + 1 // as blank text
	GivenWrong                  // with a wrong type, which the reader reported
)

// Issue is a problem about an item or a field of a draft, placed by Build.
type Issue struct {
	Ref  Ref
	Kind error  // one of the sentinel errors, such as ErrType
	Msg  string // what is wrong, lower-case, no trailing period
	Hint string // how to fix it, or ""
}

// Build checks d with the rules every format shares (required fields, ids, duplicates,
// references to actors, themes and events, dates, an end before its date, URLs, control
// characters, statuses and kinds) and returns the Timeline, which then owns d's items, or
// every problem, the reader's and the check's, each with its place, sorted.
func (d *Draft) Build() (*Timeline, error) {
	lists := append([][]Issue{d.Issues}, d.check()...)
	n := len(d.Problems)
	for _, l := range lists {
		n += len(l)
	}
	if n > 0 {
		problems := make(Problems, 0, n)
		problems = append(problems, d.Problems...)
		for _, l := range lists {
			problems = d.place(problems, l)
		}
		problems.Sort()
		return nil, problems
	}
	// Nothing needs the reader's state any more (for TOML, the file's bytes): unless the
	// caller keeps them, the collector may take them back while New builds its indexes,
	// which is when memory peaks.
	d.Locate = nil
	t := New(d.Title, d.Description, d.Actors, d.Themes, d.Events)
	t.Path = d.Name
	return t, nil
}

// place appends issues to out as Problems, each with its place in the file.
func (d *Draft) place(out Problems, issues []Issue) Problems {
	for _, is := range issues {
		p := &Problem{File: d.Name, Kind: is.Kind, Msg: is.Msg, Hint: is.Hint}
		if d.Hint != nil {
			p.Hint = d.Hint(is.Ref, is.Hint)
		}
		if is.Ref.Table == "events" && is.Ref.Item < len(d.Events) {
			ev := &d.Events[is.Ref.Item]
			p.Event, p.EventID = ev.Pos, ev.ID
		}
		if d.Locate != nil {
			pl := d.Locate(is.Ref)
			p.Line, p.Col, p.Path = pl.Line, pl.Col, pl.Path
		}
		out = append(out, p)
	}
	return out
}

// broken reports whether event k could not be decoded.
func (d *Draft) broken(k int) bool { return k < len(d.Broken) && d.Broken[k] }

// itemName names an item for messages: `event "id"`, or `event 3` when it has no id, and
// `source 2 of event "id"` for a field of its source src. Every reader and the check name
// items this way.
func itemName(kind, id string, pos, src int) string {
	var w string
	if id != "" {
		w = fmt.Sprintf("%s %q", kind, shorten(id))
	} else {
		w = fmt.Sprintf("%s %d", kind, pos)
	}
	if src > 0 {
		w = fmt.Sprintf("source %d of %s", src, w)
	}
	return w
}

// dateIssue words the problem with a date written as text that ParseWhen refused, or a
// window where one date is wanted, for every reader: `invalid date "2024-02-30" in event
// "x": February 2024 has 29 days`.
func dateIssue(ref Ref, in string, err error) Issue {
	var de *DateError
	if !errors.As(err, &de) {
		return Issue{Ref: ref, Kind: ErrDate, Msg: fmt.Sprintf("invalid %s%s: %v", ref.Key, in, err)}
	}
	return Issue{Ref: ref, Kind: ErrDate, Msg: fmt.Sprintf("invalid %s %q%s: %s", ref.Key, de.Value, in, de.Reason), Hint: de.Hint}
}
