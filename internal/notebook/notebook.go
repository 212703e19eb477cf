// Package notebook keeps what a reader writes about a timeline: marks on events (plain,
// or with labels such as key, check and dubious, after Timesketch), notes over several
// lines, and saved views (a name and the query text of a filter). Each timeline has one
// notebook, a TOML file a person can read, diff and keep in git.
//
// Nothing the reader wrote is lost. Every change is written when it is made, atomically:
// a crash leaves the old file or the new one, never half of one. A change re-reads the
// file under a lock and applies itself to what is on disk, so two tlx processes on one
// notebook keep each other's marks, notes and views; when both changed the same note,
// both texts are kept. A file that is not a valid notebook is never written: Open reports
// its file and line, and gives a read-only notebook to carry on with. Entries whose
// events have left the timeline stay, as orphans.
//
// The package knows nothing of the terminal: the explorer and the command line call it.
package notebook

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/internal/atomicfile"
	"github.com/tlx-dev/tlx/timeline"
)

// Options says how a notebook is opened.
type Options struct {
	// Source is the timeline the notebook belongs to, recorded in a new notebook's
	// [timeline] table for a person who finds the file.
	Source Source
	// Timeline, when not nil, gives each entry its event's title as it is changed, so
	// that the entry stays recognisable if the event later leaves the timeline.
	Timeline *timeline.Timeline
	// ReadOnly opens the notebook for reading only: no change is ever written.
	ReadOnly bool
	// MakeDir creates the notebook's folder, private to the user, on the first write;
	// for DataDir. A folder named with --notebook must exist.
	MakeDir bool
	// LockWait is how long a change waits for another process's write; 10 s when zero.
	LockWait time.Duration
}

// Notebook is an open notebook file. Its methods are safe for concurrent use; changes
// are made one at a time, each written before it returns.
type Notebook struct {
	path      string
	opts      Options
	byDefault bool // the timeline's default notebook (OpenFor without a path): Earlier looks

	state atomic.Pointer[State]

	mu       sync.Mutex         // serialises changes and reloads; guards the fields below
	readOnly error              // why changes are refused; nil when they are not
	stamp    fs.FileInfo        // the file as last read or written; nil when there was none
	data     []byte             // its bytes, which state holds: a change finding them unchanged need not parse them
	tl       *timeline.Timeline // gives entries their events' titles
}

// Open opens the notebook at path. A missing file is an empty notebook; it is created on
// the first change.
//
// When the file cannot be read or is not a valid notebook, Open returns the error (a
// *ParseError naming the file and line, for a bad file) and also a read-only Notebook
// holding nothing, whose ReadOnly reports the same error: the explorer can carry on and
// show why, a command can stop. Such a file is never written.
func Open(path string, opts Options) (*Notebook, error) {
	nb := &Notebook{path: path, opts: opts, tl: opts.Timeline}
	nb.state.Store(emptyState())
	if _, _, err := nb.read(); err != nil {
		nb.readOnly = err
		return nb, err
	}
	if opts.ReadOnly {
		nb.readOnly = fmt.Errorf("%w: opened for reading only", ErrReadOnly)
	}
	return nb, nil
}

// Path returns the notebook's file.
func (nb *Notebook) Path() string { return nb.path }

// State returns the notebook as last read or written.
func (nb *Notebook) State() *State { return nb.state.Load() }

// ReadOnly returns why the notebook refuses changes: the file is not valid or could not
// be read (the error Open or Reload gave), or it was opened read-only; nil when changes
// are written.
func (nb *Notebook) ReadOnly() error {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	return nb.readOnly
}

// SetTimeline changes the timeline that gives entries their titles, for a timeline
// that was reloaded.
func (nb *Notebook) SetTimeline(t *timeline.Timeline) {
	nb.mu.Lock()
	nb.tl = t
	nb.mu.Unlock()
}

// Reload reads the file again if it changed since this process last read or wrote it,
// and reports whether the notebook's content changed: another process saved a change,
// or a person edited the file. A file that has become invalid makes the notebook
// read-only, keeping its last state, until a later Reload finds it valid again.
func (nb *Notebook) Reload() (changed bool, err error) {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	info, err := os.Stat(nb.path)
	if err == nil && nb.stamp != nil && sameStamp(info, nb.stamp) {
		return false, nil
	}
	if errors.Is(err, fs.ErrNotExist) && nb.stamp == nil && nb.readOnly == nil {
		return false, nil
	}
	old := nb.state.Load()
	st, _, err := nb.read()
	if err != nil {
		nb.readOnly = err
		return false, err
	}
	nb.readOnly = nil
	if nb.opts.ReadOnly {
		nb.readOnly = fmt.Errorf("%w: opened for reading only", ErrReadOnly)
	}
	return !old.Equal(st), nil
}

// change applies one change to the notebook as it is on disk, under the lock, and writes
// the result. apply gets the file's current content, which it must not modify, and
// returns the new content: a clone it changed, or disk itself for no change.
func (nb *Notebook) change(apply func(disk *State) (*State, error)) (*State, error) {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	if nb.readOnly != nil {
		if errors.Is(nb.readOnly, ErrReadOnly) {
			return nil, nb.readOnly
		}
		return nil, fmt.Errorf("%w: %w", ErrReadOnly, nb.readOnly)
	}
	if nb.opts.MakeDir {
		if err := os.MkdirAll(filepath.Dir(nb.path), 0o700); err != nil {
			return nil, fmt.Errorf("cannot save notebook %s: create its folder: %w", nb.path, err)
		}
	}
	wait := nb.opts.LockWait
	if wait <= 0 {
		wait = defaultLockWait
	}
	release, err := acquire(nb.path, wait)
	if err != nil {
		return nil, err
	}
	defer release()

	disk, exists, err := nb.read()
	if err != nil {
		// Someone broke the file since it was opened: it is theirs to fix, and ours
		// never to overwrite.
		nb.readOnly = err
		return nil, fmt.Errorf("%w: your change was not saved: %w", ErrReadOnly, err)
	}
	if !exists {
		disk.about = nb.opts.Source.about() // disk is a new empty state: not shared yet
	}
	next, err := apply(disk)
	if err != nil {
		return disk, err
	}
	if next == disk {
		return disk, nil
	}
	next.finish()
	if next.Equal(disk) {
		return disk, nil
	}
	var b bytes.Buffer
	encode(&b, next) // a bytes.Buffer does not fail
	if err := atomicfile.Write(nb.path, b.Bytes(), true); err != nil {
		return disk, fmt.Errorf("cannot save notebook: %w", err)
	}
	nb.data = b.Bytes()
	nb.stamp, _ = os.Stat(nb.path)
	nb.state.Store(next)
	return next, nil
}

// title returns the title to record for the event id: its title in the timeline, made
// one clean line, or old when the timeline does not have it.
func (nb *Notebook) title(id, old string) string {
	if nb.tl == nil {
		return old
	}
	e := nb.tl.Event(id)
	if e == nil {
		return old
	}
	t := strings.TrimSpace(timeline.SanitizeLine(e.Title))
	for len(t) > maxLine {
		_, size := utf8.DecodeLastRuneInString(t)
		t = t[:len(t)-size]
	}
	return t
}
