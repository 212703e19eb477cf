package timeline_test

import (
	"fmt"

	"github.com/tlx-dev/tlx/timeline"
)

func ExampleTimeline_Filter() {
	tl := fixture()
	events, err := tl.Filter(timeline.Filter{
		Actors: []string{"Tehran"}, // an alias of "iran"
		Dates:  timeline.Range{From: timeline.MustDate("2024-06-15")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range events {
		fmt.Printf("%-10s  %s\n", e.Date.Human(), e.Title)
	}
	// Output:
	// 2024        Fake news sites
	// Jun 2024    Login attempt fails
	// 2024-06-15  Phishing email sent
}

func ExampleTimeline_Filter_unknownActor() {
	_, err := fixture().Filter(timeline.Filter{Actors: []string{"iarn"}})
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
	fc, _ := tl.Facets(timeline.Filter{Actors: []string{"iran"}})
	fmt.Println("matched:", fc.Matched)
	for i, a := range tl.Actors {
		fmt.Printf("%s %d\n", a.Name, fc.Actors[i])
	}
	// Output:
	// matched: 3
	// Iran 3
	// United States 2
	// Donald Trump 3
	// Microsoft 1
}
