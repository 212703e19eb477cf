package timeline_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/internal/tomlsplit"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// reopenEdits are the ways TestReopenEqualsOpen changes a file, each a function of the
// file's bytes and a random source; quick says whether a Loader must take its quick path
// (reopen) when the result opens: an edit inside the events that leaves them whole.
var reopenEdits = []struct {
	name  string
	quick bool
	edit  func(data []byte, r *rand.Rand) []byte
}{
	{"title", true, editTitle},
	{"date", true, func(d []byte, r *rand.Rand) []byte {
		at := nthAfter(d, r, "\ndate = ", true)
		end := at + bytes.IndexByte(d[at:], '\n')
		dates := []string{"2024-06-15", `"2023"`, `"2021-03~"`, `"2022-01..2022-02"`, "1999-12-31"}
		return slices.Concat(d[:at], []byte(dates[r.IntN(len(dates))]), d[end:])
	}},
	{"add", true, func(d []byte, r *rand.Rand) []byte {
		lo, hi := eventAt(d, r)
		ev := bytes.Replace(bytes.Clone(d[lo:hi]), []byte("id = \""), fmt.Appendf(nil, "id = \"added%d-", r.IntN(1e9)), 1)
		at, _ := eventAt(d, r)
		return slices.Concat(d[:at], ev, d[at:])
	}},
	{"append", true, func(d []byte, r *rand.Rand) []byte {
		lo, hi := eventAt(d, r)
		ev := bytes.Replace(bytes.Clone(d[lo:hi]), []byte("id = \""), fmt.Appendf(nil, "id = \"end%d-", r.IntN(1e9)), 1)
		if !bytes.HasSuffix(d, []byte("\n")) {
			ev = append([]byte("\n"), ev...)
		}
		return slices.Concat(d, ev)
	}},
	{"remove", true, func(d []byte, r *rand.Rand) []byte {
		lo, hi := eventAt(d, r)
		return slices.Concat(d[:lo], d[hi:])
	}},
	{"move", true, func(d []byte, r *rand.Rand) []byte {
		lo, hi := eventAt(d, r)
		ev := bytes.Clone(d[lo:hi])
		rest := slices.Concat(d[:lo], d[hi:])
		at, _ := eventAt(rest, r)
		return slices.Concat(rest[:at], ev, rest[at:])
	}},
	{"source", true, func(d []byte, r *rand.Rand) []byte {
		_, hi := eventAt(d, r)
		return slices.Concat(d[:hi], []byte("  [[events.sources]]\n  publisher = \"Added\"\n  url = \"https://example.com/added\"\n\n"), d[hi:])
	}},
	{"related", true, func(d []byte, r *rand.Rand) []byte {
		// An event names another that exists, or one that does not.
		lo, _ := eventAt(d, r)
		id := "nowhere"
		if r.IntN(2) == 0 {
			idAt := nthAfter(d, r, "\nid = \"", true)
			id = string(d[idAt : idAt+bytes.IndexByte(d[idAt:], '"')])
		}
		at := lo + bytes.IndexByte(d[lo:], '\n') + 1
		at += bytes.IndexByte(d[at:], '\n') + 1 // past the id
		return slices.Concat(d[:at], []byte("related = [\""+id+"\"]\n"), d[at:])
	}},
	{"rename", true, func(d []byte, r *rand.Rand) []byte {
		// Another id: events that name the old one no longer find it.
		at := nthAfter(d, r, "\nid = \"", true)
		return slices.Concat(d[:at], []byte("renamed-"), d[at:])
	}},
	{"duplicate id", true, func(d []byte, r *rand.Rand) []byte {
		at := nthAfter(d, r, "\nid = \"", true)
		end := at + bytes.IndexByte(d[at:], '"')
		other := nthAfter(d, r, "\nid = \"", true)
		id := d[other : other+bytes.IndexByte(d[other:], '"')]
		return slices.Concat(d[:at], id, d[end:])
	}},
	{"two far apart", true, func(d []byte, r *rand.Rand) []byte {
		// The split between the two is cut again; its events are taken by their bytes.
		lo, _ := eventAt(d, r)
		d = slices.Concat(d[:lo], []byte("[[events]]\nid = \"first-added\"\ndate = 2001-01-01\ntitle = \"F\"\n\n  [[events.sources]]\n  publisher = \"P\"\n\n"), d[lo:])
		return editTitle(d, r)
	}},
	{"registry", false, func(d []byte, r *rand.Rand) []byte {
		at := nthAfter(d, r, "\nname = \"", false)
		return slices.Concat(d[:at], []byte("Renamed "), d[at:])
	}},
	{"top", false, func(d []byte, r *rand.Rand) []byte {
		return slices.Concat([]byte("# a comment on top\n"), d)
	}},
	{"unclosed string", false, func(d []byte, r *rand.Rand) []byte {
		// The string swallows the lines after it, up to the next quote.
		at := nthAfter(d, r, "\ntitle = \"", true)
		end := at + bytes.IndexByte(d[at:], '"')
		return slices.Concat(d[:end], d[end+1:])
	}},
	{"unclosed multi-line string", false, func(d []byte, r *rand.Rand) []byte {
		at := nthAfter(d, r, "\ntitle = \"", true)
		return slices.Concat(d[:at-1], []byte(`"""`), d[at:])
	}},
	{"syntax error", false, func(d []byte, r *rand.Rand) []byte {
		lo, _ := eventAt(d, r)
		at := lo + bytes.IndexByte(d[lo:], '\n') + 1
		return slices.Concat(d[:at], []byte("= =\n"), d[at:])
	}},
	{"header gone", false, func(d []byte, r *rand.Rand) []byte {
		// The event's keys join the event before it.
		lo, _ := eventAt(d, r)
		return slices.Concat(d[:lo], d[lo+len("[[events]]\n"):])
	}},
	{"table between", false, func(d []byte, r *rand.Rand) []byte {
		at, _ := eventAt(d, r)
		return slices.Concat(d[:at], []byte("[[themes]]\nid = \"between\"\nname = \"Between\"\n\n"), d[at:])
	}},
	{"too deep", false, func(d []byte, r *rand.Rand) []byte {
		lo, _ := eventAt(d, r)
		at := lo + bytes.IndexByte(d[lo:], '\n') + 1
		deep := "deep = " + strings.Repeat("[", tomlsplit.MaxDepth+1) + strings.Repeat("]", tomlsplit.MaxDepth+1) + "\n"
		return slices.Concat(d[:at], []byte(deep), d[at:])
	}},
	{"bytes", false, func(d []byte, r *rand.Rand) []byte {
		// A few random bytes somewhere: most break the file, some not.
		at := r.IntN(len(d) + 1)
		cut := min(at+r.IntN(8), len(d))
		junk := make([]byte, r.IntN(6))
		for k := range junk {
			junk[k] = " \n\"'[]=#x\xff"[r.IntN(11)]
		}
		return slices.Concat(d[:at], junk, d[cut:])
	}},
	{"truncate", false, func(d []byte, r *rand.Rand) []byte {
		lo, _ := eventAt(d, r)
		return bytes.Clone(d[:lo])
	}},
}

