package ui

import (
	"strconv"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// filterKind describes one kind of filter as the explorer shows and edits it: the chips,
// the undo steps of a filter given on the command line, the pickers and the export's file
// name all read this table, so a new kind is one entry here. Its entries read timeline's
// own table of kinds (timeline.FilterKind), which is to take its place.
type filterKind struct {
	name string // the chip's label and the picker's key: "actor"
	// values returns the kind's part of f as strings; nil when f has none.
	values func(f timeline.Filter) []string
	// with returns f with the kind's part replaced by values.
	with func(f timeline.Filter, values []string) timeline.Filter
	// words returns the part of f for the chip, in words.
	words func(t *timeline.Timeline, f timeline.Filter) string
	// options lists what the kind's picker offers, nil for a kind without a picker.
	options func(t *timeline.Timeline, fc timeline.Facets) []pickerItem
	title   string              // the picker's title
	facet   timeline.FilterKind // the kind whose facets the picker counts
}

// filterKinds is the table, in the order chips are shown. It is never modified. Each
// entry reads timeline's table of kinds (timeline.FilterKind), whose words, values and
// counts it shows.
var filterKinds = []*filterKind{
	pickable("actor", "Actors", timeline.ActorFilter, func(t *timeline.Timeline, i int, v timeline.Value, count int) pickerItem {
		a := t.Actors[i]
		return newPickerItem(v.Key, v.Name, a.Kind, a.Description, v.Aliases, count)
	}),
	pickable("theme", "Themes", timeline.ThemeFilter, func(t *timeline.Timeline, i int, v timeline.Value, count int) pickerItem {
		return newPickerItem(v.Key, v.Name, "", t.Themes[i].Description, v.Aliases, count)
	}),
	pickable("status", "Status", timeline.StatusFilter, func(_ *timeline.Timeline, _ int, v timeline.Value, count int) pickerItem {
		it := newPickerItem(v.Key, statusGlyph(v.Key)+" "+v.Key, "", statusMeaning[v.Key], nil, count)
		it.fixed = true
		return it
	}),
	{
		name: "dates",
		values: func(f timeline.Filter) []string {
			if f.Dates().IsZero() {
				return nil
			}
			return []string{f.Dates().String()}
		},
		with: func(f timeline.Filter, v []string) timeline.Filter {
			var r timeline.Range
			if len(v) > 0 {
				r, _ = timeline.ParseRange(v[0]) // values come from Range.String
			}
			return f.WithDates(r)
		},
		words: func(t *timeline.Timeline, f timeline.Filter) string {
			return kindWords(t, f, timeline.FromFilter, timeline.ToFilter)
		},
	},
	{
		name: "search",
		values: func(f timeline.Filter) []string {
			if f.Text() == "" {
				return nil
			}
			return []string{f.Text()}
		},
		with: func(f timeline.Filter, v []string) timeline.Filter {
			return f.WithText(strings.Join(v, " "))
		},
		words: func(t *timeline.Timeline, f timeline.Filter) string {
			return kindWords(t, f, timeline.TextFilter)
		},
	},
}

// pickable is the entry of a kind with a picker, read from timeline's table.
func pickable(name, title string, k timeline.FilterKind, item func(t *timeline.Timeline, i int, v timeline.Value, count int) pickerItem) *filterKind {
	return &filterKind{
		name:   name,
		title:  title,
		facet:  k,
		values: func(f timeline.Filter) []string { return f.Values(k) },
		with:   func(f timeline.Filter, v []string) timeline.Filter { return f.With(k, v...) },
		words:  func(t *timeline.Timeline, f timeline.Filter) string { return kindWords(t, f, k) },
		options: func(t *timeline.Timeline, fc timeline.Facets) []pickerItem {
			counts := fc.Counts(k)
			values := t.Values(k)
			items := make([]pickerItem, len(values))
			for i, v := range values {
				items[i] = item(t, i, v, at(counts, i))
			}
			return items
		},
	}
}

// kindWords is the chip of the parts of f of the given kinds, in the filter's words.
func kindWords(t *timeline.Timeline, f timeline.Filter, kinds ...timeline.FilterKind) string {
	var only timeline.Filter
	for _, k := range kinds {
		only = only.With(k, f.Values(k)...)
	}
	var parts []string
	for _, w := range only.Words(t) {
		v := strings.Join(w.Values, " or ")
		if w.Quoted {
			v = strconv.Quote(v)
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, " ")
}

// kindNamed returns the kind of the given name; it panics on a name not in the table,
// which is a mistake in the code.
func kindNamed(name string) *filterKind {
	for _, k := range filterKinds {
		if k.name == name {
			return k
		}
	}
	panic("ui: no filter kind " + name)
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

func names(ids []string, name func(string) string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = name(id)
	}
	return strings.Join(parts, " or ")
}

func at(counts []int, i int) int {
	if i < len(counts) {
		return counts[i]
	}
	return 0
}

// sameFilter reports whether two filters select by the same parts.
func sameFilter(a, b timeline.Filter) bool { return a.Equal(b) }

// filterKey is a filter printed, for caches that depend on it.
func filterKey(f timeline.Filter) string { return f.String() }

// steps returns the filters a user would have gone through to build f, one kind at a
// time: the undo history of a filter given on the command line.
func steps(f timeline.Filter) []timeline.Filter {
	var hist []timeline.Filter
	var cur timeline.Filter
	for _, step := range f.Steps() {
		hist = append(hist, cur)
		cur = step
	}
	return hist
}

// chip is one active filter as the header shows it.
type chip struct{ kind, value string }

// chipsOf lists the parts of f in the table's order.
func chipsOf(t *timeline.Timeline, f timeline.Filter) []chip {
	var out []chip
	for _, k := range filterKinds {
		if len(k.values(f)) > 0 {
			out = append(out, chip{k.name, k.words(t, f)})
		}
	}
	return out
}
