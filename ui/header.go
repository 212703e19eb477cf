package ui

import (
	"strconv"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// headerView draws the title on the left and "N of M events" on the right; while a
// picker or the search previews a change, the count says so, and while the timeline
// loads, loading says how far ("so far · 45%").
func headerView(s *Styles, title string, shown, total int, preview bool, loading string, w int) string {
	count := strconv.Itoa(shown) + " of " + plural(total, "event") + loading
	if preview {
		count = "preview: " + count
	}
	room := w - len(count) - 2
	if room < 8 {
		return s.Header.Count.Render(truncate(count, w, "…"))
	}
	title = lineText(title, room)
	gap := w - textWidth(title) - len(count)
	return s.Header.Title.Render(title) + strings.Repeat(" ", max(gap, 1)) + s.Header.Count.Render(count)
}

// chipsView draws the parts of the filter, or how to add one, on up to rows lines joined
// by newlines. A part being previewed is drawn in italics; hints say how many events only
// may fall in the dates (mays), how to undo and clear. Every part stays in sight: parts
// that do not fit on one line go on to the next, and when rows lines are not enough
// either, the longest values are shortened, each to the same width, until they fit.
func chipsView(s *Styles, k *keyMap, t *timeline.Timeline, shown, applied timeline.Filter, canUndo bool, mays, w, rows int) string {
	chips := chipsOf(t, shown)
	if len(chips) == 0 {
		// The dates come before the pickers of less use, which a narrow line cuts.
		pairs := []string{k.Search.Help().Key, k.Search.Help().Desc}
		for i, pk := range pickerKinds {
			if i == 2 {
				pairs = append(pairs, k.Dates.Help().Key, k.Dates.Help().Desc)
			}
			b := pk.key(k)
			pairs = append(pairs, b.Help().Key, b.Help().Desc)
		}
		hint := "All events · " + hintOf(pairs...)
		if canUndo {
			hint += " · " + k.Undo.Help().Key + " " + k.Undo.Help().Desc
		}
		return s.Header.Hint.Render(truncate(hint, w, "…"))
	}
	inForce := map[chip]bool{}
	for _, c := range chipsOf(t, applied) {
		inForce[c] = true
	}
	values := make([]string, len(chips))
	longest := 0
	for i, c := range chips {
		values[i] = lineText(c.value, w)
		longest = max(longest, textWidth(values[i]))
	}
	rows = max(rows, 1)
	// One line when all fit, else as many as need be, else values cut to a width.
	fit := func(limit, rows int) ([]string, []int, []int) {
		vs, widths := make([]string, len(chips)), make([]int, len(chips))
		for i, c := range chips {
			vs[i] = values[i]
			if textWidth(vs[i]) > limit {
				vs[i] = truncate(vs[i], limit, "…")
			}
			widths[i] = chipWidth(c, vs[i])
		}
		starts := chipRows(widths, w, rows)
		if starts == nil {
			return nil, nil, nil
		}
		return vs, widths, starts
	}
	vs, widths, starts := fit(longest, 1)
	if starts == nil {
		vs, widths, starts = fit(longest, rows)
	}
	for limit := longest - 1; starts == nil && limit >= 1; limit-- {
		vs, widths, starts = fit(limit, rows)
	}
	if starts == nil { // too narrow for a letter of each: those that fit on the first line
		vs, widths = make([]string, len(chips)), make([]int, len(chips))
		used := 0
		for i, c := range chips {
			vs[i] = truncate(values[i], 1, "…")
			widths[i] = chipWidth(c, vs[i])
			if used+widths[i] > w {
				chips, vs, widths = chips[:i], vs[:i], widths[:i]
				break
			}
			used += widths[i] + 1
		}
		starts = []int{0}
	}

	lines := make([]string, len(starts))
	used := make([]int, len(starts))
	for r, from := range starts {
		to := len(chips)
		if r+1 < len(starts) {
			to = starts[r+1]
		}
		var b strings.Builder
		for i := from; i < to; i++ {
			if i > from {
				b.WriteByte(' ')
				used[r]++
			}
			c := chips[i]
			style := s.Header.Chip
			if !inForce[c] {
				style = s.Header.ChipPreview
			}
			b.WriteString(style.Render(s.Header.ChipKind.Render(c.kind) + s.Header.ChipKind.Render(chipGap(c)) + vs[i]))
			used[r] += widths[i]
		}
		lines[r] = b.String()
	}
	// The hints go at the end of the last line, or of the first with room.
	var hints []string
	if mays > 0 {
		// What the marks in the list mean, where the dates are: no surprise.
		hints = append(hints, "  "+mayFallGlyph+" "+strconv.Itoa(mays)+" may fall outside")
	}
	if canUndo {
		hints = append(hints, "  "+hintOf(k.Undo.Help().Key, "undo", k.Clear.Help().Key, "clear"))
	}
	for _, h := range hints {
		for r := len(lines) - 1; r >= 0; r-- {
			if used[r]+textWidth(h) <= w {
				lines[r] += s.Header.Hint.Render(h)
				used[r] += textWidth(h)
				break
			}
		}
	}
	return strings.Join(lines, "\n")
}

// chipGap is what goes between a chip's kind and its value: a part without values
// (marked) has none.
func chipGap(c chip) string {
	if c.value == "" {
		return ""
	}
	return " "
}

// chipWidth is how wide the chip c is drawn with the value v, its padding included.
func chipWidth(c chip, v string) int {
	return len(c.kind) + len(chipGap(c)) + textWidth(v) + 2
}

// chipRows places chips of the widths given on at most rows lines of w cells, in order, a
// space between two on a line, and returns the index of the first chip of each line;
// nil when they do not fit.
func chipRows(widths []int, w, rows int) []int {
	starts, used := []int{0}, 0
	for i, cw := range widths {
		if cw > w {
			return nil
		}
		if used > 0 && used+1+cw > w {
			if len(starts) == rows {
				return nil
			}
			starts, used = append(starts, i), 0
		}
		if used > 0 {
			used++
		}
		used += cw
	}
	return starts
}

// hintOf joins pairs of key and word: "/ search · a actors".
func hintOf(pairs ...string) string {
	var parts []string
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, pairs[i]+" "+pairs[i+1])
	}
	return strings.Join(parts, " · ")
}