// editTitle adds a word to a random event's title.
func editTitle(d []byte, r *rand.Rand) []byte {
	at := nthAfter(d, r, "\ntitle = \"", true)
	return slices.Concat(d[:at], []byte("Edited "), d[at:])
}

// nthAfter returns the offset just past a random occurrence of s in d, among those in
// the events or those before them.
func nthAfter(d []byte, r *rand.Rand, s string, inEvents bool) int {
	first := bytes.Index(d, []byte("\n[[events]]"))
	var at []int
	for i := 0; ; {
		j := bytes.Index(d[i:], []byte(s))
		if j < 0 {
			break
		}
		if (i+j > first) == inEvents {
			at = append(at, i+j+len(s))
		}
		i += j + 1
	}
	if len(at) == 0 {
		return len(d)
	}
	return at[r.IntN(len(at))]
}

// eventAt returns where a random [[events]] table of d starts and ends.
func eventAt(d []byte, r *rand.Rand) (lo, hi int) {
	var starts []int
	for _, p := range tomlsplit.Split(d) {
		if p.Event {
			starts = append(starts, p.Start, p.End)
		}
	}
	if len(starts) == 0 {
		return len(d), len(d)
	}
	k := r.IntN(len(starts) / 2)
	return starts[2*k], starts[2*k+1]
}

// TestReopenEqualsOpen edits a generated timeline again and again, in every way of
// reopenEdits, and checks after each that a Loader opening the edited bytes gives what a
// fresh Open gives (the same timeline, or the same problems), that it keeps what a full
// open of the bytes keeps, and that it took its quick path where it must.
func TestReopenEqualsOpen(t *testing.T) {
	const rounds = 4
	for k, ed := range reopenEdits {
		t.Run(ed.name, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(uint64(k), 7))
			base := timelinetest.Generate(60, int64(k))
			l := timeline.NewLoader("t.toml")
			if _, err := l.Open(base, timeline.LoadOptions{}); err != nil {
				t.Fatal(err)
			}
			good, quick := base, 0
			for range rounds {
				data := ed.edit(good, r)
				if reopened := reopenStep(t, l, data); reopened {
					quick++
				} else if ed.quick && sameKnown(l, data) {
					t.Errorf("%s: the edit opened by the full path", ed.name)
				}
				if s, _ := l.Same(data); s {
					good = data
				}
				// Then the edit of the edit, from where it is, broken or not.
				if r.IntN(2) == 0 {
					data = reopenEdits[r.IntN(len(reopenEdits))].edit(data, r)
					if reopenStep(t, l, data) {
						quick++
					}
					if s, _ := l.Same(data); s {
						good = data
					}
				}
			}
			if ed.quick && quick == 0 {
				t.Errorf("%s: no edit took the quick path", ed.name)
			}
		})
	}
}

