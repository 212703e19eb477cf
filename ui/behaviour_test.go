package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// quietSystem points PATH at an empty folder, so that no opener or clipboard program is
// found, and BROWSER at a script that records the URL it is given in the returned file.
func quietSystem(t *testing.T) (opened string) {
	t.Helper()
	dir := t.TempDir()
	opened = filepath.Join(dir, "opened")
	script := filepath.Join(dir, "browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s' \"$1\" > '"+opened+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	t.Setenv("BROWSER", script)
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	return opened
}

// ends reports whether cmd, run, ends or suspends the program.
func ends(cmd tea.Cmd, want tea.Msg) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			if ends(c, want) {
				return true
			}
		}
	case tea.QuitMsg:
		_, ok := want.(tea.QuitMsg)
		return ok
	case tea.SuspendMsg:
		_, ok := want.(tea.SuspendMsg)
		return ok
	}
	return false
}

// TestInterruptAndSuspendEverywhere: ctrl+c quits at once and ctrl+z suspends, whatever
// has the keyboard; in the note editor with words not saved, ctrl+c quits on the second
// press (TestInterruptKeepsAnUnsavedNote).
func TestInterruptAndSuspendEverywhere(t *testing.T) {
	quietSystem(t)
	for _, fs := range everyFocus(t, "hack") {
		for _, c := range []struct {
			key  string
			want tea.Msg
		}{{"ctrl+c", tea.QuitMsg{}}, {"ctrl+z", tea.SuspendMsg{}}} {
			m := newTestModel(t, loadSmall(t), timeline.Filter{}, 120, 30)
			fs.do(m)
			if c.key == "ctrl+c" && m.focus == focusNote && m.note.changed() {
				m.Update(press(c.key)) // held once: the note is not saved
			}
			_, cmd := m.Update(press(c.key))
			if !ends(cmd, c.want) {
				t.Errorf("%s in focus %s does not give %T", c.key, fs.name, c.want)
			}
		}
	}
}

// snapshot is what a reader can tell apart on screen and in the status line.
func snapshot(m *Model) string {
	return screen(m) + "\x00" + m.status
}

// TestEveryKeyAnswers presses every printable key and the usual special ones in the list
// and in the detail: each one acts, or says why it does not.
func TestEveryKeyAnswers(t *testing.T) {
	quietSystem(t)
	var names []string
	for c := byte('!'); c <= '~'; c++ {
		names = append(names, string(c))
	}
	names = append(names, "space", "enter", "tab", "shift+tab", "esc", "backspace", "delete", "up", "down",
		"left", "right", "pgup", "pgdown", "home", "end")
	for c := byte('a'); c <= 'z'; c++ {
		names = append(names, "ctrl+"+string(c))
	}
	for _, start := range []struct {
		name string
		keys []string
	}{{"list", []string{"j"}}, {"detail", []string{"j", "enter"}}, {"list at the top", nil}} {
		for _, k := range names {
			m := newTestModel(t, loadSmall(t), timeline.Filter{}, 120, 30)
			keys(m, start.keys...)
			m.status = ""
			before := snapshot(m)
			_, cmd := m.Update(press(k))
			if ends(cmd, tea.QuitMsg{}) || ends(cmd, tea.SuspendMsg{}) {
				continue
			}
			run(m, cmd)
			if snapshot(m) == before {
				t.Errorf("%s: %s neither acts nor says why", start.name, k)
			}
		}
	}
}

// TestSearchRecall: ↑ in the search brings back earlier searches, ↓ returns.
func TestSearchRecall(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 120, 30)
	for _, q := range []string{"iran", "hack"} {
		keys(m, "/")
		typeText(m, q)
		keys(m, "enter")
	}
	keys(m, "/")
	if got := promptValue(m); got != "hack" || !m.search.selected {
		t.Fatalf("reopened search %q, selected %v; want hack, selected", got, m.search.selected)
	}
	keys(m, "up")
	if got := promptValue(m); got != "iran" {
		t.Errorf("↑ gives %q, want iran", got)
	}
	keys(m, "down")
	if got := promptValue(m); got != "hack" {
		t.Errorf("↓ gives %q, want hack", got)
	}
	keys(m, "right", "backspace", "backspace", "backspace", "backspace")
	typeText(m, "iran")
	keys(m, "enter")
	if got := shownFilter(m).Text(); got != "iran" {
		t.Errorf("after editing: search %q, want iran", got)
	}
}

