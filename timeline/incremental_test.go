package timeline_test

import (
	"slices"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

func TestNarrows(t *testing.T) {
	tests := []struct {
		name       string
		prev, next string // query text
		want       bool
	}{
		{"same", "iran", "iran", true},
		{"from nothing", "", "i", true},
		{"one more letter", "ira", "iran", true},
		{"one more word", "iran", "iran hack", true},
		{"case", "Iran", "IRAN", true},
		{"letter removed", "iran", "ira", false},
		{"word replaced", "iran", "hack", false},
		{"text cleared", "iran", "", false},
		{"phrase from words", "iran hack", `"iran hack"`, true},
		{"words from phrase", `"iran hack"`, "iran hack", false},
		{"actor added", "a", "a actor:iran", true},
		{"actor removed", "a actor:iran", "a", false},
		{"fewer actors", "actor:iran,us", "actor:US", true},
		{"more actors", "actor:iran", "actor:iran,us", false},
		{"other actor", "actor:iran", "actor:us", false},
		{"an alias is not known to be the id", "actor:iran", "actor:tehran", false},
		{"fewer places", `location:"Baghdad, Iraq",online`, `location:"baghdad, iraq"`, true},
		{"publisher added", "theme:cyber", "theme:cyber publisher:reuters", true},
		{"dates differ", "from:2024 to:2024", "", false},
		{"same dates", "from:2024 to:2024 a", "from:2024 to:2024 ab", true},
		{"later from", "from:2024", "from:2024-06", true},
		{"earlier from", "from:2024-06", "from:2024", false},
		{"from inside the year it was", "from:2024", "from:2024-01-01", true},
		{"earlier to", "to:2024-06", "to:2024-05-31", true},
		{"later to", "to:2024-06", "to:2024-07", false},
		{"to at the end of the month it was", "to:2024-06", "to:2024-06-30", true},
		{"range narrowed on both sides", "from:2020 to:2026", "from:2021 to:2025", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev, next := query(t, tt.prev), query(t, tt.next)
			if got := timeline.Narrows(prev, next); got != tt.want {
				t.Errorf("Narrows(%q, %q) = %v, want %v", prev, next, got, tt.want)
			}
		})
	}
}

// TestNarrowsNeverWrong tries Narrows on every pair of a set of filters of every kind and
// checks that whenever it says next narrows prev, Filter agrees: Refine would be wrong
// otherwise.
func TestNarrowsNeverWrong(t *testing.T) {
	tl := fixture()
	queries := []string{"", "actor:iran", "actor:iran,us", "actor:us", "theme:cyber", "theme:cyber,election",
		"status:reported", "status:reported,confirmed", "location:iraq", "location:iraq,online",
		"publisher:reuters", `publisher:reuters,"the associated press"`, "from:2024", "from:2024-06",
		"from:2024-06-16", "to:2024-06", "to:2024-06-15", "to:2024", "from:2024 to:2024", "e", "ea", "campaign",
		`"login attempt"`, "login", "actor:iran theme:cyber", "actor:iran e", "theme:cyber from:2024-06 to:2024-06"}
	narrowed := 0
	for _, p := range queries {
		prev := query(t, p)
		pe := mustFilter(t, tl, prev)
		for _, n := range queries {
			next := query(t, n)
			if !timeline.Narrows(prev, next) {
				continue
			}
			narrowed++
			for _, e := range mustFilter(t, tl, next) {
				if !slices.Contains(pe, e) {
					t.Errorf("Narrows(%q, %q), yet %s is selected only by the second", p, n, e.ID)
				}
			}
			refined, err := tl.Refine(next, pe)
			if err != nil || !slices.Equal(refined, mustFilter(t, tl, next)) {
				t.Errorf("Refine(%q) within %q = %v, %v; Filter differs", n, p, ids(refined), err)
			}
		}
	}
	if narrowed < len(queries)*2 {
		t.Errorf("only %d pairs narrow: the test tries too little", narrowed)
	}
}

// TestRefineMatchesFilter types a search one letter at a time, refining the previous
// matches, and checks every step against a full Filter.
func TestRefineMatchesFilter(t *testing.T) {
	tl := timelinetest.GenerateTimeline(2000, 7)
	prev := timeline.Filter{}
	within, err := tl.Filter(prev)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"s", "se", "sec", "sec r", "sec re", "sec rep"} {
		f := timeline.Filter{}.WithText(text)
		if !timeline.Narrows(prev, f) {
			t.Fatalf("Narrows(%q, %q) = false", prev, text)
		}
		got, err := tl.Refine(f, within)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := tl.Filter(f)
		if len(got) != len(want) {
			t.Fatalf("Refine(%q) kept %d events, Filter %d", text, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("Refine(%q)[%d] = %s, Filter gives %s", text, i, got[i].ID, want[i].ID)
			}
		}
		prev, within = f, got
	}
	if _, err := tl.Refine(timeline.Filter{}.With(timeline.ActorFilter, "no-such-actor"), within); err == nil {
		t.Error("Refine with an unknown actor gave no error")
	}
}
