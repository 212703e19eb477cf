package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// listRow is one line of the list: an event, or the heading of a year when ev is nil.
type listRow struct {
	ev   *timeline.Event
	year int
}

// listModel is the chronological list of the events the filter keeps, grouped under year
// headings. It renders only the rows on screen, so its cost does not grow with the
// timeline.
type listModel struct {
	styles *Styles
	keys   *keyMap
	t      *timeline.Timeline

	rows    []listRow
	events  []*timeline.Event // the events the filter keeps, in timeline order
	cursor  int               // index into rows of the selected row; always an event row
	offset  int               // index into rows of the first row on screen
	focused bool

	width, height int
	cache         map[*timeline.Event]string // rendered rows, not selected, at this width
	years         map[int]string             // rendered year headings at this width
	yearCount     map[int]int                // listed events per year
	terms         []string                   // search terms to highlight in titles
}

func newList(s *Styles, k *keyMap) listModel {
	return listModel{styles: s, keys: k, focused: true}
}

// SetSize sets the list's size, dropping rendered rows that had the old width.
func (l *listModel) SetSize(w, h int) {
	if w != l.width {
		l.cache = nil
	}
	l.width, l.height = max(w, 0), max(h, 0)
	l.scrollToCursor()
}

// SetTerms sets the search terms to highlight in titles.
func (l *listModel) SetTerms(terms []string) {
	if !slices.Equal(terms, l.terms) {
		l.terms = terms
		l.cache = nil
	}
}

// restyle drops rendered rows after the styles change.
func (l *listModel) restyle() { l.cache, l.years = nil, nil }

// SetEvents replaces the listed events with those a new filter keeps. The selection stays
// on the event selected before when it is still listed, else moves to the nearest by date.
func (l *listModel) SetEvents(t *timeline.Timeline, events []*timeline.Event) {
	prev := l.Selected()
	if t != l.t {
		l.cache = nil
	}
	l.t = t
	l.events = events
	rows := l.rows[:0]
	if cap(rows) < len(events)+len(events)/8+8 {
		rows = make([]listRow, 0, len(events)+len(events)/8+8)
	}
	year := 0
	l.yearCount = make(map[int]int)
	for i, e := range events {
		if i == 0 || e.Date.Year != year {
			year = e.Date.Year
			rows = append(rows, listRow{year: year})
		}
		rows = append(rows, listRow{ev: e, year: year})
		l.yearCount[year]++
	}
	l.rows = rows
	l.years = nil // headings show the counts
	l.cursor = 0
	if prev != nil {
		l.selectNearest(prev)
	} else {
		l.cursor = l.nextEventRow(0, 1)
	}
	l.scrollToCursor()
}

// selectNearest selects e, or when e is not listed the listed event nearest to it in
// timeline order, which is date order.
func (l *listModel) selectNearest(e *timeline.Event) {
	if len(l.events) == 0 {
		l.cursor = 0
		return
	}
	i := searchEvents(l.events, e)
	if i >= len(l.events) {
		i = len(l.events) - 1
	}
	l.selectEvent(l.events[i])
}

// searchEvents returns the position of e in events, sorted in timeline order, or where it
// would be.
func searchEvents(events []*timeline.Event, e *timeline.Event) int {
	lo, hi := 0, len(events)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if eventBefore(events[mid], e) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// eventBefore orders events as Timeline.Events is sorted: by date, then id.
func eventBefore(a, b *timeline.Event) bool {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c < 0
	}
	return a.ID < b.ID
}

// selectEvent moves the cursor to e when it is listed; it reports whether it was.
func (l *listModel) selectEvent(e *timeline.Event) bool {
	i := searchEvents(l.events, e)
	if i >= len(l.events) || l.events[i] != e {
		return false
	}
	// Rows hold the events in the same order, each year's preceded by its heading.
	r := i + l.yearsBefore(i)
	if r >= len(l.rows) || l.rows[r].ev != e {
		return false
	}
	l.cursor = r
	l.scrollToCursor()
	return true
}

// yearsBefore counts the year headings up to and including that of events[i]: the
// distinct years among events[:i+1].
func (l *listModel) yearsBefore(i int) int {
	n, year := 0, 0
	for j := 0; j <= i && j < len(l.events); {
		year = l.events[j].Date.Year
		n++
		// Jump to the first event of the next year.
		j = j + searchYearEnd(l.events[j:], year)
	}
	return n
}

