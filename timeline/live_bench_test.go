package timeline_test

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/internal/loadgc"
	"github.com/tlx-dev/tlx/timeline"
)

// The benchmarks of issue 14's goals that a process can measure in itself; compare each
// with BenchmarkDecodePlain at the same size, run in the same command (docs/performance.md,
// "Live timelines"). BenchmarkOpenSnapshot (snapshot_test.go) is the reopen.

// liveSizes are the sizes the live benchmarks run at: 100,000 is the goal's, 10,000 keeps
// them running under -short.
var liveSizes = []int{10_000, 100_000}

// BenchmarkFirstPartial measures the time from the start of a load to the first events a
// caller can show (the first Partial timeline), the in-process part of "first events on
// screen"; the rest of the load is not timed.
func BenchmarkFirstPartial(b *testing.B) {
	for _, n := range liveSizes {
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			data := loadInput(b, n)
			var first time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				restore := loadgc.Tighten(len(data))
				start := time.Now()
				got := false
				_, err := timeline.NewLoader("bench.toml").Open(data, timeline.LoadOptions{Partial: func(t *timeline.Timeline) {
					if !got && len(t.Events) > 0 {
						got = true
						first += time.Since(start)
					}
				}})
				restore()
				if err != nil || !got {
					b.Fatalf("no partial timeline (%v)", err)
				}
			}
			b.ReportMetric(float64(first.Nanoseconds())/float64(b.N), "ns-to-first/op")
		})
	}
}

// BenchmarkFirstSearch measures a search on a timeline just loaded, as a reader who types
// it the moment the list shows runs it ("first"), against the same search once the
// explorer's background PrepareSearch has run ("later").
func BenchmarkFirstSearch(b *testing.B) {
	for _, n := range liveSizes {
		data := loadInput(b, n)
		f := timeline.Filter{}.WithText("oman")
		for _, later := range []bool{false, true} {
			name := "first"
			if later {
				name = "later"
			}
			b.Run("n="+strconv.Itoa(n)+"/"+name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					restore := loadgc.Tighten(len(data))
					tl, err := timeline.Open("bench.toml", data)
					restore()
					if err != nil {
						b.Fatal(err)
					}
					if later {
						tl.PrepareSearch()
					}
					b.StartTimer()
					if evs, err := tl.Filter(f); err != nil || len(evs) == 0 {
						b.Fatalf("%d events found (%v)", len(evs), err)
					}
				}
			})
		}
	}
}

// BenchmarkReloadOneEdit measures a reload after a save that changed one event's title:
// the Loader decodes that event again and takes the others from the last open.
func BenchmarkReloadOneEdit(b *testing.B) {
	for _, n := range liveSizes {
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			data := loadInput(b, n)
			at := bytes.Index(data, []byte("\ntitle = \"")) // the timeline's own title comes first
			at = bytes.Index(data[at+1:], []byte("\ntitle = \"")) + at + 1 + len("\ntitle = \"")
			saves := make([][]byte, 2)
			for i := range saves {
				saves[i] = bytes.Clone(data)
				saves[i][at] = "XY"[i] // each save changes the first event's title from the last
			}
			l := timeline.NewLoader("bench.toml")
			if _, err := l.Open(data, timeline.LoadOptions{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				restore := func() {}
				if !l.KeepsBytes() { // as load.File.Reload does
					restore = loadgc.Tighten(len(data))
				}
				_, err := l.Open(saves[i%2], timeline.LoadOptions{})
				restore()
				if err != nil {
					b.Fatal(err)
				}
				if l.Reused() != n-1 {
					b.Fatalf("reused %d events, want %d", l.Reused(), n-1)
				}
				i++
			}
		})
	}
}
