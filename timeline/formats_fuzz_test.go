package timeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// fuzzSeeds adds every file of testdata with one of exts, and the generated timeline
// written in each of formats.
func fuzzSeeds(f *testing.F, exts []string, formats ...string) {
	for _, ext := range exts {
		files, _ := filepath.Glob("../testdata/*/*" + ext)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	tl, err := timeline.Open("gen.toml", timelinetest.Generate(6, 3))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range formats {
		format, _ := export.ByName(name)
		var b bytes.Buffer
		if err := format.Write(&b, tl, pointers(tl), export.Options{}); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
}

func pointers(tl *timeline.Timeline) []*timeline.Event {
	out := make([]*timeline.Event, len(tl.Events))
	for i := range tl.Events {
		out[i] = &tl.Events[i]
	}
	return out
}

// fuzzOpen opens data as a file named name, and checks what every reader promises: no
// panic, the same answer twice, problems complete and sorted, a loaded timeline valid;
// and that tlx's own files of what it loaded (TOML and tlx JSON) load again as the same.
func fuzzOpen(t *testing.T, name string, data []byte) {
	orig := bytes.Clone(data)
	tl, err := timeline.Open(name, data)
	if !bytes.Equal(data, orig) {
		t.Fatal("Open changed its input")
	}
	_, err2 := timeline.Open(name, data)
	if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
		t.Fatalf("two opens differ:\n%v\n---\n%v", err, err2)
	}
	if err != nil {
		checkFuzzError(t, err)
		return
	}
	for i := range tl.Events {
		checkFuzzEvent(t, tl, &tl.Events[i])
	}
	var first []byte
	for _, f := range []string{"toml", "json"} {
		format, _ := export.ByName(f)
		var b bytes.Buffer
		if err := format.Write(&b, tl, pointers(tl), export.Options{}); err != nil {
			t.Fatal(err)
		}
		back, err := timeline.Open("again"+format.Ext(), b.Bytes())
		if err != nil {
			t.Fatalf("tlx's %s of a timeline it read does not load: %v\n%s", f, err, b.Bytes())
		}
		var again bytes.Buffer
		toml, _ := export.ByName("toml")
		toml.Write(&again, back, pointers(back), export.Options{})
		if first == nil {
			first = again.Bytes()
		} else if !bytes.Equal(first, again.Bytes()) {
			t.Fatalf("the timeline differs through TOML and through JSON")
		}
	}
}

// FuzzOpenJSON fuzzes the JSON reader, tlx JSON and TimelineJS alike.
func FuzzOpenJSON(f *testing.F) {
	fuzzSeeds(f, []string{".json"}, "json", "timelinejs")
	f.Add([]byte(`{"events": [{"start_date": {"year": "2,024", "month": 2, "day": 29}, "text": {"headline": "<b>x</b>"}, "media": {"url": "https://a.b/", "credit": "c"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOpen(t, "fuzz.json", data) })
}

// FuzzOpenSheet fuzzes the reader of TimelineJS sheets.
func FuzzOpenSheet(f *testing.F) {
	fuzzSeeds(f, []string{".csv"}, "csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOpen(t, "fuzz.csv", data) })
}

// FuzzHTMLText fuzzes the reading of a slide's HTML: it never panics, gives valid
// UTF-8 for valid UTF-8, keeps no tag, and gives back the text tlx writes as HTML.
func FuzzHTMLText(f *testing.F) {
	for _, s := range []string{"<p>a</p><p>b<br>c</p>", "a < b &amp; <script>x</script> c", "<!-- x", "<a href='x>y'>z</a>", "&lt;b&gt;", "<q class=\"tlx-quote\">q</q>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := timeline.HTMLText(s)
		if utf8.ValidString(s) && !utf8.ValidString(text) {
			t.Fatalf("HTMLText(%q) = %q, not UTF-8", s, text)
		}
		if !strings.Contains(s, "&") && strings.Contains(text, "<") && !strings.Contains(s, "<") {
			t.Fatalf("HTMLText(%q) = %q made a tag", s, text)
		}
		// Text written as tlx writes it reads back as its paragraphs.
		if !utf8.ValidString(s) {
			return
		}
		want := strings.Join(timeline.Paragraphs(s), "\n\n")
		if got := timeline.HTMLText(export.HTMLParagraphs(s)); got != want {
			t.Fatalf("text %q written as HTML reads back as %q, want %q", s, got, want)
		}
	})
}
