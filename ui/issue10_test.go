package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// The tests in this file are the symptoms listed at the top of issue 10, each as the
// exact sequence a user typed; every one failed on the explorer before its redesign.

func embedded(t testing.TB) *timeline.Timeline {
	t.Helper()
	tl, err := timeline.Open(data.Name, data.Timeline)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func idsOf(events []*timeline.Event) []string {
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	return ids
}

func mustFilter(t testing.TB, tl *timeline.Timeline, f timeline.Filter) []string {
	t.Helper()
	events, err := tl.Filter(f)
	if err != nil {
		t.Fatal(err)
	}
	return idsOf(events)
}

// footer is the last line of the screen.
func footer(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-1]
}

// `a`, type `routh`, `enter`: the highlighted actor is applied.
func TestIssue10PickerEnterAppliesHighlighted(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	do(m, "a")
	typeText(m, "routh")
	do(m, "enter")
	if got := shownFilter(m).Values(timeline.ActorFilter); !slices.Equal(got, []string{"routh"}) {
		t.Fatalf("a routh enter: actors %q, want [routh]", got)
	}
	if got, want := eventIDs(m), mustFilter(t, tl, timeline.Filter{}.With(timeline.ActorFilter, "routh")); !slices.Equal(got, want) {
		t.Errorf("events %q, want Routh's %q", got, want)
	}
	if focusOf(m) != "list" {
		t.Errorf("focus %s after enter, want the list", focusOf(m))
	}
}

// `a`, type `Donald T`, toggle, enter: a name with a space can be typed.
func TestIssue10PickerTypesSpaces(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	do(m, "a")
	typeText(m, "Donald T")
	if got := pickerQuery(m); got != "Donald T" {
		t.Errorf("the picker's input holds %q, want Donald T", got)
	}
	do(m, "tab")
	if !strings.Contains(screen(m), "[x] Donald Trump") {
		t.Errorf("tab did not toggle Donald Trump:\n%s", screen(m))
	}
	do(m, "enter")
	if got := shownFilter(m).Values(timeline.ActorFilter); !slices.Equal(got, []string{"trump"}) {
		t.Fatalf("a \"Donald T\" tab enter: actors %q, want [trump]", got)
	}
}

// In a picker the arrows and ctrl+n/ctrl+p move; letters narrow.
func TestIssue10PickerArrowsMove(t *testing.T) {
	tl := loadSmall(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	do(m, "a")
	typeText(m, "i") // Iran, Microsoft, Donald Trump... every name with an i
	do(m, "down", "ctrl+n", "ctrl+p", "enter")
	got := shownFilter(m).Values(timeline.ActorFilter)
	if len(got) != 1 || got[0] == "iran" {
		t.Errorf("a i down ctrl+n ctrl+p enter: actors %q, want the second actor with an i", got)
	}
}

// `/hacking` finds the events of the Cyber theme, whose alias it is.
func TestIssue10SearchThemeAlias(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	do(m, "/")
	typeText(m, "hacking")
	do(m, "enter")
	got := eventIDs(m)
	for _, id := range mustFilter(t, tl, timeline.Filter{}.With(timeline.ThemeFilter, "cyber")) {
		if !slices.Contains(got, id) {
			t.Errorf("/hacking misses %s, a Cyber event (got %d events)", id, len(got))
		}
	}
}

// `tab` opens the detail and `tab` comes back; h, ←, l and → too.
func TestIssue10FocusKeys(t *testing.T) {
	for _, size := range [][2]int{{140, 40}, {80, 24}} {
		m := newTestModel(t, loadSmall(t), timeline.Filter{}, size[0], size[1])
		for _, step := range []struct{ key, want string }{
			{"tab", "detail"}, {"tab", "list"}, {"l", "detail"}, {"h", "list"},
			{"right", "detail"}, {"left", "list"}, {"enter", "detail"}, {"esc", "list"},
		} {
			do(m, step.key)
			if got := focusOf(m); got != step.want {
				t.Errorf("%dx%d: after %s focus is %s, want %s", size[0], size[1], step.key, got, step.want)
			}
		}
	}
}

// ctrl+d, ctrl+u and space page the list.
func TestIssue10ListPaging(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	first := shownEvent(m)
	do(m, "ctrl+d")
	half := shownEvent(m)
	if half == first {
		t.Fatal("ctrl+d did not move the list")
	}
	do(m, "ctrl+u")
	if shownEvent(m) != first {
		t.Errorf("ctrl+u did not come back to %s", first.ID)
	}
	do(m, "space")
	if e := shownEvent(m); e == first || e == half {
		t.Errorf("space did not page the list")
	}
}

// Reopening `/` replaces the last query rather than appending to it.
func TestIssue10SearchReopenReplaces(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	do(m, "/")
	typeText(m, "routh")
	do(m, "enter", "/")
	typeText(m, "trial")
	do(m, "enter")
	if got := shownFilter(m).Text(); got != "trial" {
		t.Fatalf("/routh enter /trial enter: search %q, want trial", got)
	}
	if len(listed(m)) == 0 {
		t.Error("trial finds nothing")
	}
}

// The search prompt shows its keys once, not two hints at once.
func TestIssue10SearchOneHint(t *testing.T) {
	m := newTestModel(t, embedded(t), timeline.Filter{}, 140, 40)
	do(m, "/")
	if n := strings.Count(screen(m), "esc"); n != 1 {
		t.Errorf("the search shows esc %d times:\n%s", n, screen(m))
	}
}

// `o` is offered only for an event with a link.
func TestIssue10OpenOfferedOnlyWithLink(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	do(m, "j") // strike: a link
	if !strings.Contains(footer(m), "open") {
		t.Errorf("an event with a link does not offer o: %q", footer(m))
	}
	do(m, "j") // emails: no link
	if strings.Contains(footer(m), "open") {
		t.Errorf("an event without a link offers o: %q", footer(m))
	}
	do(m, "o")
	if statusOf(m) == "" {
		t.Error("o on an event without a link says nothing")
	}
}

// Without an opener, `o` says so in a plain sentence.
func TestIssue10OpenWithoutOpener(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("BROWSER", "")
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	do(m, "j", "o")
	st := statusOf(m)
	if st == "" || strings.Contains(st, "exec:") || strings.Contains(st, "$PATH") {
		t.Errorf("o without an opener: %q", st)
	}
}

// `o` honours $BROWSER and says which source it opened.
func TestIssue10OpenHonoursBrowser(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "opened")
	script := filepath.Join(dir, "browser")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+out+"\n"), 0o755)
	t.Setenv("BROWSER", script)
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	do(m, "j", "o")
	waitFile(t, out, "https://example.com/strike")
	if st := statusOf(m); !strings.Contains(st, "source 1") || !strings.Contains(st, "Example News") {
		t.Errorf("o says %q; want which source it opened", st)
	}
}

