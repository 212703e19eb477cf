package timeline

import (
	"slices"
	"strings"
)

// Narrows reports whether every event next selects is also selected by prev, judging from
// the two filters alone: they differ at most in their text, and each search term of prev
// is contained in a term of next, as when the user types one more letter. It may answer
// false when next does narrow prev; it never answers true when it does not.
func Narrows(prev, next Filter) bool {
	if !slices.Equal(prev.Actors, next.Actors) || !slices.Equal(prev.Themes, next.Themes) ||
		!slices.Equal(prev.Statuses, next.Statuses) || prev.Dates != next.Dates {
		return false
	}
	nextTerms := SearchTerms(next.Text)
	for _, p := range SearchTerms(prev.Text) {
		if !slices.ContainsFunc(nextTerms, func(n string) bool { return strings.Contains(n, p) }) {
			return false
		}
	}
	return true
}

// Refine returns the events among within that f selects, in the order of within. When
// within is what t.Filter(prev) returned and Narrows(prev, f) holds, Refine(f, within)
// equals t.Filter(f) and costs only as much as within is long: the explorer uses it to
// search as the user types. Every event of within must belong to t.
func (t *Timeline) Refine(f Filter, within []*Event) ([]*Event, error) {
	q, err := t.compile(f)
	if err != nil {
		return nil, err
	}
	return collect(len(within), func(i int) *Event { return within[i] }, q), nil
}
