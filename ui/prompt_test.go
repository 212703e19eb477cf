package ui

import (
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestPromptShowsWholeValue opens the export prompt after the date prompt, whose hint made
// the input narrow: the default file name must show whole, not scrolled past its start.
func TestPromptShowsWholeValue(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 120, 30)
	keys(m, "d")
	typeText(m, "2024..")
	keys(m, "enter", "/")
	typeText(m, "a rather long search")
	keys(m, "enter", "e")
	name := promptValue(m)
	if !strings.HasPrefix(name, "tlx-") {
		t.Fatalf("default export name %q", name)
	}
	if scr := screen(m); !strings.Contains(scr, " "+name) {
		t.Errorf("the prompt does not show %q whole:\n%s", name, scr[strings.LastIndex(scr, "export"):])
	}
}
