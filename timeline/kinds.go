package timeline

import (
	"fmt"
	"strings"
)

// FilterKind is one kind of filter: by actor, theme, status, location, publisher, date or
// text. Each kind is described once, in the table kinds below: its name (the query key and
// the long flag), its short flag, its words for people, how it resolves its values against
// a timeline, matches an event, counts facets, and whether one set of its values narrows
// another. Filter, Narrows, the query text, the export header and file name, the
// explorer's chips and history and the command line's flags all read that table, so that a
// new kind is one new row.
type FilterKind uint8

// The kinds of filter, in the order a query prints them.
const (
	ActorFilter     FilterKind = iota // events with any of these actors: ids, names or aliases
	ThemeFilter                       // events with any of these themes
	StatusFilter                      // events with any of these statuses
	LocationFilter                    // events at any of these places
	PublisherFilter                   // events with a source from any of these publishers
	SourcesFilter                     // events with this many independent publishers: a count, "2.." or "1"
	FromFilter                        // events that may fall on or after this date
	ToFilter                          // events that may fall on or before this date
	WithinFilter                      // events certainly inside this range of dates
	MarkedFilter                      // events the reader marked, with any of these labels (see Annotations)
	TextFilter                        // events whose text holds every one of these words or phrases
	numKinds
)

// FilterKinds returns every kind of filter, in table order.
func FilterKinds() []FilterKind {
	out := make([]FilterKind, numKinds)
	for i := range out {
		out[i] = FilterKind(i)
	}
	return out
}

// FilterKindNamed returns the kind whose name (query key, long flag) is name, in any case.
func FilterKindNamed(name string) (FilterKind, bool) {
	name = strings.ToLower(name)
	for k := range numKinds {
		if kinds[k].name == name {
			return k, true
		}
	}
	return 0, false
}

func (k FilterKind) spec() *kindSpec { return &kinds[k] }

// Name returns the kind's name: its key in a query (actor:iran) and its long flag (--actor).
func (k FilterKind) Name() string {
	if k >= numKinds {
		return fmt.Sprintf("FilterKind(%d)", k)
	}
	return kinds[k].name
}

// String returns the kind's name.
func (k FilterKind) String() string { return k.Name() }

// Short returns the kind's one-letter flag, or "" when it has none.
func (k FilterKind) Short() string { return kinds[k].short }

// Usage returns the help of the kind's flag.
func (k FilterKind) Usage() string { return kinds[k].usage }

// Arg returns what help calls the value of the kind's flag: ACTOR, DATE, TEXT.
func (k FilterKind) Arg() string { return kinds[k].arg }

// Single reports whether the kind takes one value (a date) rather than any of several.
func (k FilterKind) Single() bool { return kinds[k].single }

// Alone returns the value the kind's flag takes when it is given without one
// (--marked: any mark), or "" when the flag needs a value.
func (k FilterKind) Alone() string { return kinds[k].alone }

// HasFacets reports whether the kind has values a picker can offer, with counts: see
// Timeline.Values and Timeline.Facets.
func (k FilterKind) HasFacets() bool { return kinds[k].values != nil }

// ParseArg reads one command-line argument of the kind's flag into values, in the form a
// Filter keeps them. Values of kinds that take several are separated by commas, with the
// query's quoting ("Trump, Donald",iran), except for places, whose names have commas: one
// a flag.
// Text is words and "quoted phrases". A malformed value (a date) is an error.
func (k FilterKind) ParseArg(arg string) ([]string, error) {
	s := k.spec()
	var raw []string
	switch {
	case k == TextFilter:
		raw = splitText(arg)
	case s.single || s.whole:
		raw = []string{arg}
	default:
		vals, err := splitList(arg)
		if err != nil {
			return nil, err
		}
		raw = vals
	}
	var out []string
	for _, v := range raw {
		v, err := s.normalize(v)
		if err != nil {
			return nil, &ValueError{Kind: k, Value: v, Err: err}
		}
		if v != "" {
			out = append(out, v)
		}
	}
	return out, nil
}

// splitList splits a flag argument at its commas, but for those in double quotes; \" and
// \\ in quotes are a quote and a backslash, as in a query.
func splitList(s string) ([]string, error) {
	var out []string
	var b strings.Builder
	open := -1 // where the open quote is, or -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case open >= 0 && c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			b.WriteByte(s[i+1])
			i++
		case c == '"' && open >= 0:
			open = -1
		case c == '"':
			open = i
		case c == ',' && open < 0:
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	if open >= 0 {
		return nil, fmt.Errorf("%w: the quote at column %d is never closed", ErrQuery, open+1)
	}
	return append(out, b.String()), nil
}

