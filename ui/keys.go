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
	Search, Actors, Themes, Statuses, Dates, OwnActors, Clear, Undo key.Binding
	// Actions.
	Export, Open, Copy, About, Help, Quit, Interrupt, Suspend key.Binding

	// Inside a picker.
	PickUp, PickDown, PickPageUp, PickPageDown, Toggle key.Binding
	// Inside a picker or a prompt.
	Apply, Cancel key.Binding
	// Inside a prompt.
	Recall, Edit key.Binding
	// Answering the overwrite question.
	Yes, No key.Binding
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

		Switch: b([]string{"tab", "shift+tab"}, "tab", "switch list and detail"),
		Read:   b([]string{"enter", "l", "right"}, "enter", "read the event"),
		Leave:  b([]string{"esc", "h", "left"}, "esc", "back to the list"),

		NextLink: b([]string{"n"}, "n", "next link"),
		PrevLink: b([]string{"N"}, "N", "previous link"),
		Follow:   b([]string{"enter"}, "enter", "follow the link"),
		Related:  b([]string{"r"}, "r", "related events"),
		JumpBack: b([]string{"b", "ctrl+o"}, "b", "back to the event before"),

		Search:    b([]string{"/"}, "/", "search"),
		Actors:    b([]string{"a"}, "a", "actors"),
		Themes:    b([]string{"t"}, "t", "themes"),
		Statuses:  b([]string{"s"}, "s", "status"),
		Dates:     b([]string{"d"}, "d", "dates"),
		OwnActors: b([]string{"f"}, "f", "this event's actors"),
		Clear:     b([]string{"x"}, "x", "clear filters"),
		Undo:      b([]string{"backspace"}, "⌫", "undo the last filter"),

		Export:    b([]string{"e"}, "e", "export"),
		Open:      b([]string{"o"}, "o", "open a source"),
		Copy:      b([]string{"y"}, "y", "copy as Markdown"),
		About:     b([]string{"i"}, "i", "about the timeline"),
		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q"}, "q", "quit"),
		Interrupt: b([]string{"ctrl+c"}, "ctrl+c", "quit at once, from anywhere"),
		Suspend:   b([]string{"ctrl+z"}, "ctrl+z", "suspend (fg resumes)"),

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
	keys  []key.Binding
}

// helpSections lists every key the explorer answers to, in the order the help shows them.
func (k *keyMap) helpSections() []helpSection {
	return []helpSection{
		{"Move in the list", []key.Binding{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.PrevYear, k.NextYear}},
		{"Read", []key.Binding{k.Read, k.Switch, k.Leave, k.NextLink, k.PrevLink, k.Follow, k.Related, k.JumpBack, k.Open, k.Copy}},
		{"Filter", []key.Binding{k.Search, k.Actors, k.Themes, k.Statuses, k.Dates, k.OwnActors, k.Clear, k.Undo}},
		{"Anywhere", []key.Binding{k.Export, k.About, k.Help, k.Quit, k.Interrupt, k.Suspend}},
		{"In a picker", []key.Binding{k.PickDown, k.PickUp, k.Toggle, k.Apply, k.Cancel}},
		{"In a prompt", []key.Binding{k.Apply, k.Cancel, k.Recall, k.Edit}},
		{"When asked", []key.Binding{k.Source, k.Yes, k.No}},
	}
}

// browseHelp is the footer of the list.
func (k *keyMap) browseHelp() []key.Binding {
	return []key.Binding{k.Read, k.Search, k.Actors, k.Themes, k.Dates, k.Clear, k.Export, k.Open, k.Help, k.Quit}
}

// detailHelp is the footer of the detail pane.
func (k *keyMap) detailHelp() []key.Binding {
	return []key.Binding{k.Leave, k.PageDown, k.NextLink, k.Follow, k.Related, k.JumpBack, k.Open, k.Copy, k.Help, k.Quit}
}
