// Package load opens the timeline file a command names: from its snapshot in the cache
// when one was taken of exactly the bytes the file holds now, else by parsing it, after
// which a snapshot is due for the next open (see File.WriteSnapshot); and again after the
// file changes, decoding only the parts whose bytes changed. Files under SnapshotFrom
// bytes, which parse in a few tens of milliseconds, get no snapshot.
package load

import (
	"errors"
	"io"
	"os"
	"sync"
	"time"

	"github.com/tlx-dev/tlx/internal/loadgc"
	"github.com/tlx-dev/tlx/internal/snapshot"
	"github.com/tlx-dev/tlx/timeline"
)

// SnapshotFrom is the size of file from which snapshots are read and written: about
// 2,500 events, which parse in about 50 ms on the 2-core machine docs/performance.md
// describes.
const SnapshotFrom = 2 << 20

// Options says how a file is opened.
type Options struct {
	// NoCache neither reads nor writes snapshots.
	NoCache bool
	// Store is where snapshots are; nil means snapshot.Default().
	Store *snapshot.Store
	// Progress and Partial are as in timeline.LoadOptions; a file opened from its
	// snapshot reports neither.
	Progress func(done, total int)
	Partial  func(*timeline.Timeline)
	// Once says the caller opens the file once and never reloads it, as a command does:
	// without a snapshot to write, the parse then keys nothing (timeline.LoadOptions.Once),
	// and a Reload would parse the file again even when unchanged (no ErrUnchanged).
	Once bool
	// SearchLater is as in timeline.LoadOptions, for a caller that may never search,
	// except for a parse that leaves a snapshot due: the snapshot holds the text.
	SearchLater bool

	now func() time.Time // the clock a file's stamp is judged by (snapshot.StampOf); nil: time.Now
}

// File is a timeline file, opened once and again as it changes.
type File struct {
	path   string
	store  *snapshot.Store // nil: no snapshots
	source string          // the file as the store names it
	loader *timeline.Loader

	// mu is held while the loader opens, and while a snapshot's writers are taken from
	// it, so that the bytes due and what the loader holds always go together.
	mu     sync.Mutex
	due    []byte         // the bytes of the last parse, while its snapshot is due
	stamp  snapshot.Stamp // of the file just before the last parse read it, when one vouches for its bytes
	now    func() time.Time
	from   Origin
	good   snapshot.Key // of the bytes of the last good parse, unless the loader keeps them; zero after a snapshot or an Open told Once
	reused int          // events the last good parse took from the one before
	// seen is the file as it was just before the last good open read it; nil when it
	// could not be told.
	seen os.FileInfo
}

// ErrUnchanged is Reload's answer when the file holds the bytes of the last good open.
var ErrUnchanged = errors.New("unchanged")

// Origin says where the last open of a File took its timeline from.
type Origin int

const (
	Parsed   Origin = iota // its bytes, parsed
	Snapshot               // its snapshot
	Reused                 // its bytes, parsed but for the events an earlier open decoded
)

// Open reads the timeline file at path: from its snapshot when it has one taken of its
// current bytes, else by parsing it. Errors are those of timeline.ReadFile and
// timeline.Open; a snapshot that cannot be used or written is never one.
func Open(path string, o Options) (*File, *timeline.Timeline, error) {
	f := &File{path: path, loader: timeline.NewLoader(path), now: o.now}
	if f.now == nil {
		f.now = time.Now
	}
	if !o.NoCache {
		f.store = o.Store
		if f.store == nil {
			f.store, _ = snapshot.Default()
		}
		if f.store != nil {
			if src, err := snapshot.Source(path); err == nil {
				f.source = src
			} else {
				f.store = nil
			}
		}
	}
	if t := f.fromSnapshot(); t != nil {
		return f, t, nil
	}
	t, err := f.parse(o, false)
	return f, t, err
}

// fromSnapshot returns the timeline of the file's snapshot, or nil. A snapshot taken
// before the file changed still gives the next parse the events it decoded.
func (f *File) fromSnapshot() *timeline.Timeline {
	if f.store == nil {
		return nil
	}
	st, err := os.Stat(f.path)
	if err != nil || !st.Mode().IsRegular() || st.Size() < SnapshotFrom {
		return nil
	}
	var t *timeline.Timeline
	loader := timeline.NewLoader(f.path)
	err = f.store.Get(f.source, timeline.SnapshotKind, timeline.SnapshotVersion, func(sections [][]byte, own bool) error {
		var err error
		if own {
			t, err = loader.OpenOwnSnapshot(sections)
		} else {
			t, err = loader.OpenSnapshot(sections)
		}
		return err
	})
	switch {
	case err == nil:
		f.loader, f.from, f.seen = loader, Snapshot, st
		return t
	case errors.Is(err, snapshot.ErrChanged) && loader.CanSnapshot():
		f.loader = loader // its events are as good as decoded for the bytes they came from
	}
	return nil
}

