package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// textPane is a pane of text the reader scrolls and closes: the help and the about view.
// Its lines are built for its width by build, again only when the width changes.
type textPane struct {
	styles *Styles
	keys   *keyMap
	build  func(w int) []string

	lines         []string
	builtW        int
	offset        int
	width, height int
}

var _ component = (*textPane)(nil)

func newTextPane(s *Styles, k *keyMap) textPane { return textPane{styles: s, keys: k, builtW: -1} }

// SetContent sets what the pane shows, built for a width, and scrolls to its top.
func (p *textPane) SetContent(build func(w int) []string) {
	p.build, p.builtW, p.offset = build, -1, 0
	p.rebuild()
}

func (p *textPane) rebuild() {
	if p.build == nil || p.builtW == p.width {
		return
	}
	p.lines, p.builtW = p.build(p.width), p.width
	p.offset = max(0, min(p.offset, len(p.lines)-p.height))
}

// SetSize sets the pane's size.
func (p *textPane) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	p.rebuild()
	p.offset = max(0, min(p.offset, len(p.lines)-p.height))
}

// SetStyles builds the text again in new styles.
func (p *textPane) SetStyles(s *Styles) { p.styles, p.builtW = s, -1; p.rebuild() }

// Focus and Blur change nothing: the pane has the whole body while it is open.
func (p *textPane) Focus() tea.Cmd { return nil }

// Blur is a no-op.
func (p *textPane) Blur() {}

// Update scrolls.
func (p *textPane) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys, page := p.keys, max(1, p.height-1)
	switch {
	case key.Matches(k, keys.Down):
		p.Scroll(1)
	case key.Matches(k, keys.Up):
		p.Scroll(-1)
	case key.Matches(k, keys.PageDown):
		p.Scroll(page)
	case key.Matches(k, keys.PageUp):
		p.Scroll(-page)
	case key.Matches(k, keys.HalfDown):
		p.Scroll(page / 2)
	case key.Matches(k, keys.HalfUp):
		p.Scroll(-page / 2)
	case key.Matches(k, keys.Top):
		p.offset = 0
	case key.Matches(k, keys.Bottom):
		p.Scroll(len(p.lines))
	default:
		return statusCmd(false, "%s closes this, %s quits", keys.Close.Help().Key, keys.Quit.Help().Key)
	}
	return nil
}

// Scroll moves the text by n lines, down when n is positive.
func (p *textPane) Scroll(n int) {
	p.offset = max(0, min(p.offset+n, len(p.lines)-p.height))
}

// View renders the lines on screen.
func (p *textPane) View() string {
	if p.height <= 0 || p.width <= 0 {
		return ""
	}
	end := min(len(p.lines), p.offset+p.height)
	return strings.Join(p.lines[min(p.offset, end):end], "\n")
}

// Percent says how far down the text is scrolled, or "" when it fits.
func (p *textPane) Percent() string {
	switch {
	case len(p.lines) <= p.height:
		return ""
	case p.offset == 0:
		return "top"
	case p.offset+p.height >= len(p.lines):
		return "end"
	}
	return strconv.Itoa(100*p.offset/max(1, len(p.lines)-p.height)) + "%"
}

// ShortHelp returns the pane's keys for the footer.
func (p *textPane) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Close, p.keys.Down, p.keys.PageDown, p.keys.Quit}
}

