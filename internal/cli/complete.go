package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// Shell completion offers values, not file names: the actors, themes, statuses, places,
// publishers, counts and years of the timeline -f names (the built-in one without -f), as
// its table of kinds lists them (Timeline.Values), so that a new kind completes as soon
// as it has values; the labels and views of its notebook; event ids; formats.

// completion is one value offered, with what the shell shows beside it, and other
// names it may be found by (an actor's aliases).
type completion struct {
	value, desc string
	also        []string
}

// offer returns the completions whose value, a word of whose description or one of
// whose other names starts with word, in any case, each after prefix (the values a
// comma-separated flag already has).
func offer(prefix, word string, all []completion) []cobra.Completion {
	word = strings.ToLower(word)
	var out []cobra.Completion
	for _, c := range all {
		match := strings.HasPrefix(strings.ToLower(c.value), word)
		for _, w := range strings.Fields(strings.ToLower(c.desc + " " + strings.Join(c.also, " "))) {
			match = match || strings.HasPrefix(w, word)
		}
		if match {
			out = append(out, cobra.CompletionWithDesc(prefix+c.value, timeline.SanitizeLine(c.desc)))
		}
	}
	return out
}

// completionTimeline loads the timeline the command line names, for completion: nil when
// it does not load or is standard input, which completion cannot read.
func (o *options) completionTimeline() *timeline.Timeline {
	if o.file == "-" {
		return nil
	}
	t, err := o.load()
	if err != nil {
		return nil
	}
	return t
}

// completionState returns the notebook of the timeline, for its labels and views, or
// nil.
func (o *options) completionState(t *timeline.Timeline) *notebook.State {
	if t == nil {
		return nil
	}
	nb, err := notebook.OpenFor(o.notebook, o.notebookSource(t), notebook.Options{ReadOnly: true, Timeline: t})
	if err != nil {
		return nil
	}
	return nb.State()
}

// completeKind completes the flag of kind k: its values in the timeline, after the
// values already given before a comma for a kind that takes several.
func (o *options) completeKind(k timeline.FilterKind) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		t := o.completionTimeline()
		if t == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		prefix, word := "", toComplete
		if !k.Single() && k != timeline.LocationFilter {
			if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
				prefix, word = toComplete[:i+1], toComplete[i+1:]
			}
		}
		var all []completion
		switch {
		case k == timeline.MarkedFilter:
			all = append(all, completion{value: timeline.AnyMark, desc: "any mark, labelled or not"})
			if st := o.completionState(t); st != nil {
				for _, l := range st.Labels() {
					all = append(all, completion{value: l, desc: "label"})
				}
			}
		case k == timeline.SourcesFilter:
			all = sourcesCompletions(t, false)
		case valuesOf(k).HasFacets():
			vk := valuesOf(k)
			facets, err := t.Facets(timeline.Filter{}, vk)
			counts := facets.Counts(vk)
			for i, v := range t.Values(vk) {
				desc := v.Name
				if desc == v.Key {
					desc = ""
				}
				if err == nil && i < len(counts) {
					desc = strings.TrimSpace(desc + " " + eventCount(counts[i]))
				}
				all = append(all, completion{completionValue(k, v), desc, v.Aliases})
			}
		}
		return offer(prefix, word, all), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace*noSpace(k)
	}
}

// valuesOf is the kind whose values complete k's flag: k itself, or, for the date kinds
// that count no facets of their own (to, within), the years from counts.
func valuesOf(k timeline.FilterKind) timeline.FilterKind {
	if k == timeline.ToFilter || k == timeline.WithinFilter {
		return timeline.FromFilter
	}
	return k
}

// completionValue is what completing a value of kind k types: the key an actor or a
// theme is named by, a place or a publisher as the timeline writes it.
func completionValue(k timeline.FilterKind, v timeline.Value) string {
	switch k {
	case timeline.LocationFilter, timeline.PublisherFilter:
		return v.Name
	}
	return v.Key
}

