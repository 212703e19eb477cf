package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

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
