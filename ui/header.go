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

// chipsView draws the parts of the filter, or how to add one. A part being previewed is
// drawn in italics; hints say how many events only may fall in the dates (mays), how to
// undo and clear.
func chipsView(s *Styles, k *keyMap, t *timeline.Timeline, shown, applied timeline.Filter, canUndo bool, mays, w int) string {
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
	var b strings.Builder
	used := 0
	for i, c := range chips {
		value := lineText(c.value, w)
		gap := " " // between the kind and its value; a part without values (marked) has none
		if c.value == "" {
			gap = ""
		}
		cw := len(c.kind) + len(gap) + textWidth(value) + 2
		if i > 0 {
			if used+1 > w {
				break
			}
			b.WriteByte(' ')
			used++
		}
		if used+cw > w {
			// The last chip that fits in part.
			room := w - used - 2 - len(c.kind) - len(gap)
			if room < 2 {
				break
			}
			value = truncate(value, room, "…")
			cw = len(c.kind) + len(gap) + textWidth(value) + 2
		}
		style := s.Header.Chip
		if !inForce[c] {
			style = s.Header.ChipPreview
		}
		b.WriteString(style.Render(s.Header.ChipKind.Render(c.kind) + s.Header.ChipKind.Render(gap) + value))
		used += cw
		if used >= w {
			break
		}
	}
	if mays > 0 {
		// What the marks in the list mean, where the dates are: no surprise.
		may := "  " + mayFallGlyph + " " + strconv.Itoa(mays) + " may fall outside"
		if used+textWidth(may) <= w {
			b.WriteString(s.Header.Hint.Render(may))
			used += textWidth(may)
		}
	}
	hint := "  " + hintOf(k.Undo.Help().Key, "undo", k.Clear.Help().Key, "clear")
	if canUndo && used+textWidth(hint) <= w {
		b.WriteString(s.Header.Hint.Render(hint))
	}
	return b.String()
}

// hintOf joins pairs of key and word: "/ search · a actors".
func hintOf(pairs ...string) string {
	var parts []string
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, pairs[i]+" "+pairs[i+1])
	}
	return strings.Join(parts, " · ")
}
