package ui

import "charm.land/bubbles/v2/key"

// keyMap is every key the explorer answers to. The help views are generated from it.
type keyMap struct {
	// Moving in the list.
	Up, Down, Top, Bottom, PageUp, PageDown, PrevYear, NextYear key.Binding
	// Panes.
	Focus, Back, Related key.Binding
	// Filters.
	Search, Actors, Themes, Statuses, Dates, OwnActors, Clear, Undo key.Binding
	// Actions.
	Export, Open, Copy, Help, Quit key.Binding

	// Inside a picker or a prompt.
	Toggle, Apply, Cancel, PickUp, PickDown key.Binding
	// Answering the overwrite question.
	Yes, No key.Binding
	// Scrolling the detail pane.
	ScrollDown, ScrollUp, HalfDown, HalfUp key.Binding
}

func defaultKeyMap() keyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return keyMap{
		Up:        b([]string{"k", "up"}, "↑/k", "up"),
		Down:      b([]string{"j", "down"}, "↓/j", "down"),
		Top:       b([]string{"g", "home"}, "g", "first"),
		Bottom:    b([]string{"G", "end"}, "G", "last"),
		PageUp:    b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown:  b([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		PrevYear:  b([]string{"["}, "[", "previous year"),
		NextYear:  b([]string{"]"}, "]", "next year"),
		Focus:     b([]string{"enter", "tab"}, "enter", "read"),
		Back:      b([]string{"esc", "shift+tab"}, "esc", "back"),
		Related:   b([]string{"r"}, "r", "related event"),
		Search:    b([]string{"/"}, "/", "search"),
		Actors:    b([]string{"a"}, "a", "actors"),
		Themes:    b([]string{"t"}, "t", "themes"),
		Statuses:  b([]string{"s"}, "s", "status"),
		Dates:     b([]string{"d"}, "d", "dates"),
		OwnActors: b([]string{"f"}, "f", "same actors"),
		Clear:     b([]string{"x"}, "x", "clear filters"),
		Undo:      b([]string{"backspace"}, "⌫", "undo last filter"),
		Export:    b([]string{"e"}, "e", "export"),
		Open:      b([]string{"o"}, "o", "open source"),
		Copy:      b([]string{"y"}, "y", "copy"),
		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "quit"),

		Toggle:   b([]string{"space"}, "space", "toggle"),
		Apply:    b([]string{"enter"}, "enter", "apply"),
		Cancel:   b([]string{"esc"}, "esc", "cancel"),
		PickUp:   b([]string{"up", "ctrl+k", "ctrl+p"}, "↑", "up"),
		PickDown: b([]string{"down", "ctrl+j", "ctrl+n"}, "↓", "down"),

		Yes: b([]string{"y", "Y"}, "y", "overwrite"),
		No:  b([]string{"n", "N", "esc"}, "n", "keep the file"),

		ScrollDown: b([]string{"j", "down"}, "↓/j", "scroll"),
		ScrollUp:   b([]string{"k", "up"}, "↑/k", "scroll"),
		HalfDown:   b([]string{"ctrl+d", "space"}, "space", "half page"),
		HalfUp:     b([]string{"ctrl+u"}, "ctrl+u", "half page up"),
	}
}

// browseHelp is the help of the main view, the list having focus.
type browseHelp struct{ k *keyMap }

func (h browseHelp) ShortHelp() []key.Binding {
	k := h.k
	return []key.Binding{k.Down, k.Focus, k.Search, k.Actors, k.Themes, k.Dates, k.Clear, k.Export, k.Help, k.Quit}
}

func (h browseHelp) FullHelp() [][]key.Binding {
	k := h.k
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, k.PrevYear, k.NextYear},
		{k.Focus, k.Back, k.Related, k.Open, k.Copy, k.Export},
		{k.Search, k.Actors, k.Themes, k.Statuses, k.Dates, k.OwnActors},
		{k.Clear, k.Undo, k.Help, k.Quit},
	}
}

// detailHelp is the help while the detail pane has focus.
type detailHelp struct{ k *keyMap }

func (h detailHelp) ShortHelp() []key.Binding {
	k := h.k
	return []key.Binding{k.ScrollDown, k.HalfDown, k.Back, k.Related, k.Open, k.Copy, k.Help, k.Quit}
}

func (h detailHelp) FullHelp() [][]key.Binding {
	k := h.k
	return [][]key.Binding{
		{k.ScrollDown, k.ScrollUp, k.HalfDown, k.HalfUp},
		{k.Back, k.Related, k.Open, k.Copy},
		{k.Help, k.Quit},
	}
}

// pickerHelp is the help inside an actor, theme or status picker.
type pickerHelp struct{ k *keyMap }

func (h pickerHelp) ShortHelp() []key.Binding {
	k := h.k
	return []key.Binding{k.PickDown, k.Toggle, k.Apply, k.Cancel}
}

func (h pickerHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// promptHelp is the help while a line of text is being typed.
type promptHelp struct{ k *keyMap }

func (h promptHelp) ShortHelp() []key.Binding {
	k := h.k
	return []key.Binding{k.Apply, k.Cancel}
}

func (h promptHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// confirmHelp is the help of the overwrite question.
type confirmHelp struct{ k *keyMap }

func (h confirmHelp) ShortHelp() []key.Binding { return []key.Binding{h.k.Yes, h.k.No} }

func (h confirmHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }
