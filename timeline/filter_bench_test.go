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
	f := timeline.Filter{}
	return map[string]timeline.Filter{
		"none":        f,
		"actor":       f.With(timeline.ActorFilter, "iran"),
		"actors3":     f.With(timeline.ActorFilter, "iran", "Donald Trump", "irgc"),
		"theme":       f.With(timeline.ThemeFilter, "cyber"),
		"status":      f.With(timeline.StatusFilter, "alleged", "denied"),
		"dates":       f.WithDates(dates),
		"text-common": f.WithText("campaign"),
		"text-rare":   f.WithText("zzqx"),
		"text-2words": f.WithText("phishing aides"),
		"combined":    f.With(timeline.ActorFilter, "iran").With(timeline.ThemeFilter, "cyber").WithDates(dates).WithText("campaign"),
		"location":    f.With(timeline.LocationFilter, "Florida"),
		"publisher":   f.With(timeline.PublisherFilter, "Reuters"),
		"within":      f.With(timeline.WithinFilter, "2024-06..2024-09"),
		"sources":     f.With(timeline.SourcesFilter, "2.."),
	}
}

func BenchmarkFilter(b *testing.B) {
	for _, n := range benchSizes {
		for _, name := range []string{"none", "actor", "actors3", "theme", "status", "dates", "text-common", "text-rare", "text-2words", "combined", "location", "publisher", "within", "sources"} {
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

// BenchmarkMayOnly marks, among the events a date range keeps, those that only may fall
// in it, as a list or an export does for every event it shows: against "dates", the
// filter alone.
func BenchmarkMayOnly(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			tl := benchTimeline(b, n)
			f := benchFilters(b)["dates"]
			b.ReportAllocs()
			for b.Loop() {
				events, err := tl.Filter(f)
				if err != nil {
					b.Fatal(err)
				}
				may, mayOnly := 0, f.MayOnly()
				for _, e := range events {
					if mayOnly(e) {
						may++
					}
				}
				if may == 0 {
					b.Fatal("no event only may fall in the range")
				}
			}
		})
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
					// The kinds the explorer's pickers had before places and publishers.
					if _, err := tl.Facets(f, timeline.ActorFilter, timeline.ThemeFilter, timeline.StatusFilter, timeline.FromFilter); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkFacetsPlaces counts the facets of the kinds whose values events write as text,
// places and publishers, whose index is built on first need (before the timer starts).
func BenchmarkFacetsPlaces(b *testing.B) {
	for _, n := range benchSizes {
		for _, name := range []string{"none", "combined"} {
			b.Run(fmt.Sprintf("n=%d/%s", n, name), func(b *testing.B) {
				tl := benchTimeline(b, n)
				f := benchFilters(b)[name]
				if _, err := tl.Facets(f, timeline.LocationFilter, timeline.PublisherFilter); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := tl.Facets(f, timeline.LocationFilter, timeline.PublisherFilter); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
