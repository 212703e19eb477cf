package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// pickerItem is one value a picker offers, with the number of events it would keep under
// the other active filters.
type pickerItem struct {
	id        string
	name      string // sanitised, for the screen
	meta      string // kind and description, sanitised
	keys      string // lower-cased id, name and aliases, which typing narrows on
	lowerName string
	count     int
	order     int // place in the timeline's registry
	checked   bool
	fixed     bool // keeps its place in the table (statuses) rather than sorting by count
}

func newPickerItem(id, name, kind, desc string, aliases []string, count int) pickerItem {
	// Typing narrows on the first few hundred bytes of each name: enough for any real
	// name, and a keystroke never scans a megabyte.
	parts := []string{headOfString(id, 512), headOfString(name, 512)}
	for _, a := range aliases[:min(len(aliases), 64)] {
		parts = append(parts, headOfString(a, 512))
	}
	keys := strings.ToLower(strings.Join(parts, "\n"))
	meta := clean(headOfString(kind, 64))
	if d := clean(headOfString(desc, 512)); d != "" {
		if meta != "" {
			meta += " · "
		}
		meta += d
	}
	shown := clean(headOfString(name, 512))
	return pickerItem{id: id, name: shown, meta: meta, keys: keys, lowerName: strings.ToLower(shown), count: count}
}

// pickerPane picks values of one kind of filter, as fzf and gum do: typing narrows,
// spaces included; the arrows move; tab toggles; enter applies the toggled values or,
// when none was toggled, the highlighted one. While it is open the list previews what
// enter would apply.
type pickerPane struct {
	styles *Styles
	keys   *keyMap
	kind   *pickerKind
	title  string
	input  textinput.Model

	items   []pickerItem
	shown   []int // indexes into items that match what was typed, best first
	cursor  int   // index into shown
	offset  int
	toggled bool // the reader toggled a value since the picker opened
	touched bool // the reader typed, moved or toggled since it opened
	start   []string
	sub     string // a dimmed line under the input; "" for none
	empty   string // what the picker says when nothing matches; "" for the filters' words
	plain   bool   // rows without boxes to toggle: the saved views

	width, height int
}

var _ component = (*pickerPane)(nil)

func newPicker(s *Styles, k *keyMap) pickerPane {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "type to narrow"
	in.CharLimit = 64
	in.SetStyles(s.Input)
	return pickerPane{styles: s, keys: k, input: in}
}

// Open fills the picker with the values of a kind, their facet counts, and those f
// selects already toggled on. With scope, only the values it names are offered; title
// names what the picker picks.
func (p *pickerPane) Open(kind *pickerKind, t *timeline.Timeline, fc timeline.Facets, f timeline.Filter, scope []string, title string) {
	var items []pickerItem
	for _, it := range kind.items(t, fc, f) {
		if scope == nil || slices.Contains(scope, it.id) {
			items = append(items, it)
		}
	}
	p.OpenItems(title, items, f.Values(kind.kind), kind.fixed)
	p.kind = kind
	p.input.Placeholder = "type to narrow"
}

// OpenItems fills the picker with items, start being the ids chosen already, for what is
// not a kind of filter: a mark's labels, the saved views. Unless fixed, the most counted
// come first.
func (p *pickerPane) OpenItems(title string, items []pickerItem, start []string, fixed bool) {
	p.kind, p.title, p.sub, p.plain, p.empty = nil, title, "", false, ""
	p.cursor, p.offset, p.toggled, p.touched = 0, 0, false, false
	p.input.Reset()
	p.start = start
	p.items = append(p.items[:0], items...)
	if !fixed {
		// Most used first; typing ranks the matches.
		slices.SortStableFunc(p.items, func(a, b pickerItem) int {
			return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.lowerName, b.lowerName))
		})
	}
	p.narrow()
}

// SetSub shows a dimmed line under the input: the filter a view would save.
func (p *pickerPane) SetSub(sub string) { p.sub = sub }

// SetEmpty sets what the picker says when nothing matches what was typed.
func (p *pickerPane) SetEmpty(s string) { p.empty = s }

// SetPlaceholder sets what the empty input says.
func (p *pickerPane) SetPlaceholder(s string) { p.input.Placeholder = s }

// Highlighted returns the item highlighted, and whether there is one.
func (p *pickerPane) Highlighted() (pickerItem, bool) {
	if len(p.shown) == 0 {
		return pickerItem{}, false
	}
	return p.items[p.shown[p.cursor]], true
}

// Touched reports whether the reader typed, moved or toggled since the picker opened.
func (p *pickerPane) Touched() bool { return p.touched }

// Toggled returns the ids of the items toggled on, and whether the reader toggled any.
func (p *pickerPane) Toggled() ([]string, bool) {
	if !p.toggled {
		return nil, false
	}
	var ids []string
	for _, it := range p.items {
		if it.checked {
			ids = append(ids, it.id)
		}
	}
	return ids, true
}

