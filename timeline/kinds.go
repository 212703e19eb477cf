package timeline

import (
	"fmt"
	"slices"
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

func kindTable() [numKinds]kindSpec {
	return [numKinds]kindSpec{
		ActorFilter: {
			name: "actor", short: "a",
			arg:   "ACTOR",
			usage: "only events with this actor: id, name or alias; repeat or comma-separate for any of several",
			chip:  "actor", one: "actor", many: "actors",
			compile: func(c *compiler, values []string) (matcher, error) {
				set, err := c.resolve(ActorFilter, values)
				return actorMatch(set), err
			},
			narrows: subset,
			values: func(t *Timeline) []Value {
				out := make([]Value, len(t.Actors))
				for i, a := range t.Actors {
					out[i] = Value{Key: a.ID, Name: a.Name, Aliases: a.Aliases}
				}
				return out
			},
			counter: func(*Timeline) counter { return actorCount{} },
			index: func(t *Timeline, v string) (int, bool) {
				i, ok := t.actorIndex[strings.ToLower(strings.TrimSpace(v))]
				return i, ok
			},
			describe: nameWords(ActorFilter, func(t *Timeline, v string) string { return t.ActorName(v) }),
			slugs:    valueSlugs,
		},
		ThemeFilter: {
			name: "theme", short: "t",
			arg:   "THEME",
			usage: "only events with this theme: id, name or alias; repeat or comma-separate for any of several",
			chip:  "theme", one: "theme", many: "themes",
			compile: func(c *compiler, values []string) (matcher, error) {
				set, err := c.resolve(ThemeFilter, values)
				return themeMatch(set), err
			},
			narrows: subset,
			values: func(t *Timeline) []Value {
				out := make([]Value, len(t.Themes))
				for i, th := range t.Themes {
					out[i] = Value{Key: th.ID, Name: th.Name, Aliases: th.Aliases}
				}
				return out
			},
			counter: func(*Timeline) counter { return themeCount{} },
			index: func(t *Timeline, v string) (int, bool) {
				i, ok := t.themeIndex[strings.ToLower(strings.TrimSpace(v))]
				return i, ok
			},
			describe: nameWords(ThemeFilter, func(t *Timeline, v string) string { return t.ThemeName(v) }),
			slugs:    valueSlugs,
		},
		StatusFilter: {
			name:  "status",
			arg:   "STATUS",
			usage: "only events with this status: " + strings.Join(Statuses, ", "),
			chip:  "status", one: "status", many: "status",
			compile: func(c *compiler, values []string) (matcher, error) {
				set, err := c.resolve(StatusFilter, values)
				return statusMatch(set), err
			},
			narrows: subset,
			values: func(*Timeline) []Value {
				out := make([]Value, len(Statuses))
				for i, s := range Statuses {
					out[i] = Value{Key: s, Name: s}
				}
				return out
			},
			counter: func(*Timeline) counter { return statusCount{} },
			index: func(_ *Timeline, v string) (int, bool) {
				i := slices.Index(Statuses, strings.ToLower(strings.TrimSpace(v)))
				return i, i >= 0
			},
			describe: nameWords(StatusFilter, func(_ *Timeline, v string) string { return strings.ToLower(v) }),
			slugs:    valueSlugs,
		},
		LocationFilter: {
			name:  "location",
			arg:   "PLACE",
			usage: "only events at this place, in any case: the whole location or a part between its commas (\"Florida\" finds \"Fort Pierce, Florida\"); repeat for any of several",
			whole: true,
			chip:  "location", one: "location", many: "locations",
			eventValues: eachLocation,
			compile: func(c *compiler, values []string) (matcher, error) {
				return c.t.valueIndex(LocationFilter).compile(LocationFilter, values)
			},
			narrows:  subset,
			values:   func(t *Timeline) []Value { return t.valueIndex(LocationFilter).list() },
			counter:  func(t *Timeline) counter { return t.valueIndex(LocationFilter) },
			index:    func(t *Timeline, v string) (int, bool) { return t.valueIndex(LocationFilter).lookup(v) },
			describe: nameWords(LocationFilter, func(t *Timeline, v string) string { return t.valueIndex(LocationFilter).name(v) }),
			slugs:    valueSlugs,
		},
		PublisherFilter: {
			name:  "publisher",
			arg:   "PUBLISHER",
			usage: "only events with a source from this publisher, in any case (a source carried via another outlet counts for its publisher only); repeat or comma-separate for any of several",
			chip:  "publisher", one: "publisher", many: "publishers",
			eventValues: eachPublisher,
			compile: func(c *compiler, values []string) (matcher, error) {
				return c.t.valueIndex(PublisherFilter).compile(PublisherFilter, values)
			},
			narrows:  subset,
			values:   func(t *Timeline) []Value { return t.valueIndex(PublisherFilter).list() },
			counter:  func(t *Timeline) counter { return t.valueIndex(PublisherFilter) },
			index:    func(t *Timeline, v string) (int, bool) { return t.valueIndex(PublisherFilter).lookup(v) },
			describe: nameWords(PublisherFilter, func(t *Timeline, v string) string { return t.valueIndex(PublisherFilter).name(v) }),
			slugs:    valueSlugs,
		},
		SourcesFilter: {
			name:   "sources",
			arg:    "COUNT",
			usage:  "only events that this many independent publishers support: 2.. (two or more), 1 (one only), ..2, 1..3; a via does not count",
			single: true,
			chip:   "sources", one: "supported by", many: "supported by",
			shorthands: []Shorthand{
				{Name: "min-sources", Arg: "N", Usage: "only events that at least N independent publishers support (sources:N..)",
					Value: func(arg string) string { return strings.TrimSpace(arg) + ".." }},
				{Name: "single-source", Usage: "only events that one publisher alone supports, for checking (sources:1)",
					Value: func(string) string { return "1" }},
			},
			parse: func(v string) (string, error) {
				c, err := ParseCount(v)
				return c.String(), err
			},
			compile: func(_ *compiler, values []string) (matcher, error) {
				c, err := ParseCount(values[len(values)-1])
				if err != nil {
					return nil, &ValueError{Kind: SourcesFilter, Value: values[len(values)-1], Err: err}
				}
				return countMatch(c), nil
			},
			narrows: func(prev, next []string) bool {
				p, errP := ParseCount(prev[0])
				n, errN := ParseCount(next[0])
				return errP == nil && errN == nil && n.Min >= p.Min && (p.Max == 0 || n.Max != 0 && n.Max <= p.Max)
			},
			values:  sourcesValues,
			counter: func(*Timeline) counter { return sourcesCount{} },
			index: func(t *Timeline, v string) (int, bool) {
				c, err := ParseCount(v)
				if err != nil || c.Min != c.Max || c.Min > t.maxPublishers {
					return 0, false
				}
				return c.Min - 1, true
			},
			describe: func(_ *Timeline, _ Filter, values []string) (Words, bool) {
				c, _ := ParseCount(values[0])
				return Words{Kind: "sources", Label: "supported by", Values: []string{c.Words()}}, true
			},
			slugs: func(_ Filter, values []string) []string {
				c, _ := ParseCount(values[0])
				return []string{c.slug()}
			},
		},
		FromFilter: {
			name:   "from",
			arg:    "DATE",
			usage:  "only events on or after this date: 2024, 2024-06 or 2024-06-15",
			single: true,
			chip:   "dates", one: "dated", many: "dated",
			parse: canonicalDate,
			compile: func(_ *compiler, values []string) (matcher, error) {
				d, err := partDate(FromFilter, values)
				lo, _ := Range{From: d}.bounds()
				return fromMatch(lo), err
			},
			narrows: func(prev, next []string) bool {
				p, errP := ParseDate(prev[0])
				n, errN := ParseDate(next[0])
				return errP == nil && errN == nil && n.First().days() >= p.First().days()
			},
			values:   yearValues,
			counter:  func(t *Timeline) counter { return yearCount{first: t.firstYear} },
			together: []FilterKind{ToFilter},
			index:    yearIndex,
			describe: func(_ *Timeline, f Filter, _ []string) (Words, bool) {
				return Words{Kind: "dates", Label: "dated", Values: []string{f.Dates().Human()}}, true
			},
			slugs: func(f Filter, _ []string) []string {
				r := f.Dates()
				switch {
				case r.From == r.To:
					return []string{r.From.String()}
				case r.To.IsZero():
					return []string{"from-" + r.From.String()}
				}
				return []string{r.From.String() + "-to-" + r.To.String()}
			},
		},
		ToFilter: {
			name:   "to",
			arg:    "DATE",
			usage:  "only events on or before this date (--to 2024-06 means through 30 June)",
			single: true,
			chip:   "dates", one: "dated", many: "dated",
			parse: canonicalDate,
			compile: func(_ *compiler, values []string) (matcher, error) {
				d, err := partDate(ToFilter, values)
				_, hi := Range{To: d}.bounds()
				return toMatch(hi), err
			},
			narrows: func(prev, next []string) bool {
				p, errP := ParseDate(prev[0])
				n, errN := ParseDate(next[0])
				return errP == nil && errN == nil && n.Last().days() <= p.Last().days()
			},
			check: func(f Filter, _ []string) error {
				if r := f.Dates(); r.Check() != nil {
					return &InvertedError{From: r.From, To: r.To}
				}
				return nil
			},
			describe: func(_ *Timeline, f Filter, _ []string) (Words, bool) {
				if f.joined(ToFilter) {
					return Words{}, false // the from part says both
				}
				return Words{Kind: "dates", Label: "dated", Values: []string{f.Dates().Human()}}, true
			},
			slugs: func(f Filter, _ []string) []string {
				if f.joined(ToFilter) {
					return nil
				}
				return []string{"to-" + f.Dates().To.String()}
			},
		},
		WithinFilter: {
			name:   "within",
			arg:    "RANGE",
			usage:  "only events certainly inside this range, such as 2024-08 or 2024-06..2024-09: an event whose date is a window or too coarse to be sure is left out",
			single: true,
			chip:   "within", one: "certainly dated", many: "certainly dated",
			parse: func(v string) (string, error) {
				r, err := ParseRange(v)
				return r.String(), err
			},
			compile: func(_ *compiler, values []string) (matcher, error) {
				r, err := ParseRange(values[len(values)-1])
				if err != nil {
					return nil, &ValueError{Kind: WithinFilter, Value: values[len(values)-1], Err: err}
				}
				lo, hi := r.bounds()
				return withinMatch{lo, hi}, nil
			},
			narrows: func(prev, next []string) bool {
				p, errP := ParseRange(prev[0])
				n, errN := ParseRange(next[0])
				if errP != nil || errN != nil {
					return false
				}
				plo, phi := p.bounds()
				nlo, nhi := n.bounds()
				return nlo >= plo && nhi <= phi
			},
			describe: func(_ *Timeline, _ Filter, values []string) (Words, bool) {
				r, _ := ParseRange(values[0])
				return Words{Kind: "within", Label: "certainly dated", Values: []string{r.Human()}}, true
			},
			slugs: func(_ Filter, values []string) []string {
				return []string{"within-" + values[0]}
			},
		},
		MarkedFilter: {
			name:  "marked",
			arg:   "LABEL",
			usage: "only events marked in the notebook; --marked=LABEL (key, check, dubious...) only those with that label; comma-separate for any of several",
			alone: AnyMark,
			chip:  "marked", one: "marked", many: "marked",
			parse: parseMarked,
			compile: func(c *compiler, values []string) (matcher, error) {
				return c.marked(values)
			},
			narrows:  markedNarrows,
			describe: markedWords,
			slugs:    markedSlugs,
		},
		TextFilter: {
			name: "search", short: "s",
			arg:    "TEXT",
			usage:  "only events whose text, or your note on them, contains every word of this text (\"quote\" a phrase)",
			costly: true,
			chip:   "search", one: "text matching", many: "text matching",
			compile: func(c *compiler, values []string) (matcher, error) {
				return c.text(values), nil
			},
			narrows: func(prev, next []string) bool {
				for _, p := range prev {
					p = strings.ToLower(p)
					if !slices.ContainsFunc(next, func(n string) bool { return strings.Contains(strings.ToLower(n), p) }) {
						return false
					}
				}
				return true
			},
			describe: func(_ *Timeline, _ Filter, values []string) (Words, bool) {
				return Words{Kind: "search", Label: "text matching", Values: []string{textQuery(values)}, Quoted: true}, true
			},
			slugs: func(_ Filter, values []string) []string {
				out := make([]string, len(values))
				for i, v := range values {
					out[i] = strings.ToLower(v)
				}
				return out
			},
		},
	}
}

// normalize returns a value of the kind in canonical form.
func (s *kindSpec) normalize(v string) (string, error) {
	v = collapse(v)
	if s.parse == nil || v == "" {
		return v, nil
	}
	return s.parse(v)
}

// collapse trims v and turns every run of white space inside it into one space.
func collapse(v string) string {
	if simpleValue(v) {
		return v
	}
	return strings.Join(strings.Fields(v), " ")
}

// simpleValue reports whether v is ASCII without white space at its ends or two spaces in
// a row: nothing for collapse to do.
func simpleValue(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 0x80 || c >= '\t' && c <= '\r' {
			return false
		}
		if c == ' ' && (i == 0 || i == len(v)-1 || v[i-1] == ' ') {
			return false
		}
	}
	return true
}

