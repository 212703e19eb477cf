package ui

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// bars are the heights a strip cell can take, lowest first, one rune each.
const bars = "▁▂▃▄▅▆▇█"

// barCount is the number of heights in bars.
const barCount = 8

// bar returns the bar of height l, 0 to barCount-1.
func bar(l int) rune { return []rune(bars)[l] }

// stripModel is the time strip: one line with a bar per month, quarter or longer step,
// as tall as the number of events in it, lit where the filter keeps events, and marking
// where the selected event sits. Counts are binned when the timeline or the filter
// changes; a frame only draws them.
type stripModel struct {
	styles *Styles

	firstYear, lastYear int
	total               []float64 // events per month over the whole timeline
	matched             []float64 // events per month among those the filter keeps
	filtered            bool      // whether a filter is active, so unlit months mean something

	width int
	step  int // months per cell
	cols  int // columns per cell: a short timeline is stretched to the width
	// cells, computed on SetSize and SetEvents.
	cellTotal, cellMatched []float64
	maxTotal               float64
	selMonth               int // month index of the selected event, -1 when none

	view    string // the last View, valid while viewSel is the selected cell
	viewSel int
}

func newStrip(s *Styles) stripModel { return stripModel{styles: s, selMonth: -1} }

// SetStyles draws the strip again in new styles.
func (st *stripModel) SetStyles(s *Styles) { st.styles = s; st.layout() }

// SetTimeline bins every event of t.
func (st *stripModel) SetTimeline(t *timeline.Timeline) {
	st.firstYear, st.lastYear = 0, -1
	if t == nil || len(t.Events) == 0 {
		st.total = nil
		return
	}
	first, last := t.Span()
	st.firstYear, st.lastYear = first.Year, last.Year
	st.total = make([]float64, st.months())
	for i := range t.Events {
		st.add(st.total, &t.Events[i])
	}
	st.matched = st.total
	st.layout()
}

func (st *stripModel) months() int { return max(0, (st.lastYear-st.firstYear+1)*12) }

// add counts e in the months it may fall in, shared out evenly: an event known only to
// the year counts a twelfth in each of its months, so that vague dates do not pile up in
// January, and one in a window between June and July 2024 half in each. A window open at
// one side counts in the months of its known side, where the list places it: spread over
// every month before its end, it would vanish.
func (st *stripModel) add(bins []float64, e *timeline.Event) {
	lo, hi := st.monthsOf(e.Date)
	if hi < 0 || lo >= len(bins) {
		return
	}
	share := 1 / float64(hi-lo+1)
	for m := max(lo, 0); m <= min(hi, len(bins)-1); m++ {
		bins[m] += share
	}
}

// monthsOf returns the month indexes of the strip that a date names, first to last.
func (st *stripModel) monthsOf(w timeline.When) (lo, hi int) {
	index := func(d timeline.Date) (int, int) {
		m := (d.Year - st.firstYear) * 12
		if d.Prec == timeline.Year {
			return m, m + 11
		}
		return m + int(d.Month) - 1, m + int(d.Month) - 1
	}
	switch {
	case w.From.IsZero():
		return index(w.To)
	case w.To.IsZero():
		return index(w.From)
	}
	lo, _ = index(w.From)
	_, hi = index(w.To)
	return lo, hi
}

// monthOf returns the month index of e in the strip, the first month of the date it is
// placed at, or -1.
func (st *stripModel) monthOf(e *timeline.Event) int {
	if e == nil {
		return -1
	}
	m, _ := st.monthsOf(timeline.On(e.Date.Anchor()))
	if m < 0 || m >= len(st.total) {
		return -1
	}
	return m
}

// SetEvents bins the events the filter keeps; filtered says whether a filter is active.
func (st *stripModel) SetEvents(events []*timeline.Event, filtered bool) {
	st.filtered = filtered
	if !filtered {
		st.matched = st.total
	} else {
		st.matched = make([]float64, len(st.total))
		for _, e := range events {
			st.add(st.matched, e)
		}
	}
	st.layout()
}

// SetSelected marks the month of the selected event.
func (st *stripModel) SetSelected(e *timeline.Event) { st.selMonth = st.monthOf(e) }

