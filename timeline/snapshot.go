package timeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"
	"unsafe"

	"github.com/tlx-dev/tlx/internal/snapshot"
)

// A snapshot holds what a Loader decoded from a file, as the reader gave it: the title,
// the registries as the file declares them, and the events with their sources as
// written, each with its line, its position in the file, its search text and signature,
// and the key of the bytes it came from. The events are in timeline order, so that New
// finds them sorted. OpenSnapshot builds the timeline with the same checks as a file
// (Draft.Build), so that no snapshot, however made, gives a timeline a file could not; it
// skips only the decoding, which is most of a load's work. OpenOwnSnapshot, for a
// snapshot the store shows this very program wrote, skips the field checks too: the
// program ran them before writing.
//
// Sections: the values (see writeValues), the signatures (256 bytes an event, little-
// endian words), and the keys (16 bytes an event, or none).

// SnapshotKind and SnapshotVersion name what a Loader's snapshots hold. The version
// changes whenever what is written changes: a snapshot of another version is never read.
const (
	SnapshotKind    = "timeline"
	SnapshotVersion = 1
)

// CanSnapshot reports whether the last Open decoded something to write.
func (l *Loader) CanSnapshot() bool { return l.last != nil }

// SnapshotSections returns the writers of the sections of a snapshot of what the last
// good Open decoded, for snapshot.Store.Put; nil when there is none. They read the
// timeline Open returned, which they may do while others read it too.
func (l *Loader) SnapshotSections() []func(io.Writer) error {
	dec := l.last
	if dec == nil {
		return nil
	}
	dec.t.PrepareSearch() // the events built by hand get their text first
	n := len(dec.t.Events)
	return []func(io.Writer) error{
		func(w io.Writer) error { return dec.writeValues(w) },
		func(w io.Writer) error {
			buf := make([]byte, 0, 64*sigWords*8)
			for i := range n {
				for _, word := range dec.t.Events[i].sig {
					buf = binary.LittleEndian.AppendUint64(buf, word)
				}
				if len(buf) == cap(buf) || i == n-1 {
					if _, err := w.Write(buf); err != nil {
						return err
					}
					buf = buf[:0]
				}
			}
			return nil
		},
		func(w io.Writer) error {
			for _, k := range dec.keys {
				if _, err := w.Write(k[:]); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// writeValues writes the first section: everything but the signatures and keys.
func (dec *decoded) writeValues(w io.Writer) error {
	t := dec.t
	e := snapshot.NewEncoder(w)
	list := func(ss []string) {
		e.Uint(uint64(len(ss)))
		for _, s := range ss {
			e.String(s)
		}
	}
	e.String(t.Title)
	e.String(t.Description)
	e.Uint(uint64(dec.actors))
	for _, a := range t.Actors[:dec.actors] {
		e.String(a.ID)
		e.String(a.Name)
		e.String(a.Kind)
		list(a.Aliases)
		e.String(a.Description)
	}
	e.Uint(uint64(dec.themes))
	for _, th := range t.Themes[:dec.themes] {
		e.String(th.ID)
		e.String(th.Name)
		list(th.Aliases)
		e.String(th.Description)
	}
	e.Uint(uint64(len(t.Events)))
	for i := range t.Events {
		ev := &t.Events[i]
		sources := ev.Sources
		if s, ok := dec.unmerged[int32(ev.Pos-1)]; ok {
			sources = s
		}
		e.String(ev.ID)
		e.Uint(packDate(ev.Date.From))
		e.Uint(packDate(ev.Date.To))
		e.Uint(packDate(ev.End))
		e.String(ev.Title)
		e.String(ev.Summary)
		list(ev.Actors)
		list(ev.Themes)
		e.String(ev.Location)
		e.String(ev.Status)
		list(ev.Related)
		e.Uint(uint64(len(sources)))
		for _, s := range sources {
			e.String(s.Publisher)
			e.String(s.Title)
			e.String(s.URL)
			e.Uint(packDate(s.Published))
			e.String(s.Via)
			e.String(s.Quote)
			list(s.Quotes)
		}
		e.Uint(uint64(ev.Line))
		e.Uint(uint64(ev.Pos))
		e.String(ev.text)
	}
	return e.Flush()
}

// packDate packs a date into one number: year, month, day, precision and qualifier.
func packDate(d Date) uint64 {
	return uint64(d.Year)<<13 | uint64(d.Month)<<9 | uint64(d.Day)<<4 | uint64(d.Prec)<<2 | uint64(d.Qual)
}

// maxPackedDate is the largest number packDate gives for a date ParseDate reads.
const maxPackedDate = 9999<<13 | 1<<13 - 1

// unpackDate is packDate undone, for a date ParseDate could have read: anything else is
// refused.
func unpackDate(v uint64) (Date, bool) {
	d := Date{Year: int(v >> 13), Month: time.Month(v >> 9 & 15), Day: int(v >> 4 & 31),
		Prec: Precision(v >> 2 & 3), Qual: Qualifier(v & 3)}
	switch d.Prec {
	case 0:
		return Date{}, v == 0
	case Year:
		return d, d.Year <= 9999 && d.Month == 0 && d.Day == 0
	case Month:
		return d, d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.Day == 0
	}
	return d, d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// errSnapshot is the error of a snapshot whose content is not what a Loader writes.
var errSnapshot = errors.New("snapshot does not hold a timeline")

// OpenSnapshot builds the timeline a snapshot holds, read by snapshot.Store.Get into
// sections, checking it as Open checks a file; the Loader then reuses its events on the
// next Open, as if it had decoded them. The timeline's text shares the sections' memory,
// which must never be written again. A snapshot that is not one a Loader wrote, in any
// part, is an error and changes nothing.
func (l *Loader) OpenSnapshot(sections [][]byte) (*Timeline, error) {
	return l.openSnapshot(sections, false)
}

// OpenOwnSnapshot is OpenSnapshot for a snapshot that this very program wrote, as
// snapshot.Store.Get tells (its own is true), whose bytes its checksum has shown to be
// those written: the program checked the timeline with the same rules before it wrote it,
// so the field-by-field checks of Build (text, URLs, required fields, references) are not
// run again. What guards against a snapshot that is not what it claims stays: the
// store's format and version, the key of the source's bytes and the checksum, and here
// every bound and every structural check of the sections (counts, lengths, dates a file
// could hold, each position in the file once, ids given once), so that no bytes, however
// made, make it panic or allocate without bound. Reopening a large file is mostly this.
func (l *Loader) OpenOwnSnapshot(sections [][]byte) (*Timeline, error) {
	return l.openSnapshot(sections, true)
}

func (l *Loader) openSnapshot(sections [][]byte, own bool) (*Timeline, error) {
	d, keys, err := readSnapshot(l.name, sections)
	if err != nil {
		return nil, err
	}
	unmerged := unmergedSources(d.Events)
	var t *Timeline
	if own {
		t = New(d.Title, d.Description, d.Actors, d.Themes, d.Events)
		t.Path = d.Name
		if len(t.eventIndex) != len(t.Events) {
			return nil, fmt.Errorf("%w: an event id given twice", errSnapshot)
		}
	} else if t, err = d.Build(); err != nil {
		return nil, fmt.Errorf("%w: %w", errSnapshot, err)
	}
	l.last = newDecoded(d, t, keys, unmerged)
	return t, nil
}

// readSnapshot decodes the sections of a snapshot into a draft named name and the keys of
// its events' bytes.
func readSnapshot(name string, sections [][]byte) (*Draft, []PieceKey, error) {
	if len(sections) != 3 {
		return nil, nil, errSnapshot
	}
	r := snapshot.NewDecoder(sections[0])
	str := func() string { return r.String(r.Len()) }
	list := func() []string {
		n := r.Count(r.Len())
		if n == 0 {
			return nil
		}
		out := make([]string, n)
		for i := range out {
			out[i] = str()
		}
		return out
	}
	bad := false
	date := func() Date {
		d, ok := unpackDate(r.Uint(maxPackedDate))
		bad = bad || !ok
		return d
	}
	d := &Draft{Name: name, Title: str(), Description: str()}
	// Each count is bounded by what is left of the section, divided by the fewest bytes
	// an item takes: no count, however made, allocates more than a small multiple of it.
	d.Actors = make([]Actor, r.Count(r.Len()/5))
	for i := range d.Actors {
		d.Actors[i] = Actor{ID: str(), Name: str(), Kind: str(), Aliases: list(), Description: str()}
	}
	d.Themes = make([]Theme, r.Count(r.Len()/4))
	for i := range d.Themes {
		d.Themes[i] = Theme{ID: str(), Name: str(), Aliases: list(), Description: str()}
	}
	n := r.Count(r.Len() / 16)
	if len(sections[1]) != n*sigWords*8 || len(sections[2]) != 0 && len(sections[2]) != n*len(PieceKey{}) {
		return nil, nil, errSnapshot
	}
	sigs := signatures(sections[1], n)
	d.Events = make([]Event, n)
	seen := make([]bool, n+1) // by Pos: each position in the file once
	for k := range d.Events {
		e := &d.Events[k]
		e.ID = str()
		e.Date.From, e.Date.To, e.End = date(), date(), date()
		e.Title, e.Summary = str(), str()
		e.Actors, e.Themes = list(), list()
		e.Location, e.Status = str(), str()
		e.Related = list()
		e.Sources = make([]Source, r.Count(r.Len()/8))
		for i := range e.Sources {
			s := &e.Sources[i]
			s.Publisher, s.Title, s.URL = str(), str(), str()
			s.Published = date()
			s.Via, s.Quote = str(), str()
			s.Quotes = list()
		}
		e.Line = int(r.Uint(uint64(MaxFileSize)))
		e.Pos = int(r.Uint(uint64(n)))
		e.text, e.sig = str(), &sigs[k]
		if r.Err() != nil || bad || e.ID == "" || e.Pos == 0 || seen[e.Pos] {
			return nil, nil, errSnapshot
		}
		seen[e.Pos] = true
		if w := e.Date; !w.From.IsZero() && !w.To.IsZero() && w.To.Last().days() < w.From.First().days() {
			return nil, nil, errSnapshot // a window that ends before it starts: ParseWhen refuses it
		}
	}
	if r.Err() != nil || bad || r.Len() != 0 {
		return nil, nil, errSnapshot
	}
	var keys []PieceKey
	if len(sections[2]) > 0 {
		keys = make([]PieceKey, n)
		for k := range keys {
			copy(keys[k][:], sections[2][k*len(PieceKey{}):])
		}
	}
	return d, keys, nil
}

// signatures returns the n signatures of b: b itself, seen as signatures, where this
// machine stores words as b does and b is aligned for them, else a copy.
func signatures(b []byte, n int) []signature {
	if n == 0 {
		return nil
	}
	p := unsafe.Pointer(unsafe.SliceData(b))
	if littleEndian && uintptr(p)%unsafe.Alignof(uint64(0)) == 0 {
		return unsafe.Slice((*signature)(p), n)
	}
	sigs := make([]signature, n)
	for k := range sigs {
		for j := range sigs[k] {
			sigs[k][j] = binary.LittleEndian.Uint64(b[(k*sigWords+j)*8:])
		}
	}
	return sigs
}

// littleEndian reports whether this machine stores words least significant byte first.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()
