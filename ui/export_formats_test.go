package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestExportByExtension: the explorer's export writes the format the file name ends with,
// as tlx export -o does, and Markdown for any other name.
func TestExportByExtension(t *testing.T) {
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
	job := exportJob{t: tl, events: []*timeline.Event{&tl.Events[0]}, version: "test"}
	dir := t.TempDir()
	for name, start := range map[string]string{
		"view.ics": "BEGIN:VCALENDAR", "view.csv": "Year,Month,Day", "view.json": "{\n  \"format\": \"tlx\"",
		"view.timelinejs.json": "{\n  \"title\"", "view.jsonl": `{"message": "An event"`, "view.toml": `title = "T"`,
		"view.md": "# T", "view.txt": "# T",
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
	}
}
