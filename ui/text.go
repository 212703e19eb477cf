package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// Text from a timeline file may be of any length: a title of a megabyte, a word without a
// space in it. Everything here reads no more of a text than it shows, so a frame costs
// what is on screen, never what is in the file.

// bytesPerCell bounds the bytes read for each cell shown: the longest grapheme clusters
// of real text (a flag, a family emoji) are under 32 bytes.
const bytesPerCell = 32

// maxFieldBytes bounds the bytes of one field of an event the detail pane lays out; the
// rest is replaced by a note saying how much was left out.
const maxFieldBytes = 64 << 10

// headOf returns the start of s that can fill w cells, cut at a character boundary, and
// whether anything was cut.
func headOf(s string, w int) (string, bool) {
	limit := (max(w, 0)+1)*bytesPerCell + 8
	return headBytes(s, limit)
}

// headBytes returns at most limit bytes of s, cut at a character boundary, and whether
// anything was cut.
func headBytes(s string, limit int) (string, bool) {
	if len(s) <= limit {
		return s, false
	}
	for limit > 0 && !utf8.RuneStart(s[limit]) {
		limit--
	}
	return s[:limit], true
}

// lineText returns a one-line field from the file, sanitised, cut to w cells with "…"
// when it is longer. It reads only the part of s it can show.
func lineText(s string, w int) string {
	head, cut := headOf(s, w)
	head = clean(head)
	if cut {
		return truncateTail(head, w, "…")
	}
	return truncate(head, w, "…")
}

// nextCluster returns the first grapheme cluster of s, which is plain text, and its width.
func nextCluster(s string) (string, int) {
	if c := s[0]; c < utf8.RuneSelf && (len(s) == 1 || s[1] < utf8.RuneSelf) {
		// ASCII not followed by a combining mark: one cell, the common case.
		return s[:1], 1
	}
	return ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
}

// textWidth is the width of plain text in cells, as the terminal shows it.
func textWidth(s string) int {
	n := 0
	for len(s) > 0 {
		c, w := nextCluster(s)
		n += w
		s = s[len(c):]
	}
	return n
}

// truncate cuts plain text (sanitised, without escape sequences) to at most w cells,
// ending it with tail when it is cut. It stops reading s once it knows the answer.
func truncate(s string, w int, tail string) string {
	if w <= 0 {
		return ""
	}
	tw := textWidth(tail)
	used, cutAt := 0, -1
	for i := 0; i < len(s); {
		c, cw := nextCluster(s[i:])
		if cutAt < 0 && used+cw > w-tw {
			cutAt = i
		}
		used += cw
		if used > w {
			if tw > w {
				return fit(s[:max(cutAt, 0)], w)
			}
			return s[:max(cutAt, 0)] + tail
		}
		i += len(c)
	}
	return s
}

// truncateTail cuts s, which is the start of a longer text, to w cells and always ends it
// with tail: something follows it.
func truncateTail(s string, w int, tail string) string {
	if w <= 0 {
		return ""
	}
	tw := textWidth(tail)
	if tw > w {
		return ""
	}
	head, _ := splitWidth(s, w-tw)
	return head + tail
}

// fit cuts s to at most w cells, without a tail.
func fit(s string, w int) string {
	head, _ := splitWidth(s, w)
	return head
}

// splitWidth splits plain text into the start that fits in w cells and the rest.
func splitWidth(s string, w int) (head, rest string) {
	used := 0
	for i := 0; i < len(s); {
		c, cw := nextCluster(s[i:])
		if used+cw > w {
			return s[:i], s[i:]
		}
		used += cw
		i += len(c)
	}
	return s, ""
}

// cut splits s, which is not empty, into the start that fits in room cells and the rest.
// When not even the first character fits (a wide one in a pane one cell wide), a "…"
// stands in for it, so that the start is never empty, never wider than room (at least
// 1), and never half a character.
func cut(s string, room int) (start, rest string) {
	start, rest = splitWidth(s, room)
	if start == "" {
		c, _ := nextCluster(s)
		return "…", s[len(c):]
	}
	return start, rest
}

