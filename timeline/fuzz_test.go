package timeline_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// FuzzParse feeds the loader arbitrary bytes, seeded with every file of testdata. It must
// never panic, never change its input, give the same answer twice, and keep its promises:
// problems are complete and sorted, a loaded timeline is valid and in order.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("../testdata/*/*.toml")
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(timelinetest.Generate(4, 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		tl, err := timeline.Open("fuzz.toml", data)
		if !bytes.Equal(data, orig) {
			t.Fatal("Parse changed its input")
		}
		tl2, err2 := timeline.Open("fuzz.toml", data)
		if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("two loads differ:\n%v\n---\n%v", err, err2)
		}
		if err != nil {
			checkFuzzError(t, err)
			return
		}
		if len(tl.Events) != len(tl2.Events) {
			t.Fatalf("two loads give %d and %d events", len(tl.Events), len(tl2.Events))
		}
		for i := range tl.Events {
			e, e2 := &tl.Events[i], &tl2.Events[i]
			if e.ID != e2.ID || e.Title != e2.Title || e.Line != e2.Line || e.Pos != e2.Pos {
				t.Fatalf("event %d differs between loads: %+v, %+v", i, e, e2)
			}
			checkFuzzEvent(t, tl, e)
			if i > 0 && tl.Events[i-1].Date.Compare(e.Date) > 0 {
				t.Fatalf("events out of order: %s before %s", tl.Events[i-1].Date, e.Date)
			}
		}
	})
}

func checkFuzzError(t *testing.T, err error) {
	var ps timeline.Problems
	var p *timeline.Problem
	switch {
	case errors.As(err, &ps):
		if len(ps) == 0 {
			t.Fatal("empty Problems")
		}
		for i, p := range ps {
			checkFuzzProblem(t, p)
			if i > 0 && placeBefore(p, ps[i-1]) {
				t.Fatalf("problems not sorted: %q before %q", ps[i-1], p)
			}
		}
	case errors.As(err, &p):
		checkFuzzProblem(t, p)
	default:
		t.Fatalf("error of type %T: %v", err, err)
	}
}

func checkFuzzProblem(t *testing.T, p *timeline.Problem) {
	if !strings.HasPrefix(p.File, "fuzz.") || p.Kind == nil || p.Msg == "" || p.Line < 0 || p.Col < 0 {
		t.Fatalf("incomplete problem %#v", p)
	}
	if p.Line == 0 && p.Col != 0 {
		t.Fatalf("column without a line: %#v", p)
	}
}

// placeBefore reports whether a sorts strictly before b as Problems.Sort orders them.
func placeBefore(a, b *timeline.Problem) bool {
	if (a.Line == 0) != (b.Line == 0) {
		return a.Line != 0
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	return a.Event < b.Event
}

func checkFuzzEvent(t *testing.T, tl *timeline.Timeline, e *timeline.Event) {
	if strings.TrimSpace(e.ID) == "" || strings.TrimSpace(e.Title) == "" || e.Date.IsZero() || len(e.Sources) == 0 {
		t.Fatalf("loaded an event missing what it needs: %+v", e)
	}
	if !e.End.IsZero() && e.End.Last().Compare(e.Date.First()) < 0 {
		t.Fatalf("loaded an event that ends before it starts: %+v", e)
	}
	if e.Status != "" && !slices.Contains(timeline.Statuses, e.Status) {
		t.Fatalf("loaded an unknown status %q", e.Status)
	}
	if tl.Event(e.ID) == nil {
		t.Fatalf("event %q cannot be looked up", e.ID)
	}
	for _, s := range e.Sources {
		if strings.TrimSpace(s.Publisher) == "" {
			t.Fatalf("loaded a source without publisher: %+v", e)
		}
		if s.URL != "" && !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://") {
			t.Fatalf("loaded a URL that is not http(s): %q", s.URL)
		}
	}
	for _, text := range []string{e.ID, e.Title, e.Summary, e.Location} {
		if r, _, bad := timeline.ControlChar(text); bad {
			t.Fatalf("loaded control character %U in %q", r, text)
		}
	}
}

// FuzzParseDate checks that a date that parses prints back as what was written, and that
// its first and last days bracket it.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024", "2024-06", "2024-06-15", "2024-02-29", "2023-02-29", "2024-13", "0000", " 2024 ", "+123", "2024-6", "９９９９"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := timeline.ParseDate(s)
		if err != nil {
			if !errors.Is(err, timeline.ErrDate) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrDate", s, err)
			}
			return
		}
		if d.String() != strings.TrimSpace(s) {
			t.Fatalf("ParseDate(%q) = %v, which prints as %q", s, d, d.String())
		}
		if d.First().Compare(d.Last()) > 0 || d.First().Prec != timeline.Day {
			t.Fatalf("ParseDate(%q): first %v after last %v", s, d.First(), d.Last())
		}
	})
}
