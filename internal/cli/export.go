package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/internal/atomicfile"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// exportFlags holds the flags of tlx export beyond the shared filter flags.
type exportFlags struct {
	out     string
	format  string // --format: a name of export.Formats; "" takes it from -o's name
	force   bool
	title   string
	stamp   bool
	noNotes bool // --no-notes: leave the reader's marks and notes out
}

func newExportCmd(o *options) *cobra.Command {
	var x exportFlags
	cmd := &cobra.Command{
		Use:   "export [filters] [-o FILE]",
		Short: "Write the matching events as Markdown, TimelineJS, CSV, JSON Lines, iCalendar, JSON or TOML",
		Long: `export writes the events that the filters select, by default as a Markdown (CommonMark) document:
a title, a header naming the timeline, the filters in words and the number of events,
then the events under a heading per year, each with its actors, themes, status,
location, summary, related events and numbered sources, then your mark and note on it
from the timeline's notebook, labelled as yours (--no-notes leaves them out). The
explorer's export key writes the same document for the same filters.

The document goes to standard output, or with -o to FILE. An existing FILE is left
untouched unless --force is given; the file is written atomically, so an interrupted
export never leaves half a file or destroys the old one.

--format chooses another format, as does -o's file name ending when --format is not given:
  markdown    .md                the document above
  timelinejs  .timelinejs.json   TimelineJS's JSON, for Knight Lab's viewer
  csv         .csv               a TimelineJS sheet, for its Google Sheet
  jsonl       .jsonl             JSON Lines that Timesketch imports
  ics         .ics               iCalendar, one all-day event per event
  json        .json              tlx JSON: the whole timeline; tlx reads it
  toml        .toml              tlx TOML: the whole timeline, for authors
Any other ending is refused (a typo such as .jsn must not become Markdown unsaid); a name
with no ending is Markdown. tlx help format says what each holds and what it leaves out.
Every format but json and toml carries your marks and notes, labelled as yours (jsonl in
tag and reader_note); a timeline file leaves them in the notebook (tlx notes --json).

The same export gives the same bytes every time; --stamp adds the time of export.`,
		Example: `  tlx export --actor routh -o routh.md
  tlx export --theme cyber --from 2024 --title "Iran's hacking, 2024" -o cyber.md
  tlx export -f mytimeline.toml --status alleged,disputed > contested.md
  tlx export -o report.md --force --stamp
  tlx export --theme cyber -o cyber.ics
  tlx export --format timelinejs -o timeline.json`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.runExport(cmd, x)
		},
	}
	addFilterFlags(cmd, o)
	f := cmd.Flags()
	f.StringVarP(&x.out, "output", "o", "", "write to this file instead of standard output (- is standard output)")
	f.StringVar(&x.format, "format", "", "format to write: "+export.Names()+" (default: from -o's name, else markdown)")
	f.BoolVar(&x.force, "force", false, "replace FILE if it exists")
	f.StringVar(&x.title, "title", "", "document title (default: the timeline's title)")
	setArg(f, "output", "FILE")
	setArg(f, "format", "FORMAT")
	mustComplete(cmd, "format", completeFormats)
	mustComplete(cmd, "title", cobra.NoFileCompletions)
	setArg(f, "title", "TEXT")
	f.BoolVar(&x.stamp, "stamp", false, "add the time of export to the header")
	f.BoolVar(&x.noNotes, "no-notes", false, "leave your marks and notes out of the document")
	return cmd
}

func (o *options) runExport(cmd *cobra.Command, x exportFlags) error {
	if x.force && x.out == "" {
		return usageErrorf("--force needs -o FILE: standard output is never a file to protect")
	}
	format, defaulted, err := outputFormat("--format", x.format, x.out, "markdown")
	if err != nil {
		return err
	}
	t, f, events, err := o.selected()
	if err != nil {
		return err
	}
	opts := export.Options{Title: x.title, Filter: f, Version: o.build.Version}
	kept := 0 // events whose marks and notes a timeline file leaves in the notebook
	if format.Notes {
		if opts.Filter, opts.Annotations, err = o.exportNotes(t, f, x.noNotes); err != nil {
			return err
		}
	} else if _, ann, err := o.exportNotes(t, f, x.noNotes); err == nil {
		// A timeline file does not take the reader's notes, lest they become the
		// timeline's text; a notebook that does not read has nothing to say here.
		kept = export.Annotated(ann, events)
	}
	if x.stamp {
		opts.Stamp = time.Now()
	}
	err = writeOutput(cmd, x.out, x.force, func(w io.Writer) error {
		return format.Write(w, t, events, opts)
	})
	if err == nil && x.out != "" && x.out != "-" {
		asMarkdown := ""
		if defaulted { // the name has no ending to say it
			asMarkdown = " as Markdown"
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "Exported %d of %d events to %s%s\n", len(events), len(t.Events), timeline.SanitizeLine(x.out), asMarkdown)
		if kept > 0 {
			fmt.Fprintf(cmd.ErrOrStderr(), "Your marks and notes on %d of them stay in the notebook, not in a timeline file: tlx notes --json lists them\n", kept)
		}
	}
	return err
}

