package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// render draws the whole screen: never more lines than the terminal has, never a line
// wider than it. The frame is kept until the next message, so a redraw with nothing new
// costs nothing.
func (m *Model) render() string {
	if !m.dirty {
		return m.frame
	}
	m.frame, m.dirty = m.draw(), false
	return m.frame
}

// headerKey is what the header and the chips depend on.
type headerKey struct {
	version, width int    // of the filter session
	rows           int    // the most lines the chips may take
	loading        string // how far the load has got, while the events shown are those loaded so far
	styles         *Styles
	dark           bool
}

// statusKey is what the status line depends on.
type statusKey struct {
	status     string
	isErr      bool
	ruler      rulerKey
	width      int
	rows       int
	styles     *Styles
	dark       bool
	focus      focus
	promptView string
}

// rulerKey is what the ruler says, before it is printed.
type rulerKey struct {
	i, n    int
	hidden  bool
	percent string
}

// footerKey is what the footer depends on.
type footerKey struct {
	focus  focus
	width  int
	styles *Styles
	dark   bool
	state  string // what changes the keys a pane offers: a link to open, a prompt's selection
}

// header draws the title line and the chips of the filter now into m.headerLines, unless
// they are drawn already.
func (m *Model) header() {
	hk := headerKey{version: m.session.Version(), width: m.width, rows: chipRowsMax(m.height),
		styles: &m.styles, dark: m.styles.Dark, loading: m.loadingCount()}
	if hk == m.headerKey && m.headerLines[0] != "" {
		return
	}
	name := m.t.Title
	if strings.TrimSpace(name) == "" {
		name = m.opts.Name
	}
	m.headerLines = [2]string{
		headerView(&m.styles, name, len(m.session.Events()), len(m.t.Events), m.session.Previewing(), hk.loading, m.width),
		chipsView(&m.styles, &m.keys, m.t, m.session.Filter(), m.session.Applied(), m.session.CanUndo(), m.list.MayFall(), m.width, hk.rows),
	}
	m.headerKey = hk
}

// chipRowsMax is how many lines the chips may take on a terminal h lines high: a second
// where the list keeps room enough.
func chipRowsMax(h int) int {
	if h >= 16 {
		return 2
	}
	return 1
}

// fitHeader draws the header after a message, and lays the screen out again when the
// chips or the status line need another number of lines than they have: a filter that
// grew past a line takes a second, and gives it back when it shrinks; so does a message
// too long for the status line, until the next.
func (m *Model) fitHeader() {
	if m.t == nil || m.width <= 0 || m.lay.chipsH == 0 {
		return
	}
	m.header()
	if m.chipLines() != m.lay.chipsH || m.lay.statusH > 0 && m.statusNeeds() != m.lay.statusH {
		m.layout()
	}
}

// chipLines is how many lines the chips drawn last take.
func (m *Model) chipLines() int {
	return min(strings.Count(m.headerLines[1], "\n")+1, chipRowsMax(m.height))
}

func (m *Model) draw() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.t == nil {
		return fitLines(m.loadingView(), h)
	}
	l := m.lay
	lines := make([]string, 0, h)
	m.header()
	if l.headerH > 0 {
		lines = append(lines, m.headerLines[0])
	}
	if l.chipsH > 0 {
		chips := strings.SplitN(m.headerLines[1], "\n", l.chipsH+1)
		lines = append(lines, padLines(strings.Join(chips[:min(len(chips), l.chipsH)], "\n"), l.chipsH)...)
	}
	if l.stripH > 0 {
		lines = append(lines, m.strip.View())
	}
	lines = append(lines, padLines(m.bodyView(), l.bodyH)...)
	if l.statusH > 0 {
		lines = append(lines, padLines(m.statusView(), l.statusH)...)
	}
	if l.footerH > 0 {
		lines = append(lines, m.footerView())
	}
	return fitLines(strings.Join(lines, "\n"), h)
}

