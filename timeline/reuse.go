package timeline

import (
	"bytes"
	"maps"
	"reflect"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/internal/tomlsplit"
)

// A save that changes one event of a large TOML file leaves the rest of its bytes as they
// were. The Loader keeps the bytes and the split of its last good open; the next open
// compares the bytes (at memcmp speed), splits again only the stretch that changed, until
// the split meets a boundary of the last one inside the unchanged end of the file, decodes
// and checks only the events of that stretch, and puts them in place among the events it
// kept, in the order the timeline keeps. Anything it cannot do as a full open would (the
// top of the file or a registry changed, a problem anywhere, a piece that is not an event)
// sends the open down the full path, which then says exactly what is wrong: this path only
// ever succeeds, with the timeline a full open builds.

// splitKept is what a Loader keeps of the split of its last good TOML open: the bytes it
// split (without a byte-order mark: the open does not keep a file that has one) and its
// [[events]] pieces in file order.
type splitKept struct {
	data   []byte
	pieces []tomlsplit.Piece
}

// maxResplit is the most bytes the quick path splits again before it gives up for the
// full one, which decodes on every core: a save that rewrote much of the file, or a
// string opened and not closed that swallows the rest of it.
const maxResplit = 4 << 20

// same reports whether data holds the bytes of the last good open, when the Loader kept
// them; known is false when it did not.
func (l *Loader) same(data []byte) (same, known bool) {
	if l.last == nil || l.last.split == nil {
		return false, false
	}
	return bytes.Equal(l.last.split.data, data), true
}

// Same reports whether data holds the bytes of the last good Open, and whether the Loader
// can tell (it keeps the bytes of a TOML file's last good Open, not those of a snapshot's
// or another format's): a caller that can tell skips an Open of bytes it has seen.
func (l *Loader) Same(data []byte) (same, known bool) { return l.same(data) }

// reopen is Open's quick path for a TOML file whose last good open the Loader kept: it
// returns the timeline a full Open of data would, or nil when it cannot tell that there
// is one, which sends the Open down the full path.
func (l *Loader) reopen(data []byte) *Timeline {
	dec := l.last
	if dec == nil || dec.split == nil || len(dec.keys) != len(dec.t.Events) || bytes.HasPrefix(data, bom) {
		return nil
	}
	if f, _ := formats.choose(l.name, data); f == nil || f.Name != "TOML" {
		return nil
	}
	old, pieces := dec.split.data, dec.split.pieces
	if len(pieces) == 0 {
		return nil
	}
	p := commonPrefix(old, data)
	s := commonSuffix(old, data)
	delta := len(data) - len(old)

	// The first piece the change may touch: the one that holds its first byte, or the
	// last when it only adds to the end. A change before it, in the top of the file, or
	// in a stretch between events (a registry), is for the full path.
	i := sort.Search(len(pieces), func(k int) bool { return pieces[k].End > p })
	if i == len(pieces) {
		i = len(pieces) - 1
		if pieces[i].End != len(old) {
			return nil
		}
	}
	if pieces[i].Start > p {
		return nil
	}
	if i > 0 && pieces[i].Start == p && pieces[i-1].End == p {
		i-- // what was added there may belong to the event before: [[events.sources]]
	}
	last := pieces[len(pieces)-1]

	// Split the new bytes again from the start of piece i until the split reaches a
	// boundary of the old split inside the unchanged end: from there on, both splits see
	// the same bytes in the same state, so the old pieces, shifted, are the new ones.
	start := pieces[i].Start
	sp := tomlsplit.NewCheckingSplitterAt(data, start, pieces[i].Line)
	var fresh []tomlsplit.Piece
	q, qLine := start, pieces[i].Line // where the next new piece starts, and its line
	j, synced := 0, false             // the first old piece kept after the change
	for {
		if q >= len(data)-s && q-delta >= start {
			// data[q:] == old[q-delta:]: is q-delta where an old piece starts?
			qo := q - delta
			k := sort.Search(len(pieces), func(k int) bool { return pieces[k].Start >= qo })
			switch {
			case k < len(pieces) && pieces[k].Start == qo:
				j, synced = k, true
			case k == len(pieces) && qo == last.End && last.End < len(old) && (len(fresh) > 0 || i > 0):
				// The registries after the events, which an event before them ends.
				j, synced = k, true
			}
			if synced {
				break
			}
		}
		piece, ok := sp.Next()
		if !ok {
			break
		}
		if !piece.Event || piece.End-start > maxResplit {
			return nil
		}
		fresh = append(fresh, piece)
		q, qLine = piece.End, piece.Line+piece.Lines
	}
	if sp.Limit() != nil {
		return nil
	}
	oldEnd, lineDelta := len(old), 0
	if synced {
		oldEnd = q - delta
		if j < len(pieces) {
			lineDelta = qLine - pieces[j].Line
		} else {
			lineDelta = qLine - (last.Line + last.Lines)
		}
	} else {
		j = len(pieces)
		if q != len(data) || last.End != len(old) {
			return nil // the new bytes end in events where the old ended in registries
		}
	}
	// The old pieces replaced must be events one after the other: no registry between.
	for k := i; k < j; k++ {
		if k+1 < j && pieces[k].End != pieces[k+1].Start {
			return nil
		}
	}
	if j > i && pieces[j-1].End != oldEnd {
		return nil
	}
	return l.rebuild(data, i, j, fresh, delta, lineDelta)
}

