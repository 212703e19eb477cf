package timeline

import "slices"

// Facets counts, for each value of each kind asked for, how many events would match if
// that value were selected under the other parts of the filter: a kind's own selection
// does not hide its other values, as in faceted search. The years of the date kinds are
// counted under FromFilter, with the from and to parts both set aside.
type Facets struct {
	// Matched is how many events the whole filter selects.
	Matched int
	counts  [numKinds][]int
}

// Counts returns the counts of kind k, one for each of Timeline.Values(k), or nil when k
// was not counted.
func (fc Facets) Counts(k FilterKind) []int {
	if k >= numKinds {
		return nil
	}
	return fc.counts[k]
}

// counter adds events' values of a kind to counts, which follow the kind's values: those
// of each es[i] whose bad[i] has no bit outside ignore.
type counter interface {
	countAll(es []*Event, bad []uint32, ignore uint32, counts []int)
}

// The counters of the kinds that have facets.
type (
	actorCount   struct{}
	themeCount   struct{}
	statusCount  struct{}
	yearCount    struct{ first int }
	sourcesCount struct{}
)

func (sourcesCount) countAll(es []*Event, bad []uint32, ignore uint32, counts []int) {
	for i, e := range es {
		if bad[i]&^ignore == 0 && e.npub > 0 && int(e.npub) <= len(counts) {
			counts[e.npub-1]++
		}
	}
}

func (actorCount) countAll(es []*Event, bad []uint32, ignore uint32, counts []int) {
	for i, e := range es {
		if bad[i]&^ignore == 0 {
			for _, a := range e.actors {
				counts[a]++
			}
		}
	}
}

func (themeCount) countAll(es []*Event, bad []uint32, ignore uint32, counts []int) {
	for i, e := range es {
		if bad[i]&^ignore == 0 {
			for _, th := range e.themes {
				counts[th]++
			}
		}
	}
}

func (statusCount) countAll(es []*Event, bad []uint32, ignore uint32, counts []int) {
	for i, e := range es {
		if bad[i]&^ignore == 0 && e.status >= 0 {
			counts[e.status]++
		}
	}
}

func (c yearCount) countAll(es []*Event, bad []uint32, ignore uint32, counts []int) {
	last := c.first + len(counts) - 1
	for i, e := range es {
		if bad[i]&^ignore == 0 {
			// Every year it may fall in, as the date kinds match it: a window open at the
			// start counts in each year of the timeline before its end.
			lo, hi := c.first, last
			if e.first > minDay {
				lo = max(lo, yearOfDay(e.first))
			}
			if e.last < maxDay {
				hi = min(hi, yearOfDay(e.last))
			}
			for y := lo; y <= hi; y++ {
				counts[y-c.first]++
			}
		}
	}
}

// facet is one kind being counted.
type facet struct {
	kind   FilterKind
	c      counter
	n      int    // number of values
	ignore uint32 // kinds an event may fail and still count
}

// Facets returns the facet counts of f over t for the given kinds, or for every kind with
// facets when none is given. Kinds without facets are skipped.
func (t *Timeline) Facets(f Filter, which ...FilterKind) (Facets, error) {
	q, err := t.compile(f)
	if err != nil {
		return Facets{}, err
	}
	if len(which) == 0 {
		which = FilterKinds()
	}
	var facets []facet
	for _, k := range which {
		if k >= numKinds || !k.HasFacets() || slices.ContainsFunc(facets, func(fc facet) bool { return fc.kind == k }) {
			continue
		}
		s := k.spec()
		fc := facet{kind: k, c: s.counter(t), n: len(s.values(t)), ignore: 1 << k}
		for _, w := range s.together {
			fc.ignore |= 1 << w
		}
		facets = append(facets, fc)
	}
	parts := make([]Facets, parallelism(len(t.Events)))
	inParallel(len(t.Events), len(parts), func(part, lo, hi int) {
		parts[part] = t.countFacets(q, facets, lo, hi)
	})
	out := parts[0]
	for _, p := range parts[1:] {
		out.Matched += p.Matched
		for _, fc := range facets {
			for i, n := range p.counts[fc.kind] {
				out.counts[fc.kind][i] += n
			}
		}
	}
	return out, nil
}

// facetBlock is how many events countFacets judges at a time, part by part.
const facetBlock = 256

// countFacets counts the facets of the events in [lo, hi). It goes a block of events at a
// time: each part of the query marks the block's events that fail it, then each facet
// counts those that fail no other kind.
func (t *Timeline) countFacets(q *query, facets []facet, lo, hi int) Facets {
	var out Facets
	for _, fc := range facets {
		out.counts[fc.kind] = make([]int, fc.n)
	}
	var es [facetBlock]*Event
	var bad [facetBlock]uint32
	for lo < hi {
		n := min(facetBlock, hi-lo)
		for i := range n {
			es[i], bad[i] = &t.Events[lo+i], 0
		}
		for j := range q.parts {
			q.parts[j].m.matchAll(es[:n], bad[:n], q.parts[j].bit)
		}
		for _, b := range bad[:n] {
			if b == 0 {
				out.Matched++
			}
		}
		for j := range facets {
			fc := &facets[j]
			fc.c.countAll(es[:n], bad[:n], fc.ignore, out.counts[fc.kind])
		}
		lo += n
	}
	return out
}

// Values returns the values a picker offers for kind k in t, in the order Facets counts
// them: the actors or themes of the registries, the statuses, the places and publishers
// the events name, the years for the date kinds. It returns nil for a kind without facets.
func (t *Timeline) Values(k FilterKind) []Value {
	if k >= numKinds || !k.HasFacets() {
		return nil
	}
	return k.spec().values(t)
}

// Selection reports, for each of t.Values(k), whether f's part of kind k names it.
func (t *Timeline) Selection(f Filter, k FilterKind) []bool {
	if k >= numKinds || !k.HasFacets() {
		return nil
	}
	s := k.spec()
	sel := make([]bool, len(s.values(t)))
	if p := f.part(k); p != nil {
		for _, v := range p.Values {
			if i, ok := s.index(t, v); ok && i < len(sel) {
				sel[i] = true
			}
		}
	}
	return sel
}
