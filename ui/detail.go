package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// detailPane shows everything about one event in a scrollable pane: the selected event,
// or one the filters hide that a related link led to. Its related events and its sources
// with a web link are links a reader selects with n and N and follows with enter. Its
// text is laid out once per event, width and selected link, not on every frame.
type detailPane struct {
	styles *Styles
	keys   *keyMap
	vp     viewport.Model

	t       *timeline.Timeline
	ev      *timeline.Event
	hidden  bool                       // the filters hide ev
	listed  func(*timeline.Event) bool // whether an event is listed, for related events
	letters map[string]string          // theme marks without colour
	terms   []string                   // search terms to highlight, lower-cased
	notes   *notebook.State            // the reader's marks and notes; nil for none
	focused bool
	// mayOnly tells the events that only may fall in the filter's dates, nil without
	// dates; dates is those dates in words.
	mayOnly func(*timeline.Event) bool
	dates   string

	width, height int
	links         []detailLink
	link          int  // index into links of the selected link, -1 for none
	stale         bool // the text must be laid out again before it is read
	toTop         bool // and scrolled to its top

	// lines is the text at this width; the viewport keeps the scroll position over it.
	// plain holds the lines a search highlights, unpainted, by line number.
	lines   []string
	plain   map[int]plainLine
	version int // counts the layouts of lines, and the changes of terms
	// view is the last View, valid while the text, size and scroll are those of viewKey.
	view    string
	viewKey detailViewKey
}

var _ component = (*detailPane)(nil)

// detailLink is a related event or a source with a web link, and the lines it takes.
type detailLink struct {
	related     *timeline.Event // nil for a source
	source      int             // the source's number, from 1
	url         string
	first, last int
}

// detailViewKey is what the visible part of the pane depends on.
type detailViewKey struct {
	ev      *timeline.Event
	w, h, y int
	version int
}

func newDetail(s *Styles, k *keyMap, listed func(*timeline.Event) bool) detailPane {
	vp := viewport.New()
	vp.MouseWheelEnabled = false // the root model routes the wheel
	vp.KeyMap = viewport.KeyMap{}
	return detailPane{styles: s, keys: k, vp: vp, listed: listed, link: -1}
}

// SetSize sets the pane's size; the text is laid out again when the width changed.
func (d *detailPane) SetSize(w, h int) {
	if max(w, 0) != d.width {
		d.stale = true
	}
	d.width, d.height = max(w, 0), max(h, 0)
	d.vp.SetWidth(d.width)
	d.vp.SetHeight(d.height)
}

// SetStyles lays the text out again in new styles.
func (d *detailPane) SetStyles(s *Styles) {
	d.styles, d.stale = s, true
}

// Focus gives the pane the keyboard.
func (d *detailPane) Focus() tea.Cmd { d.focused = true; return nil }

// Blur takes the keyboard away, and the selection of a link with it.
func (d *detailPane) Blur() {
	d.focused = false
	if d.link >= 0 {
		d.link, d.stale = -1, true
	}
}

// SetTimeline sets the timeline the events come from.
func (d *detailPane) SetTimeline(t *timeline.Timeline) {
	d.t, d.ev, d.stale = t, nil, true
	d.letters = themeLetters(t)
}

// SetEvent shows e, scrolled to its top with no link selected; hidden says the filters
// hide it. Showing the event already shown keeps the scroll and the link.
func (d *detailPane) SetEvent(e *timeline.Event, hidden bool) {
	if d.ev == e && d.hidden == hidden {
		return
	}
	if d.ev != e {
		d.link, d.toTop = -1, true
	}
	d.ev, d.hidden, d.stale = e, hidden, true
}

// Event returns the event shown.
func (d *detailPane) Event() *timeline.Event { return d.ev }

// Relist lays the text out again after the filter changed: related events may have been
// hidden or shown.
func (d *detailPane) Relist() { d.stale = true }