// rebuild builds the timeline of data, whose event pieces are those of the last open
// before i, fresh, then those of the last open from j on, shifted by delta bytes and
// lineDelta lines; nil when the fresh events, or what they change, have a problem.
func (l *Loader) rebuild(data []byte, i, j int, fresh []tomlsplit.Piece, delta, lineDelta int) *Timeline {
	dec := l.last
	old := dec.t
	m := len(fresh)
	posDelta := m - (j - i)

	fkeys := make([]PieceKey, m)
	for k, p := range fresh {
		fkeys[k] = KeyOfPiece(data[p.Start:p.End])
	}
	evs, reused, ok := l.decodeFresh(data, fresh, fkeys, i)
	if !ok {
		return nil
	}
	if !dec.crossCheckFresh(evs, i, j) {
		return nil
	}
	unmerged := make(map[int32][]Source, len(dec.unmerged))
	for pos, srcs := range dec.unmerged {
		switch {
		case int(pos) < i:
			unmerged[pos] = srcs
		case int(pos) >= j:
			unmerged[pos+int32(posDelta)] = srcs
		}
	}
	for k := range evs {
		if repeatsArticle(evs[k].Sources) {
			unmerged[int32(i+k)] = evs[k].Sources
		}
	}

	// The kept events in their order, without those replaced, the fresh ones merged in.
	order := make([]int32, m)
	for k := range order {
		order[k] = int32(k)
	}
	keys := make([]whenKey, m)
	for k := range evs {
		keys[k] = keyOf(evs[k].Date)
	}
	sort.Slice(order, func(a, b int) bool {
		ka, kb := keys[order[a]], keys[order[b]]
		if c := ka.compare(kb); c != 0 {
			return c < 0
		}
		return evs[order[a]].ID < evs[order[b]].ID
	})
	at := make([]int, m) // where each fresh event goes among the old events
	for k, o := range order {
		e, key := &evs[o], keys[o]
		at[k] = sort.Search(len(old.Events), func(x int) bool {
			oe := &old.Events[x]
			if c := keyOf(oe.Date).compare(key); c != 0 {
				return c > 0
			}
			return oe.ID > e.ID
		})
	}
	events := make([]Event, 0, len(old.Events)+posDelta)
	derive := make([]bool, 0, cap(events))
	next := 0
	put := func(upTo int) {
		for ; next < m && at[next] <= upTo; next++ {
			events = append(events, evs[order[next]])
			derive = append(derive, true)
		}
	}
	for x := range old.Events {
		put(x)
		e := &old.Events[x]
		pos := e.Pos - 1
		switch {
		case pos < i:
			events = append(events, *e)
		case pos >= j:
			events = append(events, *e)
			last := &events[len(events)-1]
			last.Pos += posDelta
			last.Line += lineDelta
		default:
			continue
		}
		derive = append(derive, false)
	}
	put(len(old.Events))

	// The index by id: the last one, but for the ids gone and the events that moved.
	ids := maps.Clone(old.eventIndex)
	for p := i; p < j; p++ {
		delete(ids, old.Events[dec.byPos[p]].ID)
	}
	for x := range events {
		if derive[x] || events[x].idx != int32(x) {
			ids[events[x].ID] = x
		}
	}
	t := &Timeline{Title: old.Title, Description: old.Description, Path: old.Path,
		Actors: emptyNil(old.Actors), Themes: emptyNil(old.Themes), Events: events,
		actorIndex: old.actorIndex, themeIndex: old.themeIndex,
		addedActors: old.addedActors, addedThemes: old.addedThemes}
	t.index(derive, ids)

	pieces := make([]tomlsplit.Piece, 0, len(dec.split.pieces)+posDelta)
	pieces = append(pieces, dec.split.pieces[:i]...)
	pieces = append(pieces, fresh...)
	pkeys := make([]PieceKey, 0, cap(pieces))
	pkeys = append(pkeys, dec.keys[:i]...)
	pkeys = append(pkeys, fkeys...)
	for _, p := range dec.split.pieces[j:] {
		p.Start += delta
		p.End += delta
		p.Line += lineDelta
		pieces = append(pieces, p)
	}
	pkeys = append(pkeys, dec.keys[j:]...)

	next2 := &decoded{t: t, keys: pkeys, unmerged: unmerged, actors: dec.actors, themes: dec.themes,
		split: &splitKept{data: data, pieces: pieces}}
	next2.byPos = make([]int32, len(events))
	for x := range events {
		next2.byPos[events[x].Pos-1] = int32(x)
	}
	if len(unmerged) == 0 {
		next2.unmerged = nil
	}
	l.last = next2
	l.reused = len(events) - m + reused
	return t
}

