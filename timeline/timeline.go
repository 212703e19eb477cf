// Package timeline is the domain of tlx: a timeline of dated, sourced events; Open, which
// reads one through the reader of its format (format.go's table; TOML is toml.go) into a
// Draft and checks it with the rules every format shares (check.go); the Filter that
// selects events (its kinds, its query text) and facet counts. The writers that export
// what a filter selects are in timeline/export.
//
// The format is described in docs/format.md. A Timeline is immutable once loaded; the
// explorer, the list command and the export all read it through Filter so that a filter
// means the same thing everywhere.
package timeline

import (
	"slices"
	"strings"
	"sync"
)

// Statuses lists the values an event's status may take, from firmest to least firm.
var Statuses = []string{"confirmed", "reported", "alleged", "disputed", "denied", "scheduled"}

// Timeline is a loaded, validated timeline. Events are sorted by date, then precision (the
// vaguer first), then id. A Timeline comes from Parse, Load or New, which build the
// indexes its methods read; one put together by hand has none.
type Timeline struct {
	Title       string
	Description string
	// Path names the file the timeline came from, for messages and export headers.
	Path   string
	Actors []Actor
	Themes []Theme
	Events []Event

	actorIndex map[string]int // lower-cased id, name and alias -> index into Actors
	themeIndex map[string]int
	eventIndex map[string]int        // id -> index into Events
	search     *searchIndex          // see PrepareSearch
	values     [numKinds]*valueIndex // for the kinds that have one, built on first need
	// The years of the first and last dates the events name (see Span).
	firstYear, lastYear int
	// The most independent publishers any event has.
	maxPublishers int
	// How many of Actors and Themes, at their ends, New added for names that events use
	// but no registry declares.
	addedActors, addedThemes int
}

// Actor is a state, agency, group, person, organization, company or media outlet that
// events refer to.
type Actor struct {
	ID          string
	Name        string
	Kind        string
	Aliases     []string
	Description string
}

// Theme is a subject that groups events.
type Theme struct {
	ID          string
	Name        string
	Aliases     []string
	Description string
}

// Event is one dated happening and the sources it rests on.
type Event struct {
	ID       string   `json:"id"`
	Date     When     `json:"date"`         // a date, or a window of dates: one day within
	End      Date     `json:"end,omitzero"` // when an event that lasted ended; zero when it did not
	Title    string   `json:"title"`
	Summary  string   `json:"summary,omitempty"`
	Actors   []string `json:"actors,omitempty"` // actor ids
	Themes   []string `json:"themes,omitempty"` // theme ids
	Location string   `json:"location,omitempty"`
	Status   string   `json:"status,omitempty"`
	Related  []string `json:"related,omitempty"` // event ids
	// Sources are the reports it rests on, each article once: New merges the sources that
	// cite one article (see Source) into the first, with all their quotes.
	Sources []Source `json:"sources"`

	// Line is the line of the event's [[events]] header in its file, 0 when unknown.
	Line int `json:"line,omitempty"`
	// Pos is the event's 1-based position in its file.
	Pos int `json:"-"`

	// Day numbers: the event may cover days from first to last; it started by startLast
	// and ended no sooner than endFirst. A single day: first == endFirst, startLast == last.
	first, last         int
	startLast, endFirst int
	actors              []int32 // indexes into Timeline.Actors
	themes              []int32 // indexes into Timeline.Themes
	status              int8    // index into Statuses, -1 when none
	npub                int32   // number of independent publishers: len(Publishers())
	idx                 int32   // position in Timeline.Events
	// The event's own search text and its signature (see search.go): its fields
	// lower-cased, but for its actors and themes, whose registry entries are searched
	// apart. A reader may fill them as it decodes (see prepareSearch); nil sig: not yet.
	text string
	sig  *signature
}

// Source is a report an event rests on: one article. Two sources of an event cite one
// article when they have the same URL or, without URLs, the same publisher, title and
// date of publication; New merges them.
type Source struct {
	Publisher string   `json:"publisher"`
	Title     string   `json:"title,omitempty"`
	URL       string   `json:"url,omitempty"`
	Published Date     `json:"published,omitzero"`
	Via       string   `json:"via,omitempty"`
	Quote     string   `json:"quote,omitempty"`
	Quotes    []string `json:"quotes,omitempty"` // more of the article's words; see Quoted
}

// Actor returns the actor with the given id, name or alias (any case), or nil.
func (t *Timeline) Actor(name string) *Actor {
	if i, ok := t.actorIndex[strings.ToLower(strings.TrimSpace(name))]; ok {
		return &t.Actors[i]
	}
	return nil
}