// searchYearEnd returns the number of events at the start of events dated in year.
func searchYearEnd(events []*timeline.Event, year int) int {
	lo, hi := 0, len(events)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if events[mid].Date.Year <= year {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Selected returns the selected event, or nil when the list is empty.
func (l *listModel) Selected() *timeline.Event {
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return nil
	}
	return l.rows[l.cursor].ev
}

// Len returns the number of listed events.
func (l *listModel) Len() int { return len(l.events) }

// nextEventRow returns the first event row from r going in direction dir (+1 or -1), or
// the nearest event row the other way when there is none.
func (l *listModel) nextEventRow(r, dir int) int {
	for i := r; i >= 0 && i < len(l.rows); i += dir {
		if l.rows[i].ev != nil {
			return i
		}
	}
	for i := r; i >= 0 && i < len(l.rows); i -= dir {
		if l.rows[i].ev != nil {
			return i
		}
	}
	return 0
}

// move moves the selection by n events (negative is up).
func (l *listModel) move(n int) {
	if len(l.rows) == 0 {
		return
	}
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	r := l.cursor
	for ; n > 0; n-- {
		next := r + dir
		for next >= 0 && next < len(l.rows) && l.rows[next].ev == nil {
			next += dir
		}
		if next < 0 || next >= len(l.rows) {
			break
		}
		r = next
	}
	l.cursor = r
	l.scrollToCursor()
}

// jumpYear selects the first event of the previous (dir -1) or next (dir +1) year.
func (l *listModel) jumpYear(dir int) {
	if len(l.rows) == 0 {
		return
	}
	cur := l.rows[l.cursor].year
	if dir > 0 {
		for r := l.cursor + 1; r < len(l.rows); r++ {
			if l.rows[r].ev == nil {
				l.cursor = r + 1
				l.scrollTo(r)
				return
			}
		}
		return
	}
	// Back: the heading of the current year, then the one before it.
	for r := l.cursor - 1; r >= 0; r-- {
		if l.rows[r].ev == nil && l.rows[r].year < cur {
			for r > 0 && l.rows[r-1].year == l.rows[r].year {
				r--
			}
			l.cursor = r + 1
			l.scrollTo(r)
			return
		}
	}
	l.cursor = l.nextEventRow(0, 1)
	l.scrollTo(0)
}

// scrollTo makes row r and the cursor visible, r at the top when possible.
func (l *listModel) scrollTo(r int) {
	l.offset = r
	l.scrollToCursor()
}

func (l *listModel) top() {
	l.cursor = l.nextEventRow(0, 1)
	l.offset = 0
	l.scrollToCursor()
}

func (l *listModel) bottom() {
	l.cursor = l.nextEventRow(len(l.rows)-1, -1)
	l.scrollToCursor()
}

// scrollToCursor keeps the cursor on screen with a little context, and shows the year
// heading of the first event when the list is at its top.
func (l *listModel) scrollToCursor() {
	h := l.height
	if h <= 0 || len(l.rows) == 0 {
		l.offset = 0
		return
	}
	margin := min(2, (h-1)/2)
	if l.cursor-margin < l.offset {
		l.offset = l.cursor - margin
	}
	if l.cursor+margin >= l.offset+h {
		l.offset = l.cursor + margin - h + 1
	}
	l.offset = max(0, min(l.offset, len(l.rows)-h))
}

// clickRow selects the event at line y of the list, when there is one; it reports whether
// the selection changed.
func (l *listModel) clickRow(y int) bool {
	r := l.offset + y
	if y < 0 || y >= l.height || r >= len(l.rows) {
		return false
	}
	if l.rows[r].ev == nil {
		r = l.nextEventRow(r, 1)
	}
	changed := r != l.cursor
	l.cursor = r
	l.scrollToCursor()
	return changed
}

// Update moves the selection on the keys that move it.
func (l listModel) Update(msg tea.Msg) (listModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return l, nil
	}
	switch {
	case key.Matches(k, l.keys.Down):
		l.move(1)
	case key.Matches(k, l.keys.Up):
		l.move(-1)
	case key.Matches(k, l.keys.PageDown):
		l.move(max(1, l.height-1))
	case key.Matches(k, l.keys.PageUp):
		l.move(-max(1, l.height-1))
	case key.Matches(k, l.keys.Top):
		l.top()
	case key.Matches(k, l.keys.Bottom):
		l.bottom()
	case key.Matches(k, l.keys.NextYear):
		l.jumpYear(1)
	case key.Matches(k, l.keys.PrevYear):
		l.jumpYear(-1)
	}
	return l, nil
}

