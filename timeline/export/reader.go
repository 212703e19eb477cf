package export

import (
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// What the reader wrote (marks with their labels, notes) comes from the notebook, not
// from the timeline: every writer of a view puts it after the event's own text, under
// words that say it is the reader's ("Reader's mark:", "Reader's note:") or in fields of
// its own, never mixed with the timeline's text. The writers of timeline files (tlx JSON,
// TOML) leave it out: a file an author keeps must not take a reader's note for the
// timeline's text (see Format.Notes).

// annotations returns the marks and notes an export writes: the options' own, else those
// the filter carries, else nil.
func annotations(opts Options) timeline.Annotations {
	if opts.Annotations != nil {
		return opts.Annotations
	}
	return opts.Filter.Annotations()
}

// readerMark reports whether the reader marked the event id, with the mark's labels as
// one-line text, sanitised; a label that sanitises to nothing is dropped.
func readerMark(ann timeline.Annotations, id string) (bool, []string) {
	if ann == nil {
		return false, nil
	}
	marked, labels := ann.Mark(id)
	if !marked {
		return false, nil
	}
	var out []string
	for _, l := range labels {
		if l = line(l); l != "" {
			out = append(out, l)
		}
	}
	return true, out
}

// markWords is a mark in words: its labels, "key, check", or "marked" for a plain mark.
func markWords(labels []string) string {
	if len(labels) == 0 {
		return "marked"
	}
	return strings.Join(labels, ", ")
}

// readerNote returns the reader's note on the event id, sanitised with its lines kept
// (timeline.Sanitize: no control character, CRLF as LF) and trimmed; "" for none.
func readerNote(ann timeline.Annotations, id string) string {
	if ann == nil {
		return ""
	}
	note := ann.Note(id)
	if blank(note) {
		return ""
	}
	lines := strings.Split(timeline.Sanitize(note), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// Annotated counts the events of events that ann marks or has a note on: for the message
// of an export to a timeline file, which leaves them in the notebook.
func Annotated(ann timeline.Annotations, events []*timeline.Event) int {
	if ann == nil {
		return 0
	}
	n := 0
	for _, e := range events {
		if marked, _ := ann.Mark(e.ID); marked || !blank(ann.Note(e.ID)) {
			n++
		}
	}
	return n
}
