package timeline

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// compiler resolves the parts of one filter against a timeline. What matching may need
// beyond the timeline itself comes through it: the marked kind finds here the reader's
// marks, which live in a notebook outside the timeline and which the caller supplies with
// the filter (Filter.WithAnnotations), so that the timeline never owns them.
type compiler struct {
	t   *Timeline
	ann Annotations
}

// query is a Filter resolved against one timeline: names become registry indexes, dates
// day numbers and text lower-cased terms, so that matching an event compares integers and
// does substring searches only.
type query struct {
	parts []queryPart // cheap ones first
}

type queryPart struct {
	bit    uint32 // 1 << kind
	m      matcher
	costly bool
}

// matcher tests events against one part of a filter.
type matcher interface {
	match(e *Event) bool
	// matchAll sets bit in bad[i] for each es[i] that fails: one call for a block of
	// events, so that counting facets does not pay a dynamic call per event and part. A
	// costly matcher skips the events that already fail two other parts.
	matchAll(es []*Event, bad []uint32, bit uint32)
}

func (t *Timeline) compile(f Filter) (*query, error) {
	c := &compiler{t: t, ann: f.ann}
	q := &query{parts: make([]queryPart, 0, len(f.parts))}
	var errs []error
	for _, p := range f.parts {
		s := p.Kind.spec()
		m, err := s.compile(c, p.Values)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		q.parts = append(q.parts, queryPart{bit: 1 << p.Kind, m: m, costly: s.costly})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortStableFunc(q.parts, func(a, b queryPart) int {
		switch {
		case a.costly == b.costly:
			return 0
		case b.costly:
			return -1
		}
		return 1
	})
	return q, nil
}

// resolve turns the values of a kind that picks among named values (actors, themes,
// statuses, places, publishers) into a set by index, with an error for each value the
// timeline does not have.
func (c *compiler) resolve(k FilterKind, values []string) ([]bool, error) {
	s := k.spec()
	known := s.values(c.t)
	set := make([]bool, len(known))
	var errs []error
	for _, v := range values {
		i, ok := s.index(c.t, v)
		if !ok {
			errs = append(errs, unknown(k, v, known))
			continue
		}
		set[i] = true
	}
	return set, errors.Join(errs...)
}

// text compiles the words and phrases of a text part. A term found in the registry
// entry of some actor or theme matches the events that name one of them as well as those
// whose own text holds it; the signature rules out events only for the other terms.
func (c *compiler) text(values []string) *textMatch {
	ix := c.t.searchIndex()
	m := &textMatch{}
	var own []string // the terms only an event's own text can hold
	for _, v := range values {
		w := strings.ToLower(v)
		tm := newTerm(w)
		m.terms = append(m.terms, tm)
		actors, themes := entriesWith(tm, ix.actors), entriesWith(tm, ix.themes)
		m.actors, m.themes = append(m.actors, actors), append(m.themes, themes)
		if actors == nil && themes == nil {
			own = append(own, w)
		} else {
			m.viaEntries = true
		}
	}
	if mask, ok := termMask(own); ok {
		m.mask = mask
		m.exact = !m.viaEntries && exactTerms(own)
	}
	m.notes = c.notes(m)
	return m
}

// entriesWith returns which registry entries hold t, by index, or nil when none does.
func entriesWith(t term, texts []string) []bool {
	var set []bool
	for i, text := range texts {
		if t.in(text) {
			if set == nil {
				set = make([]bool, len(texts))
			}
			set[i] = true
		}
	}
	return set
}

// The matchers of the kinds.
type (
	actorMatch  []bool // by actor index
	themeMatch  []bool // by theme index
	statusMatch []bool // by index into Statuses
	fromMatch   int    // the first day
	toMatch     int    // the last day
	withinMatch struct{ lo, hi int }
	countMatch  Count // of independent publishers
	textMatch   struct {
		terms []term
		// By term, the actors and themes whose registry entry holds it; nil: none.
		actors, themes [][]bool
		viaEntries     bool       // some term is in some entry
		mask           *signature // bits an event's signature needs for the terms to match; nil: none
		exact          bool       // the mask alone decides: every term is two ASCII letters
		notes          *noteTerms // the terms the reader's notes hold; nil: none does
	}
)

func (m actorMatch) match(e *Event) bool  { return anyOf(m, e.actors) }
func (m themeMatch) match(e *Event) bool  { return anyOf(m, e.themes) }
func (m statusMatch) match(e *Event) bool { return e.status >= 0 && m[e.status] }
func (m fromMatch) match(e *Event) bool   { return e.last >= int(m) }
func (m toMatch) match(e *Event) bool     { return e.first <= int(m) }
func (m withinMatch) match(e *Event) bool { return e.first >= m.lo && e.last <= m.hi }
func (m countMatch) match(e *Event) bool  { return Count(m).Has(int(e.npub)) }

func (m withinMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if !m.match(e) {
			bad[i] |= bit
		}
	}
}

