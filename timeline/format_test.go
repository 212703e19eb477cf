package timeline_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// tiny is a format made up for this test, to show that a reader plugs into Open with one
// Format value and nothing else: a first line "tiny: TITLE", then an event a line,
// "DATE | ID | TITLE | PUBLISHER | STATUS". With paths set, it places problems as a format
// without lines does (events[2].status), else by line and column.
func tiny(paths bool) timeline.Format {
	return timeline.Format{
		Name:  "tiny",
		Exts:  []string{".tiny"},
		Sniff: func(data []byte) bool { return strings.HasPrefix(string(data), "tiny:") },
		Decode: func(name string, data []byte, r *timeline.Reading) (*timeline.Draft, error) {
			lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			d := &timeline.Draft{Name: name, Title: strings.TrimSpace(strings.TrimPrefix(lines[0], "tiny:"))}
			keys := []string{"date", "id", "title", "publisher", "status"}
			cols := map[timeline.Ref]int{} // where each field starts on its line
			for n, line := range lines[1:] {
				k := len(d.Events)
				fields := strings.Split(line, " | ")
				if len(fields) != len(keys) {
					// A problem of the reader's own, placed already.
					p := &timeline.Problem{File: name, Line: n + 2, Kind: timeline.ErrSyntax,
						Msg: fmt.Sprintf("want %d fields, not %d", len(keys), len(fields)), Hint: "separate them with |"}
					if paths {
						p.Line, p.Path = 0, fmt.Sprintf("events[%d]", k)
					}
					d.Problems = append(d.Problems, p)
					continue
				}
				col := 1
				for i, key := range keys {
					ref := timeline.Ref{Table: "events", Item: k, Key: key}
					if key == "publisher" {
						ref.Source = 1
					}
					cols[ref] = col
					col += len(fields[i]) + len(" | ")
				}
				e := timeline.Event{Pos: k + 1, Line: n + 2, ID: fields[1], Title: fields[2], Status: fields[4],
					Sources: []timeline.Source{{Publisher: fields[3]}}}
				e.Date = d.WhenText(timeline.Ref{Table: "events", Item: k, Key: "date"}, fields[0])
				if fields[3] == "" { // present, but blank: "empty publisher", not "missing"
					d.Give(timeline.Ref{Table: "events", Item: k, Source: 1, Key: "publisher"}, timeline.GivenBlank)
				}
				d.Events = append(d.Events, e)
			}
			d.Locate = func(r timeline.Ref) timeline.Place {
				if r.Table != "events" {
					return timeline.Place{}
				}
				if paths {
					if r.Key == "" {
						return timeline.Place{Path: fmt.Sprintf("events[%d]", r.Item)}
					}
					return timeline.Place{Path: fmt.Sprintf("events[%d].%s", r.Item, r.Key)}
				}
				col, ok := cols[r]
				if !ok {
					col = 1
				}
				return timeline.Place{Line: d.Events[r.Item].Line, Col: col}
			}
			r.Progress(len(data), len(data))
			return d, nil
		},
	}
}

