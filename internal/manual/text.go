package manual

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Styles colour the text form of a page. A nil function leaves its text plain, so the
// zero Styles writes plain text.
type Styles struct {
	Heading func(string) string // section titles
	Term    func(string) string // code spans: flags, commands, keys
	Arg     func(string) string // placeholders: FILE, ID
}

func (s Styles) apply(k Kind, text string) string {
	var f func(string) string
	switch k {
	case Code, Strong:
		f = s.Term
	case Arg, Emph:
		f = s.Arg
	}
	if f == nil {
		return text
	}
	return f(text)
}

func (s Styles) heading(text string) string {
	if s.Heading == nil {
		return text
	}
	return s.Heading(text)
}

const (
	indent  = 2  // what a section's blocks are indented by
	termMax = 26 // the widest term column of a definition list
	gap     = 2  // between a term and its description
)

// Text writes the page as text wrapped to width columns: section titles at the margin
// (upper-case at level 1), their blocks indented, no line ending in a space. Text a line cannot break (a long URL,
// a literal line) runs past the width rather than being cut.
func (d *Doc) Text(w io.Writer, width int, st Styles) error {
	t := &textWriter{width: max(width, 20), st: st}
	for i, sec := range d.Sections {
		if i > 0 {
			t.blank()
		}
		t.section(sec)
	}
	_, err := io.WriteString(w, t.b.String())
	return err
}

// BlocksText writes blocks as text wrapped to width, indented by indent: the body of a
// section without its title.
func BlocksText(w io.Writer, blocks []Block, width, indent int, st Styles) error {
	t := &textWriter{width: max(width, 20), st: st}
	t.blocks(blocks, indent)
	_, err := io.WriteString(w, t.b.String())
	return err
}

type textWriter struct {
	b     strings.Builder
	width int
	st    Styles
	// lastBlank is whether the last line written is blank, so that blank lines never
	// double.
	lastBlank bool
	started   bool
}

func (t *textWriter) line(s string) {
	s = strings.TrimRight(s, " ")
	t.b.WriteString(s)
	t.b.WriteByte('\n')
	t.lastBlank = s == ""
	t.started = true
}

func (t *textWriter) blank() {
	if t.started && !t.lastBlank {
		t.line("")
	}
}

// section writes a section's title at the margin, upper-case at level 1 as man does,
// and its blocks indented.
func (t *textWriter) section(sec Section) {
	title := sec.Title
	if sec.Level <= 1 {
		title = strings.ToUpper(title)
	}
	if title != "" {
		t.line(t.st.heading(title))
	}
	t.blocks(sec.Blocks, indent)
}

func (t *textWriter) blocks(blocks []Block, at int) {
	for i, b := range blocks {
		if i > 0 {
			t.blank()
		}
		t.block(b, at)
	}
}

func (t *textWriter) block(b Block, at int) {
	switch b := b.(type) {
	case Para:
		t.wrap([]Span(b), at, at)
	case Literal:
		for _, l := range b {
			t.line(strings.Repeat(" ", at+indent) + l)
		}
	case Defs:
		t.defs(b, at)
	case List:
		for i, item := range b {
			if i > 0 && len(item) > 1 {
				t.blank()
			}
			t.item("• ", item, at)
		}
	case Table:
		t.table(b, at)
	}
}

// item writes blocks after a bullet or a term, the first line after mark, the rest under
// the first character of the text.
func (t *textWriter) item(mark string, blocks []Block, at int) {
	inner := at + ansi.StringWidth(mark)
	for i, b := range blocks {
		if i > 0 {
			t.blank()
		}
		if p, ok := b.(Para); ok && i == 0 {
			t.wrapFirst(strings.Repeat(" ", at)+mark, []Span(p), inner)
			continue
		}
		if i == 0 {
			t.line(strings.Repeat(" ", at) + mark)
		}
		t.block(b, inner)
	}
}

func (t *textWriter) defs(defs Defs, at int) {
	col := 0
	for _, d := range defs {
		if w := ansi.StringWidth(plainText(d.Term)); w <= termMax {
			col = max(col, w)
		}
	}
	col += gap
	// A description too narrow to read goes under its term instead.
	under := t.width-at-col < 30
	for _, d := range defs {
		term := t.spans(d.Term)
		tw := ansi.StringWidth(plainText(d.Term))
		if under || tw+gap > col {
			t.line(strings.Repeat(" ", at) + term)
			t.blocks(d.Desc, at+min(col, 8))
			if under {
				t.blank()
			}
			continue
		}
		pad := strings.Repeat(" ", at) + term + strings.Repeat(" ", col-tw)
		if len(d.Desc) == 0 {
			t.line(pad)
			continue
		}
		if p, ok := d.Desc[0].(Para); ok {
			t.wrapFirst(pad, []Span(p), at+col)
		} else {
			t.line(pad)
			t.block(d.Desc[0], at+col)
		}
		for _, b := range d.Desc[1:] {
			t.block(b, at+col)
		}
	}
}

