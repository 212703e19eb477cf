package ui

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name.golden, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test ./ui -update to create it", err)
	}
	if string(want) != got {
		t.Errorf("view differs from %s (go test ./ui -update rewrites it)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}

// press builds the message a key press gives, from the name key.Binding uses.
func press(k string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"delete": tea.KeyDelete,
	}
	switch {
	case k == "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case k == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case strings.HasPrefix(k, "ctrl+") && len(k) == len("ctrl+")+1:
		return tea.KeyPressMsg{Code: rune(k[len(k)-1]), Mod: tea.ModCtrl}
	}
	if code, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("press: unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// typeText presses each character of s.
func typeText(m *Model, s string) {
	for _, r := range s {
		if r == ' ' {
			m.Update(press("space"))
			continue
		}
		m.Update(press(string(r)))
	}
}

// keys presses each named key in turn, running the commands they give as the program
// would.
func keys(m *Model, names ...string) { do(m, names...) }

func loadSmall(t testing.TB) *timeline.Timeline {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "small.toml"))
	if err != nil {
		t.Fatal(err)
	}
	tl, err := timeline.Open("testdata/small.toml", b)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// newTestModel returns the explorer showing tl at w by h, as it is once loaded, with an
// empty notebook of its own.
func newTestModel(t testing.TB, tl *timeline.Timeline, f timeline.Filter, w, h int) *Model {
	t.Helper()
	return newBookModel(t, tl, f, filepath.Join(t.TempDir(), "notes.toml"), w, h)
}

// newBookModel returns the explorer showing tl at w by h with the notebook at path,
// opened at once, and never read again unless the test says so.
func newBookModel(t testing.TB, tl *timeline.Timeline, f timeline.Filter, path string, w, h int) *Model {
	t.Helper()
	open := func(tl *timeline.Timeline) (*notebook.Notebook, error) {
		return notebook.Open(path, notebook.Options{Timeline: tl, LockWait: 5 * time.Second})
	}
	m := newModel(Options{Name: "small.toml", Filter: f, Version: "test", Notebook: open}, false)
	m.book.every = 0
	m.Update(loadedMsg{t: tl})
	if m.err != nil {
		t.Fatal(m.err)
	}
	nb, err := open(tl)
	m.Update(bookOpenedMsg{nb: nb, err: err})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// screen renders m without colours, as the golden files hold it.
func screen(m *Model) string { return ansi.Strip(m.View().Content) }

func selectedID(m *Model) string {
	if e := m.list.Selected(); e != nil {
		return e.ID
	}
	return ""
}

func eventIDs(m *Model) []string {
	ids := make([]string, len(listed(m)))
	for i, e := range listed(m) {
		ids[i] = e.ID
	}
	return ids
}

func TestGoldenViews(t *testing.T) {
	tl := loadSmall(t)
	tests := []struct {
		name  string
		keys  []string
		text  string // typed after keys
		after []string
		check func(t *testing.T, m *Model)
	}{
		{name: "start", check: func(t *testing.T, m *Model) {
			if got := selectedID(m); got != "retaliation" {
				t.Errorf("selected %q, want the first event", got)
			}
		}},
		{name: "moved", keys: []string{"j", "j", "j"}, check: func(t *testing.T, m *Model) {
			if got := selectedID(m); got != "fake-sites" {
				t.Errorf("after jjj selected %q, want fake-sites", got)
			}
		}},
		{name: "actor-picker", keys: []string{"a"}, check: func(t *testing.T, m *Model) {
			if m.focus != focusPicker {
				t.Errorf("focus %v, want the picker", m.focus)
			}
		}},
		{name: "actor-picked", keys: []string{"a"}, text: "micro", after: []string{"tab", "enter"}, check: func(t *testing.T, m *Model) {
			if !slices.Equal(shownFilter(m).Values(timeline.ActorFilter), []string{"microsoft"}) {
				t.Errorf("actors %q, want microsoft", shownFilter(m).Values(timeline.ActorFilter))
			}
			if got := eventIDs(m); !slices.Equal(got, []string{"fake-sites", "phishing"}) {
				t.Errorf("events %q", got)
			}
		}},
		{name: "search", keys: []string{"/"}, text: "hack", check: func(t *testing.T, m *Model) {
			if got := eventIDs(m); !slices.Equal(got, []string{"phishing", "hack", "denial"}) {
				t.Errorf("events %q", got)
			}
		}},
		{name: "dates-invalid", keys: []string{"d"}, text: "2024-13", after: []string{"enter"}, check: func(t *testing.T, m *Model) {
			if m.focus != focusDates || m.dates.err == "" {
				t.Errorf("focus %v, error %q: want the prompt kept with its error", m.focus, m.dates.err)
			}
		}},
		{name: "dates", keys: []string{"d"}, text: "2024-06..2024-08", after: []string{"enter"}, check: func(t *testing.T, m *Model) {
			if got := eventIDs(m); !slices.Equal(got, []string{"retaliation", "fake-sites", "phishing", "plot", "hack", "denial"}) {
				t.Errorf("events %q", got)
			}
		}},
		{name: "detail", keys: []string{"j", "enter"}, check: func(t *testing.T, m *Model) {
			if m.focus != focusDetail {
				t.Error("enter did not focus the detail")
			}
		}},
		{name: "help", keys: []string{"?"}},
		{name: "about", keys: []string{"i"}, check: func(t *testing.T, m *Model) {
			if m.focus != focusAbout {
				t.Errorf("focus %v, want the about view", m.focus)
			}
		}},
		{name: "detail-link", keys: []string{"j", "enter", ">"}, check: func(t *testing.T, m *Model) {
			if l, ok := m.detail.Link(); !ok || l.related == nil || l.related.ID != "retaliation" {
				t.Errorf("n selected %+v, want the related event retaliation", l)
			}
		}},
		{name: "hidden", keys: []string{"a"}, text: "micro", after: []string{"enter", "j", "r", "enter"}, check: func(t *testing.T, m *Model) {
			if m.peek == nil || m.peek.ID != "hack" {
				t.Errorf("peek %v, want hack, which the filter hides", m.peek)
			}
		}},
		{name: "source", keys: []string{"G", "k", "k", "o"}, check: func(t *testing.T, m *Model) {
			if m.focus != focusSource {
				t.Errorf("focus %v, want the question which source", m.focus)
			}
		}},
		{name: "search-reopened", keys: []string{"/"}, text: "hack", after: []string{"enter", "/"}, check: func(t *testing.T, m *Model) {
			if !m.search.selected || m.search.Value() != "hack" {
				t.Errorf("reopened search: %q, selected %v", m.search.Value(), m.search.selected)
			}
		}},
		{name: "no-match", keys: []string{"/"}, text: "zzzz", after: []string{"enter"}, check: func(t *testing.T, m *Model) {
			if len(listed(m)) != 0 || m.list.Selected() != nil {
				t.Errorf("%d events, selected %v", len(listed(m)), m.list.Selected())
			}
		}},
	}
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		for _, tt := range tests {
			name := tt.name + "-" + strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1])
			t.Run(name, func(t *testing.T) {
				// A notebook path the same on every run, as the about view shows it;
				// nothing here marks, so it is never written.
				m := newBookModel(t, tl, timeline.Filter{}, unwrittenBook, size[0], size[1])
				t.Cleanup(func() {
					if _, err := os.Stat(unwrittenBook); err == nil {
						t.Errorf("%s was written", unwrittenBook)
					}
				})
				keys(m, tt.keys...)
				typeText(m, tt.text)
				keys(m, tt.after...)
				if tt.check != nil {
					tt.check(t, m)
				}
				got := screen(m)
				checkFits(t, got, size[0], size[1])
				golden(t, name, got)
			})
		}
	}
}