// TestFormatPlugsIn opens a file of a made-up format through the same door as TOML, and
// checks that it is checked by the same rules, in the same words.
func TestFormatPlugsIn(t *testing.T) {
	formats := append(timeline.KnownFormats(), tiny(false))
	good := "tiny: Two events\n2024-06 | b | Second | Reuters | reported\n2024-01-15 | a | First | AP | confirmed\n"
	tl, err := formats.Open("good.tiny", []byte(good), nil)
	if err != nil {
		t.Fatal(err)
	}
	if tl.Title != "Two events" || len(tl.Events) != 2 || tl.Events[0].ID != "a" || tl.Path != "good.tiny" {
		t.Fatalf("opened %q with %d events, first %q, path %q", tl.Title, len(tl.Events), tl.Events[0].ID, tl.Path)
	}
	// Chosen by content too, whatever the name says.
	if _, err := formats.Open("standard input", []byte(good), nil); err != nil {
		t.Errorf("by content: %v", err)
	}
	// The package's own Open does not know the format: the table is where formats plug in.
	if _, err := timeline.Open("good.tiny", []byte(good)); err == nil {
		t.Error("timeline.Open read a format it has no reader for")
	}

	bad := "tiny: Mistakes\n2024-13 | a | One | Reuters | reported\n2024 | a | Two |  | rumoured\n2024 | b | Three\n"
	_, err = formats.Open("bad.tiny", []byte(bad), nil)
	want := []string{
		`bad.tiny:2:1: invalid date "2024-13" in event "a": month 13 does not exist; check the calendar`,
		`bad.tiny:3:8: duplicate event id "a" (first at line 2); give each event its own id`,
		`bad.tiny:3:18: empty publisher in source 1 of event "a"; add publisher = "..."`,
		`bad.tiny:3:21: unknown status "rumoured" in event "a"; use one of confirmed, reported, alleged, disputed, denied, scheduled`,
		`bad.tiny:4: want 5 fields, not 3; separate them with |`,
	}
	if got := problemList(t, err); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A format without lines places problems by path.
	_, err = append(timeline.KnownFormats(), tiny(true)).Open("bad.tiny", []byte(bad), nil)
	want = []string{
		`bad.tiny: events[2]: want 5 fields, not 3; separate them with |`,
		`bad.tiny: events[0].date: invalid date "2024-13" in event "a": month 13 does not exist; check the calendar`,
		`bad.tiny: events[1].id: duplicate event id "a" (first at line 2); give each event its own id`,
		`bad.tiny: events[1].publisher: empty publisher in source 1 of event "a"; add publisher = "..."`,
		`bad.tiny: events[1].status: unknown status "rumoured" in event "a"; use one of confirmed, reported, alleged, disputed, denied, scheduled`,
	}
	if got := problemList(t, err); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// problemList returns the problems err carries, one a string.
func problemList(t *testing.T, err error) []string {
	t.Helper()
	var ps timeline.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not Problems", err)
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Error()
	}
	return out
}

// TestOpenChoosesTheReader checks how Open picks a format: content first, then the
// name's extension, then TOML; a format tlx recognises but does not read is named.
func TestOpenChoosesTheReader(t *testing.T) {
	const toml = "title = \"T\"\n"
	const sheet = "Year,Month,Day,Headline,Media Credit,Type\n,,,A sheet,,title\n2024,6,15,x,AP,\n"
	const notTimeline = `looks like JSON, but neither tlx JSON nor TimelineJS JSON; tlx JSON starts {"format": "tlx", ...}, TimelineJS JSON has "events": [...] and a "title" slide; see tlx help format`
	tests := []struct {
		name, data, want string // want: "" for a timeline, else the error
		kind             error
	}{
		{"a.toml", toml, "", nil},
		{"standard input", toml, "", nil},
		{"no-extension", toml, "", nil},
		{"a.TOML", toml, "", nil},
		{"a.json", toml, "a.json:1:2: invalid JSON: invalid character 'i' in literal true (expecting 'r')", timeline.ErrSyntax},
		{"a.toml", `{"title": "T"}`, "a.toml:1: " + notTimeline, timeline.ErrFile},
		{"a.toml", `{"format": "tlx", "version": 1, "title": "T"}`, "", nil},
		{"a.toml", `{"title": {"text": {"headline": "T"}}, "events": []}`, "", nil},
		{"standard input", "\xef\xbb\xbf[1, 2]", "standard input:1: " + notTimeline, timeline.ErrFile},
		{"sheet.csv", sheet, "", nil},
		{"standard input", sheet, "", nil},
		{"a.yml", toml, "a.yml: looks like YAML; tlx reads TOML, JSON or CSV timelines; see tlx help format", timeline.ErrFile},
		{"a.toml", "title: T\n", "a.toml:1: looks like YAML; tlx reads TOML, JSON or CSV timelines; see tlx help format", timeline.ErrFile},
		{"page.html", "<html>", "page.html:1: looks like HTML or XML; tlx reads TOML, JSON or CSV timelines; see tlx help format", timeline.ErrFile},
	}
	for _, tt := range tests {
		_, err := timeline.Open(tt.name, []byte(tt.data))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Open(%q, %q) = %q, want %q", tt.name, tt.data, got, tt.want)
		}
		var p *timeline.Problem
		if err != nil && (!errors.As(err, &p) || !errors.Is(err, tt.kind)) {
			t.Errorf("Open(%q): %v is not one %v Problem", tt.name, err, tt.kind)
		}
	}
}
