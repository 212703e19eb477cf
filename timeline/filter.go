package timeline

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
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

// ErrUnknownValue is wrapped by the error of every filter value the timeline (or, for
// marked, the notebook) does not have: an actor, a theme, a status, a place, a
// publisher, a label. The error is an *UnknownValueError, which says the kind, so that
// a caller can list what there is to choose from (Timeline.Values).
var ErrUnknownValue = errors.New("unknown filter value")

// UnknownValueError is a filter value the timeline does not have.
type UnknownValueError struct {
	Kind       FilterKind
	Value      string // as given
	Suggestion string // the nearest known name, or ""
}

// Error says what is unknown and suggests the nearest: unknown actor "iarn"; did you
// mean "iran"?
func (e *UnknownValueError) Error() string {
	noun := unknownNouns[e.Kind]
	if noun == "" {
		noun = e.Kind.Name() + " value"
	}
	msg := fmt.Sprintf("unknown %s %q", noun, e.Value)
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

// Unwrap returns ErrUnknownValue.
func (e *UnknownValueError) Unwrap() error { return ErrUnknownValue }

// unknownNouns name what a kind's values are, in messages.
var unknownNouns = map[FilterKind]string{
	ActorFilter: "actor", ThemeFilter: "theme", StatusFilter: "status",
	LocationFilter: "location", PublisherFilter: "publisher", MarkedFilter: "label",
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

// unknown builds the error for a value of kind k that is not among the known ones, with
// the nearest known name as a suggestion when one is close.
func unknown(k FilterKind, name string, known []Value) error {
	names := make([]string, 0, 2*len(known))
	for _, v := range known {
		names = append(names, v.Key)
		if v.Name != v.Key {
			names = append(names, v.Name)
		}
		names = append(names, v.Aliases...)
	}
	s := Suggest(name, names)
	if s == "" {
		s = wordPrefix(name, names)
	}
	return &UnknownValueError{Kind: k, Value: name, Suggestion: s}
}

// wordPrefix returns the one candidate with a word that starts with name, ignoring case
// ("asharq" for "Asharq Al-Awsat"), or "" when none or several have.
func wordPrefix(name string, candidates []string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return ""
	}
	found := ""
	for _, c := range candidates {
		for _, w := range strings.Fields(strings.ToLower(c)) {
			if strings.HasPrefix(w, name) {
				if found != "" && !strings.EqualFold(found, c) {
					return ""
				}
				found = c
				break
			}
		}
	}
	return found
}

// maxSuggestBytes is the longest name Suggest looks for near candidates.
const maxSuggestBytes = 128

// Suggest returns the candidate nearest to name by edit distance, ignoring case, or ""
// when none is near enough to be a likely typo.
func Suggest(name string, candidates []string) string {
	if len(name) > maxSuggestBytes {
		return "" // the distance costs the product of the lengths; no typo is this long
	}
	name = strings.ToLower(name)
	best, bestDist := "", len(name)/2+2
	for _, c := range candidates {
		if len(c) > utf8.UTFMax*(len(name)+bestDist) {
			continue // more characters than an edit distance under bestDist allows
		}
		d := editDistance(name, strings.ToLower(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist > max(1, len([]rune(name))/3+1) {
		return ""
	}
	return best
}

// editDistance is the Damerau-Levenshtein (optimal string alignment) distance, so that a
// swap of two letters ("iarn" for "iran") counts as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

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