// TestPickerCounts: each value shows the events it would keep under the other filters,
// and actors their kind and description.
func TestPickerCounts(t *testing.T) {
	r, _ := timeline.ParseRange("2026")
	m := newTestModel(t, embedded(t), timeline.Filter{}.WithDates(r), 140, 40)
	keys(m, "a")
	want := map[string]int{}
	for _, a := range m.t.Actors {
		events, _ := m.t.Filter(timeline.Filter{}.WithDates(r).With(timeline.ActorFilter, a.ID))
		want[a.ID] = len(events)
	}
	for _, i := range m.picker.shown {
		it := m.picker.items[i]
		if it.count != want[it.id] {
			t.Errorf("%s: count %d, want %d", it.id, it.count, want[it.id])
		}
	}
	typeText(m, "routh")
	if scr := screen(m); !strings.Contains(scr, "Ryan Routh  person · Man convicted") {
		t.Errorf("Routh's row lacks his kind and description:\n%s", scr)
	}
}

// TestPickerToggles: tab toggles values, enter applies them; untoggling every value
// removes the kind; esc leaves the filter as it was.
func TestPickerToggles(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	keys(m, "a", "tab", "down", "tab", "enter")
	if got := shownFilter(m).Values(timeline.ActorFilter); len(got) != 2 {
		t.Fatalf("two toggled: actors %q", got)
	}
	keys(m, "a", "tab", "down", "tab", "enter")
	if got := shownFilter(m).Values(timeline.ActorFilter); len(got) != 0 {
		t.Errorf("both untoggled: actors %q, want none", got)
	}
	keys(m, "a")
	typeText(m, "micro")
	if got := len(listed(m)); got != 2 {
		t.Errorf("typing micro previews %d events, want Microsoft's 2", got)
	}
	keys(m, "esc")
	if got := len(listed(m)); got != 9 || !shownFilter(m).IsZero() {
		t.Errorf("esc: %d events, filter %+v; want all 9 and no filter", got, shownFilter(m))
	}
	keys(m, "a")
	typeText(m, "zzz")
	keys(m, "enter")
	if m.focus != focusPicker || !strings.Contains(m.status, "Nothing matches") {
		t.Errorf("enter on no match: focus %v, status %q", m.focus, m.status)
	}
}

// TestNoColorMarks: without colour, each theme has a letter of its own, in the list and
// in the help's legend.
func TestNoColorMarks(t *testing.T) {
	tl := loadSmall(t)
	m := newModel(Options{Name: "small.toml"}, true)
	m.Update(loadedMsg{t: tl})
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 60})
	keys(m, "j", "j") // emails: US elections and Cyber operations
	if row := selectedRow(m); !strings.Contains(row, "uc  ✓") {
		t.Errorf("the row's marks are not the themes' letters: %q", row)
	}
	keys(m, "?")
	help := overlayText(m)
	for _, want := range []string{"c Cyber operations", "u US elections", "d Diplomacy and talks"} {
		if !strings.Contains(help, want) {
			t.Errorf("the legend lacks %q:\n%s", want, help)
		}
	}
}

// selectedRow is the list's selected row, as text.
func selectedRow(m *Model) string {
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.HasPrefix(l, "▌") {
			return l
		}
	}
	return ""
}

