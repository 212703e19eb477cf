package ui

import (
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// maxFieldLines bounds the lines one field of an event takes in the detail pane.
const maxFieldLines = 4000

// detailWriter lays out an event's text, line by line, at one width.
type detailWriter struct {
	d     *detailPane
	w     int
	lines []string
	links []detailLink
	// plain holds the lines of text a search highlights, by line number, unpainted: the
	// pane highlights the few on screen, not the thousands a long field may take.
	plain map[int]plainLine
}

// plainLine is a line of text, the paint it is drawn in, and what comes before it on
// its line, drawn already.
type plainLine struct {
	lead string
	p    paint
	text string
}

func (x *detailWriter) blank() { x.lines = append(x.lines, "") }

// add wraps text, a field of the file already sanitised, and paints its lines.
func (x *detailWriter) add(p paint, text string, indent int) {
	if x.addLines(p, text, indent, maxFieldLines) {
		x.tooLong()
	}
}

// addLines wraps text into at most n lines and paints them; it reports whether text was
// left out.
func (x *detailWriter) addLines(p paint, text string, indent, n int) bool {
	text, cut := headBytes(text, maxFieldBytes)
	lines, more := wrap(text, x.w, indent, n)
	if x.plain == nil {
		x.plain = make(map[int]plainLine)
	}
	for _, l := range lines {
		x.plain[len(x.lines)] = plainLine{p: p, text: l}
		x.lines = append(x.lines, p.Render(l))
	}
	return cut || more
}

// addHanging lays out head then text, text wrapped into the columns after head, so
// that a column of heads (the dates of a table) stays aligned however long the texts
// are. Where head leaves text too few columns, it wraps under head.
func (x *detailWriter) addHanging(p paint, head, text string) {
	hw := textWidth(head)
	if x.w-hw < 16 {
		x.add(p, head+text, hw)
		return
	}
	text, cut := headBytes(text, maxFieldBytes)
	lines, more := wrap(strings.Repeat(" ", hw)+text, x.w, hw, maxFieldLines)
	if len(lines) == 0 {
		lines = []string{strings.Repeat(" ", hw)}
	}
	if x.plain == nil {
		x.plain = make(map[int]plainLine)
	}
	for i, l := range lines {
		if i == 0 {
			l = head + l[hw:] // wrap kept the lead of hw spaces
		}
		x.plain[len(x.lines)] = plainLine{p: p, text: l}
		x.lines = append(x.lines, p.Render(l))
	}
	if cut || more {
		x.tooLong()
	}
}

// tooLong says that the rest of a field is left out.
func (x *detailWriter) tooLong() {
	x.lines = append(x.lines, x.d.styles.DetailPaint.Muted.Render(fit("[… the rest is too long to show]", x.w)))
}

// paragraphs lays out text of the file in paragraphs, a blank line between them, on at
// most maxFieldLines lines in all: a hundred thousand short lines cost what the first
// few thousand do.
func (x *detailWriter) paragraphs(p paint, text string) {
	head, cut := headBytes(text, maxFieldBytes)
	start := len(x.lines)
	for para := range eachParagraph(head) {
		left := maxFieldLines - (len(x.lines) - start)
		if left <= 1 {
			cut = true
			break
		}
		if len(x.lines) > start {
			x.blank()
			left--
		}
		if x.addLines(p, para, 0, left) {
			cut = true
			break
		}
	}
	if cut {
		x.tooLong()
	}
}

// render lays out the event at width w: a note when the filters hide it, title, when,
// status and place, actors and themes, the summary, related events, the numbered sources
// and who the actors and themes are. All file text is sanitised here, the one place it
// enters the pane; every line is at most w cells wide.
func (d *detailPane) render(w int) *detailWriter {
	s := d.styles
	e := d.ev
	x := &detailWriter{d: d, w: w}
	k := d.keys

	if d.hidden {
		note := "Hidden by the filters: " + k.Clear.Help().Key + " clears them, " + k.JumpBack.Help().Key + " goes back"
		x.add(s.DetailPaint.Banner, note, 0)
		x.blank()
	}
	x.add(s.DetailPaint.Title, clean(headOfString(e.Title, maxFieldBytes)), 0)
	meta := []string{whenOf(e)}
	if e.Status != "" {
		meta = append(meta, clean(headOfString(e.Status, 64)))
	}
	if e.Location != "" {
		meta = append(meta, clean(headOfString(e.Location, maxFieldBytes)))
	}
	x.add(s.DetailPaint.Meta, strings.Join(meta, " · "), 0)
	if d.mayOnly != nil && d.mayOnly(e) {
		x.add(s.DetailPaint.Muted, mayFallGlyph+" may fall outside the dates asked for ("+d.dates+"): its date is not precise enough to tell", 2)
	}
	x.readerMark(e)
	x.blank()

	actors := make([]string, 0, len(e.Actors))
	for _, id := range e.Actors {
		actors = append(actors, clean(headOfString(d.t.ActorName(id), 256)))
	}
	x.field("Actors", actors)
	x.themes(e)
	if e.Summary != "" {
		x.blank()
		x.paragraphs(s.DetailPaint.Body, e.Summary)
	}
	x.readerNote(e)
	x.related(e)
	if len(e.Sources) > 0 {
		x.blank()
		// How many publishers stand behind it: a via does not count, nor one article twice.
		support := " · supported by " + timeline.SupportWords(e.PublisherCount())
		x.lines = append(x.lines, fitPaint(w, s.DetailPaint.Heading, "Sources", s.DetailPaint.Muted, support))
		for i := range e.Sources {
			x.source(i+1, &e.Sources[i])
		}
	}
	x.whoIsWho(e)

	// Where the event comes from, for whoever edits the file.
	where := "id " + clean(headOfString(e.ID, 256))
	if d.t.Path != "" && e.Line > 0 {
		where += " · " + clean(headOfString(d.t.Path, 1024)) + ":" + strconv.Itoa(e.Line)
	}
	x.blank()
	x.add(s.DetailPaint.Muted, where, 0)
	return x
}

const labelW = 8

// fitPaint renders a, then as much of b as fits, in w cells at most.
func fitPaint(w int, pa paint, a string, pb paint, b string) string {
	a = fit(a, w)
	if rest := w - textWidth(a); rest > 0 && b != "" {
		return pa.Render(a) + pb.Render(fit(b, rest))
	}
	return pa.Render(a)
}

// field lays out a label and its values: "Actors  Iran, Donald Trump".
func (x *detailWriter) field(label string, values []string) {
	s := x.d.styles
	if len(values) == 0 {
		return
	}
	if x.w <= labelW+4 {
		x.add(s.DetailPaint.Value, label+": "+strings.Join(values, ", "), 0)
		return
	}
	lines, _ := wrap(strings.Join(values, ", "), x.w-labelW, 0, maxFieldLines)
	for i, l := range lines {
		lead := strings.Repeat(" ", labelW)
		if i == 0 {
			lead = s.DetailPaint.Label.Render(padRight(label, labelW))
		}
		x.lines = append(x.lines, lead+s.DetailPaint.Value.Render(l))
	}
}

// themes lays out the event's themes, each with its mark.
func (x *detailWriter) themes(e *timeline.Event) {
	d, s, w := x.d, x.d.styles, x.w
	if len(e.Themes) == 0 {
		return
	}
	if w <= labelW+4 {
		// Too narrow for the marks: the themes read as the actors do.
		names := make([]string, len(e.Themes))
		for i, id := range e.Themes {
			names[i] = clean(headOfString(d.t.ThemeName(id), 256))
		}
		x.field("Themes", names)
		return
	}
	line := s.DetailPaint.Label.Render(padRight("Themes", labelW))
	used := labelW
	for i, id := range e.Themes {
		mark := themeMark(s, d.letters, id)
		item := clean(headOfString(d.t.ThemeName(id), 256))
		if i < len(e.Themes)-1 {
			item += "  "
		}
		iw := 2 + textWidth(item)
		if used+iw > w && used > labelW {
			x.lines = append(x.lines, line)
			line, used = strings.Repeat(" ", labelW), labelW
		}
		line += s.themePaint(id).Render(mark) + s.DetailPaint.Value.Render(fit(" "+item, max(w-used-1, 0)))
		used += iw
	}
	x.lines = append(x.lines, line)
}

// related lays out the related events, each a link unless the timeline lacks it.
func (x *detailWriter) related(e *timeline.Event) {
	d, s := x.d, x.d.styles
	if len(e.Related) == 0 {
		return
	}
	x.blank()
	x.lines = append(x.lines, s.DetailPaint.Heading.Render(fit("Related", x.w)))
	for _, id := range d.t.RelatedInOrder(e) { // date order, as the export lists them
		r := d.t.Event(id)
		if r == nil {
			x.add(s.DetailPaint.Muted, "→ "+clean(headOfString(id, 256))+" (not in this timeline)", 2)
			continue
		}
		text := "→ " + whenOf(r) + " — " + clean(headOfString(r.Title, maxFieldBytes))
		p := s.DetailPaint.Related
		if d.listed != nil && !d.listed(r) {
			text += " (hidden by the filters)"
			p = s.DetailPaint.Muted
		}
		if len(x.links) == d.link {
			p = s.DetailPaint.Link
		}
		first := len(x.lines)
		x.add(p, text, 2)
		x.links = append(x.links, detailLink{related: r, first: first, last: len(x.lines) - 1})
	}
}

// source lays out source n: publisher, title, date and via on the first lines, then the
// quote and the URL as a terminal hyperlink. A source with a web link is a link.
func (x *detailWriter) source(n int, src *timeline.Source) {
	d, s, w := x.d, x.d.styles, x.w
	first := len(x.lines)
	target := sourceLink(src)
	isLink := target != ""
	selected := isLink && len(x.links) == d.link
	num := strconv.Itoa(n) + ". "
	indent := len(num)
	head := clean(headOfString(src.Publisher, 1024))
	if src.Title != "" {
		head += ": “" + clean(headOfString(src.Title, 4096)) + "”"
	}
	var meta []string
	if !src.Published.IsZero() {
		meta = append(meta, src.Published.Long())
	}
	if src.Via != "" {
		meta = append(meta, "via "+clean(headOfString(src.Via, 1024)))
	}
	lines, _ := wrap(num+head, w, indent, 64)
	for i, l := range lines {
		switch {
		case selected:
			x.lines = append(x.lines, s.DetailPaint.Link.Render(l))
		case i == 0 && strings.HasPrefix(l, num):
			x.lines = append(x.lines, s.DetailPaint.Number.Render(num)+s.DetailPaint.Publisher.Render(l[len(num):]))
		default:
			x.lines = append(x.lines, s.DetailPaint.Publisher.Render(l))
		}
	}
	if len(meta) > 0 {
		x.add(s.DetailPaint.Meta, strings.Repeat(" ", indent)+strings.Join(meta, " · "), indent)
	}
	// Every passage of the article it cites, each in its own quotation marks.
	for _, q := range src.Quoted() {
		q, _ = headBytes(strings.TrimSpace(q), maxFieldBytes)
		x.add(s.DetailPaint.Quote, strings.Repeat(" ", indent)+"“"+strings.Join(strings.Fields(cleanText(q)), " ")+"”", indent)
	}
	if src.URL != "" {
		x.url(n, src, target, indent)
	}
	if isLink {
		x.links = append(x.links, detailLink{source: n, url: target, first: first, last: len(x.lines) - 1})
	}
}

// whoIsWho lays out what the timeline says of the event's actors and themes: kind and
// description.
func (x *detailWriter) whoIsWho(e *timeline.Event) {
	d, s := x.d, x.d.styles
	var rows []string
	for _, id := range e.Actors {
		if a := d.t.Actor(id); a != nil && (a.Kind != "" || a.Description != "") {
			rows = append(rows, describe(a.Name, a.Kind, a.Description))
		}
	}
	for _, id := range e.Themes {
		if th := d.t.Theme(id); th != nil && th.Description != "" {
			rows = append(rows, describe(th.Name, "theme", th.Description))
		}
	}
	if len(rows) == 0 {
		return
	}
	x.blank()
	x.lines = append(x.lines, s.DetailPaint.Heading.Render(fit("Who and what", x.w)))
	for _, r := range rows {
		x.add(s.DetailPaint.Value, r, 2)
	}
}

// describe is an actor or a theme in one line: "Ryan Routh (person): Man convicted …".
func describe(name, kind, desc string) string {
	s := clean(headOfString(name, 256))
	if kind != "" {
		s += " (" + clean(headOfString(kind, 64)) + ")"
	}
	if desc != "" {
		s += ": " + clean(headOfString(desc, 4096))
	}
	return s
}

// whenOf returns an event's date in words, as every output words it.
func whenOf(e *timeline.Event) string { return e.Span() }

// paragraphs splits text from a timeline file into paragraphs at its blank lines, a line
// of spaces counting as blank, as Markdown and the export read it; within a paragraph,
// words are joined by single spaces.
func paragraphs(text string) []string { return slices.Collect(eachParagraph(text)) }

// eachParagraph yields the paragraphs of text as paragraphs splits it, reading no further
// than the caller asks for.
func eachParagraph(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		var words []string
		for l := range strings.Lines(cleanText(text)) {
			f := strings.Fields(l)
			if len(f) == 0 && len(words) > 0 {
				if !yield(strings.Join(words, " ")) {
					return
				}
				words = words[:0]
			}
			words = append(words, f...)
		}
		if len(words) > 0 {
			yield(strings.Join(words, " "))
		}
	}
}
