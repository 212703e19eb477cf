package ui

import "github.com/tlx-dev/tlx/timeline"

// KeySection is a group of the explorer's keys as its help (?) shows them. The man page
// and tlx help keys print these, so that they say what the help says.
type KeySection struct {
	Title string
	Rows  []KeyRow
}

// KeyRow is one line of the help: keys as the help spells them ("↓ j"), or a mark of the
// list, and what it does or means.
type KeyRow struct {
	Keys, Desc string
}

// KeyHelp returns every key the explorer answers to, in the help's order and words, and
// what the mouse does.
func KeyHelp() []KeySection {
	k := defaultKeyMap()
	var out []KeySection
	for _, sec := range k.helpSections() {
		s := KeySection{Title: sec.title}
		for _, r := range sec.rows {
			s.Rows = append(s.Rows, KeyRow{Keys: keysText(r.key), Desc: r.desc()})
		}
		out = append(out, s)
	}
	return append(out, KeySection{Title: "Mouse", Rows: mouseRows()})
}

// mouseRows says what the mouse does, for the help and KeyHelp.
func mouseRows() []KeyRow {
	return []KeyRow{
		{"wheel", "scrolls what is under it"},
		{"click", "selects an event, a pane, or a month of the time strip"},
	}
}

// MarkLegend returns the marks of the explorer's list and what each means: a glyph for
// each status, the arrow of an event that lasted, a window's dates, the may-fall mark,
// the dot of a theme, and the reader's own mark and note.
func MarkLegend() []KeyRow {
	var out []KeyRow
	for _, st := range timeline.Statuses {
		out = append(out, KeyRow{statusGlyph(st) + " " + st, statusMeaning[st]})
	}
	return append(out,
		KeyRow{"→", "after a date: the event spans to a later date"},
		KeyRow{"2024-06..07", "a window: some day in June or July 2024, not known which; by 2026-02-04, since 2024-08"},
		KeyRow{mayFallGlyph, "before a date: the event may fall outside the dates asked for, its date being a window or too coarse to be sure (within in the date prompt leaves it out)"},
		KeyRow{"●", "a theme of the event, in the theme's colour (letters without colour)"},
		KeyRow{markGlyph, "your mark on the event (m); its colour tells its label: key, dubious or check (L)"},
		KeyRow{noteGlyph, "your note on the event (n)"},
	)
}
