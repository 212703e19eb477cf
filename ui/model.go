package ui

import (
	"image/color"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// wideWidth is the width from which list and detail sit side by side.
const wideWidth = 100

// Model is the explorer. It owns the terminal size, lays out the header, the time strip,
// the panes, the status line and the footer, hands each pane its size and styles, and
// routes each message to what has the keyboard: one focus value, changed only by
// setFocus. Each pane draws itself in the size it is given.
type Model struct {
	opts    Options
	keys    keyMap
	styles  Styles
	noColor bool

	width, height int
	lay           layout

	load loadState
	err  error // a load failure, returned by Run

	t       *timeline.Timeline
	facts   *timelineFacts // counted when the help or the about view first needs them
	session filterSession
	book    bookState // the reader's notebook
	live    liveState // the watch on the timeline's file

	focus focus
	base  focus // the pane, list or detail, that overlays and prompts return to

	list   listPane
	detail detailPane
	strip  stripModel
	picker pickerPane
	search promptPane
	dates  promptPane
	query  promptPane // the filter as query text
	export exportFlow
	help   textPane
	about  textPane
	// sources says that the about pane shows the sources overview (S), whose keys filter
	// on the number of publishers.
	sources bool
	labels  labelPicker
	note    noteEditor
	views   viewsPane
	// pickBase is the filter the picker's values join instead of the one in force: f
	// (what else did this actor do?) sets the other filters aside. Nil for the others.
	pickBase *timeline.Filter

	peek    *timeline.Event // an event the filters hide, shown in the detail
	jumps   []jump          // where following related events came from, for back
	openFor *timeline.Event // the event whose source number focusSource waits for

	status    string
	statusErr bool

	quitter quitState

	frame string // the last frame drawn
	dirty bool   // whether a message came since frame was drawn
	// Parts of the frame kept while what they show is unchanged.
	footerCache struct {
		key  footerKey
		line string
	}
	statusCache struct {
		key  statusKey
		line string
	}
	headerLines [2]string
	headerKey   headerKey
	windowTitle string
}

// jump is an event left by following a related link, and the link that was followed.
type jump struct {
	from, to *timeline.Event
}

// maxJumps bounds the history of followed links.
const maxJumps = 100

// loadState is the loading screen's: the loader, its progress and the keys typed ahead.
type loadState struct {
	loader      *loader
	loading     bool
	done, total int
	typed       []tea.KeyPressMsg // keys typed while loading, handled once the list shows
	bar         progress.Model
}

// maxTypeAhead bounds the keys kept while a timeline loads.
const maxTypeAhead = 64

// layout is where each part of the screen goes, measured once per resize.
type layout struct {
	headerH, chipsH, stripH int
	bodyY, bodyH            int
	statusH, footerH        int
	wide                    bool
	listW                   int
	detailX, detailW        int
}

// newModel returns the explorer in its loading state.
func newModel(opts Options, noColor bool) *Model {
	m := &Model{opts: opts, noColor: noColor, keys: defaultKeyMap(), dirty: true}
	m.load.loading = true
	m.book.every = reloadEvery
	m.styles = newStyles(true, nil, noColor)
	s, k := &m.styles, &m.keys
	m.list = newList(s, k)
	m.detail = newDetail(s, k, func(e *timeline.Event) bool { return m.list.Listed(e) })
	m.strip = newStrip(s)
	m.picker = newPicker(s, k)
	m.search = newPrompt(s, k, "/", "keep", "drop")
	m.dates = newPrompt(s, k, "dates", "apply", "cancel")
	m.query = newPrompt(s, k, "query", "apply", "cancel")
	m.export = newExportFlow(s, k)
	m.help = newTextPane(s, k)
	m.about = newTextPane(s, k)
	m.labels = newLabelPicker(s, k)
	m.note = newNoteEditor(s, k)
	m.views = newViewsPane(s, k)
	m.load.bar = progress.New(progress.WithoutPercentage(), progress.WithColors(s.Loading.Bar...), progress.WithFillCharacters('█', '░'))
	return m
}

// Init asks the terminal for its background colour and waits for the timeline.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.load.loader != nil {
		cmds = append(cmds, m.load.loader.wait)
	}
	return tea.Batch(cmds...)
}

