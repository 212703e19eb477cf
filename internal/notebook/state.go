package notebook

import (
	"iter"
	"slices"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// Entry is what the reader wrote about one event: a mark, with labels or without, and a
// note. An entry with neither is not kept.
type Entry struct {
	// ID is the event's id in the timeline.
	ID string
	// Title is the event's title when the entry was last changed, so that an entry whose
	// event has left the timeline (an orphan) can still be recognised. May be empty.
	Title string
	// Marked is true when the event is marked; every labelled event is marked.
	Marked bool
	// Labels are the mark's labels, lower-case, sorted and distinct: see DefaultLabels.
	Labels []string
	// Note is the reader's note: text over any number of lines, without trailing space.
	Note string
}

// empty reports whether e holds nothing the reader wrote.
func (e *Entry) empty() bool { return !e.Marked && len(e.Labels) == 0 && e.Note == "" }

// HasLabel reports whether e's mark carries label.
func (e Entry) HasLabel(label string) bool {
	_, found := slices.BinarySearch(e.Labels, label)
	return found
}

// View is a saved filter: a name and the query text of the filter, as a person would
// type it (actor:routh from:2024-06 "golf course").
type View struct {
	Name  string
	Query string
}

// DefaultLabels are the labels tlx offers for a mark, after Timesketch's: the events
// that matter most, those to check, and those that look doubtful. A notebook may use
// others: any lower-case word (see timeline.ValidLabel).
var DefaultLabels = []string{"key", "check", "dubious"}

// State is one reading of a notebook: its entries and views at a moment. A State never
// changes; every change to a notebook makes a new one, so a caller may keep one and
// read it from any goroutine.
type State struct {
	about   About // the [timeline] table: which timeline the notebook is for
	entries map[string]*Entry
	ids     []string // sorted keys of entries
	views   []View   // sorted by name
	marks   int      // entries that are marked
	notes   int      // entries with a note
}

// emptyState is a notebook with nothing in it.
func emptyState() *State { return &State{entries: map[string]*Entry{}} }

// finish sorts and counts what the builder of s filled in.
func (s *State) finish() *State {
	s.ids = s.ids[:0]
	s.marks, s.notes = 0, 0
	for id, e := range s.entries {
		s.ids = append(s.ids, id)
		if e.Marked {
			s.marks++
		}
		if e.Note != "" {
			s.notes++
		}
	}
	slices.Sort(s.ids)
	slices.SortFunc(s.views, func(a, b View) int { return strings.Compare(a.Name, b.Name) })
	return s
}

// clone returns a copy of s whose maps and slices the caller may change; entries are
// shared until replaced.
func (s *State) clone() *State {
	c := &State{about: s.about, entries: make(map[string]*Entry, len(s.entries)+1)}
	for id, e := range s.entries {
		c.entries[id] = e
	}
	c.views = slices.Clone(s.views)
	return c
}

// Len returns the number of entries: events with a mark, a note or both.
func (s *State) Len() int { return len(s.ids) }

// MarkCount returns the number of marked events.
func (s *State) MarkCount() int { return s.marks }

// NoteCount returns the number of events with a note.
func (s *State) NoteCount() int { return s.notes }

// Entry returns the entry of the event id, and whether there is one.
func (s *State) Entry(id string) (Entry, bool) {
	e, ok := s.entries[id]
	if !ok {
		return Entry{}, false
	}
	return e.copy(), true
}

func (e *Entry) copy() Entry {
	c := *e
	c.Labels = slices.Clone(e.Labels)
	return c
}

// Marked reports whether the event id is marked.
func (s *State) Marked(id string) bool {
	e, ok := s.entries[id]
	return ok && e.Marked
}

// HasLabel reports whether the event id is marked with label; label "" asks whether it
// is marked at all.
func (s *State) HasLabel(id, label string) bool {
	e, ok := s.entries[id]
	if !ok || !e.Marked {
		return false
	}
	return label == "" || e.HasLabel(label)
}

// Mark reports whether the event id is marked, and its labels, sorted; the caller does
// not change them.
func (s *State) Mark(id string) (marked bool, labels []string) {
	if e, ok := s.entries[id]; ok && e.Marked {
		return true, e.Labels
	}
	return false, nil
}

// Marks yields each marked event's id with its labels, sorted by id; the caller does not
// change the labels. With Mark, Note, Notes and Labels, a State is the timeline.Annotations that
// filters and exports read.
func (s *State) Marks() iter.Seq2[string, []string] {
	return func(yield func(string, []string) bool) {
		for _, id := range s.ids {
			if e := s.entries[id]; e.Marked && !yield(id, e.Labels) {
				return
			}
		}
	}
}

// Notes yields each noted event's id with its note, sorted by id.
func (s *State) Notes() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, id := range s.ids {
			if e := s.entries[id]; e.Note != "" && !yield(id, e.Note) {
				return
			}
		}
	}
}

// Note returns the note on the event id, or "".
func (s *State) Note(id string) string {
	if e, ok := s.entries[id]; ok {
		return e.Note
	}
	return ""
}

// Entries returns every entry, sorted by event id.
func (s *State) Entries() []Entry {
	out := make([]Entry, len(s.ids))
	for i, id := range s.ids {
		out[i] = s.entries[id].copy()
	}
	return out
}

// Orphans returns the entries whose event t does not have (its id changed, or the event
// was removed), sorted by id. They are kept in the notebook with their text until the
// reader removes them. Without a timeline there are none.
func (s *State) Orphans(t *timeline.Timeline) []Entry {
	if t == nil {
		return nil
	}
	var out []Entry
	for _, id := range s.ids {
		if t.Event(id) == nil {
			out = append(out, s.entries[id].copy())
		}
	}
	return out
}

// Views returns the saved views, sorted by name.
func (s *State) Views() []View { return slices.Clone(s.views) }

// View returns the view called name, and whether there is one.
func (s *State) View(name string) (View, bool) {
	for _, v := range s.views {
		if v.Name == name {
			return v, true
		}
	}
	return View{}, false
}

// ViewNames returns the names of the saved views, sorted.
func (s *State) ViewNames() []string {
	names := make([]string, len(s.views))
	for i, v := range s.views {
		names[i] = v.Name
	}
	return names
}

// Labels returns the labels a mark may be given here: DefaultLabels, then any other
// label the notebook uses, sorted.
func (s *State) Labels() []string {
	out := slices.Clone(DefaultLabels)
	var more []string
	for _, e := range s.entries {
		for _, l := range e.Labels {
			if !slices.Contains(DefaultLabels, l) && !slices.Contains(more, l) {
				more = append(more, l)
			}
		}
	}
	slices.Sort(more)
	return append(out, more...)
}

// About returns what the notebook says of the timeline it belongs to.
func (s *State) About() About { return s.about }

// Equal reports whether s and o hold the same entries and views.
func (s *State) Equal(o *State) bool {
	if s == o {
		return true
	}
	if s.about != o.about || !slices.Equal(s.ids, o.ids) || !slices.Equal(s.views, o.views) {
		return false
	}
	for id, e := range s.entries {
		f := o.entries[id]
		if e.Title != f.Title || e.Marked != f.Marked || e.Note != f.Note || !slices.Equal(e.Labels, f.Labels) {
			return false
		}
	}
	return true
}

var _ timeline.Annotations = (*State)(nil)
