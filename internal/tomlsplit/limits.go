package tomlsplit

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// The TOML decoder's cost grows with how deeply a value nests: its stack with every array
// inside an array (two million of them overflow it), its time and memory with the square
// of a key's depth (every level records the full dotted name of the levels above it:
// ten thousand inline tables take seconds and gigabytes). The splitter's pass over the
// file, which the decoder never runs ahead of, measures both and stops the load at the
// first value or key past these limits, far above what any timeline needs.
const (
	// MaxDepth is how deeply a value may nest. Each part of a table header's name, each
	// part of a dotted key, each array and each inline table adds a level: a source
	// written inline, sources = [{ publisher = "..." }] under [[events]], sits 5 deep.
	MaxDepth = 64
	// MaxKeyBytes is the longest key or table name, in bytes as written, dotted parts,
	// quotes and blanks included. No key of the format is longer than 11.
	MaxKeyBytes = 1024
)

// limits is the scanner's measure of nesting while it checks a file.
type limits struct {
	tableParts int       // parts of the name of the last table header
	levels     int       // how deep the value being scanned sits
	brackets   []bracket // the open arrays and inline tables, innermost last
	over       *limitPassed
}

// bracket is an open array, or an inline table with the parts of its current key.
type bracket struct {
	table bool
	parts int
}

// limitPassed says where the first limit was passed.
type limitPassed struct {
	off, line int
	depth     int // levels at off, when the depth was passed
	keyBytes  int // length of the key at off, when its length was passed
}

// header checks the table header at d[i] == '[' and makes it the current table. It
// reports false when a limit is passed.
func (lm *limits) header(sc *Scanner, i int) bool {
	j := i + 1
	if j < len(sc.data) && sc.data[j] == '[' {
		j++
	}
	j = SkipBlank(sc.data, j)
	end, parts := skipKey(sc.data, j)
	lm.levels = 0
	if !lm.key(sc, j, end, parts) {
		return false
	}
	lm.tableParts = parts
	return true
}

// lineKey checks the key a line at depth zero starts with, at d[i], and returns the offset
// past it, where the scan goes on.
func (lm *limits) lineKey(sc *Scanner, i int) int {
	end, parts := skipKey(sc.data, i)
	lm.levels = lm.tableParts
	lm.brackets = lm.brackets[:0]
	if lm.key(sc, i, end, parts) {
		lm.levels += parts
	}
	return end
}

// key checks a key of parts parts written at d[start:end], below the current levels.
func (lm *limits) key(sc *Scanner, start, end, parts int) bool {
	switch {
	case end-start > MaxKeyBytes:
		lm.over = &limitPassed{off: start, line: sc.line, keyBytes: end - start}
	case lm.levels+parts > MaxDepth:
		lm.over = &limitPassed{off: start, line: sc.line, depth: lm.levels + parts}
	}
	return lm.over == nil
}

// open enters the array or inline table that opens at d[i] and returns the offset where
// the scan goes on: past the bracket, and past the first key of an inline table.
func (lm *limits) open(sc *Scanner, i int) int {
	lm.levels++
	if lm.levels > MaxDepth {
		lm.over = &limitPassed{off: i, line: sc.line, depth: lm.levels}
		return i
	}
	table := sc.data[i] == '{'
	lm.brackets = append(lm.brackets, bracket{table: table})
	if !table {
		return i + 1
	}
	return lm.tableKey(sc, i+1)
}

// close leaves the innermost array or inline table.
func (lm *limits) close() {
	if n := len(lm.brackets); n > 0 {
		lm.levels -= 1 + lm.brackets[n-1].parts
		lm.brackets = lm.brackets[:n-1]
	}
}

// inTable reports whether the innermost bracket is an inline table, whose commas are
// followed by keys.
func (lm *limits) inTable() bool {
	n := len(lm.brackets)
	return n > 0 && lm.brackets[n-1].table
}

// tableKey checks the key that starts at or after d[i] inside the innermost inline table
// and returns the offset past it.
func (lm *limits) tableKey(sc *Scanner, i int) int {
	top := &lm.brackets[len(lm.brackets)-1]
	i = SkipBlank(sc.data, i)
	end, parts := skipKey(sc.data, i)
	lm.levels -= top.parts
	top.parts = 0
	if lm.key(sc, i, end, parts) {
		lm.levels += parts
		top.parts = parts
	}
	return end
}

// skipKey returns the offset just past the dotted key that starts at d[i], and its number
// of parts: 0 when no key starts there. It reads nothing that scanLine would read
// differently: bare parts, dots, blanks and one-line strings, which skipString ends where
// scanLine ends them.
func skipKey(d []byte, i int) (end, parts int) {
	end = i
	for i < len(d) {
		switch c := d[i]; {
		case c == '"' || c == '\'':
			if i+2 < len(d) && d[i+1] == c && d[i+2] == c {
				return end, parts // a multi-line string is no key
			}
			i = skipString(d, i+1, c)
		case IsBare(c):
			for i < len(d) && IsBare(d[i]) {
				i++
			}
		default:
			return end, parts
		}
		parts++
		end = i
		i = SkipBlank(d, i)
		if i >= len(d) || d[i] != '.' {
			break
		}
		i = SkipBlank(d, i+1)
	}
	return end, parts
}

// LimitError says where a document first passes MaxDepth or MaxKeyBytes.
type LimitError struct {
	Line, Col int // 1-based; the column in characters
	Depth     int // how deep the value is, when the depth was passed
	KeyBytes  int // how long the key is, when its length was passed
}

// Error says which limit the document passes and by how much.
func (e *LimitError) Error() string {
	if e.KeyBytes > 0 {
		return fmt.Sprintf("key of %d bytes, past the limit of %d", e.KeyBytes, MaxKeyBytes)
	}
	return fmt.Sprintf("nested %d levels deep, past the limit of %d", e.Depth, MaxDepth)
}

// Hint says how to keep within the limit.
func (e *LimitError) Hint() string {
	if e.KeyBytes > 0 {
		return "the keys of a timeline are short names such as title or publisher"
	}
	return "each part of a table name or dotted key, each array and each inline table adds a level; a timeline needs 5 at most"
}

// error describes the passed limit, in a document whose bytes are data.
func (lp *limitPassed) error(data []byte) *LimitError {
	lineStart := bytes.LastIndexByte(data[:lp.off], '\n') + 1
	return &LimitError{Line: lp.line, Col: utf8.RuneCount(data[lineStart:lp.off]) + 1, Depth: lp.depth, KeyBytes: lp.keyBytes}
}