// View renders the rows on screen.
func (l *listModel) View() string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	if len(l.rows) == 0 {
		return exactWidth(l.styles.List.Empty.Render(ansi.Truncate("No events match; x clears the filters.", l.width, "…")), l.width)
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

func (l *listModel) renderYear(year int) string {
	label := " " + strconv.Itoa(year) + " "
	count := " " + plural(l.yearCount[year], "event") + " "
	w, cw := ansi.StringWidth(label), ansi.StringWidth(count)
	switch {
	case w >= l.width:
		label = ansi.Truncate(label, l.width, "")
		return l.styles.ListPaint.Year.Render(label) + strings.Repeat(" ", l.width-ansi.StringWidth(label))
	case w+cw+2 > l.width:
		return l.styles.ListPaint.Year.Render(label) + l.styles.ListPaint.YearRule.Render(strings.Repeat("─", l.width-w))
	}
	return l.styles.ListPaint.Year.Render(label) + l.styles.ListPaint.YearRule.Render("─") +
		l.styles.ListPaint.Status.Render(count) + l.styles.ListPaint.YearRule.Render(strings.Repeat("─", l.width-w-cw-1))
}

// dateWidth is the width of the date column: "2024-06-15", the arrow of a span and a space.
const dateWidth = 12

// renderEvent renders one event row: a cursor bar, the date at its precision, the title
// and the marks of its themes and status, cut to the list's width.
func (l *listModel) renderEvent(e *timeline.Event, selected bool) string {
	s := l.styles
	w := l.width
	marks, plainMarks := l.marks(e)
	marksW := maxMarks + 1
	date := e.Date.Human()
	if e.End.IsZero() {
		date = padRight(date, dateWidth-1)
	} else {
		date = padRight(date+"→", dateWidth-1)
	}
	title := timeline.SanitizeLine(e.Title)

	bar := "  "
	if selected {
		bar = "▌ "
	}
	// Layout: bar(2) date(dateWidth-1) space title pad space marks: exactly w cells, so
	// that the line needs no measuring once built.
	room := w - 2 - dateWidth - marksW - 1
	if room < 4 {
		// Too narrow for the date: title only.
		marks, plainMarks, marksW = "", "", 0
		room = w - 2
		date = ""
	}
	titleCut := ansi.Truncate(title, max(room, 0), "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(titleCut), 0))

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
		b.WriteString(row.Render(titleCut + pad))
		if marksW > 0 {
			// The marks lose their colours here so that the bar runs unbroken.
			b.WriteString(row.Render(" " + plainMarks))
		}
	} else {
		b.WriteString(bar)
		if date != "" {
			b.WriteString(s.ListPaint.Date.Render(date))
			b.WriteByte(' ')
		}
		b.WriteString(highlight(s.ListPaint.Title, s.DetailPaint.Match, titleCut, l.terms))
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

// maxMarks is how many theme marks a row shows.
const maxMarks = 3

// marks renders a row's theme dots, one colour per theme, and its status glyph, padded to
// a fixed width (maxMarks+1) so titles line up; plain is the same without colour.
func (l *listModel) marks(e *timeline.Event) (marks, plain string) {
	var b, p strings.Builder
	n := 0
	for _, th := range e.Themes {
		if n == maxMarks {
			break
		}
		if l.styles.NoColor {
			// Without colour a dot says nothing; the theme's initial does.
			letter := strings.ToLower(firstLetter(th))
			b.WriteString(letter)
			p.WriteString(letter)
		} else {
			b.WriteString(l.styles.themePaint(th).Render("●"))
			p.WriteString("●")
		}
		n++
	}
	gap := strings.Repeat(" ", maxMarks-n)
	glyph := statusGlyph(e.Status)
	b.WriteString(gap)
	b.WriteString(l.styles.ListPaint.Status.Render(glyph))
	p.WriteString(gap)
	p.WriteString(glyph)
	return b.String(), p.String()
}

func firstLetter(s string) string {
	for _, r := range timeline.SanitizeLine(s) {
		if ansi.StringWidth(string(r)) == 1 {
			return string(r)
		}
		break
	}
	return "•"
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// ShortHelp returns the list's keys for the short help.
func (l listModel) ShortHelp() []key.Binding { return browseHelp{l.keys}.ShortHelp() }

// FullHelp returns the list's keys for the full help.
func (l listModel) FullHelp() [][]key.Binding { return browseHelp{l.keys}.FullHelp() }

// exactWidth cuts or pads a rendered line to exactly w cells, so that panes beside it
// line up without measuring it again.
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
