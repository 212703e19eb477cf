package cli

import (
	"encoding/json"
	"io"
	"os"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/ui"
)

func newSourcesCmd(o *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "sources [filters]",
		Short: "List every publisher, its events and those it alone supports",
		Long: `sources lists the publishers of the events that the filters select, the publisher of
most events first: how many events each supports, then, indented, the events it alone
supports, which no other publisher confirms. A source carried via another outlet counts
for its publisher only. --json prints the same as a JSON array, with event ids.`,
		Example: `  tlx sources
  tlx sources --theme cyber
  tlx sources --json | jq '.[] | {publisher, alone: (.alone | length)}'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, _, events, err := o.selected()
			if err != nil {
				return err
			}
			pubs := timeline.Publishers(events)
			if asJSON {
				return writeSourcesJSON(cmd.OutOrStdout(), pubs)
			}
			return writeSources(cmd.OutOrStdout(), pubs, termWidth(cmd.OutOrStdout()))
		},
	}
	addFilterFlags(cmd, o)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of the publishers with the ids of their events")
	return cmd
}

// writeSources prints a line per publisher, "NAME  N events, M alone", and under it the
// events it alone supports as tlx list prints them, titles cut to end by column width
// (0: kept whole).
func writeSources(w io.Writer, pubs []timeline.PublisherSupport, width int) error {
	nameWidth, idWidth, dateWidth := 0, 0, 10
	for _, p := range pubs {
		nameWidth = max(nameWidth, lipgloss.Width(timeline.SanitizeLine(p.Name)))
		for _, e := range p.Alone {
			idWidth = max(idWidth, lipgloss.Width(timeline.SanitizeLine(e.ID)))
			dateWidth = max(dateWidth, lipgloss.Width(e.ShortSpan()))
		}
	}
	cw := colorprofile.NewWriter(w, os.Environ())
	styles := ui.NewCLIStyles()
	var b strings.Builder
	for _, p := range pubs {
		b.Reset()
		name := timeline.SanitizeLine(p.Name)
		b.WriteString(styles.ID.Render(name) + strings.Repeat(" ", nameWidth-lipgloss.Width(name)) + "  " + plural(len(p.Events), "event"))
		switch len(p.Alone) {
		case 0:
			b.WriteString(", none alone")
		case len(p.Events):
			b.WriteString(", all alone")
		default:
			b.WriteString(", " + strconv.Itoa(len(p.Alone)) + " alone")
		}
		b.WriteByte('\n')
		for _, e := range p.Alone {
			id, date := timeline.SanitizeLine(e.ID), e.ShortSpan()
			b.WriteString("  " + styles.Date.Render(date+strings.Repeat(" ", dateWidth-lipgloss.Width(date))) + "  " +
				styles.ID.Render(id) + strings.Repeat(" ", idWidth-lipgloss.Width(id)) + "  " +
				fitTitle(timeline.SanitizeLine(e.Title), 2+dateWidth+2+idWidth+2, 0, width) + "\n")
		}
		if _, err := io.WriteString(cw, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// publisherJSON is a publisher as sources --json prints it.
type publisherJSON struct {
	Publisher string   `json:"publisher"`
	Events    []string `json:"events"` // ids of the events it supports
	Alone     []string `json:"alone"`  // ids of those it alone supports
}

func writeSourcesJSON(w io.Writer, pubs []timeline.PublisherSupport) error {
	ids := func(events []*timeline.Event) []string {
		out := make([]string, len(events))
		for i, e := range events {
			out[i] = e.ID
		}
		return out
	}
	out := make([]publisherJSON, len(pubs))
	for i, p := range pubs {
		out[i] = publisherJSON{Publisher: p.Name, Events: ids(p.Events), Alone: ids(p.Alone)}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
