package ui

import (
	"errors"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// The date prompt (d) reads a range of dates in two forms: "2024-08" keeps every event
// that may fall in August 2024 (the from and to kinds), and marks those that only may;
// "within 2024-08" keeps only those certainly in it (the within kind).

// withinWord starts the date prompt's form of the within kind.
const withinWord = "within"

// datesText is f's dates as the date prompt reads them: "2024-06..2024-09", or "within
// 2024-08"; "" for none.
func datesText(f timeline.Filter) string {
	if v := f.Values(timeline.WithinFilter); len(v) > 0 {
		return withinWord + " " + v[0]
	}
	return f.Dates().String()
}

// withDatesText returns f with its dates set from the date prompt's text: a range, or
// "within RANGE"; blank text removes both.
func withDatesText(f timeline.Filter, text string) (timeline.Filter, error) {
	text = strings.TrimSpace(text)
	if len(text) >= len(withinWord) && strings.EqualFold(text[:len(withinWord)], withinWord) {
		rest := text[len(withinWord):]
		if rest == "" || rest[0] == ' ' || rest[0] == ':' {
			r, err := timeline.ParseRange(strings.TrimLeft(rest, " :"))
			if err != nil {
				return f, err
			}
			if r.IsZero() {
				return f, errWithinWhat
			}
			return f.WithDates(timeline.Range{}).With(timeline.WithinFilter, r.String()), nil
		}
	}
	r, err := timeline.ParseRange(text)
	if err != nil {
		return f, err
	}
	return f.Without(timeline.WithinFilter).WithDates(r), nil
}

var errWithinWhat = errors.New("within what? Give a range: within 2024-08, within 2024-06..2024-09")
