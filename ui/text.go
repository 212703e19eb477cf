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
	head = timeline.SanitizeLine(head)
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
