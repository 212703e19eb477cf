// Package manual holds tlx's documentation as one small document model and writes it two
// ways: as text for a terminal (tlx --help, tlx help TOPIC) and as roff for man (tlx man).
// The help and the man page are built from the same command tree into this model, so
// they cannot say different things; Markdown (docs/format.md) converts into it too, so
// the format reference ships inside the binary instead of pointing at a file an
// installed binary does not have.
package manual

import (
	"strings"
)

// Doc is one page: a man page, or a help topic.
type Doc struct {
	Name     string // the page's name: "tlx", "tlx-format"
	Section  int    // the man section: 1 for commands, 5 for file formats
	Summary  string // what the NAME section says after the name: "explore a timeline ..."
	Sections []Section
}

// Section is a titled part of a page. Level 1 is a man page's .SH (a help's heading),
// 2 its .SS, 3 and deeper a bold line.
type Section struct {
	Title  string
	Level  int
	Blocks []Block
}

// Block is one of Para, Literal, Defs, List and Table.
type Block interface{ block() }

// Para is a paragraph: spans that wrap to the width they are given.
type Para []Span

// Literal is text shown as written, line for line: examples, code, a file.
type Literal []string

// Defs is a list of terms, each with its description: flags, keys, commands.
type Defs []Def

// Def is a term and what it means.
type Def struct {
	Term []Span
	Desc []Block
}

// List is a bulleted list; each item is its blocks.
type List [][]Block

// Table is a table of spans, its first row the header.
type Table struct {
	Head []Cell
	Rows [][]Cell
}

// Cell is the spans of one table cell.
type Cell []Span

func (Para) block()    {}
func (Literal) block() {}
func (Defs) block()    {}
func (List) block()    {}
func (Table) block()   {}

// Kind is how a span of text is set.
type Kind uint8

// The kinds of span.
const (
	Plain  Kind = iota
	Code        // a command, a flag, a key or a value, typed as shown: bold in man
	Strong      // bold
	Emph        // italic in man
	Arg         // a placeholder the reader replaces: FILE, ID; italic in man
	Link        // text with a URL, shown after it unless it is the text
)

// Span is a run of text of one kind.
type Span struct {
	Kind Kind
	Text string
	URL  string // for a Link
}

// T is a plain span.
func T(s string) Span { return Span{Kind: Plain, Text: s} }

// C is a code span.
func C(s string) Span { return Span{Kind: Code, Text: s} }

// A is a placeholder span.
func A(s string) Span { return Span{Kind: Arg, Text: s} }

// B is a bold span.
func B(s string) Span { return Span{Kind: Strong, Text: s} }

// Paragraphs reads text written as tlx's commands write their long help: paragraphs
// separated by blank lines, their lines joined; lines indented by two spaces or more are
// literal, shown as written (a list of formats, the shape of a message); a tab is four
// spaces.
func Paragraphs(text string) []Block {
	var out []Block
	var para []string
	var lit Literal
	flush := func() {
		if len(para) > 0 {
			out = append(out, Para{T(strings.Join(para, " "))})
			para = nil
		}
		if len(lit) > 0 {
			out = append(out, lit)
			lit = nil
		}
	}
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		line = strings.ReplaceAll(line, "\t", "    ")
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "  "):
			if len(para) > 0 {
				flush()
			}
			lit = append(lit, strings.TrimRight(line[2:], " "))
		default:
			if len(lit) > 0 {
				flush()
			}
			para = append(para, strings.TrimSpace(line))
		}
	}
	flush()
	return out
}

// plainText is the text of spans, without styles.
func plainText(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// defs is the table as a definition list, for a page too narrow for its columns: each
// row's first cell is the term, and the others, after their headers, its description.
func (tb Table) defs() Defs {
	ncol := len(tb.Head)
	var defs Defs
	for _, row := range tb.Rows {
		if len(row) == 0 {
			continue
		}
		d := Def{Term: row[0]}
		var desc []Span
		for i, c := range row[1:] {
			if len(c) == 0 {
				continue
			}
			if len(desc) > 0 {
				desc = append(desc, T("; "))
			}
			// Each cell is named by its header, but for the second of two columns, which
			// is plainly what the term means.
			if h := plainText(tb.Head[i+1]); ncol > 2 && h != "" {
				desc = append(desc, T(h+": "))
			}
			desc = append(desc, c...)
		}
		d.Desc = []Block{Para(desc)}
		defs = append(defs, d)
	}
	return defs
}
