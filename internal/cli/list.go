package cli

import (
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
	"github.com/tlx-dev/tlx/ui"
)

func newListCmd(o *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [filters]",
		Short: "Print the matching events, one a line",
		Long: `list prints the events that the filters select, one a line: DATE  ID  TITLE, with
dates at their precision (2024, 2024-06 or 2024-06-15), a window of dates as one
(2024-06..07: some day in June or July 2024; by 2026-02-04; since 2024-08) and an
event that lasted with an arrow (2024-06→). Under a date filter (--from, --to), an
event that only may fall in the dates, its date being a window or too coarse to be
sure, ends with [may fall outside the dates]; --within keeps only those certainly
inside. --json prints them as a JSON array instead, each event as tlx JSON writes it
(tlx help format): every field present, each date with its precision and the first and
last days it may stand for; then "publishers", how many independent publishers support
it, and under a date filter "may_fall_outside". Output that is not a terminal carries
no colour.`,
		Example: `  tlx list --actor iran --theme cyber
  tlx list --from 2024-06 --to 2024-09 --search phishing
  tlx list --status alleged,denied --json | jq '.[].id'
  tlx list --from 2024-08 --to 2024-08
  tlx list --within 2024-08 --single-source`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, f, events, err := o.selected()
			if err != nil {
				return err
			}
			if asJSON {
				return export.JSONEvents(cmd.OutOrStdout(), events, f.MayOnly())
			}
			return writeList(o.colorWriter(cmd.OutOrStdout()), events, f.MayOnly())
		},
	}
	addFilterFlags(cmd, o)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of the events with every field")
	return cmd
}

// mayFallMark ends the line of an event that only may fall in the filter's dates.
const mayFallMark = "[may fall outside the dates]"

// writeList prints DATE  ID  TITLE with the columns aligned, each date as the explorer's
// list writes it (Event.ShortSpan: "2024-06..07" for a window, never a duration). Colour is
// written as ANSI, for w (a colorWriter) to keep or drop as --color and NO_COLOR say.
func writeList(w io.Writer, events []*timeline.Event, mayOnly func(*timeline.Event) bool) error {
	idWidth, dateWidth := 0, 10
	for _, e := range events {
		idWidth = max(idWidth, lipgloss.Width(timeline.SanitizeLine(e.ID)))
		if e.Date.IsWindow() || !e.End.IsZero() || e.Date.From.Qual != 0 {
			dateWidth = max(dateWidth, lipgloss.Width(e.ShortSpan()))
		}
	}
	styles := ui.NewCLIStyles()
	for _, e := range events {
		id := timeline.SanitizeLine(e.ID)
		date := e.ShortSpan()
		line := fmt.Sprintf("%s  %s%*s  %s",
			styles.Date.Render(date+strings.Repeat(" ", dateWidth-lipgloss.Width(date))),
			styles.ID.Render(id), idWidth-lipgloss.Width(id), "",
			timeline.SanitizeLine(e.Title))
		if mayOnly != nil && mayOnly(e) {
			line += "  " + styles.Date.Render(mayFallMark)
		}
		line += "\n"
		if _, err := io.WriteString(w, line); err != nil {
			return err
		}
	}
	return nil
}
