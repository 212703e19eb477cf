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
	d, w := timeline.MustDate, timeline.MustWhen
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
			{ID: "day-2024-06-15", Date: w("2024-06-15"), Title: "Phishing email sent", Actors: []string{"iran"}, Themes: []string{"cyber", "election"}, Status: "reported", Sources: src, Summary: "A campaign official was targeted."},
			{ID: "month-2024-06", Date: w("2024-06"), Title: "Login attempt fails", Actors: []string{"iran"}, Themes: []string{"cyber"}, Status: "reported", Sources: src},
			{ID: "year-2024", Date: w("2024"), Title: "Fake news sites", Actors: []string{"iran"}, Themes: []string{"election"}, Status: "alleged", Sources: src, Location: "Online"},
			{ID: "span-2023-11-to-2024-02", Date: w("2023-11"), End: d("2024-02"), Title: "Winter campaign", Actors: []string{"us"}, Themes: []string{"military"}, Sources: src},
			{ID: "day-2020-01-03", Date: w("2020-01-03"), Title: "Strike in Baghdad", Actors: []string{"us", "trump"}, Themes: []string{"military"}, Status: "confirmed", Sources: src, Location: "Baghdad, Iraq"},
			{ID: "day-2024-08-09", Date: w("2024-08-09"), Title: "Report released", Actors: []string{"msft"}, Themes: []string{"cyber"}, Status: "confirmed",
				Sources: []timeline.Source{{Publisher: "The Associated Press", Quote: "Microsoft said Friday"}}},
			{ID: "day-2024-07-01", Date: w("2024-07-01"), Title: "Nothing in June", Actors: []string{"trump"}, Sources: src},
			{ID: "day-2024-06-30", Date: w("2024-06-30"), Title: "Last day of June", Actors: []string{"trump"}, Sources: src, Status: "denied"},
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
		{"actor by id", timeline.Filter{}.With(timeline.ActorFilter, "msft"), []string{"day-2024-08-09"}},
		{"actor by name ignoring case", timeline.Filter{}.With(timeline.ActorFilter, "MICROSOFT"), []string{"day-2024-08-09"}},
		{"actor by alias", timeline.Filter{}.With(timeline.ActorFilter, "tehran"), []string{"year-2024", "month-2024-06", "day-2024-06-15"}},
		{"actor by multi-word alias", timeline.Filter{}.With(timeline.ActorFilter, "islamic republic of iran"), []string{"year-2024", "month-2024-06", "day-2024-06-15"}},
		{"several actors mean any of them", timeline.Filter{}.With(timeline.ActorFilter, "msft", "Donald Trump"),
			[]string{"day-2020-01-03", "day-2024-06-30", "day-2024-07-01", "day-2024-08-09"}},
		{"theme", timeline.Filter{}.With(timeline.ThemeFilter, "military"), []string{"day-2020-01-03", "span-2023-11-to-2024-02"}},
		{"theme by name", timeline.Filter{}.With(timeline.ThemeFilter, "us election"), []string{"year-2024", "day-2024-06-15"}},
		{"kinds combine with AND", timeline.Filter{}.With(timeline.ActorFilter, "iran").With(timeline.ThemeFilter, "cyber"), []string{"month-2024-06", "day-2024-06-15"}},
		{"AND can select nothing", timeline.Filter{}.With(timeline.ActorFilter, "msft").With(timeline.ThemeFilter, "military"), []string{}},
		{"status", timeline.Filter{}.With(timeline.StatusFilter, "confirmed"), []string{"day-2020-01-03", "day-2024-08-09"}},
		{"several statuses", timeline.Filter{}.With(timeline.StatusFilter, "Alleged", "denied"), []string{"year-2024", "day-2024-06-30"}},

		// Dates: an event is kept when the span it may cover overlaps the range.
		{"month event against a from inside that month", timeline.Filter{}.WithDates(rng(t, "2024-06-15..")),
			[]string{"year-2024", "month-2024-06", "day-2024-06-15", "day-2024-06-30", "day-2024-07-01", "day-2024-08-09"}},
		{"to a month runs through its last day", timeline.Filter{}.WithDates(rng(t, "..2024-06")),
			[]string{"day-2020-01-03", "span-2023-11-to-2024-02", "year-2024", "month-2024-06", "day-2024-06-15", "day-2024-06-30"}},
		{"year event against a range inside the year", timeline.Filter{}.WithDates(rng(t, "2024-03-01..2024-03-31")), []string{"year-2024"}},
		{"span crossing the range start", timeline.Filter{}.WithDates(rng(t, "2024-01-15..2024-01-20")), []string{"span-2023-11-to-2024-02", "year-2024"}},
		{"span crossing the range end", timeline.Filter{}.WithDates(rng(t, "..2023-12")), []string{"day-2020-01-03", "span-2023-11-to-2024-02"}},
		{"span ending before the range", timeline.Filter{}.WithDates(rng(t, "2024-03..2024-05")), []string{"year-2024"}},
		{"single day range", timeline.Filter{}.WithDates(rng(t, "2024-06-30")), []string{"year-2024", "month-2024-06", "day-2024-06-30"}},
		{"year range", timeline.Filter{}.WithDates(rng(t, "2020")), []string{"day-2020-01-03"}},
		{"date and actor", timeline.Filter{}.WithDates(rng(t, "2024-07..")).With(timeline.ActorFilter, "trump"), []string{"day-2024-07-01"}},

		// Text: every word, any case, across title, summary, actors, themes, location, sources.
		{"text in title", timeline.Filter{}.WithText("phishing"), []string{"day-2024-06-15"}},
		{"text ignores case", timeline.Filter{}.WithText("PHISHING Email"), []string{"day-2024-06-15"}},
		{"every word must match", timeline.Filter{}.WithText("phishing baghdad"), []string{}},
		{"text in summary", timeline.Filter{}.WithText("campaign official"), []string{"day-2024-06-15"}},
		{"text in location", timeline.Filter{}.WithText("iraq"), []string{"day-2020-01-03"}},
		{"text in actor name", timeline.Filter{}.WithText("microsoft"), []string{"day-2024-08-09"}},
		{"text in actor alias", timeline.Filter{}.WithText("washington"), []string{"day-2020-01-03", "span-2023-11-to-2024-02"}},
		{"text in theme name", timeline.Filter{}.WithText("cyber operations"), []string{"month-2024-06", "day-2024-06-15", "day-2024-08-09"}},
		{"text in source publisher", timeline.Filter{}.WithText("associated press"), []string{"day-2024-08-09"}},
		{"text in source quote", timeline.Filter{}.WithText("said friday"), []string{"day-2024-08-09"}},
		{"quoted phrase", timeline.Filter{}.WithText(`"report released"`), []string{"day-2024-08-09"}},
		{"quoted phrase keeps word order", timeline.Filter{}.WithText(`"released report"`), []string{}},
		{"blank text is no filter", timeline.Filter{}.WithText("   "), all},
		// Places: the whole location or a part between commas, in any case.
		{"place by part", query(t, "location:iraq"), []string{"day-2020-01-03"}},
		{"place whole", query(t, `location:"baghdad,  IRAQ"`), []string{"day-2020-01-03"}},
		{"place parts in another order", query(t, `location:"Iraq, Baghdad"`), []string{"day-2020-01-03"}},
		{"place parts of different events", query(t, `location:"Baghdad, Online"`), []string{}},
		{"several places", query(t, "location:online,baghdad"), []string{"day-2020-01-03", "year-2024"}},
		// Publishers: any source's publisher, in any case.
		{"publisher", query(t, `publisher:"the associated press"`), []string{"day-2024-08-09"}},
		{"publisher of most", query(t, "publisher:REUTERS from:2024-07"), []string{"year-2024", "day-2024-07-01"}},
		{"text does not match across fields", timeline.Filter{}.WithText(`"sites online"`), []string{}},
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

