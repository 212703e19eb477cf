package timeline

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Quoted returns the source's quotes, quote first and then each of quotes, without blank
// ones and without repeats.
func (s *Source) Quoted() []string {
	var out []string
	add := func(q string) {
		if strings.TrimSpace(q) != "" && !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	add(s.Quote)
	for _, q := range s.Quotes {
		add(q)
	}
	return out
}

// sameArticle reports whether two sources of an event cite one article: the same URL, or
// when neither has one, the same publisher, title and date of publication (text compared
// in any case, runs of spaces as one).
func sameArticle(a, b *Source) bool {
	ua, ub := strings.TrimSpace(a.URL), strings.TrimSpace(b.URL)
	if ua != "" || ub != "" {
		return ua == ub
	}
	return a.Published == b.Published && sameText(a.Publisher, b.Publisher) && sameText(a.Title, b.Title)
}

// sameText compares publishers and titles as sameArticle does: in any case, trimmed,
// runs of white space as one space.
func sameText(a, b string) bool { return strings.EqualFold(collapse(a), collapse(b)) }

// repeatsArticle reports whether two of srcs cite one article: then mergeSources merges
// them.
func repeatsArticle(srcs []Source) bool {
	for i := 1; i < len(srcs); i++ {
		for j := range i {
			if sameArticle(&srcs[j], &srcs[i]) {
				return true
			}
		}
	}
	return false
}

// mergeSources returns an event's sources with each article given once: a source that
// cites the same article as an earlier one (see sameArticle) is merged into it, which
// takes its quotes and any field it lacks itself. It returns srcs itself, unchanged, when
// no two sources cite one article, the usual case.
func mergeSources(srcs []Source) []Source {
	if !repeatsArticle(srcs) {
		return srcs
	}
	out := make([]Source, 0, len(srcs))
	for i := range srcs {
		s := &srcs[i]
		k := slices.IndexFunc(out, func(o Source) bool { return sameArticle(&o, s) })
		if k < 0 {
			out = append(out, *s)
			out[len(out)-1].Quotes = slices.Clone(s.Quotes)
			continue
		}
		m := &out[k]
		if strings.TrimSpace(m.Title) == "" {
			m.Title = s.Title
		}
		if m.Published.IsZero() {
			m.Published = s.Published
		}
		if strings.TrimSpace(m.Via) == "" {
			m.Via = s.Via
		}
		quotes := m.Quoted()
		for _, q := range s.Quoted() {
			if !slices.Contains(quotes, q) {
				quotes = append(quotes, q)
			}
		}
		if len(quotes) > 0 {
			m.Quote, m.Quotes = quotes[0], quotes[1:]
		}
	}
	return out
}

// Publishers returns the publishers of e's sources, each once (compared in any case), in
// the order its sources name them: the independent publishers that support e. A source's
// via does not count: the outlet that carried a report did not write it.
func (e *Event) Publishers() []string {
	var out []string
	for i := range e.Sources {
		p := collapse(e.Sources[i].Publisher)
		if p != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, p) }) {
			out = append(out, p)
		}
	}
	return out
}

// PublisherCount returns how many independent publishers support e: len(Publishers()),
// without building the list for an event of a Timeline, which counted them once.
func (e *Event) PublisherCount() int {
	if e.npub > 0 {
		return int(e.npub)
	}
	return countPublishers(e.Sources)
}

// countPublishers counts the distinct publishers of srcs as Publishers does, without
// allocating for names that need no collapsing: New counts them for every event.
func countPublishers(srcs []Source) int {
	n := 0
	for i := range srcs {
		p := collapse(srcs[i].Publisher)
		if p == "" {
			continue
		}
		seen := false
		for j := range i {
			if strings.EqualFold(collapse(srcs[j].Publisher), p) {
				seen = true
				break
			}
		}
		if !seen {
			n++
		}
	}
	return n
}

// Count is a range of counts of independent publishers, as the sources kind of filter
// takes it: Min to Max, Max 0 for no upper bound. It is never empty: Min is 1 at least.
type Count struct{ Min, Max int }

// maxCount is the largest count a filter may name: no event cites so many publishers, and
// a bound keeps the numbers small.
const maxCount = 10_000

