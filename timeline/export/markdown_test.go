package export_test

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"io"
	"iter"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/internal/atomicfile"
	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// update rewrites the golden files from the current output: the export's
// (go test ./timeline/export -run Export -update) and the loader's .err files use it.
var update = flag.Bool("update", false, "rewrite the golden files under testdata from the current output")

// exportCase is one golden Markdown export: a timeline, a filter and the header options.
type exportCase struct {
	name   string
	tl     func(testing.TB) *timeline.Timeline
	filter timeline.Filter
	title  string
	stamp  time.Time
	ann    timeline.Annotations // given in the options, beside any the filter carries
}

func exportCases() []exportCase {
	dates := func(s string) timeline.Range {
		r, err := timeline.ParseRange(s)
		if err != nil {
			panic(err)
		}
		return r
	}
	emb := embedded
	return []exportCase{
		{name: "embedded-all", tl: emb},
		{name: "embedded-actor", tl: emb, filter: timeline.Filter{}.With(timeline.ActorFilter, "routh")},
		{name: "embedded-actors-by-name", tl: emb, filter: timeline.Filter{}.With(timeline.ActorFilter, "Russia", "china")},
		{name: "embedded-theme", tl: emb, filter: timeline.Filter{}.With(timeline.ThemeFilter, "cyber")},
		{name: "embedded-status", tl: emb, filter: timeline.Filter{}.With(timeline.StatusFilter, "alleged", "denied")},
		{name: "embedded-dates", tl: emb, filter: timeline.Filter{}.WithDates(dates("2024-06..2024-09"))},
		{name: "embedded-dates-through", tl: emb, filter: timeline.Filter{}.WithDates(dates("..2021"))},
		{name: "embedded-text", tl: emb, filter: timeline.Filter{}.WithText(`"hack" campaign`)},
		{name: "embedded-combined", tl: emb, filter: timeline.Filter{}.With(timeline.ActorFilter, "iran").With(timeline.ThemeFilter, "cyber", "influence").With(timeline.StatusFilter, "confirmed", "reported").WithDates(dates("2024..")).WithText("trump")},
		{name: "embedded-none", tl: emb, filter: timeline.Filter{}.WithText("no event says zqxjv")},
		{name: "embedded-title-stamp", tl: emb, filter: timeline.Filter{}.With(timeline.ActorFilter, "routh"),
			title: "Ryan Routh: the case", stamp: time.Date(2026, 2, 5, 9, 30, 0, 0, time.FixedZone("EST", -5*3600))},
		{name: "hostile-all", tl: hostile},
		{name: "hostile-filtered", tl: hostile, filter: timeline.Filter{}.With(timeline.ActorFilter, "*Operation* [Midnight] #1 | <b>", "amp").With(timeline.ThemeFilter, "code").WithText(`"[midnight]" | <b>`), title: "# Not *a* [link](javascript:x) <b>"},
		{name: "hostile-none", tl: hostile, filter: timeline.Filter{}.WithText("<nothing> *matches*")},
		{name: "empty-timeline", tl: func(testing.TB) *timeline.Timeline { return timeline.New("Empty", "", nil, nil, nil) }},
		// The reader's notebook: marks and notes after each event's sources, through the
		// filter (which the marked kind needs) and through the options.
		{name: "embedded-marked", tl: emb, filter: timeline.Filter{}.With(timeline.MarkedFilter, "any").WithAnnotations(readerNotebook())},
		{name: "embedded-notes", tl: emb, filter: timeline.Filter{}.With(timeline.ActorFilter, "routh"), ann: readerNotebook()},
		{name: "hostile-notes", tl: hostile, ann: hostileNotes{}},
	}
}

// readerNotebook is a notebook as tlx writes it, with marks and notes on events of the
// built-in timeline and one on an event it does not have.
func readerNotebook() timeline.Annotations {
	st, err := notebook.Parse("notes.toml", []byte(`version = 1

[events.routh-sentenced]
marked = true
labels = ["key"]
note = """
Life plus seven years.

Check the judgment for the gun count: *which* count?"""

[events.routh-guilty-verdict]
marked = true

[events.routh-trial]
note = "Acted as his own lawyer."

[events.microsoft-report]
marked = true
labels = ["check", "dubious"]

[events.gone-event]
marked = true
note = "An orphan: the timeline no longer has this event."
`))
	if err != nil {
		panic(err)
	}
	return st
}

// hostileNotes is a notebook that does not play fair: notes and labels made to break
// Markdown, with control characters a real notebook refuses to hold. The export must not
// trust that it did.
type hostileNotes struct{}

var hostileNote = map[string]string{
	"midnight":     "# Not a heading\n- not a list\n> not a quote\n\n<script>alert(1)</script> [link](javascript:x) *emph* `code`",
	"heading-hash": "Escape \x1b[31mred\x1b[0m and \u202ebidi\u202c and a bell \a.\r\n\r\n1. not a list",
	"dup-a":        "   \n\n   ",
}

