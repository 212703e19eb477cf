package notebook

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/tlx-dev/tlx/timeline"
)

// Parse reads a notebook from data; name labels errors. It fails with a *ParseError
// naming the line of the first problem.
func Parse(name string, data []byte) (*State, error) {
	fail := func(line int, msg, hint string) error {
		return &ParseError{File: name, Line: line, Msg: msg, Hint: hint}
	}
	if len(data) > maxFile {
		return nil, fail(0, fmt.Sprintf("the file is larger than %d MiB, far more than a notebook holds", maxFile>>20), "check that --notebook names a notebook")
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, fail(badUTF8Line(data), "the file is not UTF-8 text", "a notebook is a TOML file written by tlx; check that --notebook names one")
	}
	// The decoder's time grows with the square of a value's nesting: check it first.
	var lp *timeline.Problem
	if errors.As(timeline.CheckLimits(name, data), &lp) {
		hint := "a notebook nests 3 levels at most ([events.ID] and its labels); check that --notebook names a notebook"
		if errors.Is(lp, timeline.ErrLimit) && strings.HasPrefix(lp.Msg, "key") {
			hint = "the keys of a notebook are event ids and view names; check that --notebook names a notebook"
		}
		return nil, &ParseError{File: name, Line: lp.Line, Col: lp.Col, Msg: lp.Msg, Hint: hint}
	}
	var doc fileDoc
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
	if err != nil {
		return nil, decodeError(name, data, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		top := keys[0][0]
		return nil, fail(topKeyLine(data, top), "unknown key "+quoteLine(top)+suggestKey(top, []string{"version", "timeline", "views", "events"}),
			"a notebook holds version, [timeline], [views.NAME] and [events.ID] tables")
	}
	if doc.Version != nil && *doc.Version != Version {
		if *doc.Version > Version {
			return nil, fail(topKeyLine(data, "version"), fmt.Sprintf("version %d: written by a newer tlx, which this one cannot read", *doc.Version), "upgrade tlx")
		}
		return nil, fail(topKeyLine(data, "version"), fmt.Sprintf("version %d is not a notebook version", *doc.Version), fmt.Sprintf("write version = %d", Version))
	}
	s := emptyState()
	if doc.Timeline != nil {
		s.about = About(*doc.Timeline)
	}
	for name, v := range doc.Views {
		s.views = append(s.views, View{Name: name, Query: v.query})
	}
	for id, t := range doc.Events {
		e := t.entry
		e.ID = id
		if e.empty() {
			continue // a title alone is nothing the reader wrote
		}
		s.entries[id] = &e
	}
	// Names and ids are keys, which a table cannot check from inside: find the first bad
	// one in the file's order.
	if msg, line := firstBadKey(s, data); msg != "" {
		return nil, fail(line, msg, "")
	}
	return s.finish(), nil
}

// firstBadKey checks the view names and event ids, returning what is wrong with the
// first bad one in the file and its line, if tlx would have written its header so.
func firstBadKey(s *State, data []byte) (msg string, line int) {
	type bad struct {
		msg  string
		line int
	}
	var found []bad
	check := func(table, what, k string) {
		if p := keyProblem(k); p != "" {
			head := "[" + table + "." + tomlKey(k) + "]"
			found = append(found, bad{what + " " + quoteLine(k) + " " + p, headerLine(data, head)})
		}
	}
	for _, v := range s.views {
		check("views", "view name", v.Name)
	}
	for id := range s.entries {
		check("events", "event id", id)
	}
	if len(found) == 0 {
		return "", 0
	}
	first := slices.MinFunc(found, func(a, b bad) int {
		if (a.line == 0) != (b.line == 0) { // those without a line last
			return b.line - a.line
		}
		return cmp.Or(a.line-b.line, strings.Compare(a.msg, b.msg))
	})
	return first.msg, first.line
}

// headerLine returns the line that is exactly head, or 0.
func headerLine(data []byte, head string) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == head {
			return i + 1
		}
	}
	return 0
}

func keyProblem(k string) string {
	if strings.TrimSpace(k) == "" {
		return "is blank"
	}
	if p := textProblem(k, false, maxLine); p != "" {
		return p
	}
	if len(tomlKey(k)) > maxKey {
		return fmt.Sprintf("is longer than the %d bytes a notebook keeps", maxKey)
	}
	return ""
}

// decodeError turns the decoder's error into a ParseError with the file's line.
func decodeError(name string, data []byte, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &ParseError{File: name, Msg: "invalid TOML: " + err.Error()}
	}
	e := &ParseError{File: name, Line: max(pe.Position.Line, 1), Col: pe.Position.Col}
	// At a newline that ends a table header, the decoder counts the newline's line but
	// gives the column on the header's: "[events.x" then a newline reads as the next
	// line, column 11. A column past the end of its line is the previous line's.
	if lines := strings.Split(string(data), "\n"); e.Line > 1 && e.Col > 0 &&
		(e.Line > len(lines) || e.Col > utf8.RuneCountInString(lines[e.Line-1])+1) &&
		e.Col == utf8.RuneCountInString(lines[e.Line-2])+1 {
		e.Line--
	}
	if _, rest, ok := strings.Cut(pe.Message, tableTag); ok {
		// Our own check of a table, at the line of the table's header.
		e.Col = 0
		e.Msg, e.Hint, _ = strings.Cut(rest, tableTag)
		return e
	}
	e.Msg, e.Hint = timeline.SyntaxMessage(pe)
	for _, t := range []struct{ prefix, what string }{{"Key 'events.", "event"}, {"Key 'views.", "view"}} {
		if k, ok := strings.CutPrefix(pe.Message, t.prefix); ok && strings.HasSuffix(k, "' has already been defined.") {
			k = strings.TrimSuffix(k, "' has already been defined.")
			e.Msg = fmt.Sprintf("%s %s has a second table here", t.what, quoteLine(k))
			e.Hint = "merge the two into one"
		}
	}
	if pe.Position.Line >= lineCount(data) && (strings.Contains(pe.Message, "EOF") || strings.Contains(pe.Message, "eof")) {
		e.Hint = "the file ends in the middle of something: it may have been cut short; restore it from a copy, or close what is open"
	}
	return e
}

// lineCount returns the number of lines in data, the last one counted whether or not it
// ends with a newline.
func lineCount(data []byte) int {
	n := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}

// badUTF8Line returns the line of the first byte that is not UTF-8.
func badUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return 0
}

// topKeyLine finds the line where the top-level key k is defined, as a key or a table
// header, skipping multi-line strings; 0 when it cannot tell. Only errors call it.
func topKeyLine(data []byte, k string) int {
	in := "" // the delimiter of the multi-line string the line is in
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if in == "" {
			rest, _ := strings.CutPrefix(strings.TrimLeft(t, "["), `"`)
			rest, _ = strings.CutPrefix(rest, "'")
			if after, ok := strings.CutPrefix(rest, k); ok {
				after = strings.TrimLeft(after, `"' `)
				if strings.HasPrefix(after, "=") || strings.HasPrefix(after, ".") || strings.HasPrefix(after, "]") {
					return i + 1
				}
			}
		}
		for _, d := range []string{`"""`, `'''`} {
			if in == "" || in == d {
				if strings.Count(l, d)%2 == 1 {
					if in == "" {
						in = d
					} else {
						in = ""
					}
				}
			}
		}
	}
	return 0
}
