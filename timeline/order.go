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
func sortEvents(evs []Event) { permute(evs, sortOrder(evs)) }

// sortOrder returns the permutation that puts evs in timeline order (order[i] is the
// index of the event that belongs at i), or nil when they are in order already. It only
// reads the events' dates and ids, so other fields may be read meanwhile. A large
// timeline is sorted in parts on every core, then the parts are merged.
func sortOrder(evs []Event) []int32 {
	// The dates' days are worked out once per event, not once per comparison (about 17
	// per event at 100,000 events): a reload sorts every time.
	keys := make([]whenKey, len(evs))
	parts := parallelism(len(evs))
	inParallel(len(evs), parts, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = keyOf(evs[i].Date)
		}
	})
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
		return nil
	}
	order := make([]int32, len(evs))
	for i := range order {
		order[i] = int32(i)
	}
	inParallel(len(order), parts, func(_, lo, hi int) {
		slices.SortStableFunc(order[lo:hi], compare)
	})
	if parts > 1 {
		order = mergeParts(order, parts, compare)
	}
	return order
}

// mergeParts merges the parts consecutive sorted runs of order, as inParallel cuts them,
// into one sorted run, keeping equal elements in the order of the runs (stable).
func mergeParts(order []int32, parts int, compare func(a, b int32) int) []int32 {
	bounds := make([]int, parts+1)
	for p := range bounds {
		bounds[p] = p * len(order) / parts
	}
	buf := make([]int32, len(order))
	for len(bounds) > 2 {
		var next []int
		for p := 0; p+1 < len(bounds); p += 2 {
			lo := bounds[p]
			if p+2 >= len(bounds) { // an odd run out: copied as it is
				copy(buf[lo:], order[lo:bounds[p+1]])
				next = append(next, lo)
				continue
			}
			mid, hi := bounds[p+1], bounds[p+2]
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if compare(order[j], order[i]) < 0 {
					buf[k] = order[j]
					j++
				} else {
					buf[k] = order[i]
					i++
				}
				k++
			}
			k += copy(buf[k:], order[i:mid])
			copy(buf[k:], order[j:hi])
			next = append(next, lo)
		}
		bounds = append(next, len(order))
		order, buf = buf, order
	}
	return order
}

// permute puts evs in the order sortOrder gave, following the permutation's cycles; a
// nil order leaves them as they are.
func permute(evs []Event, order []int32) {
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
