package ui

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// detailModel shows everything about the selected event in a scrollable pane. Its text is
// wrapped once per event and width, not on every frame.
type detailModel struct {
	styles *Styles
	keys   *keyMap
	vp     viewport.Model

	t       *timeline.Timeline
	ev      *timeline.Event
	visible func(*timeline.Event) bool // whether an event is in the list, for related events

	width, height int
	renderedFor   *timeline.Event // the event and width the viewport content was built for
	renderedW     int
	focused       bool

	terms []string // search terms to highlight, lower-cased

	// lines is the text at this width; the viewport keeps the scroll position over it.
	lines   []string
	version int // counts the renderings of lines
	// view is the last View, valid while the text, size and scroll are those of viewKey.
	view    string
	viewKey detailViewKey
}

// detailViewKey is what the visible part of the pane depends on.
type detailViewKey struct {
	ev      *timeline.Event
	w, h, y int
	version int
}

func newDetail(s *Styles, k *keyMap) detailModel {
	vp := viewport.New()
	vp.MouseWheelEnabled = false // the root model routes the wheel
	vp.KeyMap = viewport.KeyMap{}
	return detailModel{styles: s, keys: k, vp: vp}
}

// SetSize sets the pane's size; the text is wrapped again when the width changed.
func (d *detailModel) SetSize(w, h int) {
	d.width, d.height = max(w, 0), max(h, 0)
	d.vp.SetWidth(d.width)
	d.vp.SetHeight(d.height)
	d.refresh(false)
}

// SetEvent shows e, scrolled to its top.
func (d *detailModel) SetEvent(t *timeline.Timeline, e *timeline.Event) {
	if d.t == t && d.ev == e {
		return
	}
	d.t, d.ev = t, e
	d.refresh(true)
}

// restyle renders the text again after the styles change.
func (d *detailModel) restyle() {
	d.renderedFor = nil
	d.refresh(false)
}

func (d *detailModel) refresh(top bool) {
	if d.renderedFor == d.ev && d.renderedW == d.width && d.ev != nil {
		return
	}
	d.renderedFor, d.renderedW = d.ev, d.width
	if d.ev == nil || d.width <= 0 {
		d.lines = nil
		d.vp.SetContentLines(nil)
		return
	}
	y := d.vp.YOffset()
	d.lines = d.render(d.width)
	d.vp.SetContentLines(d.lines)
	d.version++
	if top {
		d.vp.GotoTop()
	} else {
		d.vp.SetYOffset(y)
	}
}

// Update scrolls the pane on the keys that scroll it.
func (d detailModel) Update(msg tea.Msg) (detailModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(k, d.keys.ScrollDown):
		d.vp.ScrollDown(1)
	case key.Matches(k, d.keys.ScrollUp):
		d.vp.ScrollUp(1)
	case key.Matches(k, d.keys.HalfDown):
		d.vp.HalfPageDown()
	case key.Matches(k, d.keys.HalfUp):
		d.vp.HalfPageUp()
	case key.Matches(k, d.keys.PageDown):
		d.vp.PageDown()
	case key.Matches(k, d.keys.PageUp):
		d.vp.PageUp()
	case key.Matches(k, d.keys.Top):
		d.vp.GotoTop()
	case key.Matches(k, d.keys.Bottom):
		d.vp.GotoBottom()
	}
	return d, nil
}

// scroll moves the text by n lines, down when n is positive.
func (d *detailModel) scroll(n int) {
	if n > 0 {
		d.vp.ScrollDown(n)
	} else {
		d.vp.ScrollUp(-n)
	}
}