// outputFormat returns the writer that name (a --format or --to value) names, else the
// one out's file name ending names (export.ForPath), else the writer named fallback, when
// out has no ending (defaulted) or is standard output. An ending no format has is an
// error, never the fallback. flag names the flag in messages.
func outputFormat(flag, name, out, fallback string) (f export.Format, defaulted bool, err error) {
	if name != "" {
		f, ok := export.ByName(name)
		if !ok {
			hint := ""
			if s := timeline.Suggest(strings.ToLower(name), strings.Split(export.Names(), "|")); s != "" {
				hint = fmt.Sprintf("did you mean %q? ", s)
			}
			return f, false, usageErrorf("%s %q is not a format tlx writes; %suse one of %s", flag, timeline.SanitizeLine(name), hint, strings.ReplaceAll(export.Names(), "|", ", "))
		}
		return f, false, nil
	}
	file := out != "" && out != "-"
	if file {
		f, defaulted, err := export.ForPath(out)
		if err != nil {
			force := flag + " md"
			if fallback == "" {
				force = flag
			}
			return f, false, usageErrorf("-o %s: %w; or choose the format with %s", timeline.SanitizeLine(out), err, force)
		}
		if !defaulted {
			return f, false, nil
		}
	}
	f, ok := export.ByName(fallback)
	if !ok {
		return f, false, usageErrorf("%s: give the format to write, one of %s", flag, strings.ReplaceAll(export.Names(), "|", ", "))
	}
	return f, file, nil
}

// writeOutput writes what write produces to standard output when out is "" or "-", else
// to the file out, atomically, replacing it only when force is set. A signal stops the
// writing through the error path, which removes the temporary file, instead of ending
// the process with the file half written beside the target.
func writeOutput(cmd *cobra.Command, out string, force bool, write func(io.Writer) error) error {
	if out == "" || out == "-" {
		if err := write(cmd.OutOrStdout()); err != nil {
			return failure(fmt.Errorf("write to standard output: %w", err))
		}
		return nil
	}
	ctx, stop := stopOnSignal(cmd.Context())
	defer stop()
	err := atomicfile.WriteFunc(out, force, func(w io.Writer) error {
		return write(stopWriter{ctx, w})
	})
	name := timeline.SanitizeLine(out)
	if errors.Is(err, context.Canceled) {
		var sig signalError
		if errors.As(context.Cause(ctx), &sig) {
			fmt.Fprintf(cmd.ErrOrStderr(), "Export stopped by %s: the temporary file was removed and %s was left as it was\n", sig.name(), name)
			return &exitError{code: sig.exitCode(), err: errSilent}
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "Export interrupted: the temporary file was removed and %s was left as it was\n", name)
		return err
	}
	if errors.Is(err, atomicfile.ErrExists) {
		return failure(fmt.Errorf("%s already exists and was left untouched; add --force to replace it, or choose another name with -o", out))
	}
	if err != nil {
		return failure(err)
	}
	return nil
}

// stopSignals are the signals that end a process and can be caught: ctrl+c, ctrl+\, kill,
// and a terminal or ssh connection closing. SIGKILL cannot be caught; what it leaves
// behind, the next export into the same folder clears.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return "stopped by " + e.name() }

// name is the signal's usual name, such as SIGINT.
func (e signalError) name() string {
	switch e.sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	case syscall.SIGQUIT:
		return "SIGQUIT"
	}
	return e.sig.String()
}

// exitCode is the status a shell gives a process the signal ended: 128 and its number.
func (e signalError) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitStopped
}

// stopOnSignal returns a context cancelled, with a signalError as its cause, when one of
// stopSignals arrives, and the function that stops listening. Until then, those signals
// no longer end the process.
func stopOnSignal(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals...)
	go func() {
		select {
		case s := <-sigs:
			cancel(signalError{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		cancel(nil)
	}
}

// stopWriter fails every write once ctx is done.
type stopWriter struct {
	ctx context.Context
	w   io.Writer
}

func (s stopWriter) Write(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	return s.w.Write(p)
}
