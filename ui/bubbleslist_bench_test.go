package ui

// Benchmarks of the bubbles list component holding the same events as the explorer's own
// list, so docs/performance.md can set the two side by side. The explorer does not use the
// bubbles list: its paginator and fuzzy filter visit every item on each keystroke.

import (
	"fmt"
	"testing"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// eventItem adapts an event to the bubbles list.
type eventItem struct{ title, desc, filter string }

func (i eventItem) Title() string       { return i.title }
func (i eventItem) Description() string { return i.desc }
func (i eventItem) FilterValue() string { return i.filter }

func bubblesList(b *testing.B, n int) list.Model {
	b.Helper()
	if n > 10_000 && testing.Short() {
		b.Skip("large timeline skipped in -short mode")
	}
	tl := timelinetest.GenerateTimeline(n, 1)
	items := make([]list.Item, len(tl.Events))
	for i := range tl.Events {
		e := &tl.Events[i]
		items[i] = eventItem{title: e.Title, desc: e.Date.Short(), filter: e.Title + " " + e.Summary}
	}
	m := list.New(items, list.NewDefaultDelegate(), 140, 40)
	m.SetSize(140, 40)
	return m
}

func BenchmarkBubblesList(b *testing.B) {
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d/move", n), func(b *testing.B) {
			m := bubblesList(b, n)
			b.ReportAllocs()
			for b.Loop() {
				m, _ = m.Update(down)
				_ = m.View()
			}
		})
		b.Run(fmt.Sprintf("n=%d/search-char", n), func(b *testing.B) {
			m := bubblesList(b, n)
			queries := []string{"c", "ca", "cam", "camp"}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m.SetFilterText(queries[i%len(queries)])
				_ = m.View()
				i++
			}
		})
		b.Run(fmt.Sprintf("n=%d/redraw", n), func(b *testing.B) {
			m := bubblesList(b, n)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
