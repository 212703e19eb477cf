package timeline_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// fixture is a small timeline whose events exercise every filter kind and every date
// precision. Ids say what each event is.
func fixture() *timeline.Timeline {
	src := []timeline.Source{{Publisher: "Reuters", Title: "A report", Quote: "words from the wire"}}
	d := timeline.MustDate
	return timeline.New("Fixture", "",
		[]timeline.Actor{
			{ID: "iran", Name: "Iran", Kind: "state", Aliases: []string{"Tehran", "Islamic Republic of Iran"}},
			{ID: "us", Name: "United States", Kind: "state", Aliases: []string{"USA", "Washington"}},
			{ID: "trump", Name: "Donald Trump", Kind: "person"},
			{ID: "msft", Name: "Microsoft", Kind: "company"},
		},
		[]timeline.Theme{
			{ID: "cyber", Name: "Cyber operations"},
			{ID: "election", Name: "US election"},
			{ID: "military", Name: "Military action"},
		},
		[]timeline.Event{
			{ID: "day-2024-06-15", Date: d("2024-06-15"), Title: "Phishing email sent", Actors: []string{"iran"}, Themes: []string{"cyber", "election"}, Status: "reported", Sources: src, Summary: "A campaign official was targeted."},
			{ID: "month-2024-06", Date: d("2024-06"), Title: "Login attempt fails", Actors: []string{"iran"}, Themes: []string{"cyber"}, Status: "reported", Sources: src},
			{ID: "year-2024", Date: d("2024"), Title: "Fake news sites", Actors: []string{"iran"}, Themes: []string{"election"}, Status: "alleged", Sources: src, Location: "Online"},
			{ID: "span-2023-11-to-2024-02", Date: d("2023-11"), End: d("2024-02"), Title: "Winter campaign", Actors: []string{"us"}, Themes: []string{"military"}, Sources: src},
			{ID: "day-2020-01-03", Date: d("2020-01-03"), Title: "Strike in Baghdad", Actors: []string{"us", "trump"}, Themes: []string{"military"}, Status: "confirmed", Sources: src, Location: "Baghdad, Iraq"},
			{ID: "day-2024-08-09", Date: d("2024-08-09"), Title: "Report released", Actors: []string{"msft"}, Themes: []string{"cyber"}, Status: "confirmed",
				Sources: []timeline.Source{{Publisher: "The Associated Press", Quote: "Microsoft said Friday"}}},
			{ID: "day-2024-07-01", Date: d("2024-07-01"), Title: "Nothing in June", Actors: []string{"trump"}, Sources: src},
			{ID: "day-2024-06-30", Date: d("2024-06-30"), Title: "Last day of June", Actors: []string{"trump"}, Sources: src, Status: "denied"},
		})
}

func ids(events []*timeline.Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.ID
	}
	return out
}