// Update dispatches each message to the method that handles it.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.dirty = true
	defer m.fitHeader()
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		m.restyle(msg.IsDark(), msg.Color)
	case loadProgressMsg:
		m.load.done, m.load.total = msg.done, msg.total
		return m, m.load.loader.wait
	case loadedMsg:
		return m, m.loaded(msg)
	case partialMsg:
		return m, m.showPartial(msg)
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.MouseWheelMsg:
		return m, m.handleWheel(msg)
	case tea.MouseClickMsg:
		return m, m.handleClick(msg)
	case searchedMsg:
		return m, m.searched(msg)
	case exportedMsg:
		if m.quitter.quitting {
			return m, m.exportEnded(msg)
		}
		cmd := m.export.Update(msg)
		return m, tea.Batch(cmd, m.followExport())
	case stopMsg:
		return m, m.stop(msg.cause)
	case bookOpenedMsg:
		return m, m.bookOpened(msg)
	case bookSavedMsg:
		return m, m.saved(msg)
	case bookTickMsg:
		return m, m.reload()
	case bookChangedMsg:
		return m, m.bookChanged(msg)
	case bookReloadedMsg:
		return m, m.reloaded(msg)
	case editedMsg:
		return m, m.edited(msg)
	case fileChangedMsg, fileReloadedMsg, fileEditedMsg:
		return m, m.liveUpdate(msg)
	case openedMsg:
		return m, openedStatus(msg, m.keys.Copy.Help().Key)
	case copiedMsg:
		return m, copiedStatus(msg)
	case statusMsg:
		m.setStatus(msg.isErr, "%s", msg.text)
	default:
		// Anything else (a cursor blink) goes to what has the keyboard.
		if c := m.component(m.focus); c != nil && m.t != nil {
			return m, c.Update(msg)
		}
	}
	return m, nil
}

// SetSize lays the screen out for a terminal of w by h cells and hands each component its
// size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.layout()
}

func (m *Model) layout() {
	var l layout
	w, h := m.width, m.height
	if h >= 2 {
		l.headerH = 1
	}
	if h >= 10 {
		l.chipsH = m.chipLines() // until fitHeader draws them for this size
	}
	if h >= 8 {
		l.stripH = 1
	}
	if h >= 4 {
		l.statusH = m.statusNeeds()
	}
	if h >= 6 {
		l.footerH = 1
	}
	l.bodyY = l.headerH + l.chipsH + l.stripH
	l.bodyH = max(h-l.bodyY-l.statusH-l.footerH, 0)
	l.wide = w >= wideWidth
	l.listW, l.detailW = w, w
	if l.wide {
		// The list takes what its titles need, up to a fair share; the detail keeps
		// enough to read.
		const minList, minDetail = 44, 48
		fair := max((w-3)*11/20, minList)
		l.listW = max(min(m.list.NeededWidth(), fair, w-3-minDetail), minList)
		l.detailX = l.listW + 3 // a rule and a space between the panes
		l.detailW = w - l.detailX
	}
	m.lay = l
	m.list.SetSize(l.listW, l.bodyH)
	m.detail.SetSize(l.detailW, l.bodyH)
	m.picker.SetSize(l.detailW, l.bodyH)
	m.labels.SetSize(l.detailW, l.bodyH)
	m.note.SetSize(l.detailW, l.bodyH)
	m.views.SetSize(l.detailW, l.bodyH)
	m.help.SetSize(w, l.bodyH)
	m.about.SetSize(w, l.bodyH)
	m.strip.SetSize(w, l.stripH)
	m.search.SetSize(w, l.statusH)
	m.dates.SetSize(w, l.statusH)
	m.query.SetSize(w, l.statusH)
	m.export.SetSize(w, l.statusH)
	m.load.bar.SetWidth(min(max(w-4, 1), 60))
}