// `y` says truthfully how it copied, and copies the event as the export writes it.
func TestIssue10CopyTruthful(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no clipboard tool
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	do(m, "y")
	st := statusOf(m)
	if !strings.Contains(st, "terminal") || strings.HasPrefix(st, "Copied") {
		t.Errorf("y says %q; want how it copied, through the terminal, without claiming it arrived", st)
	}
	if md := export.EventMarkdown(m.t, shownEvent(m)); strings.Contains(md, "not in this export") {
		t.Errorf("the copied Markdown says \"not in this export\":\n%s", md)
	}
}

// Related events are selectable: r selects one, enter follows it, b comes back.
func TestIssue10RelatedJumpAndBack(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	// retaliation, first, is related to strike and plot.
	do(m, "r", "r", "enter")
	if got := shownEvent(m).ID; got != "plot" {
		t.Fatalf("r r enter shows %s, want plot", got)
	}
	do(m, "b")
	if got := shownEvent(m).ID; got != "retaliation" {
		t.Errorf("b shows %s, want retaliation", got)
	}
}

// A related event the filter hides can still be opened.
func TestIssue10RelatedHiddenIsNoDeadEnd(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}.With(timeline.ActorFilter, "microsoft"), 140, 40)
	do(m, "j") // phishing, related to hack, which the filter hides
	do(m, "r", "enter")
	if e := shownEvent(m); e == nil || e.ID != "hack" {
		t.Fatalf("r enter on a hidden related event shows %v, want hack", e)
	}
	if !strings.Contains(strings.ToLower(screen(m)), "hidden by the filters") {
		t.Errorf("nothing says the filters hide it:\n%s", screen(m))
	}
}

// `f` with several actors asks which one, on just those actors.
func TestIssue10OwnActorsAsks(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	for shownEvent(m).ID != "soleimani-strike" {
		do(m, "j")
	}
	do(m, "f")
	if focusOf(m) != "picker" || len(listed(m)) != len(tl.Events) {
		t.Fatalf("f on the Soleimani strike: focus %s, %d events; want the actor picker and the filter unchanged", focusOf(m), len(listed(m)))
	}
	got := pickerNames(m)
	slices.Sort(got)
	if want := []string{"Donald Trump", "Iran", "Qassem Soleimani", "United States"}; !slices.Equal(got, want) {
		t.Errorf("the picker offers %q, want the event's actors %q", got, want)
	}
	typeText(m, "Trump")
	do(m, "enter")
	if got := shownFilter(m).Values(timeline.ActorFilter); !slices.Equal(got, []string{"trump"}) {
		t.Errorf("actors %q, want [trump]", got)
	}
}