// View renders the visible part of the text.
func (d *detailModel) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	if d.ev == nil {
		return d.styles.DetailPaint.Muted.Render(ansi.Truncate("Nothing selected.", d.width, "…"))
	}
	k := detailViewKey{ev: d.ev, w: d.width, h: d.height, y: d.vp.YOffset(), version: d.version}
	if k != d.viewKey || d.view == "" {
		// The lines are already wrapped to the width, and nothing sits right of the pane
		// to need them padded: the visible ones are the view.
		y := min(max(k.y, 0), len(d.lines))
		d.view, d.viewKey = strings.Join(d.lines[y:min(y+d.height, len(d.lines))], "\n"), k
	}
	return d.view
}

// render lays out the event at width w: title, when, status and place, actors and
// themes, the summary, related events and the numbered sources. All file text is
// sanitised here, the one place it enters the pane.
func (d *detailModel) render(w int) []string {
	s := d.styles
	e := d.ev
	var lines []string
	add := func(p paint, text string, indent int) {
		for _, l := range wrap(text, w, indent) {
			lines = append(lines, d.paintLine(p, l))
		}
	}
	blank := func() { lines = append(lines, "") }

	add(s.DetailPaint.Title, timeline.SanitizeLine(e.Title), 0)
	meta := []string{whenOf(e)}
	if e.Status != "" {
		meta = append(meta, timeline.SanitizeLine(e.Status))
	}
	if e.Location != "" {
		meta = append(meta, timeline.SanitizeLine(e.Location))
	}
	add(s.DetailPaint.Meta, strings.Join(meta, " · "), 0)
	blank()

	const labelW = 8
	field := func(label string, values []string) {
		if len(values) == 0 {
			return
		}
		if w <= labelW+4 {
			add(s.DetailPaint.Value, label+": "+strings.Join(values, ", "), 0)
			return
		}
		for i, l := range wrap(strings.Join(values, ", "), w-labelW, 0) {
			lead := strings.Repeat(" ", labelW)
			if i == 0 {
				lead = s.DetailPaint.Label.Render(padRight(label, labelW))
			}
			lines = append(lines, lead+s.DetailPaint.Value.Render(l))
		}
	}
	actors := make([]string, 0, len(e.Actors))
	for _, id := range e.Actors {
		actors = append(actors, timeline.SanitizeLine(d.t.ActorName(id)))
	}
	field("Actors", actors)
	if len(e.Themes) > 0 && w <= labelW+4 {
		// Too narrow for the coloured dots: the themes read as the actors do.
		themes := make([]string, len(e.Themes))
		for i, id := range e.Themes {
			themes[i] = timeline.SanitizeLine(d.t.ThemeName(id))
		}
		field("Themes", themes)
	} else if len(e.Themes) > 0 {
		line := s.DetailPaint.Label.Render(padRight("Themes", labelW))
		used := labelW
		for i, id := range e.Themes {
			name := timeline.SanitizeLine(d.t.ThemeName(id))
			item := "● " + name
			if i < len(e.Themes)-1 {
				item += "  "
			}
			iw := ansi.StringWidth(item)
			if used+iw > w && used > labelW {
				lines = append(lines, line)
				line, used = strings.Repeat(" ", labelW), labelW
			}
			dot := s.ThemeStyle(id).Render("●")
			line += dot + s.DetailPaint.Value.Render(ansi.Truncate(strings.TrimPrefix(item, "●"), max(w-used-1, 0), "…"))
			used += iw
		}
		lines = append(lines, line)
	}
	if e.Summary != "" {
		blank()
		for i, para := range paragraphs(e.Summary) {
			if i > 0 {
				blank()
			}
			add(s.DetailPaint.Body, para, 0)
		}
	}

	if len(e.Related) > 0 {
		blank()
		lines = append(lines, s.DetailPaint.Heading.Render(ansi.Truncate("Related", w, "")))
		for _, id := range e.Related {
			r := d.t.Event(id)
			if r == nil {
				add(s.DetailPaint.Muted, "→ "+timeline.SanitizeLine(id)+" (not in this timeline)", 2)
				continue
			}
			text := "→ " + r.Date.Human() + "  " + timeline.SanitizeLine(r.Title)
			style := s.DetailPaint.Related
			if d.visible != nil && !d.visible(r) {
				text += " (hidden by the filters)"
				style = s.DetailPaint.Muted
			}
			add(style, text, 2)
		}
	}

	if len(e.Sources) > 0 {
		blank()
		lines = append(lines, s.DetailPaint.Heading.Render(ansi.Truncate("Sources", w, "")))
		for i, src := range e.Sources {
			lines = append(lines, d.renderSource(i+1, src, w)...)
		}
	}

	// Where the event comes from, for whoever edits the file.
	where := "id " + timeline.SanitizeLine(e.ID)
	if d.t.Path != "" && e.Line > 0 {
		where += " · " + timeline.SanitizeLine(d.t.Path) + ":" + strconv.Itoa(e.Line)
	}
	blank()
	add(s.DetailPaint.Muted, where, 0)
	return lines
}

