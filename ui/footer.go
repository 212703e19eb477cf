package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

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
		// The help cuts itself at a binding's end, but shows the first one whatever
		// the width.
		m.helpLine, m.helpKey = ansi.Truncate(m.help.ShortHelpView(m.ShortHelp()), m.width, ""), k
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
