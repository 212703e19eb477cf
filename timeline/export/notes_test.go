package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// writeNotes writes the events f selects in the format named name, with the reader's
// marks and notes ann in the options.
func writeNotes(tb testing.TB, name string, t *timeline.Timeline, f timeline.Filter, ann timeline.Annotations) []byte {
	return writeEvents(tb, name, t, f, f, ann)
}

// writeEvents is writeNotes with the events f selects and the options' filter opt.
func writeEvents(tb testing.TB, name string, t *timeline.Timeline, f, opt timeline.Filter, ann timeline.Annotations) []byte {
	tb.Helper()
	format, ok := export.ByName(name)
	if !ok {
		tb.Fatalf("no format %q", name)
	}
	events, err := t.Filter(f)
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if err := format.Write(&b, t, events, export.Options{Filter: opt, Version: "v1", Annotations: ann}); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return b.Bytes()
}

// TestNotesGoldens: every writer with the reader's marks and notes, from the options and
// from the filter (which the marked kind needs), on the built-in timeline and on the
// hostile one with a notebook that does not play fair (Markdown's are TestExportGolden's). The writers of views carry them;
// the writers of timeline files (tlx JSON, TOML) write the same bytes as without them.
// Regenerate with go test ./timeline/export -run NotesGoldens -update.
func TestNotesGoldens(t *testing.T) {
	cases := []struct {
		name string
		tl   *timeline.Timeline
		f    timeline.Filter
		ann  timeline.Annotations
	}{
		{"embedded-notes", embeddedTL(t), timeline.Filter{}.With(timeline.ActorFilter, "routh"), readerNotebook()},
		{"embedded-marked", embeddedTL(t), timeline.Filter{}.With(timeline.MarkedFilter, "any").WithAnnotations(readerNotebook()), nil},
		{"hostile-notes", hostile(t), timeline.Filter{}, hostileNotes{}},
	}
	for _, c := range cases {
		for _, format := range export.Formats() {
			if format.Name == "markdown" {
				continue // TestExportGolden has these cases, in testdata/*.md.golden
			}
			t.Run(c.name+"/"+format.Name, func(t *testing.T) {
				got := writeNotes(t, format.Name, c.tl, c.f, c.ann)
				checkGolden(t, filepath.Join("testdata", "notes", c.name+format.Ext()+".golden"), got, "NotesGoldens")
				without := writeEvents(t, format.Name, c.tl, c.f, c.f.WithAnnotations(nil), nil)
				switch {
				case format.Notes && bytes.Equal(got, without):
					t.Errorf("%s carries no mark or note", format.Name)
				case !format.Notes && !bytes.Equal(got, without):
					t.Errorf("%s, a timeline file, changed with the reader's notes:\n%s", format.Name, firstDiff(without, got))
				}
			})
		}
	}
}

// checkGolden compares got with the golden file at path, which -update rewrites; test
// names the test that regenerates it, for the message.
func checkGolden(t *testing.T, path string, got []byte, test string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; create it with go test ./timeline/export -run %s -update", err, test)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("differs from %s; if the change is intended, run go test ./timeline/export -run %s -update\n%s",
			path, test, firstDiff(want, got))
	}
}

// book is Annotations from maps, for tests: labels by marked event, notes by event.
type book struct {
	marks map[string][]string
	notes map[string]string
}

func (b book) Marks() iter.Seq2[string, []string] { return maps.All(b.marks) }
func (b book) Mark(id string) (bool, []string) {
	labels, ok := b.marks[id]
	return ok, labels
}
func (b book) Note(id string) string            { return b.notes[id] }
func (b book) Notes() iter.Seq2[string, string] { return maps.All(b.notes) }
func (b book) Labels() []string                 { return nil }

// dirtyNote is a note with every kind of character a writer must not pass on raw: an
// escape sequence, an OSC link, a bell, NUL, DEL, a C1 control, bidi overrides, CRLF and
// a line separator, and lines that must stay lines.
const dirtyNote = "noteone \x1b[31mred\x1b[0m line\r\n" +
	"notetwo \x1b]8;;http://evil\x07link\x1b]8;;\x07 line \x00\x7f\u0085\u202eevil\u202c\n\n" +
	"notethree line\u2028notefour <b>line</b> & \"quotes\", ; \\"

// dirtyLines are dirtyNote's lines as every writer must keep them: words in order, each
// line on its own.
var dirtyLines = []string{"noteone", "notetwo", "notethree line", "notefour"}

