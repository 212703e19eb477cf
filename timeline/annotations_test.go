package timeline_test

import (
	"errors"
	"iter"
	"maps"
	"slices"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// marks is Annotations from a map of event ids to labels, as a notebook gives them.
type marks map[string][]string

func (m marks) Marks() iter.Seq2[string, []string] {
	return maps.All(m)
}

func (m marks) Mark(id string) (bool, []string) {
	l, ok := m[id]
	return ok, l
}

func (m marks) Note(string) string { return "" }

func (m marks) Notes() iter.Seq2[string, string] { return func(func(string, string) bool) {} }

func (m marks) Labels() []string {
	known := []string{"key", "check", "dubious"}
	for _, labels := range m {
		for _, l := range labels {
			if !slices.Contains(known, l) {
				known = append(known, l)
			}
		}
	}
	return known
}

// TestMarkedFilter: the marked kind selects what the reader's notebook marks, with any
// label or with one of those named, combined with the other kinds, from the query text
// and from With alike.
func TestMarkedFilter(t *testing.T) {
	tl := fixture()
	ann := marks{
		"day-2024-06-15":  {"key"},
		"year-2024":       {"check", "dubious"},
		"day-2020-01-03":  nil, // a plain mark
		"no-such-event":   {"key"},
		"day-2024-08-09":  {"follow-up"},
		"span-2023-11-to": {"key"}, // an id the timeline does not have either
	}
	tests := []struct {
		query   string
		want    []string
		wantErr error
	}{
		{"marked:any", []string{"day-2020-01-03", "year-2024", "day-2024-06-15", "day-2024-08-09"}, nil},
		{"marked:key", []string{"day-2024-06-15"}, nil},
		{"marked:KEY,dubious", []string{"year-2024", "day-2024-06-15"}, nil},
		{"marked:follow-up", []string{"day-2024-08-09"}, nil},
		{"marked:any actor:iran", []string{"year-2024", "day-2024-06-15"}, nil},
		{"marked:key,any", []string{"day-2020-01-03", "year-2024", "day-2024-06-15", "day-2024-08-09"}, nil},
		{"marked:any phishing", []string{"day-2024-06-15"}, nil},
		{"marked:kye", nil, timeline.ErrUnknownValue},
	}
	for _, tt := range tests {
		f := query(t, tt.query).WithAnnotations(ann)
		got, err := tl.Filter(f)
		if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
			t.Errorf("%q: error %v, want %v", tt.query, err, tt.wantErr)
			continue
		}
		if err == nil && !slices.Equal(ids(got), tt.want) {
			t.Errorf("%q = %v, want %v", tt.query, ids(got), tt.want)
		}
		for _, e := range tl.Events {
			ok, err := tl.Match(f, &e)
			if err == nil && ok != slices.Contains(tt.want, e.ID) {
				t.Errorf("%q: Match(%s) = %v, Filter disagrees", tt.query, e.ID, ok)
			}
		}
	}
	_, err := tl.Filter(query(t, "marked:kye").WithAnnotations(ann))
	if err == nil || err.Error() != `unknown label "kye"; did you mean "key"?` {
		t.Errorf("unknown label: %v", err)
	}
	if _, err := tl.Filter(query(t, "marked:any")); !errors.Is(err, timeline.ErrNoAnnotations) {
		t.Errorf("marked without annotations: %v", err)
	}
	// A filter without a marked part needs no notebook.
	if _, err := tl.Filter(query(t, "actor:iran")); err != nil {
		t.Error(err)
	}
}