func rng(t *testing.T, s string) timeline.Range {
	t.Helper()
	r, err := timeline.ParseRange(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFilter(t *testing.T) {
	tl := fixture()
	all := ids(mustFilter(t, tl, timeline.Filter{}))
	tests := []struct {
		name string
		f    timeline.Filter
		want []string
	}{
		{"empty filter is everything", timeline.Filter{}, all},
		{"actor by id", timeline.Filter{Actors: []string{"msft"}}, []string{"day-2024-08-09"}},
		{"actor by name ignoring case", timeline.Filter{Actors: []string{"MICROSOFT"}}, []string{"day-2024-08-09"}},
		{"actor by alias", timeline.Filter{Actors: []string{"tehran"}}, []string{"year-2024", "month-2024-06", "day-2024-06-15"}},
		{"actor by multi-word alias", timeline.Filter{Actors: []string{"islamic republic of iran"}}, []string{"year-2024", "month-2024-06", "day-2024-06-15"}},
		{"several actors mean any of them", timeline.Filter{Actors: []string{"msft", "Donald Trump"}},
			[]string{"day-2020-01-03", "day-2024-06-30", "day-2024-07-01", "day-2024-08-09"}},
		{"theme", timeline.Filter{Themes: []string{"military"}}, []string{"day-2020-01-03", "span-2023-11-to-2024-02"}},
		{"theme by name", timeline.Filter{Themes: []string{"us election"}}, []string{"year-2024", "day-2024-06-15"}},
		{"kinds combine with AND", timeline.Filter{Actors: []string{"iran"}, Themes: []string{"cyber"}}, []string{"month-2024-06", "day-2024-06-15"}},
		{"AND can select nothing", timeline.Filter{Actors: []string{"msft"}, Themes: []string{"military"}}, []string{}},
		{"status", timeline.Filter{Statuses: []string{"confirmed"}}, []string{"day-2020-01-03", "day-2024-08-09"}},
		{"several statuses", timeline.Filter{Statuses: []string{"Alleged", "denied"}}, []string{"year-2024", "day-2024-06-30"}},

		// Dates: an event is kept when the span it may cover overlaps the range.
		{"month event against a from inside that month", timeline.Filter{Dates: rng(t, "2024-06-15..")},
			[]string{"year-2024", "month-2024-06", "day-2024-06-15", "day-2024-06-30", "day-2024-07-01", "day-2024-08-09"}},
		{"to a month runs through its last day", timeline.Filter{Dates: rng(t, "..2024-06")},
			[]string{"day-2020-01-03", "span-2023-11-to-2024-02", "year-2024", "month-2024-06", "day-2024-06-15", "day-2024-06-30"}},
		{"year event against a range inside the year", timeline.Filter{Dates: rng(t, "2024-03-01..2024-03-31")}, []string{"year-2024"}},
		{"span crossing the range start", timeline.Filter{Dates: rng(t, "2024-01-15..2024-01-20")}, []string{"span-2023-11-to-2024-02", "year-2024"}},
		{"span crossing the range end", timeline.Filter{Dates: rng(t, "..2023-12")}, []string{"day-2020-01-03", "span-2023-11-to-2024-02"}},
		{"span ending before the range", timeline.Filter{Dates: rng(t, "2024-03..2024-05")}, []string{"year-2024"}},
		{"single day range", timeline.Filter{Dates: rng(t, "2024-06-30")}, []string{"year-2024", "month-2024-06", "day-2024-06-30"}},
		{"year range", timeline.Filter{Dates: rng(t, "2020")}, []string{"day-2020-01-03"}},
		{"date and actor", timeline.Filter{Dates: rng(t, "2024-07.."), Actors: []string{"trump"}}, []string{"day-2024-07-01"}},

		// Text: every word, any case, across title, summary, actors, themes, location, sources.
		{"text in title", timeline.Filter{Text: "phishing"}, []string{"day-2024-06-15"}},
		{"text ignores case", timeline.Filter{Text: "PHISHING Email"}, []string{"day-2024-06-15"}},
		{"every word must match", timeline.Filter{Text: "phishing baghdad"}, []string{}},
		{"text in summary", timeline.Filter{Text: "campaign official"}, []string{"day-2024-06-15"}},
		{"text in location", timeline.Filter{Text: "iraq"}, []string{"day-2020-01-03"}},
		{"text in actor name", timeline.Filter{Text: "microsoft"}, []string{"day-2024-08-09"}},
		{"text in actor alias", timeline.Filter{Text: "washington"}, []string{"day-2020-01-03", "span-2023-11-to-2024-02"}},
		{"text in theme name", timeline.Filter{Text: "cyber operations"}, []string{"month-2024-06", "day-2024-06-15", "day-2024-08-09"}},
		{"text in source publisher", timeline.Filter{Text: "associated press"}, []string{"day-2024-08-09"}},
		{"text in source quote", timeline.Filter{Text: "said friday"}, []string{"day-2024-08-09"}},
		{"quoted phrase", timeline.Filter{Text: `"report released"`}, []string{"day-2024-08-09"}},
		{"quoted phrase keeps word order", timeline.Filter{Text: `"released report"`}, []string{}},
		{"blank text is no filter", timeline.Filter{Text: "   "}, all},
		{"text does not match across fields", timeline.Filter{Text: `"sites online"`}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(mustFilter(t, tl, tt.f))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Filter(%+v)\n got %q\nwant %q", tt.f, got, tt.want)
			}
			for _, e := range tl.Events {
				ok, err := tl.Match(tt.f, &e)
				if err != nil || ok != slices.Contains(got, e.ID) {
					t.Errorf("Match(%s) = %v, %v; Filter says %v", e.ID, ok, err, slices.Contains(got, e.ID))
				}
			}
		})
	}
}

func mustFilter(t *testing.T, tl *timeline.Timeline, f timeline.Filter) []*timeline.Event {
	t.Helper()
	events, err := tl.Filter(f)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

func TestFilterOrder(t *testing.T) {
	// Sorted by start, then the vaguer date first, then id.
	want := []string{"day-2020-01-03", "span-2023-11-to-2024-02", "year-2024", "month-2024-06", "day-2024-06-15", "day-2024-06-30", "day-2024-07-01", "day-2024-08-09"}
	if got := ids(mustFilter(t, fixture(), timeline.Filter{})); !slices.Equal(got, want) {
		t.Errorf("order\n got %q\nwant %q", got, want)
	}
}

func TestFilterErrors(t *testing.T) {
	tl := fixture()
	tests := []struct {
		f        timeline.Filter
		sentinel error
		want     string
	}{
		{timeline.Filter{Actors: []string{"iarn"}}, timeline.ErrUnknownActor, `unknown actor "iarn"; did you mean "iran"?`},
		{timeline.Filter{Actors: []string{"microsfot"}}, timeline.ErrUnknownActor, `unknown actor "microsfot"; did you mean "Microsoft"?`},
		{timeline.Filter{Actors: []string{"zzzzzz"}}, timeline.ErrUnknownActor, `unknown actor "zzzzzz"`},
		{timeline.Filter{Themes: []string{"cybr"}}, timeline.ErrUnknownTheme, `unknown theme "cybr"; did you mean "cyber"?`},
		{timeline.Filter{Statuses: []string{"confimed"}}, timeline.ErrUnknownStatus, `unknown status "confimed"; did you mean "confirmed"?`},
	}
	for _, tt := range tests {
		_, err := tl.Filter(tt.f)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.sentinel) {
			t.Errorf("Filter(%+v) error = %v; want %q", tt.f, err, tt.want)
		}
		if _, err := tl.Facets(tt.f); err == nil {
			t.Errorf("Facets(%+v) accepted an unknown name", tt.f)
		}
	}
	// Every bad name is reported, not just the first.
	_, err := tl.Filter(timeline.Filter{Actors: []string{"iarn", "trmup"}, Themes: []string{"cybr"}})
	if err == nil || strings.Count(err.Error(), "\n") != 2 {
		t.Errorf("want three errors, one a line; got %v", err)
	}
}

