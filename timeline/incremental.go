package timeline

// Narrows reports whether every event next selects is also selected by prev, judging from
// the two filters alone, kind by kind: a part next adds narrows, as do fewer values of a
// kind, a later from, an earlier to, and text whose every word of prev is inside a word
// of next (as when the user types one more letter). It may answer false when next does
// narrow prev; it never answers true when it does not.
func Narrows(prev, next Filter) bool {
	for _, p := range prev.parts {
		n := next.part(p.Kind)
		if n == nil || !p.Kind.spec().narrows(p.Values, n.Values) {
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
