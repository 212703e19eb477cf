// Package ui is tlx's explorer: a Bubble Tea program that reads a timeline.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/tlx-dev/tlx/internal/load"
	"github.com/tlx-dev/tlx/internal/loadgc"
	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// Options says what the explorer opens.
type Options struct {
	Name string // names the timeline in the title bar and messages
	// Path is the timeline file, opened through the snapshot cache (see internal/load);
	// "" opens what Read reads instead, the built-in timeline.
	Path    string
	NoCache bool                   // open Path without the snapshot cache
	Read    func() ([]byte, error) // reads the timeline's TOML, when Path is ""
	// FromStdin says that Read reads standard input, not the built-in timeline: there
	// is no file to reload or edit either way, and messages say which it is.
	FromStdin bool
	Filter    timeline.Filter // filters applied at start
	Version   string          // tlx version, for exports
	Stdin     io.Reader
	Stdout    io.Writer
	// Stderr receives what the reader should know once the screen is gone: how an export
	// being written when the explorer quit ended. Nil is os.Stderr.
	Stderr io.Writer
	// Notebook opens the reader's notebook of the loaded timeline: marks, notes and saved
	// views. An error comes with a read-only notebook that says why (see
	// notebook.OpenFor). Nil: no notebook, and its keys say so.
	Notebook func(t *timeline.Timeline) (*notebook.Notebook, error)
	// NoColor turns colour off. Run also turns it off when the NO_COLOR environment
	// variable is set to anything but the empty string.
	NoColor bool
}

