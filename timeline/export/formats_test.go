package export_test

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// write writes every event of t, or those f selects, in the format named name.
func write(tb testing.TB, name string, t *timeline.Timeline, f timeline.Filter) []byte {
	tb.Helper()
	return writeEvents(tb, name, t, f, f, nil)
}

// reopen reads back what a writer wrote, named with its format's ending.
func reopen(tb testing.TB, name string, b []byte) *timeline.Timeline {
	tb.Helper()
	format, _ := export.ByName(name)
	t, err := timeline.Open("out"+format.Ext(), b)
	if err != nil {
		tb.Fatalf("read back %s: %v", name, err)
	}
	return t
}

// TestTOMLJSONTOML: TOML to JSON to TOML gives the same file, and the same timeline, for
// the embedded timeline and for generated ones of several seeds (a property test: each
// seed draws other dates, precisions, sources, quotes and registries).
func TestTOMLJSONTOML(t *testing.T) {
	cases := map[string]func() *timeline.Timeline{"embedded": func() *timeline.Timeline { return embeddedTL(t) }}
	cases["uncertain"] = func() *timeline.Timeline { return uncertain(t) }
	for seed := range int64(12) {
		cases[fmt.Sprintf("generated-%d", seed)] = func() *timeline.Timeline {
			tl, err := timeline.Open("gen.toml", timelinetest.Generate(int(20+seed*7), seed))
			if err != nil {
				t.Fatal(err)
			}
			return tl
		}
	}
	for name, get := range cases {
		t.Run(name, func(t *testing.T) {
			tl := get()
			toml1 := write(t, "toml", tl, timeline.Filter{})
			fromTOML := reopen(t, "toml", toml1)
			js := write(t, "json", fromTOML, timeline.Filter{})
			fromJSON := reopen(t, "json", js)
			toml2 := write(t, "toml", fromJSON, timeline.Filter{})
			if !bytes.Equal(toml1, toml2) {
				t.Fatalf("TOML to JSON to TOML differs:\n%s", lineDiff(toml1, toml2))
			}
			if js2 := write(t, "json", fromJSON, timeline.Filter{}); !bytes.Equal(js, js2) {
				t.Fatalf("JSON to JSON differs:\n%s", lineDiff(js, js2))
			}
			sameTimeline(t, tl, fromJSON)
		})
	}
}

// uncertainTOML has what issue 13 added: windows, qualifiers, several quotes, and text
// that TOML must escape.
const uncertainTOML = `title = "Uncertain \"dates\""

[[events]]
id = "between"
date = "2024-06..2024-07"
title = "Some day in June or July"
summary = """
Line one\tand a tab
line two

A second paragraph with \\ and ""\"quotes\"\"\" ."""

  [[events.sources]]
  publisher = "Reuters"
  published = "2024-08~"
  quote = "first"
  quotes = ["second", "third\nover two lines"]

[[events]]
id = "by"
date = "..2026-02-04"
end = "2026-03?"
title = "By 4 February"
related = ["between"]

  [[events.sources]]
  publisher = "AP"
  quotes = ["only in quotes"]

[[events]]
id = "since"
date = "2024-08.."
title = "Since August"

  [[events.sources]]
  publisher = "AFP"
  url = "https://example.com/a?b=1&c=2"

[[events]]
id = "about"
date = "2024%"
title = "About 2024, maybe"

  [[events.sources]]
  publisher = "BBC"
`