// restyle builds the styles for the background the terminal reported and hands them to
// every component.
func (m *Model) restyle(dark bool, bg color.Color) {
	m.styles = newStyles(dark, bg, m.noColor)
	s := &m.styles
	for _, c := range []component{&m.list, &m.detail, &m.picker, &m.search, &m.dates, &m.query, &m.export, &m.help, &m.about, &m.labels, &m.note, &m.views} {
		c.SetStyles(s)
	}
	m.strip.SetStyles(s)
	m.headerLines = [2]string{}
	m.footerCache.line, m.statusCache.line = "", ""
}

// loaded takes the loaded timeline, or ends the program with the load error.
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	m.load.loading = false
	if msg.err != nil {
		m.err = msg.err
		return tea.Quit
	}
	if m.t != nil { // the events loaded so far show: the whole timeline takes their place
		cmds := []tea.Cmd{m.fillTimeline(msg.t), m.openBook(msg.t), m.watchFile(msg.file)}
		if !m.session.Applied().IsZero() && !m.statusErr {
			// A filter set while the events arrived said how many of those it kept.
			cmds = append(cmds, m.filterStatus())
		}
		return tea.Batch(cmds...)
	}
	cmd := m.setTimeline(msg.t)
	if m.err != nil {
		return cmd // the filter from the command line failed: quitting
	}
	cmds := []tea.Cmd{cmd, m.openBook(msg.t), m.watchFile(msg.file)}
	for _, k := range m.load.typed {
		cmds = append(cmds, m.handleKey(k))
	}
	m.load.typed = nil
	return tea.Batch(cmds...)
}

// setTimeline shows t under the filter from the command line, whose parts are undone one
// by one.
func (m *Model) setTimeline(t *timeline.Timeline) tea.Cmd {
	if err := m.session.Reset(t, m.opts.Filter); err != nil {
		m.err = err
		return tea.Quit
	}
	m.takeTimeline(t)
	m.showEvents()
	return prepareSearch(t)
}

// takeTimeline hands t to the panes that show it, once the session has it.
func (m *Model) takeTimeline(t *timeline.Timeline) {
	m.t, m.facts = t, nil
	m.windowTitle = "tlx: " + lineText(t.Title, 200)
	m.strip.SetTimeline(t)
	m.list.SetTimeline(t)
	m.detail.SetTimeline(t)
	m.layout() // the list's width depends on its titles
}

// prepareSearch builds t's search index away from the event loop: the list shows without
// it, and by the time a reader types a search letter it is there.
func prepareSearch(t *timeline.Timeline) tea.Cmd {
	return func() tea.Msg {
		t.PrepareSearch()
		return nil
	}
}

// showEvents hands the events the session shows to the list, the strip and the detail.
func (m *Model) showEvents() {
	events, f := m.session.Events(), m.session.Filter()
	m.list.SetDates(f)
	m.detail.SetDates(f)
	m.list.SetEvents(events)
	m.strip.SetEvents(events, !f.IsZero())
	terms := f.SearchTerms()
	m.list.SetTerms(terms)
	m.detail.SetTerms(terms)
	m.detail.Relist() // related events may have been hidden or shown
	if m.peek != nil && m.list.Select(m.peek) {
		m.peek = nil // the event a link led to is listed now
	}
	m.showSelection()
}

// showSelection shows the selected event, or the hidden one a link led to, in the detail
// and the strip.
func (m *Model) showSelection() {
	e, hidden := m.list.Selected(), false
	if m.peek != nil {
		e, hidden = m.peek, true
	}
	m.detail.SetEvent(e, hidden)
	m.strip.SetSelected(e)
}

// selectionChanged is called when the list's selection moved: the detail follows it.
func (m *Model) selectionChanged() {
	m.peek = nil
	m.showSelection()
}

// shown returns the event the detail pane shows.
func (m *Model) shown() *timeline.Event {
	if m.peek != nil {
		return m.peek
	}
	return m.list.Selected()
}

func (m *Model) setStatus(isErr bool, format string, args ...any) {
	m.status = clean(sprintf(format, args...))
	m.statusErr = isErr
}

// View renders the screen in the alternate screen with the mouse on.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = m.windowTitle
	return v
}