// TestMarkedQuery: the marked kind's text form, values and flag.
func TestMarkedQuery(t *testing.T) {
	tests := []struct{ in, out string }{
		{"marked:any", "marked:any"},
		{"marked:Key,CHECK", "marked:key,check"},
		{"Marked:any actor:iran", "actor:iran marked:any"},
		{`"golf course" marked:dubious from:2024`, `from:2024 marked:dubious "golf course"`},
	}
	for _, tt := range tests {
		f := query(t, tt.in)
		if got := f.String(); got != tt.out {
			t.Errorf("%q prints %q, want %q", tt.in, got, tt.out)
		}
		if again := query(t, f.String()); !again.Equal(f) {
			t.Errorf("%q does not read back", f)
		}
	}
	for _, bad := range []string{`marked:"a b"`, "marked:Ünïcode", "marked:-x"} {
		if _, err := timeline.ParseQuery(bad); err == nil {
			t.Errorf("%q parses", bad)
		}
	}
	if a := timeline.MarkedFilter.Alone(); a != timeline.AnyMark {
		t.Errorf("--marked alone = %q, want %q", a, timeline.AnyMark)
	}
	if timeline.ActorFilter.Alone() != "" {
		t.Error("--actor may be given alone")
	}
	if timeline.ValidLabel(timeline.AnyMark) {
		t.Errorf("%q is a label, yet means any mark", timeline.AnyMark)
	}
}

// TestMarkedWords: how the marked part reads in the export header, the explorer's chip
// and the export's file name, and how it narrows.
func TestMarkedWords(t *testing.T) {
	tests := []struct {
		query string
		words timeline.Words
		file  string
	}{
		{"marked:any", timeline.Words{Kind: "marked", Label: "marked"}, "tlx-marked.md"},
		{"marked:key,check", timeline.Words{Kind: "marked", Label: "marked", Values: []string{"key", "check"}}, "tlx-marked-key-check.md"},
	}
	for _, tt := range tests {
		f := query(t, tt.query)
		w := f.Words(nil)
		if len(w) != 1 || w[0].Kind != tt.words.Kind || w[0].Label != tt.words.Label || !slices.Equal(w[0].Values, tt.words.Values) {
			t.Errorf("%q: words %+v, want %+v", tt.query, w, tt.words)
		}
		if got := f.FileName(".md"); got != tt.file {
			t.Errorf("%q: file %q, want %q", tt.query, got, tt.file)
		}
	}
	narrows := []struct {
		prev, next string
		want       bool
	}{
		{"", "marked:any", true},
		{"marked:any", "marked:key", true},
		{"marked:key,check", "marked:key", true},
		{"marked:key", "marked:any", false},
		{"marked:key", "marked:check", false},
		{"marked:key", "", false},
	}
	for _, tt := range narrows {
		if got := timeline.Narrows(query(t, tt.prev), query(t, tt.next)); got != tt.want {
			t.Errorf("Narrows(%q, %q) = %v, want %v", tt.prev, tt.next, got, tt.want)
		}
	}
}

// TestAnnotationsTravel: a filter keeps its annotations through With and Without, and
// they are no part of its value.
func TestAnnotationsTravel(t *testing.T) {
	ann := marks{"year-2024": nil}
	f := query(t, "marked:any").WithAnnotations(ann)
	g := f.With(timeline.ActorFilter, "iran").Without(timeline.ActorFilter)
	if g.Annotations() == nil {
		t.Fatal("With and Without drop the annotations")
	}
	if !g.Equal(query(t, "marked:any")) || g.String() != "marked:any" {
		t.Errorf("annotations change the filter's value: %q", g)
	}
	if got := ids(mustFilter(t, fixture(), g)); !slices.Equal(got, []string{"year-2024"}) {
		t.Errorf("Filter = %v", got)
	}
	for _, s := range query(t, "actor:iran marked:any").WithAnnotations(ann).Steps() {
		if s.Annotations() == nil {
			t.Errorf("step %q of the undo history lost the annotations", s)
		}
	}
	if f.WithAnnotations(nil).Annotations() != nil {
		t.Error("WithAnnotations(nil) keeps them")
	}
}