// renderSource renders source n: publisher, title, date and via on the first lines, then
// the quote and the URL as a terminal hyperlink.
func (d *detailModel) renderSource(n int, src timeline.Source, w int) []string {
	s := d.styles
	num := strconv.Itoa(n) + ". "
	indent := ansi.StringWidth(num)
	var lines []string
	head := timeline.SanitizeLine(src.Publisher)
	if src.Title != "" {
		head += ": “" + timeline.SanitizeLine(src.Title) + "”"
	}
	var meta []string
	if !src.Published.IsZero() {
		meta = append(meta, src.Published.Human())
	}
	if src.Via != "" {
		meta = append(meta, "via "+timeline.SanitizeLine(src.Via))
	}
	for i, l := range wrap(num+head, w, indent) {
		if i == 0 && strings.HasPrefix(l, num) {
			lines = append(lines, s.DetailPaint.Number.Render(num)+s.DetailPaint.Publisher.Render(l[len(num):]))
			continue
		}
		lines = append(lines, s.DetailPaint.Publisher.Render(l))
	}
	if len(meta) > 0 {
		for _, l := range wrap(strings.Repeat(" ", indent)+strings.Join(meta, " · "), w, indent) {
			lines = append(lines, s.DetailPaint.Meta.Render(l))
		}
	}
	if q := strings.TrimSpace(src.Quote); q != "" {
		text := strings.Repeat(" ", indent) + "“" + strings.Join(strings.Fields(timeline.Sanitize(q)), " ") + "”"
		for _, l := range wrap(text, w, indent) {
			lines = append(lines, d.paintLine(s.DetailPaint.Quote, l))
		}
	}
	if u := timeline.SanitizeLine(src.URL); u != "" {
		link := s.Detail.URL
		if safeURL(u) {
			link = link.Hyperlink(u)
		}
		// A URL has no spaces to break at: cut it into pieces that fit, each a link.
		if indent >= w {
			indent = 0
		}
		for len(u) > 0 {
			var piece string
			piece, u = cut(u, w-indent)
			lines = append(lines, strings.Repeat(" ", indent)+link.Render(piece))
		}
	}
	return lines
}

// paintLine paints one line, the words of the search standing out.
func (d *detailModel) paintLine(p paint, line string) string {
	return highlight(p, d.styles.DetailPaint.Match, line, d.terms)
}

// highlight paints line with p and the words of terms, lower-cased, in it with match.
func highlight(p, match paint, line string, terms []string) string {
	if len(terms) == 0 {
		return p.Render(line)
	}
	lower := lowerInPlace(line)
	var b strings.Builder
	pos := 0
	for pos < len(line) {
		at, n := -1, 0
		for _, t := range terms {
			if i := strings.Index(lower[pos:], t); i >= 0 && (at < 0 || i < at || i == at && len(t) > n) {
				at, n = i, len(t)
			}
		}
		if at < 0 {
			break
		}
		b.WriteString(p.Render(line[pos : pos+at]))
		b.WriteString(match.Render(line[pos+at : pos+at+n]))
		pos += at + n
	}
	b.WriteString(p.Render(line[pos:]))
	return b.String()
}