// Theme returns the theme with the given id, name or alias (any case), or nil.
func (t *Timeline) Theme(name string) *Theme {
	if i, ok := t.themeIndex[strings.ToLower(strings.TrimSpace(name))]; ok {
		return &t.Themes[i]
	}
	return nil
}

// Event returns the event with the given id, or nil.
func (t *Timeline) Event(id string) *Event {
	if i, ok := t.eventIndex[id]; ok {
		return &t.Events[i]
	}
	return nil
}

// Index returns the position of the event with the given id in Events, or -1.
func (t *Timeline) Index(id string) int {
	if i, ok := t.eventIndex[id]; ok {
		return i
	}
	return -1
}

// RelatedInOrder returns the ids e names as related in the order of Events, which is
// date order, the order a reader reads them in, whatever order the file lists them in;
// ids t lacks come last, in the file's order.
func (t *Timeline) RelatedInOrder(e *Event) []string {
	if len(e.Related) < 2 {
		return e.Related
	}
	ids := slices.Clone(e.Related)
	pos := func(id string) int {
		if i := t.Index(id); i >= 0 {
			return i
		}
		return len(t.Events)
	}
	slices.SortStableFunc(ids, func(a, b string) int { return pos(a) - pos(b) })
	return ids
}

// EventActor returns the actor that e's i-th actor id names, through the index New built
// (events not built by New take the slower lookup of Actor), or nil when t has none.
func (t *Timeline) EventActor(e *Event, i int) *Actor {
	if len(e.actors) == len(e.Actors) && i < len(e.actors) {
		return &t.Actors[e.actors[i]]
	}
	return t.Actor(e.Actors[i])
}

// EventTheme is EventActor for themes.
func (t *Timeline) EventTheme(e *Event, i int) *Theme {
	if len(e.themes) == len(e.Themes) && i < len(e.themes) {
		return &t.Themes[e.themes[i]]
	}
	return t.Theme(e.Themes[i])
}

// DeclaredActors returns the actors of the timeline's registry, without those New added
// for names events use that no registry declares: what a writer of the timeline's file
// writes, so that a file without a registry does not gain one.
func (t *Timeline) DeclaredActors() []Actor { return t.Actors[:len(t.Actors)-t.addedActors] }

// DeclaredThemes is DeclaredActors for themes.
func (t *Timeline) DeclaredThemes() []Theme { return t.Themes[:len(t.Themes)-t.addedThemes] }

// ActorName returns the readable name of an actor id, or the id itself when unknown.
func (t *Timeline) ActorName(id string) string {
	if a := t.Actor(id); a != nil {
		return a.Name
	}
	return id
}

// ThemeName returns the readable name of a theme id, or the id itself when unknown.
func (t *Timeline) ThemeName(id string) string {
	if th := t.Theme(id); th != nil {
		return th.Name
	}
	return id
}

// Span returns the first and last dates the timeline's events name, zero when it has
// none: the earliest and the latest date written in any event's date or end. A window
// open at one side adds only its other side; qualifiers are not counted.
func (t *Timeline) Span() (first, last Date) {
	for i := range t.Events {
		e := &t.Events[i]
		for _, d := range [...]Date{e.Date.From, e.Date.To, e.End} {
			if d.IsZero() {
				continue
			}
			if first.IsZero() || d.First().days() < first.First().days() {
				first = d
			}
			if last.IsZero() || d.Last().days() > last.Last().days() {
				last = d
			}
		}
	}
	return first, last
}

// New builds a Timeline from parts already validated: it sorts the events in place and
// builds the indexes that lookups, filters and facets use; the Timeline owns events from
// then on. Actors and themes that events name but no registry declares (allowed when a
// file has no registry) are added with their id as name. Loaders call it; tests and
// generators may too.
func New(title, description string, actors []Actor, themes []Theme, events []Event) *Timeline {
	t := &Timeline{Title: title, Description: description, Actors: actors, Themes: themes, Events: events}
	t.build()
	return t
}