// unwrittenBook is the notebook of the golden views: a path in testdata never written.
const unwrittenBook = "testdata/unwritten-notebook.toml"

// checkFits fails when the screen has more lines than h or a line wider than w.
func checkFits(t *testing.T, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		t.Errorf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%dx%d: line %d is %d wide: %q", w, h, i, lw, l)
		}
	}
}

func TestEmbeddedFirstScreen(t *testing.T) {
	tl, err := timeline.Open(data.Name, data.Timeline)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, tl, timeline.Filter{}, 120, 40)
	got := screen(m)
	checkFits(t, got, 120, 40)
	golden(t, "embedded-120x40", got)
}

func TestSelectionSurvivesRefilter(t *testing.T) {
	tl := loadSmall(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	keys(m, "G", "k", "k") // hack
	if got := selectedID(m); got != "hack" {
		t.Fatalf("selected %q, want hack", got)
	}
	keys(m, "/")
	typeText(m, "cyber")
	if got := selectedID(m); got != "hack" {
		t.Errorf("still matching, selected %q, want hack", got)
	}
	keys(m, "esc")
	keys(m, "/")
	typeText(m, "oman")
	// Only talks (2026) mentions Oman: the nearest listed event takes the selection.
	if got := selectedID(m); got != "talks" {
		t.Errorf("hack hidden: selected %q, want the nearest, talks", got)
	}
	keys(m, "esc")
	if got := selectedID(m); got != "talks" || len(listed(m)) != len(tl.Events) {
		t.Errorf("after esc: selected %q with %d events", got, len(listed(m)))
	}
}

func TestHistory(t *testing.T) {
	tl := loadSmall(t)
	r, _ := timeline.ParseRange("2024")
	m := newTestModel(t, tl, timeline.Filter{}.With(timeline.ActorFilter, "trump").WithDates(r), 140, 40)
	if got := eventIDs(m); !slices.Equal(got, []string{"retaliation", "phishing", "hack"}) {
		t.Fatalf("initial events %q", got)
	}
	if !strings.Contains(screen(m), "actor Donald Trump") || !strings.Contains(screen(m), "dates 2024") {
		t.Errorf("the command line's filters are not shown as chips:\n%s", screen(m))
	}
	keys(m, "backspace") // drops the dates
	if !shownFilter(m).Dates().IsZero() || len(shownFilter(m).Values(timeline.ActorFilter)) != 1 {
		t.Errorf("after one backspace: %+v", shownFilter(m))
	}
	keys(m, "x")
	if !shownFilter(m).IsZero() || len(listed(m)) != len(tl.Events) {
		t.Errorf("x left %+v", shownFilter(m))
	}
	keys(m, "backspace") // brings back what x cleared
	if len(shownFilter(m).Values(timeline.ActorFilter)) != 1 {
		t.Errorf("backspace after x: %+v", shownFilter(m))
	}
	keys(m, "backspace", "backspace")
	if !shownFilter(m).IsZero() || m.status == "" {
		t.Errorf("backspace with no history: filter %+v, status %q", shownFilter(m), m.status)
	}
}

func TestYearJumps(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	keys(m, "j", "j", "[")
	if got := selectedID(m); got != "retaliation" {
		t.Errorf("[ selected %q, want the first event of 2020", got)
	}
	keys(m, "]", "]")
	if got := selectedID(m); got != "talks" {
		t.Errorf("]] selected %q, want the first event of 2026", got)
	}
	keys(m, "]")
	if !strings.Contains(m.status, "last") {
		t.Errorf("] on the last year says %q", m.status)
	}
}

func TestExport(t *testing.T) {
	tl := loadSmall(t)
	dir := t.TempDir()
	m := newTestModel(t, tl, timeline.Filter{}.With(timeline.ActorFilter, "microsoft"), 140, 40)
	keys(m, "e")
	if got := promptValue(m); got != "tlx-microsoft.md" {
		t.Errorf("default name %q", got)
	}
	path := filepath.Join(dir, "out.md")
	setPrompt(m, path)
	keys(m, "enter")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Hackers phish a campaign official") || strings.Contains(string(b), "Emails try") {
		t.Errorf("export holds the wrong events:\n%s", b)
	}
	if want := "Exported 2 events to " + path; m.status != want {
		t.Errorf("status %q, want %q", m.status, want)
	}
	if m.focus != focusList {
		t.Errorf("focus %v after the export, want the list", m.focus)
	}

	// Exporting again asks first; n keeps the file and brings the name back.
	os.WriteFile(path, []byte("mine"), 0o644)
	keys(m, "e")
	setPrompt(m, path)
	keys(m, "enter")
	if m.focus != focusOverwrite {
		t.Fatalf("focus %v, want the overwrite question", m.focus)
	}
	keys(m, "x") // not an answer: it says which are
	if m.focus != focusOverwrite || !strings.Contains(m.status, "overwrites") {
		t.Errorf("x to the question: focus %v, status %q", m.focus, m.status)
	}
	keys(m, "n")
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Errorf("n replaced the file: %q", b)
	}
	keys(m, "esc")
	if m.focus != focusList {
		t.Errorf("esc in the prompt: focus %v, want the list", m.focus)
	}
	keys(m, "e")
	setPrompt(m, path)
	keys(m, "enter", "y")
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "Hackers phish") {
		t.Errorf("y did not overwrite: %q", b)
	}
}