// reopenStep opens data with l and with a fresh Open, and fails t where they differ. It
// reports whether l took its quick path.
func reopenStep(t *testing.T, l *timeline.Loader, data []byte) bool {
	t.Helper()
	want, wantErr := timeline.Open("t.toml", data)
	got := l.Reopen(data)
	quick := got != nil
	var err error
	if got == nil {
		got, err = l.Open(data, timeline.LoadOptions{})
	}
	switch {
	case wantErr != nil && err == nil:
		t.Fatalf("the loader opened what Open refuses (quick path %v): %v\n%s", quick, wantErr, data)
	case wantErr == nil && err != nil:
		t.Fatalf("the loader refused what Open opens: %v", err)
	case err != nil:
		if err.Error() != wantErr.Error() {
			t.Fatalf("the loader's problems:\n%v\nOpen's:\n%v", err, wantErr)
		}
		return quick
	}
	if diff := timeline.TimelineDiff(got, want); diff != "" {
		t.Fatalf("quick path %v: %s", quick, diff)
	}
	// What the loader keeps for the next open is what a full open of data keeps.
	full := timeline.NewLoader("t.toml")
	if _, err := full.Open(data, timeline.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := timeline.KeptDiff(l, full); diff != "" {
		t.Fatal(diff)
	}
	return quick
}

// FuzzReopen: whatever a save changes in a file a Loader opened, the Loader's next open
// gives what a fresh Open gives.
func FuzzReopen(f *testing.F) {
	base := timelinetest.Generate(12, 5)
	f.Add(uint32(len(base)/2), uint8(0), []byte("x"))
	f.Add(uint32(len(base)/3), uint8(3), []byte("\"\n[[events]]\nid = \"z\"\n"))
	f.Add(uint32(len(base)-1), uint8(1), []byte("\"\"\""))
	f.Add(uint32(0), uint8(0), []byte("[[events]]\nid = \"first\"\ndate = 2020-01-01\ntitle = \"T\"\n[[events.sources]]\npublisher = \"P\"\n"))
	f.Fuzz(func(t *testing.T, at uint32, cut uint8, insert []byte) {
		l := timeline.NewLoader("t.toml")
		if _, err := l.Open(base, timeline.LoadOptions{}); err != nil {
			t.Fatal(err)
		}
		i := int(at) % (len(base) + 1)
		j := min(i+int(cut), len(base))
		data := slices.Concat(base[:i], insert, base[j:])
		reopenStep(t, l, data)
		reopenStep(t, l, base) // and back
	})
}

// sameKnown reports whether l holds data as the bytes of its last good open.
func sameKnown(l *timeline.Loader, data []byte) bool {
	s, known := l.Same(data)
	return s && known
}

// TestYearsAreSpans: the first and last years a timeline keeps (for the year facet) are
// those of Span's first and last dates, windows open at one end and ends included.
func TestYearsAreSpans(t *testing.T) {
	for name, data := range map[string][]byte{"unusual": []byte(unusual), "generated": timelinetest.Generate(500, 9),
		"open windows": []byte(`title = "T"
[[events]]
id = "a"
date = "..2026-02-04"
title = "A"
[[events.sources]]
publisher = "P"
[[events]]
id = "b"
date = "2019-06.."
end = "2031~"
title = "B"
[[events.sources]]
publisher = "P"
`)} {
		tl, err := timeline.Open("t.toml", data)
		if err != nil {
			t.Fatal(err)
		}
		first, last := tl.Span()
		if f, l := timeline.Years(tl); f != first.Year || l != last.Year {
			t.Errorf("%s: years %d to %d, want %d to %d", name, f, l, first.Year, last.Year)
		}
	}
}

// TestPrimeFromSnapshot: a Loader opened from a snapshot and primed with the bytes the
// snapshot was taken of reopens an edit by its quick path, as a fresh Open reads it; bytes
// that read otherwise are refused.
func TestPrimeFromSnapshot(t *testing.T) {
	noRegistry := "title = \"No registry\"\n\n[[events]]\nid = \"a\"\ndate = 2020-01-01\ntitle = \"A\"\n\n  [[events.sources]]\n  publisher = \"P\"\n"
	for name, data := range map[string][]byte{"unusual": []byte(unusual), "generated": timelinetest.Generate(300, 4), "no registry": []byte(noRegistry)} {
		t.Run(name, func(t *testing.T) {
			_, _, secs := snapshotOf(t, data)
			l := timeline.NewLoader("t.toml")
			if _, err := l.OpenSnapshot(secs); err != nil {
				t.Fatal(err)
			}
			top := slices.Concat([]byte("title = \"Another\"\n"), data[bytes.IndexByte(data, '\n')+1:])
			if l.Prime(top) {
				t.Error("primed with bytes whose title differs")
			}
			if !l.Prime(data) {
				t.Fatal("not primed with the bytes of the snapshot")
			}
			edited := editTitle(data, rand.New(rand.NewPCG(1, 2)))
			got := l.Reopen(edited)
			if got == nil {
				t.Fatal("an edited title after priming took the full path")
			}
			want, err := timeline.Open("t.toml", edited)
			if err != nil {
				t.Fatal(err)
			}
			if diff := timeline.TimelineDiff(got, want); diff != "" {
				t.Fatal(diff)
			}
		})
	}
}