func (hostileNotes) Marks() iter.Seq2[string, []string] {
	return func(yield func(string, []string) bool) {
		if yield("midnight", []string{"*key*", "<b>"}) {
			yield("dup-b", nil)
		}
	}
}

func (h hostileNotes) Mark(id string) (bool, []string) {
	for m, labels := range h.Marks() {
		if m == id {
			return true, labels
		}
	}
	return false, nil
}

func (hostileNotes) Note(id string) string            { return hostileNote[id] }
func (hostileNotes) Notes() iter.Seq2[string, string] { return maps.All(hostileNote) }
func (hostileNotes) Labels() []string                 { return []string{"*key*", "<b>"} }

var embeddedOnce = sync.OnceValues(func() (*timeline.Timeline, error) {
	return timeline.Open(data.Name, data.Timeline)
})

// embedded is the timeline built into tlx. Its content is still being written; the tests
// assert structure, never particular events, and the goldens are regenerated with -update.
func embedded(tb testing.TB) *timeline.Timeline {
	tb.Helper()
	t, err := embeddedOnce()
	if err != nil {
		tb.Fatalf("parse the embedded timeline: %v", err)
	}
	return t
}

// hostile is a timeline whose every text is made to break Markdown: metacharacters, HTML,
// entities, control and escape sequences, list and heading markers at line starts, URLs
// with spaces and parentheses, a javascript: URL (the loader rejects those; the export
// must not trust that it did), duplicate headings and a two-digit list of sources.
func hostile(testing.TB) *timeline.Timeline {
	d, w := timeline.MustDate, timeline.MustWhen
	actors := []timeline.Actor{
		{ID: "op", Name: "*Operation* [Midnight] #1 | <b>"},
		{ID: "amp", Name: "AT&T &amp; Co &#169; &#x41; & friends"},
		{ID: "ctl", Name: "Bell\a \x1b[31mRed\x1b[0m \u202eevil"},
	}
	themes := []timeline.Theme{{ID: "code", Name: "`code` ~~strike~~ _under_ \\"}}
	many := make([]timeline.Source, 12)
	for i := range many {
		many[i] = timeline.Source{Publisher: fmt.Sprintf("%d) Outlet", i+1), Quote: fmt.Sprintf("- quote %d\n\n* second paragraph", i+1)}
	}
	events := []timeline.Event{
		{
			ID: "midnight", Date: w("2024-06-01"), Title: "*Operation* [Midnight] #1 | <b>",
			Summary: "# Not a heading\n- not a list\n+ nor this\n1. nor this\n> nor a quote\n\n" +
				"<script>alert(1)</script>\n\n    indented, not code\n\n---\n\n===\n\n" +
				"trailing backslash\\\nand trailing spaces   \n\n```\nfence\n```\n\n" +
				"| a | b |\n|---|---|\n| 1 | 2 |\n\n![img](http://x/y.png) <http://auto.link> &copy; &#65; \\* ~~gone~~",
			Actors: []string{"op", "amp"}, Themes: []string{"code"}, Location: "<Tehran> & [Qom]", Status: "alleged",
			Related: []string{"heading-hash", "dup-a", "elsewhere"},
			Sources: []timeline.Source{
				{Publisher: "1. Reuters", Title: "[Click](javascript:alert(1))", URL: "https://example.com/a path/(x)<y>\\z",
					Published: d("2024-06"), Via: "<i>via</i>", Quote: "> quoted *emph*\n\nsecond `code` <img src=x onerror=alert(1)>"},
				{Publisher: "- Dash", Title: "no link", URL: "javascript:alert(1)"},
				{Publisher: "Plain", Title: "Entity &amp; test &#x41;", URL: "http://example.com/?a=1&amp;b=2&c"},
				{URL: "https://example.com/only-url_(1)"},
				{Publisher: "# Hash", URL: "HTTPS://Example.com/upper"},
			},
		},
		{
			ID: "heading-hash", Date: w("2024"), End: d("2025-03"), Title: "Heading ending in #",
			Summary: "OSC link \x1b]8;;http://evil\x07text\x1b]8;;\x07 and \u202ebidi\u202c and a NUL \x00 and DEL \x7f.",
			Status:  "reported",
			Sources: []timeline.Source{{Publisher: "AP", Quote: "“curly” and \"straight\" quotes & <tags>"}},
		},
		{ID: "dup-a", Date: w("2025-01-01"), Title: "Same title", Related: []string{"dup-b"},
			Sources: []timeline.Source{{Publisher: "A"}}},
		{ID: "dup-b", Date: w("2025-01-01"), Title: "Same title", Related: []string{"dup-a", "midnight"},
			Sources: []timeline.Source{{Publisher: "B"}}},
		{ID: "spaces", Date: w("2025-02"), Title: "  2025. spaced out, trailing backslash \\  ",
			Summary: "line one\r\nline two\r\n\r\n  10) second paragraph  \r\n", Actors: []string{"ctl"},
			Sources: many},
		{ID: "elsewhere", Date: w("2019-12-31"), Title: "Not exported with the filter", Sources: []timeline.Source{{Publisher: "X"}}},
	}
	return timeline.New("Hostile <b>*timeline*</b>", "", actors, themes, events)
}