// query parses query text, failing the test when it does not parse.
func query(t *testing.T, s string) timeline.Filter {
	t.Helper()
	f, err := timeline.ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", s, err)
	}
	return f
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
	// The kind an unknown value is of, which a caller reads to list the choices; 255 for
	// an error that is not an unknown value.
	tests := []struct {
		f    timeline.Filter
		kind timeline.FilterKind
		want string
	}{
		{timeline.Filter{}.With(timeline.ActorFilter, "iarn"), timeline.ActorFilter, `unknown actor "iarn"; did you mean "iran"?`},
		{timeline.Filter{}.With(timeline.ActorFilter, "microsfot"), timeline.ActorFilter, `unknown actor "microsfot"; did you mean "Microsoft"?`},
		{timeline.Filter{}.With(timeline.ActorFilter, "zzzzzz"), timeline.ActorFilter, `unknown actor "zzzzzz"`},
		{timeline.Filter{}.With(timeline.ThemeFilter, "cybr"), timeline.ThemeFilter, `unknown theme "cybr"; did you mean "cyber"?`},
		{timeline.Filter{}.With(timeline.StatusFilter, "confimed"), timeline.StatusFilter, `unknown status "confimed"; did you mean "confirmed"?`},
		{timeline.Filter{}.With(timeline.LocationFilter, "irak"), timeline.LocationFilter, `unknown location "irak"; did you mean "Iraq"?`},
		{timeline.Filter{}.With(timeline.LocationFilter, "Baghdad, Irak"), timeline.LocationFilter, `unknown location "Irak"; did you mean "Iraq"?`},
		{timeline.Filter{}.With(timeline.PublisherFilter, "reuter"), timeline.PublisherFilter, `unknown publisher "reuter"; did you mean "Reuters"?`},
		{timeline.Filter{}.With(timeline.FromFilter, "2024-13"), 255, `from: invalid date "2024-13": month 13 does not exist`},
	}
	for _, tt := range tests {
		_, err := tl.Filter(tt.f)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Filter(%+v) error = %v; want %q", tt.f, err, tt.want)
		}
		var ue *timeline.UnknownValueError
		switch {
		case tt.kind == 255 && !errors.Is(err, timeline.ErrDate):
			t.Errorf("Filter(%+v) error %v does not wrap ErrDate", tt.f, err)
		case tt.kind == 255:
		case !errors.Is(err, timeline.ErrUnknownValue) || !errors.As(err, &ue) || ue.Kind != tt.kind:
			t.Errorf("Filter(%+v) error %v is not an UnknownValueError of kind %s wrapping ErrUnknownValue", tt.f, err, tt.kind)
		}
		if _, err := tl.Facets(tt.f); err == nil {
			t.Errorf("Facets(%+v) accepted an unknown name", tt.f)
		}
	}
	// Every bad name is reported, not just the first.
	_, err := tl.Filter(timeline.Filter{}.With(timeline.ActorFilter, "iarn", "trmup").With(timeline.ThemeFilter, "cybr"))
	if err == nil || strings.Count(err.Error(), "\n") != 2 {
		t.Errorf("want three errors, one a line; got %v", err)
	}
}