func TestExportName(t *testing.T) {
	r := func(s string) timeline.Range { x, _ := timeline.ParseRange(s); return x }
	tests := []struct {
		f    timeline.Filter
		want string
	}{
		{timeline.Filter{}, "tlx-timeline.md"},
		{timeline.Filter{}.With(timeline.ActorFilter, "iran").WithDates(r("2024")), "tlx-iran-2024.md"},
		{timeline.Filter{}.With(timeline.ThemeFilter, "Cyber Ops").WithDates(r("2024-06..")), "tlx-cyber-ops-from-2024-06.md"},
		{timeline.Filter{}.WithDates(r("..2021")).WithText(`"../etc" x/y`), "tlx-to-2021-etc-x-y.md"},
	}
	for _, tt := range tests {
		if got := exportName(tt.f); got != tt.want {
			t.Errorf("exportName(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestUntrustedTextIsSanitised(t *testing.T) {
	evil := "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[2J\u202e"
	tl := timeline.New("T\x1b[31m", "", nil, nil, []timeline.Event{{
		ID: "a", Date: timeline.MustWhen("2024-01-02"), Title: "title " + evil, Summary: "summary " + evil,
		Actors: []string{"x\x1b[1m"}, Themes: []string{"t\x07"},
		Sources: []timeline.Source{{Publisher: "p" + evil, Quote: "q" + evil, URL: "javascript:alert(1)"}},
	}})
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	keys(m, "enter")
	out := m.View().Content
	for _, bad := range []string{"\x1b]8;;https://evil.example", "\x1b[2J", "\u202e", "\x07", "\x1b[31m"} {
		if strings.Contains(out, bad) {
			t.Errorf("screen holds %q from the file", bad)
		}
	}
	if strings.Contains(out, "\x1b]8;;javascript") {
		t.Error("a javascript: URL became a link")
	}

	// An https URL is a terminal hyperlink.
	m = newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	keys(m, "j")
	if out := m.View().Content; !strings.Contains(out, "\x1b]8;id=tlx-source-1;https://example.com/strike") {
		t.Errorf("the source URL is not a hyperlink:\n%q", out)
	}
}

func TestLoadErrorEndsProgram(t *testing.T) {
	m := newModel(Options{Name: "bad.toml"}, false)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	problems := timeline.Problems{{File: "bad.toml", Line: 3, Msg: "one"}, {File: "bad.toml", Line: 9, Msg: "two"}}
	_, cmd := m.Update(loadedMsg{err: problems})
	if cmd == nil {
		t.Fatal("a load error did not end the program")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("the command after a load error is not tea.Quit")
	}
	var got timeline.Problems
	if !errors.As(m.err, &got) || len(got) != 2 {
		t.Errorf("err = %v, want the two problems intact", m.err)
	}
}

func TestLoadingScreen(t *testing.T) {
	m := newModel(Options{Name: "big.toml"}, false)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(loadProgressMsg{done: 40, total: 100})
	got := screen(m)
	if !strings.Contains(got, "Loading big.toml… 40%") {
		t.Errorf("loading screen:\n%s", got)
	}
	_, cmd := m.Update(press("ctrl+c"))
	if cmd == nil {
		t.Fatal("ctrl+c during the load does nothing")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("ctrl+c during the load does not quit")
	}
}

func TestQuit(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 80, 24)
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := m.Update(press(k))
		if cmd == nil {
			t.Fatalf("%s does nothing", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s does not quit", k)
		}
	}
}

func TestMouse(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	// Row 0 of the body is the 2020 heading; rows 1..4 are its events.
	m.Update(tea.MouseClickMsg{X: 5, Y: m.lay.bodyY + 3, Button: tea.MouseLeft})
	if got := selectedID(m); got != "emails" {
		t.Errorf("click selected %q, want emails", got)
	}
	m.Update(tea.MouseWheelMsg{X: 5, Y: m.lay.bodyY + 3, Button: tea.MouseWheelDown})
	if got := selectedID(m); got != "plot" {
		t.Errorf("wheel down selected %q, want plot", got)
	}
	// The strip: "2020 " then a cell per month from January 2020; 2026-02 is cell 73.
	m.Update(tea.MouseClickMsg{X: 5 + 73, Y: m.lay.bodyY - 1, Button: tea.MouseLeft})
	if got := selectedID(m); got != "talks" {
		t.Errorf("click on February 2026 in the strip selected %q, want talks", got)
	}
	m.Update(tea.MouseClickMsg{X: 5 + 54, Y: m.lay.bodyY - 1, Button: tea.MouseLeft}) // July 2024
	if got := selectedID(m); got != "plot" {
		t.Errorf("click on July 2024 in the strip selected %q, want plot", got)
	}
}

func TestBackgroundColourRestyles(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	dark := m.View().Content
	m.Update(tea.BackgroundColorMsg{Color: lightGrey{}})
	if m.styles.Dark {
		t.Fatal("a light background left the dark styles")
	}
	if m.View().Content == dark {
		t.Error("the screen did not change colour for a light background")
	}
	if ansi.Strip(m.View().Content) != ansi.Strip(dark) {
		t.Error("the text changed with the background")
	}
}

type lightGrey struct{}

func (lightGrey) RGBA() (r, g, b, a uint32) { return 0xeeee, 0xeeee, 0xeeee, 0xffff }

// TestBackgroundSearch checks the search of a large timeline, which runs beside the event
// loop: the result of an earlier keystroke arriving late is dropped, and enter applies
// what was typed even before its search answered.
func TestBackgroundSearch(t *testing.T) {
	tl := timelinetest.GenerateTimeline(asyncSearchFrom, 3)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	keys(m, "/")
	_, first := m.Update(press("r"))
	_, second := m.Update(press("e"))
	if len(listed(m)) != len(tl.Events) {
		t.Fatalf("the search ran in the event loop: %d events shown before any result", len(listed(m)))
	}
	if !strings.Contains(screen(m), "searching") {
		t.Errorf("nothing says a search is running:\n%s", screen(m))
	}
	deliver(m, second, 0)
	want, _ := tl.Filter(timeline.Filter{}.WithText("re"))
	if len(listed(m)) != len(want) || shownFilter(m).Text() != "re" {
		t.Fatalf("after the result of %q: %d events, filter %q; want %d", "re", len(listed(m)), shownFilter(m).Text(), len(want))
	}
	if strings.Contains(screen(m), "searching") {
		t.Errorf("still says searching after the result:\n%s", screen(m))
	}
	deliver(m, first, 0) // late
	if shownFilter(m).Text() != "re" || len(listed(m)) != len(want) {
		t.Errorf("a late result replaced the latest: filter %q, %d events", shownFilter(m).Text(), len(listed(m)))
	}
	m.Update(press("z"))
	m.Update(press("enter")) // before the result of "rez"
	want, _ = tl.Filter(timeline.Filter{}.WithText("rez"))
	if shownFilter(m).Text() != "rez" || len(listed(m)) != len(want) || len(m.session.history) != 1 {
		t.Errorf("enter: filter %q with %d events (want %d), history %d", shownFilter(m).Text(), len(listed(m)), len(want), len(m.session.history))
	}
}

// TestEmptyTimeline opens a timeline without events: every key must be harmless.
func TestEmptyTimeline(t *testing.T) {
	tl := timeline.New("Empty", "", nil, nil, nil)
	for _, sz := range [][2]int{{140, 40}, {80, 24}, {30, 6}} {
		m := newTestModel(t, tl, timeline.Filter{}, sz[0], sz[1])
		for _, k := range []string{"j", "k", "g", "G", "[", "]", "pgdown", "enter", "esc", "r", "f", "o", "y", "x", "backspace", "a", "space", "enter", "e", "esc", "?", "?"} {
			m.Update(press(k))
			checkFits(t, screen(m), sz[0], sz[1])
		}
		if !strings.Contains(screen(m), "0 of 0 events") && sz[0] >= 80 {
			t.Errorf("%dx%d:\n%s", sz[0], sz[1], screen(m))
		}
	}
}

// TestSearchHighlight checks that the words of the search stand out in the detail pane,
// whatever their case, and only while the search is on.
func TestSearchHighlight(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	keys(m, "/")
	typeText(m, "general")
	keys(m, "enter")
	if got := selectedID(m); got != "strike" {
		t.Fatalf("selected %q, want strike", got)
	}
	if !strings.Contains(m.View().Content, m.styles.DetailPaint.Match.Render("general")) {
		t.Errorf("the search word is not highlighted:\n%q", m.View().Content)
	}
	keys(m, "/")
	typeText(m, " us")
	keys(m, "enter")
	if !strings.Contains(m.View().Content, m.styles.DetailPaint.Match.Render("US")) {
		t.Errorf("the search word is not highlighted in the list's titles:\n%q", m.View().Content)
	}
	keys(m, "x") // the search goes
	if strings.Contains(m.View().Content, m.styles.DetailPaint.Match.pre) {
		t.Error("a highlight stayed after the search was removed")
	}
}

// TestEventOrder checks that the list's binary searches order events as the timeline
// does: every event is found where it is, so selections survive re-filtering.
func TestEventOrder(t *testing.T) {
	tl := timelinetest.GenerateTimeline(5000, 11)
	events, _ := tl.Filter(timeline.Filter{})
	for i, e := range events {
		if j := searchEvents(events, e); j != i {
			t.Fatalf("event %d (%s %s) found at %d", i, e.Date, e.ID, j)
		}
	}
	l := newList(&Styles{}, &keyMap{})
	l.SetEvents(events)
	for i := 0; i < len(events); i += 97 {
		e := events[i]
		if !l.Select(e) || l.Selected() != e {
			t.Fatalf("selectEvent(%s) did not select it", e.ID)
		}
	}
}

// TestTypeAhead keeps the keys typed while the timeline loads and handles them once it is
// shown: a search typed ahead is there, "q" inside it is a letter, not quit.
func TestTypeAhead(t *testing.T) {
	m := newModel(Options{Name: "small.toml"}, false)
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 40})
	m.Update(loadProgressMsg{done: 10, total: 100})
	for _, k := range []string{"/", "i", "r", "a", "q", "enter"} {
		if _, cmd := m.Update(press(k)); cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Fatalf("%q typed during the load quit", k)
			}
		}
	}
	m.Update(loadedMsg{t: loadSmall(t)})
	if m.focus != focusList || shownFilter(m).Text() != "iraq" {
		t.Fatalf("after the load: focus %v, search %q; want the search iraq kept", m.focus, shownFilter(m).Text())
	}
	if !strings.Contains(screen(m), `search “iraq”`) {
		t.Errorf("the typed-ahead search is not shown:\n%s", screen(m))
	}
}

// TestQuitWhileLoading: q alone during the load quits at once.
func TestQuitWhileLoading(t *testing.T) {
	m := newModel(Options{Name: "big.toml"}, false)
	m.Update(loadProgressMsg{done: 10, total: 100})
	_, cmd := m.Update(press("q"))
	if cmd == nil {
		t.Fatal("q during the load does nothing")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("q during the load does not quit")
	}
}
