package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/ui"
)

// notesFlags holds the flags of tlx notes beyond the shared filter flags.
type notesFlags struct {
	orphans bool
	asJSON  bool
	path    bool
	adopt   string // --adopt FILE: take an earlier notebook's marks, notes and views
}

func newNotesCmd(o *options) *cobra.Command {
	var x notesFlags
	cmd := &cobra.Command{
		Use:   "notes [filters]",
		Short: "List the marks and notes of the timeline's notebook",
		Long: `notes lists the events you marked or wrote a note on, in the timeline's order: DATE  ID
TITLE and the mark's labels ([key, check], or [marked] for a plain mark), each note
indented under its event, then the saved views. The filters narrow the list as they
narrow tlx list (and leave the views out).

Each timeline has its own notebook, a TOML file in your data folder (--path prints
where); --notebook FILE uses another, such as one kept beside the timeline in git.
Marks and notes on events the timeline no longer has (an id changed, an event was
removed) are kept: --orphans lists them.

Moving a timeline file or changing its title gives it a new notebook. tlx notes then
names an earlier notebook in the folder that names the same file or title, and
--adopt FILE takes its marks, notes and views into the timeline's notebook (where both
have something on an event or a view, the timeline's is kept); FILE is left as it was.

tlx notes only reads the notebook. A notebook that is not valid is reported with its
line, and tlx notes exits 1.`,
		Example: `  tlx notes
  tlx notes --actor iran
  tlx notes --orphans
  tlx notes -f mytimeline.toml --notebook mytimeline.notes.toml --json
  tlx notes --path
  tlx notes -f mytimeline.toml --adopt ~/.local/share/tlx/notebooks/old-title-3f0c2a91b7de.toml`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.runNotes(cmd, x)
		},
	}
	addFilterFlags(cmd, o)
	f := cmd.Flags()
	f.BoolVar(&x.orphans, "orphans", false, "list the marks and notes of events that are no longer in the timeline")
	f.BoolVar(&x.asJSON, "json", false, "print the notebook's entries and views as a JSON object")
	f.BoolVar(&x.path, "path", false, "print the notebook's file name and nothing else")
	f.StringVar(&x.adopt, "adopt", "", "take the marks, notes and views of an earlier notebook FILE of this timeline")
	setArg(f, "adopt", "FILE")
	mustComplete(cmd, "adopt", completeTOMLFiles)
	return cmd
}

// notebookSource says which timeline t is, for the notebook's key.
func (o *options) notebookSource(t *timeline.Timeline) notebook.Source {
	return notebook.Source{Path: o.file, Title: t.Title}
}

// readNotebook opens the notebook of t for reading, as every command but the explorer
// does. A notebook that does not read is a failure.
func (o *options) readNotebook(t *timeline.Timeline) (*notebook.Notebook, error) {
	nb, err := notebook.OpenFor(o.notebook, o.notebookSource(t), notebook.Options{ReadOnly: true, Timeline: t})
	if err != nil {
		return nil, failure(err)
	}
	return nb, nil
}

func (o *options) runNotes(cmd *cobra.Command, x notesFlags) error {
	t, f, events, err := o.selected()
	if err != nil {
		return err
	}
	if x.orphans && !f.IsZero() {
		return usageErrorf("--orphans lists events the timeline no longer has, which filters cannot select; drop the filters")
	}
	if x.adopt != "" {
		if x.orphans || x.asJSON || x.path {
			return usageErrorf("--adopt FILE changes the notebook and lists nothing; run it alone, then tlx notes")
		}
		return o.adoptNotebook(cmd, t, x.adopt)
	}
	nb, err := o.readNotebook(t)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	if x.path {
		_, err := fmt.Fprintln(out, timeline.SanitizeLine(nb.Path()))
		return err
	}
	st := nb.State()
	var rows []noteRow
	if x.orphans {
		for _, e := range st.Orphans(t) {
			rows = append(rows, noteRow{Entry: e, orphan: true})
		}
	} else {
		for _, ev := range events {
			if e, ok := st.Entry(ev.ID); ok {
				e.Title = ev.Title
				rows = append(rows, noteRow{Entry: e, date: ev.Date.String(), shown: ev.ShortSpan()})
			}
		}
	}
	if x.asJSON {
		err = writeNotesJSON(out, nb.Path(), rows, st.Views())
	} else {
		err = writeNotes(o.colorWriter(out), rows, st.Views(), !x.orphans && f.IsZero())
	}
	if err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	switch orphans := len(st.Orphans(t)); {
	case st.Len() == 0 && len(st.Views()) == 0:
		fmt.Fprintf(stderr, "No marks, notes or views yet in %s\n", timeline.SanitizeLine(nb.Path()))
	case x.orphans && orphans == 0:
		fmt.Fprintln(stderr, "No orphans: every mark and note is on an event of the timeline")
	case !x.orphans && orphans > 0:
		fmt.Fprintf(stderr, "%s on events the timeline no longer has; tlx notes --orphans lists them\n", count(orphans, "mark or note", "marks or notes"))
	}
	if !x.orphans {
		earlierNotebooks(stderr, nb)
	}
	return nil
}

