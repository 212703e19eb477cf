package export_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// TestExportLinksRevealHosts checks that the export links a source through
// timeline.LinkTarget and shows a bare URL through timeline.DisplayURL: an
// internationalised host is written in punycode in both, so that a look-alike host reads
// as the different host it is.
func TestExportLinksRevealHosts(t *testing.T) {
	tl := timeline.New("T", "", nil, nil, []timeline.Event{{ID: "e", Date: timeline.MustWhen("2024-06"), Title: "E",
		Sources: []timeline.Source{
			{Publisher: "P", Title: "Look-alike", URL: "https://exаmple.com/a b?x=1&amp;y"}, // Cyrillic а
			{URL: "https://bücher.example/seite"},
		}}})
	events, _ := tl.Filter(timeline.Filter{})
	var buf bytes.Buffer
	if err := export.Markdown(&buf, tl, events, export.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"[Look-alike](https://xn--exmple-4nf.com/a%20b?x=1\\&amp;y)",
		"[https://xn--bcher-kva.example/seite](https://xn--bcher-kva.example/seite)",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("export has no %s\n%s", want, buf.String())
		}
	}
}