func (m countMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if !m.match(e) {
			bad[i] |= bit
		}
	}
}

func (m actorMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if !anyOf(m, e.actors) {
			bad[i] |= bit
		}
	}
}

func (m themeMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if !anyOf(m, e.themes) {
			bad[i] |= bit
		}
	}
}

func (m statusMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if e.status < 0 || !m[e.status] {
			bad[i] |= bit
		}
	}
}

func (m fromMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if e.last < int(m) {
			bad[i] |= bit
		}
	}
}

func (m toMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if e.first > int(m) {
			bad[i] |= bit
		}
	}
}

func (m *textMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if b := bad[i]; b&(b-1) == 0 && !m.match(e) {
			bad[i] |= bit
		}
	}
}

func (m *textMatch) match(e *Event) bool {
	if m.ownText(e) {
		return true
	}
	return m.notes != nil && m.notes.match(m, e)
}

// ownText reports whether the event's text, its actors' and themes' included, holds
// every term.
func (m *textMatch) ownText(e *Event) bool {
	if m.mask != nil && !e.sig.has(m.mask) {
		return false
	}
	if !m.viaEntries {
		return m.exact || hasAll(e.text, m.terms)
	}
	for j := range m.terms {
		if !m.holds(j, e) {
			return false
		}
	}
	return true
}

// holds reports whether term j is in e's own text or in the entry of one of its actors or
// themes.
func (m *textMatch) holds(j int, e *Event) bool {
	return m.actors[j] != nil && anyOf(m.actors[j], e.actors) ||
		m.themes[j] != nil && anyOf(m.themes[j], e.themes) ||
		m.terms[j].in(e.text)
}

// passes reports whether e passes every part of q.
func (q *query) passes(e *Event) bool {
	for i := range q.parts {
		if !q.parts[i].m.match(e) {
			return false
		}
	}
	return true
}

func anyOf(set []bool, ids []int32) bool {
	for _, i := range ids {
		if set[i] {
			return true
		}
	}
	return false
}

func hasAll(text string, terms []term) bool {
	for _, t := range terms {
		if !t.in(text) {
			return false
		}
	}
	return true
}

// Filter returns the events that f selects, in timeline order. It fails only when f names
// a value the timeline does not have (an actor, a theme, a status, a place, a publisher)
// or is malformed (see Filter.Check); the error suggests the nearest name.
func (t *Timeline) Filter(f Filter) ([]*Event, error) {
	q, err := t.compile(f)
	if err != nil {
		return nil, err
	}
	return collect(len(t.Events), func(i int) *Event { return &t.Events[i] }, q), nil
}

// collect returns, in order, the events at positions [0, n) that q selects, splitting the
// pass across cores when n is large.
func collect(n int, at func(int) *Event, q *query) []*Event {
	parts := make([][]*Event, parallelism(n))
	inParallel(n, len(parts), func(part, lo, hi int) {
		out := make([]*Event, 0, hi-lo)
		for i := lo; i < hi; i++ {
			if e := at(i); q.passes(e) {
				out = append(out, e)
			}
		}
		parts[part] = out
	})
	if len(parts) == 1 {
		return slices.Clip(parts[0])
	}
	return slices.Concat(parts...)
}

// parallelThreshold is the number of events from which a filter pass is split across
// cores: below it, starting goroutines costs more than it saves.
const parallelThreshold = 16_384

func parallelism(n int) int {
	if n < parallelThreshold {
		return 1
	}
	return min(runtime.GOMAXPROCS(0), n/parallelThreshold*2, 8)
}

// inParallel calls fn for parts consecutive ranges of [0, n), concurrently when parts is
// more than one, and returns when all have finished.
func inParallel(n, parts int, fn func(part, lo, hi int)) {
	if parts <= 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { fn(p, p*n/parts, (p+1)*n/parts) })
	}
	wg.Wait()
}

// Match reports whether f selects e, which must belong to t.
func (t *Timeline) Match(f Filter, e *Event) (bool, error) {
	q, err := t.compile(f)
	if err != nil {
		return false, err
	}
	return q.passes(e), nil
}
