package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
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
		return fit(m.loadingView(), w, h)
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
	return fit(strings.Join(lines, "\n"), w, h)
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
		return "\n" + m.help.FullHelpView(m.FullHelp())
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

// headerView draws the title on the left and "N of M events" on the right.
func (m *Model) headerView() string {
	s := m.styles
	count := fmt.Sprintf("%d of %s", len(m.events), plural(len(m.t.Events), "event"))
	title := timeline.SanitizeLine(m.t.Title)
	if title == "" {
		title = timeline.SanitizeLine(m.opts.Name)
	}
	room := m.width - len(count) - 2
	if room < 8 {
		return s.Header.Count.Render(ansi.Truncate(count, m.width, "…"))
	}
	title = ansi.Truncate(title, room, "…")
	gap := m.width - ansi.StringWidth(title) - len(count)
	return s.Header.Title.Render(title) + strings.Repeat(" ", max(gap, 1)) + s.Header.Count.Render(count)
}

// chip is one active filter as the header shows it.
type chip struct{ kind, value string }

// chips lists the active filters in the order of the Filter's fields.
func (m *Model) chips() []chip {
	f := m.filter
	var out []chip
	names := func(ids []string, name func(string) string) string {
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = name(id)
		}
		return strings.Join(parts, " or ")
	}
	if len(f.Actors) > 0 {
		out = append(out, chip{"actor", names(f.Actors, m.t.ActorName)})
	}
	if len(f.Themes) > 0 {
		out = append(out, chip{"theme", names(f.Themes, m.t.ThemeName)})
	}
	if len(f.Statuses) > 0 {
		out = append(out, chip{"status", names(f.Statuses, func(s string) string { return s })})
	}
	if !f.Dates.IsZero() {
		out = append(out, chip{"dates", f.Dates.Human()})
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		out = append(out, chip{"search", strconv.Quote(t)})
	}
	return out
}

// chipsView draws the active filters, or a hint on how to add one.
func (m *Model) chipsView() string {
	s := m.styles
	chips := m.chips()
	if len(chips) == 0 {
		return s.Header.Hint.Render(ansi.Truncate("All events · / search · a actors · t themes · s status · d dates", m.width, "…"))
	}
	var b strings.Builder
	used := 0
	for i, c := range chips {
		value := timeline.SanitizeLine(c.value)
		text := c.kind + " " + value
		cw := ansi.StringWidth(text) + 2
		if i > 0 {
			if used+1 > m.width {
				break
			}
			b.WriteByte(' ')
			used++
		}
		if used+cw > m.width {
			// The last chip that fits in part.
			room := m.width - used - 2 - len(c.kind) - 1
			if room < 2 {
				break
			}
			value = ansi.Truncate(value, room, "…")
			cw = len(c.kind) + 1 + ansi.StringWidth(value) + 2
		}
		b.WriteString(s.Header.Chip.Render(s.Header.ChipKind.Render(c.kind) + s.Header.ChipKind.Render(" ") + value))
		used += cw
		if used >= m.width {
			break
		}
	}
	if len(m.history) > 0 && used+14 <= m.width {
		b.WriteString(s.Header.Hint.Render("  ⌫ undo · x clear"))
	}
	return b.String()
}

// statusView draws the prompt being typed, the overwrite question, or the last status.
func (m *Model) statusView() string {
	s := m.styles
	switch m.mode {
	case modeSearch, modeDates, modeExport:
		return m.prompt.View()
	case modeConfirm:
		q := timeline.SanitizeLine(m.exportPath) + " exists. Overwrite it? y/n"
		return s.Prompt.Error.Render(ansi.Truncate(q, m.width, "…"))
	}
	if m.status == "" {
		return ""
	}
	style := s.Status.Info
	if m.statusErr {
		style = s.Status.Error
	}
	return style.Render(ansi.Truncate(m.status, m.width, "…"))
}

// helpView draws the short help of the current mode.
func (m *Model) helpView() string {
	k := helpKey{mode: m.mode, focusDetail: m.focusDetail, width: m.width, styles: &m.styles, dark: m.styles.Dark}
	if k != m.helpKey || m.helpLine == "" {
		m.help.ShowAll = false
		m.helpLine, m.helpKey = m.help.ShortHelpView(m.ShortHelp()), k
	}
	return m.helpLine
}

// loadingView draws the progress of the load, centred.
func (m *Model) loadingView() string {
	pct := 0.0
	if m.loadTotal > 0 {
		pct = float64(m.loadDone) / float64(m.loadTotal)
	}
	label := fmt.Sprintf("Loading %s… %d%%", timeline.SanitizeLine(m.opts.Name), int(pct*100))
	switch {
	case m.loadTotal > 0 && m.loadDone >= m.loadTotal:
		label = fmt.Sprintf("Indexing %s…", timeline.SanitizeLine(m.opts.Name))
	case m.loadTotal > 0:
		label += fmt.Sprintf(" of %s", humanBytes(m.loadTotal))
	}
	block := []string{
		m.styles.Loading.Label.Render(ansi.Truncate(label, m.width, "…")),
		"",
		m.bar.ViewAs(pct),
		"",
		m.styles.Loading.Label.Render(ansi.Truncate("ctrl+c stops", m.width, "")),
	}
	top := max((m.height-len(block))/2, 0)
	var b strings.Builder
	b.WriteString(strings.Repeat("\n", top))
	for i, line := range block {
		if i > 0 {
			b.WriteByte('\n')
		}
		left := max((m.width-ansi.StringWidth(line))/2, 0)
		b.WriteString(strings.Repeat(" ", left) + line)
	}
	return b.String()
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
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

// fit cuts s to at most h lines of at most w cells each.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		// A line has no more cells than bytes: only longer lines need measuring.
		if len(l) > w && ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
