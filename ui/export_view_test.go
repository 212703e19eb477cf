package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// TestExportIsTheView pins what issue 5 asks of the explorer's export key: the file holds
// exactly the events of the view, in the view's order, as the document that
// export.Markdown writes for t.Filter(the view's filter). internal/cli's
// TestExportSameEventsAsFilter pins the other half: `tlx export` with the same filter as
// flags writes that same document, byte for byte.
func TestExportIsTheView(t *testing.T) {
	tl, err := timeline.Open(data.Name, data.Timeline)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, tl, timeline.Filter{}.With(timeline.ActorFilter, "iran"), 140, 40)
	keys(m, "/") // narrow the view further, as a reader would
	typeText(m, "trump")
	keys(m, "enter")
	f := shownFilter(m)
	if f.Text() != "trump" || !slices.Equal(f.Values(timeline.ActorFilter), []string{"iran"}) {
		t.Fatalf("view filter %+v, want actor iran and text trump", f)
	}
	want, err := tl.Filter(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("the filter selects nothing; choose one that does")
	}
	var ids []string
	for _, e := range want {
		ids = append(ids, e.ID)
	}
	if got := eventIDs(m); !slices.Equal(got, ids) {
		t.Fatalf("the view shows %q, t.Filter gives %q", got, ids)
	}

	path := filepath.Join(t.TempDir(), "view.md")
	keys(m, "e")
	setPrompt(m, path)
	keys(m, "enter")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	if err := export.Markdown(&doc, tl, want, export.Options{Filter: f, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, doc.Bytes()) {
		t.Errorf("the explorer's export differs from export.Markdown(t.Filter(view filter)):\n%s", got)
	}
}
