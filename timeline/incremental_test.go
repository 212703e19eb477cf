package timeline_test

import (
	"testing"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

func TestNarrows(t *testing.T) {
	r2024, _ := timeline.ParseRange("2024")
	tests := []struct {
		name       string
		prev, next timeline.Filter
		want       bool
	}{
		{"same", timeline.Filter{Text: "iran"}, timeline.Filter{Text: "iran"}, true},
		{"from nothing", timeline.Filter{}, timeline.Filter{Text: "i"}, true},
		{"one more letter", timeline.Filter{Text: "ira"}, timeline.Filter{Text: "iran"}, true},
		{"one more word", timeline.Filter{Text: "iran"}, timeline.Filter{Text: "iran hack"}, true},
		{"case", timeline.Filter{Text: "Iran"}, timeline.Filter{Text: "IRAN"}, true},
		{"letter removed", timeline.Filter{Text: "iran"}, timeline.Filter{Text: "ira"}, false},
		{"word replaced", timeline.Filter{Text: "iran"}, timeline.Filter{Text: "hack"}, false},
		{"text cleared", timeline.Filter{Text: "iran"}, timeline.Filter{}, false},
		{"phrase from words", timeline.Filter{Text: "iran hack"}, timeline.Filter{Text: `"iran hack"`}, true},
		{"words from phrase", timeline.Filter{Text: `"iran hack"`}, timeline.Filter{Text: "iran hack"}, false},
		{"actor added", timeline.Filter{Text: "a"}, timeline.Filter{Text: "a", Actors: []string{"iran"}}, false},
		{"dates differ", timeline.Filter{Dates: r2024}, timeline.Filter{}, false},
		{"same dates", timeline.Filter{Dates: r2024, Text: "a"}, timeline.Filter{Dates: r2024, Text: "ab"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := timeline.Narrows(tt.prev, tt.next); got != tt.want {
				t.Errorf("Narrows(%+v, %+v) = %v, want %v", tt.prev, tt.next, got, tt.want)
			}
		})
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
		f := timeline.Filter{Text: text}
		if !timeline.Narrows(prev, f) {
			t.Fatalf("Narrows(%q, %q) = false", prev.Text, text)
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
	if _, err := tl.Refine(timeline.Filter{Actors: []string{"no-such-actor"}}, within); err == nil {
		t.Error("Refine with an unknown actor gave no error")
	}
}
