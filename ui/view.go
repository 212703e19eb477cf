package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// render draws the whole screen: never more lines than the terminal has, never a line
// wider than it. The frame is kept until the next message, so a redraw with nothing new
// costs nothing.
func (m *Model) render() string {
	if !m.dirty {
		return m.frame
	}
	m.frame, m.dirty = m.draw(), false
	return m.frame
}

func (m *Model) draw() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.loading || m.t == nil {
		return fit(m.loadingView(), h)
	}
	l := m.lay
	lines := make([]string, 0, h)
	hk := headerKey{filter: fmt.Sprintf("%q", m.filter), n: len(m.events), width: w, history: len(m.history) > 0, dark: m.styles.Dark}
	if hk != m.headerKey || m.headerLines[0] == "" {
		m.headerLines = [2]string{m.headerView(), m.chipsView()}
		m.headerKey = hk
	}
	if l.headerH > 0 {
		lines = append(lines, m.headerLines[0])
	}
	if l.chipsH > 0 {
		lines = append(lines, m.headerLines[1])
	}
	if l.stripH > 0 {
		lines = append(lines, m.strip.View())
	}
	lines = append(lines, padLines(m.bodyView(), l.bodyH)...)
	if l.statusH > 0 {
		lines = append(lines, m.statusView())
	}
	if l.helpH > 0 {
		lines = append(lines, m.helpView())
	}
	return fit(strings.Join(lines, "\n"), h)
}

// bodyView draws the part between the strip and the status line.
func (m *Model) bodyView() string {
	l := m.lay
	if l.bodyH <= 0 {
		return ""
	}
	if m.showHelp {
		m.help.ShowAll = true
		defer func() { m.help.ShowAll = false }()
		lines := strings.Split(m.help.FullHelpView(m.FullHelp()), "\n")
		for i, line := range lines {
			lines[i] = ansi.Truncate(line, m.width, "")
		}
		return "\n" + strings.Join(lines, "\n")
	}
	if !l.wide {
		switch {
		case m.mode == modePicker:
			return m.picker.View()
		case m.focusDetail:
			return m.detail.View()
		}
		return m.list.View()
	}
	right := m.detail.View()
	if m.mode == modePicker {
		right = m.picker.View()
	}
	rule := m.styles.Pane.Border.Render("│")
	if m.focusDetail || m.mode == modePicker {
		rule = m.styles.Pane.FocusedBorder.Render("│")
	}
	left := strings.Split(m.list.View(), "\n")
	blank := strings.Repeat(" ", l.listW)
	rightLines := strings.Split(right, "\n")
	var b strings.Builder
	for i := range l.bodyH {
		if i > 0 {
			b.WriteByte('\n')
		}
		var ll, rl string
		if i < len(left) {
			ll = left[i]
		}
		if i < len(rightLines) {
			rl = rightLines[i]
		}
		if ll == "" {
			ll = blank
		}
		b.WriteString(ll) // the list's lines are all exactly listW wide
		b.WriteString(" ")
		b.WriteString(rule)
		b.WriteString(" ")
		b.WriteString(rl)
	}
	return b.String()
}

// padLines splits s into exactly n lines, adding empty ones or dropping the extra.
func padLines(s string, n int) []string {
	if n <= 0 {
		return nil
	}
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		return lines[:n]
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

// fit cuts s to at most h lines. Every part of the frame is drawn within the width, which
// TestResizeSweep checks at every size; measuring each line again here would cost a third
// of a frame.
func fit(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}
