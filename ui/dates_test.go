package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// TestMayFallViews asks the embedded timeline what happened in August 2024, as issue 13
// does, at 80x24 and 140x40: every event that may fall in it is listed, those that only
// may are marked, and the goldens show the windows and the marks.
func TestMayFallViews(t *testing.T) {
	tl := embedded(t)
	f, err := timeline.ParseQuery("from:2024-08 to:2024-08")
	if err != nil {
		t.Fatal(err)
	}
	want, err := tl.Filter(f)
	if err != nil {
		t.Fatal(err)
	}
	mayOnly := f.MayOnly()
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := newTestModel(t, tl, timeline.Filter{}, size[0], size[1])
		keys(m, "d")
		typeText(m, "2024-08")
		keys(m, "enter")
		if got := eventIDs(m); !slices.Equal(got, idsOf(want)) {
			t.Fatalf("d 2024-08 lists %q, want %q", got, idsOf(want))
		}
		// Each row of the list is marked when, and only when, its event only may fall in
		// August 2024.
		for _, e := range want {
			m.list.Select(e)
			row := m.list.renderEvent(e, false)
			if marked := strings.Contains(row, mayFallGlyph); marked != mayOnly(e) {
				t.Errorf("%s: marked %v, but it only may fall in August 2024: %v\n%s", e.ID, marked, mayOnly(e), row)
			}
		}
		keys(m, "g")
		got := screen(m)
		checkFits(t, got, size[0], size[1])
		golden(t, "embedded-dates-2024-08-"+sizeName(size), got)
	}
}

// TestWithinPrompt: "within 2024-08" in the date prompt keeps only the events certainly
// in August 2024, its chip says so, and the prompt opens again on what it was given.
func TestWithinPrompt(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	keys(m, "d")
	typeText(m, "within 2024-08")
	keys(m, "enter")
	want, _ := tl.Filter(timeline.Filter{}.With(timeline.WithinFilter, "2024-08"))
	if got := eventIDs(m); !slices.Equal(got, idsOf(want)) || len(want) == 0 {
		t.Fatalf("within 2024-08 lists %q, want %q", got, idsOf(want))
	}
	if got := m.session.Applied().String(); got != "within:2024-08" {
		t.Errorf("the filter in force is %q, want within:2024-08", got)
	}
	got := screen(m)
	if strings.Contains(got, mayFallGlyph) {
		t.Errorf("within marks an event as one that may fall outside:\n%s", got)
	}
	checkFits(t, got, 140, 40)
	golden(t, "embedded-within-2024-08-140x40", got)

	keys(m, "d")
	if v := m.dates.Value(); v != "within 2024-08" {
		t.Errorf("the prompt reopens on %q", v)
	}
	// A plain range replaces within, and within a plain range.
	for range len(m.dates.Value()) {
		keys(m, "backspace")
	}
	typeText(m, "2024-08")
	keys(m, "enter")
	if got := m.session.Applied().String(); got != "from:2024-08 to:2024-08" {
		t.Errorf("after 2024-08 the filter is %q", got)
	}
	keys(m, "d")
	for range len(m.dates.Value()) {
		keys(m, "backspace")
	}
	typeText(m, "within")
	keys(m, "enter")
	if m.focus != focusDates || m.dates.err == "" {
		t.Errorf("within alone: focus %v, error %q; want the prompt kept with its error", m.focus, m.dates.err)
	}
}

// TestWindowDetail shows an event dated by a window whose article the timeline cites for
// several passages: the date reads as a window, the article once with all its quotes,
// how many publishers support it, and under a date filter that it may fall outside.
func TestWindowDetail(t *testing.T) {
	tl := embedded(t)
	e := tl.Event("iran-fake-news-sites")
	if e == nil || !e.Date.IsWindow() || len(e.Sources) != 1 || len(e.Sources[0].Quoted()) < 2 {
		t.Fatalf("the fixture changed: %+v", e)
	}
	f, _ := timeline.ParseQuery("from:2024-08 to:2024-08")
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := newTestModel(t, tl, f, size[0], size[1])
		for shownEvent(m) != e {
			if sel := selectedID(m); sel == tl.Events[len(tl.Events)-1].ID {
				t.Fatal("not listed")
			}
			keys(m, "j")
		}
		keys(m, "enter")
		// The whole text, however little of it the screen shows, for the checks.
		text := strings.Join(strings.Fields(ansi.Strip(strings.Join(m.detail.render(size[0]).lines, "\n"))), " ")
		for _, want := range []string{"by 9 August 2024", "may fall outside the dates asked for (August 2024)",
			"supported by one publisher", "1. The Associated Press"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the detail does not say %q:\n%s", sizeName(size), want, text)
			}
		}
		for _, q := range e.Sources[0].Quoted() {
			if !strings.Contains(text, strings.Join(strings.Fields(q), " ")) {
				t.Errorf("%s: quote %q not shown", sizeName(size), q)
			}
		}
		if strings.Contains(text, "2. ") {
			t.Errorf("%s: the article is shown twice", sizeName(size))
		}
		got := screen(m)
		checkFits(t, got, size[0], size[1])
		golden(t, "embedded-window-detail-"+sizeName(size), got)
	}
}

func sizeName(size [2]int) string {
	return strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1])
}

// TestSourcesOverview: S shows every publisher of the events listed, how many it
// supports and those it alone supports; 1 keeps the events one publisher alone supports,
// 2 those two or more support, 0 drops that.
func TestSourcesOverview(t *testing.T) {
	tl := embedded(t)
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := newTestModel(t, tl, timeline.Filter{}, size[0], size[1])
		keys(m, "S")
		if m.focus != focusAbout || !m.sources {
			t.Fatalf("S: focus %v", m.focus)
		}
		got := screen(m)
		checkFits(t, got, size[0], size[1])
		golden(t, "embedded-sources-"+sizeName(size), got)
		text := strings.Join(strings.Fields(ansi.Strip(strings.Join(m.about.build(size[0]), "\n"))), " ")
		for _, p := range timeline.Publishers(tl.All()) {
			if !strings.Contains(text, p.Name+" · "+strconv.Itoa(len(p.Events))+" events,") {
				t.Errorf("the overview lacks %s with its %d events", p.Name, len(p.Events))
			}
			for _, e := range p.Alone {
				if !strings.Contains(text, strings.Join(strings.Fields(e.Title), " ")) {
					t.Errorf("the overview lacks %q, which %s alone supports", e.Title, p.Name)
				}
			}
		}
	}

	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	for _, tt := range []struct {
		key, query string
		n          func(int) bool
	}{
		{"1", "sources:1", func(n int) bool { return n == 1 }},
		{"2", "sources:2..", func(n int) bool { return n >= 2 }},
		{"0", "", func(int) bool { return true }},
	} {
		keys(m, "S", tt.key)
		if got := m.session.Applied().String(); got != tt.query || m.focus == focusAbout {
			t.Errorf("S %s: filter %q, focus %v; want %q and the list", tt.key, got, m.focus, tt.query)
		}
		for _, e := range listed(m) {
			if !tt.n(e.PublisherCount()) {
				t.Errorf("S %s lists %s, with %d publishers", tt.key, e.ID, e.PublisherCount())
			}
		}
	}
}
