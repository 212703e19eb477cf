package notebook

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected errors of testdata/bad and the golden files")

// TestParseBad checks that each bad notebook in testdata/bad gives exactly the error in
// its .err file, naming the file and the line.
func TestParseBad(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.toml")
	if len(files) == 0 {
		t.Fatal("no bad notebooks")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(file, data)
			if err == nil {
				t.Fatal("parsed without error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %T %v is not a *ParseError wrapping ErrInvalid", err, err)
			}
			if pe.Line == 0 {
				t.Errorf("error without a line: %v", err)
			}
			golden := strings.TrimSuffix(file, ".toml") + ".err"
			got := err.Error() + "\n"
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("error:\n got %s want %s", got, want)
			}
		})
	}
}

// TestParseGood checks what the good notebooks hold, and that writing one and reading it
// back gives the same notebook.
func TestParseGood(t *testing.T) {
	tests := []struct {
		file    string
		entries []Entry
		views   []View
		about   About
	}{
		{file: "full.toml",
			entries: []Entry{
				{ID: "2024-07-13-butler", Title: "Trump shot at a rally in Butler, Pennsylvania", Marked: true, Labels: []string{"check", "key"},
					Note: "Two sources only.\n\nCheck the FBI's timeline."},
				{ID: "id with spaces", Title: "An event's title with an apostrophe", Note: "A note with ''' in it, a backslash \\ and a tab\tinside."},
				{ID: "plain-mark", Marked: true},
			},
			views: []View{{"cyber", "theme:cyber"}, {"routh summer", `actor:routh from:2024-06 to:2024-09 "golf course"`}},
			about: About{Title: "Iran, Trump and the US election, 2020-2026", File: "built-in"},
		},
		{file: "hand.toml",
			entries: []Entry{{ID: "a", Marked: true, Labels: []string{"dubious", "key"}}, {ID: "b", Note: "one line"}},
			views:   []View{{"x", "actor:iran"}},
		},
		{file: "crlf.toml", entries: []Entry{{ID: "a", Note: "line one\nline two"}}},
		{file: "bom.toml", entries: []Entry{{ID: "a", Marked: true}}},
		{file: "empty.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/good", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			s, err := Parse(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			checkState(t, s, tt.entries, tt.views)
			if s.About() != tt.about {
				t.Errorf("about = %+v, want %+v", s.About(), tt.about)
			}
			written := roundTrip(t, s)
			if tt.file == "full.toml" && string(written) != string(data) {
				t.Errorf("full.toml is in tlx's own layout, but writes differently:\n%s", written)
			}
		})
	}
}

// roundTrip writes s, reads it back and writes it again, failing t unless the notebook
// read back is s and the two writes are the same bytes; it returns what was written.
func roundTrip(t *testing.T, s *State) []byte {
	t.Helper()
	var first, second bytes.Buffer
	if err := encode(&first, s); err != nil {
		t.Fatal(err)
	}
	again, err := Parse("rewritten", first.Bytes())
	if err != nil {
		t.Fatalf("the notebook as written does not read: %v\n%s", err, first.String())
	}
	if !again.Equal(s) {
		t.Fatalf("written and read again, the notebook differs:\n%s", first.String())
	}
	encode(&second, again)
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("writing is not stable:\n%s\n---\n%s", first.String(), second.String())
	}
	return first.Bytes()
}

// checkState compares a state's entries and views with the expected ones.
func checkState(t *testing.T, s *State, entries []Entry, views []View) {
	t.Helper()
	got := s.Entries()
	if len(got) != len(entries) {
		t.Errorf("%d entries, want %d: %+v", len(got), len(entries), got)
	}
	for i := range min(len(got), len(entries)) {
		g, w := got[i], entries[i]
		if g.ID != w.ID || g.Title != w.Title || g.Marked != w.Marked || g.Note != w.Note || !slices.Equal(g.Labels, w.Labels) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if gv := s.Views(); !slices.Equal(gv, views) && (len(gv) > 0 || len(views) > 0) {
		t.Errorf("views = %+v, want %+v", gv, views)
	}
}

// TestEncodeStrings checks that every kind of text survives the writer's quoting.
func TestEncodeStrings(t *testing.T) {
	texts := []string{
		"plain", "it's", `say "hi"`, `back\slash`, "tab\there", "'''", `"""`, `""""""`, `''''`,
		"ends with '", `ends with "`, "ends with \\", "new\nline", "ünïcödé ✓", "\"'\\", "a\"\"\"b",
	}
	s := emptyState()
	for i, text := range texts {
		id := text
		if strings.Contains(text, "\n") {
			id = "id" + string(rune('a'+i))
		}
		s.entries[id] = &Entry{ID: id, Title: strings.ReplaceAll(text, "\n", " "), Note: text, Marked: true}
		s.views = append(s.views, View{Name: strings.ReplaceAll(text, "\n", " "), Query: strings.ReplaceAll(text, "\n", " ")})
	}
	s.finish()
	roundTrip(t, s)
}

func TestNormNote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \n\n", ""},
		{"\n\n  text  \n\n", "  text"},
		{"a\r\nb\r\n", "a\nb"},
		{"a\n\n\nb", "a\n\n\nb"},
		{"\t\n  \nfirst\n", "first"},
	}
	for _, tt := range tests {
		if got := normNote(tt.in); got != tt.want {
			t.Errorf("normNote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidLabel(t *testing.T) {
	for _, l := range []string{"key", "check", "dubious", "follow-up", "a1", "2024"} {
		if !ValidLabel(l) {
			t.Errorf("ValidLabel(%q) = false", l)
		}
	}
	for _, l := range []string{"", "Key", "-x", "two words", "x_y", "é", strings.Repeat("a", 25)} {
		if ValidLabel(l) {
			t.Errorf("ValidLabel(%q) = true", l)
		}
	}
}
