package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// The filters that need the reader's notebook: --marked, which matches its marks, and
// --view NAME, which starts from one of its saved views. Both are resolved once the
// timeline is loaded, since the notebook is the timeline's.

// addNotebookFlags gives a command that filters the --view flag.
func addNotebookFlags(cmd *cobra.Command, o *options) {
	cmd.Flags().StringVar(&o.view, "view", "", "start from this saved view of the notebook (tlx notes lists them); other filter flags replace its parts of their kind")
	annotate(cmd.Flags().Lookup("view"), annotFilter, "view")
	setArg(cmd.Flags(), "view", "NAME")
	mustComplete(cmd, "view", o.completeViews)
}

// needsNotebook reports whether the filter flags can only be resolved with the notebook.
func (o *options) needsNotebook() bool {
	return o.view != "" || len(o.filters[timeline.MarkedFilter]) > 0
}

// withNotebook resolves the filter flags that need the notebook of t: it starts from the
// view --view names, with f's parts in place of the view's of the same kinds, and makes
// the filter carry the notebook's marks and notes, which --marked matches and --search
// searches too. Without such flags it returns f as it is; with --search alone and no data
// folder to find a notebook in (no $HOME), it searches the timeline alone.
func (o *options) withNotebook(t *timeline.Timeline, f timeline.Filter) (timeline.Filter, error) {
	search := f.Text() != ""
	if !o.needsNotebook() && !search {
		return f, nil
	}
	nb, err := notebook.OpenFor(o.notebook, o.notebookSource(t), notebook.Options{ReadOnly: true, Timeline: t})
	switch {
	case err != nil && !o.needsNotebook() && o.notebook == "" && errors.Is(err, notebook.ErrNoDataDir):
		return f, nil
	case err != nil:
		return f, failure(err)
	}
	st := nb.State()
	if o.view != "" {
		vf, err := viewFilter(nb, o.view)
		if err != nil {
			return f, err
		}
		for _, p := range f.Parts() {
			vf = vf.With(p.Kind, p.Values...)
		}
		if err := vf.Check(); err != nil {
			return f, usageErrorf("--view %s with the other flags: %w", o.view, err)
		}
		f = vf
	}
	return f.WithAnnotations(st), nil
}

// nameList lists names for a message, separated by commas, each in quotes when it holds
// anything but letters, digits, dashes, dots and underscores: a view called "iran all"
// would otherwise read as two (F14 of tryout3).
func nameList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = n
		if n == "" || strings.ContainsFunc(n, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-._", r))
		}) {
			q[i] = quoteArg(timeline.SanitizeLine(n))
		}
	}
	return strings.Join(q, ", ")
}

// viewFilter reads the query of the view called name.
func viewFilter(nb *notebook.Notebook, name string) (timeline.Filter, error) {
	st := nb.State()
	v, ok := st.View(name)
	if !ok {
		names := st.ViewNames()
		switch s := timeline.Suggest(name, names); {
		case len(names) == 0:
			return timeline.Filter{}, usageErrorf("no view %s: the notebook %s has none yet", quoteArg(name), nb.Path())
		case s != "":
			return timeline.Filter{}, usageErrorf("no view %s; did you mean %q?", quoteArg(name), s)
		default:
			return timeline.Filter{}, usageErrorf("no view %s; the views are %s", quoteArg(name), nameList(names))
		}
	}
	f, err := timeline.ParseQuery(v.Query)
	if err != nil {
		return f, failure(fmt.Errorf("view %s in %s: %w", quoteArg(name), nb.Path(), err))
	}
	if err := f.Check(); err != nil {
		return f, failure(fmt.Errorf("view %s in %s: %w", quoteArg(name), nb.Path(), err))
	}
	return f, nil
}

// filterError is the usage error of a filter that t rejects: each value it does not
// have says where to see those it has (choicesError), and the whole is labelled with
// the view it came from, if one did.
func (o *options) filterError(t *timeline.Timeline, err error) error {
	err = choicesError(t, err)
	if o.view != "" && errors.Is(err, timeline.ErrUnknownValue) {
		err = fmt.Errorf("view %s: %w", quoteArg(o.view), err)
	}
	return usage(err)
}

// joinAlone rewrites "--marked LABEL" as "--marked=LABEL". A flag that may be given
// alone (--marked: any mark) takes a value only after "=" in pflag, which would leave
// LABEL as an argument; no command that filters takes arguments, so a word that follows
// such a flag, looks like its value and is not a command is its value.
func joinAlone(root *cobra.Command, args []string) []string {
	var alone []string
	for _, k := range timeline.FilterKinds() {
		if k.Alone() != "" {
			alone = append(alone, "--"+k.Name())
		}
	}
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if slices.Contains(alone, a) && i+1 < len(args) && aloneValue(root, args[i+1]) {
			out = append(out, a+"="+args[i+1])
			i++
			continue
		}
		out = append(out, a)
	}
	return out
}

// aloneValue reports whether arg reads as the value of a flag such as --marked: labels,
// comma-separated, and not the name of a command.
func aloneValue(root *cobra.Command, arg string) bool {
	if arg == "" || strings.HasPrefix(arg, "-") {
		return false
	}
	for _, c := range root.Commands() {
		if c.Name() == arg || slices.Contains(c.Aliases, arg) {
			return false
		}
	}
	for _, v := range strings.Split(arg, ",") {
		v = strings.ToLower(strings.TrimSpace(v))
		if v != timeline.AnyMark && !timeline.ValidLabel(v) {
			return false
		}
	}
	return true
}