func TestFacets(t *testing.T) {
	tl := fixture()
	count := func(fc timeline.Facets, k timeline.FilterKind, key string) int {
		i := slices.IndexFunc(tl.Values(k), func(v timeline.Value) bool { return v.Key == key })
		if i < 0 {
			t.Fatalf("%s has no value %q", k, key)
		}
		return fc.Counts(k)[i]
	}

	fc, err := tl.Facets(timeline.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if fc.Matched != len(tl.Events) || count(fc, timeline.ActorFilter, "iran") != 3 || count(fc, timeline.ThemeFilter, "cyber") != 3 || count(fc, timeline.StatusFilter, "confirmed") != 2 {
		t.Errorf("unfiltered facets wrong: %+v", fc)
	}
	// The span 2023-11..2024-02 counts in both years it overlaps.
	if count(fc, timeline.FromFilter, "2023") != 1 || count(fc, timeline.FromFilter, "2024") != 7 || count(fc, timeline.FromFilter, "2020") != 1 {
		t.Errorf("years = %v", fc.Counts(timeline.FromFilter))
	}
	// Places count by each part between commas; a publisher once per event.
	if count(fc, timeline.LocationFilter, "Iraq") != 1 || count(fc, timeline.LocationFilter, "Baghdad") != 1 || count(fc, timeline.PublisherFilter, "Reuters") != 7 {
		t.Errorf("places %v, publishers %v", fc.Counts(timeline.LocationFilter), fc.Counts(timeline.PublisherFilter))
	}

	// Selecting an actor does not hide the other actors' counts, but it narrows the themes.
	fc, err = tl.Facets(timeline.Filter{}.With(timeline.ActorFilter, "iran"))
	if err != nil {
		t.Fatal(err)
	}
	if fc.Matched != 3 || count(fc, timeline.ActorFilter, "us") != 2 || count(fc, timeline.ActorFilter, "msft") != 1 {
		t.Errorf("actor facets under an actor filter: %+v", fc)
	}
	if count(fc, timeline.ThemeFilter, "cyber") != 2 || count(fc, timeline.ThemeFilter, "military") != 0 || count(fc, timeline.ThemeFilter, "election") != 2 {
		t.Errorf("theme facets under an actor filter: %+v", fc)
	}

	// Only the kinds asked for are counted.
	fc, err = tl.Facets(timeline.Filter{}, timeline.ThemeFilter)
	if err != nil || fc.Counts(timeline.ActorFilter) != nil || len(fc.Counts(timeline.ThemeFilter)) != len(tl.Themes) {
		t.Errorf("themes only: %v, %+v", err, fc)
	}
}

// TestFacetsAgreeWithFilter checks every facet count of every kind, under filters of every
// kind, against Filter itself: each count is what the filter would give with that value
// selected instead of its own kind's selection.
func TestFacetsAgreeWithFilter(t *testing.T) {
	tl := fixture()
	for _, q := range []string{"", "e from:2024 to:2024 actor:trump", "location:iraq", "publisher:reuters theme:cyber",
		"status:reported,confirmed from:2024-06", "to:2024-06 location:online,baghdad"} {
		base := query(t, q)
		fc, err := tl.Facets(base)
		if err != nil {
			t.Fatal(err)
		}
		if want := len(mustFilter(t, tl, base)); fc.Matched != want {
			t.Errorf("%q: Matched = %d, Filter gives %d", q, fc.Matched, want)
		}
		for _, k := range timeline.FilterKinds() {
			if !k.HasFacets() {
				if fc.Counts(k) != nil {
					t.Errorf("%s has no facets, yet counts %v", k, fc.Counts(k))
				}
				continue
			}
			counts := fc.Counts(k)
			for i, v := range tl.Values(k) {
				f := base.With(k, v.Key)
				if k == timeline.FromFilter { // a year: from and to together
					f = base.WithDates(rng(t, v.Key))
				}
				if want := len(mustFilter(t, tl, f)); counts[i] != want {
					t.Errorf("%q: facet %s %q = %d, Filter gives %d", q, k, v.Key, counts[i], want)
				}
			}
		}
	}
}

func TestSelection(t *testing.T) {
	tl := fixture()
	f := query(t, "actor:Tehran,trump status:Alleged location:iraq")
	picked := func(k timeline.FilterKind) []string {
		var out []string
		for i, sel := range tl.Selection(f, k) {
			if sel {
				out = append(out, tl.Values(k)[i].Key)
			}
		}
		return out
	}
	if got := picked(timeline.ActorFilter); !slices.Equal(got, []string{"iran", "trump"}) {
		t.Errorf("actors %q", got)
	}
	if got := picked(timeline.StatusFilter); !slices.Equal(got, []string{"alleged"}) {
		t.Errorf("statuses %q", got)
	}
	if got := picked(timeline.LocationFilter); !slices.Equal(got, []string{"Iraq"}) {
		t.Errorf("places %q", got)
	}
	if got := picked(timeline.ThemeFilter); got != nil {
		t.Errorf("themes %q", got)
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

// TestDateCertainty is the semantics of date filters, at day, month and year precision,
// against dates, spans and windows: a range keeps every event that may fall in it
// (MayOnly marks those that only may), and within keeps those certainly inside.
func TestDateCertainty(t *testing.T) {
	d, w := timeline.MustDate, timeline.MustWhen
	src := []timeline.Source{{Publisher: "P"}}
	tl := timeline.New("Certainty", "", nil, nil, []timeline.Event{
		{ID: "day", Date: w("2024-08-09"), Sources: src},
		{ID: "month", Date: w("2024-08"), Sources: src},
		{ID: "year", Date: w("2024"), Sources: src},
		{ID: "window", Date: w("2024-07..2024-08"), Sources: src},
		{ID: "by", Date: w("..2024-08-09"), Sources: src},
		{ID: "since", Date: w("2024-08.."), Sources: src},
		{ID: "span", Date: w("2024-06"), End: d("2024-09"), Sources: src},
		{ID: "window-span", Date: w("2024-06..2024-09"), End: d("2024-09"), Sources: src},
		{ID: "about", Date: w("2024-08~"), Sources: src},
		{ID: "long-span", Date: w("2020"), End: d("2024-08-15"), Sources: src},
	})
	tests := []struct {
		rng                  string
		certain, may, within []string
	}{
		{"2024-08-09",
			[]string{"day", "long-span", "span"},
			[]string{"about", "by", "month", "since", "window", "window-span", "year"},
			[]string{"day"}},
		{"2024-08",
			[]string{"day", "long-span", "month", "span"},
			[]string{"about", "by", "since", "window", "window-span", "year"},
			[]string{"day", "month"}},
		{"2024",
			[]string{"about", "day", "long-span", "month", "span", "window", "window-span", "year"},
			[]string{"by", "since"},
			[]string{"about", "day", "month", "span", "window", "window-span", "year"}},
		{"2024-09..2024-12",
			[]string{"span", "window-span"},
			[]string{"about", "since", "year"},
			nil},
		{"..2024-07",
			[]string{"long-span", "span"},
			[]string{"about", "by", "window", "window-span", "year"},
			[]string{}},
		{"2022",
			[]string{"long-span"},
			[]string{"by"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.rng, func(t *testing.T) {
			f := timeline.Filter{}.WithDates(rng(t, tt.rng))
			kept := mustFilter(t, tl, f)
			mayOnly := f.MayOnly()
			var certain, may []string
			for _, e := range kept {
				if mayOnly(e) {
					may = append(may, e.ID)
				} else {
					certain = append(certain, e.ID)
				}
			}
			slices.Sort(certain)
			slices.Sort(may)
			if !slices.Equal(certain, tt.certain) || !slices.Equal(may, tt.may) {
				t.Errorf("certainly in %q, may fall in %q;\nwant %q and %q", certain, may, tt.certain, tt.may)
			}
			within := ids(mustFilter(t, tl, timeline.Filter{}.With(timeline.WithinFilter, tt.rng)))
			slices.Sort(within)
			if len(within) != 0 || len(tt.within) != 0 {
				if !slices.Equal(within, tt.within) {
					t.Errorf("within %s: %q, want %q", tt.rng, within, tt.within)
				}
			}
		})
	}
	if (timeline.Filter{}).MayOnly() != nil {
		t.Error("a filter without dates marks events")
	}
}
