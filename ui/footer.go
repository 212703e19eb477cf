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
// statusLines draws msg on up to rows lines of w cells, with the ruler at the end of the
// last: a message too long for one line goes on to the next rather than losing its end,
// which is most often the part that says what to do.
func statusLines(s *Styles, msg string, isErr bool, ruler string, w, rows int) string {
	if rows <= 1 || statusRoom(ruler, w) >= textWidth(msg) {
		return statusLine(s, msg, isErr, ruler, w)
	}
	lines, more := wrap(msg, statusRoom(ruler, w), 0, rows)
	if more && len(lines) > 0 {
		lines[len(lines)-1] = truncate(lines[len(lines)-1]+" …", statusRoom(ruler, w), "…")
	}
	style := s.StatusPaint.Info
	if isErr {
		style = s.StatusPaint.Error
	}
	for i := range lines[:len(lines)-1] {
		lines[i] = style.Render(lines[i])
	}
	lines[len(lines)-1] = statusLine(s, lines[len(lines)-1], isErr, ruler, w)
	return strings.Join(lines, "\n")
}

// statusRoom is the width a message has on a status line of w cells beside the ruler.
func statusRoom(ruler string, w int) int {
	if rw := textWidth(ruler); rw > 0 && rw+1 <= w {
		return w - rw - 1
	}
	return w
}

// statusRows is how many lines msg takes on status lines of w cells beside the ruler,
// at most rows.
func statusRows(msg, ruler string, w, rows int) int {
	if rows <= 1 || statusRoom(ruler, w) >= textWidth(msg) {
		return 1
	}
	lines, _ := wrap(msg, statusRoom(ruler, w), 0, rows)
	return max(len(lines), 1)
}

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
