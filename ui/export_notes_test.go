package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// TestExportNotesByExtension: the explorer's export carries the reader's mark and note
// into every format of a view, whatever the file name's ending; a timeline file (.json,
// .toml) leaves them out, and the message says they stay in the notebook.
func TestExportNotesByExtension(t *testing.T) {
	tl := oneEvent(t)
	st, err := notebook.Parse("notes.toml", []byte("version = 1\n\n[events.a]\nmarked = true\nlabels = [\"key\"]\nnote = \"Check the date.\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	job := exportJob{t: tl, events: []*timeline.Event{&tl.Events[0]}, version: "test", notes: st}
	dir := t.TempDir()
	for name, carries := range map[string]bool{
		"view.md": true, "view.ics": true, "view.csv": true, "view.timelinejs.json": true, "view.jsonl": true,
		"view.json": false, "view.toml": false,
	} {
		path := filepath.Join(dir, name)
		msg := startExport(job, path, false).wait().(exportedMsg)
		if msg.err != nil {
			t.Fatalf("%s: %v", name, msg.err)
		}
		b, _ := os.ReadFile(path)
		if strings.Contains(string(b), "Check the date.") != carries {
			t.Errorf("%s: carries the note %v, want %v:\n%s", name, !carries, carries, b)
		}
		said := strings.Contains(exportOutcome(msg), "your marks and notes on 1 stay in the notebook (tlx notes --json)")
		if said == carries {
			t.Errorf("%s: %q", name, exportOutcome(msg))
		}
	}
}
