package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// filterSession is the filter a reader builds: the one in force, the history of those
// before it for undo, and the preview a picker or the search shows while it is open.
// Preview shows a filter without committing it; Commit makes the preview the filter in
// force, Revert drops it, Undo goes back one step.
type filterSession struct {
	t       *timeline.Timeline
	applied timeline.Filter   // the filter in force
	history []timeline.Filter // the filters in force before each change
	shown   timeline.Filter   // what the list shows: applied, or a preview of a change
	events  []*timeline.Event // the events shown
	seq     int               // numbers background searches, so that only the latest shows
	version int               // counts the changes to what is shown and in force
	// ann are the reader's marks and notes, which every filter shown carries; nil until
	// the notebook is open, when filters carry what the command line gave them.
	ann timeline.Annotations
}

// Version changes whenever the filter shown, the filter in force or the history does.
func (s *filterSession) Version() int { return s.version }

// maxHistory bounds the undo history.
const maxHistory = 200

// Reset shows t under f, whose parts become undo steps one by one, as if typed.
func (s *filterSession) Reset(t *timeline.Timeline, f timeline.Filter) error {
	f = s.withNotes(f)
	events, err := t.Filter(f)
	if err != nil {
		return err
	}
	s.t, s.applied, s.shown, s.events = t, f, f, events
	s.history = steps(f)
	s.seq++
	s.version++
	return nil
}

// Filter returns the filter shown.
func (s *filterSession) Filter() timeline.Filter { return s.shown }

// Applied returns the filter in force.
func (s *filterSession) Applied() timeline.Filter { return s.applied }

// Events returns the events shown.
func (s *filterSession) Events() []*timeline.Event { return s.events }

// Previewing reports whether the list shows a change not yet committed.
func (s *filterSession) Previewing() bool { return !sameFilter(s.shown, s.applied) }

// CanUndo reports whether there is a filter to go back to.
func (s *filterSession) CanUndo() bool { return len(s.history) > 0 }

// SetAnnotations makes every filter carry a, the reader's marks and notes, and filters
// again: a mark added or removed changes what a marked part keeps, a note what a search
// finds. A marked part whose label no mark carries any more is dropped, and the error
// says so.
func (s *filterSession) SetAnnotations(a timeline.Annotations) error {
	s.ann = a
	applied, shown := s.withNotes(s.applied), s.withNotes(s.shown)
	events, err := s.t.Filter(shown)
	var dropped error
	if err != nil && len(shown.Values(timeline.MarkedFilter)) > 0 {
		dropped = fmt.Errorf("%w: the filter on marks is dropped", err)
		applied, shown = applied.Without(timeline.MarkedFilter), shown.Without(timeline.MarkedFilter)
		events, err = s.t.Filter(shown)
	}
	if err != nil {
		return err
	}
	s.applied, s.shown, s.events = applied, shown, events
	s.seq++
	s.version++
	return dropped
}

// withNotes returns f carrying the session's annotations, when it has any.
func (s *filterSession) withNotes(f timeline.Filter) timeline.Filter {
	if s.ann == nil {
		return f
	}
	return f.WithAnnotations(s.ann)
}

// Preview shows f. When f only narrows what is shown, only the events shown are searched.
// It reports whether what is shown changed.
func (s *filterSession) Preview(f timeline.Filter) (bool, error) {
	f = s.withNotes(f)
	s.seq++ // a background search still running is overtaken
	if sameFilter(f, s.shown) {
		s.shown = f
		s.version++
		return false, nil
	}
	var (
		events []*timeline.Event
		err    error
	)
	if timeline.Narrows(s.shown, f) {
		events, err = s.t.Refine(f, s.events)
	} else {
		events, err = s.t.Filter(f)
	}
	if err != nil {
		return false, err
	}
	s.shown, s.events = f, events
	s.version++
	return true, nil
}

// searchedMsg carries the events a search typed in the background keeps.
type searchedMsg struct {
	seq    int
	filter timeline.Filter
	events []*timeline.Event
	err    error
}

// PreviewLater is Preview away from the event loop: scanning the text of 100,000 events
// takes longer than a frame, and typing must never wait for it. Only the result of the
// latest call is shown (see Searched).
func (s *filterSession) PreviewLater(f timeline.Filter) tea.Cmd {
	f = s.withNotes(f)
	s.seq++
	seq, t, prev, within := s.seq, s.t, s.shown, s.events
	return func() tea.Msg {
		var (
			events []*timeline.Event
			err    error
		)
		if timeline.Narrows(prev, f) {
			events, err = t.Refine(f, within)
		} else {
			events, err = t.Filter(f)
		}
		return searchedMsg{seq: seq, filter: f, events: events, err: err}
	}
}

// Searched shows the result of a background search unless a later change overtook it. It
// reports whether it was shown.
func (s *filterSession) Searched(msg searchedMsg) (bool, error) {
	if msg.seq != s.seq {
		return false, nil
	}
	if msg.err != nil {
		return false, msg.err
	}
	s.shown, s.events = msg.filter, msg.events
	s.version++
	return true, nil
}

// Waiting reports whether a background search has not answered yet.
func (s *filterSession) Waiting(f timeline.Filter) bool { return !sameFilter(f, s.shown) }

// Commit makes the filter shown the one in force; the one before goes to the history.
// It reports whether the filter changed.
func (s *filterSession) Commit() bool {
	s.seq++
	s.version++
	if sameFilter(s.shown, s.applied) {
		s.applied = s.shown
		return false
	}
	s.history = append(s.history, s.applied)
	if len(s.history) > maxHistory {
		s.history = s.history[len(s.history)-maxHistory:]
	}
	s.applied = s.shown
	return true
}

// Apply shows f and commits it.
func (s *filterSession) Apply(f timeline.Filter) (bool, error) {
	if _, err := s.Preview(f); err != nil {
		return false, err
	}
	return s.Commit(), nil
}

// Revert drops the preview and shows the filter in force again. It reports whether what
// is shown changed.
func (s *filterSession) Revert() bool {
	changed, _ := s.Preview(s.applied) // it was in force a moment ago: it cannot fail
	return changed
}

// Undo brings back the filter in force before the last change. It reports whether there
// was one.
func (s *filterSession) Undo() bool {
	if len(s.history) == 0 {
		return false
	}
	prev := s.history[len(s.history)-1]
	s.history = s.history[:len(s.history)-1]
	s.version++
	s.Preview(prev) //nolint:errcheck // it was in force before
	s.applied = s.shown
	return true
}