// exportNotes returns the filter for an export's header and the reader's marks and notes
// to write in it: the notebook's, unless noNotes. A notebook that does not read fails the
// export, lest notes be left out without a word; but with no --notebook and no data
// folder to look in (no $HOME), there are no notes to leave out.
func (o *options) exportNotes(t *timeline.Timeline, f timeline.Filter, noNotes bool) (timeline.Filter, timeline.Annotations, error) {
	if noNotes {
		return f.WithAnnotations(nil), nil, nil
	}
	if ann := f.Annotations(); ann != nil {
		return f, ann, nil
	}
	nb, err := notebook.OpenFor(o.notebook, o.notebookSource(t), notebook.Options{ReadOnly: true, Timeline: t})
	switch {
	case o.notebook == "" && errors.Is(err, notebook.ErrNoDataDir):
		return f, nil, nil
	case err != nil:
		return f, nil, failure(err)
	}
	return f, nb.State(), nil
}

// viewFlags holds the flags of tlx view beyond the shared filter flags.
type viewFlags struct {
	query  string
	force  bool
	delete bool
}

func newViewCmd(o *options) *cobra.Command {
	var x viewFlags
	cmd := &cobra.Command{
		Use:   "view NAME [filters | --query TEXT]",
		Short: "Save the filters as a view in the timeline's notebook, or show one",
		Long: `view saves the filters under NAME in the timeline's notebook, as the query text you
could type (actor:routh from:2024-06 "golf course"), for tlx --view NAME, tlx list --view
NAME and tlx export --view NAME. --query gives that text directly; filter flags given
with it replace its parts of their kind. The filters are checked against the timeline
first, as tlx list checks them.

A view of that name saved with another query is kept unless --force replaces it.
Without filters, view prints the view's query; --delete removes the view. tlx notes
lists the views.`,
		Example: `  tlx view routh-summer --actor routh --from 2024-06 --to 2024-09
  tlx view hacking --query 'theme:cyber "phishing"'
  tlx view routh-summer
  tlx list --view routh-summer
  tlx view --delete routh-summer`,
		Args:              argsRange(1, 1),
		ValidArgsFunction: o.completeViews,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.runView(cmd, args[0], x)
		},
	}
	addFilterFlags(cmd, o)
	f := cmd.Flags()
	f.StringVar(&x.query, "query", "", "the view's filters as query text")
	setArg(f, "query", "TEXT")
	mustComplete(cmd, "query", cobra.NoFileCompletions)
	f.BoolVar(&x.force, "force", false, "replace a view of that name saved with another query")
	f.BoolVar(&x.delete, "delete", false, "remove the view")
	return cmd
}

func (o *options) runView(cmd *cobra.Command, name string, x viewFlags) error {
	f, err := o.filter()
	if err != nil {
		return err
	}
	if x.query != "" {
		q, err := timeline.ParseQuery(x.query)
		if err != nil {
			return usageErrorf("--query: %w", err)
		}
		for _, p := range f.Parts() {
			q = q.With(p.Kind, p.Values...)
		}
		if err := q.Check(); err != nil {
			return usageErrorf("--query: %w", err)
		}
		f = q
	}
	t, err := o.load()
	if err != nil {
		return err
	}
	nb, err := notebook.OpenFor(o.notebook, o.notebookSource(t), notebook.Options{Timeline: t})
	if err != nil {
		return failure(err)
	}
	if f.IsZero() && !x.delete && !o.needsNotebook() {
		v, ok := nb.State().View(name)
		if !ok {
			_, err := viewFilter(nb, name)
			return err
		}
		_, err := fmt.Fprintln(cmd.OutOrStdout(), timeline.SanitizeLine(v.Query))
		return err
	}
	stderr, sname := cmd.ErrOrStderr(), timeline.SanitizeLine(name)
	if x.delete {
		v, ok := nb.State().View(name)
		if !ok {
			_, err := viewFilter(nb, name)
			return err
		}
		if _, err := nb.DeleteView(name, v.Query); err != nil {
			return notebookError(err)
		}
		fmt.Fprintf(stderr, "Deleted view %s\n", sname)
		return nil
	}
	if f, err = o.withNotebook(t, f); err != nil {
		return err
	}
	events, err := t.Filter(f)
	if err != nil {
		return o.filterError(t, err)
	}
	query := f.String()
	base := ""
	if v, ok := nb.State().View(name); ok && v.Query != query {
		if !x.force {
			return usageErrorf("view %s is saved as %s; add --force to replace it, or choose another name", quoteArg(name), quoteArg(v.Query))
		}
		base = v.Query
	}
	if _, err := nb.SaveView(name, query, base); err != nil {
		return notebookError(err)
	}
	fmt.Fprintf(stderr, "Saved view %s: %s (%d of %d events)\n", sname, timeline.SanitizeLine(query), len(events), len(t.Events))
	return nil
}

// explorerNotebook resolves --view and --marked for the explorer, which loads the
// timeline itself: the notebook belongs to the timeline, so the timeline is loaded here
// first, only when those flags need it. The explorer then filters with the notebook's
// marks as they were at start.
func (o *options) explorerNotebook(f timeline.Filter) (timeline.Filter, error) {
	if !o.needsNotebook() {
		return f, nil
	}
	t, err := o.load()
	if err != nil {
		return f, err
	}
	if f, err = o.withNotebook(t, f); err != nil {
		return f, err
	}
	if _, err := t.Filter(f); err != nil {
		return f, o.filterError(t, err)
	}
	return f, nil
}
