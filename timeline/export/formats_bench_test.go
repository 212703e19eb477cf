package export_test

import (
	"bytes"
	"io"
	"strconv"
	"sync"
	"testing"

	"github.com/tlx-dev/tlx/internal/loadgc"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// benchFormats holds, per size, the generated timeline and its file in each format,
// made once per process.
var benchFormats struct {
	sync.Mutex
	n     int
	tl    *timeline.Timeline
	files map[string][]byte
}

// formatInputs returns a generated timeline of n events and its file in every format.
func formatInputs(b *testing.B, n int) (*timeline.Timeline, map[string][]byte) {
	b.Helper()
	benchFormats.Lock()
	defer benchFormats.Unlock()
	if benchFormats.n != n {
		tl, err := timeline.Open("bench.toml", timelinetest.Generate(n, 1))
		if err != nil {
			b.Fatal(err)
		}
		files := map[string][]byte{}
		events := make([]*timeline.Event, len(tl.Events))
		for i := range tl.Events {
			events[i] = &tl.Events[i]
		}
		for _, f := range export.Formats() {
			var buf bytes.Buffer
			if err := f.Write(&buf, tl, events, export.Options{}); err != nil {
				b.Fatal(err)
			}
			files[f.Name] = buf.Bytes()
		}
		benchFormats.n, benchFormats.tl, benchFormats.files = n, tl, files
	}
	return benchFormats.tl, benchFormats.files
}

// BenchmarkFormats reads each readable format and writes each format at 100,000 events
// (1,000 with -short), beside read/toml, the TOML load that docs/performance.md states
// the others as ratios of, measured in the same run:
//
//	go test ./timeline/export -run '^$' -bench '^BenchmarkFormats$' -benchtime 3x -benchmem
func BenchmarkFormats(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 1_000
	}
	b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
		tl, files := formatInputs(b, n)
		for _, name := range []string{"toml", "json", "timelinejs", "csv"} {
			format, _ := export.ByName(name)
			data := files[name]
			b.Run("read/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					restore := loadgc.Tighten(len(data))
					got, err := timeline.Open("bench"+format.Ext(), data)
					restore()
					if err != nil {
						b.Fatal(err)
					}
					if len(got.Events) != n {
						b.Fatalf("%d events", len(got.Events))
					}
				}
			})
		}
		events := make([]*timeline.Event, len(tl.Events))
		for i := range tl.Events {
			events[i] = &tl.Events[i]
		}
		for _, f := range export.Formats() {
			b.Run("write/"+f.Name, func(b *testing.B) {
				b.SetBytes(int64(len(files[f.Name])))
				b.ReportAllocs()
				for b.Loop() {
					if err := f.Write(io.Discard, tl, events, export.Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}
