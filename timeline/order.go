package timeline

import (
	"cmp"
	"slices"
)

// compareEvents is the timeline order: by date, the vaguer first, then by id.
func compareEvents(a, b *Event) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// whenKey is what When.Compare reads of a date, worked out once.
type whenKey struct {
	zero         bool
	first, width int // Anchor's first day; the span's width in days
}

func keyOf(w When) whenKey {
	if w.IsZero() {
		return whenKey{zero: true}
	}
	lo, hi := w.span()
	return whenKey{first: w.Anchor().First().days(), width: hi - lo}
}

// compare is When.Compare of the dates k and o are the keys of.
func (k whenKey) compare(o whenKey) int {
	switch {
	case k.zero && o.zero:
		return 0
	case k.zero:
		return -1
	case o.zero:
		return 1
	case k.first != o.first:
		return cmp.Compare(k.first, o.first)
	}
	return cmp.Compare(o.width, k.width) // the wider first
}

// sortEvents puts evs in timeline order in place. Files are usually written in order, so
// that is checked first, by pointer rather than by copying each large Event; otherwise a
// permutation is sorted and then applied by following its cycles, so a large timeline
// never holds two copies of its events at once.
func sortEvents(evs []Event) {
	// The dates' days are worked out once per event, not once per comparison (about 17
	// per event at 100,000 events): a reload sorts every time.
	keys := make([]whenKey, len(evs))
	for i := range evs {
		keys[i] = keyOf(evs[i].Date)
	}
	compare := func(a, b int32) int {
		if c := keys[a].compare(keys[b]); c != 0 {
			return c
		}
		return cmp.Compare(evs[a].ID, evs[b].ID)
	}
	sorted := true
	for i := 1; i < len(evs) && sorted; i++ {
		sorted = compare(int32(i-1), int32(i)) <= 0
	}
	if sorted {
		return
	}
	order := make([]int32, len(evs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, compare)
	// order[i] is the index of the event that belongs at i.
	for i := range order {
		if order[i] < 0 || int(order[i]) == i {
			continue
		}
		tmp := evs[i]
		j := i
		for {
			k := int(order[j])
			order[j] = -1
			if k == i {
				evs[j] = tmp
				break
			}
			evs[j] = evs[k]
			j = k
		}
	}
}