// SetSize sets the picker's size.
func (p *pickerPane) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	p.input.SetWidth(max(w-len(p.input.Prompt)-1, 1))
	p.scroll()
}

// SetStyles hands the picker new styles.
func (p *pickerPane) SetStyles(s *Styles) { p.styles = s; p.input.SetStyles(s.Input) }

// Focus gives the picker the keyboard.
func (p *pickerPane) Focus() tea.Cmd { return p.input.Focus() }

// Blur takes it away.
func (p *pickerPane) Blur() { p.input.Blur() }

// Kind returns the kind of filter the picker picks.
func (p *pickerPane) Kind() *pickerKind { return p.kind }

// Query returns what was typed.
func (p *pickerPane) Query() string { return p.input.Value() }

// Choice returns the values enter would apply: the toggled ones when the reader toggled
// any, else the highlighted one once the reader typed or moved, or from the start when
// the filter had none of the kind, else those the filter had when the picker opened. ok
// is false when typing left nothing to apply.
func (p *pickerPane) Choice() (values []string, ok bool) {
	switch {
	case p.toggled:
		var checked []pickerItem
		for _, it := range p.items {
			if it.checked {
				checked = append(checked, it)
			}
		}
		slices.SortFunc(checked, func(a, b pickerItem) int { return cmp.Compare(a.order, b.order) })
		for _, it := range checked {
			values = append(values, it.id)
		}
		return values, true
	case p.picksHighlighted():
		if len(p.shown) == 0 {
			return p.start, false
		}
		return []string{p.items[p.shown[p.cursor]].id}, true
	}
	return p.start, true
}

// picksHighlighted reports whether enter, with nothing toggled, picks the highlighted
// value: once the reader typed or moved, and from the start when the filter has no value
// of the kind to keep (a, enter picks the first actor, as f, enter does the event's).
func (p *pickerPane) picksHighlighted() bool {
	return p.touched || len(p.start) == 0 && len(p.shown) > 0
}

// choiceWords says in a few words what enter would do.
func (p *pickerPane) choiceWords() string {
	values, ok := p.Choice()
	switch {
	case !ok:
		return "nothing matches"
	case len(values) == 0 && len(p.start) == 0:
		return "close"
	case len(values) == 0:
		return "remove the filter"
	case p.toggled:
		return "apply " + strconv.Itoa(len(values)) + " toggled"
	case p.picksHighlighted():
		return "pick " + truncate(p.items[p.shown[p.cursor]].name, 24, "…")
	}
	return "keep as is"
}

// narrow shows the values that match what was typed, best first: those with a name, id
// or alias that is what was typed, then one with it as whole words ("trump" in "Donald
// Trump"), then one that starts with it, then one with a word that does, then those that
// contain it, then those that contain each of its words. Among matches as good, the
// order is the picker's own: most events first, unless its order is fixed.
func (p *pickerPane) narrow() {
	q := strings.ToLower(strings.TrimLeft(p.input.Value(), " "))
	words := strings.Fields(q)
	p.shown = p.shown[:0]
	rank := make(map[int]int)
	for i, it := range p.items {
		if q == "" {
			p.shown = append(p.shown, i)
			continue
		}
		if r := matchRank(it.keys, q, words); r >= 0 {
			rank[i] = r
			p.shown = append(p.shown, i)
		}
	}
	if q != "" {
		slices.SortStableFunc(p.shown, func(a, b int) int { return cmp.Compare(rank[a], rank[b]) })
	}
	p.cursor = max(0, min(p.cursor, len(p.shown)-1))
	p.scroll()
}

// matchRank says how well q, lower-cased, matches an item of the lower-cased keys, one a
// line (its id, name and aliases): 0 for a key that is q, then 1 for q as whole words of
// a key, 2 for a key that starts with q, 3 for a word of a key that does, 4 for a key
// that contains q, 5 for keys that contain each of words; -1 for no match.
func matchRank(keys, q string, words []string) int {
	best := -1
	for rest := keys; rest != "" && best != 0; {
		var k string
		k, rest, _ = strings.Cut(rest, "\n")
		r := -1
		switch {
		case k == q:
			r = 0
		case strings.HasPrefix(k, q):
			r = 2
		}
		for from := 0; r != 0; {
			i := strings.Index(k[from:], q)
			if i < 0 {
				break
			}
			i += from
			before, _ := utf8.DecodeLastRuneInString(k[:i])
			after, _ := utf8.DecodeRuneInString(k[i+len(q):])
			starts := i == 0 || !wordRune(before)
			ends := i+len(q) == len(k) || !wordRune(after)
			c := 4
			switch {
			case starts && ends:
				c = 1
			case starts:
				c = 3
			}
			if r < 0 || c < r {
				r = c
			}
			if r == 1 {
				break
			}
			from = i + 1
		}
		if r >= 0 && (best < 0 || r < best) {
			best = r
		}
	}
	if best >= 0 || len(words) == 0 {
		return best
	}
	for _, w := range words {
		if !strings.Contains(keys, w) {
			return -1
		}
	}
	return 5
}

