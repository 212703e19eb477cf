package manual

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// FromMarkdown converts a Markdown page (CommonMark with GitHub's tables) into sections:
// the first heading is the page's title and is left out, each "##" is a section, each
// "###" a subsection, deeper headings bold lines. link turns a link's destination into
// what a reader of the page can follow: a URL kept, a file of the docs named by its help
// topic; "" shows the link's text alone (an anchor of the same page).
func FromMarkdown(src []byte, link func(dest string) string) []Section {
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	root := md.Parser().Parse(text.NewReader(src))
	c := &mdConverter{src: src, link: link}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if h.Level == 1 {
				c.title = true
				continue
			}
			c.out = append(c.out, Section{Title: plainText(c.inline(h)), Level: h.Level - 1})
			continue
		}
		b := c.block(n)
		if b == nil {
			continue
		}
		if len(c.out) == 0 {
			c.out = append(c.out, Section{Level: 1})
		}
		last := &c.out[len(c.out)-1]
		last.Blocks = append(last.Blocks, b)
	}
	return c.out
}

type mdConverter struct {
	src   []byte
	link  func(string) string
	out   []Section
	title bool
}

func (c *mdConverter) block(n ast.Node) Block {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return Para(c.inline(n))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var lines Literal
		segs := n.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			lines = append(lines, strings.TrimRight(string(seg.Value(c.src)), "\n\r"))
		}
		return lines
	case *ast.List:
		var list List
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			var blocks []Block
			for b := item.FirstChild(); b != nil; b = b.NextSibling() {
				if x := c.block(b); x != nil {
					blocks = append(blocks, x)
				}
			}
			list = append(list, blocks)
		}
		return list
	case *ast.Blockquote:
		// Rare in the docs: its paragraphs, as paragraphs.
		var spans []Span
		for b := n.FirstChild(); b != nil; b = b.NextSibling() {
			if p, ok := c.block(b).(Para); ok {
				if len(spans) > 0 {
					spans = append(spans, T(" "))
				}
				spans = append(spans, p...)
			}
		}
		return Para(spans)
	case *east.Table:
		var tb Table
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []Cell
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, Cell(c.inline(cell)))
			}
			if _, ok := row.(*east.TableHeader); ok {
				tb.Head = cells
			} else {
				tb.Rows = append(tb.Rows, cells)
			}
		}
		return tb
	}
	return nil // HTML, thematic breaks
}

// inline converts the inline children of n into spans.
func (c *mdConverter) inline(n ast.Node) []Span {
	var out []Span
	var walk func(n ast.Node, kind Kind)
	walk = func(n ast.Node, kind Kind) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.Text:
				s := string(unescape(ch.Segment.Value(c.src)))
				if ch.SoftLineBreak() || ch.HardLineBreak() {
					s += " "
				}
				out = append(out, Span{Kind: kind, Text: s})
			case *ast.String:
				out = append(out, Span{Kind: kind, Text: string(ch.Value)})
			case *ast.CodeSpan:
				var b strings.Builder
				for t := ch.FirstChild(); t != nil; t = t.NextSibling() {
					if tx, ok := t.(*ast.Text); ok {
						b.Write(tx.Segment.Value(c.src))
					}
				}
				out = append(out, C(b.String()))
			case *ast.Emphasis:
				k := Emph
				if ch.Level >= 2 {
					k = Strong
				}
				walk(ch, k)
			case *ast.Link:
				start := len(out)
				walk(ch, kind)
				url := c.link(string(ch.Destination))
				label := plainText(out[start:])
				out = append(out[:start], Span{Kind: Link, Text: label, URL: url})
			case *ast.AutoLink:
				u := string(ch.URL(c.src))
				out = append(out, Span{Kind: Link, Text: u, URL: u})
			default:
				walk(ch, kind) // raw HTML and the rest: their text, if any
			}
		}
	}
	walk(n, Plain)
	return merge(out)
}

// unescape turns Markdown's backslash escapes and character references into the
// characters they stand for, as an HTML renderer does.
func unescape(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// merge joins neighbouring spans of one kind.
func merge(spans []Span) []Span {
	var out []Span
	for _, s := range spans {
		if n := len(out); n > 0 && out[n-1].Kind == s.Kind && s.Kind != Link {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	if n := len(out); n > 0 && out[n-1].Kind == Plain {
		out[n-1].Text = strings.TrimRight(out[n-1].Text, " ")
	}
	return out
}
