package manual

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/internal/manual/mantest"
)

func TestParagraphs(t *testing.T) {
	got := Paragraphs("one line\nand its next\n\n  literal  kept\n\tand tabbed\nthen a paragraph\n")
	want := []Block{
		Para{T("one line and its next")},
		Literal{"literal  kept", "  and tabbed"},
		Para{T("then a paragraph")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Paragraphs:\n%#v\nwant\n%#v", got, want)
	}
}

// sample is a page with one block of every kind, long enough to wrap.
func sample() *Doc {
	long := strings.Repeat("word ", 30) + "end"
	return &Doc{Name: "tlx", Section: 1, Summary: "a sample", Sections: []Section{
		{Level: 1, Blocks: []Block{Para{T(long)}}},
		{Title: "Flags", Level: 1, Blocks: []Block{Defs{
			{Term: []Span{C("-a"), T(", "), C("--actor"), T(" "), A("ACTOR")}, Desc: []Block{Para{T(long)}}},
			{Term: []Span{C("--a-flag-name-far-too-long-for-the-column")}, Desc: []Block{Para{T("short")}}},
		}}},
		{Title: "Sub", Level: 2, Blocks: []Block{
			Literal{".starts with a dot", `back\slash`, "'quote"},
			List{{Para{T(long)}}, {Para{T("two")}}},
			Table{Head: []Cell{{T("Key")}, {T("Meaning")}}, Rows: [][]Cell{
				{{C("title")}, {T(long)}},
				{{C("date")}, {T("when")}},
			}},
			Para{T(".a line that starts with a dot, "), C("--flag"), T(", and "), Span{Kind: Link, Text: "a link", URL: "https://example.com"}},
		}},
	}}
}

// TestTextWraps: every line fits the width unless one word is wider, and none ends in a
// space; terms and bullets hang their text.
func TestTextWraps(t *testing.T) {
	for _, width := range []int{40, 60, 80, 100} {
		var b bytes.Buffer
		if err := sample().Text(&b, width, Styles{}); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("width %d, line %d ends in a space: %q", width, i+1, line)
			}
			if w := ansi.StringWidth(line); w > width && !strings.Contains(line, "far-too-long") {
				t.Errorf("width %d, line %d is %d wide: %q", width, i+1, w, line)
			}
		}
		out := strings.Join(strings.Fields(b.String()), " ")
		for _, want := range []string{"-a, --actor ACTOR word", "• word", "title", "a link (https://example.com)", ".starts with a dot"} {
			if !strings.Contains(out, want) {
				t.Errorf("width %d: no %q in\n%s", width, want, out)
			}
		}
	}
}

// TestTextStyles: styles apply to headings, code and placeholders, and to nothing else.
func TestTextStyles(t *testing.T) {
	var b bytes.Buffer
	st := Styles{
		Heading: func(s string) string { return "<h>" + s + "</h>" },
		Term:    func(s string) string { return "<c>" + s + "</c>" },
		Arg:     func(s string) string { return "<a>" + s + "</a>" },
	}
	if err := sample().Text(&b, 200, st); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h>FLAGS</h>", "<c>-a</c>, <c>--actor</c> <a>ACTOR</a>", "<c>--flag</c>,"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}

// TestRoffEscapes: no text line of the page reads as a request, a backslash is \e, and
// a flag's hyphens are \- so that it copies as typed.
func TestRoffEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := sample().Roff(&b, "2026-01-02", "tlx 1.0"); err != nil {
		t.Fatal(err)
	}
	roff := b.String()
	flat := strings.Join(strings.Fields(roff), " ")
	for _, want := range []string{
		`'\" t`, `.TH "TLX" 1 "2026-01-02" "tlx 1.0" "User Commands"`, `tlx \- a sample`,
		`\&.starts with a dot`, `back\eslash`, `\&'quote`, `\&.a line that starts`, `\fB\-\-flag\fR`,
		`\fB\-a\fR, \fB\-\-actor\fR \fIACTOR\fR`, `.SS "Sub"`, ".TS", ".TE", `a link <\fIhttps://example.com\fR>`,
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("no %q in\n%s", want, roff)
		}
	}
	for i, line := range strings.Split(roff, "\n") {
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			req := strings.Fields(line)[0]
			switch req {
			case `'\"`, `.\"`, ".TH", ".SH", ".SS", ".PP", ".IP", ".TP", ".nf", ".fi", ".RS", ".RE", ".TS", ".TE", ".T&", ".nh", ".ad":
			default:
				t.Errorf("line %d reads as the request %s: %q", i+1, req, line)
			}
		}
	}
}

// TestRoffRenders runs man on the page, when it is installed, and checks that groff
// finds nothing to warn about.
func TestRoffRenders(t *testing.T) {
	var b bytes.Buffer
	if err := sample().Roff(&b, "", "tlx"); err != nil {
		t.Fatal(err)
	}
	text, warnings := mantest.Render(t, b.Bytes())
	if warnings != "" {
		t.Errorf("man warns:\n%s", warnings)
	}
	if !strings.Contains(text, "-a, --actor ACTOR") || !strings.Contains(text, ".starts with a dot") {
		t.Errorf("man shows:\n%s", text)
	}
}

func TestFromMarkdown(t *testing.T) {
	src := "# Title\n\nIntro with `code`, *emphasis*, **bold** and a [link](https://example.com) and an [anchor](#x).\n\n" +
		"## Section\n\n- one\n- two\n\n```toml\nkey = \"v\"\n```\n\n| a | b |\n|---|---|\n| `x` | y \\| z |\n\n### Sub\n\ntext\n"
	got := FromMarkdown([]byte(src), func(dest string) string {
		if strings.HasPrefix(dest, "#") {
			return ""
		}
		return dest
	})
	want := []Section{
		{Level: 1, Blocks: []Block{Para{T("Intro with "), C("code"), T(", "), Span{Kind: Emph, Text: "emphasis"}, T(", "),
			B("bold"), T(" and a "), Span{Kind: Link, Text: "link", URL: "https://example.com"}, T(" and an "), Span{Kind: Link, Text: "anchor"}, T(".")}}},
		{Title: "Section", Level: 1, Blocks: []Block{
			List{{Para{T("one")}}, {Para{T("two")}}},
			Literal{`key = "v"`},
			Table{Head: []Cell{{T("a")}, {T("b")}}, Rows: [][]Cell{{{C("x")}, {T("y | z")}}}},
		}},
		{Title: "Sub", Level: 2, Blocks: []Block{Para{T("text")}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FromMarkdown:\n%#v\nwant\n%#v", got, want)
	}
}
