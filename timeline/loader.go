package timeline

import (
	"crypto/sha256"
	"sync"
	"time"
)

// Reading is what a reader is handed besides the bytes it decodes: where it reports how
// far it has got and the events it has decoded so far, and what it may reuse from the
// last good decode of the same file. Every method may be called from several goroutines
// at once, and does nothing on a nil *Reading.
type Reading struct {
	progress func(done, total int)
	partial  func(*Draft)
	last     *decoded // the last good decode of the file, or nil
	wantKeys bool     // whether the caller keeps keys for a later decode
	// searchLater leaves each event's search text to the first search: see
	// LoadOptions.SearchLater.
	searchLater bool

	split *splitKept // the TOML reader's split, for the Loader to keep

	mu       sync.Mutex
	done     int
	keys     []PieceKey
	reused   int
	lastPart time.Time
}

// Progress tells the caller that the reader has read done bytes of total. Calls after
// total has been reached, or that would take done down, are dropped.
func (r *Reading) Progress(done, total int) {
	if r == nil || r.progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if done < r.done || done == r.done && done > 0 {
		return
	}
	r.done = done
	r.progress(done, total)
}

// WantsPartial reports whether the caller shows events while they load: then the reader
// calls Partial as it decodes.
func (r *Reading) WantsPartial() bool { return r != nil && r.partial != nil }

// Partial hands the caller a draft of what the reader has decoded so far: the title and
// registries as far as known, and the first events of the file, in order, without any
// the reader could not decode. The draft and its events are the caller's from then on:
// the reader must not write them again. The caller shows them unchecked, as a preview of
// the timeline to come.
func (r *Reading) Partial(d *Draft) {
	if !r.WantsPartial() {
		return
	}
	r.partial(d)
}

// WantsKeys reports whether the reader should give the key of the bytes each event came
// from (see SetKeys): the caller will open the file again, or take a snapshot of it.
func (r *Reading) WantsKeys() bool { return r != nil && (r.wantKeys || r.last != nil) }

// SearchNow reports whether the reader should build each event's search text as it
// decodes it (see prepareSearch), for a caller that searches as soon as events show.
func (r *Reading) SearchNow() bool { return r == nil || !r.searchLater }

// SetKeys records, by index into the Events of the draft the reader returns, the key of
// the bytes each event was decoded from: a later decode of the file reuses an event
// whose bytes have the same key.
func (r *Reading) SetKeys(keys []PieceKey) {
	if r != nil {
		r.keys = keys
	}
}

// Reuse returns a copy of the event that the last good decode of the file decoded from
// bytes with key k, and true; or false when it decoded none. The copy's Line and Pos are
// those of the last decode: the reader sets them.
func (r *Reading) Reuse(k PieceKey) (Event, bool) {
	if r == nil || r.last == nil {
		return Event{}, false
	}
	e, ok := r.last.event(k)
	if ok {
		r.mu.Lock()
		r.reused++
		r.mu.Unlock()
	}
	return e, ok
}

// PieceKey identifies the bytes an event was decoded from: the first half of their
// SHA-256, so that two different pieces never share one.
type PieceKey [16]byte

// KeyOfPiece returns the key of the bytes of a piece of a file.
func KeyOfPiece(b []byte) PieceKey {
	sum := sha256.Sum256(b)
	return PieceKey(sum[:16])
}

// decoded is what a Loader keeps of its last good decode: the timeline built from it, the
// key of the bytes each event came from, by position in the file, and what New changed
// that a decode must give as the file has it.
type decoded struct {
	t        *Timeline
	keys     []PieceKey         // by Event.Pos-1; nil when the reader gave none
	byPos    []int32            // Event.Pos-1 -> index into t.Events
	unmerged map[int32][]Source // by Event.Pos-1: the sources as the file has them, where New merged some
	actors   int                // how many of t.Actors the file declares; New adds the rest
	themes   int
	split    *splitKept // the TOML file's bytes and split, when it was one: see reuse.go

	once  sync.Once
	index map[PieceKey]int32 // key -> position in the file
}

// newDecoded records a good decode: d was built into t. unmerged must have been taken from
// d's events before Build.
func newDecoded(d *Draft, t *Timeline, keys []PieceKey, unmerged map[int32][]Source) *decoded {
	dec := &decoded{t: t, unmerged: unmerged, actors: len(d.Actors), themes: len(d.Themes)}
	if len(keys) == len(t.Events) {
		dec.keys = keys
	}
	dec.byPos = make([]int32, len(t.Events))
	for i := range t.Events {
		dec.byPos[t.Events[i].Pos-1] = int32(i)
	}
	return dec
}

// event returns a copy of the event decoded from bytes with key k, as the file had it.
func (dec *decoded) event(k PieceKey) (Event, bool) {
	dec.once.Do(func() {
		dec.index = make(map[PieceKey]int32, len(dec.keys))
		for pos, k := range dec.keys {
			dec.index[k] = int32(pos)
		}
	})
	pos, ok := dec.index[k]
	if !ok {
		return Event{}, false
	}
	return dec.fileEvent(pos), true
}

