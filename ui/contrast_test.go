package ui

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// wcagRatio is WCAG 2's contrast ratio, written again here from the standard rather than
// taken from contrast.go: the test must not share a mistake with the code it checks.
func wcagRatio(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 65535
			if x <= 0.04045 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	l1, l2 := lum(a), lum(b)
	if l2 > l1 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func isNoColor(c color.Color) bool {
	_, ok := c.(lipgloss.NoColor)
	return c == nil || ok
}

// TestHintContrast measures every colour of text against the background it is drawn on,
// for backgrounds a terminal may report and for none reported: at least 4.5:1 for text,
// 3:1 for the marks of themes and the bars of the strip.
func TestHintContrast(t *testing.T) {
	hex := func(s string) color.Color { return lipgloss.Color(s) }
	backgrounds := []struct {
		name string
		bg   color.Color
	}{
		{"black", hex("#000000")}, {"white", hex("#ffffff")}, {"vscode dark", hex("#1e1e1e")},
		{"one dark", hex("#282c34")}, {"nord", hex("#2e3440")}, {"solarized dark", hex("#002b36")},
		{"solarized light", hex("#fdf6e3")}, {"grey 30", hex("#303030")}, {"grey e4", hex("#e4e4e4")},
		{"mid grey", hex("#808080")}, {"gruvbox light", hex("#fbf1c7")}, {"dracula", hex("#282a36")},
		{"unknown dark", nil}, {"unknown light", nil},
	}
	for _, b := range backgrounds {
		dark := b.name == "unknown dark"
		if b.bg != nil {
			dark = luminance(b.bg) < 0.18
		}
		s := newStyles(dark, b.bg, false)
		bg := s.BG
		text := map[string]lipgloss.Style{
			"header count": s.Header.Count, "header hint": s.Header.Hint, "chip": s.Header.Chip,
			"chip kind": s.Header.ChipKind, "chip preview": s.Header.ChipPreview,
			"list date": s.List.Date, "list status": s.List.Status, "list empty": s.List.Empty,
			"list year": s.List.Year, "list selected": s.List.Selected, "list selected dim": s.List.SelectedDim,
			"list cursor":  s.List.Cursor,
			"detail title": s.Detail.Title, "detail meta": s.Detail.Meta, "detail label": s.Detail.Label,
			"detail heading": s.Detail.Heading, "detail number": s.Detail.Number, "detail quote": s.Detail.Quote,
			"detail url": s.Detail.URL, "detail related": s.Detail.Related, "detail muted": s.Detail.Muted,
			"detail match": s.Detail.Match, "detail link": s.Detail.Link, "detail banner": s.Detail.Banner,
			"picker title": s.Picker.Title, "picker cursor": s.Picker.Cursor, "picker checked": s.Picker.Checked,
			"picker count": s.Picker.Count, "picker zero": s.Picker.Zero, "picker meta": s.Picker.Meta,
			"prompt label": s.Prompt.Label, "prompt error": s.Prompt.Error, "prompt note": s.Prompt.Note,
			"prompt selected": s.Prompt.Selected, "status info": s.Status.Info, "status error": s.Status.Error,
			"ruler": s.Status.Ruler, "footer key": s.Footer.Key, "footer desc": s.Footer.Desc,
			"footer sep": s.Footer.Sep, "help heading": s.Help.Heading, "help key": s.Help.Key,
			"strip label": s.Strip.Label, "loading": s.Loading.Label,
		}
		marks := map[string]lipgloss.Style{"strip match": s.Strip.Match, "strip total": s.Strip.Total, "rule": s.Pane.Border}
		for _, id := range []string{"cyber", "influence", "courts", "military", "diplomacy", "a", "b", "c", "d", "e", "f", "g"} {
			marks["theme "+id] = s.ThemeStyle(id)
		}
		check := func(name string, st lipgloss.Style, min float64) {
			fg := st.GetForeground()
			if isNoColor(fg) {
				return // the terminal's own text colour
			}
			on := st.GetBackground()
			if isNoColor(on) {
				on = bg
			}
			if r := wcagRatio(fg, on); r < min {
				t.Errorf("%s background: %s has contrast %.2f:1, want at least %.1f:1", b.name, name, r, min)
			}
		}
		for name, st := range text {
			check(name, st, 4.5)
		}
		for name, st := range marks {
			check(name, st, 3)
		}
	}
}
