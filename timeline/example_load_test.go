package timeline_test

import (
	"errors"
	"fmt"

	"github.com/tlx-dev/tlx/timeline"
)

func ExampleOpen() {
	data := []byte(`title = "Example"

[[actors]]
id = "iran"
name = "Iran"

[[events]]
id = "talks"
date = "2026-02"
title = "US-Iran talks in Muscat"
actors = ["iran"]
status = "scheduled"

  [[events.sources]]
  publisher = "Asharq Al-Awsat"

[[events]]
id = "strike"
date = 2020-01-03
title = "US strike kills Qassem Soleimani"
actors = ["iran"]

  [[events.sources]]
  publisher = "Reuters"
`)
	tl, err := timeline.Open("example.toml", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range tl.Events {
		fmt.Printf("%-10s  %-6s  line %-2d  %s\n", e.Date.Short(), e.ID, e.Line, e.Title)
	}
	// Output:
	// 2020-01-03  strike  line 17  US strike kills Qassem Soleimani
	// 2026-02     talks   line 7   US-Iran talks in Muscat
}

// Every problem of a file comes back at once, sorted by line, each with a hint.
func ExampleOpen_problems() {
	data := []byte(`title = "Mistakes"

[[actors]]
id = "iran"
name = "Iran"

[[events]]
id = "strike"
date = "2020-02-30"
titel = "A typo"
actors = ["iarn"]
`)
	_, err := timeline.Open("mistakes.toml", data)
	var problems timeline.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p)
		}
	}
	fmt.Println(errors.Is(err, timeline.ErrUnknownRef))
	// Output:
	// mistakes.toml:7:1: missing title in event "strike"; add title = "..."
	// mistakes.toml:7:1: event "strike" has no source; add a [[events.sources]] table with at least a publisher
	// mistakes.toml:9:1: invalid date "2020-02-30" in event "strike": February 2020 has 29 days; check the calendar
	// mistakes.toml:10:1: unknown key "titel" in event "strike"; did you mean "title"?
	// mistakes.toml:11:1: unknown actor "iarn" in event "strike"; did you mean "iran"?
	// true
}

// A file that is not a timeline at all gives one Problem.
func ExampleOpen_otherFormat() {
	_, err := timeline.Open("notes.yaml", []byte("title: not TOML\n"))
	fmt.Println(err)
	// Output:
	// notes.yaml:1: looks like YAML; tlx reads TOML, JSON or CSV timelines; see tlx help format
}