// FullHelp returns the same.
func (p *textPane) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// helpLines lays out the help: the timeline in brief, every key, and the legends of the
// marks. keysW is the width of the keys column.
func helpLines(s *Styles, k *keyMap, t *timeline.Timeline, facts *timelineFacts, w int) []string {
	x := &detailWriter{d: &detailPane{styles: s}, w: w}
	heading := func(text string) {
		x.lines = append(x.lines, s.Help.Heading.Render(fit(text, w)))
	}
	aboutLines(x, s, k, t, facts, false)
	const keysW = 14
	row := func(keys, desc string) {
		if w <= keysW+8 {
			x.add(paint{}, keys+"  "+desc, 2)
			return
		}
		left := "  " + s.Help.Key.Render(padRight(keys, keysW))
		if textWidth(keys) > keysW-1 {
			// Too many keys for the column: they take a line of their own.
			x.lines = append(x.lines, "  "+s.Help.Key.Render(truncate(keys, w-2, "…")))
			left = strings.Repeat(" ", keysW+2)
		}
		lines, _ := wrap(desc, w-keysW-2, 0, 8)
		for i, l := range lines {
			if i > 0 {
				left = strings.Repeat(" ", keysW+2)
			}
			x.lines = append(x.lines, left+s.Help.Desc.Render(l))
		}
	}
	for _, sec := range k.helpSections() {
		x.blank()
		heading(sec.title)
		for _, r := range sec.rows {
			row(keysText(r.key), r.desc())
		}
	}
	x.blank()
	heading("Marks in the list")
	for _, r := range MarkLegend() {
		row(r.Keys, r.Desc)
	}
	if len(t.Themes) > 0 {
		x.blank()
		heading("Themes")
		for _, th := range t.Themes {
			name := clean(headOfString(th.Name, 256))
			mark := themeMark(s, facts.letters, th.ID)
			line := "  " + s.ThemeStyle(th.ID).Render(mark) + " " + s.Help.Desc.Render(truncate(name, max(w-4, 1), "…"))
			x.lines = append(x.lines, line)
		}
	}
	x.blank()
	heading("Mouse")
	for _, r := range mouseRows() {
		row(r.Keys, r.Desc)
	}
	return x.lines
}

// timelineFacts are the counts the about view shows, counted once per timeline.
type timelineFacts struct {
	events, actors, themes, sources, publishers int
	first, last                                 timeline.Date
	letters                                     map[string]string
}

func countFacts(t *timeline.Timeline) *timelineFacts {
	f := &timelineFacts{events: len(t.Events), actors: len(t.Actors), themes: len(t.Themes), letters: themeLetters(t)}
	f.first, f.last = t.Span()
	pubs := map[string]bool{}
	for i := range t.Events {
		for _, s := range t.Events[i].Sources {
			f.sources++
			pubs[strings.ToLower(strings.TrimSpace(s.Publisher))] = true
		}
	}
	f.publishers = len(pubs)
	return f
}

// aboutLines lays out what the timeline is: title, description (its first paragraph
// when brief), dates and counts.
func aboutLines(x *detailWriter, s *Styles, k *keyMap, t *timeline.Timeline, f *timelineFacts, full bool) {
	title := clean(headOfString(t.Title, maxFieldBytes))
	if title == "" {
		title = "Untitled timeline"
	}
	x.add(s.DetailPaint.Title, title, 0)
	switch {
	case full && t.Description != "":
		x.blank()
		x.paragraphs(s.DetailPaint.Body, t.Description)
	case t.Description != "":
		desc, _ := headBytes(t.Description, maxFieldBytes)
		first := true
		for para := range eachParagraph(desc) {
			if !first {
				x.add(s.DetailPaint.Muted, "("+k.About.Help().Key+" shows the rest)", 0)
				break
			}
			x.blank()
			x.add(s.DetailPaint.Body, para, 0)
			first = false
		}
	}
	x.blank()
	span := "no events"
	if f.events > 0 {
		span = f.first.Long() + " to " + f.last.Long()
	}
	counts := plural(f.events, "event") + " · " + plural(f.actors, "actor") + " · " + plural(f.themes, "theme") +
		" · " + plural(f.sources, "source") + " from " + plural(f.publishers, "publisher")
	x.add(s.DetailPaint.Meta, span, 0)
	x.add(s.DetailPaint.Meta, counts, 0)
	if full && t.Path != "" {
		x.add(s.DetailPaint.Muted, "from "+clean(headOfString(t.Path, 1024)), 0)
	}
}

// keyTable renders every key as README's table of keys: a row per binding, then the
// mouse.
func keyTable(k *keyMap) string {
	var b strings.Builder
	b.WriteString("| keys | what they do |\n| --- | --- |\n")
	for _, sec := range k.helpSections() {
		b.WriteString("| **" + sec.title + "** | |\n")
		for _, r := range sec.rows {
			var keys []string
			for _, name := range strings.Fields(keysText(r.key)) {
				keys = append(keys, "`"+strings.ReplaceAll(name, "|", `\|`)+"`")
			}
			b.WriteString("| " + strings.Join(keys, " ") + " | " + strings.ReplaceAll(r.desc(), "|", `\|`) + " |\n")
		}
	}
	b.WriteString("| **Mouse** | |\n")
	for _, r := range mouseRows() {
		b.WriteString("| " + r.Keys + " | " + r.Desc + " |\n")
	}
	return b.String()
}
