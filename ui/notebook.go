package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/internal/watch"
	"github.com/tlx-dev/tlx/timeline"
)

// The reader's notebook (internal/notebook) holds marks, notes and saved views beside the
// timeline. The explorer opens it once the timeline is loaded and writes each change when
// the reader makes it, one at a time and in order, away from the event loop: a write
// reads the file again under a lock, merges and renames, which may wait for another
// process. The status says "Saved" only once the write has returned. The file is watched
// (internal/watch) and read again when it changes, so another window's marks and notes,
// or a hand edit, show as soon as they are saved.

// reloadEvery is how often the explorer looks whether the notebook file changed while it
// cannot watch it: its folder is made by the first change saved, and a watch needs it.
const reloadEvery = 2 * time.Second

// bookState is the notebook as the explorer holds it.
type bookState struct {
	nb       *notebook.Notebook // nil until opened, or when there is none
	state    *notebook.State    // the notebook as last read or written
	queue    []bookOp           // changes waiting for the one being written
	run      *bookRun           // the change being written; nil when none
	ticking  bool               // a reload tick is pending
	watcher  *watch.Watcher     // the watch on the file; nil while it cannot be watched
	waiting  bool               // a command waits for the watcher's next change
	loadedRO error              // why it was read-only when last looked at
	earlier  []notebook.Earlier // earlier notebooks of the timeline, found when it opened
	failed   error              // why the last change was not saved; nil once one is
	every    time.Duration      // how often to look whether the file changed, unwatched; 0 never looks
	retitled string             // the timeline's next notebook, after its title changed; "" if none
}

// bookOp is one change the reader made: what it writes, and what the status then says.
type bookOp func(nb *notebook.Notebook) (say string, err error)

// bookRun is a change being written, in a goroutine of its own so that a quit can wait
// for it whether or not the program still reads messages.
type bookRun struct {
	done chan struct{}
	msg  bookSavedMsg // set before done is closed
}

// bookOpenedMsg carries the notebook opened once the timeline loaded; err is why it is
// read-only (the notebook is never nil then).
type bookOpenedMsg struct {
	nb      *notebook.Notebook
	err     error
	earlier []notebook.Earlier // of a moved or retitled timeline: see notebook.Earlier
}

// bookSavedMsg reports the end of a change: what to say, or why it failed.
type bookSavedMsg struct {
	say string
	err error
}

// bookTickMsg asks the explorer to look whether the notebook file changed.
type bookTickMsg struct{}

// bookChangedMsg says the watched notebook file changed, or that watching it failed.
type bookChangedMsg struct{ err error }

// bookReloadedMsg reports whether the notebook file changed on disk.
type bookReloadedMsg struct {
	changed bool
	err     error
}

// openBook opens the notebook of t, away from the event loop.
func (m *Model) openBook(t *timeline.Timeline) tea.Cmd {
	open := m.opts.Notebook
	if open == nil {
		return nil
	}
	return func() tea.Msg {
		nb, err := open(t)
		msg := bookOpenedMsg{nb: nb, err: err}
		if nb != nil && err == nil {
			msg.earlier = nb.Earlier() // reads the folder: away from the event loop too
		}
		return msg
	}
}

// bookOpened takes the opened notebook: its marks and notes show, and a notebook that
// cannot be written says why.
func (m *Model) bookOpened(msg bookOpenedMsg) tea.Cmd {
	if msg.nb == nil {
		m.setStatus(true, "No notebook: %v", msg.err)
		return nil
	}
	m.book.nb = msg.nb
	m.setBookState(msg.nb.State())
	var cmd tea.Cmd
	m.book.earlier = msg.earlier
	if err := msg.nb.ReadOnly(); err != nil {
		m.book.loadedRO = err
		cmd = statusCmd(true, "%s", m.readOnlyWords(err))
	} else if len(msg.earlier) > 0 {
		// A moved or retitled timeline starts a new notebook: say where its marks are
		// before the reader thinks them lost.
		e := msg.earlier[0]
		held := notebook.Adopted{Entries: e.Entries, Views: e.Views}
		cmd = statusCmd(false, "Earlier notebook found (%s says where): it holds %s of this timeline; tlx notes --adopt takes them", m.keys.About.Help().Key, held)
	}
	return tea.Batch(cmd, m.lookAgain())
}

