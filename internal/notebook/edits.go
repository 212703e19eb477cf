package notebook

import (
	"slices"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// put sets the entry of its id in s, removing it when it holds nothing.
func put(s *State, e *Entry) {
	if e.empty() {
		delete(s.entries, e.ID)
		return
	}
	s.entries[e.ID] = e
}

// entryFor returns a copy of s's entry for id that the caller may change.
func entryFor(s *State, id string) *Entry {
	if e, ok := s.entries[id]; ok {
		c := e.copy()
		return &c
	}
	return &Entry{ID: id}
}

func checkID(id string) error {
	if p := keyProblem(id); p != "" {
		return inputError("event id %s %s", quoteLine(id), p)
	}
	return nil
}

// markArgs checks the arguments of Mark and Unmark, returning the label as the reader
// meant it: "Key " is "key".
func markArgs(id, label string) (string, error) {
	if err := checkID(id); err != nil {
		return "", err
	}
	l := strings.ToLower(strings.TrimSpace(label))
	if l != "" && !ValidLabel(l) {
		return "", inputError("label %s is not a lower-case word of letters, digits and dashes (at most 24, and not %q)", quoteLine(label), timeline.AnyMark)
	}
	return l, nil
}

// withEntry returns a copy of disk whose entry for id edit has changed, with the event's
// title as the timeline has it now; an entry left with nothing is dropped.
func (nb *Notebook) withEntry(disk *State, id string, edit func(e *Entry) error) (*State, error) {
	e := entryFor(disk, id)
	if err := edit(e); err != nil {
		return nil, err
	}
	e.Title = nb.title(id, e.Title)
	next := disk.clone()
	put(next, e)
	return next, nil
}

// Mark marks the event id, adding label to its mark unless label is "". Marking a marked
// event again, or with a label it has, changes nothing.
func (nb *Notebook) Mark(id, label string) (*State, error) {
	label, err := markArgs(id, label)
	if err != nil {
		return nil, err
	}
	return nb.change(func(disk *State) (*State, error) {
		return nb.withEntry(disk, id, func(e *Entry) error {
			e.Marked = true
			if label != "" && !e.HasLabel(label) {
				if len(e.Labels) >= maxLabels {
					return inputError("event %s already has %d labels, the most a mark holds", quoteLine(id), maxLabels)
				}
				e.Labels = append(e.Labels, label)
				slices.Sort(e.Labels)
			}
			return nil
		})
	})
}

// Unmark removes label from the mark of the event id; with label "", it removes the mark
// and all its labels. The note stays.
func (nb *Notebook) Unmark(id, label string) (*State, error) {
	label, err := markArgs(id, label)
	if err != nil {
		return nil, err
	}
	return nb.change(func(disk *State) (*State, error) {
		if _, ok := disk.entries[id]; !ok {
			return disk, nil
		}
		return nb.withEntry(disk, id, func(e *Entry) error {
			if label == "" {
				e.Marked, e.Labels = false, nil
			} else if i := slices.Index(e.Labels, label); i >= 0 {
				e.Labels = slices.Delete(e.Labels, i, i+1)
			}
			return nil
		})
	})
}

// ConflictMarker separates two texts of one note that two processes saved at once: the
// one found on disk above it, the one being saved below. The reader merges them by
// editing the note.
const ConflictMarker = "--- both kept: another tlx saved the text above while this one was being written ---"

// EditNote replaces the note on the event id, which read base when the reader began
// editing, with text; text "" removes it. Line ends are made "\n", and blank lines and
// spaces at either end dropped.
//
// If the note on disk is no longer base (another process saved it meanwhile) and is not
// text either, nothing is lost: the note becomes the text on disk, ConflictMarker and
// text, and both is true; removing a note that changed meanwhile keeps the other text.
func (nb *Notebook) EditNote(id, base, text string) (st *State, both bool, err error) {
	if text, err = noteArgs(id, text); err != nil {
		return nil, false, err
	}
	base = normNote(base)
	st, err = nb.change(func(disk *State) (*State, error) {
		return nb.withEntry(disk, id, func(e *Entry) error {
			switch onDisk := e.Note; {
			case onDisk == base || onDisk == text:
				e.Note = text
			case text == "":
				both = true // keep what the other process wrote
			default:
				e.Note = onDisk + "\n\n" + ConflictMarker + "\n\n" + text
				both = true
				if len(e.Note) > maxNote {
					return inputError("the note and the text saved meanwhile are together longer than %d bytes; shorten yours", maxNote)
				}
			}
			return nil
		})
	})
	return st, both, err
}

// noteArgs checks the arguments of EditNote and AppendNote, returning the text as a
// note is kept.
func noteArgs(id, text string) (string, error) {
	if err := checkID(id); err != nil {
		return "", err
	}
	if p := textProblem(text, true, maxNote); p != "" {
		return "", inputError("the note %s", p)
	}
	return normNote(text), nil
}

// AppendNote adds text to the end of the note on the event id, after a blank line, or
// makes it the note when there is none. It never conflicts: the text goes after whatever
// the note holds on disk when it is saved. Appending nothing changes nothing.
func (nb *Notebook) AppendNote(id, text string) (*State, error) {
	text, err := noteArgs(id, text)
	if err != nil {
		return nil, err
	}
	return nb.change(func(disk *State) (*State, error) {
		if text == "" {
			return disk, nil
		}
		return nb.withEntry(disk, id, func(e *Entry) error {
			note := text
			if e.Note != "" {
				note = e.Note + "\n\n" + text
			}
			if len(note) > maxNote {
				return inputError("the note would be longer than %d bytes", maxNote)
			}
			e.Note = note
			return nil
		})
	})
}
