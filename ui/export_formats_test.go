package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestExportByExtension: the explorer's export writes the format the file name ends with,
// as tlx export -o does, and Markdown, said so, for a name without an ending.
func TestExportByExtension(t *testing.T) {
	tl := oneEvent(t)
	job := exportJob{t: tl, events: []*timeline.Event{&tl.Events[0]}, version: "test"}
	dir := t.TempDir()
	for name, start := range map[string]string{
		"view.ics": "BEGIN:VCALENDAR", "view.csv": "Year,Month,Day", "view.json": "{\n  \"format\": \"tlx\"",
		"view.timelinejs.json": "{\n  \"title\"", "view.jsonl": `{"message": "An event"`, "view.toml": `title = "T"`,
		"view.md": "# T", "view": "# T",
	} {
		path := filepath.Join(dir, name)
		msg := startExport(job, path, false).wait().(exportedMsg)
		if msg.err != nil || msg.n != 1 {
			t.Fatalf("%s: %+v", name, msg)
		}
		b, _ := os.ReadFile(path)
		if !strings.HasPrefix(string(b), start) {
			t.Errorf("%s starts %.40q, want %q", name, b, start)
		}
		if out := exportOutcome(msg); strings.Contains(out, "as Markdown") != (name == "view") {
			t.Errorf("%s: %q", name, out)
		}
	}
}

// oneEvent is a timeline of one event, "a", titled "An event".
func oneEvent(t *testing.T) *timeline.Timeline {
	t.Helper()
	tl, err := timeline.Open("t.toml", []byte(`title = "T"

[[events]]
id = "a"
date = "2024-06"
title = "An event"

  [[events.sources]]
  publisher = "AP"
`))
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// TestExportUnknownEnding: a name whose ending no format has (a typo such as .jsn) is
// refused in the prompt with the endings, and nothing is written (F3 of tryout3).
func TestExportUnknownEnding(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 140, 40)
	do(m, "e")
	path := filepath.Join(dir, "out.jsn")
	setPrompt(m, path)
	do(m, "enter")
	if _, err := os.Stat(path); err == nil {
		t.Fatalf("out.jsn was written; status %q", statusOf(m))
	}
	if focusOf(m) != "export name" || !strings.Contains(m.export.prompt.err, ".jsn is not a format tlx writes; end the name with .md") {
		t.Errorf("focus %s, prompt error %q", focusOf(m), m.export.prompt.err)
	}
	path = filepath.Join(dir, "out")
	setPrompt(m, path)
	do(m, "enter")
	if want := "Exported 9 events to " + path + " as Markdown"; statusOf(m) != want {
		t.Errorf("status %q, want %q", statusOf(m), want)
	}
}
