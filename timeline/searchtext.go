package timeline

import (
	"strings"
	"sync"
	"unsafe"
)

// searchIndex is what free-text search reads besides each event's own text and
// signature: the lower-cased text of each actor and theme (id, name, aliases), which an
// event matches through the entries it names. Events a reader decoded come with their
// own text (the TOML reader builds it on every core as it decodes, unless told
// LoadOptions.SearchLater); the others get theirs on first need.
type searchIndex struct {
	once   sync.Once
	actors []string // by index into Actors
	themes []string // by index into Themes
}

// PrepareSearch builds what free-text search needs that t does not have yet: the search
// text of events not prepared by their reader. The first filter with text builds it
// otherwise, and waits for it. It is safe to call from several goroutines, alongside any
// other reading of t through its methods; it writes the events that lack their text, so
// code that copies t.Events must not run beside the first build (Loader.Open calls it
// before it copies the events of its last timeline).
func (t *Timeline) PrepareSearch() { t.searchIndex() }

// searchIndex returns the search index, building it on the first call.
func (t *Timeline) searchIndex() *searchIndex {
	ix := t.search
	ix.once.Do(func() {
		ix.actors = make([]string, len(t.Actors))
		for i, a := range t.Actors {
			ix.actors[i] = entryText(a.ID, a.Name, a.Aliases)
		}
		ix.themes = make([]string, len(t.Themes))
		for i, th := range t.Themes {
			ix.themes[i] = entryText(th.ID, th.Name, th.Aliases)
		}
		inParallel(len(t.Events), parallelism(len(t.Events)), func(_, lo, hi int) {
			for i := lo; i < hi; {
				if t.Events[i].sig != nil {
					i++
					continue
				}
				j := i + 1
				for j < hi && t.Events[j].sig == nil {
					j++
				}
				prepareSearch(t.Events[i:j])
				i = j
			}
		})
	})
	return ix
}

// entryText is the search text of a registry entry.
func entryText(id, name string, aliases []string) string {
	var b []byte
	for _, s := range append([]string{id, name}, aliases...) {
		if s != "" {
			b = append(appendLower(b, s), '\n')
		}
	}
	return string(b)
}

// prepareSearch builds the own search text and signature of each of evs. The texts go
// into one arena, sized before it is filled, so that a search streams through memory
// instead of visiting 100,000 separate allocations; the signatures into another. It reads
// nothing but the events, so a reader may call it on the events it has just decoded.
func prepareSearch(evs []Event) {
	size := 0
	for i := range evs {
		size += searchTextSize(&evs[i])
	}
	arena := make([]byte, 0, size)
	ends := make([]int, len(evs))
	sigs := make([]signature, len(evs))
	for i := range evs {
		start := len(arena)
		arena = appendSearchText(arena, &evs[i])
		ends[i] = len(arena)
		// While the text is still in the cache.
		sigs[i].add(unsafe.String(unsafe.SliceData(arena[start:]), len(arena)-start))
	}
	// The arena is never written again, so the strings may share its bytes.
	text, start := unsafe.String(unsafe.SliceData(arena), len(arena)), 0
	for i := range evs {
		evs[i].text, evs[i].sig = text[start:ends[i]], &sigs[i]
		start = ends[i]
	}
}

// searchFields calls add with every field of its own that free-text search looks at,
// short fields first, where a common term is found soonest. Its actors and themes are
// searched through their registry entries instead (see searchIndex). The sources are
// taken as New merges them, one article each.
func searchFields(e *Event, add func(string)) {
	add(e.ID)
	add(e.Title)
	add(e.Location)
	add(e.Status)
	sources := mergeSources(e.Sources)
	for _, s := range sources {
		add(s.Publisher)
		add(s.Via)
		add(s.Title)
	}
	add(e.Summary)
	for _, s := range sources {
		add(s.Quote)
		for _, q := range s.Quotes {
			add(q)
		}
	}
}

// searchTextSize is the length appendSearchText adds for e, exact for ASCII text.
func searchTextSize(e *Event) int {
	n := 0
	searchFields(e, func(s string) {
		if s != "" {
			n += len(s) + 1
		}
	})
	return n
}

// appendSearchText appends e's search text to b: its fields lower-cased, each followed by
// a newline, so that a search term never matches across two of them.
func appendSearchText(b []byte, e *Event) []byte {
	searchFields(e, func(s string) {
		if s != "" {
			b = appendLower(b, s)
			b = append(b, '\n')
		}
	})
	return b
}

// appendLower appends s lower-cased as strings.ToLower would: search terms are lowered by
// strings.ToLower, so the two must agree byte for byte. ASCII is lowered in place.
func appendLower(b []byte, s string) []byte {
	n := len(b)
	b = append(b, s...)
	for i := n; i < len(b); i++ {
		switch c := b[i]; {
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c >= 0x80:
			return append(b[:n], strings.ToLower(s)...)
		}
	}
	return b
}