// fileEvent returns a copy of the event at position pos in the file, as the file has it.
func (dec *decoded) fileEvent(pos int32) Event {
	e := dec.t.Events[dec.byPos[pos]]
	if s, ok := dec.unmerged[pos]; ok {
		e.Sources = s
	}
	return e
}

// unmergedSources returns, by position in the file, the sources of the events of evs
// that New will merge.
func unmergedSources(evs []Event) map[int32][]Source {
	var out map[int32][]Source
	for i := range evs {
		if repeatsArticle(evs[i].Sources) {
			if out == nil {
				out = make(map[int32][]Source)
			}
			out[int32(evs[i].Pos-1)] = evs[i].Sources
		}
	}
	return out
}

// Loader opens one timeline file again and again as it changes. It keeps what its last
// good open decoded, so that the next re-decodes only the parts of the file whose bytes
// changed (for TOML, its [[events]] tables), and so that it can write that as a snapshot
// for a later process (see WriteSnapshot) or take it from one (OpenSnapshot).
//
// A Loader is used by one goroutine at a time.
type Loader struct {
	name string
	last *decoded
	// Reused counts the events the last Open took from the one before instead of decoding.
	reused int
}

// NewLoader returns a Loader of the file named name in messages.
func NewLoader(name string) *Loader { return &Loader{name: name} }

// Name returns the name the Loader gives its file in messages.
func (l *Loader) Name() string { return l.name }

// Reused returns how many events the last Open took from the open before instead of
// decoding them.
func (l *Loader) Reused() int { return l.reused }

// LoadOptions says how a Loader reports on an Open.
type LoadOptions struct {
	// Progress, when not nil, is told how many bytes have been read, as in OpenProgress.
	Progress func(done, total int)
	// Partial, when not nil, is handed timelines of the events decoded so far while a
	// reader decodes, each with more: previews built without the checks every timeline
	// passes, for a caller that shows events while a large file loads. The timeline
	// Open returns, or its error, replaces them. Partial is called from one goroutine at
	// a time, never after Open returns.
	Partial func(*Timeline)
	// Once says that nothing follows this Open: no later Open of the Loader and no
	// snapshot of what it decoded, as when a command reads a file without the cache. The
	// reader then skips what only those use: the key of each event's bytes (a SHA-256 of
	// the whole file, piece by piece), unless it reuses events an earlier Open decoded,
	// and the Loader keeps neither the bytes nor their split. A later Open still works; it
	// decodes every event again.
	Once bool
	// SearchLater says the caller may never search the timeline, as most commands do not:
	// the reader leaves the events' search text to the first search, which builds it on
	// every core (Timeline.PrepareSearch), instead of building it as it decodes. The
	// explorer leaves it false, so that a search typed as soon as events show finds the
	// text of every event shown ready.
	SearchLater bool
}

// Open reads and validates data, the file's bytes, as the package's Open does. After a
// good open, the next one reuses every event whose bytes have not changed; a failed open
// leaves what the last good one decoded. After a good open of a TOML file the Loader keeps
// data, which the caller must not change, to find what the next save changed (reuse.go).
func (l *Loader) Open(data []byte, o LoadOptions) (*Timeline, error) {
	if l.last != nil {
		// The last timeline's events are copied into this one: their search text, when
		// an open told SearchLater left it to a search, is written first, not while a
		// search on another goroutine writes it.
		l.last.t.PrepareSearch()
	}
	if t := l.reopen(data); t != nil {
		if o.Progress != nil {
			o.Progress(len(data), len(data))
		}
		return t, nil
	}
	r := &Reading{progress: o.Progress, last: l.last, wantKeys: !o.Once, searchLater: o.SearchLater}
	if o.Partial != nil {
		var mu sync.Mutex
		r.partial = func(d *Draft) {
			mu.Lock()
			defer mu.Unlock()
			o.Partial(d.preview())
		}
	}
	d, err := formats.decode(l.name, data, r)
	if err != nil {
		return nil, err
	}
	unmerged := unmergedSources(d.Events)
	t, err := d.Build()
	if err != nil {
		return nil, err
	}
	l.last = newDecoded(d, t, r.keys, unmerged)
	if r.split != nil && len(r.split.data) == len(data) {
		l.last.split = r.split
	}
	l.reused = r.reused
	return t, nil
}

// preview builds the timeline a partial draft shows: its events unchecked, but for those
// the reader could not decode.
func (d *Draft) preview() *Timeline {
	events := d.Events // the draft's own copy (see Reading.Partial): no second one
	if d.Broken != nil {
		events = make([]Event, 0, len(d.Events))
		for k := range d.Events {
			if !d.broken(k) {
				events = append(events, d.Events[k])
			}
		}
	}
	t := New(d.Title, d.Description, d.Actors, d.Themes, events)
	t.Path = d.Name
	return t
}
