package notebook

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/tlx-dev/tlx/timeline"
)

// A notebook file is TOML that a person can read, edit and diff:
//
//	# tlx notebook: ...
//	version = 1
//
//	[timeline]
//	title = "Iran, Trump and the US election"
//	file = "timeline.toml"
//
//	[views."routh summer"]
//	query = 'actor:routh from:2024-06 to:2024-09 "golf course"'
//
//	[events.2024-09-15-routh-arrest]
//	title = "Ryan Routh arrested near Trump's golf course"
//	marked = true
//	labels = ["key", "dubious"]
//	note = '''
//	Check the affidavit for the date of the rifle purchase.
//	'''
//
// Events and views are tables keyed by event id and view name, so TOML itself forbids
// two of the same, and a line of a diff names the event it changes. tlx writes them
// sorted, every value on a line of its own, so that two readers' changes to different
// events merge in git without conflict.

// Version is the notebook format this tlx reads and writes.
const Version = 1

// Bounds on what a notebook may hold; far beyond what a reader writes by hand.
const (
	maxFile   = 32 << 20 // bytes of a notebook file
	maxNote   = 1 << 20  // bytes of one note
	maxLine   = 4096     // bytes of a title or a view's query
	maxKey    = 960      // bytes of an event id or a view name as written: their table's name stays within timeline.MaxKeyBytes
	maxLabels = 16       // labels on one mark
)

// ValidLabel reports whether label can name a mark: timeline.ValidLabel, the one rule
// the notebook and the marked filter share.
func ValidLabel(label string) bool { return timeline.ValidLabel(label) }

// About is what a notebook records about the timeline it belongs to, for a person who
// finds the file: the title and the file name, as when the notebook was made.
type About struct {
	Title string
	File  string // the timeline's file name, or "built-in"
}

// fileDoc is the shape of a notebook file, for the decoder.
type fileDoc struct {
	Version  *int                  `toml:"version"`
	Timeline *aboutTable           `toml:"timeline"`
	Views    map[string]viewTable  `toml:"views"`
	Events   map[string]entryTable `toml:"events"`
}

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

// header opens every notebook tlx writes.
const header = `# tlx notebook: a reader's marks, notes and saved views for one timeline.
# tlx rewrites this file on every change, keeping what other tlx windows saved meanwhile.
# You may edit it and keep it in git; comments other than these lines are not kept.
`

// encode writes s as a notebook file.
func encode(w io.Writer, s *State) error {
	var b bytes.Buffer
	b.WriteString(header)
	fmt.Fprintf(&b, "version = %d\n", Version)
	if s.about != (About{}) {
		b.WriteString("\n[timeline]\n")
		if s.about.Title != "" {
			b.WriteString("title = " + tomlString(s.about.Title) + "\n")
		}
		if s.about.File != "" {
			b.WriteString("file = " + tomlString(s.about.File) + "\n")
		}
	}
	for _, v := range s.views {
		b.WriteString("\n[views." + tomlKey(v.Name) + "]\n")
		b.WriteString("query = " + tomlString(v.Query) + "\n")
	}
	for _, id := range s.ids {
		e := s.entries[id]
		b.WriteString("\n[events." + tomlKey(id) + "]\n")
		if e.Title != "" {
			b.WriteString("title = " + tomlString(e.Title) + "\n")
		}
		if e.Marked {
			b.WriteString("marked = true\n")
		}
		if len(e.Labels) > 0 {
			b.WriteString("labels = [")
			for i, l := range e.Labels {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(strconv.Quote(l)) // labels are plain words
			}
			b.WriteString("]\n")
		}
		if e.Note != "" {
			b.WriteString("note = " + tomlText(e.Note) + "\n")
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// bareKey matches keys TOML takes without quotes.
var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// tomlKey writes k as a TOML key: bare when it can be, else quoted.
func tomlKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return basicString(k)
}

// tomlString writes a one-line string: 'literal' when it has no quote to escape, which
// keeps a query's "phrases" readable, else "basic".
func tomlString(s string) string {
	if !strings.ContainsAny(s, "'\n\r") && !hasControl(s) {
		return "'" + s + "'"
	}
	return basicString(s)
}

// tomlText writes a note over several lines, the text starting on the line after the
// opening quotes and the closing quotes on a line of their own: the decoder drops the
// newline after the opening, and normNote the one before the closing.
func tomlText(s string) string {
	if !strings.Contains(s, "'''") && !hasControl(s) && !strings.Contains(s, "\r") {
		return "'''\n" + s + "\n'''"
	}
	var b strings.Builder
	b.WriteString(`"""` + "\n")
	quotes := 0
	for _, r := range s {
		if r == '"' {
			quotes++
			if quotes == 3 { // never three in a row, which would close the string
				b.WriteString(`\"`)
				quotes = 0
				continue
			}
		} else {
			quotes = 0
		}
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString("\n" + `"""`)
	return b.String()
}

// basicString writes s as a "basic" TOML string with escapes.
func basicString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hasControl reports whether s has a character a literal string cannot hold.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return true
		}
	}
	return false
}
