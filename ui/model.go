package ui

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// mode says what the keyboard is talking to.
type mode int

const (
	modeBrowse  mode = iota // the list or the detail pane
	modeSearch              // typing a search
	modePicker              // an actor, theme or status picker
	modeDates               // typing a date range
	modeExport              // typing the export file name
	modeConfirm             // answering whether to overwrite the export file
)

// wideWidth is the width from which list and detail sit side by side.
const wideWidth = 100

// Model is the explorer. The root model owns the terminal size and lays out the header,
// the time strip, the list, the detail pane and the footer; each component draws itself
// in the size it is given.
type Model struct {
	opts    Options
	keys    keyMap
	styles  Styles
	noColor bool

	width, height int
	lay           layout

	// Loading.
	loader    *loader
	loading   bool
	loadDone  int
	loadTotal int
	typed     []tea.KeyPressMsg // keys typed while loading, handled once the timeline is shown
	bar       progress.Model
	err       error // a load failure, returned by Run

	// The timeline and the filter.
	t       *timeline.Timeline
	filter  timeline.Filter
	history []timeline.Filter // filters before each addition, for backspace
	events  []*timeline.Event // what filter keeps

	list   listModel
	detail detailModel
	strip  stripModel
	picker pickerModel
	prompt promptModel
	help   help.Model

	mode        mode
	focusDetail bool
	showHelp    bool
	before      timeline.Filter // the filter when a picker or the search opened; esc restores it
	pendingText string          // the search typed, which a background search may not have shown yet
	searchSeq   int             // numbers background searches, so that only the latest is shown
	exportPath  string

	status    string
	statusErr bool

	frame string // the last frame drawn
	dirty bool   // whether a message came since frame was drawn
	// Parts of the frame kept while what they show is unchanged.
	helpLine    string
	helpKey     helpKey
	headerLines [2]string
	headerKey   headerKey

	relatedFrom *timeline.Event // the event whose related events r cycles through
	relatedNext int
	openFor     *timeline.Event // the event whose sources o cycles through
	openNext    int
}

// helpKey is what the short help line depends on.
type helpKey struct {
	mode        mode
	focusDetail bool
	width       int
	styles      *Styles
	dark        bool
}

// headerKey is what the header and the chips depend on.
type headerKey struct {
	filter  string // the filter, printed
	n       int
	width   int
	history bool
	dark    bool
}

// layout is where each part of the screen goes, measured once per resize.
type layout struct {
	headerH, chipsH, stripH int
	bodyY, bodyH            int
	statusH, helpH          int
	wide                    bool
	listW                   int
	detailX, detailW        int
}

// newModel returns the explorer in its loading state.
func newModel(opts Options, noColor bool) *Model {
	m := &Model{opts: opts, noColor: noColor, keys: defaultKeyMap(), loading: true, dirty: true}
	m.styles = newStyles(true, noColor)
	m.list = newList(&m.styles, &m.keys)
	m.detail = newDetail(&m.styles, &m.keys)
	m.detail.visible = m.isListed
	m.strip = newStrip(&m.styles)
	m.picker = newPicker(&m.styles, &m.keys)
	m.prompt = newPrompt(&m.styles, &m.keys)
	m.help = help.New()
	m.bar = progress.New(progress.WithoutPercentage(), progress.WithColors(m.styles.Loading.Bar...), progress.WithFillCharacters('█', '░'))
	m.applyStyles()
	return m
}

// Init asks the terminal for its background colour and waits for the timeline.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.loader != nil {
		cmds = append(cmds, m.loader.wait)
	}
	return tea.Batch(cmds...)
}

