package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// filterKind describes one kind of filter as the explorer shows and edits it: the chips,
// the undo steps of a filter given on the command line, the pickers and the export's file
// name all read this table, so a new kind is one entry here. (timeline's own table of
// kinds will take its place.)
type filterKind struct {
	name string // the chip's label and the picker's key: "actor"
	// values returns the kind's part of f as strings; nil when f has none.
	values func(f timeline.Filter) []string
	// with returns f with the kind's part replaced by values.
	with func(f timeline.Filter, values []string) timeline.Filter
	// words returns the part of f for the chip, in words.
	words func(t *timeline.Timeline, f timeline.Filter) string
	// slugs returns the words of the part for an export file name.
	slugs func(f timeline.Filter) []string
	// options lists what the kind's picker offers, nil for a kind without a picker.
	options func(t *timeline.Timeline, fc timeline.Facets) []pickerItem
	title   string // the picker's title
}

// filterKinds is the table, in the order chips are shown. It is never modified.
var filterKinds = []*filterKind{
	{
		name:   "actor",
		title:  "Actors",
		values: func(f timeline.Filter) []string { return f.Actors },
		with:   func(f timeline.Filter, v []string) timeline.Filter { f.Actors = v; return f },
		words: func(t *timeline.Timeline, f timeline.Filter) string {
			return names(f.Actors, t.ActorName)
		},
		slugs: func(f timeline.Filter) []string { return f.Actors },
		options: func(t *timeline.Timeline, fc timeline.Facets) []pickerItem {
			items := make([]pickerItem, len(t.Actors))
			for i, a := range t.Actors {
				items[i] = newPickerItem(a.ID, a.Name, a.Kind, a.Description, a.Aliases, at(fc.Actors, i))
			}
			return items
		},
	},
	{
		name:   "theme",
		title:  "Themes",
		values: func(f timeline.Filter) []string { return f.Themes },
		with:   func(f timeline.Filter, v []string) timeline.Filter { f.Themes = v; return f },
		words: func(t *timeline.Timeline, f timeline.Filter) string {
			return names(f.Themes, t.ThemeName)
		},
		slugs: func(f timeline.Filter) []string { return f.Themes },
		options: func(t *timeline.Timeline, fc timeline.Facets) []pickerItem {
			items := make([]pickerItem, len(t.Themes))
			for i, th := range t.Themes {
				items[i] = newPickerItem(th.ID, th.Name, "", th.Description, th.Aliases, at(fc.Themes, i))
			}
			return items
		},
	},
	{
		name:   "status",
		title:  "Status",
		values: func(f timeline.Filter) []string { return f.Statuses },
		with:   func(f timeline.Filter, v []string) timeline.Filter { f.Statuses = v; return f },
		words: func(_ *timeline.Timeline, f timeline.Filter) string {
			return names(f.Statuses, strings.ToLower)
		},
		slugs: func(f timeline.Filter) []string { return f.Statuses },
		options: func(_ *timeline.Timeline, fc timeline.Facets) []pickerItem {
			items := make([]pickerItem, len(timeline.Statuses))
			for i, s := range timeline.Statuses {
				items[i] = newPickerItem(s, statusGlyph(s)+" "+s, "", statusMeaning[s], nil, at(fc.Statuses, i))
				items[i].fixed = true
			}
			return items
		},
	},
	{
		name: "dates",
		values: func(f timeline.Filter) []string {
			if f.Dates.IsZero() {
				return nil
			}
			return []string{f.Dates.String()}
		},
		with: func(f timeline.Filter, v []string) timeline.Filter {
			f.Dates = timeline.Range{}
			if len(v) > 0 {
				f.Dates, _ = timeline.ParseRange(v[0]) // values come from Range.String
			}
			return f
		},
		words: func(_ *timeline.Timeline, f timeline.Filter) string { return f.Dates.Human() },
		slugs: func(f timeline.Filter) []string {
			switch r := f.Dates; {
			case r.IsZero():
				return nil
			case r.From == r.To:
				return []string{r.From.String()}
			case r.To.IsZero():
				return []string{"from-" + r.From.String()}
			case r.From.IsZero():
				return []string{"to-" + r.To.String()}
			default:
				return []string{r.From.String() + "-to-" + r.To.String()}
			}
		},
	},
	{
		name: "search",
		values: func(f timeline.Filter) []string {
			if strings.TrimSpace(f.Text) == "" {
				return nil
			}
			return []string{f.Text}
		},
		with: func(f timeline.Filter, v []string) timeline.Filter {
			f.Text = strings.Join(v, " ")
			return f
		},
		words: func(_ *timeline.Timeline, f timeline.Filter) string { return strconv.Quote(strings.TrimSpace(f.Text)) },
		slugs: func(f timeline.Filter) []string { return timeline.SearchTerms(f.Text) },
	},
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
func sameFilter(a, b timeline.Filter) bool {
	for _, k := range filterKinds {
		if !slices.Equal(k.values(a), k.values(b)) {
			return false
		}
	}
	return true
}

// filterKey is a filter printed, for caches that depend on it.
func filterKey(f timeline.Filter) string {
	var b strings.Builder
	for _, k := range filterKinds {
		for _, v := range k.values(f) {
			b.WriteString(k.name)
			b.WriteByte('\x00')
			b.WriteString(v)
			b.WriteByte('\x00')
		}
		b.WriteByte('\x01')
	}
	return b.String()
}

// steps returns the filters a user would have gone through to build f, one kind at a
// time: the undo history of a filter given on the command line.
func steps(f timeline.Filter) []timeline.Filter {
	var hist []timeline.Filter
	var cur timeline.Filter
	for _, k := range filterKinds {
		if v := k.values(f); len(v) > 0 {
			hist = append(hist, cur)
			cur = k.with(cur, v)
		}
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
