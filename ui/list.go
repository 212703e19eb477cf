package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// listRow is one line of the list: an event, or the heading of a year when ev is nil.
type listRow struct {
	ev   *timeline.Event
	year int
}

// listPane is the chronological list of the events the filter keeps, grouped under year
// headings. It renders only the rows on screen, so its cost does not grow with the
// timeline.
type listPane struct {
	styles *Styles
	keys   *keyMap

	rows   []listRow
	events []*timeline.Event // the events the filter keeps, in timeline order
	cursor int               // index into rows of the selected row; always an event row
	offset int               // index into rows of the first row on screen
	// chosen is the offset the reader's moves left: a change of the list's height alone
	// (a long status message taking rows for a moment) keeps to it, so the rows do
	// not shift when the message comes, nor stay shifted when it goes.
	chosen  int
	focused bool
	titleW  int               // the widest title of the timeline, in cells, capped
	dateW   int               // the width of the date column: the widest date, 11 at least
	letters map[string]string // theme marks without colour

	width, height int
	cache         map[*timeline.Event]string // rendered rows, not selected, at this width
	years         map[int]string             // rendered year headings at this width
	yearCount     map[int]int                // listed events per year
	terms         []string                   // search terms to highlight in titles
	// mayOnly tells the events that only may fall in the filter's dates (see
	// timeline.Filter.MayOnly), nil without dates; dates is those dates, for the cache.
	mayOnly func(*timeline.Event) bool
	dates   string
	mays    int             // how many listed events only may fall in the dates
	notes   *notebook.State // the reader's marks and notes; nil for none
	annW    int             // the width of their column: 0 until there is one
}

var _ component = (*listPane)(nil)

func newList(s *Styles, k *keyMap) listPane {
	return listPane{styles: s, keys: k, focused: true}
}

// SetSize sets the list's size, dropping rendered rows that had the old width. A
// change of height alone scrolls only as far as the cursor needs.
func (l *listPane) SetSize(w, h int) {
	w, h = max(w, 0), max(h, 0)
	heightOnly := w == l.width && h != l.height && l.height > 0 && h > 0
	if w != l.width {
		l.cache = nil
	}
	l.width, l.height = w, h
	if !heightOnly || len(l.rows) == 0 {
		l.scrollToCursor()
		return
	}
	l.offset = l.chosen
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
	l.offset = max(0, min(l.offset, len(l.rows)-h))
}

// SetStyles drops rendered rows after the styles change.
func (l *listPane) SetStyles(s *Styles) { l.styles, l.cache, l.years = s, nil, nil }

// Focus shows the selection at full strength.
func (l *listPane) Focus() tea.Cmd {
	if !l.focused {
		l.focused = true
	}
	return nil
}

// Blur dims the selection: something else has the keyboard.
func (l *listPane) Blur() { l.focused = false }

// SetTimeline measures the titles of t, for NeededWidth.
func (l *listPane) SetTimeline(t *timeline.Timeline) {
	l.cache = nil
	l.titleW = 0
	l.letters = themeLetters(t)
	l.dateW = dateColumn(t)
	const most = 120 // wider titles are cut whatever the terminal
	for i := range t.Events {
		title := t.Events[i].Title
		// A title is never wider than its bytes: only those longer than the widest so
		// far are measured.
		if len(title) > l.titleW {
			l.titleW = max(l.titleW, min(textWidth(lineText(title, most)), most))
		}
	}
}

// NeededWidth is the width at which every title shows whole.
func (l *listPane) NeededWidth() int {
	return 2 + l.dateWidth() + 1 + l.annW + l.titleW + 1 + marksWidth
}

// SetDates marks the events that only may fall in f's dates, dropping rendered rows when
// the dates change.
func (l *listPane) SetDates(f timeline.Filter) {
	if d := f.Dates().String(); d != l.dates {
		l.dates, l.mayOnly, l.cache = d, f.MayOnly(), nil
	}
}

// MayFall returns how many listed events only may fall in the filter's dates.
func (l *listPane) MayFall() int { return l.mays }

// SetTerms sets the search terms to highlight in titles.
func (l *listPane) SetTerms(terms []string) {
	if !slices.Equal(terms, l.terms) {
		l.terms = terms
		l.cache = nil
	}
}

