package export

import (
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// line makes a one-line field safe: control characters replaced, newlines and tabs turned
// into spaces, outer spaces trimmed.
func line(s string) string {
	if plainLine(s) {
		return s
	}
	return strings.TrimSpace(timeline.SanitizeLine(s))
}

// asciiText reports whether s is printable ASCII and newlines: nothing to sanitise.
func asciiText(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n, i := len(s), 0
	for ; i+8 <= n; i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if x&highs != 0 {
			return false
		}
		del := x ^ 0x7f*ones
		if (x-0x20*ones)&^x&highs != 0 || (del-ones)&^del&highs != 0 {
			for _, c := range []byte(s[i : i+8]) {
				if c < 0x20 && c != '\n' || c == 0x7f {
					return false
				}
			}
		}
	}
	for ; i < n; i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c >= 0x7f {
			return false
		}
	}
	return true
}

// plainLine reports whether s is printable ASCII without a space at either end: nothing
// to sanitise or trim. It looks at eight bytes at a time, since every field of every
// exported event passes here.
func plainLine(s string) bool {
	n := len(s)
	if n == 0 {
		return true
	}
	if s[0] == ' ' || s[n-1] == ' ' {
		return false
	}
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= n; i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		del := x ^ 0x7f*ones
		// A byte of 0x80 or more, one below 0x20, or DEL (0x7f).
		if x&highs != 0 || (x-0x20*ones)&^x&highs != 0 || (del-ones)&^del&highs != 0 {
			return false
		}
	}
	for ; i < n; i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// mdEscape marks the ASCII punctuation that can start or end markup anywhere in a line:
// emphasis, code, links and images, raw HTML and autolinks, headings (a closing '#'),
// block quotes, GFM tables and strikethrough, and the backslash itself. '&' is escaped
// only where it would start an entity reference.
var mdEscape = [256]bool{
	'\\': true, '`': true, '*': true, '_': true, '[': true, ']': true, '<': true, '>': true,
	'#': true, '|': true, '~': true, '&': true,
}

// text writes s, one line of sanitised text, escaped so that a CommonMark reader shows it
// as written. atLineStart says s starts a line, where "-", "+", "=" and "1." or "1)"
// would start a list or underline a heading. Text without special characters, the usual
// case, is written as it is in one call.
func (m *mdWriter) text(s string, atLineStart bool) {
	start := 0
	if atLineStart {
		start = m.lineStart(s)
	}
	for i := start; i < len(s); i++ {
		c := s[i]
		if !mdEscape[c] || c == '&' && !entityAt(s[i:]) {
			continue
		}
		m.bw.WriteString(s[start:i])
		m.bw.WriteByte('\\')
		start = i
	}
	m.bw.WriteString(s[start:])
}

// lineStart escapes what would start a list or underline a heading at the start of a
// line: "-", "+", "=", or a number and "." or ")". It returns how much of s it wrote.
func (m *mdWriter) lineStart(s string) int {
	if s == "" {
		return 0
	}
	switch c := s[0]; {
	case c == '-' || c == '+' || c == '=':
		m.bw.WriteByte('\\')
	case c >= '0' && c <= '9':
		i := 1
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) && (s[i] == '.' || s[i] == ')') {
			m.bw.WriteString(s[:i])
			m.bw.WriteByte('\\')
			return i
		}
	}
	return 0
}

// mdClass sorts bytes for field's scan: 0 needs nothing, 1 may need escaping (mdEscape),
// 2 needs sanitising or is not ASCII, which the slow path sorts out.
var mdClass = func() (class [256]uint8) {
	for c := range class {
		switch {
		case c < 0x20 || c >= 0x7f:
			class[c] = 2
		case mdEscape[c]:
			class[c] = 1
		}
	}
	return class
}()

// field writes a one-line field from the timeline: sanitised, trimmed and escaped. Plain
// ASCII without markup characters, most fields, is checked and written in one pass.
func (m *mdWriter) field(s string, atLineStart bool) {
	if n := len(s); n > 0 && s[0] != ' ' && s[n-1] != ' ' {
		i := 0
		for i < n && mdClass[s[i]] == 0 {
			i++
		}
		switch {
		case i == n:
			start := 0
			if atLineStart {
				start = m.lineStart(s)
			}
			m.bw.WriteString(s[start:])
			return
		case mdClass[s[i]] == 1 && plainLine(s[i:]):
			m.text(s, atLineStart)
			return
		}
	}
	m.text(line(s), atLineStart)
}

// blank reports whether a field shows nothing once made safe: line(s) == "". A field that
// starts with a visible ASCII character, the usual case, is not.
func blank(s string) bool {
	if s != "" && s[0] > ' ' && s[0] < 0x7f {
		return false
	}
	return line(s) == ""
}

// entityAt reports whether s, which starts with '&', starts an entity or numeric character
// reference: "&amp;", "&#38;", "&#x26;". A renderer would turn those into one character.
func entityAt(s string) bool {
	i := 1
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	isHex := func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
	isAlnum := func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' }
	ok := isAlnum
	if i < len(s) && s[i] == '#' {
		i++
		ok = isDigit
		if i < len(s) && s[i]|0x20 == 'x' {
			i++
			ok = isHex
		}
	}
	n := 0
	for i < len(s) && ok(s[i]) {
		i++
		n++
	}
	return n > 0 && i < len(s) && s[i] == ';'
}

// safeURL returns u ready to be a link destination, or "" when it is not an absolute
// http or https URL: timeline.LinkTarget, the rule the explorer's hyperlinks follow too,
// with an entity's '&' escaped, which Markdown alone would decode.
func safeURL(u string) string {
	target := timeline.LinkTarget(u)
	if !strings.Contains(target, "&") {
		return target
	}
	var b strings.Builder
	for i := 0; i < len(target); i++ {
		if c := target[i]; c == '&' && entityAt(target[i:]) {
			// Renderers decode entities in destinations; "\&" keeps the '&' as written
			// without changing what a query string means, as "%26" would.
			b.WriteString("\\&")
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
