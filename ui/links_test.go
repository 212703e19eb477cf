package ui

import (
	"fmt"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// linkTimeline is a timeline of one event whose only source has the URL u.
func linkTimeline(u string) *timeline.Timeline {
	return timeline.New("Links", "", nil, nil, []timeline.Event{
		{ID: "a", Date: timeline.MustWhen("2024-01-01"), Title: "A", Sources: []timeline.Source{{Publisher: "P", URL: u}}},
	})
}

// hyperlinks returns the targets of the terminal hyperlinks (OSC 8) in a frame.
func hyperlinks(frame string) []string {
	var out []string
	for _, m := range regexp.MustCompile("\x1b]8;[^;\x07]*;([^\x07\x1b]*)\x07").FindAllStringSubmatch(frame, -1) {
		if m[1] != "" {
			out = append(out, m[1])
		}
	}
	return out
}

// A URL of half a megabyte is shown on a few lines ending in "…", is neither linked nor
// opened, and drawing it costs what is shown: each hyperlinked piece used to carry the
// whole URL, cut at 4 KB, which was then a broken link.
func TestHugeURLIsBounded(t *testing.T) {
	opened := quietSystem(t)
	huge := "https://example.com/" + strings.Repeat("y", 500<<10)
	for _, w := range []int{80, 140} {
		m := newTestModel(t, linkTimeline(huge), timeline.Filter{}, w, 40)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		keys(m, "enter")
		frame := m.View().Content
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > 2<<20 {
			t.Errorf("%d wide: showing the event allocated %d KB", w, n>>10)
		}
		if len(frame) > 32<<10 {
			t.Errorf("%d wide: the frame is %d bytes", w, len(frame))
		}
		if links := hyperlinks(frame); len(links) > 0 {
			t.Errorf("%d wide: a URL too long to open is linked (%d bytes)", w, len(links[0]))
		}
		var urlLines []string
		for _, l := range detailLines(m) {
			if strings.Contains(ansi.Strip(l), "yyyy") {
				urlLines = append(urlLines, ansi.Strip(l))
			}
		}
		if len(urlLines) != maxURLLines || !strings.HasSuffix(urlLines[len(urlLines)-1], "…") {
			t.Errorf("%d wide: the URL takes %d lines, the last %q; want %d ending in …", w, len(urlLines), urlLines[len(urlLines)-1], maxURLLines)
		}
		do(m, "o")
		if st := statusOf(m); !strings.Contains(st, "too long to open") {
			t.Errorf("%d wide: o says %q", w, st)
		}
		if _, err := os.Stat(opened); err == nil {
			t.Errorf("%d wide: the browser was started on a URL of %d bytes", w, len(huge))
		}
	}
}

// A URL over several lines links every piece to the whole URL, once per piece, with one
// id, so that a terminal underlines it as one link.
func TestLongURLPiecesShareOneLink(t *testing.T) {
	u := "https://example.com/" + strings.Repeat("abcdefgh/", 20)
	m := newTestModel(t, linkTimeline(u), timeline.Filter{}, 80, 40)
	keys(m, "enter")
	frame := m.View().Content
	links := hyperlinks(frame)
	if len(links) < 2 {
		t.Fatalf("the URL is in %d linked pieces; want several", len(links))
	}
	for _, l := range links {
		if l != u {
			t.Errorf("a piece links to %q, want the whole URL", l)
		}
	}
	if n := strings.Count(frame, "\x1b]8;id=tlx-source-1;"); n != len(links) {
		t.Errorf("%d of %d pieces carry the link's id", n, len(links))
	}
}

// What the reader sees of a URL is timeline.DisplayURL (a look-alike host in punycode);
// what a link points to and what the browser is given is timeline.LinkTarget
// (percent-encoded).
func TestURLShownAndLinkedByTimelinesRule(t *testing.T) {
	opened := quietSystem(t)
	u := "https://exаmple.com/a b(c)" // a Cyrillic "а" in the host
	m := newTestModel(t, linkTimeline(u), timeline.Filter{}, 140, 40)
	keys(m, "enter")
	frame := m.View().Content
	text := ansi.Strip(frame)
	if shown := timeline.DisplayURL(u); !strings.Contains(text, shown) || strings.Contains(text, "exаmple.com") {
		t.Errorf("the detail does not show %q, or shows the look-alike host:\n%s", shown, text)
	}
	target := timeline.LinkTarget(u)
	if links := hyperlinks(frame); len(links) != 1 || links[0] != target {
		t.Errorf("links %q, want [%q]", links, target)
	}
	do(m, "o")
	waitFile(t, opened, target)
}

// A URL that is not http or https is shown but neither linked nor opened.
func TestUnsafeURLIsNotALink(t *testing.T) {
	opened := quietSystem(t)
	m := newTestModel(t, linkTimeline("file:///etc/passwd"), timeline.Filter{}, 140, 40)
	keys(m, "enter")
	frame := m.View().Content
	if links := hyperlinks(frame); len(links) > 0 {
		t.Errorf("linked: %q", links)
	}
	if !strings.Contains(ansi.Strip(frame), "file:///etc/passwd") {
		t.Error("the URL is not shown")
	}
	do(m, "o")
	if st := statusOf(m); !strings.Contains(st, "No source of this event has a web link") {
		t.Errorf("o says %q", st)
	}
	if _, err := os.Stat(opened); err == nil {
		t.Error("the browser was started")
	}
}

// Copying an event longer than a terminal takes through OSC 52 does not send it there,
// and says so.
func TestCopyTooLongForTheTerminal(t *testing.T) {
	quietSystem(t)
	tl := timeline.New("Long", "", nil, nil, []timeline.Event{
		{ID: "a", Date: timeline.MustWhen("2024-01-01"), Title: "A", Summary: strings.Repeat("word ", 40<<10)},
	})
	m := newTestModel(t, tl, timeline.Filter{}, 140, 40)
	_, cmd := m.Update(press("y"))
	if msgs := collect(cmd); slices.ContainsFunc(msgs, func(msg tea.Msg) bool { return fmt.Sprintf("%T", msg) == "tea.setClipboardMsg" }) {
		t.Error("a 200 KB event was sent to the terminal's clipboard")
	}
	do(m, "y")
	if st := statusOf(m); !strings.Contains(st, "too long for the terminal") {
		t.Errorf("y says %q", st)
	}
}

// collect runs cmd and returns the messages it gives, batches flattened, without handing
// them to a model.
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := subCmds(msg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, collect(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