// ParseCount reads a count of publishers: "2" (exactly two), "2.." (two or more), "..2"
// (one or two), "1..3".
func ParseCount(s string) (Count, error) {
	s = strings.TrimSpace(s)
	num := func(p string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		switch {
		case err != nil || strings.ContainsAny(p, "+-"):
			return 0, fmt.Errorf("%w %q: want a number of publishers, such as 2, 2.. (two or more) or 1..3", ErrCount, shorten(s))
		case n < 1:
			return 0, fmt.Errorf("%w %q: every event has one publisher at least; give 1 or more", ErrCount, shorten(s))
		case n > maxCount:
			return 0, fmt.Errorf("%w %q: %d is more publishers than any event has", ErrCount, shorten(s), n)
		}
		return n, nil
	}
	lo, hi, isRange := strings.Cut(s, "..")
	if !isRange {
		n, err := num(s)
		return Count{n, n}, err
	}
	c := Count{Min: 1}
	var err error
	if strings.TrimSpace(lo) == "" && strings.TrimSpace(hi) == "" {
		return Count{}, fmt.Errorf("%w %q: give at least one side, as in 2.. or ..2", ErrCount, shorten(s))
	}
	if strings.TrimSpace(lo) != "" {
		if c.Min, err = num(lo); err != nil {
			return Count{}, err
		}
	}
	if strings.TrimSpace(hi) != "" {
		if c.Max, err = num(hi); err != nil {
			return Count{}, err
		}
		if c.Max < c.Min {
			return Count{}, fmt.Errorf("%w %q: %d is less than %d; swap them", ErrCount, shorten(s), c.Max, c.Min)
		}
	}
	return c, nil
}

// ErrCount is wrapped by every error about a malformed count of publishers.
var ErrCount = errors.New("invalid count")

// Has reports whether n is in the count's range.
func (c Count) Has(n int) bool { return n >= c.Min && (c.Max == 0 || n <= c.Max) }

// String returns the count as ParseCount reads it: "2", "2..", "1..3".
func (c Count) String() string {
	switch {
	case c.Max == c.Min:
		return strconv.Itoa(c.Min)
	case c.Max == 0:
		return strconv.Itoa(c.Min) + ".."
	case c.Min <= 1:
		return ".." + strconv.Itoa(c.Max)
	}
	return strconv.Itoa(c.Min) + ".." + strconv.Itoa(c.Max)
}

// Words says the count for people, after "supported by": "one publisher only", "at
// least 2 publishers", "at most 2 publishers", "2 to 3 publishers".
func (c Count) Words() string {
	switch {
	case c.Min == 1 && c.Max == 1:
		return "one publisher only"
	case c.Max == c.Min:
		return fmt.Sprintf("exactly %d publishers", c.Min)
	case c.Max == 0:
		return fmt.Sprintf("at least %d %s", c.Min, plural(c.Min, "publisher"))
	case c.Min <= 1:
		return fmt.Sprintf("at most %d publishers", c.Max)
	}
	return fmt.Sprintf("%d to %d publishers", c.Min, c.Max)
}

// slug is the count in an export's file name.
func (c Count) slug() string {
	switch {
	case c.Min == 1 && c.Max == 1:
		return "single-source"
	case c.Max == 0:
		return fmt.Sprintf("%d-or-more-publishers", c.Min)
	}
	return strings.ReplaceAll(c.String(), "..", "-to-") + "-publishers"
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// sourcesValues lists the counts of publishers a picker offers: 1 to the most any event
// of t has.
func sourcesValues(t *Timeline) []Value {
	out := make([]Value, t.maxPublishers)
	for i := range out {
		n := i + 1
		out[i] = Value{Key: strconv.Itoa(n), Name: Count{n, n}.Words()}
	}
	return out
}

// All returns every event of t, in timeline order, as Filter returns them.
func (t *Timeline) All() []*Event {
	out := make([]*Event, len(t.Events))
	for i := range t.Events {
		out[i] = &t.Events[i]
	}
	return out
}

// PublisherSupport is what one publisher supports in a timeline: the events with a source
// it published, and among them those it alone supports.
type PublisherSupport struct {
	Name   string   // as the timeline first writes it
	Events []*Event // events with a source it published, in timeline order
	Alone  []*Event // those of Events that no other publisher supports
}

// Publishers returns every publisher of the events' sources with the events it supports,
// the publisher of most events first, then by name: the sources overview of what a filter
// selects (all of a timeline's events: Timeline.All). A via is not a publisher.
func Publishers(events []*Event) []PublisherSupport {
	var out []PublisherSupport
	index := map[string]int{}
	for _, e := range events {
		pubs := e.Publishers()
		for _, p := range pubs {
			k := strings.ToLower(p)
			j, ok := index[k]
			if !ok {
				j = len(out)
				index[k] = j
				out = append(out, PublisherSupport{Name: p})
			}
			out[j].Events = append(out[j].Events, e)
			if len(pubs) == 1 {
				out[j].Alone = append(out[j].Alone, e)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b PublisherSupport) int {
		if c := cmp.Compare(len(b.Events), len(a.Events)); c != 0 {
			return c
		}
		return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out
}

// SupportWords says how many independent publishers support an event, as the explorer
// and the exports show it: "one publisher", "2 independent publishers".
func SupportWords(n int) string {
	if n == 1 {
		return "one publisher"
	}
	return strconv.Itoa(n) + " independent publishers"
}