// TestAbout shows the timeline's title, description, dates and counts.
func TestAbout(t *testing.T) {
	m := newTestModel(t, embedded(t), timeline.Filter{}, 120, 40)
	keys(m, "i")
	about := strings.Join(strings.Fields(overlayText(m)), " ")
	sources := 0
	for _, e := range m.t.Events {
		sources += len(e.Sources)
	}
	first, last := m.t.Span()
	for _, want := range []string{
		"Iran, Trump and the US election, 2020-2026",
		"Every event is sourced from five news reports",
		first.Long() + " to " + last.Long(),
		strconv.Itoa(len(m.t.Events)) + " events · " + strconv.Itoa(len(m.t.Actors)) + " actors · " +
			strconv.Itoa(len(m.t.Themes)) + " themes · " + strconv.Itoa(sources) + " sources",
	} {
		if !strings.Contains(about, want) {
			t.Errorf("about lacks %q:\n%s", want, about)
		}
	}
	keys(m, "esc")
	if m.focus != focusList {
		t.Errorf("esc from about: focus %v", m.focus)
	}
}

// TestDateStyles: the list writes dates one way, the detail another, each throughout.
func TestDateStyles(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	scr := screen(m)
	for _, want := range []string{"2020-01-03", "2024-06 ", "2026-02 "} {
		if !strings.Contains(scr, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	if strings.Contains(scr, "Jun 2024") {
		t.Error("the list mixes date styles")
	}
	keys(m, "G", "k", "k") // hack: related phishing, June 2024; sources of August 2024
	detail := strings.Join(detailLines(m), "\n")
	for _, want := range []string{"10 August 2024", "→ June 2024 —", "11 August 2024"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the detail lacks %q:\n%s", want, detail)
		}
	}
}

// TestExportKeysStayInTheExport: keys typed after an export is cancelled or done go where
// the screen says, and e starts afresh.
func TestExportKeysStayInTheExport(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	keys(m, "e", "esc", "a")
	if m.focus != focusPicker {
		t.Fatalf("a after a cancelled export: focus %v", m.focus)
	}
	keys(m, "esc", "e")
	if got := promptValue(m); got != "tlx-timeline.md" {
		t.Errorf("e again: name %q, want the default", got)
	}
	setPrompt(m, filepath.Join(t.TempDir(), "one.md"))
	keys(m, "enter", "e")
	if got := promptValue(m); got != "tlx-timeline.md" || m.focus != focusExportName {
		t.Errorf("e after an export: name %q, focus %v", got, m.focus)
	}
}

// TestOpenByNumber: with several sources with a link, o asks which, by number; in the
// detail, o opens the source selected.
func TestOpenByNumber(t *testing.T) {
	opened := quietSystem(t)
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	keys(m, "G", "k", "k", "o") // hack
	if m.focus != focusSource || !strings.Contains(screen(m), "Open which source? 1 Wire Service · 2 Example News") {
		t.Fatalf("o on two links: focus %v\n%s", m.focus, screen(m))
	}
	keys(m, "3")
	if m.focus != focusSource || !strings.Contains(m.status, "Source 3 has no web link") {
		t.Errorf("3: focus %v, status %q", m.focus, m.status)
	}
	keys(m, "2")
	waitFile(t, opened, "https://example.com/hack-blamed")
	if !strings.Contains(m.status, "source 2 (Example News)") {
		t.Errorf("status %q", m.status)
	}
	os.Remove(opened)
	keys(m, "enter", ">", ">", ">", "o") // related, source 1, source 2
	waitFile(t, opened, "https://example.com/hack-blamed")
}

// fakeClipboard puts an xclip on PATH, alone, that writes what it is given to the file
// whose path it returns, and makes the session look like X11's.
func fakeClipboard(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	got := filepath.Join(dir, "clipboard")
	if err := os.WriteFile(filepath.Join(dir, "xclip"), []byte("#!/bin/sh\nexec /bin/cat > '"+got+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv("DISPLAY", ":0")
	t.Setenv("WAYLAND_DISPLAY", "")
	return got
}

// TestCopyWithProgram: y puts the event on the clipboard through a clipboard program
// when there is one, as the export writes it, and says so.
func TestCopyWithProgram(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses xclip's name")
	}
	got := fakeClipboard(t)
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	keys(m, "y")
	want := export.EventMarkdown(m.t, m.shown())
	waitFile(t, got, want)
	if !strings.HasPrefix(m.status, "Copied “Iran seeks retaliation for the strike” as Markdown with xclip") ||
		!strings.Contains(m.status, "OSC 52") {
		t.Errorf("status %q", m.status)
	}
}

// TestOwnActorsSays: f with one actor says what the list keeps now; f again says it
// already does.
func TestOwnActorsSays(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	keys(m, "j", "j", "f")
	if !strings.Contains(m.status, "actor Iran") || !strings.Contains(m.status, "undoes") {
		t.Errorf("f says %q", m.status)
	}
	keys(m, "f")
	if !strings.Contains(m.status, "already") {
		t.Errorf("f again says %q", m.status)
	}
	keys(m, "backspace")
	if !shownFilter(m).IsZero() {
		t.Errorf("backspace left %+v", shownFilter(m))
	}
}

// TestHugeTextIsBounded opens an event whose title, summary and quote are each a single
// word of a megabyte: the frame is drawn, fits, says that text was left out, and costs
// what is shown, not what is in the file.
func TestHugeTextIsBounded(t *testing.T) {
	word := strings.Repeat("x", 1<<20)
	tl := timeline.New("Huge", "", nil, nil, []timeline.Event{
		{ID: "a", Date: timeline.MustWhen("2024-01-01"), Title: "short", Sources: []timeline.Source{{Publisher: "p"}}},
		{ID: "b", Date: timeline.MustWhen("2024-02-01"), Title: word, Summary: word,
			Sources: []timeline.Source{{Publisher: word, Quote: word, URL: "https://example.com/" + word}}},
	})
	m := newTestModel(t, tl, timeline.Filter{}, 120, 40)
	m.View()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	keys(m, "j", "enter")
	out := m.View().Content
	runtime.ReadMemStats(&after)
	checkFits(t, screen(m), 120, 40)
	if !strings.Contains(strings.Join(detailLines(m), "\n"), "too long to show") {
		t.Error("nothing says the text was cut")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("showing the event allocated %d MB: the whole text is being copied", n>>20)
	}
	if len(out) > 1<<20 {
		t.Errorf("the frame is %d bytes", len(out))
	}
	if !slices.Contains([]focus{focusDetail}, m.focus) {
		t.Errorf("focus %v", m.focus)
	}
}

// TestPlaceAndPublisherPickers: the kinds of filter timeline's table adds have pickers of
// their own, with the same behaviour as the others.
func TestPlaceAndPublisherPickers(t *testing.T) {
	tl := embedded(t)
	for _, c := range []struct {
		key, title string
		kind       timeline.FilterKind
	}{{"w", "Places", timeline.LocationFilter}, {"p", "Publishers", timeline.PublisherFilter}} {
		m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
		keys(m, c.key)
		if m.focus != focusPicker || !strings.Contains(screen(m), c.title) {
			t.Fatalf("%s: focus %v\n%s", c.key, m.focus, screen(m))
		}
		values := tl.Values(c.kind)
		if len(values) == 0 || len(m.picker.items) != len(values) {
			t.Fatalf("%s offers %d values, the timeline has %d", c.title, len(m.picker.items), len(values))
		}
		first := m.picker.items[m.picker.shown[0]]
		typeText(m, first.name)
		keys(m, "enter")
		want := timeline.Filter{}.With(c.kind, first.id)
		if !shownFilter(m).Equal(want) {
			t.Errorf("%s: filter %s, want %s", c.title, shownFilter(m), want)
		}
		if ids, exp := eventIDs(m), mustFilter(t, tl, want); !slices.Equal(ids, exp) || len(ids) != first.count {
			t.Errorf("%s %q: %d events, want %d (the count shown was %d)", c.title, first.name, len(ids), len(exp), first.count)
		}
		if !strings.Contains(screen(m), first.name) {
			t.Errorf("the chip does not name %q:\n%s", first.name, screen(m))
		}
	}
}