// parse reads and parses the file; when skipSame, bytes the last good parse had are
// ErrUnchanged.
func (f *File) parse(o Options, skipSame bool) (*timeline.Timeline, error) {
	now := f.now()               // before the stat of what is read: see snapshot.Stamp
	before, _ := os.Stat(f.path) // before the read: a save during it makes the two differ
	data, opened, err := timeline.ReadFileInfo(f.path)
	if err != nil {
		return nil, err
	}
	stamp, _ := snapshot.StampOf(opened, now)
	if skipSame {
		f.mu.Lock()
		same, known := f.loader.Same(data) // a compare of the bytes it keeps, else of hashes
		if !known {
			same = f.good != (snapshot.Key{}) && snapshot.KeyOf(data) == f.good
		}
		f.mu.Unlock()
		if same {
			return nil, ErrUnchanged
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.loader.KeepsBytes() {
		// A reload that splits and decodes only what changed allocates little beside the
		// timeline it keeps: a tighter collector would only mark that timeline again
		// (a tenth of a second of CPU a reload at 100,000 events).
		restore := loadgc.Tighten(len(data))
		defer restore()
	}
	// A snapshot holds the keys and the search text: a parse that is to write one builds
	// them as it decodes, on every core, whatever the caller does next.
	snapshotDue := f.store != nil && len(data) >= SnapshotFrom
	t, err := f.loader.Open(data, timeline.LoadOptions{Progress: o.Progress, Partial: o.Partial,
		Once: o.Once && !snapshotDue, SearchLater: o.SearchLater && !snapshotDue})
	if err != nil {
		return nil, err
	}
	f.from = Parsed
	if f.loader.Reused() > 0 {
		f.from = Reused
	}
	f.good, f.reused, f.seen = snapshot.Key{}, f.loader.Reused(), before
	if !f.loader.KeepsBytes() && !o.Once {
		f.good = snapshot.KeyOf(data) // for Reload to tell the same bytes
	}
	f.due = nil
	if snapshotDue {
		f.due, f.stamp = data, stamp
	}
	return t, nil
}

// Reload reads the file again after a change, decoding only the events whose bytes
// changed since the last good open. It returns ErrUnchanged when the file holds the
// bytes the last good parse had. On an error the File is as it was.
func (f *File) Reload(o Options) (*timeline.Timeline, error) {
	return f.parse(o, true)
}

// Prime prepares a File opened from its snapshot for quick reloads: it reads the file
// and, when it holds the bytes the snapshot was taken of, lets the loader keep them and
// their split, which a snapshot does not hold, so that the next Reload splits, decodes and
// checks only what a save changed. A File whose last open parsed needs none; one whose
// file changed since is left as it is, for the next Reload to find the change. It costs
// about a parse that decodes nothing; the explorer runs it beside the reader. It reports
// whether it primed the File.
func (f *File) Prime() bool {
	if f.Origin() != Snapshot {
		return false
	}
	data, err := timeline.ReadFile(f.path)
	if err != nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.from == Snapshot && f.loader.Prime(data) // allocates little: no collector setting
}

// Changed reports whether the file may have changed since the last good open read it:
// it is another file now (a save by rename), or it has another size or modification
// time than just before the read. A program that starts watching the file once the open
// ends asks this when the watch is on, so that a save made during a long first open is
// not missed (it is told by neither the open nor the watch). A file that cannot be told
// about is changed: the reload that follows says what is wrong.
func (f *File) Changed() bool {
	f.mu.Lock()
	seen := f.seen
	f.mu.Unlock()
	now, err := os.Stat(f.path)
	if seen == nil || err != nil {
		return true
	}
	return !os.SameFile(seen, now) || seen.Size() != now.Size() || !seen.ModTime().Equal(now.ModTime())
}

// Reused returns how many events the last good open took from the one before it (or
// from a snapshot of the file before its last change) instead of decoding them.
func (f *File) Reused() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reused
}

// Origin says where the last good open took its timeline from.
func (f *File) Origin() Origin {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.from
}

// Path returns the file's path as given.
func (f *File) Path() string { return f.path }

// SnapshotDue reports whether the last good open parsed a file large enough for a
// snapshot that is not written yet.
func (f *File) SnapshotDue() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.due != nil
}

// WriteSnapshot writes the snapshot of the last good open, when one is due: the bytes it
// parsed are hashed, and the timeline it built is written. It may run while the timeline
// is read elsewhere, and alongside Reload: it writes what the open before the reload
// built, for the bytes it parsed. It reports whether it wrote one.
func (f *File) WriteSnapshot() (bool, error) {
	f.mu.Lock()
	data, stamp := f.due, f.stamp
	f.due = nil
	var sections []func(io.Writer) error
	if data != nil {
		sections = f.loader.SnapshotSections()
	}
	f.mu.Unlock()
	if sections == nil {
		return false, nil
	}
	// The bytes are hashed (50 ms at 78 MB) beside the writing of the sections.
	keyc := make(chan snapshot.Key, 1)
	go func() {
		key := snapshot.KeyOf(data)
		key.Stamp = stamp // the next open of the unchanged file then hashes nothing
		keyc <- key
	}()
	key := func() snapshot.Key { return <-keyc }
	if err := f.store.PutKeyLater(f.source, key, timeline.SnapshotKind, timeline.SnapshotVersion, sections...); err != nil {
		return false, err
	}
	return true, nil
}
