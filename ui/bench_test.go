package ui

import (
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// Benchmarks of a keystroke plus the redraw it causes (Update then View), the cost a user
// feels, at 1,000, 10,000 and 100,000 events; and of a redraw alone. Run them with
//
//	go test ./ui -run '^$' -bench . -benchtime 200x
var benchSizes = []int{1_000, 10_000, 100_000}

// benchTimelines caches generated timelines across benchmarks of one run, which run one
// at a time.
type benchTimelines map[int]*timeline.Timeline

var cache = benchTimelines{}

func (c benchTimelines) get(n int) *timeline.Timeline {
	if c[n] == nil {
		c[n] = timelinetest.GenerateTimeline(n, 1)
	}
	return c[n]
}

func benchModel(b *testing.B, tl *timeline.Timeline) *Model {
	b.Helper()
	// The program builds the search index in the background once the list shows, long
	// before a reader can type: a keystroke finds it built.
	tl.PrepareSearch()
	m := newTestModel(b, tl, timeline.Filter{}, 140, 40)
	m.View()
	return m
}

// deliver runs cmd and hands its search result to m, as the program would.
func deliver(m *Model, cmd tea.Cmd, depth int) {
	if cmd == nil || depth > 3 {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			deliver(m, c, depth+1)
		}
	case searchedMsg:
		m.Update(msg)
	}
}

// resetSearch empties the search prompt and shows every event again, off the clock, the
// detail pane laid out for the event then selected.
func resetSearch(m *Model) {
	m.search.input.SetValue("")
	m.session.Preview(timeline.Filter{}) //nolint:errcheck // the zero filter cannot fail
	m.showEvents()
	_ = m.draw()
}

// frame is one keystroke and its redraw.
func frame(m *Model, msg tea.Msg) {
	m.Update(msg)
	_ = m.View()
}

func BenchmarkKeystroke(b *testing.B) {
	for _, n := range benchSizes {
		tl := cache.get(n)
		name := strconv.Itoa(n)

		b.Run("move/"+name, func(b *testing.B) {
			m := benchModel(b, tl)
			down, up := press("j"), press("k")
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				// Down 20 rows, then up again, so the list scrolls too.
				if i/20%2 == 0 {
					frame(m, down)
				} else {
					frame(m, up)
				}
			}
		})

		b.Run("search-char/"+name, func(b *testing.B) {
			// Types "report" one letter at a time, then clears it, over and over: each
			// frame is one letter typed (or the clearing), as a user types.
			m := benchModel(b, tl)
			keys(m, "/")
			word := []string{"r", "e", "p", "o", "r", "t"}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				step := i % (len(word) + 1)
				if step == len(word) {
					b.StopTimer()
					resetSearch(m)
					b.StartTimer()
					continue
				}
				frame(m, press(word[step]))
			}
		})

		b.Run("search-result/"+name, func(b *testing.B) {
			// From a keystroke to the frame that shows its matches: on large timelines the
			// search runs beside the event loop, and this is the wait for its answer.
			m := benchModel(b, tl)
			keys(m, "/")
			word := []string{"r", "e", "p", "o", "r", "t"}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				step := i % (len(word) + 1)
				if step == len(word) {
					b.StopTimer()
					resetSearch(m)
					b.StartTimer()
					continue
				}
				_, cmd := m.Update(press(word[step]))
				deliver(m, cmd, 0)
				_ = m.View()
			}
		})

		b.Run("search-backspace/"+name, func(b *testing.B) {
			// Deleting a letter widens the search: a full filter, not a refinement.
			m := benchModel(b, tl)
			keys(m, "/")
			typeText(m, "rep")
			bs, p := press("backspace"), press("p")
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				k := p
				if i%2 == 0 {
					k = bs
				}
				_, cmd := m.Update(k)
				deliver(m, cmd, 0)
				_ = m.View()
			}
		})

		for _, picker := range []struct{ name, key string }{{"toggle-actor", "a"}, {"toggle-theme", "t"}} {
			b.Run(picker.name+"/"+name, func(b *testing.B) {
				// Tab in the picker toggles the first value, and the list follows.
				m := benchModel(b, tl)
				keys(m, picker.key)
				toggle := press("tab")
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					frame(m, toggle)
				}
			})
		}

		b.Run("date-range/"+name, func(b *testing.B) {
			// Applying a date range: enter in the date prompt.
			m := benchModel(b, tl)
			first, last := tl.Span()
			mid := (first.Year + last.Year) / 2
			ranges := []string{strconv.Itoa(mid), strconv.Itoa(first.Year) + ".." + strconv.Itoa(mid), strconv.Itoa(mid) + ".."}
			enter := press("enter")
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				keys(m, "d")
				setPrompt(m, ranges[i%len(ranges)])
				b.StartTimer()
				frame(m, enter)
			}
		})
	}
}

// BenchmarkRedraw is a frame with nothing changed: its cost must not depend on the
// number of events.
func BenchmarkRedraw(b *testing.B) { benchFrame(b, func(m *Model) { _ = m.View() }) }

// BenchmarkDraw draws a whole frame from the current state, bypassing the frame kept
// between messages: what every keystroke pays on top of its Update.
func BenchmarkDraw(b *testing.B) { benchFrame(b, func(m *Model) { _ = m.draw() }) }

// benchFrame times draw on the explorer at 100 and 100,000 events, two rows down.
func benchFrame(b *testing.B, draw func(*Model)) {
	for _, n := range []int{100, 100_000} {
		tl := cache.get(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			m := benchModel(b, tl)
			keys(m, "j", "j")
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				draw(m)
			}
		})
	}
}

// BenchmarkFirstFrame is the start-up of the explorer on the embedded timeline, from the
// bytes to the first frame with events: parse, filter, lay out and draw. The terminal's
// own set-up is not in it.
func BenchmarkFirstFrame(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		tl, err := timeline.Open(data.Name, data.Timeline)
		if err != nil {
			b.Fatal(err)
		}
		m := newModel(Options{Name: data.Name}, false)
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.Update(loadedMsg{t: tl})
		if m.View().Content == "" {
			b.Fatal("no frame")
		}
	}
}
