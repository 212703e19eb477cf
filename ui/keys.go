package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// keyMap is every key the explorer answers to. The footer, the help overlay and README's
// key table are all generated from it.
type keyMap struct {
	// Moving in the list; scrolling the detail and the help.
	Up, Down, Top, Bottom, PageUp, PageDown, HalfUp, HalfDown, PrevYear, NextYear key.Binding
	// Panes.
	Switch, Read, Leave key.Binding
	// Links in the detail, and the events followed.
	NextLink, PrevLink, Follow, Related, JumpBack key.Binding
	// Filters.
	Search, Actors, Themes, Statuses, Places, Publishers, Dates, Query, OwnActors, Clear, Undo key.Binding
	// The sources overview (S), and in it the filters on the number of publishers.
	Sources, OneSource, TwoSources, AnySources key.Binding
	// The reader's notebook: marks, labels, notes and saved views.
	Mark, Labels, Marked, Note, NoteEditor, Views key.Binding
	// Actions.
	Export, Open, Copy, About, Help, Quit, Interrupt, Suspend key.Binding
	// The file: reload it, edit the selected event, list what a broken save got wrong.
	Reload, EditEvent, Problems key.Binding

	// Inside a picker.
	PickUp, PickDown, PickPageUp, PickPageDown, Toggle key.Binding
	// Inside a picker or a prompt.
	Apply, Cancel key.Binding
	// Inside a prompt.
	Recall, Edit key.Binding
	// Answering the overwrite question.
	Yes, No key.Binding
	// In the note editor.
	NoteSave, NoteClose, NoteExternal key.Binding
	// In the views.
	ViewSave, ViewDelete, ViewCopy key.Binding
	// Choosing the source o opens.
	Source key.Binding
	// Leaving the help or the about view.
	Close key.Binding
}

func defaultKeyMap() keyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return keyMap{
		Up:       b([]string{"k", "up"}, "↑/k", "up"),
		Down:     b([]string{"j", "down"}, "↓/j", "down"),
		Top:      b([]string{"g", "home"}, "g", "first"),
		Bottom:   b([]string{"G", "end"}, "G", "last"),
		PageUp:   b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", "ctrl+f", "space"}, "space", "page down"),
		HalfUp:   b([]string{"ctrl+u"}, "ctrl+u", "half a page up"),
		HalfDown: b([]string{"ctrl+d"}, "ctrl+d", "half a page down"),
		PrevYear: b([]string{"["}, "[", "previous year"),
		NextYear: b([]string{"]"}, "]", "next year"),

		Switch: b([]string{"tab", "shift+tab"}, "tab", "switch pane"),
		Read:   b([]string{"enter", "l", "right"}, "enter", "read"),
		Leave:  b([]string{"esc", "h", "left"}, "esc", "list"),

		NextLink: b([]string{">"}, ">", "next link"),
		PrevLink: b([]string{"<"}, "<", "previous link"),
		Follow:   b([]string{"enter"}, "enter", "follow"),
		Related:  b([]string{"r"}, "r", "related"),
		JumpBack: b([]string{"b", "ctrl+o"}, "b", "back"),

		Search:     b([]string{"/"}, "/", "search"),
		Actors:     b([]string{"a"}, "a", "actors"),
		Themes:     b([]string{"t"}, "t", "themes"),
		Statuses:   b([]string{"s"}, "s", "status"),
		Places:     b([]string{"w"}, "w", "places"),
		Publishers: b([]string{"p"}, "p", "publishers"),
		Dates:      b([]string{"d"}, "d", "dates"),
		Query:      b([]string{":"}, ":", "query"),
		Sources:    b([]string{"S"}, "S", "sources"),
		OneSource:  b([]string{"1"}, "1", "one publisher only"),
		TwoSources: b([]string{"2"}, "2", "two or more publishers"),
		AnySources: b([]string{"0"}, "0", "any number of publishers"),
		OwnActors:  b([]string{"f"}, "f", "same actor"),
		Clear:      b([]string{"x"}, "x", "clear filters"),
		Undo:       b([]string{"backspace"}, "⌫", "undo"),

		Mark:       b([]string{"m"}, "m", "mark"),
		Labels:     b([]string{"L"}, "L", "labels"),
		Marked:     b([]string{"M"}, "M", "marked only"),
		Note:       b([]string{"n"}, "n", "note"),
		NoteEditor: b([]string{"N"}, "N", "note in $EDITOR"),
		Views:      b([]string{"v"}, "v", "views"),

		Export:    b([]string{"e"}, "e", "export"),
		Open:      b([]string{"o"}, "o", "open"),
		Copy:      b([]string{"y"}, "y", "copy"),
		About:     b([]string{"i"}, "i", "about"),
		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q"}, "q", "quit"),
		Interrupt: b([]string{"ctrl+c"}, "ctrl+c", "quit at once, from anywhere"),
		Suspend:   b([]string{"ctrl+z"}, "ctrl+z", "suspend (fg resumes)"),

		Reload:    b([]string{"R"}, "R", "reload"),
		EditEvent: b([]string{"E"}, "E", "edit"),
		Problems:  b([]string{"!"}, "!", "problems"),

		PickUp:       b([]string{"up", "ctrl+p", "ctrl+k"}, "↑", "up"),
		PickDown:     b([]string{"down", "ctrl+n", "ctrl+j"}, "↓", "down"),
		PickPageUp:   b([]string{"pgup"}, "pgup", "page up"),
		PickPageDown: b([]string{"pgdown"}, "pgdn", "page down"),
		Toggle:       b([]string{"tab"}, "tab", "toggle"),

		Apply:  b([]string{"enter"}, "enter", "apply"),
		Cancel: b([]string{"esc"}, "esc", "cancel"),
		Recall: b([]string{"up", "down"}, "↑", "earlier searches"),
		Edit:   b([]string{"right", "left", "home", "end", "ctrl+a", "ctrl+e"}, "→", "edit"),

		Yes: b([]string{"y", "Y"}, "y", "overwrite"),
		No:  b([]string{"n", "N", "esc"}, "n", "keep the file"),

		NoteSave:     b([]string{"ctrl+s"}, "ctrl+s", "save"),
		NoteClose:    b([]string{"esc"}, "esc", "close"),
		NoteExternal: b([]string{"ctrl+o"}, "ctrl+o", "$EDITOR"),

		ViewSave:   b([]string{"ctrl+s"}, "ctrl+s", "save as"),
		ViewDelete: b([]string{"ctrl+x"}, "ctrl+x", "delete"),
		ViewCopy:   b([]string{"ctrl+y"}, "ctrl+y", "copy query"),

		Source: b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "source number"),
		Close:  b([]string{"esc", "?", "i"}, "esc", "close"),
	}
}