// export runs a case and returns the document.
func (c exportCase) export(tb testing.TB) (*timeline.Timeline, []*timeline.Event, export.Options, []byte) {
	tb.Helper()
	tl := c.tl(tb)
	events, err := tl.Filter(c.filter)
	if err != nil {
		tb.Fatalf("filter: %v", err)
	}
	opts := export.Options{Title: c.title, Filter: c.filter, Version: "v1.2.3", Stamp: c.stamp, Annotations: c.ann}
	var buf bytes.Buffer
	if err := export.Markdown(&buf, tl, events, opts); err != nil {
		tb.Fatalf("Markdown: %v", err)
	}
	return tl, events, opts, buf.Bytes()
}

func goldenPath(name string) string {
	return filepath.Join("testdata", name+".md.golden")
}

// TestExportGolden compares each export with its golden file. Regenerate them with
// go test ./timeline/export -run Export -update.
func TestExportGolden(t *testing.T) {
	for _, c := range exportCases() {
		t.Run(c.name, func(t *testing.T) {
			_, _, _, got := c.export(t)
			path := goldenPath(c.name)
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
				t.Fatalf("%v; create it with go test ./timeline/export -run Export -update", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("export differs from %s; if the change is intended, run go test ./timeline/export -run Export -update\n%s",
					path, firstDiff(want, got))
			}
			// The same export twice gives the same bytes.
			if _, _, _, again := c.export(t); !bytes.Equal(got, again) {
				t.Errorf("two exports of the same view differ")
			}
		})
	}
}

// firstDiff shows the first line where two documents differ.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

// TestExportStructure parses every golden document (and the current export, when it
// differs) as CommonMark, with goldmark, and
// checks what a reader sees: one level-1 title, a level-2 heading per year and a level-3
// heading per event whose text is the event's date and title exactly as written, links
// only for sources with http(s) URLs (to those URLs) and for related events in the export
// (to their headings), no raw HTML, no code, no emphasis other than the field labels, no
// list or quote other than the header, the sources and their quotes; and every text of
// every event readable as written.
func TestExportStructure(t *testing.T) {
	for _, c := range exportCases() {
		t.Run(c.name, func(t *testing.T) {
			tl, events, opts, fresh := c.export(t)
			doc, err := os.ReadFile(goldenPath(c.name))
			if err != nil {
				t.Fatalf("%v; create it with go test ./timeline/export -run Export -update", err)
			}
			checkStructure(t, tl, events, opts, doc)
			if !bytes.Equal(doc, fresh) { // TestExportGolden reports the difference
				t.Run("fresh", func(t *testing.T) { checkStructure(t, tl, events, opts, fresh) })
			}
		})
	}
}

// labels are the only emphasis the export writes itself.
var labels = []string{"Actors:", "Themes:", "Status:", "Location:", "Supported by:", "Date filter:", "Related:", "Source:", "Sources:", "Reader's mark:", "Reader's note:"}