// `f` with one actor filters to it.
func TestIssue10OwnActorsOne(t *testing.T) {
	tl := loadSmall(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	do(m, "j", "j") // emails: Iran alone
	do(m, "f")
	if got := shownFilter(m).Values(timeline.ActorFilter); !slices.Equal(got, []string{"iran"}) {
		t.Errorf("f on a one-actor event: actors %q, want [iran]", got)
	}
}

// At 80 columns the footer keeps `? help` and `q quit`, whatever has focus.
func TestIssue10FooterKeepsHelpAndQuit(t *testing.T) {
	m := newTestModel(t, embedded(t), timeline.Filter{}, 80, 24)
	for _, k := range []string{"", "enter"} {
		if k != "" {
			do(m, k)
		}
		f := footer(m)
		if !strings.Contains(f, "? help") || !strings.Contains(f, "q quit") {
			t.Errorf("focus %s: footer %q lacks ? help or q quit", focusOf(m), f)
		}
	}
}

// `?` explains the status marks, the span mark and the theme marks.
func TestIssue10HelpLegends(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 60)
	do(m, "?")
	scr := overlayText(m)
	for _, want := range []string{"✓ confirmed", "· reported", "? alleged", "± disputed", "✗ denied", "◷ scheduled", "→", "Cyber operations"} {
		if !strings.Contains(scr, want) {
			t.Errorf("help lacks %q:\n%s", want, scr)
		}
	}
}

// Theme marks and the status mark are apart.
func TestIssue10MarksSeparated(t *testing.T) {
	m := newTestModel(t, embedded(t), timeline.Filter{}, 140, 40)
	for shownEvent(m).ID != "microsoft-report" {
		do(m, "j")
	}
	if strings.Contains(screen(m), "●●●✓") {
		t.Errorf("three theme dots run into the status mark:\n%s", screen(m))
	}
}

// The timeline's description and the actors' kinds and descriptions are shown.
func TestIssue10Descriptions(t *testing.T) {
	tl := embedded(t)
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	do(m, "?")
	if !strings.Contains(screen(m), "Iran's confrontation with Donald Trump") {
		t.Errorf("? does not show the timeline's description:\n%s", screen(m))
	}
	do(m, "esc", "a")
	typeText(m, "routh")
	if scr := screen(m); !strings.Contains(scr, "person") || !strings.Contains(scr, "Man convicted") {
		t.Errorf("the actor picker lacks Routh's kind and description:\n%s", scr)
	}
}

// The list takes the width its titles need, up to a fair share.
func TestIssue10ListWidth(t *testing.T) {
	tl := embedded(t)
	title := "Ryan Routh tries to kill Trump on a Florida golf course"
	for _, w := range []int{120, 200} {
		m := newTestModel(t, tl, timeline.Filter{}, w, 40)
		for shownEvent(m).ID != "routh-assassination-attempt" {
			do(m, "j")
		}
		var list strings.Builder
		for _, l := range strings.Split(screen(m), "\n") {
			left, _, _ := strings.Cut(l, "│")
			list.WriteString(left + "\n")
		}
		scr := list.String()
		want := title
		if w == 120 {
			want = title[:40] // beside a date column as wide as "2024-07..08-11"
		}
		if !strings.Contains(scr, want) {
			t.Errorf("%d columns: the list cuts %q shorter than %q:\n%s", w, title, want, scr)
		}
	}
}

// `~` in the export prompt is the home folder, and the message gives the absolute path.
func TestIssue10ExportTilde(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	do(m, "e")
	setPrompt(m, "~/x.md")
	do(m, "enter")
	path := filepath.Join(home, "x.md")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("~/x.md: %v; status %q", err, statusOf(m))
	}
	if st := statusOf(m); !strings.Contains(st, path) {
		t.Errorf("status %q lacks the absolute path %s", st, path)
	}
}

// After `n` to the overwrite question, the prompt is back with the name selected.
func TestIssue10ExportAfterNo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.md")
	os.WriteFile(path, []byte("mine"), 0o644)
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	do(m, "e")
	setPrompt(m, path)
	do(m, "enter", "n")
	if focusOf(m) != "export name" || promptValue(m) != path {
		t.Fatalf("after n: focus %s, name %q", focusOf(m), promptValue(m))
	}
	typeText(m, "y.md") // the name is selected: typing replaces it
	if got := promptValue(m); got != "y.md" {
		t.Errorf("typing after n gives %q, want y.md", got)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Errorf("the file was replaced: %q", b)
	}
}

// waitFile waits for a file a child process writes, and checks what it holds.
func waitFile(t *testing.T, path, want string) {
	t.Helper()
	for range 500 {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			if string(b) != want {
				t.Errorf("%s holds %q, want %q", path, b, want)
			}
			return
		}
		sleepBriefly()
	}
	t.Errorf("%s was not written", path)
}

var _ = ansi.Strip
