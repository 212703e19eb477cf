// Package tomlsplit cuts a TOML timeline at its top-level [[events]] headers, so that the
// pieces can be decoded concurrently and each event knows its line (the TOML decoder gives
// no positions for keys and, for arrays of tables, no index either), and walks a TOML
// document line by line to find where each key is.
package tomlsplit

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// The loader splits a file at its top-level [[events]] headers so that the pieces can be
// decoded concurrently and so that every event knows its line: the TOML decoder gives no
// positions for keys and, for arrays of tables, no index either.
//
// The scanner below understands just enough TOML to find those headers: comments, the four
// kinds of string (a header inside a multi-line string is text, not a header) and bracket
// depth (a line inside a multi-line array is a value). On a valid file it agrees with the
// decoder; on an invalid one, every piece up to the first syntax error is split exactly as
// a whole-file decode would read it, so that error keeps its line and column.

// Header is a table header line: [name] or [[name]].
type Header struct {
	Line  int // 1-based
	Start int // byte offset of the line's start
	Array bool
	Path  []string // the dotted key, unquoted; nil when the header cannot be read
	End   int      // byte offset just past the header's line
}

// IsEvents reports whether h is exactly [[events]].
func (h *Header) IsEvents() bool {
	return h.Array && len(h.Path) == 1 && h.Path[0] == "events"
}

// InEvent reports whether h opens a table inside the current event, such as
// [[events.sources]].
func (h *Header) InEvent() bool {
	return len(h.Path) > 1 && h.Path[0] == "events" || len(h.Path) == 1 && h.Path[0] == "events" && !h.Array
}

// Piece is a run of the file: an event (from its [[events]] header to the next header that
// is not part of it) or the rest (top-level keys, registries, other tables).
type Piece struct {
	Start, End int // byte offsets
	Line       int // 1-based line of Start
	Lines      int // number of line breaks in data[Start:End]
	Event      bool
}

// Split cuts data into pieces at top-level headers. Pieces cover data without gaps and
// in order; event pieces start at their [[events]] header.
func Split(data []byte) []Piece {
	sp := NewSplitter(data)
	var pieces []Piece
	for {
		p, ok := sp.Next()
		if !ok {
			return pieces
		}
		pieces = append(pieces, p)
	}
}

// Splitter cuts a file into pieces one at a time, so that decoding can start on the first
// pieces while the rest are being found.
type Splitter struct {
	sc   Scanner
	cur  Piece
	any  bool // a piece has been returned
	done bool
}

// NewSplitter returns a splitter at the start of data.
func NewSplitter(data []byte) *Splitter {
	return &Splitter{sc: Scanner{data: data, line: 1}, cur: Piece{Line: 1}}
}

// NewCheckingSplitter is a splitter that stops at the first value nested deeper than
// MaxDepth or key longer than MaxKeyBytes, which Limit then describes; the pieces it
// returned before are whole and within the limits.
func NewCheckingSplitter(data []byte) *Splitter {
	sp := NewSplitter(data)
	sp.sc.limits = &limits{}
	return sp
}

// Limit returns where the document first passes a limit, once Next has stopped there, or
// nil.
func (sp *Splitter) Limit() *LimitError {
	if sp.sc.limits == nil || sp.sc.limits.over == nil {
		return nil
	}
	return sp.sc.limits.over.error(sp.sc.data)
}

// Next returns the next piece, or false when there are no more.
func (sp *Splitter) Next() (Piece, bool) {
	if sp.done {
		return Piece{}, false
	}
	for {
		h, ok := sp.sc.nextHeader()
		if !ok {
			break
		}
		if h.InEvent() && sp.cur.Event {
			continue
		}
		isEvent := h.IsEvents()
		if !isEvent && !sp.cur.Event {
			continue // still the rest of the file
		}
		prev := sp.cur
		sp.cur = Piece{Start: h.Start, Line: h.Line, Event: isEvent}
		if h.Start > prev.Start || prev.Event {
			prev.End = h.Start
			prev.Lines = h.Line - prev.Line
			sp.any = true
			return prev, true
		}
	}
	sp.done = true
	if sp.sc.limits != nil && sp.sc.limits.over != nil {
		return Piece{}, false
	}
	sp.cur.End = len(sp.sc.data)
	sp.cur.Lines = sp.sc.line - sp.cur.Line
	if sp.cur.End > sp.cur.Start || sp.cur.Event || !sp.any {
		return sp.cur, true
	}
	return Piece{}, false
}

// Scanner walks a TOML document line by line, outside strings and comments.
type Scanner struct {
	data  []byte
	pos   int // at the start of a line, between calls
	line  int // line of pos
	depth int // open [ and { of a value that spans lines

	// With limits set, the scanner also measures how deeply values nest and how long
	// keys are, and stops at the first that passes MaxDepth or MaxKeyBytes: see limits.go.
	limits *limits
}

// NewScanner returns a scanner at the start of doc, whose first line is line 1.
func NewScanner(doc []byte) *Scanner { return &Scanner{data: doc, line: 1} }