func checkStructure(t *testing.T, tl *timeline.Timeline, events []*timeline.Event, opts export.Options, doc []byte) {
	t.Helper()
	root := goldmark.New().Parser().Parse(text.NewReader(doc))

	var (
		h1, h2, h3 []string
		all        []string // every heading's text, in order
		h3at       []int    // index in all of each event heading
		links      []*ast.Link
		lists      []*ast.List
		quotes     int
		notes      int // block quotes of the reader's notes
		plain      strings.Builder
	)
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			t.Errorf("raw HTML node %s: %q", n.Kind(), nodeSource(n, doc))
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.ThematicBreak, *ast.Image, *ast.AutoLink:
			t.Errorf("unexpected %s node in the document", n.Kind())
		case *ast.Heading:
			txt := inlineText(t, n, doc, true)
			all = append(all, txt)
			plain.WriteString(txt + "\n")
			switch n.Level {
			case 1:
				h1 = append(h1, txt)
			case 2:
				h2 = append(h2, txt)
			case 3:
				h3 = append(h3, txt)
				h3at = append(h3at, len(all)-1)
			default:
				t.Errorf("unexpected level-%d heading %q", n.Level, txt)
			}
		case *ast.Emphasis:
			if txt := inlineText(t, n, doc, false); n.Level != 2 || !slices.Contains(labels, txt) {
				t.Errorf("unexpected emphasis (level %d) %q: text was not escaped", n.Level, txt)
			}
		case *ast.Link:
			links = append(links, n)
		case *ast.List:
			lists = append(lists, n)
		case *ast.Blockquote:
			if _, ok := n.Parent().(*ast.ListItem); ok {
				quotes++
				break
			}
			// The one other block quote is a reader's note, under its label.
			if p, ok := n.PreviousSibling().(*ast.Paragraph); ok && inlineText(t, p, doc, false) == "Reader's note:" {
				notes++
				break
			}
			t.Errorf("block quote outside a source's list item, and not a reader's note")
		case *ast.Paragraph, *ast.TextBlock:
			plain.WriteString(inlineText(t, n, doc, false))
			plain.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}

	title := oneLine(opts.Title)
	if title == "" {
		title = oneLine(tl.Title)
	}
	if title == "" {
		title = "Timeline"
	}
	if len(h1) != 1 || h1[0] != title {
		t.Errorf("level-1 headings %q, want [%q]", h1, title)
	}

	var years []string
	for i, e := range events {
		if i == 0 || e.Date.Year() != events[i-1].Date.Year() {
			years = append(years, strconv.Itoa(e.Date.Year()))
		}
	}
	if !slices.Equal(h2, years) {
		t.Errorf("year headings %q, want %q", h2, years)
	}

	if len(h3) != len(events) {
		t.Fatalf("%d event headings, want one per event: %d", len(h3), len(events))
	}
	anchors := githubAnchors(all)
	anchorOf := map[string]string{}
	for i, e := range events {
		if exp := expectedHeading(e); h3[i] != exp {
			t.Errorf("event %d heading %q, want the date and title as written %q", i+1, h3[i], exp)
		}
		anchorOf[e.ID] = anchors[h3at[i]]
	}

	// Links: one per source with an http(s) URL, to that URL; one per related event in
	// the export, to its heading.
	var wantURLs, gotURLs, wantAnchors, gotAnchors []string
	for _, e := range events {
		for _, id := range tl.RelatedInOrder(e) { // date order, as a reader reads them
			if a, ok := anchorOf[id]; ok {
				wantAnchors = append(wantAnchors, "#"+a)
			}
		}
		for _, s := range e.Sources {
			if webURL(s.URL) {
				wantURLs = append(wantURLs, strings.TrimSpace(s.URL))
			}
		}
	}
	for _, l := range links {
		dest := unescape(string(l.Destination))
		if strings.HasPrefix(dest, "#") {
			gotAnchors = append(gotAnchors, dest)
			continue
		}
		if strings.ContainsAny(dest, " ()<>\\") {
			t.Errorf("link destination %q holds a character that breaks links", dest)
		}
		gotURLs = append(gotURLs, dest)
	}
	if len(gotURLs) != len(wantURLs) {
		t.Errorf("%d source links, want %d (one per source with an http(s) URL): %q", len(gotURLs), len(wantURLs), gotURLs)
	} else {
		for i := range gotURLs {
			if !sameURL(gotURLs[i], wantURLs[i]) {
				t.Errorf("link %d goes to %q, want the source's URL %q", i+1, gotURLs[i], wantURLs[i])
			}
		}
	}
	if !slices.Equal(gotAnchors, wantAnchors) {
		t.Errorf("related links %q, want %q", gotAnchors, wantAnchors)
	}

	// Lists: the header, then one numbered list per event with sources, an item per source.
	withSources := 0
	for _, e := range events {
		if len(e.Sources) > 0 {
			withSources++
		}
	}
	ann := opts.Annotations
	if ann == nil {
		ann = opts.Filter.Annotations()
	}
	marked, noted := 0, 0
	if ann != nil {
		for _, e := range events {
			if ok, _ := ann.Mark(e.ID); ok {
				marked++
			}
			if strings.TrimSpace(ann.Note(e.ID)) != "" {
				noted++
			}
		}
	}
	headerItems := 4
	if marked+noted > 0 {
		headerItems++ // the reader's notebook
	}
	in := map[string]bool{}
	for _, e := range events {
		in[e.ID] = true
	}
	for _, e := range events {
		if slices.ContainsFunc(e.Related, func(id string) bool { return in[id] }) {
			headerItems++ // which renderers the links to related events are for
			break
		}
	}
	if len(lists) != 1+withSources {
		t.Errorf("%d lists, want %d: the header and one per event with sources", len(lists), 1+withSources)
	} else {
		if lists[0].IsOrdered() || lists[0].ChildCount() != headerItems {
			t.Errorf("header is not a %d-item bullet list", headerItems)
		}
		k := 1
		for _, e := range events {
			if len(e.Sources) == 0 {
				continue
			}
			if l := lists[k]; !l.IsOrdered() || l.Start != 1 || l.ChildCount() != len(e.Sources) {
				t.Errorf("event %q: sources list ordered=%v start=%d with %d items, want numbered from 1 with %d",
					e.ID, l.IsOrdered(), l.Start, l.ChildCount(), len(e.Sources))
			}
			k++
		}
	}
	wantQuotes := 0
	for _, e := range events {
		for _, s := range e.Sources {
			wantQuotes += len(s.Quoted())
		}
	}
	if quotes != wantQuotes {
		t.Errorf("%d block quotes, want one per quote: %d", quotes, wantQuotes)
	}
	if notes != noted {
		t.Errorf("%d reader's notes, want one per event with a note: %d", notes, noted)
	}

	// Every text reads as written.
	got := plain.String()
	want := func(what, s string) {
		if s != "" && !strings.Contains(got, s) {
			t.Errorf("%s %q does not read as written in the document", what, s)
		}
	}
	for _, e := range events {
		want("title", oneLine(e.Title))
		want("location", oneLine(e.Location))
		for _, id := range e.Actors {
			want("actor", oneLine(tl.ActorName(id)))
		}
		for _, id := range e.Themes {
			want("theme", oneLine(tl.ThemeName(id)))
		}
		for _, p := range paragraphs(e.Summary) {
			want("summary paragraph", p)
		}
		for _, s := range e.Sources {
			want("publisher", oneLine(s.Publisher))
			want("source title", oneLine(s.Title))
			want("via", oneLine(s.Via))
			for _, p := range paragraphs(s.Quote) {
				want("quote paragraph", p)
			}
		}
	}
	if ann != nil {
		for _, e := range events {
			if ok, labels := ann.Mark(e.ID); ok {
				mark := strings.Join(labels, ", ")
				if mark == "" {
					mark = "marked"
				}
				want("reader's mark", "Reader's mark: "+mark)
			}
			for _, p := range paragraphs(ann.Note(e.ID)) {
				want("note paragraph", p)
			}
		}
	}
	if len(events) == 0 && !strings.Contains(got, "No event matched") && !strings.Contains(got, "no events") {
		t.Errorf("an empty export does not say that nothing matched")
	}

	// GFM readers see no table or strikethrough either.
	gfm := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(doc))
	ast.Walk(gfm, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.Kind() {
			case east.KindTable, east.KindStrikethrough, east.KindTaskCheckBox, ast.KindRawHTML, ast.KindHTMLBlock:
				t.Errorf("GFM reading has a %s node", n.Kind())
			}
		}
		return ast.WalkContinue, nil
	})
}