// Update dispatches each message to the method that handles it.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.dirty = true
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		m.styles = newStyles(msg.IsDark(), m.noColor)
		m.applyStyles()
		m.strip.layout()
		return m, nil
	case loadProgressMsg:
		m.loadDone, m.loadTotal = msg.done, msg.total
		return m, m.loader.wait
	case loadedMsg:
		return m, m.loaded(msg)
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.MouseWheelMsg:
		m.handleWheel(msg)
		return m, nil
	case tea.MouseClickMsg:
		m.handleClick(msg)
		return m, nil
	case exportedMsg:
		m.exported(msg)
		return m, nil
	case searchedMsg:
		m.searched(msg)
		return m, nil
	case openedMsg:
		if msg.err != nil {
			m.setStatus(true, "Could not open %s: %v", msg.url, msg.err)
		} else {
			m.setStatus(false, "Opened %s", msg.url)
		}
		return m, nil
	}
	// Anything else (cursor blinks) goes to the input being typed in.
	return m, m.updateInput(msg)
}

// SetSize lays the screen out for a terminal of w by h cells and hands each component its
// size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	var l layout
	h = m.height
	if h >= 2 {
		l.headerH = 1
	}
	if h >= 10 {
		l.chipsH = 1
	}
	if h >= 8 {
		l.stripH = 1
	}
	if h >= 4 {
		l.statusH = 1
	}
	if h >= 6 {
		l.helpH = 1
	}
	l.bodyY = l.headerH + l.chipsH + l.stripH
	l.bodyH = max(h-l.bodyY-l.statusH-l.helpH, 0)
	l.wide = m.width >= wideWidth
	if l.wide {
		l.listW = min(max(m.width*9/20, 44), 72)
		l.detailX = l.listW + 3 // a rule and a space between the panes
		l.detailW = m.width - l.detailX
	} else {
		l.listW = m.width
		l.detailX = 0
		l.detailW = m.width
	}
	m.lay = l
	m.list.SetSize(l.listW, l.bodyH)
	m.detail.SetSize(l.detailW, l.bodyH)
	if l.wide {
		m.picker.SetSize(min(l.detailW, 64), l.bodyH)
	} else {
		m.picker.SetSize(m.width, l.bodyH)
	}
	m.strip.SetSize(m.width, l.stripH)
	m.prompt.SetSize(m.width, l.statusH)
	m.help.SetWidth(m.width)
	m.bar.SetWidth(min(max(m.width-4, 1), 60))
}

// applyStyles hands the current styles to the components that copy them.
func (m *Model) applyStyles() {
	m.list.restyle()
	m.detail.restyle()
	m.help.Styles = m.styles.Help
	m.picker.input.SetStyles(m.styles.Input)
	m.prompt.input.SetStyles(m.styles.Input)
}

// loaded takes the loaded timeline, or ends the program with the load error.
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	m.loading = false
	if msg.err != nil {
		m.err = msg.err
		return tea.Quit
	}
	cmd := m.setTimeline(msg.t)
	if m.err != nil {
		return cmd // the filter from the command line failed: quitting
	}
	cmds := []tea.Cmd{cmd}
	for _, k := range m.typed {
		cmds = append(cmds, m.handleKey(k))
	}
	m.typed = nil
	return tea.Batch(cmds...)
}

// maxTypeAhead bounds the keys kept while a timeline loads.
const maxTypeAhead = 64

// setTimeline shows t under the filter from the command line. Its parts are recorded one
// by one, so backspace removes them in turn.
func (m *Model) setTimeline(t *timeline.Timeline) tea.Cmd {
	m.t = t
	m.strip.SetTimeline(t)
	f := m.opts.Filter
	events, err := t.Filter(f)
	if err != nil {
		m.err = err
		return tea.Quit
	}
	m.history = initialHistory(f)
	m.filter = f
	m.showEvents(events)
	return prepareSearch(t)
}

// prepareSearch builds t's search index away from the event loop: the list shows without
// it, and by the time a reader types a search letter it is there.
func prepareSearch(t *timeline.Timeline) tea.Cmd {
	return func() tea.Msg {
		t.PrepareSearch()
		return nil
	}
}

