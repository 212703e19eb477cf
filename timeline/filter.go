package timeline

import (
	"errors"
	"slices"
	"strings"
)

// Filter selects events. It is a list of parts, each of one kind (see FilterKind) with
// its values: within a part, several values mean any of them (a date kind takes one, and
// text every one of its words); parts combine with AND. The zero Filter selects every
// event. A Filter is a value: With and Without return a new one and never change the
// filter they are called on, so filters may be kept and shared (the explorer's undo
// history is a list of them). Its text form is the query a person could type, e.g.
// actor:routh theme:cyber from:2024-06 to:2024-09 "golf course"; see String and
// ParseQuery.
type Filter struct {
	parts []Part      // in FilterKind order, at most one of each kind, none without values
	ann   Annotations // the reader's marks and notes, for the marked kind; see WithAnnotations
}

// Part is the part of a filter of one kind.
type Part struct {
	Kind   FilterKind
	Values []string
}

// With returns f with the part of kind k holding values, in place of any it had; no
// values removes the part. Values are trimmed, white space inside them made single,
// repeats (in any case) dropped, dates written at their precision; a kind that takes one
// value keeps the last. A value of text is one word, or a phrase when it has spaces: see
// WithText to set text as a person types it.
func (f Filter) With(k FilterKind, values ...string) Filter {
	if k >= numKinds {
		return f
	}
	s := k.spec()
	var vals []string
	for _, v := range values {
		n, err := s.normalize(v)
		if err != nil {
			n = collapse(v) // kept as given: Check and the filter itself report it
		}
		if n == "" || slices.ContainsFunc(vals, func(x string) bool { return strings.EqualFold(x, n) }) {
			continue
		}
		vals = append(vals, n)
	}
	if s.single && len(vals) > 1 {
		vals = vals[len(vals)-1:]
	}
	parts := make([]Part, 0, len(f.parts)+1)
	done := len(vals) == 0
	for _, p := range f.parts {
		if p.Kind == k {
			continue
		}
		if !done && p.Kind > k {
			parts = append(parts, Part{Kind: k, Values: vals})
			done = true
		}
		parts = append(parts, p)
	}
	if !done {
		parts = append(parts, Part{Kind: k, Values: vals})
	}
	if len(parts) == 0 {
		parts = nil
	}
	return Filter{parts: parts, ann: f.ann}
}

// Without returns f without its part of kind k.
func (f Filter) Without(k FilterKind) Filter { return f.With(k) }

// Values returns the values of f's part of kind k, nil when it has none.
func (f Filter) Values(k FilterKind) []string {
	if p := f.part(k); p != nil {
		return slices.Clone(p.Values)
	}
	return nil
}

// Parts returns f's parts in FilterKind order: the steps by which a reader could have
// built it, one kind at a time.
func (f Filter) Parts() []Part {
	out := make([]Part, len(f.parts))
	for i, p := range f.parts {
		out[i] = Part{Kind: p.Kind, Values: slices.Clone(p.Values)}
	}
	return out
}

func (f Filter) part(k FilterKind) *Part {
	for i := range f.parts {
		if f.parts[i].Kind == k {
			return &f.parts[i]
		}
	}
	return nil
}

func (f Filter) has(k FilterKind) bool { return f.part(k) != nil }

// Steps returns the filters by which a reader could have built f, one part at a time in
// FilterKind order (a from and its to in one step): the first has one part, the last is f.
// The explorer starts its undo history with them.
func (f Filter) Steps() []Filter {
	var steps []Filter
	cur := Filter{ann: f.ann}
	for _, p := range f.parts {
		if f.joined(p.Kind) {
			continue
		}
		cur = cur.With(p.Kind, p.Values...)
		for _, k := range p.Kind.spec().together {
			cur = cur.With(k, f.Values(k)...)
		}
		steps = append(steps, cur)
	}
	return steps
}

// joined reports whether f's part of kind k goes with another part of f, of a kind that
// lists k as together with it.
func (f Filter) joined(k FilterKind) bool {
	for _, p := range f.parts {
		if slices.Contains(p.Kind.spec().together, k) {
			return true
		}
	}
	return false
}

// IsZero reports whether f selects every event.
func (f Filter) IsZero() bool { return len(f.parts) == 0 }

// Equal reports whether f and g have the same parts with the same values in the same
// order: whether they print the same query.
func (f Filter) Equal(g Filter) bool {
	return slices.EqualFunc(f.parts, g.parts, func(a, b Part) bool {
		return a.Kind == b.Kind && slices.Equal(a.Values, b.Values)
	})
}

// Text returns the text part as a person would type it: words, and phrases in double
// quotes.
func (f Filter) Text() string {
	if p := f.part(TextFilter); p != nil {
		return textQuery(p.Values)
	}
	return ""
}

// WithText returns f with its text set as a person types it: words, and "phrases in
// double quotes"; an unclosed quote runs to the end. Blank text removes the text part.
func (f Filter) WithText(text string) Filter { return f.With(TextFilter, splitText(text)...) }

// SearchTerms returns the lower-cased words and phrases of f's text, which an event's text
// must all contain.
func (f Filter) SearchTerms() []string {
	p := f.part(TextFilter)
	if p == nil {
		return nil
	}
	out := make([]string, len(p.Values))
	for i, v := range p.Values {
		out[i] = strings.ToLower(v)
	}
	return out
}

// MayOnly returns a test of whether an event that f selects only may fall in f's range of
// dates (its from and to parts): its date is a window, or coarser than the range, or
// qualified, and reaches past an edge, so that it may fall inside or not. Lists and
// exports mark such events; the within kind leaves them out. An event that lasted and
// certainly overlaps the range is in it for certain. The test is nil when f has no range:
// no event is then marked.
func (f Filter) MayOnly() func(e *Event) bool {
	r := f.Dates()
	if r.IsZero() {
		return nil
	}
	lo, hi := r.bounds()
	return func(e *Event) bool { return e.endFirst < lo || e.startLast > hi }
}

// Dates returns the range of f's from and to parts; a side whose date does not parse is
// open.
func (f Filter) Dates() Range {
	var r Range
	if p := f.part(FromFilter); p != nil {
		r.From, _ = ParseDate(p.Values[0])
	}
	if p := f.part(ToFilter); p != nil {
		r.To, _ = ParseDate(p.Values[0])
	}
	return r
}

// WithDates returns f with its from and to parts set to the sides of r; an open side
// removes its part.
func (f Filter) WithDates(r Range) Filter {
	date := func(d Date) []string {
		if d.IsZero() {
			return nil
		}
		return []string{d.String()}
	}
	return f.With(FromFilter, date(r.From)...).With(ToFilter, date(r.To)...)
}

// Check reports what makes f unusable on any timeline: a malformed value (a date that
// does not parse) or parts at odds (a to before its from). Names are checked against a
// timeline by Timeline.Filter.
func (f Filter) Check() error {
	var errs []error
	for _, p := range f.parts {
		s := p.Kind.spec()
		for _, v := range p.Values {
			if _, err := s.normalize(v); err != nil {
				errs = append(errs, &ValueError{Kind: p.Kind, Value: v, Err: err})
			}
		}
		if s.check != nil && len(errs) == 0 {
			if err := s.check(f, p.Values); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}
