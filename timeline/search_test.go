package timeline_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// FuzzSearchMatchesScan checks that the signature prefilter, and searching the registry
// entries of actors and themes apart from the events, never change a result: an event
// matches a search exactly when a plain case-insensitive scan of its text, its actor's
// and its theme's included, finds every term.
func FuzzSearchMatchesScan(f *testing.F) {
	f.Add("Iran-linked hackers phish a campaign official", "Iran", "phish")
	f.Add("Routh sentenced to life", "Ryan Routh", "ro")
	f.Add("Türkiye then Oman", "Oman", "türk")
	f.Add("ΑΒΓ δέλτα", "Δ", "γ δ")
	f.Add("a", "a", "a")
	f.Add("zq", "q", "zq")
	f.Add("x1-2y", "x", "1-2")
	f.Add("phishing", "Iran", "iran phish")
	f.Add("phishing", "Iran", `"ran\nphi"`)
	f.Fuzz(func(t *testing.T, summary, actor, query string) {
		actors := []timeline.Actor{{ID: "a", Name: actor}}
		tl := timeline.New("T", "", actors, []timeline.Theme{{ID: "th", Name: "Theme"}}, []timeline.Event{{
			ID: "e", Date: timeline.MustWhen("2024"), Title: "t", Summary: summary,
			Actors: []string{"a"}, Themes: []string{"th"}, Sources: []timeline.Source{{Publisher: "p"}},
		}})
		events, err := tl.Filter(timeline.Filter{}.WithText(query))
		if err != nil {
			t.Fatal(err)
		}
		hay := strings.ToLower("e\nt\na\n" + actor + "\nth\ntheme\n" + summary + "\np")
		want := true
		for _, term := range timeline.SearchTerms(query) {
			want = want && strings.Contains(hay, term)
		}
		if got := len(events) == 1; got != want {
			t.Fatalf("summary %q, actor %q, query %q: matched %v, plain scan says %v", summary, actor, query, got, want)
		}
	})
}

func TestSearchLargeTimeline(t *testing.T) {
	// Over the parallel threshold, results must equal a serial scan, in order.
	events := make([]timeline.Event, 40_000)
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"}
	for i := range events {
		events[i] = timeline.Event{
			ID:      fmt.Sprintf("e%06d", i),
			Date:    timeline.On(timeline.Date{Year: 2000 + i%20, Prec: timeline.Year}),
			Title:   words[i%7] + " " + words[(i/7)%7],
			Sources: []timeline.Source{{Publisher: "p"}},
		}
	}
	tl := timeline.New("T", "", nil, nil, events)
	for _, q := range []string{"alpha", "ha", "lf", "alpha golf", `"echo bravo"`, "zz"} {
		got, err := tl.Filter(timeline.Filter{}.WithText(q))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for i := range tl.Events {
			e := &tl.Events[i]
			ok := true
			for _, term := range timeline.SearchTerms(q) {
				ok = ok && strings.Contains(strings.ToLower(e.ID+"\n"+e.Title), term)
			}
			if ok {
				want = append(want, e.ID)
			}
		}
		if g := ids(got); strings.Join(g, ",") != strings.Join(want, ",") {
			t.Errorf("query %q: got %d events, want %d", q, len(g), len(want))
		}
		fc, _ := tl.Facets(timeline.Filter{}.WithText(q))
		if fc.Matched != len(want) {
			t.Errorf("query %q: facets matched %d, want %d", q, fc.Matched, len(want))
		}
	}
}

// TestSearchFindsAliases checks that a search finds an event by the aliases of its actors
// and of its themes alike: "hacking" is an alias of the theme Cyber operations.
func TestSearchFindsAliases(t *testing.T) {
	tl := timeline.New("T", "",
		[]timeline.Actor{{ID: "us", Name: "United States", Aliases: []string{"Washington"}}},
		[]timeline.Theme{{ID: "cyber", Name: "Cyber operations", Aliases: []string{"hacking"}}},
		[]timeline.Event{
			{ID: "a", Date: timeline.MustWhen("2024"), Title: "one", Actors: []string{"us"}, Sources: []timeline.Source{{Publisher: "p"}}},
			{ID: "b", Date: timeline.MustWhen("2024"), Title: "two", Themes: []string{"cyber"}, Sources: []timeline.Source{{Publisher: "p"}}},
		})
	for _, tt := range []struct{ query, want string }{{"washington", "a"}, {"hacking", "b"}, {"HACKING", "b"}} {
		events, err := tl.Filter(timeline.Filter{}.WithText(tt.query))
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 1 || events[0].ID != tt.want {
			t.Errorf("search %q found %d events, want %s alone", tt.query, len(events), tt.want)
		}
	}
}