// decodeFresh decodes and checks the event pieces fresh of data, which sit at position i
// on in the file and whose keys are keys: false when any has a problem of its own. Of
// many, those whose bytes the last good open decoded already are taken from it, as the
// full path does (a save that changed two events far apart splits all between them
// again); it reports how many.
func (l *Loader) decodeFresh(data []byte, fresh []tomlsplit.Piece, keys []PieceKey, i int) ([]Event, int, bool) {
	m := len(fresh)
	if m == 0 {
		return nil, 0, true
	}
	ld := &loader{name: l.name, data: data, total: len(data), events: fresh,
		evs: make([]Event, m), issues: make([][]Issue, m), given: make([][]givenField, m), failed: make([]bool, m)}
	known := make([]bool, m)
	reused := 0
	for lo, k := 0, 0; k <= m; k++ {
		if k < m && m > 2 { // for one or two, looking up costs more than decoding
			if e, ok := l.last.event(keys[k]); ok {
				ld.evs[k], known[k] = e, true
				reused++
			}
		}
		if k < m && !known[k] {
			continue
		}
		if lo < k {
			if !utf8.Valid(data[fresh[lo].Start:fresh[k-1].End]) {
				return nil, 0, false
			}
			if probs := ld.decodeBatch(lo, k, 0); len(probs) > 0 {
				return nil, 0, false
			}
		}
		lo = k + 1
	}
	d := &Draft{Name: l.name, Events: ld.evs}
	for k := range m {
		if ld.failed[k] || len(ld.issues[k]) > 0 {
			return nil, 0, false
		}
		for _, g := range ld.given[k] {
			d.Give(g.ref, g.how)
		}
	}
	c := &checker{d: d}
	for k := range m {
		if !known[k] { // an event decoded before passed these checks, which read it alone
			c.event(k)
		}
	}
	if len(c.issues) > 0 {
		return nil, 0, false
	}
	for k := range ld.evs {
		ld.evs[k].Pos, ld.evs[k].Line = i+k+1, fresh[k].Line
	}
	return ld.evs, reused, true
}

