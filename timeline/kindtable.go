package timeline

import (
	"slices"
	"strings"
)

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
