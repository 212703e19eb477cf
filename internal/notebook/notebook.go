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
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
	path string
	opts Options

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

func sameStamp(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// read reads the file and makes what it holds the notebook's state, returning it and
// whether there is a file: an empty notebook when there is none. Bytes this process last
// read or wrote are not parsed again, so that a change to a large notebook costs a read
// and a write, not a decode, unless another process wrote meanwhile. On error the state
// stays as it was. The caller holds nb.mu, or has the notebook to itself.
func (nb *Notebook) read() (st *State, exists bool, err error) {
	data, info, err := readFile(nb.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st = emptyState()
	case err != nil:
		return nil, false, err
	case nb.data != nil && bytes.Equal(data, nb.data):
		st = nb.state.Load()
	default:
		if st, err = Parse(nb.path, data); err != nil {
			return nil, false, err
		}
	}
	nb.state.Store(st)
	nb.stamp, nb.data = info, data
	return st, info != nil, nil
}

// readFile reads a notebook file of at most maxFile bytes. Anything but a regular file
// is refused before it is opened: opening a named pipe would wait for a writer, and a
// device could be read forever.
func readFile(path string) ([]byte, fs.FileInfo, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, nil, notRegular(path, st)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, openError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, openError(path, err)
	}
	if !info.Mode().IsRegular() { // replaced between the two looks
		return nil, nil, notRegular(path, info)
	}
	if info.Size() > maxFile {
		return nil, nil, &ParseError{File: path, Msg: fmt.Sprintf("the file is larger than %d MiB, far more than a notebook holds", maxFile>>20), Hint: "check that --notebook names a notebook"}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, nil, openError(path, err)
	}
	return data, info, nil
}

// notRegular explains why a folder, a device or a pipe is no notebook.
func notRegular(path string, st fs.FileInfo) error {
	if st.IsDir() {
		return &ParseError{File: path, Msg: "is a folder, not a notebook", Hint: "give --notebook a file name, such as " + filepath.Join(path, "notebook.toml")}
	}
	return &ParseError{File: path, Msg: "is not a regular file (a device, a pipe or a socket)", Hint: "give --notebook the name of a file"}
}

// openError explains why a notebook could not be read. A missing file keeps
// fs.ErrNotExist, which load takes for an empty notebook.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return err
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot read notebook %s: permission denied; check the file's permissions: %w", path, fs.ErrPermission)
	}
	return fmt.Errorf("cannot read notebook %s: %w", path, err)
}

// readSmall reads the first bytes of a small file, such as a lock file.
func readSmall(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 512))
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

// put sets the entry of its id in s, removing it when it holds nothing.
func put(s *State, e *Entry) {
	if e.empty() {
		delete(s.entries, e.ID)
		return
	}
	s.entries[e.ID] = e
}

// entryFor returns a copy of s's entry for id that the caller may change.
func entryFor(s *State, id string) *Entry {
	if e, ok := s.entries[id]; ok {
		c := e.copy()
		return &c
	}
	return &Entry{ID: id}
}

func checkID(id string) error {
	if p := keyProblem(id); p != "" {
		return inputError("event id %s %s", quoteLine(id), p)
	}
	return nil
}

// markArgs checks the arguments of Mark and Unmark, returning the label as the reader
// meant it: "Key " is "key".
func markArgs(id, label string) (string, error) {
	if err := checkID(id); err != nil {
		return "", err
	}
	l := strings.ToLower(strings.TrimSpace(label))
	if l != "" && !ValidLabel(l) {
		return "", inputError("label %s is not a lower-case word of letters, digits and dashes (at most 24, and not %q)", quoteLine(label), timeline.AnyMark)
	}
	return l, nil
}

// withEntry returns a copy of disk whose entry for id edit has changed, with the event's
// title as the timeline has it now; an entry left with nothing is dropped.
func (nb *Notebook) withEntry(disk *State, id string, edit func(e *Entry) error) (*State, error) {
	e := entryFor(disk, id)
	if err := edit(e); err != nil {
		return nil, err
	}
	e.Title = nb.title(id, e.Title)
	next := disk.clone()
	put(next, e)
	return next, nil
}

// Mark marks the event id, adding label to its mark unless label is "". Marking a marked
// event again, or with a label it has, changes nothing.
func (nb *Notebook) Mark(id, label string) (*State, error) {
	label, err := markArgs(id, label)
	if err != nil {
		return nil, err
	}
	return nb.change(func(disk *State) (*State, error) {
		return nb.withEntry(disk, id, func(e *Entry) error {
			e.Marked = true
			if label != "" && !e.HasLabel(label) {
				if len(e.Labels) >= maxLabels {
					return inputError("event %s already has %d labels, the most a mark holds", quoteLine(id), maxLabels)
				}
				e.Labels = append(e.Labels, label)
				slices.Sort(e.Labels)
			}
			return nil
		})
	})
}