// lowerInPlace lower-cases s as strings.ToLower does, except that a letter whose lower
// case is longer or shorter in UTF-8 stays as it is: every byte keeps its offset, so a
// match found in the result can be cut from s without splitting a character.
func lowerInPlace(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); utf8.RuneLen(l) == size {
			b = utf8.AppendRune(b, l)
		} else {
			b = append(b, s[i:i+size]...) // invalid UTF-8 stays too
		}
		i += size
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// SetTerms sets the search terms to highlight.
func (d *detailModel) SetTerms(terms []string) {
	if !slices.Equal(terms, d.terms) {
		d.terms = terms
		d.renderedFor = nil
	}
}

// safeURL reports whether u is an http or https URL, the only ones tlx links or opens.
func safeURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// whenOf returns an event's date or span in words.
func whenOf(e *timeline.Event) string {
	if e.End.IsZero() || e.End == e.Date {
		return e.Date.Long()
	}
	return e.Date.Long() + " to " + e.End.Long()
}

// wrap word-wraps text to width w, breaking words longer than a line, and indents every
// line after the first by indent spaces. Runs of spaces collapse to one, and a leading
// indent of the text is kept. The lines it returns are never wider than w.
func wrap(text string, w, indent int) []string {
	if w <= 0 {
		return nil
	}
	if indent >= w {
		indent = 0
	}
	lead := len(text) - len(strings.TrimLeft(text, " "))
	var (
		lines []string
		cur   strings.Builder
		curW  int
	)
	cur.WriteString(strings.Repeat(" ", min(lead, w-1)))
	curW = min(lead, w-1)
	lineStart := curW
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		cur.WriteString(strings.Repeat(" ", indent))
		curW, lineStart = indent, indent
	}
	for _, word := range strings.Fields(text) {
		ww := ansi.StringWidth(word)
		if curW > lineStart {
			if curW+1+ww <= w {
				cur.WriteByte(' ')
				cur.WriteString(word)
				curW += 1 + ww
				continue
			}
			flush()
		}
		for ww > w-curW {
			// A word longer than the line: cut it.
			var piece string
			piece, word = cut(word, w-curW)
			cur.WriteString(piece)
			ww = ansi.StringWidth(word)
			flush()
		}
		cur.WriteString(word)
		curW += ww
	}
	if curW > lineStart || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// cut splits s, which is not empty, into the start that fits in room cells and the rest.
// When not even the first character fits (a wide one in a pane one cell wide), a "…"
// stands in for it, so that the start is never empty, never wider than room (at least
// 1), and never half a character.
func cut(s string, room int) (start, rest string) {
	start = ansi.Truncate(s, room, "")
	if start == "" {
		_, size := utf8.DecodeRuneInString(s)
		return "…", s[size:]
	}
	return start, s[len(start):]
}

// ShortHelp returns the pane's keys for the short help.
func (d detailModel) ShortHelp() []key.Binding { return detailHelp{d.keys}.ShortHelp() }

// FullHelp returns the pane's keys for the full help.
func (d detailModel) FullHelp() [][]key.Binding { return detailHelp{d.keys}.FullHelp() }

// paragraphs splits text from a timeline file into paragraphs at its blank lines, a line
// of spaces counting as blank, as Markdown and the export read it; within a paragraph,
// words are joined by single spaces.
func paragraphs(text string) []string {
	var out, words []string
	for _, l := range strings.Split(timeline.Sanitize(text), "\n") {
		f := strings.Fields(l)
		if len(f) == 0 && len(words) > 0 {
			out = append(out, strings.Join(words, " "))
			words = words[:0]
		}
		words = append(words, f...)
	}
	if len(words) > 0 {
		out = append(out, strings.Join(words, " "))
	}
	return out
}
