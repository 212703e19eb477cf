package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// The explorer marks and notes events from the keyboard; these commands do the same from
// a shell or a script, through the same notebook API, so a change is merged with what
// other tlx processes save exactly as the explorer's are.

func newMarkCmd(o *options) *cobra.Command {
	var remove bool
	cmd := &cobra.Command{
		Use:   "mark ID [LABELS]",
		Short: "Mark an event in the timeline's notebook, with labels or without",
		Long: `mark marks the event ID in the timeline's notebook, adding each LABEL to the mark.
Labels are lower-case words such as key, check or dubious (letters, digits and dashes);
a mark without labels is a plain mark. --remove takes the LABELs off the mark, or the
whole mark when none is given; the event's note stays.

tlx notes lists what is marked; --marked keeps only marked events in tlx, tlx list and
tlx export. The change is saved at once, merged with what other tlx windows saved.`,
		Example: `  tlx mark 2024-07-13-butler
  tlx mark 2024-07-13-butler key check
  tlx mark --remove 2024-07-13-butler check
  tlx mark --remove 2024-07-13-butler`,
		Args:              argsRange(1, -1),
		ValidArgsFunction: o.completeLabels,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.runMark(cmd, args[0], args[1:], remove)
		},
	}
	cmd.Flags().BoolVar(&remove, "remove", false, "take the labels, or the whole mark, off the event")
	return cmd
}

func newNoteCmd(o *options) *cobra.Command {
	var remove, appendText bool
	cmd := &cobra.Command{
		Use:   "note ID [TEXT | -]",
		Short: "Write the note on an event in the timeline's notebook",
		Long: `note replaces the note on the event ID with TEXT, or with standard input when TEXT is
-. Without TEXT it opens the note in $VISUAL or $EDITOR and saves what you write when
the editor exits. --append adds TEXT after the note instead, as a paragraph of its own,
which suits scripts: it never overwrites what another tlx saved. --remove deletes the
note; so does saving it empty.

The note is saved at once. If another tlx saved the same note while you were writing
yours, neither text is lost: the note holds both, separated by a marked line, for you
to merge with tlx note ID.`,
		Example: `  tlx note 2024-07-13-butler "Two sources only; check the FBI's timeline."
  tlx note 2024-07-13-butler
  echo "from a script" | tlx note --append 2024-07-13-butler -
  tlx note --remove 2024-07-13-butler`,
		Args:              argsRange(1, 2),
		ValidArgsFunction: o.completeEventID,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.runNote(cmd, args, remove, appendText)
		},
	}
	cmd.Flags().BoolVar(&remove, "remove", false, "delete the note")
	cmd.Flags().BoolVar(&appendText, "append", false, "add TEXT after the note as a paragraph of its own")
	return cmd
}

// writeNotebook loads the timeline and opens its notebook for changes. The event id must
// be the timeline's, except when removing (an orphan may be cleaned up).
func (o *options) writeNotebook(id string, removing bool) (*timeline.Timeline, *notebook.Notebook, error) {
	t, err := o.load()
	if err != nil {
		return nil, nil, err
	}
	nb, err := notebook.OpenFor(o.notebook, o.notebookSource(t), notebook.Options{Timeline: t})
	if err != nil {
		return nil, nil, failure(err)
	}
	_, inNotebook := nb.State().Entry(id)
	if t.Event(id) == nil && !(removing && inNotebook) {
		return nil, nil, unknownEvent(t, id)
	}
	return t, nb, nil
}

// unknownEvent is the usage error for an id the timeline does not have.
func unknownEvent(t *timeline.Timeline, id string) error {
	ids := make([]string, len(t.Events))
	for i := range t.Events {
		ids[i] = t.Events[i].ID
	}
	if s := timeline.Suggest(id, ids); s != "" {
		return usageErrorf("the timeline has no event %s; did you mean %q?", quoteArg(id), s)
	}
	return usageErrorf("the timeline has no event %s; tlx list shows the ids", quoteArg(id))
}

func (o *options) runMark(cmd *cobra.Command, id string, labels []string, remove bool) error {
	_, nb, err := o.writeNotebook(id, remove)
	if err != nil {
		return err
	}
	if len(labels) == 0 {
		labels = []string{""}
	}
	known := nb.State().Labels() // before this mark: a typo of one of them is a new label
	var st *notebook.State
	for _, l := range labels {
		if remove {
			st, err = nb.Unmark(id, l)
		} else {
			st, err = nb.Mark(id, l)
		}
		if err != nil {
			return notebookError(err)
		}
	}
	e, _ := st.Entry(id)
	if m := markText(e); m != "" {
		fmt.Fprintf(cmd.ErrOrStderr(), "Marked %s %s\n", timeline.SanitizeLine(id), m)
		if !remove {
			for _, n := range newLabelNotes(id, labels, known) {
				fmt.Fprintln(cmd.ErrOrStderr(), timeline.SanitizeLine(n))
			}
		}
	} else {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s is not marked\n", timeline.SanitizeLine(id))
	}
	return nil
}

