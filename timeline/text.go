package timeline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes text from a timeline file safe to print on a terminal or write to a
// document: C0 and C1 control characters (escape sequences start with one), DEL, invalid
// UTF-8, the bidirectional overrides that can reorder what a reader sees and the invisible
// characters that terminals draw inconsistently (see invisible.go; U+200C and U+200D
// inside a word are kept) are each replaced by U+FFFD. Newlines are kept, CRLF line ends
// and the separators U+2028 and U+2029 become newlines, and tabs become a space. Text
// without such characters is returned as it is, without allocating.
//
// The loader refuses all of these in a timeline; Sanitize is the second line of defence,
// and the first for text from elsewhere (a query, a note, a file name).
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r == '\r' && strings.HasPrefix(s[i+1:], "\n"):
			// A CRLF line end, kept in the multi-line strings of a file written on
			// Windows: the newline that follows stands for it.
		case r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == utf8.RuneError && isInvalidAt(s, i), unsafeRune(r), hiddenAt(s, i, r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SanitizeLine is Sanitize for one-line fields: newlines and carriage returns become spaces.
func SanitizeLine(s string) string {
	s = Sanitize(s)
	if strings.ContainsAny(s, "\n") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 {
			return cleanSlow(s[i:])
		}
	}
	return true
}

func cleanSlow(s string) bool {
	for i, r := range s {
		if r == '\n' {
			continue
		}
		if r == '\t' || unsafeRune(r) || r == utf8.RuneError && isInvalidAt(s, i) || hiddenAt(s, i, r) {
			return false
		}
	}
	return true
}

// hiddenAt reports whether r, at s[i], is an invisible character that text may not
// hold there.
func hiddenAt(s string, i int, r rune) bool {
	return invisible(r) && !(joiner(r) && inWord(s, i, utf8.RuneLen(r)))
}

func isInvalidAt(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return r == utf8.RuneError && size <= 1
}

// unsafeRune reports whether r must not reach a terminal: control characters other than
// newline (tab is handled by the callers) and the bidirectional formatting characters.
func unsafeRune(r rune) bool {
	if r == '\n' {
		return false
	}
	if unicode.IsControl(r) {
		return true
	}
	switch {
	case r >= 0x202A && r <= 0x202E, // LRE, RLE, PDF, LRO, RLO
		r >= 0x2066 && r <= 0x2069, // LRI, RLI, FSI, PDI
		r == 0x200E || r == 0x200F || r == 0x061C:
		return true
	}
	return false
}

// ControlChar returns the first character of s that the loader rejects in text fields, and
// whether there is one. Newlines and tabs are allowed in text; every other control
// character, and the bidirectional overrides, are not.
func ControlChar(s string) (rune, int, bool) {
	for i, r := range s {
		if r == '\n' || r == '\t' || r == '\r' && strings.HasPrefix(s[i:], "\r\n") {
			continue
		}
		if unsafeRune(r) {
			return r, i, true
		}
	}
	return 0, 0, false
}

// echoRunes is how many characters of a value a message quotes.
const echoRunes = 80

// shorten returns s cut to echoRunes characters and an ellipsis when it is longer, for
// quoting a value from a file in a message: a 50 MB value makes a 50 MB message
// otherwise.
func shorten(s string) string {
	if len(s) <= echoRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == echoRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// shortenArgs shortens the strings among args, in place, and returns them.
func shortenArgs(args []any) []any {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = shorten(s)
		}
	}
	return args
}

// Paragraphs splits text from a timeline file into paragraphs at its blank lines, a line
// of spaces counting as blank; within a paragraph, words are joined by single spaces. It
// is how every output that reflows text reads it: the explorer, the Markdown export, the
// HTML of a TimelineJS slide.
func Paragraphs(text string) []string {
	var out, words []string
	for _, l := range strings.Split(Sanitize(text), "\n") {
		f := strings.Fields(l)
		if len(f) == 0 && len(words) > 0 {
			out = append(out, strings.Join(words, " "))
			words = words[:0]
		}
		words = append(words, f...)
	}
	if len(words) > 0 {
		out = append(out, strings.Join(words, " "))
	}
	return out
}