// initialHistory returns the filters a user would have gone through to build f, one kind
// at a time.
func initialHistory(f timeline.Filter) []timeline.Filter {
	var hist []timeline.Filter
	var cur timeline.Filter
	step := func(apply func(*timeline.Filter), set bool) {
		if set {
			hist = append(hist, cur)
			apply(&cur)
		}
	}
	step(func(c *timeline.Filter) { c.Actors = f.Actors }, len(f.Actors) > 0)
	step(func(c *timeline.Filter) { c.Themes = f.Themes }, len(f.Themes) > 0)
	step(func(c *timeline.Filter) { c.Statuses = f.Statuses }, len(f.Statuses) > 0)
	step(func(c *timeline.Filter) { c.Dates = f.Dates }, !f.Dates.IsZero())
	step(func(c *timeline.Filter) { c.Text = f.Text }, strings.TrimSpace(f.Text) != "")
	return hist
}

// setFilter shows the events f keeps. With record, the filter it replaces is kept for
// backspace. When f only narrows the current filter's search, only the events already
// shown are searched.
func (m *Model) setFilter(f timeline.Filter, record bool) error {
	var (
		events []*timeline.Event
		err    error
	)
	if timeline.Narrows(m.filter, f) {
		events, err = m.t.Refine(f, m.events)
	} else {
		events, err = m.t.Filter(f)
	}
	if err != nil {
		return err
	}
	if record {
		m.history = append(m.history, m.filter)
	}
	m.filter = f
	m.showEvents(events)
	return nil
}

// showEvents hands a new set of events to the list and the strip.
func (m *Model) showEvents(events []*timeline.Event) {
	m.events = events
	m.list.SetEvents(m.t, events)
	m.strip.SetEvents(events, !m.filter.IsZero())
	m.detail.renderedFor = nil // related events may have been hidden or shown
	terms := timeline.SearchTerms(m.filter.Text)
	m.detail.SetTerms(terms)
	m.list.SetTerms(terms)
	m.selectionChanged()
}

// selectionChanged shows the selected event in the detail pane and the strip.
func (m *Model) selectionChanged() {
	e := m.list.Selected()
	m.detail.SetEvent(m.t, e)
	m.detail.refresh(false)
	m.strip.SetSelected(e)
}

// isListed reports whether e is among the events the filter keeps.
func (m *Model) isListed(e *timeline.Event) bool {
	i := searchEvents(m.events, e)
	return i < len(m.events) && m.events[i] == e
}

func (m *Model) setStatus(isErr bool, format string, args ...any) {
	m.status = timeline.SanitizeLine(fmt.Sprintf(format, args...))
	m.statusErr = isErr
}

// handleKey sends a key to what the current mode says has the keyboard.
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	if m.loading {
		// Keys typed ahead are kept for when the list shows, so that a reader can start
		// a search before a large file is in. q quits unless it follows such keys, where it
		// may be a letter; ctrl+c always quits.
		if k.String() == "ctrl+c" || len(m.typed) == 0 && key.Matches(k, m.keys.Quit) {
			return tea.Quit
		}
		if len(m.typed) < maxTypeAhead {
			m.typed = append(m.typed, k)
		}
		return nil
	}
	if m.t == nil {
		return nil
	}
	m.status = ""
	switch m.mode {
	case modeSearch:
		return m.handleSearchKey(k)
	case modePicker:
		return m.handlePickerKey(k)
	case modeDates:
		return m.handleDatesKey(k)
	case modeExport:
		return m.handleExportKey(k)
	case modeConfirm:
		return m.handleConfirmKey(k)
	}
	if m.showHelp {
		switch {
		case key.Matches(k, m.keys.Quit):
			return tea.Quit
		case key.Matches(k, m.keys.Help, m.keys.Back):
			m.showHelp = false
		}
		return nil
	}
	if m.focusDetail {
		switch {
		case key.Matches(k, m.keys.Back):
			m.focusDetail = false
			m.list.focused = true
			m.list.restyle()
			return nil
		case key.Matches(k, m.keys.ScrollDown, m.keys.ScrollUp, m.keys.HalfDown, m.keys.HalfUp,
			m.keys.PageDown, m.keys.PageUp, m.keys.Top, m.keys.Bottom):
			var cmd tea.Cmd
			m.detail, cmd = m.detail.Update(k)
			return cmd
		}
	}
	return m.handleBrowseKey(k)
}

