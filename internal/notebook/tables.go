package notebook

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// tableError is a problem our own decoding of a table found. The decoder turns it into
// a ParseError with the line of the table's header and its text as the message, not
// wrapping it; tableTag lets decodeError tell it from the decoder's own messages and
// take its hint back.
type tableError struct{ msg, hint string }

const tableTag = "\x00notebook\x00"

func (e *tableError) Error() string { return tableTag + e.msg + tableTag + e.hint }

// tableKeys checks that the table m has only the known keys.
func tableKeys(m map[string]any, what string, known ...string) error {
	var extra []string
	for k := range m {
		if !slices.Contains(known, k) {
			extra = append(extra, k)
		}
	}
	if len(extra) == 0 {
		return nil
	}
	slices.Sort(extra)
	return &tableError{
		msg:  "unknown key " + quoteLine(extra[0]) + " in " + what + suggestKey(extra[0], known),
		hint: "its keys are " + strings.Join(known, ", "),
	}
}

// suggestKey returns "; did you mean "x"?" when k looks like a typo of a known key.
func suggestKey(k string, known []string) string {
	if s := timeline.Suggest(k, known); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// oneLine reads the string value key of table m, checking it.
func oneLine(m map[string]any, key, what string) (string, error) {
	v, ok := m[key]
	if !ok {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", &tableError{msg: fmt.Sprintf("%s of %s is not text", key, what), hint: key + ` = "..."`}
	}
	if p := textProblem(s, false, maxLine); p != "" {
		return "", &tableError{msg: fmt.Sprintf("%s of %s %s", key, what, p)}
	}
	return s, nil
}

// aboutTable is [timeline].
type aboutTable About

// UnmarshalTOML reads [timeline].
func (a *aboutTable) UnmarshalTOML(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return &tableError{msg: "timeline is not a table", hint: "write [timeline] with title and file under it"}
	}
	if err := tableKeys(m, "[timeline]", "title", "file"); err != nil {
		return err
	}
	var err1, err2 error
	a.Title, err1 = oneLine(m, "title", "[timeline]")
	a.File, err2 = oneLine(m, "file", "[timeline]")
	return errors.Join(err1, err2)
}

// viewTable is one [views.NAME].
type viewTable struct{ query string }

// UnmarshalTOML reads a view.
func (t *viewTable) UnmarshalTOML(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return &tableError{msg: "a view is not a table", hint: `write [views."NAME"] with query = '...' under it`}
	}
	if err := tableKeys(m, "this view", "query"); err != nil {
		return err
	}
	if _, ok := m["query"]; !ok {
		return &tableError{msg: "this view has no query", hint: `add query = '...', the filter as you would type it`}
	}
	var err error
	t.query, err = oneLine(m, "query", "this view")
	return err
}

// entryTable is one [events.ID].
type entryTable struct{ entry Entry }

// UnmarshalTOML reads an event's entry.
func (t *entryTable) UnmarshalTOML(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return &tableError{msg: "an event's entry is not a table", hint: "write [events.ID] with marked, labels and note under it"}
	}
	const what = "this event's entry"
	if err := tableKeys(m, what, "title", "marked", "labels", "note"); err != nil {
		return err
	}
	e := &t.entry
	var err error
	if e.Title, err = oneLine(m, "title", what); err != nil {
		return err
	}
	if v, ok := m["marked"]; ok {
		if e.Marked, ok = v.(bool); !ok {
			return &tableError{msg: "marked is not true or false", hint: "write marked = true, or remove the line"}
		}
	}
	if v, ok := m["labels"]; ok {
		list, ok := v.([]any)
		if !ok {
			return &tableError{msg: "labels is not a list", hint: `write labels = ["key", "check"]`}
		}
		if len(list) > maxLabels {
			return &tableError{msg: fmt.Sprintf("more than %d labels", maxLabels)}
		}
		for _, l := range list {
			s, ok := l.(string)
			if !ok || !ValidLabel(s) {
				return &tableError{msg: fmt.Sprintf("label %s is not a lower-case word", quoteAny(l)),
					hint: "a label is letters, digits and dashes, such as key, check or dubious"}
			}
			if !slices.Contains(e.Labels, s) {
				e.Labels = append(e.Labels, s)
			}
		}
		slices.Sort(e.Labels)
		if len(e.Labels) > 0 {
			e.Marked = true
		}
	}
	if v, ok := m["note"]; ok {
		s, ok := v.(string)
		if !ok {
			return &tableError{msg: "note is not text", hint: "write note = '''\nyour text\n''' over as many lines as you like"}
		}
		if p := textProblem(s, true, maxNote); p != "" {
			return &tableError{msg: "note " + p}
		}
		e.Note = normNote(s)
	}
	return nil
}

func quoteAny(v any) string {
	if s, ok := v.(string); ok {
		return quoteLine(s)
	}
	return quoteLine(fmt.Sprint(v))
}

// normNote is the form a note is kept in: line ends as "\n", no blank lines before the
// text, no space after it.
func normNote(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimRight(s, " \t\n")
	for {
		l, rest, ok := strings.Cut(s, "\n")
		if !ok || strings.TrimSpace(l) != "" {
			return s
		}
		s = rest
	}
}