func TestFacets(t *testing.T) {
	tl := fixture()
	count := func(fc timeline.Facets, kind, id string) int {
		switch kind {
		case "actor":
			return fc.Actors[slices.IndexFunc(tl.Actors, func(a timeline.Actor) bool { return a.ID == id })]
		case "theme":
			return fc.Themes[slices.IndexFunc(tl.Themes, func(th timeline.Theme) bool { return th.ID == id })]
		}
		return fc.Statuses[slices.Index(timeline.Statuses, id)]
	}

	fc, err := tl.Facets(timeline.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if fc.Matched != len(tl.Events) || count(fc, "actor", "iran") != 3 || count(fc, "theme", "cyber") != 3 || count(fc, "status", "confirmed") != 2 {
		t.Errorf("unfiltered facets wrong: %+v", fc)
	}
	// The span 2023-11..2024-02 counts in both years it overlaps.
	if fc.Years[2023] != 1 || fc.Years[2024] != 7 || fc.Years[2020] != 1 {
		t.Errorf("years = %v", fc.Years)
	}

	// Selecting an actor does not hide the other actors' counts, but it narrows the themes.
	fc, err = tl.Facets(timeline.Filter{Actors: []string{"iran"}})
	if err != nil {
		t.Fatal(err)
	}
	if fc.Matched != 3 || count(fc, "actor", "us") != 2 || count(fc, "actor", "msft") != 1 {
		t.Errorf("actor facets under an actor filter: %+v", fc)
	}
	if count(fc, "theme", "cyber") != 2 || count(fc, "theme", "military") != 0 || count(fc, "theme", "election") != 2 {
		t.Errorf("theme facets under an actor filter: %+v", fc)
	}

	// Under text and date filters, each facet is the count the filter would give with that
	// value selected instead of its own kind's selection: check against Filter itself.
	base := timeline.Filter{Text: "e", Dates: rng(t, "2024"), Actors: []string{"trump"}}
	fc, err = tl.Facets(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range tl.Actors {
		f := base
		f.Actors = []string{a.ID}
		if want := len(mustFilter(t, tl, f)); count(fc, "actor", a.ID) != want {
			t.Errorf("facet for actor %s = %d, Filter gives %d", a.ID, count(fc, "actor", a.ID), want)
		}
	}
	for _, th := range tl.Themes {
		f := base
		f.Themes = []string{th.ID}
		if want := len(mustFilter(t, tl, f)); count(fc, "theme", th.ID) != want {
			t.Errorf("facet for theme %s = %d, Filter gives %d", th.ID, count(fc, "theme", th.ID), want)
		}
	}
	for _, s := range timeline.Statuses {
		f := base
		f.Statuses = []string{s}
		if want := len(mustFilter(t, tl, f)); count(fc, "status", s) != want {
			t.Errorf("facet for status %s = %d, Filter gives %d", s, count(fc, "status", s), want)
		}
	}
	for _, y := range []int{2020, 2023, 2024} {
		f := base
		f.Dates = rng(t, itoa(y))
		if want := len(mustFilter(t, tl, f)); fc.Years[y] != want {
			t.Errorf("facet for year %d = %d, Filter gives %d", y, fc.Years[y], want)
		}
	}
	if want := len(mustFilter(t, tl, base)); fc.Matched != want {
		t.Errorf("Matched = %d, Filter gives %d", fc.Matched, want)
	}
}

func itoa(y int) string { return timeline.Date{Year: y, Prec: timeline.Year}.String() }

func TestSuggest(t *testing.T) {
	known := []string{"iran", "Iraq", "Microsoft", "cyber", "confirmed"}
	tests := map[string]string{
		"iarn":      "iran",
		"IRAN":      "iran",
		"iraqq":     "Iraq",
		"microsft":  "Microsoft",
		"cybre":     "cyber",
		"xyz":       "",
		"elections": "",
		"":          "",
	}
	for in, want := range tests {
		if got := timeline.Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