func canonicalDate(v string) (string, error) {
	d, err := ParseDate(v)
	if err != nil {
		return v, err
	}
	return d.String(), nil
}

// partDate reads the date of a from or to part.
func partDate(k FilterKind, values []string) (Date, error) {
	d, err := ParseDate(values[len(values)-1])
	if err != nil {
		return Date{}, &ValueError{Kind: k, Value: values[len(values)-1], Err: err}
	}
	return d, nil
}

// subset reports whether every value of next is among those of prev, ignoring case: any
// of fewer values selects fewer events.
func subset(prev, next []string) bool {
	for _, n := range next {
		if !slices.ContainsFunc(prev, func(p string) bool { return strings.EqualFold(strings.TrimSpace(p), strings.TrimSpace(n)) }) {
			return false
		}
	}
	return true
}

// nameWords describes a part of named values: "actors Iran or Russia".
func nameWords(k FilterKind, name func(t *Timeline, v string) string) func(*Timeline, Filter, []string) (Words, bool) {
	return func(t *Timeline, _ Filter, values []string) (Words, bool) {
		s := k.spec()
		w := Words{Kind: s.chip, Label: s.one, Values: make([]string, len(values))}
		if len(values) > 1 {
			w.Label = s.many
		}
		for i, v := range values {
			w.Values[i] = v
			if t != nil {
				w.Values[i] = name(t, v)
			}
		}
		return w, true
	}
}

func valueSlugs(_ Filter, values []string) []string { return values }

// yearValues lists the years of t's span, which the date kinds count events in.
func yearValues(t *Timeline) []Value {
	if len(t.Events) == 0 {
		return nil
	}
	out := make([]Value, 0, t.lastYear-t.firstYear+1)
	for y := t.firstYear; y <= t.lastYear; y++ {
		s := Date{Year: y, Prec: Year}.String()
		out = append(out, Value{Key: s, Name: s})
	}
	return out
}

func yearIndex(t *Timeline, v string) (int, bool) {
	d, err := ParseDate(v)
	if err != nil || d.Prec != Year || len(t.Events) == 0 || d.Year < t.firstYear || d.Year > t.lastYear {
		return 0, false
	}
	return d.Year - t.firstYear, true
}

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
