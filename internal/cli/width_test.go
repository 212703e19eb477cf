package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
)

// TestListFitsTerminal: on a terminal, tlx list and tlx sources cut long titles with …
// to the terminal's width, one event a line, instead of the terminal wrapping them
// mid-word (F21 of tryout3). Piped (width 0), titles stay whole.
func TestListFitsTerminal(t *testing.T) {
	tl, err := timeline.Open("timeline.toml", data.Timeline)
	if err != nil {
		t.Fatal(err)
	}
	events := make([]*timeline.Event, len(tl.Events))
	for i := range tl.Events {
		events[i] = &tl.Events[i]
	}
	may := func(e *timeline.Event) bool { return e.Date.IsWindow() }
	for _, c := range []struct {
		name  string
		write func(w *bytes.Buffer, width int) error
	}{
		{"list", func(w *bytes.Buffer, width int) error { return writeList(w, events, may, width) }},
		{"sources", func(w *bytes.Buffer, width int) error {
			return writeSources(w, timeline.Publishers(events), width)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var whole bytes.Buffer
			if err := c.write(&whole, 0); err != nil {
				t.Fatal(err)
			}
			long := 0
			for _, l := range strings.Split(strings.TrimSuffix(whole.String(), "\n"), "\n") {
				if ansi.StringWidth(l) > 80 {
					long++
				}
			}
			if long == 0 || strings.Contains(whole.String(), "…") {
				t.Fatalf("piped: %d lines over 80 columns, want some, and no title cut", long)
			}
			for _, width := range []int{80, 100} {
				var out bytes.Buffer
				if err := c.write(&out, width); err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
				if n := strings.Count(whole.String(), "\n"); len(lines) != n {
					t.Fatalf("width %d: %d lines, want %d", width, len(lines), n)
				}
				cut := 0
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > width {
						t.Errorf("width %d: a line of %d columns: %q", width, w, l)
					}
					if strings.Contains(l, "…") {
						cut++
					}
				}
				if cut == 0 {
					t.Errorf("width %d: no title cut", width)
				}
			}
		})
	}
	if termWidth(&bytes.Buffer{}) != 0 {
		t.Error("a buffer has a terminal's width")
	}
	if got := fitTitle("a title", 70, 0, 72); got != "a title" {
		t.Errorf("a title on a terminal too narrow is cut to %q, want at least %d columns of it", got, minTitle)
	}
}