// readOnlyWords says why the notebook refuses changes, in one status line: the file and
// the line come first, and the about key names where the whole reason can be read when
// the line is cut.
func (m *Model) readOnlyWords(err error) string {
	about := m.keys.About.Help().Key
	if errors.Is(err, notebook.ErrNoDataDir) {
		return "No notebook (" + about + " says why): " + err.Error() + "; marks, notes and views cannot be saved (tlx --notebook FILE names one)"
	}
	return "Notebook read-only (" + about + " says why): " + err.Error() + "; marks, notes and views are not saved until it is fixed"
}

// bookFacts is what the about view says of the notebook, taken when it opens.
type bookFacts struct {
	path               string
	marks, notes, view int
	orphans            int    // entries on events the timeline no longer has
	why                string // why it takes no change; "" when it does
	failed             string // why the last change was not saved; "" when it was
	earlier            []notebook.Earlier
	retitled           string // the timeline's next notebook, after its title changed
	file               string // the timeline's file
}

// bookFacts returns what the about view says of the notebook; nil when there is none.
func (m *Model) bookFacts() *bookFacts {
	nb := m.book.nb
	if nb == nil {
		if m.opts.Notebook == nil {
			return nil
		}
		return &bookFacts{why: "still opening"}
	}
	b := &bookFacts{path: nb.Path(), earlier: m.book.earlier, retitled: m.book.retitled}
	if m.live.file != nil {
		b.file = m.live.file.Path()
	}
	if st := m.book.state; st != nil {
		b.marks, b.notes, b.view = st.MarkCount(), st.NoteCount(), len(st.Views())
		b.orphans = len(st.Orphans(m.t))
	}
	if err := nb.ReadOnly(); err != nil {
		b.why = err.Error()
	}
	if m.book.failed != nil {
		b.failed = m.book.failed.Error()
	}
	return b
}

// bookLines lays out the about view's part on the notebook: where it is and what it
// holds, or the whole reason it takes no change.
func bookLines(x *detailWriter, s *Styles, b *bookFacts) {
	if b == nil {
		return
	}
	x.blank()
	x.add(s.ReaderPaint.Heading, "Your notebook", 0)
	if b.path != "" {
		x.add(s.DetailPaint.Meta, clean(headOfString(b.path, 1024)), 0)
	}
	if b.why != "" {
		x.add(s.DetailPaint.Body, "Read-only: "+clean(headOfString(b.why, maxFieldBytes)), 0)
		x.add(s.DetailPaint.Muted, "Marks, notes and views are not saved until the file is fixed or moved away; the file is never overwritten meanwhile.", 0)
		return
	}
	x.add(s.DetailPaint.Meta, plural(b.marks, "mark")+" · "+plural(b.notes, "note")+" · "+plural(b.view, "saved view"), 0)
	if b.orphans > 0 {
		x.add(s.DetailPaint.Muted, plural(b.orphans, "event")+" marked or noted that this timeline no longer has: kept, not shown (tlx notes --orphans lists them)", 0)
	}
	if b.retitled != "" {
		path, next := clean(headOfString(b.path, 1024)), clean(headOfString(b.retitled, 1024))
		x.add(s.DetailPaint.Body, "The timeline's title changed since this notebook opened: opened again, the timeline gets a new notebook, "+next, 0)
		x.add(s.DetailPaint.Muted, "Marks, notes and views go on to this one until tlx quits. Then tlx notes -f "+clean(headOfString(b.file, 1024))+" --adopt "+path+" takes them into the new one.", 0)
	}
	if b.failed != "" {
		x.add(s.DetailPaint.Body, "The last change was not saved: "+clean(headOfString(b.failed, maxFieldBytes)), 0)
	}
	for _, e := range b.earlier {
		path := clean(headOfString(e.Path, 1024))
		x.add(s.DetailPaint.Body, "An earlier notebook "+clean(e.Why())+": "+path, 0)
		x.add(s.DetailPaint.Muted, "It holds "+clean(headOfString(e.Holds(), maxFieldBytes))+". tlx notes --adopt "+path+" takes them into this one; tlx --notebook "+path+" opens it as it is.", 0)
	}
}