// padRight pads plain text with spaces to w cells.
func padRight(s string, w int) string {
	if n := textWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// exactWidth cuts or pads a rendered line, which may hold escape sequences, to exactly w
// cells, so that panes beside it line up without measuring it again.
func exactWidth(line string, w int) string {
	lw := ansi.StringWidth(line)
	switch {
	case lw > w:
		return ansi.Truncate(line, w, "")
	case lw < w:
		return line + strings.Repeat(" ", w-lw)
	}
	return line
}

// wrap word-wraps plain text to width w, breaking words longer than a line, and indents
// every line after the first by indent spaces. Runs of spaces collapse to one, and a
// leading indent of the text is kept. It returns at most maxLines lines, and whether text
// was left out; the lines are never wider than w. Its cost is that of the lines it
// returns, whatever the length of text.
func wrap(text string, w, indent, maxLines int) (lines []string, more bool) {
	if w <= 0 || maxLines <= 0 {
		return nil, text != ""
	}
	if indent >= w {
		indent = 0
	}
	lead := len(text) - len(strings.TrimLeft(text, " "))
	var cur strings.Builder
	curW := min(lead, w-1)
	cur.WriteString(strings.Repeat(" ", curW))
	lineStart := curW
	flush := func() bool {
		lines = append(lines, cur.String())
		cur.Reset()
		cur.WriteString(strings.Repeat(" ", indent))
		curW, lineStart = indent, indent
		return len(lines) < maxLines
	}
	rest := text
	for {
		word, after, ok := nextWord(rest)
		if !ok {
			break
		}
		rest = after
		head, long := headOf(word, w) // a word wider than the line is measured in pieces
		ww := w + 1
		if !long {
			ww = textWidth(word)
		}
		if curW > lineStart {
			if curW+1+ww <= w {
				cur.WriteByte(' ')
				cur.WriteString(word)
				curW += 1 + ww
				continue
			}
			if !flush() {
				return lines, true
			}
		}
		for ww > w-curW {
			// A word longer than the line: cut it, one line's worth at a time.
			piece, _ := cut(head, w-curW)
			used := len(piece)
			if !strings.HasPrefix(word, piece) {
				// cut put "…" for a character too wide for the line: that character goes.
				c, _ := nextCluster(word)
				used = len(c)
			}
			word = word[used:]
			cur.WriteString(piece)
			if !flush() {
				return lines, true
			}
			head, long = headOf(word, w)
			ww = w + 1
			if !long {
				ww = textWidth(word)
			}
		}
		cur.WriteString(word)
		curW += ww
	}
	if curW > lineStart || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines, false
}

// nextWord returns the first word of s, separated by spaces or newlines, and what follows
// it.
func nextWord(s string) (word, rest string, ok bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\n') {
		i++
	}
	if i == len(s) {
		return "", "", false
	}
	j := i
	for j < len(s) && s[j] != ' ' && s[j] != '\n' {
		j++
	}
	return s[i:j], s[j:], true
}

// Terminals do not agree on the width of some grapheme clusters: an emoji sequence joined
// by U+200D, a character made emoji by U+FE0F, an emoji with a skin tone. Bubble Tea draws
// with the width of each character (wcwidth) unless the terminal says it measures whole
// clusters (mode 2027); the layout here measures clusters. Where the two differ, a line
// is wider or narrower on screen than laid out, and whatever follows it on the screen
// moves: the rule between the panes, the marks at a row's end. So every text from a file
// is made of clusters both measures agree on before it is laid out: the joiners and
// modifiers that make them differ are dropped (a family emoji shows as its people, a
// heart in its text form), and a cluster that still differs is replaced by U+FFFD.

// clean is timeline.SanitizeLine for the screen: one line, no control characters, and no
// cluster whose width terminals disagree on.
func clean(s string) string { return stableWidth(timeline.SanitizeLine(s)) }

// cleanText is timeline.Sanitize for the screen: clean, keeping line breaks.
func cleanText(s string) string { return stableWidth(timeline.Sanitize(s)) }

// stableWidth returns s with every cluster whose width depends on how it is measured
// rewritten as clusters whose width does not. It allocates only when it changes s.
func stableWidth(s string) string {
	if isASCII(s) {
		return s
	}
	var b *strings.Builder
	for i := 0; i < len(s); {
		c, w := nextCluster(s[i:])
		ok := len(c) == 1 || ansi.StringWidthWc(c) == w
		if !ok && b == nil {
			b = &strings.Builder{}
			b.Grow(len(s))
			b.WriteString(s[:i])
		}
		switch {
		case !ok:
			writeStable(b, c)
		case b != nil:
			b.WriteString(c)
		}
		i += len(c)
	}
	if b == nil {
		return s
	}
	return b.String()
}

// writeStable writes cluster c, whose width depends on how it is measured, without the
// characters that join or modify it; what still depends on it becomes U+FFFD.
func writeStable(b *strings.Builder, c string) {
	var rest strings.Builder
	for _, r := range c {
		if !widthModifier(r) {
			rest.WriteRune(r)
		}
	}
	s := rest.String()
	for len(s) > 0 {
		d, w := nextCluster(s)
		if len(d) == 1 || ansi.StringWidthWc(d) == w {
			b.WriteString(d)
		} else {
			b.WriteRune(utf8.RuneError)
		}
		s = s[len(d):]
	}
}

// widthModifier reports whether r changes the width of the cluster it is in: the zero
// width joiner, the emoji and text presentation selectors, the skin tones.
func widthModifier(r rune) bool {
	return r == 0x200D || r == 0xFE0F || r == 0xFE0E || r >= 0x1F3FB && r <= 0x1F3FF
}