func uncertain(tb testing.TB) *timeline.Timeline {
	tb.Helper()
	t, err := timeline.Open("uncertain.toml", []byte(uncertainTOML))
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// sameTimeline compares what a file holds: title, description, declared registries and
// every field of every event.
func sameTimeline(t *testing.T, a, b *timeline.Timeline) {
	t.Helper()
	if a.Title != b.Title || a.Description != b.Description {
		t.Errorf("title or description differ: %q %q", a.Title, b.Title)
	}
	if fmt.Sprint(a.DeclaredActors()) != fmt.Sprint(b.DeclaredActors()) || fmt.Sprint(a.DeclaredThemes()) != fmt.Sprint(b.DeclaredThemes()) {
		t.Errorf("registries differ")
	}
	if len(a.Events) != len(b.Events) {
		t.Fatalf("%d events, then %d", len(a.Events), len(b.Events))
	}
	for i := range a.Events {
		if x, y := eventFields(&a.Events[i]), eventFields(&b.Events[i]); x != y {
			t.Errorf("event %d differs:\n%s\n%s", i, x, y)
		}
	}
}

// reflowed is e as HTML holds it, which is what TimelineJS loses: text in paragraphs
// whose lines and tabs are joined by spaces, as every output shows them.
func reflowed(e timeline.Event) *timeline.Event {
	flow := func(s string) string { return strings.Join(timeline.Paragraphs(s), "\n\n") }
	e.Summary = flow(e.Summary)
	sources := make([]timeline.Source, len(e.Sources))
	for i, s := range e.Sources {
		s.Quote = flow(s.Quote)
		var quotes []string
		for _, q := range s.Quotes {
			quotes = append(quotes, flow(q))
		}
		s.Quotes = quotes
		sources[i] = s
	}
	e.Sources = sources
	return &e
}

// eventFields prints the fields of an event a file holds.
func eventFields(e *timeline.Event) string {
	var sources []string
	for _, s := range e.Sources {
		sources = append(sources, fmt.Sprintf("%q %q %q %v %q %q %q", s.Publisher, s.Title, s.URL, s.Published, s.Via, s.Quote, s.Quotes))
	}
	return fmt.Sprintf("%q %v %v %q %q %q %q %q %q %q %q", e.ID, e.Date, e.End, e.Title, e.Summary,
		e.Actors, e.Themes, e.Location, e.Status, e.Related, sources)
}

func embeddedTL(tb testing.TB) *timeline.Timeline {
	tb.Helper()
	t, err := timeline.Open(data.Name, data.Timeline)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func lineDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// TestTimelineJSRoundTrips: what TimelineJS's JSON and its sheet hold comes back the
// same: a file tlx wrote, read and written again, is the same bytes; and tlx's own marks
// in the slide text bring back every field of the embedded timeline's events.
func TestTimelineJSRoundTrips(t *testing.T) {
	for _, name := range []string{"timelinejs", "csv", "timelinejs/uncertain", "csv/uncertain"} {
		t.Run(name, func(t *testing.T) {
			tl := embeddedTL(t)
			name, which, _ := strings.Cut(name, "/")
			if which == "uncertain" {
				tl = uncertain(t)
			}
			out := write(t, name, tl, timeline.Filter{})
			back := reopen(t, name, out)
			if again := write(t, name, back, timeline.Filter{}); !bytes.Equal(out, again) {
				t.Fatalf("%s to tlx to %s differs:\n%s", name, name, lineDiff(out, again))
			}
			// The registries keep only ids and names; the events keep everything.
			if len(back.Events) != len(tl.Events) {
				t.Fatalf("%d events, then %d", len(tl.Events), len(back.Events))
			}
			for i := range tl.Events {
				if x, y := eventFields(reflowed(tl.Events[i])), eventFields(&back.Events[i]); x != y {
					t.Errorf("event %d differs:\n%s\n%s", i, x, y)
				}
			}
			for _, a := range tl.Actors {
				if b := back.Actor(a.ID); b == nil || b.Name != a.Name {
					t.Errorf("actor %q: %+v", a.ID, b)
				}
			}
		})
	}
}

// TestWritersReproducibleAndFiltered: every writer writes the same bytes twice, and
// exactly the events the filter selects, in order: read back, or counted and named where
// tlx does not read the format.
func TestWritersReproducibleAndFiltered(t *testing.T) {
	tl := embeddedTL(t)
	f := timeline.Filter{}.With(timeline.ThemeFilter, "cyber")
	selected, _ := tl.Filter(f)
	var want []string
	for _, e := range selected {
		want = append(want, e.ID)
	}
	idsOf := map[string]func([]byte) []string{
		"markdown": func(b []byte) []string { return matches(`(?m)^### .*$`, b) },
		"jsonl":    func(b []byte) []string { return matches(`"tlx_id": "([^"]*)"`, b) },
		"ics":      func(b []byte) []string { return matches(`(?m)^UID:([^@]*)@`, b) },
	}
	for _, format := range export.Formats() {
		t.Run(format.Name, func(t *testing.T) {
			a, b := write(t, format.Name, tl, f), write(t, format.Name, tl, f)
			if !bytes.Equal(a, b) {
				t.Fatal("two exports differ")
			}
			var got []string
			if ids, ok := idsOf[format.Name]; ok {
				got = ids(a)
			} else {
				for _, e := range reopen(t, format.Name, a).Events {
					got = append(got, e.ID)
				}
			}
			if format.Name == "markdown" {
				if len(got) != len(want) {
					t.Errorf("%d headings, want %d", len(got), len(want))
				}
				return
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("events\n%v\nwant\n%v", got, want)
			}
		})
	}
}

// matches returns the first group of each match of re in b, or the match.
func matches(re string, b []byte) []string {
	var out []string
	for _, m := range regexp.MustCompile(re).FindAllSubmatch(b, -1) {
		out = append(out, string(m[len(m)-1]))
	}
	return out
}

// control matches what must never reach an exported file from a timeline's text: C0
// controls but line ends and tabs, DEL, C1 controls and the direction overrides.
var control = regexp.MustCompile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")

// TestWritersSanitise: a timeline made by hand with escape sequences, bidi overrides and
// markup in every field (the loader would refuse it) reaches no output raw.
func TestWritersSanitise(t *testing.T) {
	tl := hostile(t)
	for _, format := range export.Formats() {
		t.Run(format.Name, func(t *testing.T) {
			out := write(t, format.Name, tl, timeline.Filter{})
			if !utf8.Valid(out) {
				t.Fatal("not UTF-8")
			}
			if loc := control.FindIndex(out); loc != nil {
				t.Fatalf("control character %q at byte %d: %q", out[loc[0]:loc[1]], loc[0], out[max(0, loc[0]-40):min(len(out), loc[1]+40)])
			}
			if bytes.Contains(out, []byte(`\u001b`)) || bytes.Contains(out, []byte(`\u001B`)) {
				t.Fatal("an escape written as \\u001b")
			}
			switch format.Name {
			case "timelinejs", "csv":
				if bytes.Contains(out, []byte("<script")) || bytes.Contains(out, []byte("<b>")) || bytes.Contains(out, []byte("<img")) {
					t.Fatal("markup from the timeline reached the HTML unescaped")
				}
			}
		})
	}
}

// TestWindowGoldens keeps, for every format, the export of the events dated by windows:
// every form of uncertain date (testdata/good/windows.toml), whole and under a date
// filter that some of them only may fall in, and the embedded timeline's own windowed
// events. A window must read as a window in each, never as a duration, and an event that
// only may fall in the dates must say so where the format has room. go test
// ./timeline/export -run WindowGoldens -update rewrites them; read the diff.
func TestWindowGoldens(t *testing.T) {
	uncertain, err := timeline.Load("../../testdata/good/windows.toml")
	if err != nil {
		t.Fatal(err)
	}
	june, err := timeline.ParseQuery("from:2024-06 to:2024-06")
	if err != nil {
		t.Fatal(err)
	}
	embedded := embeddedTL(t)
	var windowed []*timeline.Event
	for i := range embedded.Events {
		if e := &embedded.Events[i]; e.Date.IsWindow() {
			windowed = append(windowed, e)
		}
	}
	if len(windowed) < 10 {
		t.Fatalf("the embedded timeline has %d windowed events", len(windowed))
	}
	cases := []struct {
		name   string
		t      *timeline.Timeline
		f      timeline.Filter
		events []*timeline.Event // nil: those f selects
	}{
		{"windows", uncertain, timeline.Filter{}, nil},
		{"windows-june-2024", uncertain, june, nil},
		{"embedded-windowed", embedded, timeline.Filter{}, windowed},
	}
	for _, c := range cases {
		events := c.events
		if events == nil {
			if events, err = c.t.Filter(c.f); err != nil {
				t.Fatal(err)
			}
		}
		for _, format := range export.Formats() {
			t.Run(c.name+"/"+format.Name, func(t *testing.T) {
				var b bytes.Buffer
				if err := format.Write(&b, c.t, events, export.Options{Filter: c.f, Version: "v1"}); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", "windows", c.name+format.Ext()+".golden"), b.Bytes(), "WindowGoldens")
				// Whatever the format, no window reads as a duration: an event without an
				// end never shows " to ", the words of one.
				for _, e := range events {
					if e.End.IsZero() && strings.Contains(e.Span(), " to ") {
						t.Errorf("%s reads as a duration: %q", e.ID, e.Span())
					}
				}
			})
		}
	}
}

// FuzzTOMLJSONTOML is TestTOMLJSONTOML as a property over generated timelines: for any
// size and seed, TOML to JSON to TOML gives the same file and the same timeline.
func FuzzTOMLJSONTOML(f *testing.F) {
	f.Add(uint8(10), int64(1))
	f.Add(uint8(60), int64(-7))
	f.Fuzz(func(t *testing.T, n uint8, seed int64) {
		tl, err := timeline.Open("gen.toml", timelinetest.Generate(int(n%80), seed))
		if err != nil {
			t.Fatal(err)
		}
		toml1 := write(t, "toml", tl, timeline.Filter{})
		js := write(t, "json", reopen(t, "toml", toml1), timeline.Filter{})
		back := reopen(t, "json", js)
		if toml2 := write(t, "toml", back, timeline.Filter{}); !bytes.Equal(toml1, toml2) {
			t.Fatalf("TOML to JSON to TOML differs:\n%s", lineDiff(toml1, toml2))
		}
		sameTimeline(t, tl, back)
	})
}

// TestForPath: the one rule by which an export's file name chooses its writer, for the
// explorer and tlx export alike: a known ending chooses its format, a name without an
// ending is Markdown and says so, and any other ending is refused with the list, since a
// typo such as .jsn must not silently become Markdown (F3 of tryout3).
func TestForPath(t *testing.T) {
	for _, c := range []struct {
		path, format string
		defaulted    bool
		bad          string // the ending refused, or ""
	}{
		{"out.md", "markdown", false, ""},
		{"OUT.ICS", "ics", false, ""},
		{"/tmp/a.b/x.timelinejs.json", "timelinejs", false, ""},
		{"x.json", "json", false, ""},
		{"report", "markdown", true, ""},
		{"/tmp/v1.2/report", "markdown", true, ""},
		{".hidden", "markdown", true, ""},
		{"out.xyz", "", false, ".xyz"},
		{"cli.jsn", "", false, ".jsn"},
		{"view.txt", "", false, ".txt"},
		{"x.icss", "", false, ".icss"},
	} {
		f, defaulted, err := export.ForPath(c.path)
		if c.bad != "" {
			var xe *export.ExtError
			if !errors.As(err, &xe) || xe.Ext != c.bad {
				t.Errorf("%s: got %v (%v), want an ExtError for %s", c.path, f.Name, err, c.bad)
				continue
			}
			msg := err.Error()
			for _, f := range export.Formats() {
				if !strings.Contains(msg, f.Ext()) {
					t.Errorf("%s: the message %q does not list %s", c.path, msg, f.Ext())
				}
			}
			continue
		}
		if err != nil || f.Name != c.format || defaulted != c.defaulted {
			t.Errorf("%s: got %s defaulted %v, %v; want %s defaulted %v", c.path, f.Name, defaulted, err, c.format, c.defaulted)
		}
	}
	// A format's ending without its dot names it too: --format md.
	for name, want := range map[string]string{"md": "markdown", "Markdown": "markdown", "ics": "ics", "json": "json", "jsonl": "jsonl"} {
		if f, ok := export.ByName(name); !ok || f.Name != want {
			t.Errorf("ByName(%q) = %s, %v; want %s", name, f.Name, ok, want)
		}
	}
}