// handleBrowseKey handles the main view's keys.
func (m *Model) handleBrowseKey(k tea.KeyPressMsg) tea.Cmd {
	keys := &m.keys
	switch {
	case key.Matches(k, keys.Quit):
		return tea.Quit
	case key.Matches(k, keys.Help):
		m.showHelp = true
	case key.Matches(k, keys.Focus):
		if m.list.Selected() != nil {
			m.focusDetail = true
			m.list.focused = false
			m.list.restyle()
		}
	case key.Matches(k, keys.Back):
		// Nothing to go back from.
	case key.Matches(k, keys.Search):
		m.mode, m.before, m.pendingText = modeSearch, m.filter, m.filter.Text
		return m.prompt.Open("/", m.filter.Text, searchHint)
	case key.Matches(k, keys.Actors):
		return m.openPicker(pickActors)
	case key.Matches(k, keys.Themes):
		return m.openPicker(pickThemes)
	case key.Matches(k, keys.Statuses):
		return m.openPicker(pickStatuses)
	case key.Matches(k, keys.Dates):
		m.mode = modeDates
		return m.prompt.Open("dates", m.filter.Dates.String(), "2024 · 2024-06 · 2024..2025 · ..2021 · 2024-06..")
	case key.Matches(k, keys.OwnActors):
		m.filterOwnActors()
	case key.Matches(k, keys.Clear):
		if !m.filter.IsZero() {
			m.setFilter(timeline.Filter{}, true) //nolint:errcheck // the zero filter cannot fail
			m.setStatus(false, "Filters cleared; backspace brings them back")
		}
	case key.Matches(k, keys.Undo):
		m.undo()
	case key.Matches(k, keys.Export):
		return m.openExport(exportName(m.filter))
	case key.Matches(k, keys.Open):
		return m.openSource()
	case key.Matches(k, keys.Copy):
		if e := m.list.Selected(); e != nil {
			m.setStatus(false, "Copied %q as Markdown to the clipboard", ansi.Truncate(e.Title, 40, "…"))
			return tea.SetClipboard(m.t.EventMarkdown(e))
		}
	case key.Matches(k, keys.Related):
		m.jumpRelated()
	default:
		before := m.list.Selected()
		m.list, _ = m.list.Update(k)
		if m.list.Selected() != before {
			m.selectionChanged()
		}
	}
	return nil
}

// openPicker opens a picker on the counts each value would have under the other filters.
func (m *Model) openPicker(kind pickerKind) tea.Cmd {
	fc, err := m.t.Facets(m.filter)
	if err != nil {
		m.setStatus(true, "%v", err)
		return nil
	}
	m.mode, m.before = modePicker, m.filter
	return m.picker.Open(kind, m.t, fc, m.filter)
}

func (m *Model) handleSearchKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		m.mode = modeBrowse
		m.prompt.Close()
		m.searchSeq++ // a search still running is done here, at once
		if v := m.prompt.Value(); v != m.filter.Text {
			f := m.filter
			f.Text = v
			m.setFilter(f, false) //nolint:errcheck // text alone cannot fail
		}
		if m.filter.Text != m.before.Text {
			m.history = append(m.history, m.before)
		}
		return nil
	case key.Matches(k, m.keys.Cancel):
		m.mode = modeBrowse
		m.prompt.Close()
		m.searchSeq++
		m.setFilter(m.before, false) //nolint:errcheck // it was in force a moment ago
		return nil
	}
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.Update(k)
	if v := m.prompt.Value(); v != m.pendingText {
		m.pendingText = v
		f := m.filter
		f.Text = v
		if len(m.t.Events) >= asyncSearchFrom {
			m.prompt.SetHint("searching " + plural(len(m.t.Events), "event") + "…")
			return tea.Batch(cmd, m.searchCmd(f))
		}
		if err := m.setFilter(f, false); err != nil {
			m.prompt.SetError(err.Error())
		}
	}
	return cmd
}