// SetDates says, of an event that only may fall in f's dates, that it may fall outside
// them.
func (d *detailPane) SetDates(f timeline.Filter) {
	if words := f.Dates().Human(); words != d.dates {
		d.dates, d.mayOnly, d.stale = words, f.MayOnly(), true
	}
}

// SetTerms sets the search terms to highlight.
func (d *detailPane) SetTerms(terms []string) {
	if !slices.Equal(terms, d.terms) {
		d.terms = terms
		d.version++ // the lines on screen are highlighted again; none is laid out again
	}
}

// layout lays the text out when something it shows changed since it was last laid out.
func (d *detailPane) layout() {
	if !d.stale {
		return
	}
	top := d.toTop
	d.stale, d.toTop = false, false
	if d.ev == nil || d.width <= 0 {
		d.lines, d.links, d.plain = nil, nil, nil
		d.vp.SetContentLines(nil)
		d.version++
		return
	}
	y := d.vp.YOffset()
	x := d.render(d.width)
	d.lines, d.links, d.plain = x.lines, x.links, x.plain
	if d.link >= len(d.links) {
		d.link = -1
	}
	d.vp.SetContentLines(d.lines)
	d.version++
	if top {
		d.vp.GotoTop()
	} else {
		d.vp.SetYOffset(y)
	}
}

// Update scrolls the pane and moves between its links.
func (d *detailPane) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	d.layout()
	y := d.vp.YOffset()
	switch {
	case key.Matches(k, d.keys.NextLink):
		return d.moveLink(1)
	case key.Matches(k, d.keys.PrevLink):
		return d.moveLink(-1)
	case key.Matches(k, d.keys.Down):
		d.vp.ScrollDown(1)
	case key.Matches(k, d.keys.Up):
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
	default:
		return nil
	}
	if d.vp.YOffset() != y {
		return nil
	}
	// Nothing moved: say why.
	switch {
	case len(d.lines) <= d.height:
		return statusCmd(false, "The whole event is on screen")
	case d.vp.AtTop() && key.Matches(k, d.keys.Up, d.keys.PageUp, d.keys.HalfUp, d.keys.Top):
		return statusCmd(false, "At the top of the event")
	}
	return statusCmd(false, "At the end of the event")
}

// moveLink selects the next (dir 1) or previous (dir -1) link.
func (d *detailPane) moveLink(dir int) tea.Cmd {
	if len(d.links) == 0 {
		return statusCmd(false, "This event has no related event and no source with a link")
	}
	n := len(d.links)
	switch {
	case d.link < 0 && dir > 0:
		d.selectLink(0)
	case d.link < 0:
		d.selectLink(n - 1)
	default:
		d.selectLink((d.link + dir + n) % n)
	}
	return d.linkStatus()
}

// linkStatus says which link is selected and what enter does with it: the highlight
// alone does not show without colour, nor to a screen reader.
func (d *detailPane) linkStatus() tea.Cmd {
	l, ok := d.Link()
	if !ok {
		return nil
	}
	follow, of := d.keys.Follow.Help().Key, strconv.Itoa(d.link+1)+" of "+strconv.Itoa(len(d.links))
	if l.related != nil {
		return statusCmd(false, "Link %s, related: “%s” · %s shows it", of, lineText(l.related.Title, 50), follow)
	}
	src := d.ev.Sources[l.source-1]
	return statusCmd(false, "Link %s, source %d (%s) · %s opens it", of, l.source, lineText(src.Publisher, 30), follow)
}

// selectLink selects link i and scrolls it into view.
func (d *detailPane) selectLink(i int) {
	d.layout()
	if i != d.link {
		d.link, d.stale = i, true
		d.layout()
	}
	if i >= 0 && i < len(d.links) {
		l := d.links[i]
		d.vp.EnsureVisible(l.first, 0, 0)
		d.vp.EnsureVisible(l.last, 0, 0)
	}
}

