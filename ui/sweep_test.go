package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// focusSetup brings a fresh explorer to one focus value, or to a state worth drawing.
type focusSetup struct {
	name string
	want focus
	do   func(m *Model)
}

// everyFocus lists a setup for every focus value, and for the detail showing an event
// the filters hide. linked is the id of an event with two sources with a web link.
func everyFocus(t *testing.T, linked string) []focusSetup {
	t.Helper()
	existing := filepath.Join(t.TempDir(), "exists.md")
	if err := os.WriteFile(existing, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	selectID := func(m *Model, id string) {
		for i := 0; selectedID(m) != id && i < len(listed(m)); i++ {
			keys(m, "j")
		}
	}
	setups := []focusSetup{
		{"list", focusList, func(m *Model) {}},
		{"detail", focusDetail, func(m *Model) { keys(m, "enter", ">") }},
		{"help", focusHelp, func(m *Model) { keys(m, "?") }},
		{"about", focusAbout, func(m *Model) { keys(m, "i") }},
		{"search", focusSearch, func(m *Model) { keys(m, "/", "e") }},
		{"picker", focusPicker, func(m *Model) { keys(m, "a", "down") }},
		{"dates", focusDates, func(m *Model) { keys(m, "d", "2") }},
		{"export name", focusExportName, func(m *Model) { keys(m, "e") }},
		{"overwrite", focusOverwrite, func(m *Model) { keys(m, "e"); setPrompt(m, existing); keys(m, "enter") }},
		{"source", focusSource, func(m *Model) { selectID(m, linked); keys(m, "o") }},
		{"labels", focusLabels, func(m *Model) { keys(m, "m", "L", "down") }},
		{"note", focusNote, func(m *Model) { keys(m, "n"); typeText(m, "A note of mine") }},
		{"views", focusViews, func(m *Model) { keys(m, "M", "v") }},
		{"query", focusQuery, func(m *Model) { keys(m, "a", "enter", ":"); typeText(m, " from:") }},
		{"marked and noted", focusDetail, func(m *Model) {
			selectID(m, linked)
			keys(m, "m", "L", "tab", "enter", "n")
			typeText(m, "Check this, with "+m.t.Event(linked).Title)
			keys(m, "ctrl+s", "enter")
		}},
		{"hidden", focusDetail, func(m *Model) {
			// Only the linked event's date is kept; its first related event, on another
			// date, is followed all the same.
			keys(m, "d")
			typeText(m, m.t.Event(linked).Date.String())
			keys(m, "enter")
			selectID(m, linked)
			keys(m, "r", "enter")
			if m.peek == nil {
				t.Fatalf("following a hidden related event of %s did not show it", linked)
			}
		}},
	}
	seen := map[focus]bool{}
	for _, s := range setups {
		seen[s.want] = true
	}
	for f := focusList; int(f) < len(focusNames); f++ {
		if !seen[f] {
			t.Fatalf("no setup reaches focus %v", f)
		}
	}
	return setups
}

// TestResizeSweep renders every focus at every size from tiny to huge: no panic, no line
// wider than the terminal, no more lines than it has.
func TestResizeSweep(t *testing.T) {
	tl := loadSmall(t)
	var sizes [][2]int
	for w := 0; w <= 40; w++ {
		for _, h := range []int{0, 1, 2, 5, 12} {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	for w := 20; w <= 300; w += 7 {
		for h := 5; h <= 100; h += 9 {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	type setup struct {
		name string
		m    *Model
	}
	var models []setup
	for _, fs := range everyFocus(t, "hack") {
		m := newTestModel(t, tl, timeline.Filter{}, 80, 24)
		fs.do(m)
		if m.focus != fs.want {
			t.Fatalf("setup %s reached focus %v", fs.name, m.focus)
		}
		models = append(models, setup{fs.name, m})
	}
	// A filter of many parts, whose chips take two lines where there is room.
	filtered := newTestModel(t, tl, timeline.Filter{}, 80, 24)
	keys(filtered, ":", "ctrl+u")
	typeText(filtered, `actor:iran,us,trump theme:cyber,election,diplomacy from:2020-06 to:2024-09 "a long phrase that is searched for"`)
	keys(filtered, "enter")
	models = append(models, setup{"many filters", filtered})
	loading := newModel(Options{Name: "a-long-name-for-a-timeline-file.toml"}, false)
	loading.Update(loadProgressMsg{done: 1 << 20, total: 3 << 20})
	models = append(models, setup{"loading", loading})
	for _, s := range models {
		for _, sz := range sizes {
			s.m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			got := s.m.View().Content
			if sz[1] == 0 && got != "" {
				t.Errorf("%s %dx%d: output on a zero-height screen", s.name, sz[0], sz[1])
			}
			lines := strings.Split(got, "\n")
			if s.name == "many filters" && sz[0] > 0 && sz[1] >= 10 && len(lines) != sz[1] {
				t.Errorf("%s %dx%d: %d lines, not the screen's", s.name, sz[0], sz[1], len(lines))
			}
			if len(lines) > max(sz[1], 1) {
				t.Errorf("%s %dx%d: %d lines", s.name, sz[0], sz[1], len(lines))
			}
			for i, l := range lines {
				if lw := ansi.StringWidth(l); lw > sz[0] {
					t.Errorf("%s %dx%d: line %d is %d wide", s.name, sz[0], sz[1], i, lw)
				}
			}
		}
	}
}

// TestWideTextFits checks every focus on a timeline of wide characters at every small
// size and a few large ones: no line wider than the screen, and no character cut in two.
func TestWideTextFits(t *testing.T) {
	tl := wideTimeline(t)
	for _, fs := range everyFocus(t, "e1") {
		m := newTestModel(t, tl, timeline.Filter{}, 80, 24)
		fs.do(m)
		if m.focus != fs.want {
			t.Fatalf("setup %s reached focus %v", fs.name, m.focus)
		}
		for w := 0; w <= 140; w++ {
			for _, h := range []int{3, 12, 30} {
				m.Update(tea.WindowSizeMsg{Width: w, Height: h})
				got := m.View().Content
				if !utf8.ValidString(got) {
					t.Errorf("%s %dx%d: the screen is not valid UTF-8: %q", fs.name, w, h, got)
				}
				for i, l := range strings.Split(got, "\n") {
					if lw := ansi.StringWidth(l); lw > w {
						t.Errorf("%s %dx%d: line %d is %d wide: %q", fs.name, w, h, i, lw, ansi.Strip(l))
					}
					// Bubble Tea measures each character unless the terminal measures
					// clusters: both must give the same width, or the line moves.
					if lw, wc := ansi.StringWidth(l), ansi.StringWidthWc(l); lw != wc {
						t.Errorf("%s %dx%d: line %d is %d wide by its clusters, %d by its characters: %q", fs.name, w, h, i, lw, wc, ansi.Strip(l))
					}
				}
				// The whole text of the detail pane, not only the part on screen.
				for i, l := range detailLines(m) {
					if lw := ansi.StringWidth(l); lw > m.detail.width || !utf8.ValidString(l) {
						t.Errorf("%s %dx%d: detail line %d is %d wide for %d, or not UTF-8: %q", fs.name, w, h, i, lw, m.detail.width, l)
					}
				}
			}
		}
	}
}
