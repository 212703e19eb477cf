package timeline_test

import (
	"fmt"

	"github.com/tlx-dev/tlx/timeline"
)

func ExampleTimeline_Filter() {
	tl := fixture()
	f, err := timeline.ParseQuery("actor:Tehran from:2024-06-15") // Tehran is an alias of "iran"
	if err != nil {
		fmt.Println(err)
		return
	}
	events, err := tl.Filter(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range events {
		fmt.Printf("%-12s  %s\n", e.Span(), e.Title)
	}
	// Output:
	// 2024          Fake news sites
	// June 2024     Login attempt fails
	// 15 June 2024  Phishing email sent
}

func ExampleTimeline_Filter_unknownActor() {
	_, err := fixture().Filter(timeline.Filter{}.With(timeline.ActorFilter, "iarn"))
	fmt.Println(err)
	// Output:
	// unknown actor "iarn"; did you mean "iran"?
}

func ExampleParseRange() {
	for _, s := range []string{"2024", "2024-06-01..2024-09-30", "..2021", "2024-06..", "2025..2024"} {
		r, err := timeline.ParseRange(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r.Human())
	}
	// Output:
	// 2024
	// 1 June 2024 to 30 September 2024
	// through 2021
	// from June 2024
	// invalid date range: 2024 is before 2025; swap them
}

func ExampleTimeline_Facets() {
	tl := fixture()
	fc, _ := tl.Facets(timeline.Filter{}.With(timeline.ActorFilter, "iran"))
	fmt.Println("matched:", fc.Matched)
	counts := fc.Counts(timeline.ActorFilter)
	for i, v := range tl.Values(timeline.ActorFilter) {
		fmt.Printf("%s %d\n", v.Name, counts[i])
	}
	// Output:
	// matched: 3
	// Iran 3
	// United States 2
	// Donald Trump 3
	// Microsoft 1
}