// expectedHeading is an event's heading as a reader must see it: its date in the words
// every output shares (Event.Span, tested in timeline), a dash, its title with control
// characters replaced.
func expectedHeading(e *timeline.Event) string {
	d := e.Span()
	if title := oneLine(e.Title); title != "" {
		return d + " — " + title
	}
	return d
}

// oneLine is a one-line field as the document must show it.
func oneLine(s string) string { return strings.TrimSpace(timeline.SanitizeLine(s)) }

// paragraphs splits multi-line text as the document must show it: at blank lines (a line
// of white space is blank, as in Markdown), each paragraph's lines trimmed and joined with
// a space.
func paragraphs(s string) []string {
	var out, lines []string
	for _, l := range strings.Split(timeline.Sanitize(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
			continue
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, " "))
			lines = nil
		}
	}
	if len(lines) > 0 {
		out = append(out, strings.Join(lines, " "))
	}
	return out
}

// inlineText returns what a reader sees of a node's inline content, with backslash
// escapes and entities resolved as a CommonMark renderer does. With textOnly, any inline
// markup inside (emphasis, links) is an error: headings must hold plain text.
func inlineText(t *testing.T, n ast.Node, src []byte, textOnly bool) string {
	t.Helper()
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(unescape(string(c.Value(src))))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(unescape(string(c.Value)))
		default:
			if textOnly {
				t.Errorf("markup %s inside a heading: text was not escaped", c.Kind())
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// entityRef is a CommonMark entity or numeric character reference at the start of text.
var entityRef = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// unescape resolves CommonMark backslash escapes and entity references in one pass, as a
// renderer does: "\&amp;" is "&amp;", "&amp;" is "&".
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && s[i+1] < 0x80 && (unicode.IsPunct(rune(s[i+1])) || unicode.IsSymbol(rune(s[i+1]))) {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if ref := entityRef.FindString(s[i:]); ref != "" {
			if u := html.UnescapeString(ref); u != ref {
				b.WriteString(u)
				i += len(ref) - 1
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func nodeSource(n ast.Node, src []byte) string {
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return string(l.Value(src))
	}
	if t, ok := n.(*ast.RawHTML); ok && t.Segments.Len() > 0 {
		return string(t.Segments.Value(src))
	}
	return ""
}

// webURL reports whether a source's URL is one the export may link: absolute http(s).
func webURL(s string) bool {
	u, err := url.Parse(strings.ReplaceAll(strings.TrimSpace(s), " ", "%20"))
	return err == nil && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) && u.Host != ""
}

// sameURL reports whether a link destination is the source's URL, allowing for the
// percent-encoding of characters that would break a Markdown link.
func sameURL(dest, raw string) bool {
	if dest == raw {
		return true
	}
	d, err1 := url.PathUnescape(dest)
	r, err2 := url.PathUnescape(raw)
	return err1 == nil && err2 == nil && d == r
}

// githubAnchors computes, independently of the export, the anchors GitHub gives headings
// (github-slugger), in order. It follows github-slugger's own statement of the rule, the
// categories it strips, where the export lists the ones it keeps.
func githubAnchors(headings []string) []string {
	seen := map[string]int{}
	var out []string
	for _, h := range headings {
		var b strings.Builder
		for _, r := range strings.ToLower(h) {
			if r == ' ' {
				b.WriteByte('-')
			} else if !sluggerStrips(r) {
				b.WriteRune(r)
			}
		}
		base, slug := b.String(), b.String()
		for n := 1; ; n++ {
			if _, taken := seen[slug]; !taken {
				break
			}
			slug = base + "-" + strconv.Itoa(n)
		}
		seen[slug] = 0
		out = append(out, slug)
	}
	return out
}

// sluggerStrips reports whether github-slugger removes r from an anchor: other numbers,
// punctuation but connectors and "-", symbols, controls, private use, format characters,
// unassigned code points and separators but " "; anything alphabetic is kept
// (script/generate-regex.mjs in github-slugger).
func sluggerStrips(r rune) bool {
	if r == ' ' || r == '-' || unicode.In(r, unicode.L, unicode.Nl, unicode.Other_Alphabetic) {
		return false
	}
	// unicode.C holds the unassigned code points (Cn) as well as controls, format and
	// private use characters; surrogates never reach here in valid UTF-8.
	return unicode.In(r, unicode.No, unicode.Ps, unicode.Pe, unicode.Pi, unicode.Pf, unicode.Po, unicode.Pd,
		unicode.S, unicode.C, unicode.Z)
}

// TestSlugCategories pins a character of each kind that the letter and digit tests alone
// would get wrong: a letter number and an alphabetic symbol are kept, a connector other
// than "_" is kept, an other number and a dash other than "-" are dropped.
func TestSlugCategories(t *testing.T) {
	tl := timeline.New("T", "", nil, nil, []timeline.Event{
		{ID: "a", Date: timeline.MustWhen("2024-06"), Title: "Ⅻ Ⓐ a‿b ½ x–y", Related: []string{"b"}},
		{ID: "b", Date: timeline.MustWhen("2024-07"), Title: "Ⅻ Ⓐ a‿b ½ x–y", Related: []string{"a"}},
	})
	events, _ := tl.Filter(timeline.Filter{})
	var buf bytes.Buffer
	if err := export.Markdown(&buf, tl, events, export.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(#june-2024--ⅻ-ⓐ-a‿b--xy)", "(#july-2024--ⅻ-ⓐ-a‿b--xy)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("export has no link %s\n%s", want, buf.String())
		}
	}
}

// TestExportEscapesEveryField is the title from the issue, in every place text goes.
func TestExportEscapesEveryField(t *testing.T) {
	const nasty = "*Operation* [Midnight] #1 | <b>"
	tl := timeline.New(nasty, "", []timeline.Actor{{ID: "a", Name: nasty}}, []timeline.Theme{{ID: "t", Name: nasty}},
		[]timeline.Event{{ID: "e", Date: timeline.MustWhen("2024-06"), Title: nasty, Summary: nasty, Location: nasty,
			Actors: []string{"a"}, Themes: []string{"t"}, Status: "confirmed",
			Sources: []timeline.Source{{Publisher: nasty, Title: nasty, URL: "https://example.com/(a b)", Via: nasty, Quote: nasty}}}})
	events, _ := tl.Filter(timeline.Filter{})
	opts := export.Options{Title: nasty, Filter: timeline.Filter{}.With(timeline.ActorFilter, "a").WithText(nasty)}
	var buf bytes.Buffer
	if err := export.Markdown(&buf, tl, events, opts); err != nil {
		t.Fatal(err)
	}
	checkStructure(t, tl, events, opts, buf.Bytes())
	if n := strings.Count(buf.String(), `\*Operation\* \[Midnight\] \#1 \| \<b\>`); n != 13 {
		t.Errorf("the title is escaped %d times, want 13 (document title, timeline title, filter actor and text, heading, actor, theme, location, summary, publisher, source title, via, quote)\n%s", n, buf.String())
	}
}

// FuzzExportEscaping puts the same fuzzed text in every field of an event, and in the
// header, and checks the document as TestExportStructure does: whatever the text, it reads
// as written, forms no markup, no raw HTML and no link but the source's.
func FuzzExportEscaping(f *testing.F) {
	for _, s := range []string{
		"*Operation* [Midnight] #1 | <b>", "<script>alert(1)</script>", "&amp; &#65; &#x41;", "1. x", "10) x",
		"- x", "+ x", "= x", "> x", "# x", "```", "~~~", "\\", "x\\", "a\nb\n\nc", "\x1b[31mred", "    code",
		"[a](b)", "![i](u)", "<http://x>", "~~x~~", "_x_", "***", "---", "===", "| a | b |", "a  ", "\u202eevil",
		"(x) <y> \\z", "[x]: /url", "\r\n", "", "Ⅾ Ⓐ a‿b ½ x–y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// URLs reach the export checked by the loader: absolute http(s), no spaces or
		// controls before the path; here the path is the fuzzed text, printable ASCII.
		u := "https://example.com/p/" + strings.Map(func(r rune) rune {
			if r < 0x20 || r >= 0x7f || r == '%' {
				return -1
			}
			return r
		}, s)
		tl := timeline.New(s, "", []timeline.Actor{{ID: "a", Name: s}}, []timeline.Theme{{ID: "t", Name: s}},
			[]timeline.Event{{ID: "e", Date: timeline.MustWhen("2024-06"), Title: s, Summary: s, Location: s,
				Actors: []string{"a"}, Themes: []string{"t"}, Status: s, Related: []string{"e"},
				Sources: []timeline.Source{{Publisher: s, Title: s, URL: u, Via: s, Quote: s}, {Publisher: s, Quote: s}}}})
		events, err := tl.Filter(timeline.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		opts := export.Options{Title: s, Version: s, Filter: timeline.Filter{}.With(timeline.ActorFilter, "a").WithText(s)}
		var buf bytes.Buffer
		if err := export.Markdown(&buf, tl, events, opts); err != nil {
			t.Fatal(err)
		}
		checkStructure(t, tl, events, opts, buf.Bytes())
	})
}

// TestExportWriteError stops at the first failed write and returns its error.
func TestExportWriteError(t *testing.T) {
	tl := timelinetest.GenerateTimeline(2000, 1)
	events, _ := tl.Filter(timeline.Filter{})
	w := &failAfter{n: 4096}
	err := export.Markdown(w, tl, events, export.Options{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("error %v, want the writer's", err)
	}
	if w.calls > 2 {
		t.Errorf("%d writes after the first failure, want the export to stop", w.calls-1)
	}
}

type failAfter struct {
	n, calls int
}

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		f.calls++
		return 0, fmt.Errorf("write: disk full")
	}
	f.n -= len(p)
	return len(p), nil
}

// BenchmarkExport writes every event of a synthetic timeline, as `tlx export` with no
// filter does, to io.Discard: the cost the export adds to loading.
func BenchmarkExport(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			tl := timelinetest.GenerateTimeline(n, 1)
			events, err := tl.Filter(timeline.Filter{})
			if err != nil {
				b.Fatal(err)
			}
			var size countWriter
			if err := export.Markdown(&size, tl, events, export.Options{Version: "bench"}); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := export.Markdown(io.Discard, tl, events, export.Options{Version: "bench"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExportFile is BenchmarkExport/n=100000 written as tlx export -o does: through
// WriteFileFunc into a temporary file, flushed to disk and renamed over the last one.
func BenchmarkExportFile(b *testing.B) {
	const n = 100_000
	tl := timelinetest.GenerateTimeline(n, 1)
	events, err := tl.Filter(timeline.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "export.md")
	b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			err := atomicfile.WriteFunc(path, true, func(w io.Writer) error {
				return export.Markdown(w, tl, events, export.Options{Version: "bench"})
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

func TestEventMarkdown(t *testing.T) {
	for n, tl := range []*timeline.Timeline{embedded(t), hostile(t)} {
		var doc bytes.Buffer
		if err := export.Markdown(&doc, tl, eventsOf(tl), export.Options{}); err != nil {
			t.Fatal(err)
		}
		for i := range tl.Events {
			e := &tl.Events[i]
			md := export.EventMarkdown(tl, e)
			if !strings.HasPrefix(md, "### ") {
				t.Errorf("%s: EventMarkdown does not start with its heading: %q", e.ID, md)
			}
			// Alone, there is no export for a related event to be left out of.
			if strings.Contains(md, "not in this export") {
				t.Errorf("%s: EventMarkdown says a related event is not in this export:\n%s", e.ID, md)
			}
			for _, id := range e.Related {
				// The embedded timeline's titles need no escaping: they read as written.
				if r := tl.Event(id); n == 0 && r != nil && !strings.Contains(md, export.HeadingText(r)) {
					t.Errorf("%s: EventMarkdown does not name related event %s:\n%s", e.ID, id, md)
				}
			}
			// Without related links, the event reads exactly as in a full export.
			if len(e.Related) == 0 && !strings.Contains(doc.String(), "\n"+md) {
				t.Errorf("%s: EventMarkdown differs from the event in the export:\n%s", e.ID, md)
			}
			// Alone, it never links to headings that are not there, and has no raw HTML.
			root := goldmark.New().Parser().Parse(text.NewReader([]byte(md)))
			ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering {
					return ast.WalkContinue, nil
				}
				switch n := n.(type) {
				case *ast.RawHTML, *ast.HTMLBlock:
					t.Errorf("%s: raw HTML in EventMarkdown", e.ID)
				case *ast.Link:
					if strings.HasPrefix(string(n.Destination), "#") {
						t.Errorf("%s: EventMarkdown links to an anchor: %s", e.ID, n.Destination)
					}
				}
				return ast.WalkContinue, nil
			})
		}
	}
}

func eventsOf(tl *timeline.Timeline) []*timeline.Event {
	events, _ := tl.Filter(timeline.Filter{})
	return events
}

// TestRelatedInDateOrder: an event's related events are listed in date order, as a
// reader reads them, not in the order the file names them (midnight names heading-hash
// of 2024, dup-a of 2025, then elsewhere of 2019).
func TestRelatedInDateOrder(t *testing.T) {
	tl := hostile(t)
	e := tl.Event("midnight")
	if got, want := tl.RelatedInOrder(e), []string{"elsewhere", "heading-hash", "dup-a"}; !slices.Equal(got, want) {
		t.Fatalf("RelatedInOrder = %v, want %v", got, want)
	}
	md := export.EventMarkdown(tl, e)
	related := md[strings.Index(md, "**Related:**"):]
	related = related[:strings.Index(related, "\n")]
	a, b, c := strings.Index(related, "Not exported"), strings.Index(related, "Heading ending"), strings.Index(related, "Same title")
	if a < 0 || b < 0 || c < 0 || !(a < b && b < c) {
		t.Errorf("related events not in date order: %s", related)
	}
	// Ids the timeline lacks come last, in the file's order.
	odd := &timeline.Event{Related: []string{"nope", "dup-a", "zz", "elsewhere"}}
	if got, want := tl.RelatedInOrder(odd), []string{"elsewhere", "dup-a", "nope", "zz"}; !slices.Equal(got, want) {
		t.Errorf("RelatedInOrder = %v, want %v", got, want)
	}
}

// TestExportHeaderBuiltIn: an export of the built-in timeline names it as built into
// tlx and its version, not data/timeline.toml, which a user of the binary does not have;
// a file keeps its name.
func TestExportHeaderBuiltIn(t *testing.T) {
	var b bytes.Buffer
	tl := embedded(t)
	if err := export.Markdown(&b, tl, []*timeline.Event{&tl.Events[0]}, export.Options{Version: "v1.2.3"}); err != nil {
		t.Fatal(err)
	}
	if want := "- From the timeline “" + tl.Title + "” built into tlx v1.2.3\n"; !strings.Contains(b.String(), want) || strings.Contains(b.String(), data.Name) {
		t.Errorf("header of the built-in timeline:\n%s\nwant %q", b.String(), want)
	}
}

// TestExportNoteKeepsLines: a reader's note keeps its lines (F11 of tryout3): a list
// typed in a note stays one item a line, each a "> " line ending in a hard break, with a
// bare ">" between paragraphs, and every line escaped as any line of the export is.
func TestExportNoteKeepsLines(t *testing.T) {
	st, err := notebook.Parse("notes.toml", []byte(`version = 1

[events.routh-sentenced]
note = """
To check:
- the judgment
- the gun count

1. *first*"""
`))
	if err != nil {
		t.Fatal(err)
	}
	tl := embedded(t)
	e := tl.Event("routh-sentenced")
	md := export.EventMarkdownNotes(tl, e, st)
	want := "**Reader's note:**\n\n> To check:\\\n> \\- the judgment\\\n> \\- the gun count\n>\n> 1\\. \\*first\\*\n"
	if !strings.Contains(md, want) {
		t.Fatalf("the note lost its lines; want\n%s\nin\n%s", want, md)
	}
	// A CommonMark reader sees the lines apart: hard breaks, no list.
	part := md[strings.Index(md, "**Reader's note:**"):]
	root := goldmark.New().Parser().Parse(text.NewReader([]byte(part)))
	hard := 0
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.List:
			t.Errorf("the note's lines read as a Markdown list")
		case *ast.Text:
			if n.HardLineBreak() {
				hard++
			}
		}
		return ast.WalkContinue, nil
	})
	if hard != 2 {
		t.Errorf("%d hard line breaks in the note, want 2:\n%s", hard, md)
	}
}