// Unmark removes label from the mark of the event id; with label "", it removes the mark
// and all its labels. The note stays.
func (nb *Notebook) Unmark(id, label string) (*State, error) {
	label, err := markArgs(id, label)
	if err != nil {
		return nil, err
	}
	return nb.change(func(disk *State) (*State, error) {
		if _, ok := disk.entries[id]; !ok {
			return disk, nil
		}
		return nb.withEntry(disk, id, func(e *Entry) error {
			if label == "" {
				e.Marked, e.Labels = false, nil
			} else if i := slices.Index(e.Labels, label); i >= 0 {
				e.Labels = slices.Delete(e.Labels, i, i+1)
			}
			return nil
		})
	})
}

// ConflictMarker separates two texts of one note that two processes saved at once: the
// one found on disk above it, the one being saved below. The reader merges them by
// editing the note.
const ConflictMarker = "--- both kept: another tlx saved the text above while this one was being written ---"

// EditNote replaces the note on the event id, which read base when the reader began
// editing, with text; text "" removes it. Line ends are made "\n", and blank lines and
// spaces at either end dropped.
//
// If the note on disk is no longer base (another process saved it meanwhile) and is not
// text either, nothing is lost: the note becomes the text on disk, ConflictMarker and
// text, and both is true; removing a note that changed meanwhile keeps the other text.
func (nb *Notebook) EditNote(id, base, text string) (st *State, both bool, err error) {
	if text, err = noteArgs(id, text); err != nil {
		return nil, false, err
	}
	base = normNote(base)
	st, err = nb.change(func(disk *State) (*State, error) {
		return nb.withEntry(disk, id, func(e *Entry) error {
			switch onDisk := e.Note; {
			case onDisk == base || onDisk == text:
				e.Note = text
			case text == "":
				both = true // keep what the other process wrote
			default:
				e.Note = onDisk + "\n\n" + ConflictMarker + "\n\n" + text
				both = true
				if len(e.Note) > maxNote {
					return inputError("the note and the text saved meanwhile are together longer than %d bytes; shorten yours", maxNote)
				}
			}
			return nil
		})
	})
	return st, both, err
}

// noteArgs checks the arguments of EditNote and AppendNote, returning the text as a
// note is kept.
func noteArgs(id, text string) (string, error) {
	if err := checkID(id); err != nil {
		return "", err
	}
	if p := textProblem(text, true, maxNote); p != "" {
		return "", inputError("the note %s", p)
	}
	return normNote(text), nil
}

// AppendNote adds text to the end of the note on the event id, after a blank line, or
// makes it the note when there is none. It never conflicts: the text goes after whatever
// the note holds on disk when it is saved. Appending nothing changes nothing.
func (nb *Notebook) AppendNote(id, text string) (*State, error) {
	text, err := noteArgs(id, text)
	if err != nil {
		return nil, err
	}
	return nb.change(func(disk *State) (*State, error) {
		if text == "" {
			return disk, nil
		}
		return nb.withEntry(disk, id, func(e *Entry) error {
			note := text
			if e.Note != "" {
				note = e.Note + "\n\n" + text
			}
			if len(note) > maxNote {
				return inputError("the note would be longer than %d bytes", maxNote)
			}
			e.Note = note
			return nil
		})
	})
}

// SaveView saves query under name, replacing the view's query if it is base ("" for a
// new view). If the view on disk holds another query, saved meanwhile or not known to
// the caller, nothing is written and the error wraps ErrViewChanged: ask the reader, then
// call again with that query as base.
func (nb *Notebook) SaveView(name, query, base string) (*State, error) {
	name, query = strings.TrimSpace(name), strings.TrimSpace(query)
	if p := keyProblem(name); p != "" {
		return nil, inputError("view name %s %s", quoteLine(name), p)
	}
	if p := textProblem(query, false, maxLine); p != "" {
		return nil, inputError("the query of view %s %s", quoteLine(name), p)
	}
	return nb.change(func(disk *State) (*State, error) {
		if v, ok := disk.View(name); ok && v.Query != strings.TrimSpace(base) && v.Query != query {
			return nil, fmt.Errorf("%w: view %s is saved as %s; replace it or choose another name", ErrViewChanged, quoteLine(name), quoteLine(v.Query))
		}
		next := disk.clone()
		next.views = slices.DeleteFunc(next.views, func(v View) bool { return v.Name == name })
		next.views = append(next.views, View{Name: name, Query: query})
		return next, nil
	})
}

// DeleteView removes the view called name if its query is still base; if another query
// was saved under the name meanwhile, the error wraps ErrViewChanged. Removing a view
// that is not there changes nothing.
func (nb *Notebook) DeleteView(name, base string) (*State, error) {
	name = strings.TrimSpace(name)
	return nb.change(func(disk *State) (*State, error) {
		v, ok := disk.View(name)
		if !ok {
			return disk, nil
		}
		if v.Query != strings.TrimSpace(base) {
			return nil, fmt.Errorf("%w: view %s was saved meanwhile as %s; it was kept", ErrViewChanged, quoteLine(name), quoteLine(v.Query))
		}
		next := disk.clone()
		next.views = slices.DeleteFunc(next.views, func(v View) bool { return v.Name == name })
		return next, nil
	})
}
