package timeline

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/tlx-dev/tlx/internal/tomlsplit"
)

// syntaxProblem turns a decoder error in a document that starts at line firstLine into a
// Problem with the file's own line and column. event is the event's position, or 0;
// idFrom holds the bytes of the table that broke, where a message names its event's id:
// doc may be a batch of several events, and the first id in it is not the broken one's.
func (l *loader) syntaxProblem(err error, doc []byte, firstLine, event int, idFrom []byte) *Problem {
	p := &Problem{File: l.name, Kind: ErrSyntax, Event: event}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		p.Line, p.Msg = firstLine, "invalid TOML: "+err.Error()
		return p
	}
	// The decoder says line 0 for a few errors at a carriage return; the document's first
	// line is then the best place to give.
	p.Line = firstLine + max(pe.Position.Line, 1) - 1
	p.Col = pe.Position.Col
	if col, ok := controlColumn(pe, doc); ok {
		p.Col = col
	}
	p.Msg, p.Hint = friendlySyntax(pe)
	if de := calendarError(pe); de != nil {
		// A bare date the calendar does not have reads as the same date quoted would:
		// which key, which event, and what the month has.
		key, id := "date", scanID(idFrom)
		if l := docLine(doc, max(pe.Position.Line, 1)); l != nil {
			if k, _, ok := bytes.Cut(l, []byte("=")); ok && len(bytes.TrimSpace(k)) > 0 {
				key = string(bytes.TrimSpace(k))
			}
		}
		in := ""
		if id != "" {
			in = fmt.Sprintf(" in event %q", shorten(id))
		}
		p.Kind = ErrDate
		p.Msg = fmt.Sprintf("invalid %s %q%s: %s", shorten(key), de.Value, in, de.Reason)
		p.Hint = de.Hint
	}
	return p
}

// docLine returns line n (1-based) of doc, or nil.
func docLine(doc []byte, n int) []byte {
	for ; n > 1; n-- {
		i := bytes.IndexByte(doc, '\n')
		if i < 0 {
			return nil
		}
		doc = doc[i+1:]
	}
	l, _, _ := bytes.Cut(doc, []byte("\n"))
	return l
}

// bareDate is the date at the start of a TOML date or date-time the decoder refused.
var bareDate = regexp.MustCompile(`^"([0-9]{4}-[0-9]{2}-[0-9]{2})`)

// calendarError returns why the calendar does not have the bare date the decoder
// refused as an "invalid datetime" (1990-04-31, 2024-13-01), or nil when the decoder
// refused it for another reason: its shape (2024-6-15) or its time.
func calendarError(pe toml.ParseError) *DateError {
	_, v, ok := strings.Cut(pe.Message, "invalid datetime: ")
	if !ok {
		return nil
	}
	m := bareDate.FindStringSubmatch(v)
	if m == nil {
		return nil
	}
	_, err := parsePoint(m[1])
	var de *DateError
	if !errors.As(err, &de) || de.Hint != calendarHint {
		return nil
	}
	return de
}

// boolWord is the hint for a bare word where a value belongs that looks meant as true
// or false ("tru", "True", "yes"), or "" when it does not.
func boolWord(msg string) string {
	_, w, ok := strings.Cut(msg, `found "`)
	if !ok {
		return ""
	}
	w, _, _ = strings.Cut(w, `"`)
	w = strings.ToLower(w)
	switch w {
	case "yes", "no", "on", "off", "y", "n":
		return `a yes or no is written true or false, bare; text goes in quotes: key = "..."`
	}
	for _, b := range []string{"true", "false"} {
		if w == b || editDistance(w, b) <= 1 {
			return "did you mean " + b + `? Write true or false bare, and text in quotes: key = "..."`
		}
	}
	return ""
}

// controlColumn places the decoder's "cannot contain control characters" on the control
// character itself: the decoder points at the byte before it, and at a line's start that
// is the previous line's end (an ESC starting line 2 was reported at its column 12).
func controlColumn(pe toml.ParseError, doc []byte) (int, bool) {
	off := pe.Position.Start
	if !strings.Contains(pe.Message, "control characters") || off < 0 || off >= len(doc) {
		return 0, false
	}
	if c := doc[off]; (c >= 0x20 && c != 0x7f || c == '\n') && off+1 < len(doc) {
		off++
	}
	lineStart := bytes.LastIndexByte(doc[:off], '\n') + 1
	return utf8.RuneCount(doc[lineStart:off]) + 1, true
}

// decoderQuote matches what the decoder quotes in its messages: a value or key of the
// file, which friendlySyntax shortens.
var decoderQuote = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'[^']*'`)

// friendlySyntax rewrites the decoder's message on one line, lower-case, with a hint for
// the mistakes people make most.
func friendlySyntax(pe toml.ParseError) (msg, hint string) {
	m := strings.TrimSuffix(strings.TrimSpace(pe.Message), ".")
	m = strings.Join(strings.Fields(m), " ")
	if len(m) > 2*echoRunes {
		m = decoderQuote.ReplaceAllStringFunc(m, func(q string) string {
			return q[:1] + shorten(q[1:len(q)-1]) + q[len(q)-1:]
		})
	}
	if m != "" && !(len(m) > 1 && m[1] >= 'A' && m[1] <= 'Z') { // "TOML files" stays
		m = strings.ToLower(m[:1]) + m[1:]
	}
	switch {
	case strings.Contains(m, "strings cannot contain newlines"):
		hint = `close the string on the same line, or use """ for text over several lines`
	case strings.Contains(m, "invalid escape"):
		hint = `write \\ for a backslash, or use a '...' string, which has no escapes`
	case strings.Contains(m, "invalid datetime"):
		if de := calendarError(pe); de != nil {
			return de.Error(), de.Hint
		}
		hint = `dates look like 2024-06-15; write "2024-06" or "2024" in quotes`
	case strings.Contains(m, "newlines not allowed within inline tables"):
		hint = "keep an inline table on one line, or use a [table] header"
	case strings.Contains(m, "has already been defined"), strings.Contains(m, "already been defined"):
		hint = "each key may appear once per table; remove or rename the second"
	case strings.Contains(m, "expected value but found"):
		hint = boolWord(m)
		if hint == "" {
			hint = `text must be in quotes: key = "..."`
		}
	case strings.Contains(m, "unexpected EOF"), strings.Contains(m, "unexpected eof"):
		hint = "something opened here is never closed: a string, an array or a table"
	}
	return "invalid TOML: " + m, hint
}

// wholeFileError decodes the whole file in one go, for the rare files that only a single
// decode can judge.
func (l *loader) wholeFileError() *Problem {
	_, err := decodeTree(l.data)
	if err == nil {
		return nil
	}
	return l.syntaxProblem(err, l.data, 1, 0, l.data)
}

// scanID finds the id of an event piece the decoder could not read, so that other events
// may still refer to it without a second, misleading problem.
func scanID(doc []byte) string {
	sc := tomlsplit.NewScanner(doc)
	for !sc.Done() {
		i := tomlsplit.SkipBlank(doc, sc.Pos())
		key, _, _, h := sc.NextLine()
		if h != nil && !h.IsEvents() {
			return ""
		}
		if len(key) == 1 && key[0] == "id" {
			_, v, ok := bytes.Cut(doc[i:sc.Pos()], []byte("="))
			v = bytes.TrimSpace(v)
			if ok && len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
				if k := bytes.IndexByte(v[1:], v[0]); k >= 0 {
					return string(v[1 : k+1])
				}
			}
			return ""
		}
	}
	return ""
}
