package ui

import (
	"strconv"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// dateWidth is the narrowest the list's date column gets: "2024-06-15" and the arrow of
// an event that lasted.
const dateWidth = 11

// maxDateWidth is the widest it gets: "by 2026-02-04→"; wider windows are cut.
const maxDateWidth = 14

// dateColumn returns the width of the date column for t: that of the widest date, as
// Event.ShortSpan writes it, between dateWidth and maxDateWidth. Only windows and
// qualified dates can be wider than dateWidth.
func dateColumn(t *timeline.Timeline) int {
	w := dateWidth
	for i := range t.Events {
		e := &t.Events[i]
		if e.Date.IsWindow() || e.Date.From.Qual != 0 {
			w = max(w, min(textWidth(e.ShortSpan()), maxDateWidth))
		}
	}
	return w
}

// dateWidth returns the width of the date column.
func (l *listPane) dateWidth() int { return max(l.dateW, dateWidth) }

// mayFallGlyph marks, before its date, an event that only may fall in the dates asked
// for: its date is a window, or too coarse, and reaches past an edge of the range.
const mayFallGlyph = "◌"

// maxMarks is how many theme marks a row shows.
const maxMarks = 3

// marksWidth is the width of a row's marks: the theme marks, a space, the status mark.
const marksWidth = maxMarks + 2

// View renders the rows on screen, each exactly the list's width.
func (l *listPane) View() string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	if len(l.rows) == 0 {
		msg := "No events match; " + l.keys.Clear.Help().Key + " clears the filters, " + l.keys.Undo.Help().Key + " undoes the last."
		return padRight(l.styles.List.Empty.Render(truncate(msg, l.width, "…")), l.width)
	}
	if l.cache == nil {
		l.cache = make(map[*timeline.Event]string, 2*l.height)
		l.years = nil
	}
	if l.years == nil {
		l.years = make(map[int]string)
	}
	var b strings.Builder
	end := min(len(l.rows), l.offset+l.height)
	for r := l.offset; r < end; r++ {
		if r > l.offset {
			b.WriteByte('\n')
		}
		row := l.rows[r]
		switch {
		case row.ev == nil:
			s, ok := l.years[row.year]
			if !ok {
				s = l.renderYear(row.year)
				l.years[row.year] = s
			}
			b.WriteString(s)
		case r == l.cursor:
			b.WriteString(l.renderEvent(row.ev, true))
		default:
			s, ok := l.cache[row.ev]
			if !ok {
				s = l.renderEvent(row.ev, false)
				if len(l.cache) > 4*l.height+64 {
					clear(l.cache)
				}
				l.cache[row.ev] = s
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

func (l *listPane) renderYear(year int) string {
	p := &l.styles.ListPaint
	label := " " + strconv.Itoa(year) + " "
	count := " " + plural(l.yearCount[year], "event") + " "
	w, cw := len(label), len(count)
	switch {
	case w >= l.width:
		label = fit(label, l.width)
		return p.Year.Render(label) + strings.Repeat(" ", l.width-len(label))
	case w+cw+2 > l.width:
		return p.Year.Render(label) + p.YearRule.Render(strings.Repeat("─", l.width-w))
	}
	return p.Year.Render(label) + p.YearRule.Render("─") + p.Status.Render(count) +
		p.YearRule.Render(strings.Repeat("─", l.width-w-cw-1))
}

// renderEvent renders one event row: a cursor bar, the date at its precision, the title
// and the marks of its themes and status, exactly the list's width.
func (l *listPane) renderEvent(e *timeline.Event, selected bool) string {
	s := l.styles
	w := l.width
	marks, plainMarks := l.marks(e)
	marksW := marksWidth
	dateW := l.dateWidth()
	date := padRight(truncate(e.ShortSpan(), dateW, "…"), dateW)

	bar := "  "
	if selected {
		bar = "▌ "
	}
	// The bar's second cell says that the event only may fall in the dates asked for.
	may := l.mayOnly != nil && l.mayOnly(e)
	if may {
		bar = bar[:len(bar)-1] + mayFallGlyph
	}
	// Layout: bar(2) date space title pad space marks: exactly w cells, so that the line
	// needs no measuring once built.
	ann, plainAnn := l.annotation(e)
	room := w - 2 - dateW - 1 - l.annW - 1 - marksW
	if room < 4 {
		// Too narrow for the date: the reader's marks and the title only.
		marks, plainMarks, marksW = "", "", 0
		room = w - 2 - l.annW
		date = ""
		if room < 4 {
			ann, plainAnn, room = "", "", w-2
		}
	}
	title := lineText(e.Title, max(room, 0))
	pad := strings.Repeat(" ", max(room-textWidth(title), 0))

	var b strings.Builder
	if selected {
		row := s.ListPaint.Selected
		if !l.focused {
			row = s.ListPaint.SelectedDim
		}
		b.WriteString(s.ListPaint.Cursor.Render(bar))
		if date != "" {
			b.WriteString(row.Render(date + " "))
		}
		b.WriteString(row.Render(plainAnn + title + pad))
		if marksW > 0 {
			// The marks lose their colours here so that the bar runs unbroken.
			b.WriteString(row.Render(" " + plainMarks))
		}
	} else {
		if may {
			b.WriteString(bar[:len(bar)-len(mayFallGlyph)])
			b.WriteString(s.ListPaint.Status.Render(mayFallGlyph))
		} else {
			b.WriteString(bar)
		}
		if date != "" {
			b.WriteString(s.ListPaint.Date.Render(date))
			b.WriteByte(' ')
		}
		b.WriteString(ann)
		b.WriteString(highlight(s.ListPaint.Title, s.DetailPaint.Match, title, l.terms))
		b.WriteString(pad)
		if marksW > 0 {
			b.WriteByte(' ')
			b.WriteString(marks)
		}
	}
	if w < 2 {
		return exactWidth(b.String(), w)
	}
	return b.String()
}

// statusGlyph is a one-cell mark for each status, so that a glance tells a confirmed event
// from an alleged one.
func statusGlyph(status string) string {
	switch strings.ToLower(status) {
	case "confirmed":
		return "✓"
	case "reported":
		return "·"
	case "alleged":
		return "?"
	case "disputed":
		return "±"
	case "denied":
		return "✗"
	case "scheduled":
		return "◷"
	}
	return " "
}

// marks renders a row's theme marks, one colour per theme, a space and its status mark,
// padded to marksWidth so titles line up; plain is the same without colour.
func (l *listPane) marks(e *timeline.Event) (marks, plain string) {
	var b, p strings.Builder
	n := 0
	for _, th := range e.Themes {
		if n == maxMarks {
			break
		}
		m := themeMark(l.styles, l.letters, th)
		b.WriteString(l.styles.themePaint(th).Render(m))
		p.WriteString(m)
		n++
	}
	gap := strings.Repeat(" ", maxMarks-n+1)
	glyph := statusGlyph(e.Status)
	b.WriteString(gap)
	b.WriteString(l.styles.ListPaint.Status.Render(glyph))
	p.WriteString(gap)
	p.WriteString(glyph)
	return b.String(), p.String()
}

// themeMark is a theme's mark in the list: a dot in its colour, or without colour, where
// a dot says nothing, the letter themeLetters gave it.
func themeMark(s *Styles, letters map[string]string, id string) string {
	if !s.NoColor {
		return "●"
	}
	if l, ok := letters[id]; ok {
		return l
	}
	return "•"
}

// themeLetters gives each theme of t a letter of its own for when there is no colour: the
// first letter of its name or id that no theme before it took.
func themeLetters(t *timeline.Timeline) map[string]string {
	letters := make(map[string]string, len(t.Themes))
	taken := map[rune]bool{}
	for _, th := range t.Themes {
		for _, r := range strings.ToLower(headOfString(th.Name, 64) + headOfString(th.ID, 64) + "abcdefghijklmnopqrstuvwxyz") {
			if (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') && !taken[r] {
				taken[r] = true
				letters[th.ID] = string(r)
				break
			}
		}
	}
	return letters
}

// headOfString is the first n bytes of s at most, cut at a character boundary.
func headOfString(s string, n int) string {
	h, _ := headBytes(s, n)
	return h
}

// plural returns "1 event" or "n events".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