// wordRune reports whether r is part of a word: a letter or a digit.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// listHeight is the number of lines left for values under the title and the input.
func (p *pickerPane) listHeight() int { return max(p.height-3, 1) }

func (p *pickerPane) scroll() {
	h := p.listHeight()
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+h {
		p.offset = p.cursor - h + 1
	}
	p.offset = max(0, min(p.offset, len(p.shown)-h))
}

// Move moves the highlight by n values (negative is up), staying on the values shown.
func (p *pickerPane) Move(n int) {
	p.cursor = max(0, min(p.cursor+n, len(p.shown)-1))
	p.touched = true
	p.scroll()
}

// Update moves, toggles, or passes typing to the narrowing input.
func (p *pickerPane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, p.keys.PickDown):
			p.Move(1)
			return nil
		case key.Matches(k, p.keys.PickUp):
			p.Move(-1)
			return nil
		case key.Matches(k, p.keys.PickPageDown):
			p.Move(p.listHeight())
			return nil
		case key.Matches(k, p.keys.PickPageUp):
			p.Move(-p.listHeight())
			return nil
		case key.Matches(k, p.keys.Toggle) && p.plain:
			return nil
		case key.Matches(k, p.keys.Toggle):
			if len(p.shown) == 0 {
				return statusCmd(false, "Nothing to toggle: nothing matches what you typed")
			}
			it := &p.items[p.shown[p.cursor]]
			it.checked = !it.checked
			p.toggled, p.touched = true, true
			return nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.cursor, p.touched = 0, true
		p.narrow()
	}
	return cmd
}

// View renders the title, the narrowing input and the values on screen.
func (p *pickerPane) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	s, w := p.styles, p.width
	checked := 0
	for _, it := range p.items {
		if it.checked {
			checked++
		}
	}
	title := p.title + " · " + strconv.Itoa(len(p.shown)) + " of " + strconv.Itoa(len(p.items))
	if checked > 0 {
		title += " · " + strconv.Itoa(checked) + " toggled"
	}
	lines := []string{s.PickerPaint.Title.Render(truncate(title, w, "…"))}
	if p.height >= 2 {
		lines = append(lines, exactWidth(p.input.View(), w))
	}
	if p.height >= 3 {
		lines = append(lines, s.PickerPaint.Meta.Render(truncate(p.sub, w, "…")))
	}
	if len(p.shown) == 0 {
		empty := p.empty
		if empty == "" {
			empty = "Nothing matches what you typed; " + p.keys.Cancel.Help().Key + " leaves the filter as it was."
		}
		lines = append(lines, s.PickerPaint.Zero.Render(truncate(empty, w, "…")))
	}
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	end := min(len(p.shown), p.offset+p.listHeight())
	for i := p.offset; i < end; i++ {
		lines = append(lines, p.row(p.items[p.shown[i]], i == p.cursor, q))
	}
	if len(lines) > p.height {
		lines = lines[:p.height]
	}
	return strings.Join(lines, "\n")
}

// row renders one value: its box, name, kind and description, and count, w cells wide.
func (p *pickerPane) row(it pickerItem, current bool, q string) string {
	pp, w := &p.styles.PickerPaint, p.width
	box := "[ ] "
	switch {
	case p.plain:
		box = ""
	case it.checked:
		box = "[x] "
	}
	count := strconv.Itoa(it.count)
	if it.count < 0 {
		count = "" // nothing counted: a saved view
	}
	room := w - len(box) - len(count) - 1
	if room < 1 {
		return fit(box+count, w)
	}
	name := truncate(it.name, room, "…")
	used := textWidth(name)
	meta := ""
	if it.meta != "" && room-used >= 10 {
		meta = "  " + truncate(it.meta, room-used-2, "…")
	}
	gap := strings.Repeat(" ", room-used-textWidth(meta)+1)
	if current {
		return pp.Cursor.Render(box + name + meta + gap + count)
	}
	boxPaint, namePaint, countPaint := pp.Item, pp.Item, pp.Count
	if it.checked {
		boxPaint = pp.Checked
	}
	if it.count == 0 {
		namePaint, countPaint = pp.Zero, pp.Zero
	}
	var terms []string
	if q != "" {
		terms = []string{q}
	}
	return boxPaint.Render(box) + highlight(namePaint, p.styles.DetailPaint.Match, name, terms) +
		pp.Meta.Render(meta) + gap + countPaint.Render(count)
}

// ShortHelp returns the picker's keys for the footer, enter saying what it would do.
func (p *pickerPane) ShortHelp() []key.Binding {
	k := p.keys
	apply := k.Apply
	apply.SetHelp(apply.Help().Key, p.choiceWords())
	return []key.Binding{k.PickDown, k.Toggle, apply, k.Cancel}
}

// FullHelp returns the picker's keys for the help.
func (p *pickerPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.PickDown, k.PickUp, k.PickPageDown, k.PickPageUp, k.Toggle, k.Apply, k.Cancel}}
}
