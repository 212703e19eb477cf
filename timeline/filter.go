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

// Filter selects events. Within a kind, several values mean any of them; different kinds
// combine with AND; the zero Filter selects every event.
type Filter struct {
	// Actors and Themes hold ids, names or aliases, matched ignoring case.
	Actors []string
	Themes []string
	// Statuses hold values of the event status, matched ignoring case.
	Statuses []string
	// Dates keeps events whose span overlaps it: an event dated 2024-06 overlaps a range
	// from 2024-06-15, since it may have happened on any day of June.
	Dates Range
	// Text keeps events whose title, summary, actors or themes (ids, names and aliases),
	// location, status or sources contain every word of it, ignoring case. Words in
	// double quotes match as a phrase.
	Text string
}

// Sentinel errors wrapped by Filter's errors.
var (
	ErrUnknownActor  = errors.New("unknown actor")
	ErrUnknownTheme  = errors.New("unknown theme")
	ErrUnknownStatus = errors.New("unknown status")
)

// IsZero reports whether f selects every event.
func (f Filter) IsZero() bool {
	return len(f.Actors) == 0 && len(f.Themes) == 0 && len(f.Statuses) == 0 &&
		f.Dates.IsZero() && strings.TrimSpace(f.Text) == ""
}

// Kinds of filter, used as bits by the facet counter.
const (
	kindActor = 1 << iota
	kindTheme
	kindStatus
	kindDate
	kindText
)

// query is a Filter resolved against one timeline: names become registry indexes and the
// text becomes lower-cased terms, so that matching an event compares integers and does
// substring searches only.
type query struct {
	actors   []bool // by actor index; nil when the filter names no actor
	themes   []bool
	statuses []bool // by index into Statuses
	lo, hi   int
	dated    bool
	terms    []term
	mask     *signature // bits an event's signature needs for the terms to match; nil: none
	exact    bool       // the mask alone decides: every term is two ASCII letters
	search   *searchIndex
}

