package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// footerLine renders a row of key hints, "key desc • key desc", built from the bindings
// themselves, in w cells. The last pinned bindings (help and quit) always stay: when the
// row is too long, hints before them go, from the end.
func footerLine(s *Styles, keys []key.Binding, pinned, w int) string {
	if w <= 0 {
		return ""
	}
	var shown []key.Binding
	for _, k := range keys {
		if k.Enabled() && k.Help().Key != "" {
			shown = append(shown, k)
		}
	}
	pinned = min(pinned, len(shown))
	const sep = " • "
	width := func(ks []key.Binding) int {
		n := 0
		for i, k := range ks {
			if i > 0 {
				n += len(sep) - 2 // "•" is one cell
			}
			n += textWidth(k.Help().Key) + 1 + textWidth(k.Help().Desc)
		}
		return n
	}
	for len(shown) > pinned && width(shown) > w {
		shown = append(shown[:len(shown)-pinned-1], shown[len(shown)-pinned:]...)
	}
	var b strings.Builder
	used := 0
	for i, k := range shown {
		part := k.Help().Key + " " + k.Help().Desc
		pw := textWidth(part)
		if i > 0 {
			if used+3+pw > w {
				break
			}
			b.WriteString(s.FooterPaint.Sep.Render(sep))
			used += 3
		}
		if used+pw > w {
			part = truncate(part, w-used, "…")
			pw = textWidth(part)
		}
		key, desc, _ := strings.Cut(part, " ")
		b.WriteString(s.FooterPaint.Key.Render(key))
		if desc != "" || strings.HasSuffix(part, " ") {
			b.WriteString(s.FooterPaint.Desc.Render(" " + desc))
		}
		used += pw
	}
	return b.String()
}

// statusLine renders a message on the left and the ruler on the right, in w cells; the
// message gives way to the ruler.
func statusLine(s *Styles, msg string, isErr bool, ruler string, w int) string {
	if w <= 0 {
		return ""
	}
	rw := textWidth(ruler)
	if rw+1 > w {
		ruler, rw = "", 0
	}
	style := s.StatusPaint.Info
	if isErr {
		style = s.StatusPaint.Error
	}
	room := w
	if rw > 0 {
		room = w - rw - 1
	}
	text := truncate(msg, room, "…")
	out := ""
	if text != "" {
		out = style.Render(text)
	}
	if rw > 0 {
		out += strings.Repeat(" ", w-textWidth(text)-rw) + s.StatusPaint.Ruler.Render(ruler)
	}
	return out
}