// asyncSearchFrom is the size from which the search runs beside the event loop: scanning
// the text of 100,000 events for a term takes longer than a frame, and typing must never
// wait for it.
const asyncSearchFrom = 20_000

// searchedMsg carries the events a search typed in the background keeps.
type searchedMsg struct {
	seq    int
	filter timeline.Filter
	events []*timeline.Event
	err    error
}

// searchCmd filters in the background. Only the result of the latest keystroke is shown;
// earlier ones are dropped when they arrive.
func (m *Model) searchCmd(f timeline.Filter) tea.Cmd {
	m.searchSeq++
	seq, t, prev, within := m.searchSeq, m.t, m.filter, m.events
	return func() tea.Msg {
		var (
			events []*timeline.Event
			err    error
		)
		if timeline.Narrows(prev, f) {
			events, err = t.Refine(f, within)
		} else {
			events, err = t.Filter(f)
		}
		return searchedMsg{seq: seq, filter: f, events: events, err: err}
	}
}

// searched shows the result of a background search, unless the user has typed since.
func (m *Model) searched(msg searchedMsg) {
	if msg.seq != m.searchSeq || m.mode != modeSearch {
		return
	}
	if msg.err != nil {
		m.prompt.SetError(msg.err.Error())
		return
	}
	m.filter = msg.filter
	m.showEvents(msg.events)
	m.prompt.SetHint(searchHint)
}

// searchHint is what the search prompt says while the user types.
const searchHint = "enter keeps · esc drops"

func (m *Model) handlePickerKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		m.mode = modeBrowse
		m.picker.input.Blur()
		if !sameFilter(m.filter, m.before) {
			m.history = append(m.history, m.before)
		}
		return nil
	case key.Matches(k, m.keys.Cancel):
		m.mode = modeBrowse
		m.picker.input.Blur()
		m.setFilter(m.before, false) //nolint:errcheck // it was in force a moment ago
		return nil
	}
	var cmd tea.Cmd
	m.picker, cmd = m.picker.Update(k)
	if m.picker.takeChanged() {
		f := m.filter
		ids := m.picker.Selected()
		switch m.picker.kind {
		case pickActors:
			f.Actors = ids
		case pickThemes:
			f.Themes = ids
		case pickStatuses:
			f.Statuses = ids
		}
		if err := m.setFilter(f, false); err != nil {
			m.setStatus(true, "%v", err)
		}
	}
	return cmd
}

func (m *Model) handleDatesKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		r, err := timeline.ParseRange(m.prompt.Value())
		if err != nil {
			m.prompt.SetError(err.Error())
			return nil
		}
		m.mode = modeBrowse
		m.prompt.Close()
		if r != m.filter.Dates {
			f := m.filter
			f.Dates = r
			m.setFilter(f, true) //nolint:errcheck // dates alone cannot fail
		}
		return nil
	case key.Matches(k, m.keys.Cancel):
		m.mode = modeBrowse
		m.prompt.Close()
		return nil
	}
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.Update(k)
	if _, err := timeline.ParseRange(m.prompt.Value()); err != nil {
		m.prompt.SetError(err.Error())
	} else {
		m.prompt.SetError("")
	}
	return cmd
}

func (m *Model) handleExportKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		path := strings.TrimSpace(m.prompt.Value())
		exists, err := exportTarget(path)
		if err != nil {
			m.prompt.SetError(err.Error())
			return nil
		}
		m.exportPath = path
		m.prompt.Close()
		if exists {
			m.mode = modeConfirm
			return nil
		}
		return m.startExport(false)
	case key.Matches(k, m.keys.Cancel):
		m.mode = modeBrowse
		m.prompt.Close()
		return nil
	}
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.Update(k)
	m.prompt.SetError("")
	return cmd
}

