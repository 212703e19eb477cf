package ui

import (
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// hostileText is what a file may hold in any text field: a single word of a megabyte,
// and a hundred thousand short lines, each a paragraph of its own.
var hostileText = map[string]string{
	"a 1 MB word":              strings.Repeat("x", 1<<20),
	"100,000 short lines":      strings.Repeat("ab\n\n", 100_000),
	"a 1 MB word of wide text": strings.Repeat("中", 1<<20/3),
}

// hostileFields sets each text field of the format to a value, one field per timeline.
var hostileFields = map[string]func(v string) *timeline.Timeline{
	"title": func(v string) *timeline.Timeline {
		return boundsTimeline(v, "", nil, func(e *timeline.Event) { e.Title = v })
	},
	"summary": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Summary = v })
	},
	"id": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.ID = v })
	},
	"location": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Location = v })
	},
	"related id": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Related = []string{v} })
	},
	"publisher": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Sources[0].Publisher = v })
	},
	"source title": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Sources[0].Title = v })
	},
	"quote": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Sources[0].Quote = v })
	},
	"quotes": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Sources[0].Quotes = []string{v, v} })
	},
	"via": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Sources[0].Via = v })
	},
	"url": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", nil, func(e *timeline.Event) { e.Sources[0].URL = "https://example.com/" + v })
	},
	"actor name": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", []timeline.Actor{{ID: "a", Name: v, Kind: "person"}}, nil)
	},
	"actor description": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", []timeline.Actor{{ID: "a", Name: "A", Description: v}}, nil)
	},
	"actor alias": func(v string) *timeline.Timeline {
		return boundsTimeline("", "", []timeline.Actor{{ID: "a", Name: "A", Aliases: []string{v}}}, nil)
	},
	"timeline title":       func(v string) *timeline.Timeline { return boundsTimeline(v, "", nil, nil) },
	"timeline description": func(v string) *timeline.Timeline { return boundsTimeline("", v, nil, nil) },
}

// boundsTimeline is a timeline of two events, the second with an actor and a source,
// changed by set.
func boundsTimeline(title, desc string, actors []timeline.Actor, set func(e *timeline.Event)) *timeline.Timeline {
	if title == "" {
		title = "Bounds"
	}
	e := timeline.Event{ID: "b", Date: timeline.MustWhen("2024-02-01"), Title: "B", Actors: []string{"a"},
		Sources: []timeline.Source{{Publisher: "P", URL: "https://example.com/b"}}}
	if set != nil {
		set(&e)
	}
	return timeline.New(title, desc, actors, nil, []timeline.Event{
		{ID: "first", Date: timeline.MustWhen("2024-01-01"), Title: "short", Sources: []timeline.Source{{Publisher: "P"}}}, e,
	})
}

// walkEverywhere shows the hostile event in every part of the explorer that shows text:
// the list, the detail scrolled to its end, the about and help views, the pickers, the
// search, the export prompt; and returns the largest frame drawn and the most lines the
// detail pane laid out.
func walkEverywhere(m *Model) (largest, lines int) {
	view := func() {
		largest = max(largest, len(m.View().Content))
		lines = max(lines, len(detailLines(m)))
	}
	for _, step := range [][]string{
		{"j"}, {"enter"}, {"G"}, {"esc"}, {"i"}, {"G"}, {"esc"}, {"?"}, {"esc"},
		{"a"}, {"esc"}, {"w"}, {"esc"}, {"p"}, {"esc"}, {"/", "x"}, {"esc"}, {"e"}, {"esc"},
	} {
		keys(m, step...)
		view()
	}
	return largest, lines
}

// TestEveryFieldIsBounded puts a megabyte word, a megabyte of wide text and a hundred
// thousand short lines in each text field of the format in turn, and shows it everywhere
// the explorer shows text: every frame fits the screen, is a few kilobytes, and the walk
// allocates a bounded amount whatever the field holds.
func TestEveryFieldIsBounded(t *testing.T) {
	quietSystem(t)
	var most, biggest, longest uint64
	defer func() {
		t.Logf("the costliest walk allocated %d KB; the largest frame was %d bytes; the longest detail %d lines", most>>10, biggest, longest)
	}()
	for field, build := range hostileFields {
		for what, v := range hostileText {
			tl := build(v)
			for _, size := range [][2]int{{80, 24}, {140, 40}} {
				m := newTestModel(t, tl, timeline.Filter{}, size[0], size[1])
				m.View()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				largest, lines := walkEverywhere(m)
				runtime.ReadMemStats(&after)
				most, biggest = max(most, after.TotalAlloc-before.TotalAlloc), max(biggest, uint64(largest))
				if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
					t.Errorf("%s holding %s, %dx%d: the walk allocated %d MB", field, what, size[0], size[1], n>>20)
				}
				if largest > 24<<10 {
					t.Errorf("%s holding %s, %dx%d: a frame of %d KB", field, what, size[0], size[1], largest>>10)
				}
				longest = max(longest, uint64(lines))
				if n := lines; n > maxFieldLines+100 {
					t.Errorf("%s holding %s, %dx%d: the detail has %d lines", field, what, size[0], size[1], n)
				}
				for i, l := range strings.Split(m.View().Content, "\n") {
					if lw := ansi.StringWidth(l); lw > size[0] {
						t.Errorf("%s holding %s, %dx%d: line %d is %d wide", field, what, size[0], size[1], i, lw)
					}
				}
			}
		}
	}
}

// BenchmarkHostileEvent measures selecting an event whose summary is a hundred thousand
// short lines and drawing the frame, against selecting a plain event: the ratio says
// what a hostile file costs a keystroke.
func BenchmarkHostileEvent(b *testing.B) {
	for _, c := range []struct {
		name    string
		summary string
	}{{"plain", "A summary of a few words."}, {"100k-lines", hostileText["100,000 short lines"]}, {"1MB-word", hostileText["a 1 MB word"]}} {
		b.Run(c.name, func(b *testing.B) {
			tl := boundsTimeline("", "", nil, func(e *timeline.Event) { e.Summary = c.summary })
			m := newTestModel(b, tl, timeline.Filter{}, 140, 40)
			b.ReportAllocs()
			for b.Loop() {
				m.Update(press("j"))
				_ = m.View()
				m.Update(press("k"))
				_ = m.View()
			}
		})
	}
}