// crossCheckFresh is crossCheck for the events evs that replace the events at positions i
// to j-1 of the last good open: their ids are new to the file, the actors, themes and
// events they name exist, and no event kept names an event that is gone. It reports
// whether all is well, and never needs to look at more than the events that changed
// unless an id went away.
func (dec *decoded) crossCheckFresh(evs []Event, i, j int) bool {
	old := dec.t
	gone := func(x int) bool { p := old.Events[x].Pos - 1; return p >= i && p < j }
	ids := make(map[string]bool, len(evs))
	for k := range evs {
		id := evs[k].ID
		if x, ok := old.eventIndex[id]; ok && !gone(x) || ids[id] {
			return false // a duplicate id
		}
		ids[id] = true
	}
	exists := func(id string) bool {
		x, ok := old.eventIndex[id]
		return ids[id] || ok && !gone(x)
	}
	declared := func(n, added int, idAt func(int) string) map[string]bool {
		set := make(map[string]bool, n-added)
		for x := range n - added {
			set[idAt(x)] = true
		}
		return set
	}
	actors := declared(len(old.Actors), old.addedActors, func(x int) string { return old.Actors[x].ID })
	themes := declared(len(old.Themes), old.addedThemes, func(x int) string { return old.Themes[x].ID })
	for k := range evs {
		e := &evs[k]
		// A file without a registry gets its names added in the order events first use
		// them, which only a full build works out.
		if len(actors) == 0 && (old.addedActors > 0 || len(e.Actors) > 0) ||
			len(themes) == 0 && (old.addedThemes > 0 || len(e.Themes) > 0) {
			return false
		}
		for _, id := range e.Actors {
			if !actors[id] {
				return false
			}
		}
		for _, id := range e.Themes {
			if !themes[id] {
				return false
			}
		}
		for _, id := range e.Related {
			if !exists(id) {
				return false
			}
		}
	}
	var lost map[string]bool
	for p := i; p < j; p++ {
		if id := old.Events[dec.byPos[p]].ID; !ids[id] {
			if lost == nil {
				lost = make(map[string]bool)
			}
			lost[id] = true
		}
	}
	if lost != nil {
		for x := range old.Events {
			if gone(x) {
				continue
			}
			for _, id := range old.Events[x].Related {
				if lost[id] {
					return false
				}
			}
		}
	}
	return true
}

// commonPrefix returns how many bytes a and b share at their start.
func commonPrefix(a, b []byte) int {
	const block = 4 << 10
	n := min(len(a), len(b))
	i := 0
	for i+block <= n && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix returns how many bytes a and b share at their end.
func commonSuffix(a, b []byte) int {
	const block = 4 << 10
	n := min(len(a), len(b))
	i := 0
	for i+block <= n && bytes.Equal(a[len(a)-i-block:len(a)-i], b[len(b)-i-block:len(b)-i]) {
		i += block
	}
	for i < n && a[len(a)-i-1] == b[len(b)-i-1] {
		i++
	}
	return i
}

// KeepsBytes reports whether the Loader keeps the bytes of its last good Open (see Same).
func (l *Loader) KeepsBytes() bool { return l.last != nil && l.last.split != nil }

// Prime gives a Loader whose last Open came from a snapshot the bytes of the file, so
// that its next Open finds what a save changed as quickly as after a parse: a snapshot
// holds no split. It splits and reads data, taking every event from the snapshot, and
// keeps the split only when data reads as the very timeline the Loader holds (the same
// events from the same bytes on the same lines, the same title and registries, no
// problem): otherwise data is not what the snapshot was taken of, and the Loader is left
// as it was, for the next Open to find the change. No timeline is built. It reports
// whether it kept the split.
func (l *Loader) Prime(data []byte) bool {
	dec := l.last
	if dec == nil || dec.split != nil || len(dec.keys) != len(dec.t.Events) {
		return false
	}
	if f, _ := formats.choose(l.name, data); f == nil || f.Name != "TOML" {
		return false
	}
	r := &Reading{last: dec, wantKeys: true}
	d, err := formats.decode(l.name, data, r)
	if err != nil || len(d.Problems) > 0 || len(d.Issues) > 0 || len(d.badDates) > 0 || d.TopBroken || d.Broken != nil ||
		r.split == nil || len(r.split.data) != len(data) || r.reused != len(dec.t.Events) || !slices.Equal(r.keys, dec.keys) {
		return false
	}
	t := dec.t
	if d.Title != t.Title || d.Description != t.Description || dec.actors != len(d.Actors) || dec.themes != len(d.Themes) ||
		!reflect.DeepEqual(d.Actors, t.Actors[:len(d.Actors):len(d.Actors)]) && len(d.Actors) > 0 ||
		!reflect.DeepEqual(d.Themes, t.Themes[:len(d.Themes):len(d.Themes)]) && len(d.Themes) > 0 {
		return false
	}
	for p := range d.Events {
		if d.Events[p].Line != t.Events[dec.byPos[p]].Line {
			return false
		}
	}
	dec.split = r.split
	return true
}

// emptyNil returns s, or nil when it is empty, as a parse leaves a registry the file does
// not have (a snapshot's is empty).
func emptyNil[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}
