package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/ui"
)

// facetKinds are the kinds of filter whose values tlx facets lists, in the table's
// order: those with values (Timeline.Values), so that a new kind with values is listed
// without a change here.
func facetKinds() []timeline.FilterKind {
	var out []timeline.FilterKind
	for _, k := range timeline.FilterKinds() {
		if k.HasFacets() {
			out = append(out, k)
		}
	}
	return out
}

// facetTitles are the words for each kind's list; the date kind's values are years.
var facetTitles = map[timeline.FilterKind]string{
	timeline.ActorFilter: "actors", timeline.ThemeFilter: "themes", timeline.StatusFilter: "statuses",
	timeline.LocationFilter: "locations", timeline.PublisherFilter: "publishers",
	timeline.SourcesFilter: "sources", timeline.FromFilter: "years",
}

// facetTitle is the plural a kind's values go by: actors, years.
func facetTitle(k timeline.FilterKind) string {
	if s := facetTitles[k]; s != "" {
		return s
	}
	return k.Name() + " values"
}

// facetKindNamed finds a kind by its name or its plural, in any case: actor, actors,
// year and years for the dates.
func facetKindNamed(name string) (timeline.FilterKind, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, k := range facetKinds() {
		title := facetTitle(k)
		if name == k.Name() || name == title || name == strings.TrimSuffix(title, "s") || k == timeline.StatusFilter && name == "statuses" {
			return k, true
		}
	}
	return 0, false
}

func newFacetsCmd(o *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "facets [KIND...] [filters]",
		Short: "List the actors, themes, statuses, places, publishers and years to filter by",
		Long: `facets lists the values each filter can take in the timeline, with how many events
each selects: the actors and themes of its registries (id, name, kind, aliases), the
statuses, the places and publishers its events name, the counts of independent
publishers, and the years. KIND names the lists to print (actor, theme, status,
location, publisher, sources, year; plurals too); without one, every list.

The filters narrow the counts as the explorer's pickers do: each list counts the events
that every other filter selects, so tlx facets actor --theme cyber says how many cyber
events each actor has. A value any filter flag takes is the ID column's. --json prints
the lists as JSON, every field present.`,
		Example: `  tlx facets actor
  tlx facets themes --from 2024
  tlx facets status publisher --actor iran
  tlx facets --json | jq '.facets[] | select(.kind == "actor") | .values[].id'`,
		Args: func(_ *cobra.Command, args []string) error {
			for _, a := range args {
				if _, ok := facetKindNamed(a); !ok {
					var names []string
					for _, k := range facetKinds() {
						if k == timeline.FromFilter {
							names = append(names, "year") // as the help calls it; from works too
							continue
						}
						names = append(names, k.Name())
					}
					hint := "the lists are " + strings.Join(names, ", ")
					if s := timeline.Suggest(a, names); s != "" {
						hint = fmt.Sprintf("did you mean %q?", s)
					}
					return usageErrorf("no list of %s; %s", quoteArg(a), hint)
				}
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var all []completion
			for _, k := range facetKinds() {
				if !slices.Contains(args, k.Name()) {
					all = append(all, completion{value: k.Name(), desc: "the " + facetTitle(k)})
				}
			}
			return offer("", toComplete, all), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.runFacets(cmd, args, asJSON)
		},
	}
	addFilterFlags(cmd, o)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the lists as a JSON object")
	return cmd
}

// facetList is the values of one kind with their counts.
type facetList struct {
	Kind   string       `json:"kind"`
	Flag   string       `json:"flag"`
	Values []facetValue `json:"values"`
}

// facetValue is one value a filter can take. Every field is always present.
type facetValue struct {
	ID          string   `json:"id"`   // what the flag and the query take
	Name        string   `json:"name"` // what readers see
	Kind        string   `json:"kind"` // an actor's kind, else ""
	Aliases     []string `json:"aliases"`
	Description string   `json:"description"`
	Events      int      `json:"events"` // how many events it selects under the other filters
}

// facetsJSON is what tlx facets --json prints.
type facetsJSON struct {
	Format   string      `json:"format"`
	Version  int         `json:"version"`
	Timeline string      `json:"timeline"` // its title
	File     string      `json:"file"`     // as list --json names it: "built-in", "-" or the path
	Filter   string      `json:"filter"`   // the filters, as query text
	Matched  int         `json:"matched"`  // events all the filters select
	Total    int         `json:"total"`
	Facets   []facetList `json:"facets"`
}

func (o *options) runFacets(cmd *cobra.Command, args []string, asJSON bool) error {
	var which []timeline.FilterKind
	for _, a := range args {
		k, _ := facetKindNamed(a)
		if !slices.Contains(which, k) {
			which = append(which, k)
		}
	}
	if len(which) == 0 {
		which = facetKinds()
	}
	t, f, _, err := o.selected()
	if err != nil {
		return err
	}
	fc, err := t.Facets(f, which...)
	if err != nil {
		return o.filterError(t, err)
	}
	doc := facetsJSON{Format: "tlx-facets", Version: 1, Timeline: t.Title, File: o.fileLabel(), Filter: f.String(),
		Matched: fc.Matched, Total: len(t.Events), Facets: []facetList{}}
	for _, k := range which {
		doc.Facets = append(doc.Facets, facetValues(t, k, fc.Counts(k)))
	}
	out := cmd.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	return writeFacets(o.colorWriter(out), doc)
}

