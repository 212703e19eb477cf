package ui

import (
	"errors"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/load"
	"github.com/tlx-dev/tlx/internal/watch"
	"github.com/tlx-dev/tlx/timeline"
)

// The explorer watches its file and reloads it when it is saved, or when R asks, or when
// the editor E opened exits. A reload decodes only the events whose bytes changed (see
// internal/load) and replaces the timeline keeping the reader's place (reload.go). A save
// that does not load leaves the last good timeline on screen; the status line names the
// first problem, ! lists them all, and the next good save clears them.

// liveState is the explorer's watch on its file.
type liveState struct {
	file      *load.File     // nil for the built-in timeline
	watcher   *watch.Watcher // nil when the file cannot be watched
	reloading bool           // a reload is under way
	again     bool           // and the file changed, or R was pressed, since it began
	problems  timeline.Problems
	showing   bool // the about pane lists the problems (!)
}

// fileChangedMsg says the watched file changed, or that watching it failed.
type fileChangedMsg struct{ err error }

// fileReloadedMsg carries the file reloaded, or why it could not be.
type fileReloadedMsg struct {
	t      *timeline.Timeline
	reused int // events taken from the timeline before instead of decoded
	err    error
}

// fileKey answers the keys of the file, R, E and !, from the list, the detail and the
// about pane, where ! lists the problems.
func (m *Model) fileKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, m.keys.Reload):
		return m.reloadKey(), true
	case key.Matches(k, m.keys.EditEvent):
		return m.editEvent(), true
	case key.Matches(k, m.keys.Problems):
		return m.openProblems(), true
	}
	return nil, false
}

// liveUpdate handles the messages of the watch, the reload and the editor.
func (m *Model) liveUpdate(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case fileChangedMsg:
		return m.fileChanged(msg)
	case fileReloadedMsg:
		return m.fileReloaded(msg)
	case fileEditedMsg:
		return m.fileEdited(msg)
	}
	return nil
}

// watchFile starts watching the file a load came from, and reloads it when it was saved
// while it loaded: a large file takes seconds, and editing it meanwhile is natural. Nil
// for the built-in timeline.
func (m *Model) watchFile(f *load.File) tea.Cmd {
	if f == nil || m.live.file != nil {
		return nil
	}
	m.live.file = f
	w, err := watch.New(f.Path(), 0)
	if err != nil {
		return statusCmd(true, "Not watching %s for changes (%v): %s reloads it", f.Path(), err, m.keys.Reload.Help().Key)
	}
	m.live.watcher = w
	if f.Changed() { // saved during the load, after it read the file and before the watch began
		return tea.Batch(waitChange(w), m.reloadFile())
	}
	return waitChange(w)
}

// waitChange waits for the next change of the watched file.
func waitChange(w *watch.Watcher) tea.Cmd {
	return waitWatch(w, func(err error) tea.Msg { return fileChangedMsg{err: err} })
}

// waitWatch waits for w's next change, or its next error, and says it with msg; nil
// once w is closed.
func waitWatch(w *watch.Watcher, msg func(err error) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		select {
		case _, ok := <-w.C:
			if !ok {
				return nil
			}
			return msg(nil)
		case err := <-w.Errors:
			return msg(err)
		}
	}
}

// closeLive stops watching the file.
func (m *Model) closeLive() {
	if m.live.watcher != nil {
		m.live.watcher.Close()
	}
}

// fileChanged reloads the file after a save, and waits for the next.
func (m *Model) fileChanged(msg fileChangedMsg) tea.Cmd {
	next := waitChange(m.live.watcher)
	if msg.err != nil {
		return tea.Batch(next, statusCmd(true, "Watching %s: %v", m.live.file.Path(), msg.err))
	}
	return tea.Batch(next, m.reloadFile())
}

// reloadFile reads the file again, unless a reload is under way: then once it ends.
func (m *Model) reloadFile() tea.Cmd {
	if m.live.reloading {
		m.live.again = true
		return nil
	}
	m.live.reloading, m.live.again = true, false
	f := m.live.file
	return func() tea.Msg {
		t, err := f.Reload(load.Options{})
		return fileReloadedMsg{t: t, reused: f.Reused(), err: err}
	}
}

// reloadKey answers R.
func (m *Model) reloadKey() tea.Cmd {
	switch {
	case m.load.loading:
		return statusCmd(false, "Loading: the file is read once the load ends")
	case m.live.file == nil && m.opts.FromStdin:
		return statusCmd(false, "Read from standard input: nothing to reload; tlx -f FILE opens a file, and reloads it as it is saved")
	case m.live.file == nil:
		return statusCmd(false, "Nothing to reload: the built-in timeline never changes")
	}
	if cmd := m.reloadFile(); cmd != nil {
		return tea.Batch(cmd, statusCmd(false, "Reloading %s…", m.live.file.Path()))
	}
	return statusCmd(false, "Reloading %s…", m.live.file.Path())
}