// SelectRelated selects the related event after the one selected, or the first; it
// returns its place among the related events and their number, 0 when there is none.
func (d *detailPane) SelectRelated() (int, int) {
	d.layout()
	var rel []int
	for i, l := range d.links {
		if l.related != nil {
			rel = append(rel, i)
		}
	}
	if len(rel) == 0 {
		return 0, 0
	}
	next := 0
	for j, i := range rel {
		if i == d.link {
			next = (j + 1) % len(rel)
		}
	}
	d.selectLink(rel[next])
	return next + 1, len(rel)
}

// SelectLinkTo selects the link to a related event or to source n (from 1), as a jump back
// restores it; it does nothing when there is none.
func (d *detailPane) SelectLinkTo(related *timeline.Event, source int) {
	d.layout()
	for i, l := range d.links {
		if related != nil && l.related == related || related == nil && source > 0 && l.source == source {
			d.selectLink(i)
			return
		}
	}
}

// HasLinks reports whether the event shown has a link to select.
func (d *detailPane) HasLinks() bool {
	d.layout()
	return len(d.links) > 0
}

// Link returns the selected link, and whether one is selected.
func (d *detailPane) Link() (detailLink, bool) {
	d.layout()
	if d.link < 0 || d.link >= len(d.links) {
		return detailLink{}, false
	}
	return d.links[d.link], true
}

// Scroll moves the text by n lines, down when n is positive.
func (d *detailPane) Scroll(n int) {
	d.layout()
	if n > 0 {
		d.vp.ScrollDown(n)
	} else {
		d.vp.ScrollUp(-n)
	}
}

// Percent says how far down the text is scrolled: "top", "42%", "end" or "" when it fits.
func (d *detailPane) Percent() string {
	d.layout()
	switch {
	case len(d.lines) <= d.height:
		return ""
	case d.vp.AtTop():
		return "top"
	case d.vp.AtBottom():
		return "end"
	}
	return strconv.Itoa(int(d.vp.ScrollPercent()*100)) + "%"
}

// View renders the visible part of the text.
func (d *detailPane) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	if d.ev == nil {
		return d.styles.DetailPaint.Muted.Render(truncate("Nothing selected.", d.width, "…"))
	}
	d.layout()
	k := detailViewKey{ev: d.ev, w: d.width, h: d.height, y: d.vp.YOffset(), version: d.version}
	if k != d.viewKey || d.view == "" {
		// The lines are already laid out to the width, and nothing sits right of the
		// pane to need them padded: the visible ones are the view.
		y := min(max(k.y, 0), len(d.lines))
		var b strings.Builder
		for i := y; i < min(y+d.height, len(d.lines)); i++ {
			if i > y {
				b.WriteByte('\n')
			}
			if pl, ok := d.plain[i]; ok && len(d.terms) > 0 {
				b.WriteString(pl.lead + highlight(pl.p, d.styles.DetailPaint.Match, pl.text, d.terms))
			} else {
				b.WriteString(d.lines[i])
			}
		}
		d.view, d.viewKey = b.String(), k
	}
	return d.view
}

// ShortHelp returns the pane's keys for the footer; o only when there is a link to open.
func (d *detailPane) ShortHelp() []key.Binding {
	d.layout()
	keys := d.keys.detailHelp()
	if !hasWebLink(d.ev) {
		keys = withoutBinding(keys, d.keys.Open)
	}
	if len(d.links) == 0 {
		keys = withoutBinding(keys, d.keys.NextLink, d.keys.Follow)
	}
	return keys
}

// FullHelp returns the pane's keys for the help.
func (d *detailPane) FullHelp() [][]key.Binding {
	k := d.keys
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.NextLink, k.PrevLink, k.Follow, k.Leave}}
}

// withoutBinding returns keys without the bindings named by drop, compared by their help.
func withoutBinding(keys []key.Binding, drop ...key.Binding) []key.Binding {
	out := keys[:0:0]
	for _, k := range keys {
		if !slices.ContainsFunc(drop, func(d key.Binding) bool { return d.Help() == k.Help() }) {
			out = append(out, k)
		}
	}
	return out
}
