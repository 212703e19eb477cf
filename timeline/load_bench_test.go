package timeline_test

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/tlx-dev/tlx/internal/loadgc"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// loadSizes are the timeline sizes the load benchmarks run at.
var loadSizes = []int{1_000, 10_000, 100_000}

var loadInputs struct {
	sync.Mutex
	files map[int][]byte
}

// benchInput returns the generated timeline of n events, generated once per process.
func loadInput(b *testing.B, n int) []byte {
	b.Helper()
	if n >= 100_000 && testing.Short() {
		b.Skip("100,000 events: skipped with -short")
	}
	loadInputs.Lock()
	defer loadInputs.Unlock()
	if loadInputs.files == nil {
		loadInputs.files = make(map[int][]byte)
	}
	if _, ok := loadInputs.files[n]; !ok {
		loadInputs.files[n] = timelinetest.Generate(n, 1)
	}
	return loadInputs.files[n]
}

// BenchmarkLoad measures timeline.Parse: split, concurrent decode, validation and New.
func BenchmarkLoad(b *testing.B) {
	benchLoad(b, func(data []byte) (*timeline.Timeline, error) { return timeline.Open("bench.toml", data) })
}

// BenchmarkLoadAndIndex is BenchmarkLoad followed by PrepareSearch: a load until free-text
// search is ready too, which the explorer reaches in the background after its first frame.
func BenchmarkLoadAndIndex(b *testing.B) {
	benchLoad(b, func(data []byte) (*timeline.Timeline, error) {
		tl, err := timeline.Open("bench.toml", data)
		if err == nil {
			tl.PrepareSearch()
		}
		return tl, err
	})
}

// BenchmarkLoadCommand is the load a command makes of a file it opens once (tlx list,
// export, sources): a Loader told Once and SearchLater, which neither keys the events'
// bytes for a later open nor builds their search text before a search asks for it.
func BenchmarkLoadCommand(b *testing.B) {
	benchLoad(b, func(data []byte) (*timeline.Timeline, error) {
		return timeline.NewLoader("bench.toml").Open(data, timeline.LoadOptions{Once: true, SearchLater: true})
	})
}

func benchLoad(b *testing.B, load func([]byte) (*timeline.Timeline, error)) {
	for _, n := range loadSizes {
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			data := loadInput(b, n)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				// As the commands that load do: see internal/loadgc.
				restore := loadgc.Tighten(len(data))
				_, err := load(data)
				restore()
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodePlain is the baseline issue 6 compares with: one single-threaded
// BurntSushi decode of the same bytes into plain structs, and nothing else.
func BenchmarkDecodePlain(b *testing.B) {
	for _, n := range loadSizes {
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			data := loadInput(b, n)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				if err := decodePlain(data); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// plainFile mirrors the format with plain struct fields; dates are any because a date may
// be a TOML local date or a string.
type plainFile struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Actors      []struct {
		ID          string   `toml:"id"`
		Name        string   `toml:"name"`
		Kind        string   `toml:"kind"`
		Aliases     []string `toml:"aliases"`
		Description string   `toml:"description"`
	} `toml:"actors"`
	Themes []struct {
		ID          string   `toml:"id"`
		Name        string   `toml:"name"`
		Aliases     []string `toml:"aliases"`
		Description string   `toml:"description"`
	} `toml:"themes"`
	Events []struct {
		ID       string   `toml:"id"`
		Date     any      `toml:"date"`
		End      any      `toml:"end"`
		Title    string   `toml:"title"`
		Summary  string   `toml:"summary"`
		Actors   []string `toml:"actors"`
		Themes   []string `toml:"themes"`
		Location string   `toml:"location"`
		Status   string   `toml:"status"`
		Related  []string `toml:"related"`
		Sources  []struct {
			Publisher string `toml:"publisher"`
			Title     string `toml:"title"`
			URL       string `toml:"url"`
			Published any    `toml:"published"`
			Via       string `toml:"via"`
			Quote     string `toml:"quote"`
		} `toml:"sources"`
	} `toml:"events"`
}

func decodePlain(data []byte) error {
	var f plainFile
	_, err := toml.Decode(string(data), &f)
	return err
}

// TestPeakMemory loads one file once, for measuring peak memory from outside with
// /usr/bin/time -v; it runs only when TLX_PEAK_FILE names the file. TLX_PEAK_MODE is
// "load" (timeline.Parse, then the search index, as the explorer holds it once ready) or
// "plain" (decodePlain). See docs/performance.md.
func TestPeakMemory(t *testing.T) {
	path := os.Getenv("TLX_PEAK_FILE")
	if path == "" {
		t.Skip("set TLX_PEAK_FILE (and TLX_PEAK_MODE=load or plain) to measure")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch mode := os.Getenv("TLX_PEAK_MODE"); mode {
	case "load":
		restore := loadgc.Tighten(len(data)) // as the explorer's loader does
		tl, err := timeline.Open(path, data)
		restore()
		if err != nil {
			t.Fatal(err)
		}
		tl.PrepareSearch()
		fmt.Println("loaded", len(tl.Events), "events")
	case "plain":
		if err := decodePlain(data); err != nil {
			t.Fatal(err)
		}
		fmt.Println("decoded")
	default:
		t.Fatalf("TLX_PEAK_MODE=%q, want load or plain", mode)
	}
}

// BenchmarkSplit measures the pass that finds the [[events]] headers, alone and with the
// nesting and key-length checks that ride on it: the checks' cost on a load is the
// difference between the two.
func BenchmarkSplit(b *testing.B) {
	data := loadInput(b, 100_000)
	for _, check := range []bool{false, true} {
		b.Run("check="+strconv.FormatBool(check), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if timeline.Split(data, check) == 0 {
					b.Fatal("no pieces")
				}
			}
		})
	}
}

// reportCPU reports the process's CPU time per iteration since since (processCPU before
// the loop) as cpu-ns/op: what the benchmark cost on every core, which the load of other
// work on the machine disturbs less than the wall time.
func reportCPU(b *testing.B, since time.Duration) {
	if since > 0 && b.N > 0 {
		b.ReportMetric(float64(processCPU()-since)/float64(b.N), "cpu-ns/op")
	}
}