// SetEvents replaces the listed events with those a new filter keeps. The selection stays
// on the event selected before when it is still listed, else moves to the nearest by date.
func (l *listPane) SetEvents(events []*timeline.Event) {
	prev := l.Selected()
	l.events = events
	l.mays = 0
	if l.mayOnly != nil {
		for _, e := range events {
			if l.mayOnly(e) {
				l.mays++
			}
		}
	}
	rows := l.rows[:0]
	if cap(rows) < len(events)+len(events)/8+8 {
		rows = make([]listRow, 0, len(events)+len(events)/8+8)
	}
	year := 0
	l.yearCount = make(map[int]int)
	for i, e := range events {
		if i == 0 || e.Date.Year() != year {
			year = e.Date.Year()
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
func (l *listPane) selectNearest(e *timeline.Event) {
	if len(l.events) == 0 {
		l.cursor = 0
		return
	}
	i := searchEvents(l.events, e)
	if i >= len(l.events) {
		i = len(l.events) - 1
	}
	l.Select(l.events[i])
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

// Listed reports whether e is among the listed events.
func (l *listPane) Listed(e *timeline.Event) bool {
	i := searchEvents(l.events, e)
	return i < len(l.events) && l.events[i] == e
}

// Select moves the cursor to e when it is listed; it reports whether it was.
func (l *listPane) Select(e *timeline.Event) bool {
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
func (l *listPane) yearsBefore(i int) int {
	n := 0
	for j := 0; j <= i && j < len(l.events); {
		n++
		j += searchYearEnd(l.events[j:], l.events[j].Date.Year()) // the next year's first
	}
	return n
}

// searchYearEnd returns the number of events at the start of events dated in year.
func searchYearEnd(events []*timeline.Event, year int) int {
	lo, hi := 0, len(events)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if events[mid].Date.Year() <= year {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Selected returns the selected event, or nil when the list is empty.
func (l *listPane) Selected() *timeline.Event {
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return nil
	}
	return l.rows[l.cursor].ev
}

// Position returns the selected event's place among the listed ones, from 1, and how many
// are listed; 0 when none is selected.
func (l *listPane) Position() (int, int) {
	e := l.Selected()
	if e == nil {
		return 0, len(l.events)
	}
	return searchEvents(l.events, e) + 1, len(l.events)
}

// nextEventRow returns the first event row from r going in direction dir (+1 or -1), or
// the nearest event row the other way when there is none.
func (l *listPane) nextEventRow(r, dir int) int {
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

// Move moves the selection by n events (negative is up).
func (l *listPane) Move(n int) {
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
func (l *listPane) jumpYear(dir int) {
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

// Home selects the first event, the list at its top.
func (l *listPane) Home() {
	l.cursor, l.offset = l.nextEventRow(0, 1), 0
	l.scrollToCursor()
}

// scrollTo makes row r and the cursor visible, r at the top when possible.
func (l *listPane) scrollTo(r int) {
	l.offset = r
	l.scrollToCursor()
}

// scrollToCursor keeps the cursor on screen with a little context, and shows the year
// heading of the first event when the list is at its top.
func (l *listPane) scrollToCursor() {
	h := l.height
	if h <= 0 || len(l.rows) == 0 {
		l.offset, l.chosen = 0, 0
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
	l.chosen = l.offset
}

// ClickRow selects the event at line y of the list, when there is one.
func (l *listPane) ClickRow(y int) {
	r := l.offset + y
	if y < 0 || y >= l.height || r >= len(l.rows) {
		return
	}
	if l.rows[r].ev == nil {
		r = l.nextEventRow(r, 1)
	}
	l.cursor = r
	l.scrollToCursor()
}

// Update moves the selection on the keys that move it; at either end it says so.
func (l *listPane) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || len(l.rows) == 0 {
		return nil
	}
	page := max(1, l.height-1)
	before := l.cursor
	down := true
	switch {
	case key.Matches(k, l.keys.Down):
		l.Move(1)
	case key.Matches(k, l.keys.Up):
		l.Move(-1)
		down = false
	case key.Matches(k, l.keys.PageDown):
		l.Move(page)
	case key.Matches(k, l.keys.PageUp):
		l.Move(-page)
		down = false
	case key.Matches(k, l.keys.HalfDown):
		l.Move(max(1, l.height/2))
	case key.Matches(k, l.keys.HalfUp):
		l.Move(-max(1, l.height/2))
		down = false
	case key.Matches(k, l.keys.Top):
		l.Home()
		down = false
	case key.Matches(k, l.keys.Bottom):
		l.cursor = l.nextEventRow(len(l.rows)-1, -1)
		l.scrollToCursor()
	case key.Matches(k, l.keys.NextYear):
		l.jumpYear(1)
	case key.Matches(k, l.keys.PrevYear):
		l.jumpYear(-1)
		down = false
	default:
		return nil
	}
	if l.cursor != before {
		return nil
	}
	if down {
		return statusCmd(false, "At the last event")
	}
	return statusCmd(false, "At the first event")
}

// ShortHelp returns the list's keys for the footer.
func (l *listPane) ShortHelp() []key.Binding {
	keys := l.keys.browseHelp()
	if l.Selected() == nil {
		keys = withoutBinding(keys, l.keys.Read)
	}
	if !hasWebLink(l.Selected()) {
		keys = withoutBinding(keys, l.keys.Open)
	}
	return keys
}

// FullHelp returns the list's keys for the help.
func (l *listPane) FullHelp() [][]key.Binding {
	k := l.keys
	return [][]key.Binding{{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.PrevYear, k.NextYear}}
}