// table writes a table with its columns aligned and its last column wrapped, or, when
// the page is too narrow for that, as a definition list of its first column.
func (t *textWriter) table(tb Table, at int) {
	ncol := len(tb.Head)
	widths := make([]int, ncol)
	for _, row := range append([][]Cell{tb.Head}, tb.Rows...) {
		for i, c := range row {
			if i < ncol {
				widths[i] = max(widths[i], ansi.StringWidth(plainText(c)))
			}
		}
	}
	fixed := at
	for _, w := range widths[:ncol-1] {
		fixed += min(w, termMax) + gap
	}
	if t.width-fixed < 24 || ncol < 2 {
		t.defs(tb.defs(), at)
		return
	}
	row := func(cells []Cell, heading bool) {
		// Every column but the last is one line, padded; a cell wider than its column
		// pushes the rest of the row along.
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", at))
		pos := at
		for i, c := range cells[:ncol-1] {
			text := t.spans(c)
			if heading {
				text = t.st.heading(plainText(c))
			}
			b.WriteString(text)
			pos += ansi.StringWidth(plainText(c))
			target := at
			for _, w := range widths[:i+1] {
				target += min(w, termMax) + gap
			}
			b.WriteString(strings.Repeat(" ", max(target-pos, 1)))
			pos = max(target, pos+1)
		}
		last := cells[ncol-1]
		if heading {
			last = Cell{T(t.st.heading(plainText(last)))}
		}
		t.wrapFirst(b.String(), last, pos)
	}
	row(tb.Head, true)
	for _, r := range tb.Rows {
		for len(r) < ncol {
			r = append(r, nil)
		}
		row(r, false)
	}
}

// spans renders spans on one line, styled.
func (t *textWriter) spans(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(t.st.apply(s.Kind, s.Text))
		if s.Kind == Link && s.URL != "" && s.URL != s.Text {
			b.WriteString(" (" + s.URL + ")")
		}
	}
	return b.String()
}

// word is a unit of wrapping: its styled text and its width. Text with no space
// between ("--flag," or "(see") is one word, whatever its styles.
type word struct {
	text  string
	width int
}

// words splits spans at their spaces. A link's URL, when shown, is a word of its own.
func (t *textWriter) words(spans []Span) []word {
	var out []word
	space := true // is a space before the next text
	add := func(k Kind, text string) {
		for i, f := range strings.Split(text, " ") {
			if i > 0 {
				space = true
			}
			if f == "" {
				continue
			}
			w := word{text: t.st.apply(k, f), width: ansi.StringWidth(f)}
			if !space && len(out) > 0 {
				last := &out[len(out)-1]
				last.text += w.text
				last.width += w.width
			} else {
				out = append(out, w)
			}
			space = false
		}
	}
	for _, s := range spans {
		add(s.Kind, strings.ReplaceAll(s.Text, "\n", " "))
		if s.Kind == Link && s.URL != "" && s.URL != s.Text {
			add(Plain, " ("+s.URL+")")
		}
	}
	return out
}

// wrap writes spans as lines that start at column first (the first line) and at (the
// rest), wrapped at the width.
func (t *textWriter) wrap(spans []Span, first, at int) {
	t.wrapFirst(strings.Repeat(" ", first), spans, at)
}

// wrapFirst writes spans after lead (already laid out, such as a term and its padding),
// the next lines indented by at.
func (t *textWriter) wrapFirst(lead string, spans []Span, at int) {
	var b strings.Builder
	b.WriteString(lead)
	pos := ansi.StringWidth(lead)
	empty := true // nothing on the line after lead yet
	for _, wd := range t.words(spans) {
		sep := 1
		if empty {
			sep = 0
		}
		if !empty && pos+sep+wd.width > t.width {
			t.line(b.String())
			b.Reset()
			b.WriteString(strings.Repeat(" ", at))
			pos, sep = at, 0
		}
		if sep == 1 {
			b.WriteByte(' ')
		}
		b.WriteString(wd.text)
		pos += sep + wd.width
		empty = false
	}
	t.line(b.String())
}
