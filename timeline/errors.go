package timeline

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Sentinel errors, one per kind of problem a timeline file can have. Every Problem wraps
// exactly one (its Kind), so that a caller can tell them apart with errors.Is: an editor
// can offer the allowed values for ErrBadValue, the known keys for ErrUnknownKey, the ids
// for ErrUnknownRef; a command can tell a file it could not read (ErrFile, ErrLimit)
// from one it read and found wrong. A malformed date wraps ErrDate (see DateError).
// Errors about filters are apart: ErrUnknownValue, ErrQuery, ErrCount, ErrDate.
var (
	ErrFile       = errors.New("unreadable file")        // missing, a folder, a device, not UTF-8, not a format tlx reads
	ErrLimit      = errors.New("limit passed")           // too large, nested too deep, a key too long
	ErrEmpty      = errors.New("empty file")             // nothing but white space or comments
	ErrSyntax     = errors.New("syntax error")           // the TOML, JSON or CSV itself
	ErrUnknownKey = errors.New("unknown key")            // a key the format does not have: a typo
	ErrType       = errors.New("wrong type")             // a number where text belongs, a table where a list does
	ErrMissing    = errors.New("missing required field") // id, date, title, publisher, name
	ErrDuplicate  = errors.New("duplicate id")           // two events, actors or themes with one id
	ErrBadValue   = errors.New("value not allowed")      // outside its fixed list: a status, an actor's kind, tlx JSON's format or version
	ErrEndBefore  = errors.New("end before date")        // an event that ends before it starts
	ErrUnknownRef = errors.New("unknown reference")      // an actor, theme or related event no registry or event has
	ErrNoSource   = errors.New("event without source")   // every event rests on a source at least
	ErrURL        = errors.New("invalid url")            // not a full http or https address
	ErrControl    = errors.New("control character")      // escape sequences and the like, or a line break in a one-line field
	ErrInvisible  = errors.New("invisible character")    // a character that does not show, such as U+200B
)

// Problem is one thing wrong with a timeline file, with its place: a line and column where
// the format has lines, else a path in a format without them (events[3].start_date.month
// in JSON, a row and column header in a sheet), else the event's position and id.
type Problem struct {
	File    string
	Line    int    // 1-based; 0 when unknown
	Col     int    // 1-based; 0 when unknown
	Path    string // where in a file without lines; "" when unknown or when Line is known
	Event   int    // 1-based position of the event in the file; 0 when not about one event
	EventID string
	Kind    error  // one of the sentinel errors above
	Msg     string // what is wrong, lower-case, no trailing period
	Hint    string // how to fix it, or ""
}

// Error formats the problem as "FILE:LINE:COL: message; hint", as "FILE: PATH: message;
// hint" in a format without lines, or as `FILE: event N "id": message; hint` when
// neither is known.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Line > 0 && p.Col > 0:
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	case p.Line > 0:
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Line == 0 && p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	} else if p.Line == 0 && p.Event > 0 {
		fmt.Fprintf(&b, "event %d %q: ", p.Event, shorten(p.EventID))
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString("; ")
		b.WriteString(p.Hint)
	}
	return b.String()
}

// Unwrap returns the problem's kind.
func (p *Problem) Unwrap() error { return p.Kind }

// Problems is every problem found in a file, sorted by place. It is the error Load returns
// when a file is not a valid timeline.
type Problems []*Problem

// Error lists the problems one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, so errors.Is and errors.As see each of them.
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// Sort orders problems by line, then column, then event position; problems with no line
// come after those with one, in event order.
func (ps Problems) Sort() {
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		if (a.Line == 0) != (b.Line == 0) {
			if a.Line == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Event, b.Event))
	})
}
