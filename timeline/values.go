package timeline

import (
	"errors"
	"strings"
	"sync"
)

// valueIndex holds the values of a kind of filter that events name as free text (places,
// publishers), which no registry lists: every distinct value, and each event's values as
// indexes, so that matching and counting compare integers. It is built on first need, as
// the search index is: a timeline that is never filtered by place does not pay for it.
type valueIndex struct {
	once   sync.Once
	values []Value
	keys   map[string]int32 // lower-cased value -> index into values
	start  []int32          // by event position: the event's values are ids[start[i]:start[i+1]]
	ids    []int32
}

// eachLocation calls add with each part of e's location between its commas.
func eachLocation(e *Event, add func(string)) {
	for _, p := range strings.Split(e.Location, ",") {
		add(p)
	}
}

// eachPublisher calls add with the publisher of each of e's sources. A via is not a
// publisher: the outlet that carried a report did not write it.
func eachPublisher(e *Event, add func(string)) {
	for i := range e.Sources {
		add(e.Sources[i].Publisher)
	}
}

// valueIndex returns the value index of kind k, building it on the first call.
func (t *Timeline) valueIndex(k FilterKind) *valueIndex {
	ix := t.values[k]
	ix.once.Do(func() { ix.build(t, k.spec().eventValues) })
	return ix
}

func (ix *valueIndex) build(t *Timeline, each func(e *Event, add func(string))) {
	ix.keys = make(map[string]int32)
	ix.start = make([]int32, len(t.Events)+1)
	for i := range t.Events {
		e := &t.Events[i]
		from := len(ix.ids)
		each(e, func(v string) {
			v = collapse(v)
			if v == "" {
				return
			}
			key := strings.ToLower(v)
			id, ok := ix.keys[key]
			if !ok {
				id = int32(len(ix.values))
				ix.keys[key] = id
				ix.values = append(ix.values, Value{Key: v, Name: v})
			}
			for _, seen := range ix.ids[from:] {
				if seen == id {
					return // counted once per event
				}
			}
			ix.ids = append(ix.ids, id)
		})
		ix.start[i+1] = int32(len(ix.ids))
	}
}

// list returns the values, in the order the events first name them.
func (ix *valueIndex) list() []Value {
	out := make([]Value, len(ix.values))
	copy(out, ix.values)
	return out
}

// lookup returns the index of value v, in any case.
func (ix *valueIndex) lookup(v string) (int, bool) {
	i, ok := ix.keys[strings.ToLower(collapse(v))]
	return int(i), ok
}

// name returns v as the timeline writes it, or v when it has no such value.
func (ix *valueIndex) name(v string) string {
	if i, ok := ix.lookup(v); ok {
		return ix.values[i].Name
	}
	return v
}

func (ix *valueIndex) of(e *Event) []int32 { return ix.ids[ix.start[e.idx]:ix.start[e.idx+1]] }

// countAll adds the values of the events that fail no other kind to counts.
func (ix *valueIndex) countAll(es []*Event, bad []uint32, ignore uint32, counts []int) {
	for i, e := range es {
		if bad[i]&^ignore == 0 {
			for _, id := range ix.of(e) {
				counts[id]++
			}
		}
	}
}

// compile resolves values of kind k. A value is one of the index's values; for a place,
// it may also be a whole location with commas ("Fort Pierce, Florida"), which an event
// matches when it has every part.
func (ix *valueIndex) compile(k FilterKind, values []string) (matcher, error) {
	m := &valueMatch{ix: ix, set: make([]bool, len(ix.values))}
	var errs []error
	for _, v := range values {
		if i, ok := ix.lookup(v); ok {
			m.set[i] = true
			continue
		}
		var all []int32
		bad := v
		if k == LocationFilter && strings.Contains(v, ",") {
			bad = ""
			eachLocation(&Event{Location: v}, func(p string) {
				if collapse(p) == "" || bad != "" {
					return
				}
				if i, ok := ix.lookup(p); ok {
					all = append(all, int32(i))
				} else {
					bad = collapse(p)
				}
			})
		}
		if bad != "" || len(all) == 0 {
			if bad == "" {
				bad = v
			}
			errs = append(errs, unknown(k, bad, ix.values))
			continue
		}
		m.all = append(m.all, all)
	}
	return m, errors.Join(errs...)
}

// valueMatch matches the events with any of a set of values, or with every value of one
// of the lists in all.
type valueMatch struct {
	ix  *valueIndex
	set []bool
	all [][]int32
}

func (m *valueMatch) match(e *Event) bool {
	ids := m.ix.of(e)
	for _, id := range ids {
		if m.set[id] {
			return true
		}
	}
	for _, need := range m.all {
		if hasEvery(ids, need) {
			return true
		}
	}
	return false
}

func (m *valueMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if !m.match(e) {
			bad[i] |= bit
		}
	}
}

func hasEvery(ids, need []int32) bool {
	for _, n := range need {
		found := false
		for _, id := range ids {
			if id == n {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