// keyNames are how the help spells keys whose names are words.
var keyNames = map[string]string{
	"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn",
}

// keysText lists every key of a binding as the help shows it: "j ↓".
func keysText(b key.Binding) string {
	keys := b.Keys()
	out := make([]string, len(keys))
	for i, k := range keys {
		if n, ok := keyNames[k]; ok {
			k = n
		}
		out[i] = k
	}
	return strings.Join(out, " ")
}

// helpSection is a group of keys in the help overlay and README's key table.
type helpSection struct {
	title string
	rows  []helpRow
}

// helpRow is a key and, after the few words the footer shows, more about it.
type helpRow struct {
	key  key.Binding
	more string
}

// desc is the row's description: the binding's own words, then more.
func (r helpRow) desc() string {
	if r.more == "" {
		return r.key.Help().Desc
	}
	return r.key.Help().Desc + r.more
}

// helpSections lists every key the explorer answers to, in the order the help shows them.
func (k *keyMap) helpSections() []helpSection {
	row := func(b key.Binding, more string) helpRow { return helpRow{b, more} }
	rows := func(bs ...key.Binding) []helpRow {
		out := make([]helpRow, len(bs))
		for i, b := range bs {
			out[i] = helpRow{key: b}
		}
		return out
	}
	return []helpSection{
		{"Move in the list", rows(k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.PrevYear, k.NextYear)},
		{"Read", []helpRow{
			row(k.Read, " the event: the detail pane takes the keyboard (and the screen, under 100 columns)"),
			row(k.Switch, ": between the list and the detail"),
			row(k.Leave, ": back to the list from the detail"),
			row(k.NextLink, ": the next related event, or source with a web link"),
			row(k.PrevLink, ""),
			row(k.Follow, " the link: show the related event (even one the filters hide), or open the source"),
			row(k.Related, ": select the next related event in the detail"),
			row(k.JumpBack, " to the event before the related one followed, as a browser's back button"),
			row(k.Open, " a source: the one with a link, the one selected, or the one whose number you type; $BROWSER is honoured"),
			row(k.Copy, " the event as Markdown, as the export writes it: through the terminal (OSC 52) and a clipboard program if one is installed"),
		}},
		{"Filter", []helpRow{
			row(k.Search, " as you type in titles, summaries, actors and themes (and their aliases), places, sources and your notes; reopening it selects the search, to replace or edit"),
			row(k.Actors, ": pick from every actor, with its count under the other filters, kind and description"),
			row(k.Themes, ": pick from every theme, the same way"),
			row(k.Statuses, ": pick from the statuses, the same way"),
			row(k.Places, ": pick from the places the events name (where), the same way"),
			row(k.Publishers, ": pick from the publishers of the sources, the same way"),
			row(k.Dates, ": a range such as 2024, 2024-06, 2024-06-01..2024-09-30, 2024..2025, ..2021, 2024-06..; events that only may fall in it are marked "+mayFallGlyph+"; within 2024-08 keeps only those certainly in it"),
			row(k.Query, ": the filter as query text, the words the flags, the views and tlx view --query read (actor:routh from:2024-06 marked:key \"golf course\"): edit or replace it, enter applies it"),
			row(k.Sources, ": who supports what: every publisher of the events listed, how many it supports and those it alone supports"),
			row(k.OwnActors, ": what else did this event's actor do? Every event of theirs, the other filters set aside ("+k.Undo.Help().Key+" brings them back); with several actors, pick which"),
			row(k.Clear, ""),
			row(k.Undo, " the last change to the filters, clearing included"),
		}},
		{"Your notebook: marks, notes and views, saved as you act", []helpRow{
			row(k.Mark, " or unmark the event (unmarking drops its labels too)"),
			row(k.Labels, ": label the event's mark, as Timesketch does: key, check, dubious, or a word you type"),
			row(k.Marked, ": keep only marked events (again: all); the query (:) picks labels: marked:key,check"),
			row(k.Note, ": write your note on the event, over several lines; it shows under the summary, as yours"),
			row(k.NoteEditor, ": write it in $VISUAL or $EDITOR instead"),
			row(k.Views, ": save the filter under a name, or apply or delete a saved one; shows the filter as query text"),
		}},
		{"Anywhere", []helpRow{
			row(k.Export, ": the events listed, to a Markdown file, or in the format its name ends with: .ics, .csv, .json, .toml... (~ is your home; never overwrites without asking)"),
			row(k.About, " the timeline: title, description, dates and counts"),
			row(k.Help, ": this screen"),
			row(k.Quit, ": an export being written is finished first"),
			row(k.Interrupt, ": an export being written is cancelled, its temporary file removed; in the note editor with words not saved, the first press says so and the second quits"),
			row(k.Suspend, ""),
		}},
		{"The file", []helpRow{
			row(k.Reload, " it now; it reloads by itself when saved, however the editor saves, keeping the filters, the selection and the scroll"),
			row(k.EditEvent, " the selected event in $VISUAL or $EDITOR, at its line (at the first problem's while a save does not load); the explorer reloads when the editor exits"),
			row(k.Problems, ": every problem of a save that does not load; the last good timeline stays until a save fixes them"),
		}},
		{"In a picker", []helpRow{
			row(k.PickDown, " (typing narrows, spaces included)"),
			row(k.PickUp, ""),
			row(k.Toggle, " the highlighted value"),
			row(k.Apply, " the values toggled, or else the one highlighted"),
			row(k.Cancel, ": the filter stays as it was"),
		}},
		{"In a prompt", rows(k.Apply, k.Cancel, k.Recall, k.Edit)},
		{"In the sources overview", []helpRow{
			row(k.OneSource, ": keep the events that one publisher alone supports, to check them (--single-source)"),
			row(k.TwoSources, ": keep those that two or more independent publishers support (--min-sources 2)"),
			row(k.AnySources, ": drop that filter"),
		}},
		{"In the note editor", rows(k.NoteSave, k.NoteClose, k.NoteExternal)},
		{"In the views", []helpRow{
			row(k.Apply, " the view highlighted, or save the filter under the name typed when no view has it"),
			row(k.ViewSave, ": the filter, under the name typed or the highlighted view's (asks before replacing one)"),
			row(k.ViewDelete, " the highlighted view (asks first)"),
			row(k.ViewCopy, ": the filter as query text, for a script (tlx view NAME --query TEXT)"),
		}},
		{"When asked", rows(k.Source, k.Yes, k.No)},
	}
}

// browseHelp is the footer of the list.
func (k *keyMap) browseHelp() []key.Binding {
	return []key.Binding{k.Read, k.Search, k.Actors, k.Themes, k.Dates, k.Clear, k.Mark, k.Note, k.Views, k.Export, k.Open, k.Help, k.Quit}
}

// detailHelp is the footer of the detail pane.
func (k *keyMap) detailHelp() []key.Binding {
	return []key.Binding{k.Leave, k.PageDown, k.NextLink, k.Follow, k.Related, k.JumpBack, k.Mark, k.Note, k.Open, k.Copy, k.Help, k.Quit}
}