// TestNotesSanitised: a note with control characters and line breaks reaches no export as
// raw control text, and keeps its lines where the format holds lines: JSON Lines in
// reader_note, iCalendar in DESCRIPTION under "Reader's note:", TimelineJS and the sheet
// in the slide's text, a <br> a line. A label made of controls is cleaned the same way.
// What tlx reads back from a TimelineJS or sheet export has no word of the note.
func TestNotesSanitised(t *testing.T) {
	tl := hostile(t)
	ann := book{
		marks: map[string][]string{"dup-a": {"key\x1b[2J", "\a"}},
		notes: map[string]string{"dup-a": dirtyNote},
	}
	f := timeline.Filter{}.WithText("Same title")
	for _, format := range export.Formats() {
		t.Run(format.Name, func(t *testing.T) {
			out := writeNotes(t, format.Name, tl, f, ann)
			for i, r := range string(out) {
				if (unicode.IsControl(r) && r != '\n' && r != '\r') || r == '\u202e' || r == '\u2028' {
					t.Fatalf("raw %U at byte %d: %q", r, i, out[max(0, i-20):min(len(out), i+20)])
				}
			}
			if !format.Notes {
				if strings.Contains(string(out), "noteone") || strings.Contains(string(out), "Reader") {
					t.Errorf("%s holds the reader's note:\n%s", format.Name, out)
				}
				return
			}
			var note string // the note as the format gives it back, lines with \n
			switch format.Name {
			case "markdown":
				note = string(out)
			case "jsonl":
				for l := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
					var ev struct {
						ID   string   `json:"tlx_id"`
						Note string   `json:"reader_note"`
						Tag  []string `json:"tag"`
					}
					if err := json.Unmarshal([]byte(l), &ev); err != nil {
						t.Fatal(err)
					}
					if ev.ID == "dup-a" {
						note = ev.Note
						if !slices.Equal(ev.Tag, []string{"key\uFFFD[2J", "\uFFFD"}) {
							t.Errorf("tag %q", ev.Tag)
						}
					} else if ev.Note != "" || ev.Tag != nil {
						t.Errorf("%s has the note or mark of another event: %q %q", ev.ID, ev.Note, ev.Tag)
					}
				}
			case "ics":
				unfolded := strings.ReplaceAll(string(out), "\r\n ", "")
				for l := range strings.SplitSeq(unfolded, "\r\n") {
					if d, ok := strings.CutPrefix(l, "DESCRIPTION:"); ok && strings.Contains(d, "Reader's note") {
						d = strings.NewReplacer(`\n`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(d)
						_, note, _ = strings.Cut(d, "Reader's note:\n")
						if !strings.Contains(d, "Reader's mark: key\uFFFD[2J, \uFFFD\n") {
							t.Errorf("no mark line in %q", d)
						}
					}
				}
			case "timelinejs", "csv":
				var texts []string
				if format.Name == "csv" {
					rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
					if err != nil {
						t.Fatal(err)
					}
					for _, r := range rows[1:] {
						texts = append(texts, r[10])
					}
				} else {
					var doc struct {
						Events []struct {
							Text struct{ Text string } `json:"text"`
						} `json:"events"`
					}
					if err := json.Unmarshal(out, &doc); err != nil {
						t.Fatal(err)
					}
					for _, e := range doc.Events {
						texts = append(texts, e.Text.Text)
					}
				}
				for _, text := range texts {
					if _, n, ok := strings.Cut(text, `<div class="tlx-reader">`); ok {
						note = strings.ReplaceAll(n, "<br>", "\n")
					}
				}
				back, err := timeline.Open("back"+format.Ext(), out)
				if err != nil {
					t.Fatalf("read back: %v", err)
				}
				for _, e := range back.Events {
					if strings.Contains(e.Summary, "noteone") || strings.Contains(e.Summary, "Reader") {
						t.Errorf("read back, %s's summary holds the reader's note: %q", e.ID, e.Summary)
					}
				}
			default:
				t.Fatalf("no check for %s", format.Name)
			}
			at := 0
			for _, want := range dirtyLines {
				i := strings.Index(note[at:], want)
				if i < 0 {
					t.Fatalf("line %q is not in the note, in order: %q", want, note)
				}
				if at > 0 && !strings.Contains(note[at:at+i], "\n") {
					t.Errorf("line %q does not start a line: %q", want, note)
				}
				at += i + len(want)
			}
		})
	}
}