// Run opens the explorer and returns when the user quits. The screen comes up at once
// with a progress bar while the timeline loads; a load failure ends the program and is
// returned as it is (a timeline.Problems keeps every problem).
//
// Run installs no signal handler: the command decides which signals stop the explorer
// and cancels ctx when one arrives. The explorer then stops as q would, except that an
// export being written is cancelled (its temporary file removed) rather than finished;
// the terminal is restored, and Run returns context.Cause(ctx). Quitting returns nil, even
// during the load; ctrl+c that cancels an export returns context.Canceled.
func Run(ctx context.Context, opts Options) error {
	noColor := opts.NoColor || os.Getenv("NO_COLOR") != ""
	m := newModel(opts, noColor)
	loadCtx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	m.load.loader = startLoader(loadCtx, opts)

	// Bubble Tea's own context is not ctx: a cancelled ctx asks the model to stop, which
	// ends its work first; this one kills the program when the model takes too long.
	teaCtx, kill := context.WithCancel(context.Background())
	defer kill()
	popts := []tea.ProgramOption{tea.WithContext(teaCtx), tea.WithoutSignalHandler()}
	if opts.Stdin != nil && opts.Stdin != os.Stdin {
		// Left alone, Bubble Tea reads os.Stdin, or the terminal itself when standard
		// input is a pipe; naming os.Stdin here would read keys from the pipe.
		popts = append(popts, tea.WithInput(opts.Stdin))
	}
	if opts.Stdout != nil {
		popts = append(popts, tea.WithOutput(opts.Stdout))
	}
	if noColor {
		// Bubble Tea reads NO_COLOR=1 and =true but not NO_COLOR=yes; the convention
		// is that any value turns colour off. Ascii keeps bold and reverse video.
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	p := tea.NewProgram(m, popts...)
	ended := make(chan struct{})
	go stopOnDone(ctx, p, ended, kill)
	final, err := p.Run()
	close(ended)
	m.load.loader.finish()

	fm, _ := final.(*Model)
	if fm == nil {
		fm = m
	}
	fm.closeLive()
	fm.closeBook()
	notes, werr := fm.afterRun(context.Cause(ctx))
	if err := fm.finishWrites(stopGrace); err != nil {
		notes = append(notes, err.Error())
	}
	stderr := opts.Stderr
	if stderr == nil {
		stderr = os.Stderr
	}
	for _, n := range notes {
		fmt.Fprintln(stderr, timeline.SanitizeLine(n))
	}
	switch {
	case ctx.Err() != nil:
		return context.Cause(ctx)
	case errors.Is(err, tea.ErrInterrupted):
		return nil
	case err != nil:
		return err
	case fm.err != nil:
		return fm.err
	}
	return werr
}

// stopOnDone asks the program to stop when ctx is done, and kills it when it has not
// ended stopGrace later; it returns once the program has ended.
func stopOnDone(ctx context.Context, p *tea.Program, ended <-chan struct{}, kill func()) {
	select {
	case <-ended:
		return
	case <-ctx.Done():
	}
	go p.Send(stopMsg{cause: context.Cause(ctx)}) // returns once read, or the program ended
	select {
	case <-ended:
	case <-time.After(stopGrace):
		kill()
	}
}

// loadProgressMsg reports how many bytes of the timeline have been loaded.
type loadProgressMsg struct{ done, total int }

// loadedMsg carries the loaded timeline, or why it could not be loaded.
type loadedMsg struct {
	t    *timeline.Timeline
	file *load.File // the file it came from, to reload; nil for the built-in timeline
	err  error
}

// loader reads and parses the timeline in the background. Progress is sampled: the
// parser may report thousands of times, the screen hears of each whole percent once.
type loader struct {
	done, total atomic.Int64
	lastPct     atomic.Int64
	tick        chan struct{}           // one pending progress notice at most
	result      chan loadedMsg          // the end of the load
	partial     chan *timeline.Timeline // the latest timeline of the events loaded so far
	ctx         context.Context

	mu      sync.Mutex
	writing chan struct{} // made when a snapshot due after the load starts, closed when written
}

func startLoader(ctx context.Context, opts Options) *loader {
	l := &loader{tick: make(chan struct{}, 1), result: make(chan loadedMsg, 1), ctx: ctx,
		partial: make(chan *timeline.Timeline, 1)}
	l.lastPct.Store(-1)
	go l.run(opts)
	return l
}

// finish waits for the snapshot the load made due, if it is being written: a snapshot cut
// short by the end of the process would only be written again next time. A load still
// under way is not waited for.
func (l *loader) finish() {
	if l == nil {
		return
	}
	l.mu.Lock()
	w := l.writing
	l.mu.Unlock()
	if w != nil {
		<-w
	}
}

func (l *loader) run(opts Options) {
	if opts.Path != "" {
		f, t, err := load.Open(opts.Path, load.Options{NoCache: opts.NoCache, Progress: l.progress, Partial: l.offerPartial})
		l.result <- loadedMsg{t: t, file: f, err: err}
		l.writeSnapshot(f)
		if f != nil && l.ctx.Err() == nil {
			f.Prime() // opened from its snapshot: the first save reloads as quickly as the next
		}
		return
	}
	data, err := opts.Read()
	if err != nil {
		l.result <- loadedMsg{err: err}
		return
	}
	restore := loadgc.Tighten(len(data)) // the explorer's choice for its process
	t, err := timeline.OpenProgress(opts.Name, data, l.progress)
	restore()
	l.result <- loadedMsg{t: t, err: err}
}

// writeSnapshot writes the snapshot the load of f made due, unless the explorer is
// stopping.
func (l *loader) writeSnapshot(f *load.File) {
	l.mu.Lock()
	if f == nil || !f.SnapshotDue() || l.ctx.Err() != nil {
		l.mu.Unlock()
		return
	}
	w := make(chan struct{})
	l.writing = w
	l.mu.Unlock()
	defer close(w)
	f.WriteSnapshot() //nolint:errcheck // a snapshot not written is only a slower next open
}

// progress is called by the parser, possibly from several goroutines at once.
func (l *loader) progress(done, total int) {
	l.done.Store(int64(done))
	l.total.Store(int64(total))
	if total <= 0 {
		return
	}
	pct := int64(done) * 100 / int64(total)
	last := l.lastPct.Load()
	if pct <= last || !l.lastPct.CompareAndSwap(last, pct) {
		return
	}
	select {
	case l.tick <- struct{}{}:
	default: // a notice is already waiting; it will read the latest figures
	}
}

// offerPartial hands over a timeline of the events loaded so far, in place of one the
// explorer has not taken yet.
func (l *loader) offerPartial(t *timeline.Timeline) {
	for {
		select {
		case l.partial <- t:
			return
		default:
		}
		select {
		case <-l.partial:
		default:
		}
	}
}

// wait is a command that returns the next progress notice, the events loaded so far, or
// the end of the load, which comes first of all when it is there.
func (l *loader) wait() tea.Msg {
	select {
	case r := <-l.result:
		return r
	default:
	}
	select {
	case r := <-l.result:
		return r
	case t := <-l.partial:
		return partialMsg{t: t}
	case <-l.tick:
		select {
		case r := <-l.result:
			return r
		default:
		}
		return loadProgressMsg{done: int(l.done.Load()), total: int(l.total.Load())}
	case <-l.ctx.Done():
		return nil
	}
}
