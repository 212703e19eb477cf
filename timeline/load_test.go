package timeline_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// update rewrites the .err golden files of testdata/bad from the current output.
var update = flag.Bool("update", false, "rewrite the golden files under testdata from the current output")

// problemLines returns the problems an error carries, one a line, as validate prints them.
func problemLines(t *testing.T, err error) string {
	t.Helper()
	var b strings.Builder
	var ps timeline.Problems
	var p *timeline.Problem
	switch {
	case errors.As(err, &ps):
		for _, p := range ps {
			checkProblem(t, p)
			b.WriteString(p.Error() + "\n")
		}
	case errors.As(err, &p):
		checkProblem(t, p)
		b.WriteString(p.Error() + "\n")
	default:
		t.Fatalf("error is neither Problems nor *Problem: %T %v", err, err)
	}
	return b.String()
}

func checkProblem(t *testing.T, p *timeline.Problem) {
	t.Helper()
	if p.File == "" || p.Kind == nil || p.Msg == "" {
		t.Errorf("incomplete problem %#v", p)
	}
	if !errors.Is(p, p.Kind) {
		t.Errorf("problem %q does not wrap its kind", p.Error())
	}
	if strings.ContainsAny(p.Error(), "\n\r") {
		t.Errorf("problem spans lines: %q", p.Error())
	}
}