// earlierNotebooks names the earlier notebooks of the timeline, if any (its file moved
// or its title changed, so its notebook is new), and how to take what they hold.
func earlierNotebooks(w io.Writer, nb *notebook.Notebook) {
	for _, e := range nb.Earlier() {
		old := timeline.SanitizeLine(e.Path)
		fmt.Fprintf(w, "An earlier notebook %s: %s\n", timeline.SanitizeLine(e.Why()), old)
		fmt.Fprintf(w, "  It holds %s.\n", timeline.SanitizeLine(e.Holds()))
		fmt.Fprintf(w, "  tlx notes --adopt %s takes them into this one (or --notebook %s uses it as it is)\n", old, old)
	}
}

// adoptNotebook takes the marks, notes and views of the notebook at from into t's.
func (o *options) adoptNotebook(cmd *cobra.Command, t *timeline.Timeline, from string) error {
	nb, err := notebook.OpenFor(o.notebook, o.notebookSource(t), notebook.Options{Timeline: t})
	if err != nil {
		return failure(err)
	}
	_, got, err := nb.Adopt(from)
	if errors.Is(err, notebook.ErrInput) {
		return usage(err)
	}
	if err != nil {
		return failure(err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Adopted %s from %s into %s; %s was left as it was: remove it once you no longer need it\n",
		timeline.SanitizeLine(got.String()), timeline.SanitizeLine(from), timeline.SanitizeLine(nb.Path()), timeline.SanitizeLine(from))
	return nil
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one + " is"
	}
	return fmt.Sprintf("%d %s are", n, many)
}

// noteRow is one line of tlx notes: an entry, with its event's date when the timeline
// has it.
type noteRow struct {
	notebook.Entry
	date   string // as the file writes it, for JSON
	shown  string // as tlx list shows it: Event.ShortSpan
	orphan bool
}

// markText says how an entry is marked: "[key, check]", "[marked]" or "".
func markText(e notebook.Entry) string {
	switch {
	case len(e.Labels) > 0:
		return "[" + strings.Join(e.Labels, ", ") + "]"
	case e.Marked:
		return "[marked]"
	}
	return ""
}

// writeNotes prints DATE  ID  TITLE  [labels], each note indented under its event, then
// the views. Orphans have no date. Everything from the notebook is sanitised: a notebook
// may come from someone else's repository.
func writeNotes(w io.Writer, rows []noteRow, views []notebook.View, withViews bool) error {
	idWidth, dateWidth := 0, 10
	for _, r := range rows {
		idWidth = max(idWidth, lipgloss.Width(timeline.SanitizeLine(r.ID)))
		dateWidth = max(dateWidth, lipgloss.Width(r.shown))
	}
	styles := ui.NewCLIStyles()
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		if !r.orphan {
			b.WriteString(styles.Date.Render(r.shown+strings.Repeat(" ", dateWidth-lipgloss.Width(r.shown))) + "  ")
		}
		id := timeline.SanitizeLine(r.ID)
		b.WriteString(styles.ID.Render(id) + strings.Repeat(" ", idWidth-lipgloss.Width(id)))
		if title := timeline.SanitizeLine(r.Title); title != "" {
			b.WriteString("  " + title)
		}
		if m := markText(r.Entry); m != "" {
			b.WriteString("  " + m)
		}
		b.WriteString("\n")
		if r.Note != "" {
			for _, line := range strings.Split(timeline.Sanitize(r.Note), "\n") {
				b.WriteString(strings.TrimRight("    "+line, " ") + "\n")
			}
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	if !withViews || len(views) == 0 {
		return nil
	}
	b.Reset()
	if len(rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("Views:\n")
	nameWidth := 0
	for _, v := range views {
		nameWidth = max(nameWidth, lipgloss.Width(timeline.SanitizeLine(v.Name)))
	}
	for _, v := range views {
		name := timeline.SanitizeLine(v.Name)
		fmt.Fprintf(&b, "  %s%s  %s\n", name, strings.Repeat(" ", nameWidth-lipgloss.Width(name)), timeline.SanitizeLine(v.Query))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// notesJSON is what tlx notes --json prints.
type notesJSON struct {
	Notebook string      `json:"notebook"`
	Entries  []entryJSON `json:"entries"`
	Views    []viewJSON  `json:"views"`
}

type entryJSON struct {
	ID     string   `json:"id"`
	Date   string   `json:"date,omitempty"` // the event's date; none for an orphan
	Title  string   `json:"title,omitempty"`
	Marked bool     `json:"marked"`
	Labels []string `json:"labels"`
	Note   string   `json:"note,omitempty"`
	Orphan bool     `json:"orphan"`
}

type viewJSON struct {
	Name  string `json:"name"`
	Query string `json:"query"`
}

func writeNotesJSON(w io.Writer, path string, rows []noteRow, views []notebook.View) error {
	doc := notesJSON{Notebook: path, Entries: []entryJSON{}, Views: []viewJSON{}}
	for _, r := range rows {
		labels := r.Labels
		if labels == nil {
			labels = []string{}
		}
		doc.Entries = append(doc.Entries, entryJSON{ID: r.ID, Date: r.date, Title: r.Title, Marked: r.Marked,
			Labels: labels, Note: r.Note, Orphan: r.orphan})
	}
	for _, v := range views {
		doc.Views = append(doc.Views, viewJSON(v))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
