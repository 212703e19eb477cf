package timeline_test

import (
	"slices"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// sourcesFixture has events cited by one article twice, by two articles of one publisher,
// through a via, and by several publishers.
func sourcesFixture() *timeline.Timeline {
	w := timeline.MustWhen
	d := timeline.MustDate
	reuters := timeline.Source{Publisher: "Reuters", Title: "Trump campaign hacked", URL: "https://reuters.example/a", Quote: "one"}
	return timeline.New("Sources", "", nil, nil, []timeline.Event{
		{ID: "repeated-url", Date: w("2024-08-10"), Title: "One article cited twice", Sources: []timeline.Source{
			reuters,
			{Publisher: "Reuters", URL: " https://reuters.example/a ", Quote: "two", Quotes: []string{"one", "three"}},
		}},
		{ID: "repeated-no-url", Date: w("2024-08-11"), Title: "One article without URL, cited twice", Sources: []timeline.Source{
			{Publisher: "The Associated Press", Title: "Microsoft: Iran", Published: d("2024-08"), Quote: "a"},
			{Publisher: "the associated  press", Title: "microsoft: iran", Published: d("2024-08"), Via: "Asharq Al-Awsat", Quote: "b"},
		}},
		{ID: "two-articles", Date: w("2024-08-12"), Title: "Two articles of one publisher", Sources: []timeline.Source{
			{Publisher: "Reuters", Title: "First", Quote: "x"},
			{Publisher: "REUTERS", Title: "Second", Quote: "y"},
		}},
		{ID: "via", Date: w("2024-08-13"), Title: "Carried by another outlet", Sources: []timeline.Source{
			{Publisher: "AFP", Via: "Asharq Al-Awsat"},
			{Publisher: "Asharq Al-Awsat", Title: "Own story"},
		}},
		{ID: "three", Date: w("2024-08-14"), Title: "Three publishers", Sources: []timeline.Source{
			{Publisher: "AFP"}, {Publisher: "Reuters", URL: "https://reuters.example/b"}, {Publisher: "The Associated Press"},
		}},
	})
}

func TestMergedSources(t *testing.T) {
	tl := sourcesFixture()
	tests := []struct {
		id     string
		quotes [][]string // per source, after merging
		pubs   []string
	}{
		{"repeated-url", [][]string{{"one", "two", "three"}}, []string{"Reuters"}},
		{"repeated-no-url", [][]string{{"a", "b"}}, []string{"The Associated Press"}},
		{"two-articles", [][]string{{"x"}, {"y"}}, []string{"Reuters"}},
		{"via", [][]string{nil, nil}, []string{"AFP", "Asharq Al-Awsat"}},
		{"three", [][]string{nil, nil, nil}, []string{"AFP", "Reuters", "The Associated Press"}},
	}
	for _, tt := range tests {
		e := tl.Event(tt.id)
		if len(e.Sources) != len(tt.quotes) {
			t.Errorf("%s: %d sources, want %d", tt.id, len(e.Sources), len(tt.quotes))
			continue
		}
		for i, want := range tt.quotes {
			if got := e.Sources[i].Quoted(); !slices.Equal(got, want) {
				t.Errorf("%s: source %d quotes %q, want %q", tt.id, i+1, got, want)
			}
		}
		if got := e.Publishers(); !slices.Equal(got, tt.pubs) || e.PublisherCount() != len(tt.pubs) {
			t.Errorf("%s: publishers %q (%d), want %q", tt.id, got, e.PublisherCount(), tt.pubs)
		}
	}
	// The merged source keeps what the first lacks from the later ones.
	if s := tl.Event("repeated-no-url").Sources[0]; s.Via != "Asharq Al-Awsat" || s.Publisher != "The Associated Press" {
		t.Errorf("merged source %+v: want the first's publisher and the second's via", s)
	}
	if s := tl.Event("repeated-url").Sources[0]; s.Title != "Trump campaign hacked" {
		t.Errorf("merged source %+v: want the first's title", s)
	}
}

// TestSourcesFilter is the count of independent publishers as a filter: a via never
// counts, one publisher's two articles count once.
func TestSourcesFilter(t *testing.T) {
	tl := sourcesFixture()
	tests := []struct {
		query string
		want  []string
	}{
		{"sources:1", []string{"repeated-url", "repeated-no-url", "two-articles"}},
		{"sources:2..", []string{"via", "three"}},
		{"sources:3", []string{"three"}},
		{"sources:..2", []string{"repeated-url", "repeated-no-url", "two-articles", "via"}},
		{"sources:4..", []string{}},
		{"sources:1 publisher:reuters", []string{"repeated-url", "two-articles"}},
		{"publisher:asharq-al-awsat", nil}, // not a publisher's name: an error below
	}
	for _, tt := range tests {
		f, err := timeline.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tl.Filter(f)
		if tt.want == nil {
			if err == nil {
				t.Errorf("%s: no error", tt.query)
			}
			continue
		}
		if err != nil || !slices.Equal(ids(got), tt.want) {
			t.Errorf("%s: %q, %v; want %q", tt.query, ids(got), err, tt.want)
		}
	}
	// A via is not a publisher: Asharq Al-Awsat publishes one event here, and carries one.
	got, _ := tl.Filter(timeline.Filter{}.With(timeline.PublisherFilter, "Asharq Al-Awsat"))
	if !slices.Equal(ids(got), []string{"via"}) {
		t.Errorf("publisher Asharq Al-Awsat: %q, want [via]", ids(got))
	}

	fc, err := tl.Facets(timeline.Filter{}, timeline.SourcesFilter)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range tl.Values(timeline.SourcesFilter) {
		names = append(names, v.Name)
	}
	if want := []string{"one publisher only", "exactly 2 publishers", "exactly 3 publishers"}; !slices.Equal(names, want) {
		t.Errorf("values %q, want %q", names, want)
	}
	if got := fc.Counts(timeline.SourcesFilter); !slices.Equal(got, []int{3, 1, 1}) {
		t.Errorf("counts %v, want [3 1 1]", got)
	}
}

// TestPublishers is the sources overview: every publisher, its events, and those it alone
// supports.
func TestPublishers(t *testing.T) {
	type row struct {
		name          string
		events, alone []string
	}
	var got []row
	for _, p := range timeline.Publishers(sourcesFixture().All()) {
		got = append(got, row{p.Name, ids(p.Events), ids(p.Alone)})
	}
	want := []row{
		{"Reuters", []string{"repeated-url", "two-articles", "three"}, []string{"repeated-url", "two-articles"}},
		{"AFP", []string{"via", "three"}, []string{}},
		{"The Associated Press", []string{"repeated-no-url", "three"}, []string{"repeated-no-url"}},
		{"Asharq Al-Awsat", []string{"via"}, []string{}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d publishers %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].name != want[i].name || !slices.Equal(got[i].events, want[i].events) || !slices.Equal(got[i].alone, want[i].alone) {
			t.Errorf("publisher %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
}

func TestCountWords(t *testing.T) {
	for in, want := range map[string]string{
		"1": "one publisher only", "2": "exactly 2 publishers", "2..": "at least 2 publishers",
		"1..": "at least 1 publisher", "..3": "at most 3 publishers", "2..4": "2 to 4 publishers",
	} {
		c, err := timeline.ParseCount(in)
		if err != nil || c.Words() != want {
			t.Errorf("ParseCount(%q).Words() = %q, %v; want %q", in, c.Words(), err, want)
		}
		if again, err := timeline.ParseCount(c.String()); err != nil || again != c {
			t.Errorf("ParseCount(%q).String() = %q does not read back", in, c.String())
		}
	}
}