// bodyView draws the part between the strip and the status line.
func (m *Model) bodyView() string {
	l := m.lay
	if l.bodyH <= 0 {
		return ""
	}
	switch m.focus {
	case focusHelp:
		return m.help.View()
	case focusAbout:
		return m.about.View()
	}
	beside := m.besideList()
	picking := beside != nil
	if !l.wide {
		switch {
		case picking:
			return beside.View()
		case m.base == focusDetail:
			return m.detail.View()
		}
		return m.list.View()
	}
	right := m.detail.View()
	if picking {
		right = beside.View()
	}
	rule := m.styles.Pane.Border.Render("│")
	if m.focus == focusDetail || picking {
		rule = m.styles.Pane.FocusedBorder.Render("│")
	}
	left := strings.Split(m.list.View(), "\n")
	blank := strings.Repeat(" ", l.listW)
	rightLines := strings.Split(right, "\n")
	var b strings.Builder
	for i := range l.bodyH {
		if i > 0 {
			b.WriteByte('\n')
		}
		ll, rl := blank, ""
		if i < len(left) && left[i] != "" {
			ll = left[i] // the list's lines are all exactly listW wide
		}
		if i < len(rightLines) {
			rl = rightLines[i]
		}
		b.WriteString(ll)
		b.WriteString(" ")
		b.WriteString(rule)
		b.WriteString(" ")
		b.WriteString(rl)
	}
	return b.String()
}

// statusView draws the prompt or question being answered, or the last message with the
// ruler: where the cursor is.
func (m *Model) statusView() string {
	switch m.focus {
	case focusSearch:
		return m.search.View()
	case focusDates:
		return m.dates.View()
	case focusQuery:
		return m.query.View()
	case focusExportName, focusOverwrite:
		return m.export.View()
	case focusSource:
		lines, _ := wrap(m.sourceQuestion(), m.width, 0, m.lay.statusH)
		for i, l := range lines {
			lines[i] = m.styles.Prompt.Label.Render(l)
		}
		return strings.Join(lines, "\n")
	}
	status, isErr := m.statusText()
	k := statusKey{status: status, isErr: isErr, ruler: m.rulerKey(), width: m.width, rows: m.lay.statusH,
		styles: &m.styles, dark: m.styles.Dark, focus: m.focus}
	if k != m.statusCache.key || m.statusCache.line == "" && m.width > 0 {
		m.statusCache.key = k
		m.statusCache.line = statusLines(&m.styles, status, isErr, k.ruler.String(), m.width, k.rows)
	}
	return m.statusCache.line
}

// statusRowsMax is how many lines the status line may take on a terminal h lines high,
// for a message or a prompt's error too long for one.
func statusRowsMax(h int) int {
	switch {
	case h >= 20:
		return 4
	case h >= 12:
		return 2
	}
	return 1
}

// statusNeeds is how many lines the status line needs now to be read in full, at most
// statusRowsMax.
func (m *Model) statusNeeds() int {
	most := statusRowsMax(m.height)
	var n int
	switch m.focus {
	case focusSearch:
		n = m.search.Rows()
	case focusDates:
		n = m.dates.Rows()
	case focusQuery:
		n = m.query.Rows()
	case focusExportName, focusOverwrite:
		n = m.export.Rows()
	case focusSource:
		n = statusRows(m.sourceQuestion(), "", m.width, most)
	default:
		status, _ := m.statusText()
		n = statusRows(status, m.rulerKey().String(), m.width, most)
	}
	return max(min(n, most), 1)
}

// rulerKey says where the reader is: the selected event's place in the list, and how far
// down the detail or an overlay is scrolled.
func (m *Model) rulerKey() rulerKey {
	switch m.focus {
	case focusHelp:
		return rulerKey{percent: m.help.Percent()}
	case focusAbout:
		return rulerKey{percent: m.about.Percent()}
	}
	i, n := m.list.Position()
	r := rulerKey{i: i, n: n, hidden: m.peek != nil}
	if m.focus == focusDetail {
		r.percent = m.detail.Percent()
	}
	return r
}

// String prints the ruler: "12/45", "hidden · 12/45 · 40%", "top".
func (r rulerKey) String() string {
	if r.n == 0 && r.i == 0 && !r.hidden {
		return r.percent
	}
	s := strconv.Itoa(r.i) + "/" + strconv.Itoa(r.n)
	if r.hidden {
		s = "hidden · " + s
	}
	if r.percent != "" {
		s += " · " + r.percent
	}
	return s
}