func (t *Timeline) compile(f Filter) (*query, error) {
	q := &query{}
	var errs []error
	if len(f.Actors) > 0 {
		q.actors = make([]bool, len(t.Actors))
		for _, name := range f.Actors {
			a := t.Actor(name)
			if a == nil {
				errs = append(errs, unknown(ErrUnknownActor, name, t.actorNames()))
				continue
			}
			q.actors[t.actorIndex[strings.ToLower(a.ID)]] = true
		}
	}
	if len(f.Themes) > 0 {
		q.themes = make([]bool, len(t.Themes))
		for _, name := range f.Themes {
			th := t.Theme(name)
			if th == nil {
				errs = append(errs, unknown(ErrUnknownTheme, name, t.themeNames()))
				continue
			}
			q.themes[t.themeIndex[strings.ToLower(th.ID)]] = true
		}
	}
	if len(f.Statuses) > 0 {
		q.statuses = make([]bool, len(Statuses))
		for _, s := range f.Statuses {
			i := slices.Index(Statuses, strings.ToLower(strings.TrimSpace(s)))
			if i < 0 {
				errs = append(errs, unknown(ErrUnknownStatus, s, Statuses))
				continue
			}
			q.statuses[i] = true
		}
	}
	if !f.Dates.IsZero() {
		q.dated = true
		q.lo, q.hi = f.Dates.bounds()
	}
	words := SearchTerms(f.Text)
	for _, w := range words {
		q.terms = append(q.terms, newTerm(w))
	}
	if m, ok := termMask(words); ok {
		q.mask = m
		q.exact = exactTerms(words)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(q.terms) > 0 {
		q.search = t.searchIndex()
	}
	return q, nil
}

// SearchTerms splits free text into the lower-cased terms that must all match: words, or
// phrases in double quotes.
func SearchTerms(text string) []string {
	var terms []string
	text = strings.ToLower(text)
	for i, part := range strings.Split(text, `"`) {
		if i%2 == 1 { // inside quotes
			if p := strings.Join(strings.Fields(part), " "); p != "" {
				terms = append(terms, p)
			}
			continue
		}
		terms = append(terms, strings.Fields(part)...)
	}
	return terms
}

// fails returns the kinds of filter that e does not pass, as a bit set. Text, the costly
// check, is skipped when e already fails two other kinds: the facets have no use for it then.
func (q *query) fails(e *Event) int {
	var bad int
	if q.actors != nil && !anyOf(q.actors, e.actors) {
		bad |= kindActor
	}
	if q.themes != nil && !anyOf(q.themes, e.themes) {
		bad |= kindTheme
	}
	if q.statuses != nil && (e.status < 0 || !q.statuses[e.status]) {
		bad |= kindStatus
	}
	if q.dated && (e.last < q.lo || e.first > q.hi) {
		bad |= kindDate
	}
	if len(q.terms) > 0 && bad&(bad-1) == 0 && !q.textMatches(e) {
		bad |= kindText
	}
	return bad
}

func (q *query) textMatches(e *Event) bool {
	if q.mask != nil && !q.search.sigs[e.idx].has(q.mask) {
		return false
	}
	return q.exact || hasAll(q.search.text[e.idx], q.terms)
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
// an actor, theme or status the timeline does not have; the error suggests the nearest.
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
			if e := at(i); q.fails(e) == 0 {
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
	return q.fails(e) == 0, nil
}

func (t *Timeline) actorNames() []string {
	names := make([]string, 0, 2*len(t.Actors))
	for _, a := range t.Actors {
		names = append(names, a.ID, a.Name)
		names = append(names, a.Aliases...)
	}
	return names
}

func (t *Timeline) themeNames() []string {
	names := make([]string, 0, 2*len(t.Themes))
	for _, th := range t.Themes {
		names = append(names, th.ID, th.Name)
		names = append(names, th.Aliases...)
	}
	return names
}

// unknown builds an error for a name that is not among the known ones, with the nearest
// known name as a suggestion when one is close.
func unknown(kind error, name string, known []string) error {
	if s := Suggest(name, known); s != "" {
		return fmt.Errorf("%w %q; did you mean %q?", kind, name, s)
	}
	return fmt.Errorf("%w %q", kind, name)
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

// Facets counts, for each value of each kind, how many events would match if that value
// were selected under the other active filters: a kind's own selection does not hide its
// other values, as in faceted search.
type Facets struct {
	Actors   []int       // by index into Timeline.Actors
	Themes   []int       // by index into Timeline.Themes
	Statuses []int       // by index into Statuses
	Years    map[int]int // every year an event's span overlaps
	// Matched is how many events the whole filter selects.
	Matched int
}

// Facets returns the facet counts of f over t.
func (t *Timeline) Facets(f Filter) (Facets, error) {
	q, err := t.compile(f)
	if err != nil {
		return Facets{}, err
	}
	parts := make([]Facets, parallelism(len(t.Events)))
	inParallel(len(t.Events), len(parts), func(part, lo, hi int) {
		parts[part] = t.countFacets(q, lo, hi)
	})
	fc := parts[0]
	for _, p := range parts[1:] {
		fc.Matched += p.Matched
		addCounts(fc.Actors, p.Actors)
		addCounts(fc.Themes, p.Themes)
		addCounts(fc.Statuses, p.Statuses)
		for y, n := range p.Years {
			fc.Years[y] += n
		}
	}
	return fc, nil
}

func addCounts(dst, src []int) {
	for i, n := range src {
		dst[i] += n
	}
}

// countFacets counts the facets of the events in [lo, hi).
func (t *Timeline) countFacets(q *query, lo, hi int) Facets {
	fc := Facets{
		Actors:   make([]int, len(t.Actors)),
		Themes:   make([]int, len(t.Themes)),
		Statuses: make([]int, len(Statuses)),
		Years:    make(map[int]int),
	}
	for i := lo; i < hi; i++ {
		e := &t.Events[i]
		bad := q.fails(e)
		if bad == 0 {
			fc.Matched++
		}
		if bad&^kindActor == 0 {
			for _, a := range e.actors {
				fc.Actors[a]++
			}
		}
		if bad&^kindTheme == 0 {
			for _, th := range e.themes {
				fc.Themes[th]++
			}
		}
		if bad&^kindStatus == 0 && e.status >= 0 {
			fc.Statuses[e.status]++
		}
		if bad&^kindDate == 0 {
			for y := e.Date.Year; y <= e.lastYear(); y++ {
				fc.Years[y]++
			}
		}
	}
	return fc
}