// lookAgain arranges the next look at the notebook file: the watcher's next change, or
// while the file cannot be watched, a tick.
func (m *Model) lookAgain() tea.Cmd {
	if m.book.nb == nil || m.book.every <= 0 {
		return nil
	}
	var first tea.Cmd
	if m.book.watcher == nil {
		w, err := watch.New(m.book.nb.Path(), 0)
		if err != nil {
			return m.tick()
		}
		m.book.watcher = w
		// A change made since the file was last read and before the watch began
		// would not be told: read it once more now.
		first = func() tea.Msg { return bookTickMsg{} }
	}
	if m.book.waiting {
		return nil
	}
	m.book.waiting = true
	return tea.Batch(first, waitWatch(m.book.watcher, func(err error) tea.Msg { return bookChangedMsg{err: err} }))
}

// bookChanged reads the notebook again after the watch told of a change.
func (m *Model) bookChanged(msg bookChangedMsg) tea.Cmd {
	m.book.waiting = false
	cmd := m.reload()
	if msg.err != nil { // the watch may have missed a change: read the file anyway
		return tea.Batch(cmd, statusCmd(true, "Watching the notebook %s: %v", m.book.nb.Path(), msg.err))
	}
	return cmd
}

// closeBook stops watching the notebook file.
func (m *Model) closeBook() {
	if m.book.watcher != nil {
		m.book.watcher.Close()
	}
}

// tick asks for the next look at the notebook file.
func (m *Model) tick() tea.Cmd {
	if m.book.nb == nil || m.book.ticking || m.book.every <= 0 {
		return nil
	}
	m.book.ticking = true
	return tea.Tick(m.book.every, func(time.Time) tea.Msg { return bookTickMsg{} })
}

// reload reads the notebook again, away from the event loop, when no change of ours is
// being written (its end shows the notebook as it is then anyway).
func (m *Model) reload() tea.Cmd {
	m.book.ticking = false
	nb := m.book.nb
	if nb == nil || m.book.run != nil || m.quitter.quitting {
		return m.lookAgain()
	}
	return func() tea.Msg {
		changed, err := nb.Reload()
		return bookReloadedMsg{changed: changed, err: err}
	}
}

// reloaded shows what another process or a hand edit changed in the notebook.
func (m *Model) reloaded(msg bookReloadedMsg) tea.Cmd {
	nb := m.book.nb
	ro := nb.ReadOnly()
	var cmd tea.Cmd
	switch {
	case ro != nil && m.book.loadedRO == nil:
		cmd = statusCmd(true, "%s", m.readOnlyWords(ro))
	case ro == nil && m.book.loadedRO != nil:
		cmd = statusCmd(false, "The notebook %s reads again: marks, notes and views are saved", nb.Path())
	case msg.changed && !nb.State().Equal(m.book.state):
		cmd = statusCmd(false, "The notebook changed on disk (another tlx, or an edit): its marks and notes show")
	}
	m.book.loadedRO = ro
	if st := nb.State(); st != m.book.state {
		m.setBookState(st)
	}
	return tea.Batch(cmd, m.lookAgain())
}

// bookRetitled hands the notebook the reloaded timeline t, and reports whether t's new
// title gives the timeline another notebook from its next open (see
// notebook.Notebook.Retitled): the reader is told before the marks made now seem lost.
func (m *Model) bookRetitled(t *timeline.Timeline) bool {
	nb := m.book.nb
	if nb == nil {
		return false
	}
	nb.SetTimeline(t) // the titles a change records are the timeline's as it is now
	was := m.book.retitled
	m.book.retitled = nb.Retitled(t.Title)
	return m.book.retitled != "" && m.book.retitled != was
}