// sourceQuestion asks which source o opens, naming each.
func (m *Model) sourceQuestion() string {
	var parts []string
	for _, n := range linkedSources(m.openFor) {
		i, _ := strconv.Atoi(n)
		parts = append(parts, n+" "+lineText(m.openFor.Sources[i-1].Publisher, 24))
	}
	return "Open which source? " + strings.Join(parts, " · ")
}

// footerView draws the keys that matter now, built from their bindings; at any width the
// list and the detail keep help and quit.
func (m *Model) footerView() string {
	k := footerKey{focus: m.focus, width: m.width, styles: &m.styles, dark: m.styles.Dark, state: m.footerState()}
	if k == m.footerCache.key && m.footerCache.line != "" {
		return m.footerCache.line
	}
	var keys []key.Binding
	pinned := 0
	switch m.focus {
	case focusList, focusDetail:
		keys, pinned = m.component(m.focus).ShortHelp(), 2
	case focusAbout:
		keys, pinned = m.component(m.focus).ShortHelp(), 1
		if m.sources {
			// Its own keys first: the footer drops keys from its end when narrow.
			keys = append([]key.Binding{m.keys.OneSource, m.keys.TwoSources, m.keys.AnySources}, keys...)
		}
	case focusHelp:
		keys, pinned = m.component(m.focus).ShortHelp(), 1
	case focusSource:
		keys = []key.Binding{m.keys.Source, m.keys.Cancel}
	default:
		keys = m.component(m.focus).ShortHelp()
	}
	m.footerCache.key, m.footerCache.line = k, footerLine(&m.styles, keys, pinned, m.width)
	return m.footerCache.line
}

// footerState is what, besides the focus, changes the keys the footer offers.
func (m *Model) footerState() string {
	switch m.focus {
	case focusList:
		return boolState(m.list.Selected() != nil) + boolState(hasWebLink(m.list.Selected()))
	case focusDetail:
		return boolState(hasWebLink(m.shown())) + boolState(m.detail.HasLinks())
	case focusPicker:
		return m.picker.choiceWords()
	case focusLabels:
		return m.labels.choiceWords()
	case focusViews:
		return m.views.enterWords() + strconv.Itoa(int(m.views.asking))
	case focusNote:
		return boolState(m.note.asking)
	case focusSearch:
		return m.search.state()
	case focusDates:
		return m.dates.state()
	case focusQuery:
		return m.query.state()
	case focusExportName, focusOverwrite:
		return m.export.prompt.state() + strconv.Itoa(int(m.export.Stage()))
	case focusAbout:
		return boolState(m.sources)
	}
	return ""
}

func boolState(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// loadingView draws the progress of the load, centred.
func (m *Model) loadingView() string {
	pct := 0.0
	if m.load.total > 0 {
		pct = float64(m.load.done) / float64(m.load.total)
	}
	name := lineText(m.opts.Name, 200)
	label := fmt.Sprintf("Loading %s… %d%%", name, int(pct*100))
	switch {
	case m.load.total > 0 && m.load.done >= m.load.total:
		label = fmt.Sprintf("Indexing %s…", name)
	case m.load.total > 0:
		label += " of " + humanBytes(m.load.total)
	}
	block := []string{
		m.styles.Loading.Label.Render(truncate(label, m.width, "…")),
		"",
		m.load.bar.ViewAs(pct),
		"",
		m.styles.Loading.Label.Render(truncate(m.keys.Interrupt.Help().Key+" stops", m.width, "")),
	}
	top := max((m.height-len(block))/2, 0)
	var b strings.Builder
	b.WriteString(strings.Repeat("\n", top))
	for i, line := range block {
		if i > 0 {
			b.WriteByte('\n')
		}
		left := max((m.width-ansi.StringWidth(line))/2, 0)
		b.WriteString(strings.Repeat(" ", left) + line)
	}
	return b.String()
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// padLines splits s into exactly n lines, adding empty ones or dropping the extra.
func padLines(s string, n int) []string {
	if n <= 0 {
		return nil
	}
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		return lines[:n]
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

// fitLines cuts s to at most h lines. Every part of the frame is drawn within the width,
// which TestResizeSweep checks at every size; measuring each line again here would cost a
// third of a frame.
func fitLines(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}