// Shorthand is a flag that sets a kind's value for people who think of it in other words:
// --single-source for sources:1.
type Shorthand struct {
	Name  string // the long flag
	Usage string // its help
	// Arg names the flag's argument, "N"; "" for a flag that takes none.
	Arg string
	// Value returns the kind's value the flag sets, given its argument ("" when it takes
	// none); the kind's ParseArg then checks it.
	Value func(arg string) string
}

// Shorthands returns the kind's shorthand flags, nil for most kinds.
func (k FilterKind) Shorthands() []Shorthand { return kinds[k].shorthands }

// kindSpec describes one kind of filter. Every function is given the values of the kind's
// part, never empty.
type kindSpec struct {
	name       string // query key and long flag
	short      string // one-letter flag, or ""
	usage      string // the flag's help
	arg        string // what the flag's help calls its value: ACTOR, DATE
	shorthands []Shorthand
	single     bool   // one value, not any of several
	alone      string // the value of the flag given without one; "": the flag needs a value
	whole      bool   // a flag argument is one value, commas and all
	costly     bool   // matching reads text: done last, and skipped when facets need it not

	// chip, one and many name the kind for people: the explorer's chip ("actor Iran or
	// Russia"), and the export header for one value and for several ("actors Iran or
	// Russia").
	chip, one, many string

	// parse checks one value and returns it in canonical form; nil keeps it as written,
	// outer spaces trimmed and inner ones single.
	parse func(string) (string, error)
	// compile resolves the values against a timeline into a matcher. An unknown value is
	// an error that suggests the nearest known one.
	compile func(c *compiler, values []string) (matcher, error)
	// narrows reports whether an event that next selects is always one prev selects,
	// judging from the values alone: it may say false when it is so, never true when not.
	narrows func(prev, next []string) bool
	// check reports a part that is wrong given the whole filter (a to before its from).
	check func(f Filter, values []string) error

	// together lists the kinds that make one part with this one for people: a from and
	// its to are described in one phrase, set and undone in one step, and counted as one
	// facet (years), an event failing either still counting.
	together []FilterKind

	// values lists what a picker offers, and count adds one event's values to counts,
	// which follow values; nil for a kind without facets.
	values  func(t *Timeline) []Value
	counter func(t *Timeline) counter
	// eventValues, for a kind whose values events write as free text (places,
	// publishers), calls add with each of an event's: see valueIndex.
	eventValues func(e *Event, add func(string))
	// index says which of values the kind's values select, for a picker's ticks.
	index func(t *Timeline, value string) (int, bool)

	// describe puts the part in readers' words, false when another part says it (a to
	// with a from: "dated June 2024 to September 2024").
	describe func(t *Timeline, f Filter, values []string) (Words, bool)
	// slugs gives the words of an export file name: tlx-iran-cyber-2024.md.
	slugs func(f Filter, values []string) []string
}

// kinds is the table of kinds of filter, in FilterKind order. init fills it, once, from the
// literal in kindTable (its functions refer back to the table, which a variable's
// initializer may not); nothing writes it after.
var kinds [numKinds]kindSpec

func init() { kinds = kindTable() }

// Value is one value a kind of filter can take in a timeline, as a picker offers it.
type Value struct {
	Key     string   // what a filter names it by: an actor's id, a status, a place, a year
	Name    string   // what readers call it
	Aliases []string // other names that select it
}

// ValueError is a value a kind of filter cannot take: a malformed date.
type ValueError struct {
	Kind  FilterKind
	Value string
	Err   error
}

// Error names the kind and says what is wrong with the value.
func (e *ValueError) Error() string { return e.Kind.Name() + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *ValueError) Unwrap() error { return e.Err }

// InvertedError is a filter whose to date is before its from date.
type InvertedError struct{ From, To Date }

// Error says the range is inverted, in the words of the query.
func (e *InvertedError) Error() string {
	return fmt.Sprintf("to:%s is before from:%s; swap them", e.To, e.From)
}

// Unwrap returns ErrDate.
func (e *InvertedError) Unwrap() error { return ErrDate }