func (t *Timeline) build() {
	t.actorIndex = make(map[string]int, 3*len(t.Actors))
	for i, a := range t.Actors {
		addKeys(t.actorIndex, i, a.ID, a.Name, a.Aliases)
	}
	t.themeIndex = make(map[string]int, 3*len(t.Themes))
	for i, th := range t.Themes {
		addKeys(t.themeIndex, i, th.ID, th.Name, th.Aliases)
	}
	declaredActors, declaredThemes := len(t.Actors), len(t.Themes)
	// The order of the events is worked out beside the registries, which it does not
	// read, and applied once they are done: on a large timeline both take a while.
	var order []int32
	var sorting sync.WaitGroup
	if parallelism(len(t.Events)) > 1 {
		sorting.Go(func() { order = sortOrder(t.Events) })
	} else {
		order = sortOrder(t.Events)
	}
	for i := range t.Events {
		e := &t.Events[i]
		for _, id := range e.Actors {
			if _, ok := t.actorIndex[strings.ToLower(id)]; !ok {
				t.Actors = append(t.Actors, Actor{ID: id, Name: id})
				addKeys(t.actorIndex, len(t.Actors)-1, id, id, nil)
			}
		}
		for _, id := range e.Themes {
			if _, ok := t.themeIndex[strings.ToLower(id)]; !ok {
				t.Themes = append(t.Themes, Theme{ID: id, Name: id})
				addKeys(t.themeIndex, len(t.Themes)-1, id, id, nil)
			}
		}
	}
	t.addedActors, t.addedThemes = len(t.Actors)-declaredActors, len(t.Themes)-declaredThemes
	sorting.Wait()
	permute(t.Events, order)
	t.index(nil, nil)
}

// index builds what lookups, filters and facets read of the events, sorted already. When
// fresh is not nil, only the events it marks need their fields derived: the others come
// from a timeline built with the same registries (see Loader.reopen), which also hands
// over ids, the index of the events by id, made already.
func (t *Timeline) index(fresh []bool, ids map[string]int) {
	t.eventIndex = ids
	if ids == nil {
		t.eventIndex = make(map[string]int, len(t.Events))
		for i := range t.Events {
			t.eventIndex[t.Events[i].ID] = i
		}
	}
	for i := range t.Events {
		t.Events[i].idx = int32(i)
	}
	inParallel(len(t.Events), parallelism(len(t.Events)), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			if fresh == nil || fresh[i] {
				t.derive(&t.Events[i])
			}
		}
	})
	for i := range t.Events {
		t.maxPublishers = max(t.maxPublishers, int(t.Events[i].npub))
	}
	t.search = new(searchIndex)
	for k := range numKinds {
		if k.spec().eventValues != nil {
			t.values[k] = new(valueIndex)
		}
	}
	// The years of Span's first and last dates: a date's days lie inside its year, so
	// those are the first and last years any date names.
	t.firstYear, t.lastYear = 0, 0
	dated := false
	for i := range t.Events {
		e := &t.Events[i]
		for _, d := range [...]Date{e.Date.From, e.Date.To, e.End} {
			if d.IsZero() {
				continue
			}
			if !dated {
				t.firstYear, t.lastYear, dated = d.Year, d.Year, true
			}
			t.firstYear, t.lastYear = min(t.firstYear, d.Year), max(t.lastYear, d.Year)
		}
	}
}

// derive fills in the fields of e that filters and facets read, but for the search text:
// its span as day numbers, registry indexes and status index.
func (t *Timeline) derive(e *Event) {
	e.Sources = mergeSources(e.Sources)
	e.npub = int32(countPublishers(e.Sources))
	e.first, e.startLast = e.Date.span()
	e.endFirst, e.last = e.first, e.startLast
	if !e.End.IsZero() {
		// It ended no sooner than it started, and started no later than it ended.
		endFirst, last := e.End.span()
		e.endFirst, e.last = max(endFirst, e.first), max(last, e.first)
		e.startLast = min(e.startLast, e.last)
	}
	e.status = int8(slices.Index(Statuses, strings.ToLower(e.Status)))
	e.actors = make([]int32, 0, len(e.Actors))
	for _, id := range e.Actors {
		e.actors = append(e.actors, int32(t.actorIndex[strings.ToLower(id)]))
	}
	e.themes = make([]int32, 0, len(e.Themes))
	for _, id := range e.Themes {
		e.themes = append(e.themes, int32(t.themeIndex[strings.ToLower(id)]))
	}
}

// addKeys indexes an entry under its id, name and aliases, lower-cased. An id always wins
// over another entry's name or alias.
func addKeys(index map[string]int, i int, id, name string, aliases []string) {
	index[strings.ToLower(id)] = i
	for _, k := range append([]string{name}, aliases...) {
		k = strings.ToLower(strings.TrimSpace(k))
		if _, taken := index[k]; !taken && k != "" {
			index[k] = i
		}
	}
}