// SetSize sets the strip's width, choosing months, quarters or longer steps to fit, and
// giving each cell as many whole columns as the width allows. The strip is one line high
// whatever h is.
func (st *stripModel) SetSize(w, _ int) {
	st.width = max(w, 0)
	st.layout()
}

// labelsWidth is the room the year labels on both sides of the bars take: "2020 " and
// " 2026".
func (st *stripModel) labelsWidth() int {
	return len(strconv.Itoa(st.firstYear)) + len(strconv.Itoa(st.lastYear)) + 2
}

func (st *stripModel) barsWidth() int {
	w := st.width
	if w >= 30 {
		w -= st.labelsWidth()
	}
	return max(w, 0)
}

func (st *stripModel) layout() {
	st.view = ""
	n := len(st.total)
	w := st.barsWidth()
	if n == 0 || w <= 0 {
		st.cellTotal, st.cellMatched = nil, nil
		return
	}
	st.step = 1
	for _, step := range []int{1, 3, 6, 12} {
		st.step = step
		if (n+step-1)/step <= w {
			break
		}
	}
	if (n+st.step-1)/st.step > w {
		st.step = (n + w - 1) / w
	}
	cells := (n + st.step - 1) / st.step
	// Whole columns per cell, every cell alike, so that the bars keep their proportions.
	st.cols = max(1, w/cells)
	st.cellTotal = make([]float64, cells)
	st.cellMatched = make([]float64, cells)
	st.maxTotal = 0
	for m := range n {
		st.cellTotal[m/st.step] += st.total[m]
		st.cellMatched[m/st.step] += st.matched[m]
	}
	for _, c := range st.cellTotal {
		st.maxTotal = max(st.maxTotal, c)
	}
}

// level is the bar height of a count: square-root scaled so that quiet months still show
// against a burst, and never empty when there is any event.
func (st *stripModel) level(c float64) int {
	if c <= 0 || st.maxTotal <= 0 {
		return -1
	}
	l := int(math.Ceil(math.Sqrt(c/st.maxTotal)*float64(barCount))) - 1
	return max(0, min(l, barCount-1))
}

// periodAt returns the first month of the cell under column x, at month precision, and
// whether there is a cell there.
func (st *stripModel) periodAt(x int) (timeline.Date, bool) {
	if st.width >= 30 {
		x -= len(strconv.Itoa(st.firstYear)) + 1
	}
	if x < 0 || st.step <= 0 || st.cols <= 0 || x/st.cols >= len(st.cellTotal) {
		return timeline.Date{}, false
	}
	m := x / st.cols * st.step
	return timeline.Date{Year: st.firstYear + m/12, Month: time.Month(m%12 + 1), Prec: timeline.Month}, true
}

// View renders the strip: first year, bars, last year.
func (st *stripModel) View() string {
	if st.width <= 0 || len(st.cellTotal) == 0 {
		return ""
	}
	s := st.styles
	var b strings.Builder
	labels := st.width >= 30
	if labels {
		b.WriteString(s.Strip.Label.Render(strconv.Itoa(st.firstYear) + " "))
	}
	sel := -1
	if st.selMonth >= 0 {
		sel = st.selMonth / st.step
	}
	if st.view != "" && st.viewSel == sel {
		return st.view
	}
	// Runs of cells with the same style are rendered together: fewer escape codes.
	var run strings.Builder
	runStyle := -1
	styles := [...]func(...string) string{s.Strip.Total.Render, s.Strip.Match.Render, s.Strip.Selected.Render}
	flush := func() {
		if run.Len() > 0 {
			b.WriteString(styles[runStyle](run.String()))
			run.Reset()
		}
	}
	for i, c := range st.cellTotal {
		ch := ' '
		if l := st.level(c); l >= 0 {
			ch = bar(l)
		}
		style := 0
		if !st.filtered || st.cellMatched[i] > 0 {
			style = 1
		}
		if i == sel {
			style = 2
			if ch == ' ' {
				ch = '▁'
			}
		}
		if style != runStyle {
			flush()
			runStyle = style
		}
		for range st.cols {
			run.WriteRune(ch)
		}
	}
	flush()
	if labels {
		b.WriteString(s.Strip.Label.Render(" " + strconv.Itoa(st.lastYear)))
	}
	st.view, st.viewSel = ansi.Truncate(b.String(), st.width, ""), sel
	return st.view
}
