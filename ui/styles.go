package ui

import (
	"hash/fnv"
	"image/color"
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles is every style the explorer draws with, grouped by the part of the screen that
// uses it. newStyles builds it for a background; nothing else in the package creates a
// style. Components are handed a pointer to it and draw with what they find there.
type Styles struct {
	Dark    bool
	NoColor bool
	BG      color.Color // the background the colours were checked against

	Header struct {
		Title, Count, Chip, ChipKind, ChipPreview, Hint lipgloss.Style
	}
	List struct {
		Year, YearRule, Date, Title lipgloss.Style
		Selected                    lipgloss.Style // the selected row while the list has focus
		SelectedDim                 lipgloss.Style // the selected row while something else has
		Cursor                      lipgloss.Style // the bar left of the selected row
		Status, Empty               lipgloss.Style
	}
	Detail struct {
		Title, Meta, Label, Value, Body, Heading, Number, Publisher, Quote, URL lipgloss.Style
		Related, Muted, Match                                                   lipgloss.Style
		Link                                                                    lipgloss.Style // the link n has selected
		Banner                                                                  lipgloss.Style // "hidden by the filters"
	}
	Strip struct {
		Label    lipgloss.Style
		Total    lipgloss.Style // months with no event the filter keeps
		Match    lipgloss.Style // months with events the filter keeps
		Selected lipgloss.Style // the month of the selected event
	}
	Picker struct {
		Title, Item, Cursor, Checked, Count, Zero, Meta lipgloss.Style
	}
	Prompt struct {
		Label, Error, Note, Selected lipgloss.Style
	}
	Status struct {
		Info, Error, Ruler lipgloss.Style
	}
	Footer struct {
		Key, Desc, Sep lipgloss.Style
	}
	Help struct {
		Heading, Key, Desc, Text lipgloss.Style
	}
	Pane struct {
		Border, FocusedBorder lipgloss.Style
	}
	// Reader is what the reader wrote, drawn apart from the timeline's text: marks in the
	// colour of their first label, the note behind a bar of its own.
	Reader struct {
		Mark, Key, Check, Dubious, Note, Heading, Bar lipgloss.Style
	}
	Input   textinput.Styles
	Note    textarea.Styles // the note editor
	Loading struct {
		Label lipgloss.Style
		Bar   []color.Color
	}

	// DetailPaint is Detail reduced to escape codes, for the dozens of lines drawn on
	// every selection. URL is painted once per piece where Render underlines character by
	// character: the same look in a thirtieth of the bytes.
	DetailPaint struct {
		Title, Meta, Label, Value, Body, Heading, Number, Publisher, Quote, URL, Related, Muted, Match, Link, Banner paint
	}
	// ListPaint is List reduced to escape codes, for its rows.
	ListPaint struct {
		Title, Date, Status, Selected, SelectedDim, Cursor, Year, YearRule paint
	}
	// PickerPaint is Picker reduced to escape codes, for its rows.
	PickerPaint struct {
		Title, Item, Cursor, Checked, Count, Zero, Meta paint
	}
	// ReaderPaint is Reader reduced to escape codes, for the list's rows and the detail.
	ReaderPaint struct{ Mark, Key, Check, Dubious, Note, Heading, Bar paint }
	// FooterPaint and StatusPaint are Footer and Status reduced to escape codes: the
	// footer and the ruler change as the selection moves.
	FooterPaint struct{ Key, Desc, Sep paint }
	StatusPaint struct{ Info, Error, Ruler paint }

	// themes holds one style per palette colour; ThemeStyle picks by theme id.
	themes      []lipgloss.Style
	themePaints []paint
}

// newStyles builds the styles for a dark or light background; bg is the background the
// terminal reported, nil when it has not. Every colour of text is made readable on it
// (see readable). With noColor every style keeps its weight and reverse video but no
// colour, so the selection stays visible.
func newStyles(dark bool, bg color.Color, noColor bool) Styles {
	if bg == nil {
		bg = refLight
		if dark {
			bg = refDark
		}
	}
	ld := lipgloss.LightDark(dark)
	hex := func(light, darkHex string) color.Color {
		return ld(lipgloss.Color(light), lipgloss.Color(darkHex))
	}
	text := func(c color.Color) color.Color { return readable(c, bg, textContrast) }
	mark := func(c color.Color) color.Color { return readable(c, bg, markContrast) }
	var (
		// Plain text keeps the terminal's own colour, readable whatever the background;
		// text on a background of ours gets a colour of ours, checked against it.
		fg      = color.Color(lipgloss.NoColor{})
		muted   = text(hex("#57606A", "#9DA7B3"))
		faint   = mark(hex("#8C959F", "#6E7681"))
		accent  = text(hex("#8250DF", "#B392F0"))
		accent2 = text(hex("#0969DA", "#79C0FF"))
		errFG   = text(hex("#CF222E", "#FF7B72"))
		okFG    = text(hex("#1A7F37", "#7EE787"))
		yearFG  = text(hex("#9A6700", "#E3B341"))
		selBG   = hex("#DDF4FF", "#2D333B")
		selDim  = hex("#EAEEF2", "#22272E")
		chipBG  = hex("#EAEEF2", "#30363D")
		matchBG = hex("#FFF8C5", "#5A4A0C")
		onBG    = hex("#1F2328", "#E6E6E6")
	)
	on := func(c, bg color.Color) color.Color { return readable(c, bg, textContrast) }
	s := Styles{Dark: dark, NoColor: noColor, BG: bg}
	base := lipgloss.NewStyle()

	s.Header.Title = base.Bold(true).Foreground(fg)
	s.Header.Count = base.Foreground(muted)
	s.Header.Chip = base.Foreground(on(onBG, chipBG)).Background(chipBG).Padding(0, 1)
	s.Header.ChipKind = base.Foreground(on(accent, chipBG)).Background(chipBG)
	s.Header.ChipPreview = base.Foreground(on(onBG, chipBG)).Background(chipBG).Italic(true).Padding(0, 1)
	s.Header.Hint = base.Foreground(muted)

	s.List.Year = base.Bold(true).Foreground(yearFG)
	s.List.YearRule = base.Foreground(faint)
	s.List.Date = base.Foreground(muted)
	s.List.Title = base.Foreground(fg)
	s.List.Selected = base.Bold(true).Foreground(on(onBG, selBG)).Background(selBG)
	s.List.SelectedDim = base.Foreground(on(onBG, selDim)).Background(selDim)
	s.List.Cursor = base.Foreground(on(accent, selBG)).Background(selBG)
	s.List.Status = base.Foreground(muted)
	s.List.Empty = base.Foreground(muted).Italic(true)

	s.Detail.Title = base.Bold(true).Foreground(accent)
	s.Detail.Meta = base.Foreground(muted)
	s.Detail.Label = base.Bold(true).Foreground(muted)
	s.Detail.Value = base.Foreground(fg)
	s.Detail.Body = base.Foreground(fg)
	s.Detail.Heading = base.Bold(true).Foreground(yearFG)
	s.Detail.Number = base.Foreground(accent)
	s.Detail.Publisher = base.Bold(true).Foreground(fg)
	s.Detail.Quote = base.Italic(true).Foreground(muted)
	s.Detail.URL = base.Underline(true).Foreground(accent2)
	s.Detail.Related = base.Foreground(accent2)
	s.Detail.Muted = base.Foreground(muted)
	s.Detail.Match = base.Bold(true).Foreground(on(onBG, matchBG)).Background(matchBG)
	s.Detail.Link = base.Bold(true).Foreground(on(onBG, selBG)).Background(selBG)
	s.Detail.Banner = base.Bold(true).Foreground(yearFG)

	s.Strip.Label = base.Foreground(muted)
	s.Strip.Total = base.Foreground(faint)
	s.Strip.Match = base.Foreground(mark(accent))
	s.Strip.Selected = base.Foreground(yearFG).Bold(true)

	s.Picker.Title = base.Bold(true).Foreground(accent)
	s.Picker.Item = base.Foreground(fg)
	s.Picker.Cursor = base.Bold(true).Foreground(on(onBG, selBG)).Background(selBG)
	s.Picker.Checked = base.Bold(true).Foreground(okFG)
	s.Picker.Count = base.Foreground(muted)
	s.Picker.Zero = base.Foreground(muted).Italic(true)
	s.Picker.Meta = base.Foreground(muted)

	s.Prompt.Label = base.Bold(true).Foreground(accent)
	s.Prompt.Error = base.Foreground(errFG)
	s.Prompt.Note = base.Foreground(muted)
	s.Prompt.Selected = base.Foreground(on(onBG, selBG)).Background(selBG)

	s.Status.Info = base.Foreground(okFG)
	s.Status.Error = base.Bold(true).Foreground(errFG)
	s.Status.Ruler = base.Foreground(muted)

	s.Footer.Key = base.Bold(true).Foreground(fg)
	s.Footer.Desc = base.Foreground(muted)
	s.Footer.Sep = base.Foreground(muted)

	s.Help.Heading = base.Bold(true).Foreground(yearFG)
	s.Help.Key = base.Bold(true).Foreground(accent)
	s.Help.Desc = base.Foreground(fg)
	s.Help.Text = base.Foreground(fg)

	s.Reader.Mark = base.Bold(true).Foreground(accent)
	s.Reader.Key = base.Bold(true).Foreground(yearFG)
	s.Reader.Check = base.Bold(true).Foreground(accent2)
	s.Reader.Dubious = base.Bold(true).Foreground(errFG)
	s.Reader.Note = base.Foreground(okFG)
	s.Reader.Heading = base.Bold(true).Foreground(okFG)
	s.Reader.Bar = base.Foreground(okFG)

	s.Pane.Border = base.Foreground(faint)
	s.Pane.FocusedBorder = base.Foreground(mark(accent))

	s.Input = textinput.DefaultStyles(dark)
	s.Input.Focused.Prompt = base.Foreground(accent)
	s.Input.Focused.Placeholder = base.Foreground(muted)
	s.Input.Blurred.Placeholder = base.Foreground(muted)
	s.Input.Cursor.Blink = false
	s.Note = textarea.DefaultStyles(dark)
	for _, st := range []*textarea.StyleState{&s.Note.Focused, &s.Note.Blurred} {
		st.Prompt = base.Foreground(okFG) // the bar of the reader's note, as the detail draws it
		st.Placeholder = base.Foreground(muted)
		st.CursorLine = base
		st.EndOfBuffer = base.Foreground(faint)
	}
	s.Note.Focused.Text = base.Foreground(fg)
	s.Note.Cursor.Blink = false
	s.Loading.Label = base.Foreground(muted)
	s.Loading.Bar = []color.Color{mark(hex("#8250DF", "#B392F0")), mark(hex("#0969DA", "#79C0FF"))}

	palette := []color.Color{
		hex("#0969DA", "#58A6FF"), hex("#CF222E", "#FF7B72"), hex("#1A7F37", "#56D364"),
		hex("#9A6700", "#E3B341"), hex("#8250DF", "#D2A8FF"), hex("#BF3989", "#FF9BCE"),
		hex("#0E7490", "#56D4DD"), hex("#BC4C00", "#FFA657"), hex("#57606A", "#C9D1D9"),
		hex("#116329", "#A5D6FF"),
	}
	for _, col := range palette {
		s.themes = append(s.themes, base.Foreground(mark(col)))
	}

	if noColor {
		// Without colour, reverse video marks the selection and bold the matches.
		s.List.Selected = base.Reverse(true).Bold(true)
		s.List.SelectedDim = base.Reverse(true)
		s.List.Cursor = base.Reverse(true).Bold(true)
		s.Picker.Cursor = base.Reverse(true)
		s.Header.Chip = base.Bold(true)
		s.Header.ChipKind = base
		s.Header.ChipPreview = base.Italic(true)
		s.Strip.Match = base.Bold(true)
		s.Strip.Selected = base.Reverse(true)
		s.Detail.Match = base.Reverse(true)
		s.Detail.Link = base.Reverse(true).Bold(true)
		s.Prompt.Selected = base.Reverse(true)
	}
	s.paint()
	return s
}

// paint reduces the styles drawn line by line to their escape codes.
func (s *Styles) paint() {
	d := &s.DetailPaint
	d.Title, d.Meta, d.Label, d.Value = newPaint(s.Detail.Title), newPaint(s.Detail.Meta), newPaint(s.Detail.Label), newPaint(s.Detail.Value)
	d.Body, d.Heading, d.Number = newPaint(s.Detail.Body), newPaint(s.Detail.Heading), newPaint(s.Detail.Number)
	d.Publisher, d.Quote, d.URL = newPaint(s.Detail.Publisher), newPaint(s.Detail.Quote), newPaint(s.Detail.URL)
	d.Related, d.Muted, d.Match = newPaint(s.Detail.Related), newPaint(s.Detail.Muted), newPaint(s.Detail.Match)
	d.Link, d.Banner = newPaint(s.Detail.Link), newPaint(s.Detail.Banner)
	lp := &s.ListPaint
	lp.Title, lp.Date, lp.Status = newPaint(s.List.Title), newPaint(s.List.Date), newPaint(s.List.Status)
	lp.Selected, lp.SelectedDim, lp.Cursor = newPaint(s.List.Selected), newPaint(s.List.SelectedDim), newPaint(s.List.Cursor)
	lp.Year, lp.YearRule = newPaint(s.List.Year), newPaint(s.List.YearRule)
	s.themePaints = s.themePaints[:0]
	for _, st := range s.themes {
		s.themePaints = append(s.themePaints, newPaint(st))
	}
	pp := &s.PickerPaint
	pp.Title, pp.Item, pp.Cursor = newPaint(s.Picker.Title), newPaint(s.Picker.Item), newPaint(s.Picker.Cursor)
	pp.Checked, pp.Count, pp.Zero, pp.Meta = newPaint(s.Picker.Checked), newPaint(s.Picker.Count), newPaint(s.Picker.Zero), newPaint(s.Picker.Meta)
	s.FooterPaint.Key, s.FooterPaint.Desc, s.FooterPaint.Sep = newPaint(s.Footer.Key), newPaint(s.Footer.Desc), newPaint(s.Footer.Sep)
	r := &s.ReaderPaint
	r.Mark, r.Key, r.Check, r.Dubious = newPaint(s.Reader.Mark), newPaint(s.Reader.Key), newPaint(s.Reader.Check), newPaint(s.Reader.Dubious)
	r.Note, r.Heading, r.Bar = newPaint(s.Reader.Note), newPaint(s.Reader.Heading), newPaint(s.Reader.Bar)
	s.StatusPaint.Info, s.StatusPaint.Error, s.StatusPaint.Ruler = newPaint(s.Status.Info), newPaint(s.Status.Error), newPaint(s.Status.Ruler)
}

// paint is a style with no padding, width or border reduced to the escape codes before
// and after its text. Style.Render measures, wraps and pads every time; for one-line text
// that needs none of it, painting is the same bytes at a fraction of the cost.
type paint struct{ pre, post string }

func newPaint(st lipgloss.Style) paint {
	const mark = "\uE000"
	out := st.Render(mark)
	i := strings.Index(out, mark)
	if i < 0 {
		return paint{}
	}
	return paint{pre: out[:i], post: out[i+len(mark):]}
}

// Render paints one line of text, which must hold no newline or tab; strs are joined by
// spaces as Style.Render joins them.
func (p paint) Render(strs ...string) string {
	text := strings.Join(strs, " ")
	if text == "" {
		return ""
	}
	return p.pre + text + p.post
}

// ThemeStyle returns the colour of a theme: the same theme always gets the same colour,
// on every run and in every timeline.
func (s *Styles) ThemeStyle(id string) lipgloss.Style { return s.themes[themeIndex(id, len(s.themes))] }

// themePaint is ThemeStyle reduced to escape codes.
func (s *Styles) themePaint(id string) paint {
	return s.themePaints[themeIndex(id, len(s.themePaints))]
}

// themeIndex hashes a theme id into a palette of n colours.
func themeIndex(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// CLIStyles are the styles of the command line's plain output, such as tlx list's columns.
// They use ANSI colours, which every terminal maps to its own palette, dark or light; the
// colour-profile writer the output goes through drops them where colour is off.
type CLIStyles struct {
	Date, ID lipgloss.Style
	// Help and errors: section titles, flags and commands, placeholders, "Error:".
	Heading, Term, Arg, Error lipgloss.Style
}

// NewCLIStyles returns the command line's styles.
func NewCLIStyles() CLIStyles {
	return CLIStyles{
		Date:    lipgloss.NewStyle().Foreground(lipgloss.Color("8")),
		ID:      lipgloss.NewStyle().Foreground(lipgloss.Color("6")),
		Heading: lipgloss.NewStyle().Bold(true),
		Term:    lipgloss.NewStyle().Foreground(lipgloss.Color("6")),
		Arg:     lipgloss.NewStyle().Italic(true),
		Error:   lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true),
	}
}