// Pos returns the offset of the start of the line the scanner is at.
func (sc *Scanner) Pos() int { return sc.pos }

// Done reports whether the scanner has passed the end of its document.
func (sc *Scanner) Done() bool { return sc.pos >= len(sc.data) }

// nextHeader advances to the next table header at depth zero and returns it.
func (sc *Scanner) nextHeader() (Header, bool) {
	for sc.pos < len(sc.data) {
		lineStart, line := sc.pos, sc.line
		i := SkipBlank(sc.data, sc.pos)
		if sc.depth == 0 && i < len(sc.data) && sc.data[i] == '[' {
			if sc.limits != nil && !sc.limits.header(sc, i) {
				return Header{}, false
			}
			h := readHeader(sc.data, i)
			h.Line, h.Start = line, lineStart
			sc.skipLine(i)
			h.End = sc.pos
			return h, true
		}
		if sc.limits != nil && sc.depth == 0 {
			if i = sc.limits.lineKey(sc, i); sc.limits.over != nil {
				return Header{}, false
			}
		}
		sc.scanLine(i)
		if sc.limits != nil && sc.limits.over != nil {
			return Header{}, false
		}
	}
	return Header{}, false
}

// NextLine advances past the next line and returns the key that line starts with at depth
// zero ("" for a blank, comment, header or continuation line), its line, its column and
// whether the line is a header.
func (sc *Scanner) NextLine() (key []string, line, col int, h *Header) {
	line = sc.line
	lineStart := sc.pos
	i := SkipBlank(sc.data, sc.pos)
	if sc.depth == 0 && i < len(sc.data) {
		switch c := sc.data[i]; {
		case c == '[':
			hd := readHeader(sc.data, i)
			hd.Line, hd.Start = line, lineStart
			sc.skipLine(i)
			return nil, line, i - lineStart + 1, &hd
		case c != '#' && c != '\n' && c != '\r':
			key, _ = ReadKey(sc.data, i)
		}
	}
	sc.scanLine(i)
	return key, line, i - lineStart + 1, nil
}

// skipLine moves past a header line: its rest can only hold a comment.
func (sc *Scanner) skipLine(i int) {
	j := bytes.IndexByte(sc.data[i:], '\n')
	if j < 0 {
		sc.pos = len(sc.data)
		return
	}
	sc.pos = i + j + 1
	sc.line++
}

// scanLine moves past the line that starts at or before i, and past any multi-line string
// that begins on it, tracking bracket depth.
func (sc *Scanner) scanLine(i int) {
	d := sc.data
	for i < len(d) {
		switch c := d[i]; c {
		case '\n':
			sc.pos = i + 1
			sc.line++
			return
		case '#':
			j := bytes.IndexByte(d[i:], '\n')
			if j < 0 {
				sc.pos = len(d)
				return
			}
			i += j
			continue
		case '"', '\'':
			if i+2 < len(d) && d[i+1] == c && d[i+2] == c {
				i = sc.skipMultiline(i+3, c)
				continue
			}
			i = skipString(d, i+1, c)
			continue
		case '[', '{':
			sc.depth++
			if sc.limits != nil {
				if i = sc.limits.open(sc, i); sc.limits.over != nil {
					sc.pos = len(d)
					return
				}
				continue
			}
		case ']', '}':
			if sc.depth > 0 {
				sc.depth--
				if sc.limits != nil {
					sc.limits.close()
				}
			}
		case ',':
			if sc.limits != nil && sc.limits.inTable() {
				if i = sc.limits.tableKey(sc, i+1); sc.limits.over != nil {
					sc.pos = len(d)
					return
				}
				continue
			}
		}
		i++
	}
	sc.pos = len(d)
}

// skipMultiline returns the offset just past the multi-line string whose body starts at i,
// counting the lines it spans. Up to two quotes may precede the closing delimiter.
func (sc *Scanner) skipMultiline(i int, q byte) int {
	d := sc.data
	delim := []byte{q, q, q}
	for {
		j := bytes.Index(d[i:], delim)
		if j < 0 {
			sc.line += bytes.Count(d[i:], []byte{'\n'})
			return len(d)
		}
		end := i + j
		if q == '"' && escaped(d, end) {
			sc.line += bytes.Count(d[i:end+1], []byte{'\n'})
			i = end + 1
			continue
		}
		sc.line += bytes.Count(d[i:end], []byte{'\n'})
		end += 3
		for k := 0; k < 2 && end < len(d) && d[end] == q; k++ {
			end++
		}
		return end
	}
}

// escaped reports whether the byte at i is preceded by an odd number of backslashes.
func escaped(d []byte, i int) bool {
	n := 0
	for i > 0 && d[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// skipString returns the offset just past the one-line string whose body starts at i, or
// the offset of the line's end when it is not closed (a syntax error the decoder reports).
func skipString(d []byte, i int, q byte) int {
	for i < len(d) {
		switch d[i] {
		case q:
			return i + 1
		case '\n':
			return i
		case '\\':
			if q == '"' {
				i++
				if i < len(d) && d[i] == '\n' {
					return i
				}
			}
		}
		i++
	}
	return i
}

// SkipBlank returns the offset of the first byte at or after i that is not a space or a
// tab.
func SkipBlank(d []byte, i int) int {
	for i < len(d) && (d[i] == ' ' || d[i] == '\t') {
		i++
	}
	return i
}

// The headers of nearly every table of a timeline, read without allocating their paths:
// a file of 100,000 events has twice as many. Their paths are shared, and never written.
var (
	eventsHeader  = []byte("[[events]]")
	sourcesHeader = []byte("[[events.sources]]")
	eventsPath    = []string{"events"}
	sourcesPath   = []string{"events", "sources"}
)

// readHeader reads the header that starts at d[i] == '['.
func readHeader(d []byte, i int) Header {
	switch {
	case bytes.HasPrefix(d[i:], eventsHeader):
		return Header{Array: true, Path: eventsPath[:1:1]}
	case bytes.HasPrefix(d[i:], sourcesHeader):
		return Header{Array: true, Path: sourcesPath[:2:2]}
	}
	var h Header
	i++
	if i < len(d) && d[i] == '[' {
		h.Array = true
		i++
	}
	path, j := ReadKey(d, SkipBlank(d, i))
	j = SkipBlank(d, j)
	if j < len(d) && d[j] == ']' && (!h.Array || j+1 < len(d) && d[j+1] == ']') {
		h.Path = path
	}
	return h
}

// ReadKey reads a dotted key (bare, "basic" or 'literal' parts) starting at i and returns
// its parts and the offset after it. It stops at anything else; parts are nil when no key
// could be read.
func ReadKey(d []byte, i int) ([]string, int) {
	var parts []string
	for {
		i = SkipBlank(d, i)
		if i >= len(d) {
			return parts, i
		}
		var part string
		switch c := d[i]; {
		case c == '"' || c == '\'':
			end := skipString(d, i+1, c)
			if end > len(d) || end == i+1 || d[end-1] != c {
				return nil, i
			}
			part = string(d[i+1 : end-1])
			if c == '"' && bytes.IndexByte(d[i+1:end-1], '\\') >= 0 {
				part = unescapeKey(part)
			}
			i = end
		case IsBare(c):
			j := i
			for j < len(d) && IsBare(d[j]) {
				j++
			}
			part = string(d[i:j])
			i = j
		default:
			return parts, i
		}
		parts = append(parts, part)
		i = SkipBlank(d, i)
		if i >= len(d) || d[i] != '.' {
			return parts, i
		}
		i++
	}
}

// IsBare reports whether c may be part of a bare key.
func IsBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// unescapeKey resolves the escapes of a quoted key as the decoder does, so that the key
// the decoder reports is found on its own line ("col\u006fur" is colour). An escape the
// decoder would refuse is kept as written; the decoder reports it.
func unescapeKey(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b = append(b, s[i])
			continue
		}
		i++
		if c, ok := simpleEscapes[s[i]]; ok {
			b = append(b, c)
			continue
		}
		if n := map[byte]int{'u': 4, 'U': 8, 'x': 2}[s[i]]; n > 0 && i+n < len(s) {
			if r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32); err == nil && utf8.ValidRune(rune(r)) {
				b = utf8.AppendRune(b, rune(r))
				i += n
				continue
			}
		}
		b = append(b, '\\', s[i])
	}
	return string(b)
}

// simpleEscapes are the one-letter escapes of a TOML basic string (\e is TOML 1.1's).
var simpleEscapes = map[byte]byte{'"': '"', '\\': '\\', 'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', 'e': 0x1b}

// CountEventHeaders returns at least the number of [[events]] headers in data: every
// "[[events]]", "[[ events ]]" or quoted "[[" key counts, wherever it is.
func CountEventHeaders(data []byte) int {
	n := 0
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("[["))
		if j < 0 {
			return n
		}
		k := SkipBlank(data, i+j+2)
		switch {
		case bytes.HasPrefix(data[k:], []byte("events")):
			if after := SkipBlank(data, k+len("events")); after >= len(data) || data[after] != '.' && !IsBare(data[after]) {
				n++
			}
		case k < len(data) && (data[k] == '"' || data[k] == '\''):
			n++
		}
		i += j + 2
	}
}

// NewCheckingSplitterAt is NewCheckingSplitter resumed at offset pos of data, the start of
// line line: a piece boundary that an earlier split of the same bytes up to pos found, at
// which the scanner is outside any value and the piece before is an event. It returns the
// pieces from pos on, as a split from the start would (an [[events]] header at pos starts
// the first); bytes at pos that do not start with a header come as a piece that is not an
// event, which a caller that resumes at an event boundary takes as "split from the start".
func NewCheckingSplitterAt(data []byte, pos, line int) *Splitter {
	sp := NewCheckingSplitter(data)
	sp.sc.pos, sp.sc.line = pos, line
	sp.cur = Piece{Start: pos, Line: line}
	sp.any = true
	return sp
}
