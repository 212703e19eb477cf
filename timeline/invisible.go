package timeline

import (
	"unicode"
	"unicode/utf8"
)

// Invisible characters: format characters (Unicode's Cf: the soft hyphen U+00AD, the
// zero-width space U+200B, the word joiner U+2060, the byte-order mark U+FEFF, the tag
// characters U+E0000-E007F, ...), the line and paragraph separators U+2028 and U+2029, and
// the other default-ignorable characters (Hangul fillers, the combining grapheme joiner).
// None shows, and a terminal draws them inconsistently: an id holding soft hyphens
// desynchronises the screen, and https://exa\u200bmple.com/ displays as example.com. The
// loader rejects them (with the bidirectional controls, which are reported as control
// characters) in every text field of a timeline.
//
// Two of them carry meaning inside words and are kept there: the zero-width non-joiner
// U+200C (Persian, Kurdish, Indic scripts) and the zero-width joiner U+200D (emoji
// sequences such as 👩‍💻, Indic conjuncts). They are accepted between two letters, marks,
// digits or symbols, except in ids, references to ids and URLs, where a reader must be
// able to tell two values apart by looking at them (a URL writes them percent-encoded).

// invisible reports whether r is an invisible character in the sense above. The few
// format characters that show (the Arabic number signs, the Syriac abbreviation mark and
// their kind) are not.
func invisible(r rune) bool {
	if r < 0xAD {
		return false
	}
	switch {
	case r >= 0x0600 && r <= 0x0605, r == 0x06DD, r == 0x070F, r == 0x0890, r == 0x0891,
		r == 0x08E2, r == 0x110BD, r == 0x110CD:
		return false // prepended concatenation marks: visible signs
	case r == 0x2028, r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// joiner reports whether r is one of the two invisible characters that may stand inside a
// word.
func joiner(r rune) bool { return r == 0x200C || r == 0x200D }

// inWord reports whether the joiner at s[i:i+size] stands between two characters that a
// joiner may join: letters, marks (a variation selector ends an emoji), digits, symbols.
func inWord(s string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+size:])
	return wordRune(before) && wordRune(after)
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r))
}

// InvisibleChar returns the first invisible character of s that text may not hold, and its
// byte offset. With strict, as for ids and URLs, the joiners U+200C and U+200D are
// refused too; without, they may stand inside a word.
func InvisibleChar(s string, strict bool) (rune, int, bool) {
	for i := 0; i < len(s); {
		if s[i] < 0xC2 { // ASCII, or not the start of a character from U+00AD up
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if invisible(r) && (strict || !joiner(r) || !inWord(s, i, size)) {
			return r, i, true
		}
		i += size
	}
	return 0, 0, false
}