// newLabelNotes says of each label that the notebook did not use before and that is
// close to one it did, that it is new and which was perhaps meant: labels are free
// words, so a typo is taken as a new one (F14 of tryout3).
func newLabelNotes(id string, labels, known []string) []string {
	var notes []string
	for _, l := range labels {
		l = strings.ToLower(strings.TrimSpace(l))
		if l == "" || slices.Contains(known, l) {
			continue
		}
		if s := timeline.Suggest(l, known); s != "" {
			notes = append(notes, fmt.Sprintf("%s is a new label; did you mean %q? tlx mark --remove %s %s takes it off",
				quoteArg(l), s, timeline.SanitizeLine(id), l))
		}
	}
	return notes
}

// notebookError gives a failed change its exit status: 2 for what the command line gave
// (a label that is not a word), 1 for the rest.
func notebookError(err error) error {
	if errors.Is(err, notebook.ErrInput) {
		return usage(err)
	}
	return failure(err)
}

func (o *options) runNote(cmd *cobra.Command, args []string, remove, appendText bool) error {
	id := args[0]
	if remove && appendText {
		return usageErrorf("--remove and --append do not go together: remove the note, or add to it")
	}
	if remove && len(args) > 1 {
		return usageErrorf("--remove takes no TEXT")
	}
	if appendText && len(args) < 2 {
		return usageErrorf("--append needs the TEXT to add (or - for standard input)")
	}
	_, nb, err := o.writeNotebook(id, remove)
	if err != nil {
		return err
	}
	base := nb.State().Note(id)
	var text string
	switch {
	case remove:
	case len(args) > 1 && args[1] == "-":
		b, err := io.ReadAll(io.LimitReader(cmd.InOrStdin(), 1<<20+1))
		if err != nil {
			return failure(fmt.Errorf("read the note from standard input: %w", err))
		}
		text = string(b)
	case len(args) > 1:
		text = args[1]
	default:
		if text, err = editNote(cmd.Context(), id, base); err != nil {
			return err
		}
	}
	if appendText {
		if _, err := nb.AppendNote(id, text); err != nil {
			return notebookError(err)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "Added to the note on %s\n", timeline.SanitizeLine(id))
		return nil
	}
	st, both, err := nb.EditNote(id, base, text)
	if err != nil {
		return notebookError(err)
	}
	stderr, sid := cmd.ErrOrStderr(), timeline.SanitizeLine(id)
	switch {
	case both && strings.TrimSpace(text) == "":
		fmt.Fprintf(stderr, "The note on %s was not removed: another tlx saved a new text meanwhile, which is kept\n", sid)
	case both:
		fmt.Fprintf(stderr, "Another tlx saved the note on %s while you wrote yours: both texts are kept, separated by a line; run tlx note %s to merge them\n", sid, sid)
	case st.Note(id) == "":
		fmt.Fprintf(stderr, "Removed the note on %s\n", sid)
	default:
		fmt.Fprintf(stderr, "Saved the note on %s\n", sid)
	}
	return nil
}

// editNote opens the note in the reader's editor and returns what it holds when the
// editor exits. The temporary file is private to the user and removed afterwards.
func editNote(ctx context.Context, id, note string) (string, error) {
	editor := strings.TrimSpace(os.Getenv("VISUAL"))
	if editor == "" {
		editor = strings.TrimSpace(os.Getenv("EDITOR"))
	}
	if editor == "" {
		return "", usageErrorf("no editor: set $VISUAL or $EDITOR, or give the note as TEXT (or - for standard input)")
	}
	f, err := os.CreateTemp("", "tlx-note-*.txt")
	if err != nil {
		return "", failure(fmt.Errorf("cannot make a file to edit the note in: %w", err))
	}
	name := f.Name()
	defer os.Remove(name)
	if note != "" {
		note += "\n"
	}
	_, err = f.WriteString(note)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", failure(fmt.Errorf("cannot write %s: %w", name, err))
	}
	var c *exec.Cmd
	if runtime.GOOS == "windows" {
		fields := strings.Fields(editor)
		c = exec.CommandContext(ctx, fields[0], append(fields[1:], name)...)
	} else {
		// As git does: the editor variable is a shell command, such as "code --wait".
		c = exec.CommandContext(ctx, "/bin/sh", "-c", editor+` "$1"`, editor, name)
	}
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := c.Run(); err != nil {
		return "", failure(fmt.Errorf("the editor (%s) failed on the note of %s: %w; the note was not changed", editor, quoteArg(id), err))
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", failure(fmt.Errorf("cannot read the edited note: %w", err))
	}
	return string(b), nil
}
