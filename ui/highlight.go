package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// highlight paints line with p and the words of terms, lower-cased, in it with match.
func highlight(p, match paint, line string, terms []string) string {
	if len(terms) == 0 {
		return p.Render(line)
	}
	lower := lowerInPlace(line)
	var b strings.Builder
	pos := 0
	for pos < len(line) {
		at, n := -1, 0
		for _, t := range terms {
			if i := strings.Index(lower[pos:], t); i >= 0 && (at < 0 || i < at || i == at && len(t) > n) {
				at, n = i, len(t)
			}
		}
		if at < 0 {
			break
		}
		b.WriteString(p.Render(line[pos : pos+at]))
		// Matches that touch are painted as one: "xxxx" searched for "x" is one run.
		end := pos + at + n
		for end < len(line) {
			k := 0
			for _, t := range terms {
				if strings.HasPrefix(lower[end:], t) && len(t) > k {
					k = len(t)
				}
			}
			if k == 0 {
				break
			}
			end += k
		}
		b.WriteString(match.Render(line[pos+at : end]))
		pos = end
	}
	b.WriteString(p.Render(line[pos:]))
	return b.String()
}

// lowerInPlace lower-cases s as strings.ToLower does, except that a letter whose lower
// case is longer or shorter in UTF-8 stays as it is: every byte keeps its offset, so a
// match found in the result can be cut from s without splitting a character.
func lowerInPlace(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); utf8.RuneLen(l) == size {
			b = utf8.AppendRune(b, l)
		} else {
			b = append(b, s[i:i+size]...) // invalid UTF-8 stays too
		}
		i += size
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
