package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/tlx-dev/tlx/timeline"
)

// The kinds of filter are timeline's table (timeline.FilterKind): their values, counts,
// names, the chips' words, the undo steps and the export's file name all come from it.
// What the explorer adds is below, in one place: which kinds have a picker, the key that
// opens it, its title, and what a value's row says besides its name.

// pickerKind is a kind of filter the explorer offers a picker for.
type pickerKind struct {
	kind  timeline.FilterKind
	title string                                                           // the picker's title
	key   func(k *keyMap) key.Binding                                      // the key that opens it
	fixed bool                                                             // values keep their order rather than sort by count
	about func(t *timeline.Timeline, v timeline.Value) (kind, desc string) // what a row says of a value
}

// pickerKinds lists the pickers, in the order the help shows their keys. It is never
// modified.
var pickerKinds = []*pickerKind{
	{kind: timeline.ActorFilter, title: "Actors", key: func(k *keyMap) key.Binding { return k.Actors },
		about: func(t *timeline.Timeline, v timeline.Value) (string, string) {
			if a := t.Actor(v.Key); a != nil {
				return a.Kind, a.Description
			}
			return "", ""
		}},
	{kind: timeline.ThemeFilter, title: "Themes", key: func(k *keyMap) key.Binding { return k.Themes },
		about: func(t *timeline.Timeline, v timeline.Value) (string, string) {
			if th := t.Theme(v.Key); th != nil {
				return "", th.Description
			}
			return "", ""
		}},
	{kind: timeline.StatusFilter, title: "Status", key: func(k *keyMap) key.Binding { return k.Statuses }, fixed: true,
		about: func(_ *timeline.Timeline, v timeline.Value) (string, string) { return "", statusMeaning[v.Key] }},
	{kind: timeline.LocationFilter, title: "Places", key: func(k *keyMap) key.Binding { return k.Places }},
	{kind: timeline.PublisherFilter, title: "Publishers", key: func(k *keyMap) key.Binding { return k.Publishers }},
}

// pickerFor returns the picker of kind k; it panics on a kind without one, which is a
// mistake in the code.
func pickerFor(k timeline.FilterKind) *pickerKind {
	for _, pk := range pickerKinds {
		if pk.kind == k {
			return pk
		}
	}
	panic("ui: no picker for the kind " + k.Name())
}

// items returns the rows of the kind's picker: every value of t, its count under the
// other parts of the filter (fc), and whether f selects it.
func (pk *pickerKind) items(t *timeline.Timeline, fc timeline.Facets, f timeline.Filter) []pickerItem {
	values, counts, selected := t.Values(pk.kind), fc.Counts(pk.kind), t.Selection(f, pk.kind)
	items := make([]pickerItem, len(values))
	for i, v := range values {
		kind, desc := "", ""
		if pk.about != nil {
			kind, desc = pk.about(t, v)
		}
		name := v.Name
		if pk.kind == timeline.StatusFilter {
			name = statusGlyph(v.Key) + " " + v.Name
		}
		items[i] = newPickerItem(v.Key, name, kind, desc, v.Aliases, at(counts, i))
		items[i].order, items[i].fixed = i, pk.fixed
		items[i].checked = i < len(selected) && selected[i]
	}
	return items
}

// statusMeaning says when each status is used, as docs/format.md does.
var statusMeaning = map[string]string{
	"confirmed": "established, on the record",
	"reported":  "reported by credible outlets, not yet confirmed",
	"alleged":   "an accusation, a charge or a claim by one side",
	"disputed":  "accounts conflict",
	"denied":    "the party concerned denies it",
	"scheduled": "planned, and not yet happened",
}

func at(counts []int, i int) int {
	if i < len(counts) {
		return counts[i]
	}
	return 0
}

// sameFilter reports whether two filters select by the same parts.
func sameFilter(a, b timeline.Filter) bool { return a.Equal(b) }

// steps returns the filters before each step by which a reader could have built f, one
// part at a time: the undo history of a filter given on the command line.
func steps(f timeline.Filter) []timeline.Filter {
	var hist []timeline.Filter
	var cur timeline.Filter
	for _, step := range f.Steps() {
		hist = append(hist, cur)
		cur = step
	}
	return hist
}

// chip is one part of the filter as the header shows it.
type chip struct{ kind, value string }

// chipsOf lists the parts of f in readers' words, in the table's order.
func chipsOf(t *timeline.Timeline, f timeline.Filter) []chip {
	var out []chip
	for _, w := range f.Words(t) {
		out = append(out, chip{w.Kind, wordsValue(w)})
	}
	return out
}

// wordsValue joins the values of w as the export's header does: text in curly quotes
// (a Go-quoted string showed a search for marked:key as "\"marked:key\"").
func wordsValue(w timeline.Words) string {
	v := strings.Join(w.Values, " or ")
	if w.Quoted {
		v = "“" + v + "”"
	}
	return v
}