// fileReloaded shows the file reloaded, or keeps the last good timeline and says what is
// wrong with the new one.
func (m *Model) fileReloaded(msg fileReloadedMsg) tea.Cmd {
	m.live.reloading = false
	var cmds []tea.Cmd
	if m.live.again {
		cmds = append(cmds, m.reloadFile())
	}
	name, hadProblems := m.live.file.Path(), m.live.problems != nil
	switch {
	case errors.Is(msg.err, load.ErrUnchanged):
		m.live.problems = nil
		if hadProblems {
			cmds = append(cmds, statusCmd(false, "%s is as it was when it last loaded: the problems are gone", name))
		}
	case msg.err != nil:
		m.live.problems = asProblems(name, msg.err)
		m.status = "" // the status line names the first problem until a key is pressed
	default:
		m.live.problems = nil
		retitled := m.bookRetitled(msg.t)
		cmds = append(cmds, m.replaceTimeline(msg.t))
		what := "Reloaded"
		if hadProblems {
			what = "Fixed"
		}
		say := fmt.Sprintf("%s %s: %s, %s read again", what, name,
			plural(len(msg.t.Events), "event"), strconv.Itoa(max(len(msg.t.Events)-msg.reused, 0)))
		if retitled {
			say += ". Its title changed: marks and notes still go to the notebook opened with it until tlx quits; opened again, the timeline gets a new notebook (" + m.keys.About.Help().Key + " says how to take them along)"
		}
		cmds = append(cmds, statusCmd(false, "%s", say))
	}
	if m.live.showing && m.focus == focusAbout { // the problems listed are those of now
		if len(m.live.problems) == 0 {
			cmds = append(cmds, m.setFocus(m.base))
		} else if msg.err != nil {
			m.openProblems()
		}
	}
	return tea.Batch(cmds...)
}

// asProblems turns a load's error into the problems it holds.
func asProblems(name string, err error) timeline.Problems {
	var problems timeline.Problems
	if errors.As(err, &problems) && len(problems) > 0 {
		return problems
	}
	var p *timeline.Problem
	if errors.As(err, &p) {
		return timeline.Problems{p}
	}
	return timeline.Problems{{File: name, Kind: timeline.ErrFile, Msg: err.Error()}}
}

// statusText is what the status line says: the last message, or while the file's last
// save does not load, its first problem.
func (m *Model) statusText() (string, bool) {
	if m.status != "" || len(m.live.problems) == 0 {
		return m.status, m.statusErr
	}
	// The key comes first: a long problem is cut at the screen's edge.
	ps, k := m.live.problems, m.keys.Problems.Help().Key
	more := k + " shows it"
	if len(ps) > 1 {
		more = fmt.Sprintf("%s lists all %d", k, len(ps))
	}
	return "Not loaded (" + more + "): " + timeline.SanitizeLine(ps[0].Error()), true
}

// openProblems lists every problem of the save that does not load, in the about pane.
func (m *Model) openProblems() tea.Cmd {
	ps := m.live.problems
	if len(ps) == 0 {
		switch {
		case m.live.file == nil && m.opts.FromStdin:
			return statusCmd(false, "No problems: the timeline read from standard input loaded")
		case m.live.file == nil:
			return statusCmd(false, "No problems: the built-in timeline loads")
		}
		return statusCmd(false, "No problems: %s loads", m.live.file.Path())
	}
	s, k, name := &m.styles, &m.keys, m.live.file.Path()
	m.about.SetContent(func(w int) []string {
		x := &detailWriter{d: &detailPane{styles: s}, w: w}
		x.add(s.DetailPaint.Title, timeline.SanitizeLine(fmt.Sprintf("%s does not load: %s", name, plural(len(ps), "problem"))), 0)
		x.add(s.DetailPaint.Meta, "The timeline on screen is the last that loaded. Each save is read again; the first that loads replaces it.", 0)
		x.add(s.DetailPaint.Muted, hintOf(k.EditEvent.Help().Key, "edit at the first", k.Reload.Help().Key, "reload", k.Close.Help().Key, "close"), 0)
		x.blank()
		for _, p := range ps {
			x.add(s.DetailPaint.Body, timeline.SanitizeLine(p.Error()), 2)
		}
		return x.lines
	})
	m.sources = false
	cmd := m.setFocus(focusAbout)
	m.live.showing = true
	return cmd
}
