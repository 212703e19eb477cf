package ui

import (
	"testing"

	"charm.land/lipgloss/v2"
)

// TestPaintMatchesRender checks that painting a line gives the bytes Style.Render gives,
// for every painted style, on dark and light backgrounds, with and without colour. Empty
// text paints as nothing, where Render leaves a pair of empty codes.
func TestPaintMatchesRender(t *testing.T) {
	for _, dark := range []bool{true, false} {
		for _, noColor := range []bool{true, false} {
			s := newStyles(dark, nil, noColor)
			d, p := s.Detail, s.DetailPaint
			pairs := []struct {
				style lipgloss.Style
				paint paint
			}{
				{d.Title, p.Title}, {d.Meta, p.Meta}, {d.Label, p.Label}, {d.Value, p.Value},
				{d.Body, p.Body}, {d.Heading, p.Heading}, {d.Number, p.Number},
				{d.Publisher, p.Publisher}, {d.Quote, p.Quote}, {d.Related, p.Related}, {d.Muted, p.Muted}, {d.Match, p.Match}, {d.Link, p.Link}, {d.Banner, p.Banner}, {s.Picker.Meta, s.PickerPaint.Meta},
				{s.List.Title, s.ListPaint.Title}, {s.List.Date, s.ListPaint.Date}, {s.List.Status, s.ListPaint.Status},
				{s.List.Selected, s.ListPaint.Selected}, {s.List.SelectedDim, s.ListPaint.SelectedDim}, {s.List.Cursor, s.ListPaint.Cursor},
				{s.ThemeStyle("cyber"), s.themePaint("cyber")}, {s.List.Year, s.ListPaint.Year}, {s.List.YearRule, s.ListPaint.YearRule}, {s.Picker.Title, s.PickerPaint.Title}, {s.Picker.Item, s.PickerPaint.Item},
				{s.Picker.Cursor, s.PickerPaint.Cursor}, {s.Picker.Checked, s.PickerPaint.Checked},
				{s.Picker.Count, s.PickerPaint.Count}, {s.Picker.Zero, s.PickerPaint.Zero},
				{s.Footer.Key, s.FooterPaint.Key}, {s.Footer.Desc, s.FooterPaint.Desc}, {s.Footer.Sep, s.FooterPaint.Sep},
				{s.Status.Info, s.StatusPaint.Info}, {s.Status.Error, s.StatusPaint.Error}, {s.Status.Ruler, s.StatusPaint.Ruler},
			}
			for i, pr := range pairs {
				if got := pr.paint.Render(""); got != "" {
					t.Errorf("style %d paints empty text as %q", i, got)
				}
				for _, text := range []string{"a", "Iran’s “top” general  ", "→ 2024-08-10 日本語"} {
					if got, want := pr.paint.Render(text), pr.style.Render(text); got != want {
						t.Errorf("dark %v, no colour %v, style %d, %q: paint %q, Render %q", dark, noColor, i, text, got, want)
					}
				}
			}
		}
	}
}
