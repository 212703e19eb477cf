package timeline

import (
	"html"
	"strings"
	"unicode/utf8"
)

// HTML in the text of a TimelineJS slide (its JSON or its sheet) is taken to plain text
// here: tags are dropped, entities decoded, <p> and <br> kept as paragraph and line
// breaks, and what a <script>, <style> or comment holds dropped whole. Nothing of the
// markup survives, and the text then meets the check like any other. The elements tlx's
// own writer marks with a tlx-... class (see timeline/export/html.go) are read back into
// the fields they came from.

// htmlTag is a tag of an HTML text: its lower-cased name, whether it closes, and the
// attributes tlx reads.
type htmlTag struct {
	name          string
	end           bool
	class, dataID string
	href          string
}

// scanHTML calls text for each run of text, decoded, and tag for each tag, in order.
// It reads in one pass and never backtracks, whatever the input.
func scanHTML(s string, text func(string), tag func(htmlTag)) {
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			text(html.UnescapeString(s))
			return
		}
		if i > 0 {
			text(html.UnescapeString(s[:i]))
		}
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "<!--"):
			end := strings.Index(s[4:], "-->")
			if end < 0 {
				return
			}
			s = s[4+end+3:]
			continue
		case len(s) > 1 && (s[1] == '/' || isASCIILetter(s[1])):
		default: // a '<' that starts no tag is text: "a < b"
			text("<")
			s = s[1:]
			continue
		}
		end := tagEnd(s)
		if end < 0 {
			return // a tag never closed: drop it and what follows
		}
		t := parseTag(s[1:end])
		s = s[end+1:]
		if !t.end && (t.name == "script" || t.name == "style") {
			close := indexEndTag(s, t.name)
			if close < 0 {
				return
			}
			s = s[close:]
			continue
		}
		tag(t)
	}
}

// indexEndTag returns the index in s of the end tag "</name", in any case, or -1; in one
// pass, however many such tags a text holds.
func indexEndTag(s, name string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return -1
		}
		i += j
		if len(s)-i-2 >= len(name) && strings.EqualFold(s[i+2:i+2+len(name)], name) {
			return i
		}
		i += 2
	}
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// tagEnd returns the index of the '>' that ends the tag s starts with, skipping quoted
// attribute values, or -1.
func tagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// parseTag reads a tag's inside, "span class=\"x\"" or "/p".
func parseTag(s string) htmlTag {
	var t htmlTag
	if strings.HasPrefix(s, "/") {
		t.end, s = true, s[1:]
	}
	i := 0
	for i < len(s) && !isSpace(s[i]) && s[i] != '/' {
		i++
	}
	t.name, s = strings.ToLower(s[:i]), s[i:]
	for {
		s = strings.TrimLeft(s, " \t\r\n\f/")
		if s == "" {
			return t
		}
		i := 0
		for i < len(s) && !isSpace(s[i]) && s[i] != '=' && s[i] != '/' {
			i++
		}
		name := strings.ToLower(s[:i])
		s = strings.TrimLeft(s[i:], " \t\r\n\f")
		value := ""
		if strings.HasPrefix(s, "=") {
			s = strings.TrimLeft(s[1:], " \t\r\n\f")
			if s != "" && (s[0] == '"' || s[0] == '\'') {
				end := strings.IndexByte(s[1:], s[0])
				if end < 0 {
					value, s = s[1:], ""
				} else {
					value, s = s[1:1+end], s[2+end:]
				}
			} else {
				j := 0
				for j < len(s) && !isSpace(s[j]) {
					j++
				}
				value, s = s[:j], s[j:]
			}
			value = html.UnescapeString(value)
		}
		switch name {
		case "class":
			t.class = value
		case "data-id":
			t.dataID = value
		case "href":
			t.href = value
		}
		if i == 0 && value == "" && s != "" {
			s = s[1:] // a stray character: move on
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// htmlBlocks are the tags that end a paragraph of plain text.
var htmlBlocks = map[string]bool{
	"p": true, "div": true, "li": true, "ol": true, "ul": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "table": true, "tr": true, "section": true,
	"article": true, "header": true, "footer": true, "figure": true, "figcaption": true, "pre": true, "hr": true,
}

// HTMLText returns the plain text of HTML: the text of its paragraphs and blocks,
// apart by blank lines, <br> a line break, runs of white space one space; entities
// decoded, tags dropped. It is how tlx reads the text of a TimelineJS slide it did not
// write.
func HTMLText(s string) string {
	var b textBuilder
	scanHTML(s, b.text, func(t htmlTag) {
		switch {
		case t.name == "br":
			b.lineBreak()
		case htmlBlocks[t.name]:
			b.paragraph()
		}
	})
	return b.String()
}

// HTMLLine is HTMLText on one line, for a headline or a credit.
func HTMLLine(s string) string {
	return strings.Join(strings.Fields(HTMLText(s)), " ")
}

// textBuilder puts plain text together from runs, collapsing white space.
type textBuilder struct {
	b     strings.Builder
	space bool // a space is due before the next word
	brk   int  // 1 for a line break due, 2 for a paragraph break
}

func (tb *textBuilder) text(s string) {
	if s == "" {
		return
	}
	if r, _ := utf8.DecodeRuneInString(s); htmlSpace(r) {
		tb.space = true
	}
	for _, w := range strings.FieldsFunc(s, htmlSpace) {
		switch {
		case tb.b.Len() == 0:
		case tb.brk == 2:
			tb.b.WriteString("\n\n")
		case tb.brk == 1:
			tb.b.WriteString("\n")
		case tb.space:
			tb.b.WriteByte(' ')
		}
		tb.brk = 0
		tb.b.WriteString(w)
		tb.space = true // before the next word of s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	tb.space = htmlSpace(r)
}

// htmlSpace reports the white space HTML collapses, and the no-break space, which
// &nbsp; gives and which plain text has no use for.
func htmlSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == 0xa0
}

func (tb *textBuilder) lineBreak() { tb.brk = min(tb.brk+1, 2) }
func (tb *textBuilder) paragraph() { tb.brk = 2 }
func (tb *textBuilder) String() string {
	return tb.b.String()
}