// TestBadFiles checks each file of testdata/bad against the exact messages in the .err
// file beside it. Run with -update to rewrite them, then review the diff.
func TestBadFiles(t *testing.T) {
	files, err := filepath.Glob("../testdata/bad/*.*")
	if err != nil || len(files) < 20 {
		t.Fatalf("want the bad testdata files, got %d (%v)", len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if strings.HasSuffix(name, ".err") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			tl, err := timeline.Open(name, data)
			if err == nil {
				t.Fatalf("loaded a bad file: %d events", len(tl.Events))
			}
			got := problemLines(t, err)
			golden := strings.TrimSuffix(f, filepath.Ext(f)) + ".err"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("problems differ from %s\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

func TestGoodFiles(t *testing.T) {
	tests := []struct {
		file           string
		events, actors int
		first, last    string // ids of the first and last events in timeline order
	}{
		{"full.toml", 3, 4, "election-year", "fbi-investigation"},
		{"minimal.toml", 0, 0, "", ""},
		{"no-registry.toml", 1, 2, "a", "a"},
		{"tricky.toml", 2, 1, "first", "second"},
		{"bom-crlf.toml", 1, 0, "crlf", "crlf"},
		{"spans.toml", 4, 0, "year", "day"},
		{"windows.toml", 6, 0, "about", "by"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tl, err := timeline.Load(filepath.Join("../testdata/good", tt.file))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(tl.Events) != tt.events || len(tl.Actors) != tt.actors {
				t.Errorf("got %d events, %d actors; want %d, %d", len(tl.Events), len(tl.Actors), tt.events, tt.actors)
			}
			if tt.events > 0 && (tl.Events[0].ID != tt.first || tl.Events[len(tl.Events)-1].ID != tt.last) {
				t.Errorf("order: first %q, last %q; want %q, %q", tl.Events[0].ID, tl.Events[len(tl.Events)-1].ID, tt.first, tt.last)
			}
			if tl.Path == "" || tl.Title == "" {
				t.Errorf("path %q, title %q", tl.Path, tl.Title)
			}
		})
	}
}

// TestWindowsFile reads every form of uncertain date from a file, and the article cited
// twice as one source with its three quotes.
func TestWindowsFile(t *testing.T) {
	tl, err := timeline.Load("../testdata/good/windows.toml")
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{
		"between":        "between June and July 2024",
		"by":             "by 4 February 2026",
		"since":          "since August 2024",
		"mixed":          "between July 2024 and 11 August 2024",
		"about":          "about June 2024 to possibly September 2024",
		"window-and-end": "began between June and September 2025, ended September 2025",
	} {
		if got := tl.Event(id).Span(); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	e := tl.Event("window-and-end")
	if len(e.Sources) != 1 || !slices.Equal(e.Sources[0].Quoted(), []string{"for most of the trial", "in September"}) {
		t.Errorf("window-and-end: sources %+v, want one with both quotes", e.Sources)
	}
	if got := tl.Event("between").Sources[0].Quoted(); len(got) != 2 {
		t.Errorf("between: quotes %q", got)
	}
	if p := tl.Event("about").Sources[0].Published; p.String() != "2024-10~" {
		t.Errorf("published %s, want 2024-10~", p)
	}
}

func TestParseDetails(t *testing.T) {
	tl, err := timeline.Load("../testdata/good/tricky.toml")
	if err != nil {
		t.Fatal(err)
	}
	first := tl.Event("first")
	if first == nil || first.Line != 4 || first.Pos != 1 {
		t.Fatalf("event first: %+v", first)
	}
	if want := "[[events]]\nid = \"not-an-event\"\n[[actors]]\n"; first.Summary != want {
		t.Errorf("summary %q, want %q", first.Summary, want)
	}
	if q := first.Sources[0].Quote; !strings.Contains(q, "[[events]]\nand ''two'' quotes") {
		t.Errorf("quote %q", q)
	}
	if first.Date.String() != "2020" || first.End.String() != "2021-06" {
		t.Errorf("dates %s..%s", first.Date, first.End)
	}
	second := tl.Event("second")
	if second.Line != 24 || second.Sources[0].URL != "http://example.org/x" || second.Date.String() != "2020-02-29" {
		t.Errorf("event second: %+v", second)
	}
	if tl.Actor("a") == nil || tl.Theme("t") == nil {
		t.Error("registries after the events were not read")
	}

	crlf, err := timeline.Load("../testdata/good/bom-crlf.toml")
	if err != nil {
		t.Fatal(err)
	}
	if e := crlf.Events[0]; e.Line != 3 || crlf.Title != "Starts with a byte-order mark" || !strings.Contains(e.Summary, "Two") {
		t.Errorf("BOM and CRLF file: title %q, event %+v", crlf.Title, e)
	}

	free, err := timeline.Load("../testdata/good/no-registry.toml")
	if err != nil {
		t.Fatal(err)
	}
	if a := free.Actor("capitol police"); a == nil || a.Name != "Capitol Police" {
		t.Errorf("actor named only by an event: %+v", a)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	unreadable := filepath.Join(dir, "locked.toml")
	if err := os.WriteFile(unreadable, []byte("title = \"x\"\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, want string
	}{
		{filepath.Join(dir, "missing.toml"), "missing.toml: no such file; check the path"},
		{dir, dir + ": is a directory; give the path of a .toml file"},
	}
	if os.Geteuid() != 0 { // root reads anything
		tests = append(tests, struct{ path, want string }{unreadable, unreadable + ": permission denied; check the file's permissions"})
	}
	for _, tt := range tests {
		_, err := timeline.Load(tt.path)
		var p *timeline.Problem
		if !errors.As(err, &p) || !errors.Is(err, timeline.ErrFile) {
			t.Fatalf("Load(%q) = %v, want a *Problem of kind ErrFile", tt.path, err)
		}
		if !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("Load(%q) = %q, want it to end in %q", tt.path, err, tt.want)
		}
	}
}

func TestParseFileLevel(t *testing.T) {
	tests := []struct {
		name, data string
		kind       error
		want       string
	}{
		{"bom only", "\xef\xbb\xbf", timeline.ErrEmpty, "f: empty file"},
		{"spaces", " \r\n\t\r\n", timeline.ErrEmpty, "f: empty file"},
		{"html", "<!doctype html>\n<html></html>\n", timeline.ErrFile, "f:1: looks like HTML or XML"},
		{"toml header not json", "[[events]]\nid = 1\n", timeline.ErrMissing, ""},
		{"digit table not json", "[2024]\nx = 1\n", timeline.ErrUnknownKey, ""},
		{"bad byte in line 3", "title = \"x\"\n\n# \x80\n", timeline.ErrFile, "f:3:3: not UTF-8 text: invalid byte 0x80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := timeline.Open("f", []byte(tt.data))
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v, want kind %v", err, tt.kind)
			}
			if tt.want != "" && !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %q, want prefix %q", err, tt.want)
			}
		})
	}
}

// TestSyntaxErrorPlaces breaks one event of a generated file large enough to be decoded in
// several concurrent batches and checks that the error has the line and column a single
// decode of the whole file reports; then breaks three at once and checks that each is
// reported.
func TestSyntaxErrorPlaces(t *testing.T) {
	data := timelinetest.Generate(3000, 5) // about 2.3 MB: several batches
	var headers []int                      // 0-based line of each [[events]]
	for i, l := range bytes.Split(data, []byte("\n")) {
		if string(l) == "[[events]]" {
			headers = append(headers, i)
		}
	}
	breakEvents := func(ns ...int) []byte {
		lines := bytes.Split(bytes.Clone(data), []byte("\n"))
		for _, n := range ns {
			i := headers[n-1] + 2 // the date line
			lines[i] = append([]byte("date = 2024-06-01 oops # "), lines[i]...)
		}
		return bytes.Join(lines, []byte("\n"))
	}
	syntaxProblems := func(bad []byte) []*timeline.Problem {
		_, err := timeline.Open("gen.toml", bad)
		var ps timeline.Problems
		if !errors.As(err, &ps) {
			t.Fatalf("got %v, want Problems", err)
		}
		var syntax []*timeline.Problem
		for _, p := range ps {
			if errors.Is(p, timeline.ErrSyntax) {
				syntax = append(syntax, p)
			}
		}
		return syntax
	}
	broken := []int{1, 37, 1200, 2999, 3000}
	for _, n := range broken {
		bad := breakEvents(n)
		var v map[string]any
		_, derr := toml.Decode(string(bad), &v)
		var pe toml.ParseError
		if !errors.As(derr, &pe) {
			t.Fatalf("event %d: a whole decode gave %v", n, derr)
		}
		got := syntaxProblems(bad)
		if len(got) != 1 {
			t.Fatalf("event %d: %d syntax problems, want 1", n, len(got))
		}
		p := got[0]
		if p.Line != pe.Position.Line || p.Col != pe.Position.Col || p.Event != n || p.Line != headers[n-1]+3 {
			t.Errorf("event %d: got line %d col %d event %d, whole decode says line %d col %d (%s)",
				n, p.Line, p.Col, p.Event, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		if want := "invalid TOML: " + pe.Message; p.Msg != want {
			t.Errorf("event %d: message %q, want %q", n, p.Msg, want)
		}
	}
	got := syntaxProblems(breakEvents(broken...))
	if len(got) != len(broken) {
		t.Fatalf("%d syntax problems, want %d", len(got), len(broken))
	}
	for k, n := range broken {
		if got[k].Event != n || got[k].Line != headers[n-1]+3 {
			t.Errorf("problem %d: %v, want event %d at line %d", k, got[k], n, headers[n-1]+3)
		}
	}
}

// TestConcurrentMatchesSingle checks that a generated file loads to the same events as
// one whole-file decode gives, field by field.
func TestConcurrentMatchesSingle(t *testing.T) {
	data := timelinetest.Generate(2500, 9)
	tl, err := timeline.Open("gen.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	want := timelinetest.GenerateTimeline(2500, 9)
	if len(tl.Events) != len(want.Events) {
		t.Fatalf("%d events, want %d", len(tl.Events), len(want.Events))
	}
	for i := range tl.Events {
		g, w := &tl.Events[i], &want.Events[i]
		if fmt.Sprint(g.ID, g.Date, g.End, g.Title, g.Summary, g.Actors, g.Themes, g.Location, g.Status, g.Related, g.Sources) !=
			fmt.Sprint(w.ID, w.Date, w.End, w.Title, w.Summary, w.Actors, w.Themes, w.Location, w.Status, w.Related, w.Sources) {
			t.Fatalf("event %d differs:\n got %+v\nwant %+v", i, g, w)
		}
		if g.Line == 0 || !bytes.HasPrefix(lineAt(data, g.Line), []byte("[[events]]")) {
			t.Fatalf("event %q: line %d is not its header", g.ID, g.Line)
		}
	}
}

func lineAt(data []byte, n int) []byte {
	lines := bytes.SplitN(data, []byte("\n"), n+1)
	return lines[n-1]
}

func TestProgress(t *testing.T) {
	data := timelinetest.Generate(2000, 3)
	var mu sync.Mutex
	var calls, last int
	_, err := timeline.OpenProgress("gen.toml", data, func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if total != len(data) || done < last || done > total {
			t.Errorf("progress(%d, %d) after %d, file of %d bytes", done, total, last, len(data))
		}
		calls++
		last = done
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 3 || last != len(data) {
		t.Errorf("%d calls, last done %d of %d", calls, last, len(data))
	}
}

// TestProblemsInOnePass checks that problems of every kind, in events decoded by different
// batches, all come back, sorted by line.
func TestProblemsInOnePass(t *testing.T) {
	data := timelinetest.Generate(2000, 4)
	data = bytes.Replace(data, []byte("status = \"confirmed\""), []byte("status = \"confirmd\""), 1)
	i := bytes.LastIndex(data, []byte("  url = \"https://"))
	data = append(data[:i:i], append([]byte("  url = \"ftp://"), data[i+len("  url = \"https://"):]...)...)
	_, err := timeline.Open("gen.toml", data)
	var ps timeline.Problems
	if !errors.As(err, &ps) || len(ps) != 2 {
		t.Fatalf("got %v, want two problems", err)
	}
	if !errors.Is(ps[0], timeline.ErrBadValue) || !errors.Is(ps[1], timeline.ErrURL) || ps[0].Line >= ps[1].Line {
		t.Errorf("problems not as expected or not sorted:\n%v", err)
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range []string{"../testdata/bad/five.toml", "../testdata/bad/unknown-ref.toml", "../testdata/bad/type.toml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err1 := timeline.Open("f", data)
		for range 20 {
			if _, err2 := timeline.Open("f", data); err2.Error() != err1.Error() {
				t.Fatalf("%s: messages changed between runs:\n%v\n---\n%v", f, err1, err2)
			}
		}
	}
}

func TestEmbeddedStyleInline(t *testing.T) {
	// Events written as an inline array have no lines; their problems name the event.
	data := []byte(`title = "inline"
events = [
  { id = "a", date = 2024-01-01, title = "A", sources = [{ publisher = "P" }] },
  { id = "b", date = "2024-14", title = "B", sources = [{ publisher = "P" }] },
]
`)
	_, err := timeline.Open("f", data)
	want := `f: event 2 "b": invalid date "2024-14" in event "b": month 14 does not exist; check the calendar`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	data = bytes.Replace(data, []byte(`"2024-14"`), []byte(`"2024-04"`), 1)
	tl, err := timeline.Open("f", data)
	if err != nil || len(tl.Events) != 2 {
		t.Fatalf("inline events: %v", err)
	}
	// "events" both inline and as [[events]]: the whole-file decode's own error.
	data = append(data, []byte("\n[[events]]\nid = \"c\"\n")...)
	_, err = timeline.Open("f", data)
	if !errors.Is(err, timeline.ErrSyntax) {
		t.Errorf("events inline and as tables: %v", err)
	}
}

// TestFormatDoc keeps docs/format.md honest: its complete example loads, and every message
// it shows is one tlx prints, taken from the .err goldens or from ReadFile.
func TestFormatDoc(t *testing.T) {
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := func(lang string) []string {
		var out []string
		for _, part := range strings.Split(string(doc), "```"+lang+"\n")[1:] {
			body, _, ok := strings.Cut(part, "```")
			if !ok {
				t.Fatalf("unclosed ```%s block", lang)
			}
			out = append(out, body)
		}
		return out
	}
	example := blocks("toml")[0]
	tl, err := timeline.Open("example.toml", []byte(example)) // a .md name would read as Markdown
	if err != nil {
		t.Fatalf("the complete example does not load:\n%v", err)
	}
	if len(tl.Events) < 3 || len(tl.Actors) < 2 || len(tl.Themes) < 2 {
		t.Errorf("the complete example is not complete: %d events", len(tl.Events))
	}

	known := map[string]bool{}
	goldens, _ := filepath.Glob("../testdata/bad/*.err")
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			known[l] = true
		}
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "drafts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"missing.toml", "drafts"} {
		_, err := timeline.Load(filepath.Join(dir, name))
		known[strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))] = true
	}
	shown := 0
	for _, block := range blocks("text") {
		for _, l := range strings.Split(strings.TrimSpace(block), "\n") {
			if strings.HasPrefix(l, "FILE") {
				continue // the template, not a message
			}
			shown++
			if !known[l] {
				t.Errorf("docs/format.md shows a message tlx does not print:\n%s", l)
			}
		}
	}
	if shown < 30 {
		t.Errorf("only %d messages shown in docs/format.md", shown)
	}
}

// TestManyTinyEvents covers events packed closer than the loader's size estimate allows,
// which it decodes after the others.
func TestManyTinyEvents(t *testing.T) {
	data := []byte("title = \"t\"\n" + strings.Repeat("[[events]]\n", 3000))
	_, err := timeline.Open("tiny.toml", data)
	var ps timeline.Problems
	if !errors.As(err, &ps) || len(ps) != 3000*4 {
		t.Fatalf("got %d problems, want 4 for each of 3000 events", len(ps))
	}
	last := ps[len(ps)-1]
	if last.Event != 3000 || last.Line != 3001 {
		t.Errorf("last problem %v: want event 3000 at line 3001", last)
	}
}

// TestPlacesWithCRLFAndBOM checks that line endings and a byte-order mark do not move the
// places of problems.
func TestPlacesWithCRLFAndBOM(t *testing.T) {
	lf := "title = \"t\"\n\n[[events]]\nid = \"a\"\ndate = 2024-01-01\ntitle = \"A\"\n  colour = 1\n\n  [[events.sources]]\n  publisher = \"P\"\n  url = \"ftp://x\"\n"
	want := "f:7:3: unknown key \"colour\" in event \"a\"; the keys here are id, date, end, title, summary, actors, themes, location, status, related, sources\n" +
		"f:11:3: url \"ftp://x\" in source 1 of event \"a\" must be http or https, not ftp; use an http:// or https:// address\n"
	for name, data := range map[string]string{
		"LF":       lf,
		"CRLF":     strings.ReplaceAll(lf, "\n", "\r\n"),
		"BOM+CRLF": "\xef\xbb\xbf" + strings.ReplaceAll(lf, "\n", "\r\n"),
	} {
		_, err := timeline.Open("f", []byte(data))
		if got := problemLines(t, err); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", name, got, want)
		}
	}
}

// A date the calendar does not have is a decoder error of the whole batch of events it
// was decoded with: the message still names the event it is in, not the batch's first,
// and a Loader that decoded the others before says the same.
func TestCalendarErrorNamesItsEvent(t *testing.T) {
	var b strings.Builder
	b.WriteString("title = \"T\"\n")
	for _, id := range []string{"a", "b", "c"} {
		fmt.Fprintf(&b, "\n[[events]]\nid = %q\ndate = 2020-01-03\ntitle = \"Event %s\"\n\n  [[events.sources]]\n  publisher = \"P\"\n", id, id)
	}
	good := b.String()
	bad := strings.Replace(good, "id = \"c\"\ndate = 2020-01-03", "id = \"c\"\ndate = 2020-01-00", 1)
	_, err := timeline.Open("t.toml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), `t.toml:21:8: invalid date "2020-01-00" in event "c"`) {
		t.Fatalf("Open: %v, want the date named in event \"c\" at t.toml:21:8", err)
	}
	l := timeline.NewLoader("t.toml")
	if _, err := l.Open([]byte(good), timeline.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, lerr := l.Open([]byte(bad), timeline.LoadOptions{}); lerr == nil || lerr.Error() != err.Error() {
		t.Errorf("Loader after a good open: %v\nOpen: %v", lerr, err)
	}
}