// facetValues lists the values of kind k in t with their counts.
func facetValues(t *timeline.Timeline, k timeline.FilterKind, counts []int) facetList {
	l := facetList{Kind: k.Name(), Flag: "--" + k.Name(), Values: []facetValue{}}
	for i, v := range t.Values(k) {
		fv := facetValue{ID: v.Key, Name: v.Name, Aliases: v.Aliases}
		if fv.Aliases == nil {
			fv.Aliases = []string{}
		}
		if i < len(counts) {
			fv.Events = counts[i]
		}
		switch k {
		case timeline.ActorFilter:
			if a := t.Actor(v.Key); a != nil {
				fv.Kind, fv.Description = a.Kind, a.Description
			}
		case timeline.ThemeFilter:
			if th := t.Theme(v.Key); th != nil {
				fv.Description = th.Description
			}
		}
		l.Values = append(l.Values, fv)
	}
	return l
}

// writeFacets prints each list under its title: ID, NAME (when a value's name is not its
// id), KIND (for actors), EVENTS and ALIASES, in columns.
func writeFacets(w io.Writer, doc facetsJSON) error {
	styles := ui.NewCLIStyles()
	var b strings.Builder
	for i, l := range doc.Facets {
		if i > 0 {
			b.WriteString("\n")
		}
		k, _ := timeline.FilterKindNamed(l.Kind)
		title := strings.ToUpper(facetTitle(k))
		b.WriteString(styles.Heading.Render(title) + " " + styles.Date.Render(fmt.Sprintf("(%d, for %s)", len(l.Values), l.Flag)) + "\n")
		var cols [][]string
		head := []string{"ID"}
		named, kinded, aliased := false, false, false
		for _, v := range l.Values {
			named = named || v.Name != v.ID
			kinded = kinded || v.Kind != ""
			aliased = aliased || len(v.Aliases) > 0
		}
		if named {
			head = append(head, "NAME")
		}
		if kinded {
			head = append(head, "KIND")
		}
		head = append(head, "EVENTS")
		if aliased {
			head = append(head, "ALIASES")
		}
		cols = append(cols, head)
		for _, v := range l.Values {
			row := []string{v.ID}
			if named {
				row = append(row, v.Name)
			}
			if kinded {
				row = append(row, v.Kind)
			}
			row = append(row, fmt.Sprint(v.Events))
			if aliased {
				row = append(row, strings.Join(v.Aliases, ", "))
			}
			cols = append(cols, row)
		}
		writeColumns(&b, cols, styles)
		if k == timeline.FromFilter {
			// A window (2020..2024-08) counts in every year it may fall in, so the years
			// add up to more than the events, and a year may count events none is dated in.
			b.WriteString(styles.Date.Render("Each year counts the events that may fall in it, as --from and --to select them; tlx list --within YEAR lists those certainly in it.") + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeColumns writes rows of cells in aligned columns, two spaces apart, the first row
// dim as a header and the first column as ids, counts (EVENTS) to the right; every cell
// sanitised, no trailing space.
func writeColumns(b *strings.Builder, rows [][]string, styles ui.CLIStyles) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], lipgloss.Width(timeline.SanitizeLine(c)))
		}
	}
	for ri, r := range rows {
		var line strings.Builder
		line.WriteString("  ")
		for i, c := range r {
			c = timeline.SanitizeLine(c)
			pad := strings.Repeat(" ", widths[i]-lipgloss.Width(c))
			numbers := rows[0][i] == "EVENTS"
			switch {
			case ri == 0:
				c = styles.Date.Render(c)
			case i == 0:
				c = styles.ID.Render(c)
			}
			if numbers {
				c, pad = pad+c, ""
			}
			line.WriteString(c + pad)
			if i < len(r)-1 {
				line.WriteString("  ")
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// choicesError adds to each unknown filter value in err where to see the values there
// are: inline when they are few, else the tlx facets command that lists them. t may be
// nil when the timeline is not at hand (the explorer loads it).
func choicesError(t *timeline.Timeline, err error) error {
	var ue *timeline.UnknownValueError
	if !errors.As(err, &ue) {
		return err
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs := joined.Unwrap()
		out := make([]error, len(errs))
		for i, e := range errs {
			out[i] = choicesError(t, e)
		}
		return errors.Join(out...)
	}
	if ue.Kind == timeline.MarkedFilter {
		return err // a label: the message names the nearest, tlx notes lists the marks
	}
	hint := fmt.Sprintf("tlx facets %s lists them", ue.Kind.Name())
	if t != nil {
		vals := t.Values(ue.Kind)
		switch {
		case len(vals) == 0:
			hint = fmt.Sprintf("the timeline has no %s", facetTitle(ue.Kind))
		case len(vals) <= 8:
			keys := make([]string, len(vals))
			for i, v := range vals {
				keys[i] = v.Key
			}
			hint = fmt.Sprintf("the %s are %s", facetTitle(ue.Kind), strings.Join(keys, ", "))
		default:
			hint = fmt.Sprintf("tlx facets %s lists the %d %s", ue.Kind.Name(), len(vals), facetTitle(ue.Kind))
		}
	}
	if ue.Suggestion != "" {
		return fmt.Errorf("%w (%s)", err, hint)
	}
	return fmt.Errorf("%w; %s", err, hint)
}