// BenchmarkMarkedFilter filters 100,000 events by the reader's marks (one event in ten
// marked, a third of those labelled key), beside an actor filter in the same run as the
// baseline: the marked kind resolves the marks into a set by event position once per
// filter, so that matching costs what an actor's does.
func BenchmarkMarkedFilter(b *testing.B) {
	tl := benchTimeline(b, 100_000)
	ann := marks{}
	for i := 0; i < len(tl.Events); i += 10 {
		var labels []string
		if i%30 == 0 {
			labels = []string{"key"}
		}
		ann[tl.Events[i].ID] = labels
	}
	for _, c := range []struct {
		name string
		f    timeline.Filter
	}{
		{"actor", timeline.Filter{}.With(timeline.ActorFilter, "iran")},
		{"marked-any", timeline.Filter{}.With(timeline.MarkedFilter, "any").WithAnnotations(ann)},
		{"marked-key", timeline.Filter{}.With(timeline.MarkedFilter, "key").WithAnnotations(ann)},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := tl.Filter(c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// notes is Annotations with notes and no marks.
type notes map[string]string

func (n notes) Marks() iter.Seq2[string, []string] { return func(func(string, []string) bool) {} }
func (n notes) Mark(string) (bool, []string)       { return false, nil }
func (n notes) Note(id string) string              { return n[id] }
func (n notes) Notes() iter.Seq2[string, string]   { return maps.All(n) }
func (n notes) Labels() []string                   { return nil }

// TestTextSearchesNotes: a filter's text finds words in the reader's notes when the
// filter carries them: each word in the event's text or in its note.
func TestTextSearchesNotes(t *testing.T) {
	tl := fixture()
	ann := notes{
		"year-2024":      "Ask the FBI about the Pakistani charges.",
		"day-2020-01-03": "Compare with the 2024 retaliation plot.",
		"gone":           "affidavit in an orphan",
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"affidavit", nil},
		{"fbi", []string{"year-2024"}},
		{`"pakistani charges"`, []string{"year-2024"}},
		{"fake fbi", []string{"year-2024"}},                 // fake in the title, fbi in the note
		{"baghdad retaliation", []string{"day-2020-01-03"}}, // baghdad in the location
		{"fake baghdad", nil},
		{"FBI actor:us", nil},
		{"fbi actor:iran", []string{"year-2024"}},
		{"reuters", []string{"day-2020-01-03", "span-2023-11-to-2024-02", "year-2024", "month-2024-06", "day-2024-06-15", "day-2024-06-30", "day-2024-07-01"}},
	}
	for _, tt := range tests {
		f := query(t, tt.query)
		if got := ids(mustFilter(t, tl, f.WithAnnotations(ann))); !slices.Equal(got, tt.want) {
			t.Errorf("%q with notes = %v, want %v", tt.query, got, tt.want)
		}
		fc, err := tl.Facets(f.WithAnnotations(ann))
		if err != nil || fc.Matched != len(tt.want) {
			t.Errorf("%q: facets count %d (%v), want %d", tt.query, fc.Matched, err, len(tt.want))
		}
	}
	// Without the notebook, notes are not searched.
	if got := ids(mustFilter(t, tl, query(t, "fbi"))); len(got) != 0 {
		t.Errorf("fbi without notes = %v", got)
	}
}

// BenchmarkTextWithNotes searches 100,000 events for a common and a rare word, without a
// notebook (the baseline) and with 1,000 notes, each holding the common word: the notes
// are searched once per filter, and an event's note is looked at only when it holds a
// term.
func BenchmarkTextWithNotes(b *testing.B) {
	tl := benchTimeline(b, 100_000)
	ann := notes{}
	for i := 0; i < len(tl.Events); i += 100 {
		ann[tl.Events[i].ID] = "A note on the campaign: ask the desk about the sources, then compare."
	}
	for _, word := range []string{"campaign", "zzqx"} {
		for _, c := range []struct {
			name string
			ann  timeline.Annotations
		}{{"plain", nil}, {"notes", ann}} {
			b.Run(word+"-"+c.name, func(b *testing.B) {
				f := timeline.Filter{}.WithText(word).WithAnnotations(c.ann)
				for b.Loop() {
					if _, err := tl.Filter(f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
