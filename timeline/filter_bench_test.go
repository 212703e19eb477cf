package timeline_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

var benchSizes = []int{1_000, 10_000, 100_000}

var (
	benchMu        sync.Mutex
	benchTimelines = map[int]*timeline.Timeline{}
)

// benchTimeline returns a synthetic timeline of n events, built once per process.
func benchTimeline(b *testing.B, n int) *timeline.Timeline {
	b.Helper()
	if n > 10_000 && testing.Short() {
		b.Skip("large timeline skipped in -short mode")
	}
	benchMu.Lock()
	defer benchMu.Unlock()
	if tl, ok := benchTimelines[n]; ok {
		return tl
	}
	tl := timelinetest.GenerateTimeline(n, 1)
	// Built now, as the explorer builds it after loading, so that the first search
	// measured does not pay for it: BenchmarkLoadAndIndex does.
	tl.PrepareSearch()
	benchTimelines[n] = tl
	return tl
}

// benchFilters are one filter of each kind, and combinations, as a reader would set them.
func benchFilters(b *testing.B) map[string]timeline.Filter {
	dates, err := timeline.ParseRange("2024-06..2024-09")
	if err != nil {
		b.Fatal(err)
	}
	return map[string]timeline.Filter{
		"none":        {},
		"actor":       {Actors: []string{"iran"}},
		"actors3":     {Actors: []string{"iran", "Donald Trump", "irgc"}},
		"theme":       {Themes: []string{"cyber"}},
		"status":      {Statuses: []string{"alleged", "denied"}},
		"dates":       {Dates: dates},
		"text-common": {Text: "campaign"},
		"text-rare":   {Text: "zzqx"},
		"text-2words": {Text: "phishing aides"},
		"combined":    {Actors: []string{"iran"}, Themes: []string{"cyber"}, Dates: dates, Text: "campaign"},
	}
}

func BenchmarkFilter(b *testing.B) {
	for _, n := range benchSizes {
		for _, name := range []string{"none", "actor", "actors3", "theme", "status", "dates", "text-common", "text-rare", "text-2words", "combined"} {
			b.Run(fmt.Sprintf("n=%d/%s", n, name), func(b *testing.B) {
				tl := benchTimeline(b, n)
				f := benchFilters(b)[name]
				b.ReportAllocs()
				for b.Loop() {
					if _, err := tl.Filter(f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkFacets(b *testing.B) {
	for _, n := range benchSizes {
		for _, name := range []string{"none", "actor", "text-common", "combined"} {
			b.Run(fmt.Sprintf("n=%d/%s", n, name), func(b *testing.B) {
				tl := benchTimeline(b, n)
				f := benchFilters(b)[name]
				b.ReportAllocs()
				for b.Loop() {
					if _, err := tl.Facets(f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