func (m *Model) handleConfirmKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Yes):
		return m.startExport(true)
	case key.Matches(k, m.keys.No):
		cmd := m.openExport(m.exportPath)
		m.prompt.SetError("kept the existing file; choose another name")
		return cmd
	}
	return nil
}

// openExport opens the prompt for the export's file name, starting from name.
func (m *Model) openExport(name string) tea.Cmd {
	m.mode = modeExport
	return m.prompt.Open("export "+plural(len(m.events), "event")+" to", name, "")
}

// startExport writes the listed events to m.exportPath in the background, replacing a
// file there only with overwrite.
func (m *Model) startExport(overwrite bool) tea.Cmd {
	m.mode = modeBrowse
	m.setStatus(false, "Exporting %s to %s…", plural(len(m.events), "event"), m.exportPath)
	return exportCmd(m.t, m.events, m.filter, m.opts.Version, m.exportPath, overwrite)
}

// exported reports the end of an export in the status line.
func (m *Model) exported(msg exportedMsg) {
	switch {
	case msg.exists:
		m.exportPath = msg.path
		m.mode = modeConfirm
	case msg.err != nil:
		m.setStatus(true, "Export failed: %v", msg.err)
	default:
		m.setStatus(false, "Exported %s to %s", plural(msg.n, "event"), msg.path)
	}
}

// filterOwnActors keeps only events that share an actor with the selected one.
func (m *Model) filterOwnActors() {
	e := m.list.Selected()
	if e == nil || len(e.Actors) == 0 {
		m.setStatus(true, "The selected event names no actor")
		return
	}
	f := m.filter
	f.Actors = slices.Clone(e.Actors)
	if sameFilter(f, m.filter) {
		return
	}
	if err := m.setFilter(f, true); err != nil {
		m.setStatus(true, "%v", err)
		return
	}
	names := make([]string, len(e.Actors))
	for i, id := range e.Actors {
		names[i] = m.t.ActorName(id)
	}
	m.setStatus(false, "Events with %s", strings.Join(names, ", "))
}

// undo removes the last filter added.
func (m *Model) undo() {
	if len(m.history) == 0 {
		m.setStatus(true, "No filter to remove")
		return
	}
	prev := m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	m.setFilter(prev, false) //nolint:errcheck // it was in force before
}

// jumpRelated selects the next related event of the event r started from, skipping those
// the filter hides.
func (m *Model) jumpRelated() {
	cur := m.list.Selected()
	if cur == nil {
		return
	}
	from := m.relatedFrom
	if from == nil || !slices.ContainsFunc(from.Related, func(id string) bool { return m.t.Event(id) == cur }) {
		from, m.relatedNext = cur, 0
	}
	if len(from.Related) == 0 {
		m.setStatus(true, "This event has no related events")
		return
	}
	hidden := 0
	for range from.Related {
		id := from.Related[m.relatedNext%len(from.Related)]
		m.relatedNext++
		r := m.t.Event(id)
		if r == nil || r == cur {
			continue
		}
		if !m.list.selectEvent(r) {
			hidden++
			continue
		}
		m.relatedFrom = from
		m.selectionChanged()
		m.setStatus(false, "Related to %q (%d of %d); r for the next", ansi.Truncate(timeline.SanitizeLine(from.Title), 40, "…"),
			(m.relatedNext-1)%len(from.Related)+1, len(from.Related))
		return
	}
	if hidden > 0 {
		m.setStatus(true, "The related events are hidden by the filters; x clears them")
	}
}

// openSource opens the selected event's sources' URLs in turn.
func (m *Model) openSource() tea.Cmd {
	e := m.list.Selected()
	if e == nil {
		return nil
	}
	var urls []string
	for _, s := range e.Sources {
		if safeURL(s.URL) {
			urls = append(urls, s.URL)
		}
	}
	if len(urls) == 0 {
		m.setStatus(true, "No source of this event has a web link")
		return nil
	}
	if m.openFor != e {
		m.openFor, m.openNext = e, 0
	}
	u := urls[m.openNext%len(urls)]
	m.openNext++
	return openCmd(u)
}