// setBookState shows the notebook as st holds it: filters match its marks and search its
// notes, the list and the detail show them.
func (m *Model) setBookState(st *notebook.State) {
	m.book.state = st
	var ann timeline.Annotations
	if st != nil {
		ann = st
	}
	if err := m.session.SetAnnotations(ann); err != nil {
		m.setStatus(true, "%v", err)
	}
	m.list.SetNotes(st)
	m.detail.SetNotes(st)
	m.layout() // the list's mark column comes with the first mark
	m.showEvents()
}

// writable says why the notebook takes no change, as a status; nil when it does.
func (m *Model) writable() tea.Cmd {
	switch {
	case m.book.nb == nil && m.opts.Notebook == nil:
		return statusCmd(true, "No notebook here: marks, notes and views cannot be saved")
	case m.book.nb == nil:
		return statusCmd(false, "The notebook is still opening: try again in a moment")
	case m.book.nb.ReadOnly() != nil:
		return statusCmd(true, "%s", m.readOnlyWords(m.book.nb.ReadOnly()))
	}
	return nil
}

// write queues a change of the notebook, written once those before it are.
func (m *Model) write(op bookOp) tea.Cmd {
	m.book.queue = append(m.book.queue, op)
	if m.book.run != nil {
		m.setStatus(false, "Saving…")
		return nil
	}
	return m.nextWrite()
}

// nextWrite starts writing the first change queued.
func (m *Model) nextWrite() tea.Cmd {
	if m.book.run != nil || len(m.book.queue) == 0 {
		return nil
	}
	op := m.book.queue[0]
	m.book.queue = m.book.queue[1:]
	r := &bookRun{done: make(chan struct{})}
	m.book.run = r
	nb := m.book.nb
	go func() {
		defer close(r.done)
		say, err := op(nb)
		r.msg = bookSavedMsg{say: say, err: err}
	}()
	return func() tea.Msg {
		<-r.done
		return r.msg
	}
}

// saved shows the end of a change, and starts the next.
func (m *Model) saved(msg bookSavedMsg) tea.Cmd {
	m.book.run = nil
	m.book.failed = msg.err
	m.setBookState(m.book.nb.State())
	var cmd tea.Cmd
	switch {
	case msg.err != nil:
		// The reason names a path and is long: i holds it whole.
		cmd = statusCmd(true, "Not saved (%s says why): %v", m.keys.About.Help().Key, msg.err)
	case msg.say != "":
		cmd = statusCmd(false, "%s", msg.say)
	}
	if m.quitter.quitting {
		// The screen goes before the reader reads the status: Run says it instead.
		if msg.err != nil {
			m.quitter.notes = append(m.quitter.notes, "Not saved: "+msg.err.Error())
		} else if msg.say != "" {
			m.quitter.notes = append(m.quitter.notes, msg.say)
		}
	}
	next := m.nextWrite()
	if m.quitter.quitting && !m.busy() {
		return tea.Batch(cmd, tea.Quit)
	}
	return tea.Batch(cmd, next)
}

// finishWrites writes what the reader asked for that the program ended before writing:
// the change under way and those queued, within d.
func (m *Model) finishWrites(d time.Duration) error {
	deadline := time.Now().Add(d)
	if r := m.book.run; r != nil {
		select {
		case <-r.done:
		case <-time.After(time.Until(deadline)):
			return errors.New("a change to the notebook was still being written when tlx stopped")
		}
		m.book.run = nil
	}
	for len(m.book.queue) > 0 && time.Now().Before(deadline) {
		op := m.book.queue[0]
		m.book.queue = m.book.queue[1:]
		if _, err := op(m.book.nb); err != nil {
			return err
		}
	}
	if len(m.book.queue) > 0 {
		return errors.New("changes to the notebook were left unsaved when tlx stopped")
	}
	return nil
}

// noteOf returns the reader's note on e, or "".
func (m *Model) noteOf(e *timeline.Event) string {
	if m.book.state == nil || e == nil {
		return ""
	}
	return m.book.state.Note(e.ID)
}