// sourcesCompletions offers counts of independent publishers: each exact count the
// timeline's events have ("1", one publisher only) and, from 2, "N.." (N or more), with
// how many events each selects; atLeast offers the bare numbers of --min-sources.
func sourcesCompletions(t *timeline.Timeline, atLeast bool) []completion {
	facets, err := t.Facets(timeline.Filter{}, timeline.SourcesFilter)
	if err != nil {
		return nil
	}
	counts := facets.Counts(timeline.SourcesFilter)
	var out []completion
	for i, v := range t.Values(timeline.SourcesFilter) {
		more := 0
		for _, n := range counts[i:] {
			more += n
		}
		switch {
		case atLeast:
			out = append(out, completion{value: v.Key, desc: v.Key + " or more " + eventCount(more)})
		case i == 0:
			out = append(out, completion{value: v.Key, desc: v.Name + " " + eventCount(counts[i])})
		default:
			out = append(out,
				completion{value: v.Key, desc: v.Name + " " + eventCount(counts[i])},
				completion{value: v.Key + "..", desc: v.Key + " or more " + eventCount(more)})
		}
	}
	return out
}

// noSpace is 1 for a kind whose flag takes several values, after which a comma may
// follow, so that the shell does not add a space; 0 otherwise.
func noSpace(k timeline.FilterKind) cobra.ShellCompDirective {
	if k.Single() || k == timeline.LocationFilter || k == timeline.TextFilter {
		return 0
	}
	return 1
}

// eventCount says "(3 events)".
func eventCount(n int) string {
	if n == 1 {
		return "(1 event)"
	}
	return fmt.Sprintf("(%d events)", n)
}

// completeMinSources offers the counts of publishers the timeline's events have.
func (o *options) completeMinSources(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	t := o.completionTimeline()
	if t == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return offer("", toComplete, sourcesCompletions(t, true)), cobra.ShellCompDirectiveNoFileComp
}

// completeViews offers the notebook's saved views, with their queries.
func (o *options) completeViews(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	st := o.completionState(o.completionTimeline())
	if st == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var all []completion
	for _, v := range st.Views() {
		all = append(all, completion{value: v.Name, desc: v.Query})
	}
	return offer("", toComplete, all), cobra.ShellCompDirectiveNoFileComp
}

// completeEventID offers the ids of the timeline's events, with their titles, for the
// first argument of mark and note.
func (o *options) completeEventID(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	t := o.completionTimeline()
	if t == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for i := range t.Events {
		e := &t.Events[i]
		if strings.HasPrefix(e.ID, toComplete) {
			out = append(out, cobra.CompletionWithDesc(e.ID, timeline.SanitizeLine(e.Title)))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeLabels offers the notebook's labels after mark ID.
func (o *options) completeLabels(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return o.completeEventID(cmd, args, toComplete)
	}
	st := o.completionState(o.completionTimeline())
	if st == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var all []completion
	for _, l := range st.Labels() {
		if !slices.Contains(args[1:], l) {
			all = append(all, completion{value: l, desc: "label"})
		}
	}
	return offer("", toComplete, all), cobra.ShellCompDirectiveNoFileComp
}

// completeFormats offers the formats tlx writes.
func completeFormats(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var all []completion
	for _, f := range export.Formats() {
		all = append(all, completion{value: f.Name, desc: f.Title})
	}
	return offer("", toComplete, all), cobra.ShellCompDirectiveNoFileComp
}

// completeWords offers fixed words with their meanings.
func completeWords(words ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var all []completion
		for i := 0; i+1 < len(words); i += 2 {
			all = append(all, completion{value: words[i], desc: words[i+1]})
		}
		return offer("", toComplete, all), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeTimelineFiles offers the files whose names end as a timeline's do.
func completeTimelineFiles(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"toml", "json", "csv"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeTOMLFiles offers TOML files, for --notebook.
func completeTOMLFiles(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"toml"}, cobra.ShellCompDirectiveFilterFileExt
}

// mustComplete registers a flag's completion, which fails only for a flag that does not
// exist or has one already: a mistake in this package.
func mustComplete(cmd *cobra.Command, flag string, f cobra.CompletionFunc) {
	if err := cmd.RegisterFlagCompletionFunc(flag, f); err != nil {
		panic(err)
	}
}