// sameFilter reports whether two filters are the same.
func sameFilter(a, b timeline.Filter) bool {
	return slices.Equal(a.Actors, b.Actors) && slices.Equal(a.Themes, b.Themes) &&
		slices.Equal(a.Statuses, b.Statuses) && a.Dates == b.Dates && a.Text == b.Text
}

// updateInput passes a message that is not a key to the input being typed in.
func (m *Model) updateInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.mode {
	case modeSearch, modeDates, modeExport:
		m.prompt, cmd = m.prompt.Update(msg)
	case modePicker:
		m.picker, cmd = m.picker.Update(msg)
	}
	return cmd
}

// handleWheel scrolls what is under the mouse.
func (m *Model) handleWheel(msg tea.MouseWheelMsg) {
	if m.t == nil || m.showHelp {
		return
	}
	mouse := msg.Mouse()
	delta := 0
	switch mouse.Button {
	case tea.MouseWheelDown:
		delta = 3
	case tea.MouseWheelUp:
		delta = -3
	default:
		return
	}
	if m.mode == modePicker {
		m.picker.move(delta)
		return
	}
	overDetail := (m.lay.wide && mouse.X >= m.lay.listW) || (!m.lay.wide && m.focusDetail)
	if overDetail {
		m.detail.scroll(delta)
		return
	}
	before := m.list.Selected()
	m.list.move(delta)
	if m.list.Selected() != before {
		m.selectionChanged()
	}
}

// handleClick selects the clicked row, or focuses the clicked pane.
func (m *Model) handleClick(msg tea.MouseClickMsg) {
	mouse := msg.Mouse()
	if m.t == nil || mouse.Button != tea.MouseLeft || m.mode != modeBrowse || m.showHelp {
		return
	}
	if m.lay.stripH > 0 && mouse.Y == m.lay.bodyY-1 {
		m.clickStrip(mouse.X)
		return
	}
	y := mouse.Y - m.lay.bodyY
	if y < 0 || y >= m.lay.bodyH {
		return
	}
	if m.lay.wide && mouse.X >= m.lay.listW {
		if m.list.Selected() != nil {
			m.focusDetail, m.list.focused = true, false
			m.list.restyle()
		}
		return
	}
	if !m.lay.wide && m.focusDetail {
		return
	}
	if m.focusDetail {
		m.focusDetail, m.list.focused = false, true
		m.list.restyle()
	}
	if m.list.clickRow(y) {
		m.selectionChanged()
	}
}

// plural returns "1 event" or "n events".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// clickStrip selects the first listed event of the period under column x of the strip,
// or the nearest after it.
func (m *Model) clickStrip(x int) {
	from, ok := m.strip.periodAt(x)
	if !ok || len(m.events) == 0 {
		return
	}
	i := sort.Search(len(m.events), func(i int) bool { return m.events[i].Date.Compare(from) >= 0 })
	if i == len(m.events) {
		i--
	}
	if m.list.selectEvent(m.events[i]) {
		m.selectionChanged()
	}
}

// View renders the screen in the alternate screen with the mouse on.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	if m.t != nil {
		v.WindowTitle = "tlx: " + timeline.SanitizeLine(m.t.Title)
	}
	return v
}

// ShortHelp returns the keys that matter now, for the footer.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.mode == modePicker:
		return m.picker.ShortHelp()
	case m.mode == modeConfirm:
		return confirmHelp{&m.keys}.ShortHelp()
	case m.mode != modeBrowse:
		return m.prompt.ShortHelp()
	case m.focusDetail:
		return m.detail.ShortHelp()
	}
	return m.list.ShortHelp()
}

// FullHelp returns every key of the current mode, in columns.
func (m *Model) FullHelp() [][]key.Binding {
	if m.focusDetail && m.mode == modeBrowse {
		return append(m.detail.FullHelp(), browseHelp{&m.keys}.FullHelp()[2:]...)
	}
	return m.list.FullHelp()
}
